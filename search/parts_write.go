//go:build !js

package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
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
// hash of its bytes (s.HASH: a shard, c.HASH: a chunk, w.HASH: the
// words), so a host may cache them for good, and the engine checks each
// part against its name. The head ends with a CRC-32 of its bytes.
type Parts struct {
	Head  []byte
	Parts map[string][]byte
}

// CountDocuments is the number of documents in an index that Build or
// BuildBoth wrote.
func CountDocuments(index []byte) (int, error) {
	_, n, err := openSegment(index)
	return int(n), err
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

	// Keys, encoded on all cores, then put in order.
	type fieldTerm struct {
		group       int
		field, term string
	}
	var all []fieldTerm
	for _, f := range w.fields {
		g := fieldGroup(f)
		err := src.walk(f, nil, nil, func(term string) (bool, error) {
			all = append(all, fieldTerm{g, f, term})
			return true, nil
		})
		if err != nil {
			return nil, err
		}
	}
	keys := make([]encodedKey, len(all))
	errs := make([]error, len(all))
	eachParallel(len(all), func(i int) { keys[i], errs[i] = w.key(all[i].group, all[i].field, all[i].term) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var head, rest []encodedKey
	for i, k := range keys {
		if all[i].group == groupHead {
			head = append(head, k)
		} else {
			rest = append(rest, k)
		}
		if all[i].field == "_id" && all[i].term == termsID {
			head = append(head, k) // read when the index opens
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
	nChunks := int((numDocs + uint64(layout.ChunkDocs) - 1) / uint64(layout.ChunkDocs))
	chunkBytes := make([][]byte, nChunks)
	errs = make([]error, nChunks)
	eachParallel(nChunks, func(c int) {
		first := uint64(c * layout.ChunkDocs)
		last := min(numDocs, first+uint64(layout.ChunkDocs))
		b := binary.AppendUvarint(nil, last-first)
		for d := first; d < last && errs[c] == nil; d++ {
			b, errs[c] = w.appendStored(b, d)
		}
		chunkBytes[c] = b
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	chunks := make([]string, nChunks)
	for c, b := range chunkBytes {
		chunks[c] = w.add("c", b)
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
	h = append(h, shardBytes(head)...)
	w.out.Head = binary.BigEndian.AppendUint32(h, crc32.ChecksumIEEE(h))
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
	// One pass over the postings, into columns (see partsIter) sized for
	// them: at 100,000 documents, growing these slices and copying each
	// posting first was most of the time of cutting the sections' index.
	n := pl.count()
	docs, freqs, norms := make([]byte, 0, n*2), make([]byte, 0, n), make([]byte, 0, n*2)
	var places []byte
	hasLocs := false
	prev := uint64(0)
	it := pl.iter()
	for p, err := it.next(); p != nil || err != nil; p, err = it.next() {
		if err != nil {
			return encodedKey{}, err
		}
		docs = binary.AppendUvarint(docs, p.doc-prev)
		prev = p.doc
		freqs = binary.AppendUvarint(freqs, p.freq)
		norms = appendNorm(norms, p.norm)
		// The places are written for every posting, and dropped at the
		// end when none has any.
		hasLocs = hasLocs || len(p.locs) > 0
		places = binary.AppendUvarint(places, uint64(len(p.locs)))
		var pos, start uint64
		for _, l := range p.locs {
			if l.pos < pos || l.start < start || l.end < l.start {
				return encodedKey{}, fmt.Errorf("places of %s:%q out of order", field, term)
			}
			f, ok := w.fieldNum[l.field]
			if !ok {
				return encodedKey{}, fmt.Errorf("places of %s:%q in an unknown field %q", field, term, l.field)
			}
			places = binary.AppendUvarint(places, uint64(f))
			places = binary.AppendUvarint(places, l.pos-pos)
			places = binary.AppendUvarint(places, l.start-start)
			places = binary.AppendUvarint(places, l.end-l.start)
			pos, start = l.pos, l.start
		}
	}
	if !hasLocs {
		places = nil
	}
	var sizes []byte
	sizes = binary.AppendUvarint(sizes, uint64(len(docs)))
	sizes = binary.AppendUvarint(sizes, uint64(len(freqs)))
	sizes = binary.AppendUvarint(sizes, uint64(len(norms)))
	dataLen := len(sizes) + len(docs) + len(freqs) + len(norms) + len(places)
	b := make([]byte, 0, 3*binary.MaxVarintLen64+len(term)+2+binary.MaxVarintLen64+dataLen+binary.MaxVarintLen64)
	b = binary.AppendUvarint(b, uint64(k.group))
	b = appendString(b, term)
	b = binary.AppendUvarint(b, uint64(k.field))
	b = binary.AppendUvarint(b, n)
	if hasLocs {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	// The data as appendString writes a string: its length, then bytes.
	b = binary.AppendUvarint(b, uint64(dataLen))
	b = append(append(append(append(append(b, sizes...), docs...), freqs...), norms...), places...)
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
	var unknown string
	err := w.src.stored(doc, func(name string, typ byte, value []byte) bool {
		f, ok := w.fieldNum[name]
		if !ok {
			unknown = name
			return false
		}
		fs = append(fs, sf{f, typ, slices.Clone(value)})
		return true
	})
	if err == nil && unknown != "" {
		err = fmt.Errorf("document %d: stored field %q unknown", doc, unknown)
	}
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

// add names a part by its kind and bytes (partName), and keeps it (not
// safe for use on several goroutines).
func (w *partsWriter) add(kind string, data []byte) string {
	name := partName(kind, data)
	w.out.Parts[name] = data
	return name
}
