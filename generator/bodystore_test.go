package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/clusterpolisee/polisee/generator/markdown"
	"github.com/clusterpolisee/polisee/search"
)

func TestOutlineRoundTrip(t *testing.T) {
	headings := []markdown.Heading{{Level: 2, Text: "Description", ID: "description", Offset: 0}, {Level: 3, Text: "Ünïcode — and more", ID: "unicode-and-more", Offset: 70000}}
	sections := []markdown.Section{{ID: "description", Heading: "Description", Start: 0, End: 1200}, {ID: "", Heading: "", Start: 1200, End: 1 << 20}}
	enc := encodeOutline(headings, sections)
	h, s, ok := decodeOutline(string(enc))
	if !ok || !reflect.DeepEqual(h, headings) || !reflect.DeepEqual(s, sections) {
		t.Fatalf("decoded %v %v %v, want %v %v", h, s, ok, headings, sections)
	}
	// Every cut or lengthened outline is refused, never read past its end.
	for n := range len(enc) {
		if _, _, ok := decodeOutline(string(enc[:n])); ok {
			t.Errorf("an outline cut to %d of %d bytes was read", n, len(enc))
		}
	}
	if _, _, ok := decodeOutline(string(append(enc, 0))); ok {
		t.Error("an outline with a byte too many was read")
	}
	// A count far larger than the bytes that follow is refused before
	// anything is made for it.
	if _, _, ok := decodeOutline("\xff\xff\xff\x07"); ok {
		t.Error("a huge count was read")
	}
}

func TestStoredBodyKeepsItsOutline(t *testing.T) {
	store, err := newBodyStore()
	if err != nil {
		t.Fatal(err)
	}
	defer store.close()
	headings := []markdown.Heading{{Level: 2, Text: "Results", ID: "results", Offset: 12}}
	sections := []markdown.Section{{ID: "results", Heading: "Results", Start: 0, End: 40}}
	bd := &body{store: store, texts: store, storedText: store.put("before"), storedOutline: store.putBytes(encodeOutline(headings, sections))}
	store.put("after")
	if err := store.seal(); err != nil {
		t.Fatal(err)
	}
	h, s, err := bd.outline()
	if err != nil || !reflect.DeepEqual(h, headings) || !reflect.DeepEqual(s, sections) {
		t.Fatalf("outline() = %v %v %v", h, s, err)
	}
	if text, err := bd.text(); err != nil || text != "before" {
		t.Fatalf("text() = %q %v", text, err)
	}
}

// A stored outline whose section runs past its text (a damaged store) is
// an error for the index, not a crash.
func TestDamagedOutlineIsAnError(t *testing.T) {
	store, err := newBodyStore()
	if err != nil {
		t.Fatal(err)
	}
	defer store.close()
	sections := []markdown.Section{{ID: "results", Heading: "Results", Start: 0, End: 400}}
	bd := &body{store: store, storedText: store.put("a short text"), storedOutline: store.putBytes(encodeOutline(nil, sections))}
	if err := store.seal(); err != nil {
		t.Fatal(err)
	}
	d := search.Document{ID: "practices/x"}
	err = docBodies{"practices/x": bd}.fill(&d)
	if err == nil || !strings.Contains(err.Error(), "practices/x") || !strings.Contains(err.Error(), "build again") {
		t.Fatalf("fill = %v; want an error naming the document", err)
	}
}

// The bodies' file leaves no name behind in the temporary folder while
// the build runs (a killed build cannot remove one), and named files
// that killed builds left are removed.
func TestBodyStoreLeavesNoFileBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stale := filepath.Join(tmp, "polisee-bodies-123")
	if err := os.WriteFile(stale, []byte("left by a killed build"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(tmp, "notes.txt")
	os.WriteFile(other, nil, 0o600)
	removeStaleBodies(tmp)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a killed build's bodies file is still there: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file that is not a bodies file was removed: %v", err)
	}

	store, err := newBodyStore()
	if err != nil {
		t.Fatal(err)
	}
	at := store.put("a body")
	if runtime.GOOS != "windows" {
		if m, _ := filepath.Glob(filepath.Join(tmp, "polisee-bodies-*")); len(m) > 0 {
			t.Errorf("the open store has a name in the temporary folder: %v", m)
		}
		if runtime.GOOS == "linux" && store.named {
			t.Logf("the temporary folder's file system refuses unnamed files; the store used a named one and removed it")
		}
	}
	if err := store.seal(); err != nil {
		t.Fatal(err)
	}
	if got, err := store.get(at); err != nil || got != "a body" {
		t.Fatalf("get = %q %v", got, err)
	}
	store.close()
	if m, _ := filepath.Glob(filepath.Join(tmp, "*")); len(m) != 1 {
		t.Errorf("after close the temporary folder holds %v, want only %s", m, other)
	}
}

