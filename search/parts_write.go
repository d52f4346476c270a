//go:build !js

package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"sort"
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
	// BundleBytes bounds the bundle: all the chunks again, in one part
	// (b.HASH), written when they come to at most this many bytes (0:
	// never). The browser fetches it after its first results, so that
	// later queries fetch their postings and no chunk per hit.
	BundleBytes int
	// Unwalked are fields whose terms the words part leaves out, for
	// fields in which no query looks for a prefix, a pattern or a
	// misspelling: the sections' sectionof, the ID of each section's
	// page, which is only ever looked up whole.
	Unwalked []string
}

// DefaultPartsLayout gives the cut for a number of documents: see the
// package's doc on parts (parts.go) and the README for the measurements
// behind it.
func DefaultPartsLayout(docs int) PartsLayout {
	// At most about 1,000 chunks, whatever the number of documents. A
	// bundle of 8 MB holds the chunks of about 20,000 generated
	// documents: at 10,000, the pages' 632 chunks come to 4.0 MB (see
	// parts.go for their compressed sizes).
	return PartsLayout{ShardBytes: 32 << 10, ChunkDocs: max(16, (docs+999)/1000), BundleBytes: 8 << 20}
}

// SectionsPartsLayout is DefaultPartsLayout for the sections' index
// (BuildBoth) of docs sections, without their pages' IDs in the words
// (PartsLayout.Unwalked): at 100,000 generated documents the words came
// to 244 KB instead of 554 KB.
func SectionsPartsLayout(docs int) PartsLayout {
	l := DefaultPartsLayout(docs)
	l.Unwalked = []string{sectionOf}
	return l
}

