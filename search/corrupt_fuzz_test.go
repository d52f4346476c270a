package search

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
	"testing"
	"time"
)

var goodIndex = sync.OnceValues(func() ([]byte, error) {
	return Build(context.Background(), testDocs, "")
})

// damage applies edits to a copy of good and recomputes the checksum,
// as a forger or an unlucky disk would leave it. edits is read as
// (offset: 3 bytes, xor: 1 byte) pairs; cut, when not 0, drops that many
// bytes before the footer.
func damage(good, edits []byte, cut uint16) []byte {
	data := append([]byte(nil), good...)
	if c := int(cut); c > 0 && c < len(data)-40 {
		at := len(data) - 40 - c
		data = append(data[:at:at], data[at+c:]...)
	}
	for i := 0; i+4 <= len(edits); i += 4 {
		off := int(edits[i])<<16 | int(edits[i+1])<<8 | int(edits[i+2])
		data[off%(len(data)-4)] ^= edits[i+3]
	}
	binary.BigEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(data[:len(data)-4]))
	return data
}

// FuzzOpenIndex opens indexes damaged in ways that pass the checksum:
// Open must answer, with an error wrapping ErrCorrupt or an index, and
// never crash (zapx trusts sizes it reads: unchecked, one damaged byte
// made it allocate terabytes) or hang.
//
// TestSearchDamagedIndex covers damage that Search must report; the
// checksum stops accidental damage.
func FuzzOpenIndex(f *testing.F) {
	f.Add([]byte{0, 0, 100, 0xff}, uint16(0))
	f.Add([]byte{0, 1, 0, 0x01, 0, 2, 0, 0x80}, uint16(0))
	f.Add([]byte{}, uint16(17))
	f.Add([]byte{0xff, 0xff, 0xd0, 0x40}, uint16(0)) // made zapx allocate 2 TB before checkSizes
	f.Add([]byte{0, 0, 4, 0x10, 0, 0, 9, 0x02}, uint16(300))
	f.Fuzz(func(t *testing.T, edits []byte, cut uint16) {
		good, err := goodIndex()
		if err != nil {
			t.Fatal(err)
		}
		answersWithin(t, 30*time.Second, func() {
			ix, err := Open(damage(good, edits, cut))
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("error %v does not wrap ErrCorrupt", err)
				}
				return
			}
			ix.Len()
			ix.Close()
		})
	})
}

// TestSearchDamagedIndex: damage found by fuzzing that made a search
// panic while reading a hit's stored fields (in the caller's goroutine),
// or return an unexplained error, is an error wrapping ErrCorrupt.
func TestSearchDamagedIndex(t *testing.T) {
	good, err := goodIndex()
	if err != nil {
		t.Fatal(err)
	}
	for _, edits := range [][]byte{{0, 0x04, 0xb3, 0x80}, {0, 0x04, 0xb4, 0x80}, {0, 0x04, 0xba, 0x80}} {
		ix, err := Open(damage(good, edits, 0))
		if err != nil {
			t.Fatalf("%q: the damaged index no longer opens (%v): pick damage that reaches Search", edits, err)
		}
		_, err = ix.Search(context.Background(), Request{Query: "cluster", Size: 20})
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%q: search on a damaged index: %v; want ErrCorrupt", edits, err)
		}
		ix.Close()
	}
}

var goodParts = sync.OnceValues(func() (*Parts, error) {
	data, err := goodIndex()
	if err != nil {
		return nil, err
	}
	return WriteParts(data, PartsLayout{ShardBytes: 1 << 10, ChunkDocs: 4, BundleBytes: 1 << 20})
})

// FuzzOpenParts opens heads of an index in parts damaged in ways that
// pass their checksum, then searches them, adding the parts they ask for:
// OpenParts must answer with an error wrapping ErrCorrupt or an index,
// and the searches with results or errors, never a crash or a hang.
func FuzzOpenParts(f *testing.F) {
	f.Add([]byte{0, 0, 30, 0x01}, uint16(0))
	f.Add([]byte{0, 0, 24, 0x7f}, uint16(0))
	f.Add([]byte{0, 0, 60, 0x80, 0, 1, 0, 0x04}, uint16(0))
	f.Add([]byte{}, uint16(9))
	f.Fuzz(func(t *testing.T, edits []byte, cut uint16) {
		p, err := goodParts()
		if err != nil {
			t.Fatal(err)
		}
		answersWithin(t, 30*time.Second, func() {
			ix, err := OpenParts(damage(p.Head, edits, cut))
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("error %v does not wrap ErrCorrupt", err)
				}
				return
			}
			for i, q := range []string{"cluster", "innov*", "clustr polcy", "country:GR", ""} {
				if i == 2 {
					// The bundles, as the browser adds them after its
					// first results.
					for _, name := range ix.Bundles() {
						ix.AddPart(name, p.Parts[name])
					}
				}
				for range 10 {
					_, err := ix.Search(context.Background(), Request{Query: q, Langs: []string{"en"}, Shown: "en"})
					var need *NeedError
					if !errors.As(err, &need) {
						break
					}
					for _, name := range need.Parts {
						ix.AddPart(name, p.Parts[name]) // an unknown name is an error, fine here
					}
				}
			}
		})
	})
}

// answersWithin runs fn, failing the test when it has not returned
// within d (a hang). d is generous: while fuzzing, both cores of a small
// machine are busy, and a 5 s limit once failed on an input that answers
// in 10 ms when run alone.
func answersWithin(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("no answer within %v", d)
	}
}

// TestZapPostingsFields: the fields checkChunkCounts reads are in the
// zapx this module uses (they are unexported, so a new zapx may rename
// them).
func TestZapPostingsFields(t *testing.T) {
	f := zapPostingsFields
	for name, at := range map[string][]int{"sb": f.sb, "mem": f.mem, "freqOffset": f.freq, "locOffset": f.loc, "normBits1Hit": f.oneHit} {
		if len(at) == 0 {
			t.Errorf("zapx has no field %s: update checkChunkCounts", name)
		}
	}
}