// TestGetAllPutsPiecesTogether: pieces put in a row come back in one
// read, and pieces with other texts between them come back joined, in
// the order given.
func TestGetAllPutsPiecesTogether(t *testing.T) {
	store, err := newBodyStore()
	if err != nil {
		t.Fatal(err)
	}
	defer store.close()
	a, b := store.put("first "), store.put("second ")
	store.put("between ")
	c := store.put("third")
	for _, tc := range []struct {
		at   []storedText
		want string
	}{
		{nil, ""},
		{[]storedText{a, b}, "first second "},
		{[]storedText{a, b, c}, "first second third"},
		{[]storedText{c, a}, "thirdfirst "},
	} {
		got, err := store.getAll(tc.at)
		if err != nil || got != tc.want {
			t.Errorf("getAll(%v) = %q, %v; want %q", tc.at, got, err, tc.want)
		}
	}
}

// TestBodyStoreManyWriters: texts put from many goroutines at once, of
// sizes that fill the store's buffer many times over (some larger than
// it), come back as they were put, read while other puts go on and
// after the store is sealed.
func TestBodyStoreManyWriters(t *testing.T) {
	store, err := newBodyStore()
	if err != nil {
		t.Fatal(err)
	}
	defer store.close()
	const writers, each = 8, 60
	text := func(w, i int) string {
		n := (w*7919 + i*104729) % (storeChunk / 5)
		if i%17 == 0 {
			n = storeChunk + w*1000 + i // larger than the buffer
		}
		return strings.Repeat(string(rune('a'+w)), n) + fmt.Sprintf("/%d/%d", w, i)
	}
	at := make([][]storedText, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				at[w] = append(at[w], store.put(text(w, i)))
				if i%3 == 0 {
					// Read it back while the others put: its bytes may
					// be in a buffer another put is writing out.
					if got, err := store.get(at[w][i]); err != nil || got != text(w, i) {
						t.Errorf("writer %d, text %d read during the puts: %d bytes, %v; want %d bytes", w, i, len(got), err, len(text(w, i)))
					}
				}
			}
		})
	}
	wg.Wait()
	if err := store.seal(); err != nil {
		t.Fatal(err)
	}
	total := int64(0)
	for w := range writers {
		for i, a := range at[w] {
			total += int64(a.n)
			if got, err := store.get(a); err != nil || got != text(w, i) {
				t.Fatalf("writer %d, text %d: %d bytes, %v; want %d bytes", w, i, len(got), err, len(text(w, i)))
			}
		}
	}
	if info, err := store.f.Stat(); err != nil || info.Size() != total {
		t.Errorf("the file holds %v bytes (%v), the texts %d", info.Size(), err, total)
	}
}

// TestReleasedStoreRefusesReads: a store closed once its texts are no
// longer needed (the bodies' texts after the index) says so when read
// again, rather than giving an empty text; closing it again is harmless.
func TestReleasedStoreRefusesReads(t *testing.T) {
	store, err := newBodyStore()
	if err != nil {
		t.Fatal(err)
	}
	at := store.put("indexed, then released")
	if err := store.seal(); err != nil {
		t.Fatal(err)
	}
	if got, err := store.get(at); err != nil || got != "indexed, then released" {
		t.Fatalf("before release: %q, %v", got, err)
	}
	store.close()
	store.close()
	if got, err := store.get(at); err == nil || !strings.Contains(err.Error(), "released") {
		t.Errorf("after release: %q, %v; want an error saying it was released", got, err)
	}
}