// Parts is an index cut into parts: the head, and the other parts by
// name (which the head gives). Names are made of the part's kind and a
// hash of its bytes (s.HASH: a shard, c.HASH: a chunk, w.HASH: the
// words, b.HASH: the bundle of all chunks), so a host may cache them for
// good, and the engine checks each part against its name. The head ends
// with a CRC-32 of its bytes.
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
	p := &Parts{Parts: map[string][]byte{}}
	head, err := WritePartsTo(index, layout, func(name string, data []byte) error {
		p.Parts[name] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.Head = head
	return p, nil
}

// keyBatch is how many keys WritePartsTo encodes at a time, on all cores
// (a variable for tests: the parts do not depend on it).
var keyBatch = 4096

// WritePartsTo cuts the index as WriteParts does, and gives each part but
// the head to put as soon as it is made, once per name, from one
// goroutine; it returns the head. Only a batch of keys and the shard
// being filled are held at a time, besides the index: at 100,000
// documents, all the encoded keys of the pages' index came to 250 MB,
// and its shards to another 100 MB, at the build's peak. An error from
// put stops the cut and is returned.
func WritePartsTo(index []byte, layout PartsLayout, put func(name string, data []byte) error) ([]byte, error) {
	return WritePartsEvicting(index, layout, put, nil)
}

// evictDocs is how many documents' stored fields WritePartsEvicting reads
// between two calls of evict.
const evictDocs = 2048

// WritePartsEvicting is WritePartsTo for an index mapped from a file
// (Segments): evict, when not nil, is called now and then while the cut
// reads the index through before it makes any part (the stored fields of
// every document, then every field's terms), to give back the memory of
// what it read. Without it, at 100,000 documents, 171 MB of the merged
// pages index came resident at once, at the build's peak; from the first
// parts on, the caller evicts as put is given them.
func WritePartsEvicting(index []byte, layout PartsLayout, put func(name string, data []byte) error, evict func()) ([]byte, error) {
	if evict == nil {
		evict = func() {}
	}
	seg, numDocs, err := openSegment(index)
	if err != nil {
		return nil, err
	}
	if layout.ShardBytes <= 0 || layout.ChunkDocs <= 0 {
		return nil, fmt.Errorf("parts layout %+v: sizes must be positive", layout)
	}
	src := zapSource{seg}
	w := &partsWriter{src: src, fieldNum: map[string]int{}, put: put, written: map[string]bool{}}
	for _, f := range seg.Fields() {
		w.field(f)
	}
	// Stored fields name their fields too.
	for d := range numDocs {
		if err := src.stored(d, func(name string, _ byte, _ []byte) bool { w.field(name); return true }); err != nil {
			return nil, err
		}
		if d%evictDocs == evictDocs-1 {
			evict()
		}
	}
	evict()
	termsDoc := int64(-1)
	if nums, err := docNumbers(src, []string{termsID}); err != nil {
		return nil, err
	} else if len(nums) > 0 {
		termsDoc = int64(nums[0])
	}

	// The keys in order: those of the head, and the others, which go
	// into shards.
	var head, rest []partKey
	for _, f := range w.fields {
		g, fn := fieldGroup(f), w.fieldNum[f]
		err := src.walk(f, nil, nil, func(term string) (bool, error) {
			k := partKey{group: g, term: term, field: fn}
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
		evict()
	}
	sort.Slice(head, func(i, j int) bool { return head[i].compare(head[j]) < 0 })
	sort.Slice(rest, func(i, j int) bool { return rest[i].compare(rest[j]) < 0 })

	// Shards: keys in order, a new shard when one is full or the group
	// changes. Keys are encoded a batch at a time.
	var refs []shardRef
	var shard []encodedKey
	size := 0
	closeShard := func() error {
		name, err := w.add("s", shardBytes(shard))
		if err != nil {
			return err
		}
		refs = append(refs, shardRef{name: name, first: shard[0].k})
		shard, size = shard[:0], 0
		return nil
	}
	for start := 0; start < len(rest); start += keyBatch {
		batch, err := w.keys(rest[start:min(start+keyBatch, len(rest))])
		if err != nil {
			return nil, err
		}
		for _, k := range batch {
			if len(shard) > 0 && (size+len(k.b) > layout.ShardBytes || k.k.group != shard[0].k.group) {
				if err := closeShard(); err != nil {
					return nil, err
				}
			}
			shard = append(shard, k)
			size += len(k.b)
		}
	}
	if len(shard) > 0 {
		if err := closeShard(); err != nil {
			return nil, err
		}
	}
	headKeys, err := w.keys(head)
	if err != nil {
		return nil, err
	}

	// Chunks of stored fields, made a batch at a time on all cores, and
	// kept for the bundle while they fit in it.
	nChunks := int((numDocs + uint64(layout.ChunkDocs) - 1) / uint64(layout.ChunkDocs))
	chunks := make([]string, 0, nChunks)
	bundling := layout.BundleBytes > 0 && nChunks > 0
	bundle := binary.AppendUvarint(nil, uint64(nChunks))
	const chunkBatch = 64
	for from := 0; from < nChunks; from += chunkBatch {
		n := min(chunkBatch, nChunks-from)
		chunkBytes := make([][]byte, n)
		errs := make([]error, n)
		eachParallel(n, func(i int) {
			first := uint64((from + i) * layout.ChunkDocs)
			last := min(numDocs, first+uint64(layout.ChunkDocs))
			b := binary.AppendUvarint(nil, last-first)
			for d := first; d < last && errs[i] == nil; d++ {
				b, errs[i] = w.appendStored(b, d)
			}
			chunkBytes[i] = b
		})
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		for _, b := range chunkBytes {
			name, err := w.add("c", b)
			if err != nil {
				return nil, err
			}
			chunks = append(chunks, name)
			if bundling {
				bundle = binary.AppendUvarint(bundle, uint64(len(b)))
				if bundle = append(bundle, b...); len(bundle) > layout.BundleBytes {
					bundling, bundle = false, nil
				}
			}
		}
	}
	bundleName := ""
	if bundling {
		if bundleName, err = w.add("b", bundle); err != nil {
			return nil, err
		}
	}

	// The words of the text fields.
	var words []byte
	var textFields []int
	for i, f := range w.fields {
		if fieldGroup(f) == groupText && f != "_id" && !slices.Contains(layout.Unwalked, f) {
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
	wordsName, err := w.add("w", words)
	if err != nil {
		return nil, err
	}

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
	h = appendString(h, bundleName)
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
	h = append(h, shardBytes(headKeys)...)
	return binary.BigEndian.AppendUint32(h, crc32.ChecksumIEEE(h)), nil
}

// keys encodes the keys on all cores, in their order.
func (w *partsWriter) keys(ks []partKey) ([]encodedKey, error) {
	out := make([]encodedKey, len(ks))
	errs := make([]error, len(ks))
	eachParallel(len(ks), func(i int) { out[i], errs[i] = w.key(ks[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

type partsWriter struct {
	src      zapSource
	fields   []string
	fieldNum map[string]int
	put      func(name string, data []byte) error
	written  map[string]bool
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

func (w *partsWriter) key(k partKey) (encodedKey, error) {
	field, term := w.fields[k.field], k.term
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
	it := pl.iter(true)
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

// add names a part by its kind and bytes (partName) and gives it to put,
// unless a part of that name was given already (not safe for use on
// several goroutines).
func (w *partsWriter) add(kind string, data []byte) (string, error) {
	name := partName(kind, data)
	if w.written[name] {
		return name, nil
	}
	w.written[name] = true
	return name, w.put(name, data)
}
