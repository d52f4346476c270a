//go:build !js

package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"

)

// PartsLayout is how WriteParts cuts an index.
type PartsLayout struct {
	// ShardBytes is the size a shard of postings grows to before the
	// next starts (a key's postings are never cut, so a shard holding a
	// common word may be larger).
	ShardBytes int
	// ChunkDocs is the number of documents whose stored fields share a
	// chunk.
	ChunkDocs int
}

// DefaultPartsLayout gives the cut for a number of documents: see the
// package's doc on parts (parts.go) and the README for the measurements
// behind it.
func DefaultPartsLayout(docs int) PartsLayout {
	// At most about 1,000 chunks, whatever the number of documents.
	return PartsLayout{ShardBytes: 32 << 10, ChunkDocs: max(16, (docs+999)/1000)}
}

// Parts is an index cut into parts: the head, and the other parts by
// name (which the head gives). Names are made of the part's kind and a
// hash of its bytes (s: shard, c: chunk, w: words), so a host may cache
// them for good.
type Parts struct {
	Head  []byte
	Parts map[string][]byte
}

// WriteParts cuts the index that Build wrote into parts (see parts.go).
func WriteParts(index []byte, layout PartsLayout) (*Parts, error) {
	seg, numDocs, err := openSegment(index)
	if err != nil {
		return nil, err
	}
	if layout.ShardBytes <= 0 || layout.ChunkDocs <= 0 {
		return nil, fmt.Errorf("parts layout %+v: sizes must be positive", layout)
	}
	src := zapSource{seg}
	w := &partsWriter{src: src, fieldNum: map[string]int{}, out: &Parts{Parts: map[string][]byte{}}}
	for _, f := range seg.Fields() {
		w.field(f)
	}
	// Stored fields name their fields too.
	for d := range numDocs {
		if err := src.stored(d, func(name string, _ byte, _ []byte) bool { w.field(name); return true }); err != nil {
			return nil, err
		}
	}
	termsDoc := int64(-1)
	if nums, err := docNumbers(src, []string{termsID}); err != nil {
		return nil, err
	} else if len(nums) > 0 {
		termsDoc = int64(nums[0])
	}

	// Keys, encoded, in order.
	var head, rest []encodedKey
	for _, f := range w.fields {
		g := fieldGroup(f)
		err := src.walk(f, nil, nil, func(term string) (bool, error) {
			k, err := w.key(g, f, term)
			if err != nil {
				return false, err
			}
			if g == groupHead {
				head = append(head, k)
			} else {
				rest = append(rest, k)
			}
			if f == "_id" && term == termsID {
				head = append(head, k) // read when the index opens
			}
			return true, nil
		})
		if err != nil {
			return nil, err
		}
	}
	byKey := func(a, b encodedKey) int { return a.k.compare(b.k) }
	slices.SortFunc(head, byKey)
	slices.SortFunc(rest, byKey)

	// Shards: keys in order, a new shard when one is full or the group
	// changes.
	var refs []shardRef
	for i := 0; i < len(rest); {
		j, size := i, 0
		for j < len(rest) && (j == i || (size+len(rest[j].b) <= layout.ShardBytes && rest[j].k.group == rest[i].k.group)) {
			size += len(rest[j].b)
			j++
		}
		name := w.add("s", shardBytes(rest[i:j]))
		refs = append(refs, shardRef{name: name, first: rest[i].k})
		i = j
	}

	// Chunks of stored fields.
	var chunks []string
	for first := uint64(0); first < numDocs; first += uint64(layout.ChunkDocs) {
		var b []byte
		last := min(numDocs, first+uint64(layout.ChunkDocs))
		b = binary.AppendUvarint(b, last-first)
		for d := first; d < last; d++ {
			if b, err = w.appendStored(b, d); err != nil {
				return nil, err
			}
		}
		chunks = append(chunks, w.add("c", b))
	}

	// The words of the text fields.
	var words []byte
	var textFields []int
	for i, f := range w.fields {
		if fieldGroup(f) == groupText && f != "_id" {
			textFields = append(textFields, i)
		}
	}
	words = binary.AppendUvarint(words, uint64(len(textFields)))
	for _, fi := range textFields {
		var terms []string
		if err := src.walk(w.fields[fi], nil, nil, func(t string) (bool, error) { terms = append(terms, t); return true, nil }); err != nil {
			return nil, err
		}
		words = binary.AppendUvarint(words, uint64(fi))
		words = binary.AppendUvarint(words, uint64(len(terms)))
		prev := ""
		for _, t := range terms {
			shared := 0
			for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
				shared++
			}
			words = binary.AppendUvarint(words, uint64(shared))
			words = appendString(words, t[shared:])
			prev = t
		}
	}
	wordsName := w.add("w", words)

	// The head.
	h := []byte(partsMagic)
	h = binary.AppendUvarint(h, numDocs)
	h = binary.AppendUvarint(h, uint64(len(w.fields)))
	for _, f := range w.fields {
		h = appendString(h, f)
	}
	h = binary.AppendUvarint(h, uint64(layout.ChunkDocs))
	h = binary.AppendUvarint(h, uint64(len(chunks)))
	for _, c := range chunks {
		h = appendString(h, c)
	}
	h = appendString(h, wordsName)
	h = binary.AppendUvarint(h, uint64(len(refs)))
	for _, r := range refs {
		h = appendString(h, r.name)
		h = binary.AppendUvarint(h, uint64(r.first.group))
		h = appendString(h, r.first.term)
		h = binary.AppendUvarint(h, uint64(r.first.field))
	}
	h = binary.AppendUvarint(h, uint64(termsDoc+1))
	if termsDoc >= 0 {
		if h, err = w.appendStored(h, uint64(termsDoc)); err != nil {
			return nil, err
		}
	}
	w.out.Head = append(h, shardBytes(head)...)
	return w.out, nil
}

type partsWriter struct {
	src      zapSource
	fields   []string
	fieldNum map[string]int
	out      *Parts
}

// encodedKey is a key with its entry in a shard: the key, the count, the
// locations flag and the postings (see partsIter).
type encodedKey struct {
	k partKey
	b []byte
}

func (w *partsWriter) field(name string) int {
	if i, ok := w.fieldNum[name]; ok {
		return i
	}
	w.fieldNum[name] = len(w.fields)
	w.fields = append(w.fields, name)
	return len(w.fields) - 1
}

func (w *partsWriter) key(group int, field, term string) (encodedKey, error) {
	k := partKey{group: group, term: term, field: w.fieldNum[field]}
	pl, err := w.src.postings(field, []byte(term), true)
	if err != nil || pl == nil {
		return encodedKey{}, fmt.Errorf("postings of %s:%q: %v", field, term, err)
	}
	var ps []posting
	hasLocs := false
	it := pl.iter()
	for p, err := it.next(); p != nil || err != nil; p, err = it.next() {
		if err != nil {
			return encodedKey{}, err
		}
		c := *p
		c.locs = slices.Clone(p.locs)
		hasLocs = hasLocs || len(c.locs) > 0
		ps = append(ps, c)
	}
	var data []byte
	prev := uint64(0)
	for _, p := range ps {
		data = binary.AppendUvarint(data, p.doc-prev)
		prev = p.doc
		data = binary.AppendUvarint(data, p.freq)
		data = appendNorm(data, p.norm)
		if !hasLocs {
			continue
		}
		data = binary.AppendUvarint(data, uint64(len(p.locs)))
		var pos, start uint64
		for _, l := range p.locs {
			if l.pos < pos || l.start < start || l.end < l.start {
				return encodedKey{}, fmt.Errorf("places of %s:%q out of order", field, term)
			}
			data = binary.AppendUvarint(data, uint64(w.field(l.field)))
			data = binary.AppendUvarint(data, l.pos-pos)
			data = binary.AppendUvarint(data, l.start-start)
			data = binary.AppendUvarint(data, l.end-l.start)
			pos, start = l.pos, l.start
		}
	}
	b := binary.AppendUvarint(nil, uint64(k.group))
	b = appendString(b, term)
	b = binary.AppendUvarint(b, uint64(k.field))
	b = binary.AppendUvarint(b, pl.count())
	if hasLocs {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = appendString(b, string(data))
	return encodedKey{k: k, b: b}, nil
}

// appendNorm writes a norm as the field length that gives it, or as 0
// and its bits.
func appendNorm(b []byte, norm float64) []byte {
	if norm > 0 {
		n := uint64(math.Round(1 / (norm * norm)))
		for _, c := range []uint64{n, n - 1, n + 1} {
			if c > 0 && lengthNorm(c) == norm {
				return binary.AppendUvarint(b, c)
			}
		}
	}
	b = binary.AppendUvarint(b, 0)
	return binary.AppendUvarint(b, math.Float64bits(norm))
}

func (w *partsWriter) appendStored(b []byte, doc uint64) ([]byte, error) {
	type sf struct {
		f     int
		typ   byte
		value []byte
	}
	var fs []sf
	err := w.src.stored(doc, func(name string, typ byte, value []byte) bool {
		fs = append(fs, sf{w.field(name), typ, slices.Clone(value)})
		return true
	})
	if err != nil {
		return nil, err
	}
	b = binary.AppendUvarint(b, uint64(len(fs)))
	for _, f := range fs {
		b = binary.AppendUvarint(b, uint64(f.f))
		b = append(b, f.typ)
		b = appendString(b, string(f.value))
	}
	return b, nil
}

func shardBytes(keys []encodedKey) []byte {
	b := binary.AppendUvarint(nil, uint64(len(keys)))
	for _, k := range keys {
		b = append(b, k.b...)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// add names a part by its kind and bytes, and keeps it.
func (w *partsWriter) add(kind string, data []byte) string {
	sum := sha256.Sum256(data)
	name := kind + hex.EncodeToString(sum[:8])
	w.out.Parts[name] = data
	return name
}
