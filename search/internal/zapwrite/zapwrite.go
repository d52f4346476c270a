// Package zapwrite writes one search index segment in zap's format (the
// format of github.com/blevesearch/zapx/v17, which reads it) from analysed
// documents given in order, in a single pass over them.
//
// A site's index used to be made as zapx makes one: a segment for each
// batch of documents (zapx's New, with its own in-memory structures for
// every batch), then one merge of all of them (zapx's Merge, which reads
// every batch segment back and writes the postings again, on one core).
// At 100,000 generated documents that was 401 segments an index, and in
// one profile 42 s of the index stage's 147 s of CPU. A Writer keeps, for each field, each
// term's postings in a compact form as documents are added (a document's
// number as the difference from the term's last, its frequency and
// places, a few bytes a posting) and each document's stored fields
// compressed, and writes the segment once, at Close.
//
// Its bytes are the bytes zapx would write for the same documents cut
// into the same batches (the caller ends each with EndBatch): what New
// writes for one batch, what Merge writes from the batches' segments for
// more. The tests hold it to that, byte for byte, so the index a site
// ships, its parts and the ranking do not depend on how the segment was
// made. What zapx would
// write depends on the batches in two places only: a field's options are
// those of each batch (the options of its documents' fields, together)
// in common, and a term found in one document only is written in the
// dictionary itself ("1-hit" encoding) by Merge, not by New.
//
// Only what polisee's indexes hold is supported: fields with terms
// (stored or not, with or without term vectors, doc values, frequencies
// and norms), stored-only fields and composite fields. Nested documents,
// synonyms and geographic shapes, which zapx writes in sections of their
// own, are refused with an error; vectors exist only under zapx's
// vectors build tag, which polisee does not use.
//
// Memory: what a Writer keeps until Close, measured on the two indexes
// of a 100,000-document generated site: the pages' 123 MB (postings
// 69 MB, the documents' lengths and doc values 39 MB, the terms and
// their lists 15 MB) and the sections' 102 MB (480,000 documents,
// postings 80 MB), in place of a batch's segments and the merges'
// mapped inputs. The stored fields wait in a temporary file.
package zapwrite

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/vellum"
	"github.com/golang/snappy"
)

// The format's constants, as zapx v17 defines them.
const (
	version          = 17   // zapx.Version
	chunkMode        = 1026 // zapx.DefaultChunkMode
	legacyChunkSize  = 1024 // zapx.LegacyChunkMode, for doc values
	notUninverted    = ^uint64(0)
	oneHitFlag       = uint64(0x8000000000000000)
	mask31Bits       = uint64(0x7fffffff)
	termSeparator    = 0xff // index.DocValueTermSeparator
	sectionInverted  = 0    // zapx.SectionInvertedTextIndex
	sectionSynonym   = 2    // zapx.SectionSynonymIndex
	sectionGeoShape2 = 3    // zapx.SectionGeoShapeV2Index
)

// sections are the segment sections zapx registers without its vectors
// build tag, in the order canonical segments list them: every field
// names each, at address 0 for those it has no data in.
var sections = []uint16{sectionInverted, sectionSynonym, sectionGeoShape2}

// vellumOptions are zapx's options for every dictionary it builds.
var vellumOptions = &vellum.BuilderOpts{Encoder: 1, RegistryTableSize: 0, RegistryMRUSize: 1}

// Writer writes one segment. Add documents in order, then Close.
type Writer struct {
	out       *countingWriter
	batches   int   // batches ended with documents in them
	batchDocs int   // documents in the current batch
	err       error // the first of Add

	fields []*field // in the order first seen
	byName map[string]*field
	docs   int

	// The stored fields of each document, in a temporary file until
	// Close (see addStored).
	spill  *os.File
	spillW *bufio.Writer
	tmpDir string
	record []byte

	// scratch for one document
	touched []*field
	meta    []byte
	data    []byte
	packed  []byte
	values  []storedValue
	dvTerms []string
}

// storedValue is one stored value of a document.
type storedValue struct {
	field *field
	typ   byte
	value []byte
	pos   []uint64
}

// field is what a Writer gathers for one field name.
type field struct {
	name string
	seq  int // order first seen

	// opts are the options of the batches so far in common, batchOpts
	// those of the current batch's documents together.
	opts, batchOpts index.FieldIndexingOptions
	inBatch, seen   bool

	terms    map[string]int32
	postings []postingList
	lengths  []uint32 // each document's length in words (the norm zapx keeps)

	// doc values: the documents that have any, and each one's bytes
	dvDocs []uint32
	dvEnds []uint32
	dv     []byte
	hasDV  bool // a document's field asked for doc values

	// per document: its counts, as a map or (listed) as two lists
	docLen    int
	docTFs    index.TokenFrequencies
	owned     bool // docTFs was made here (fields of one name merged)
	listed    bool
	docKeys   []string
	docCounts []int32
	inDoc     bool
}

// postingList is one term's postings so far: for each document, the
// difference of its number from the last one's, its frequency shifted
// left by one with the lowest bit set when places follow (as zapx codes
// it), then the number of places and each place (field, position, start,
// end, array positions), as uvarints.
type postingList struct {
	buf   []byte
	last  uint32
	count uint32
}

// New returns a Writer that writes to w what zapx would for the documents
// added, in the batches that EndBatch ends. The documents' stored fields
// wait for Close in a file it makes in tmpDir ("": the system's temporary
// folder) and removes at Close: at 100,000 generated documents they come
// to about 75 MB, which would otherwise be heap.
func New(w io.Writer, tmpDir string) *Writer {
	wr := &Writer{
		out:    &countingWriter{w: bufio.NewWriterSize(w, 1<<20)},
		byName: map[string]*field{},
		tmpDir: tmpDir,
	}
	wr.define("_id") // field 0, as zapx has it
	return wr
}

func (w *Writer) define(name string) *field {
	f := w.byName[name]
	if f == nil {
		f = &field{name: name, seq: len(w.fields), terms: map[string]int32{}}
		w.fields = append(w.fields, f)
		w.byName[name] = f
	}
	return f
}

// Add adds the next document, analysed (its fields' Analyze called, its
// composite fields composed). Nothing of d is kept: its terms and stored
// values are copied. After an error the Writer takes no more documents
// and Close returns the error: Abandon it.
func (w *Writer) Add(d index.Document) error {
	if w.err != nil {
		return w.err
	}
	w.err = w.add(d)
	return w.err
}

func (w *Writer) add(d index.Document) error {
	if nd, ok := d.(index.NestedDocument); ok {
		nested := false
		nd.VisitNestedDocuments(func(index.Document) { nested = true })
		if nested {
			return errors.New("zapwrite: nested documents are not supported")
		}
	}
	if w.batchDocs == 0 {
		id := w.byName["_id"]
		id.batchOpts, id.inBatch = index.IndexField|index.StoreField, true
	}
	doc := uint32(w.docs)
	w.touched = w.touched[:0]
	w.values = w.values[:0]
	var err error
	visit := func(fl index.Field, composite bool) {
		if err == nil && !supported(fl) {
			err = fmt.Errorf("zapwrite: field %s: geographic shapes, synonyms and vectors are not supported", fl.Name())
		}
		f := w.define(fl.Name())
		f.batchOpts |= fl.Options()
		f.inBatch = true
		if fl.Options().IncludeDocValues() {
			f.hasDV = true
		}
		if !f.inDoc {
			f.inDoc = true
			w.touched = append(w.touched, f)
		}
		f.docLen += fl.AnalyzedLength()
		if tc, ok := fl.(TermCounter); ok && !f.listed && f.docTFs == nil {
			f.docKeys, f.docCounts = tc.TermCounts()
			f.listed = true
		} else {
			f.mergeTFs(fl.AnalyzedTokenFrequencies())
		}
		if !composite && fl.Options().IsStored() {
			w.values = append(w.values, storedValue{f, fl.EncodedFieldType(), fl.Value(), fl.ArrayPositions()})
		}
	}
	d.VisitComposite(func(fl index.CompositeField) { visit(fl, true) })
	d.VisitFields(func(fl index.Field) { visit(fl, false) })
	if err != nil {
		return err
	}
	for _, f := range w.touched {
		w.addPostings(f, doc)
	}
	if err := w.addStored(); err != nil {
		return err
	}
	w.docs++
	w.batchDocs++
	return nil
}

// TermCounter is a field that gives its distinct terms and the count of
// each (0 for a field that keeps none) as two lists, the terms in any
// order, without places: what its AnalyzedTokenFrequencies would give,
// without making the map. A Writer asks for them rather than the map.
type TermCounter interface {
	TermCounts() (terms []string, counts []int32)
}

// mergeTFs adds one field's term counts to the document's counts of its
// name, as zapx does (TokenFrequencies.MergeAll), without changing tfs.
func (f *field) mergeTFs(tfs index.TokenFrequencies) {
	if f.listed {
		// The first field of the name gave lists: into a map of our own.
		own := make(index.TokenFrequencies, len(f.docKeys)+len(tfs))
		for i, k := range f.docKeys {
			tf := &index.TokenFreq{Term: []byte(k)}
			tf.SetFrequency(int(f.docCounts[i]))
			own[k] = tf
		}
		f.docTFs, f.owned, f.listed, f.docKeys, f.docCounts = own, true, false, nil, nil
	}
	if f.docTFs == nil {
		f.docTFs = tfs
		return
	}
	if len(tfs) == 0 {
		return
	}
	if !f.owned {
		own := make(index.TokenFrequencies, len(f.docTFs)+len(tfs))
		for k, tf := range f.docTFs {
			c := *tf
			c.Locations = slices.Clone(tf.Locations)
			own[k] = &c
		}
		f.docTFs, f.owned = own, true
	}
	for k, tf := range tfs {
		if have, ok := f.docTFs[k]; ok {
			have.Locations = append(have.Locations, named(tf.Locations, f.name)...)
			have.SetFrequency(have.Frequency() + tf.Frequency())
			continue
		}
		c := *tf
		c.Locations = named(tf.Locations, f.name)
		f.docTFs[k] = &c
	}
}

// named copies locations with their field set to name, as MergeAll sets
// them.
func named(locs []*index.TokenLocation, name string) []*index.TokenLocation {
	out := make([]*index.TokenLocation, len(locs))
	for i, l := range locs {
		c := *l
		c.Field = name
		out[i] = &c
	}
	return out
}

// addPostings adds the document's terms of f to their postings, its
// length and its doc values, and clears f for the next document.
func (w *Writer) addPostings(f *field, doc uint32) {
	for len(f.lengths) < int(doc) {
		f.lengths = append(f.lengths, 0)
	}
	f.lengths = append(f.lengths, uint32(f.docLen))
	w.dvTerms = w.dvTerms[:0]
	if f.listed {
		for i, term := range f.docKeys {
			w.addPosting(f, doc, term, int(f.docCounts[i]), nil)
		}
	}
	for term, tf := range f.docTFs {
		w.addPosting(f, doc, term, tf.Frequency(), tf.Locations)
	}
	if f.hasDV && len(w.dvTerms) > 0 {
		sort.Strings(w.dvTerms)
		for _, t := range w.dvTerms {
			f.dv = append(append(f.dv, t...), termSeparator)
		}
		f.dvDocs = append(f.dvDocs, doc)
		f.dvEnds = append(f.dvEnds, uint32(len(f.dv)))
	}
	f.docLen, f.docTFs, f.owned, f.inDoc = 0, nil, false, false
	f.listed, f.docKeys, f.docCounts = false, nil, nil
}

// addPosting adds a document's posting of a term of f: its count and
// places.
func (w *Writer) addPosting(f *field, doc uint32, term string, freq int, locs []*index.TokenLocation) {
	id, ok := f.terms[term]
	if !ok {
		id = int32(len(f.postings))
		f.terms[term] = id
		f.postings = append(f.postings, postingList{})
	}
	pl := &f.postings[id]
	delta := doc - pl.last
	if pl.count == 0 {
		delta = doc
	}
	b := binary.AppendUvarint(pl.buf, uint64(delta))
	code := uint64(freq) << 1
	if len(locs) > 0 {
		code |= 1
	}
	b = binary.AppendUvarint(b, code)
	if len(locs) > 0 {
		b = binary.AppendUvarint(b, uint64(len(locs)))
	}
	for _, l := range locs {
		lf := f
		if l.Field != "" {
			lf = w.define(l.Field)
		}
		b = binary.AppendUvarint(b, uint64(lf.seq))
		b = binary.AppendUvarint(b, uint64(l.Position))
		b = binary.AppendUvarint(b, uint64(l.Start))
		b = binary.AppendUvarint(b, uint64(l.End))
		b = binary.AppendUvarint(b, uint64(len(l.ArrayPositions)))
		for _, ap := range l.ArrayPositions {
			b = binary.AppendUvarint(b, ap)
		}
	}
	pl.buf, pl.last = b, doc
	pl.count++
	if f.hasDV {
		w.dvTerms = append(w.dvTerms, term)
	}
}

// addStored keeps the document's stored values, compressed as zapx
// writes them, with the fields named by their order first seen (the
// segment's numbers are known only once every document is in: see
// writeStored). The values go in the segment's field order (_id, then
// the other names sorted), which does not depend on the other fields.
func (w *Writer) addStored() error {
	var id []byte
	found := false
	for _, v := range w.values {
		if v.field.seq == 0 {
			id, found = v.value, true
			break
		}
	}
	if !found {
		return errors.New("zapwrite: a document has no stored _id field")
	}
	sort.SliceStable(w.values, func(a, b int) bool {
		fa, fb := w.values[a].field, w.values[b].field
		if (fa.seq == 0) != (fb.seq == 0) {
			return fa.seq == 0
		}
		return fa.name < fb.name
	})
	w.meta = binary.AppendUvarint(w.meta[:0], uint64(len(id)))
	w.data = w.data[:0]
	for _, v := range w.values {
		if v.field.seq == 0 {
			continue
		}
		w.meta = binary.AppendUvarint(w.meta, uint64(v.field.seq))
		w.meta = binary.AppendUvarint(w.meta, uint64(v.typ))
		w.meta = binary.AppendUvarint(w.meta, uint64(len(w.data)))
		w.meta = binary.AppendUvarint(w.meta, uint64(len(v.value)))
		w.meta = binary.AppendUvarint(w.meta, uint64(len(v.pos)))
		for _, p := range v.pos {
			w.meta = binary.AppendUvarint(w.meta, p)
		}
		w.data = append(w.data, v.value...)
	}
	w.packed = snappy.Encode(w.packed[:cap(w.packed)], w.data)
	if w.spill == nil {
		f, err := os.CreateTemp(w.tmpDir, "zapwrite-stored-*")
		if err != nil {
			return err
		}
		w.spill, w.spillW = f, bufio.NewWriterSize(f, 1<<20)
	}
	b := binary.AppendUvarint(w.record[:0], uint64(len(w.meta)))
	b = binary.AppendUvarint(b, uint64(len(id)+len(w.packed)))
	b = append(b, w.meta...)
	b = append(b, id...)
	b = append(b, w.packed...)
	w.record = b
	_, err := w.spillW.Write(b)
	return err
}

// Abandon removes the temporary file of a Writer that will not be
// closed (Close removes it too).
func (w *Writer) Abandon() {
	if w.spill != nil {
		w.spill.Close()
		os.Remove(w.spill.Name())
		w.spill = nil
	}
}

// EndBatch ends a batch of documents: zapx would have made a segment of
// the documents added since the last, if any. It decides how the
// segment is written: see the package comment.
func (w *Writer) EndBatch() {
	if w.batchDocs == 0 {
		return
	}
	w.batches++
	w.batchDocs = 0
	for _, f := range w.fields {
		if !f.inBatch {
			continue
		}
		if f.seen {
			f.opts &= f.batchOpts
		} else {
			f.opts, f.seen = f.batchOpts, true
		}
		f.batchOpts, f.inBatch = 0, false
	}
}

// Close writes the segment and flushes it. The Writer may not be used
// afterwards.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.docs == 0 {
		return errors.New("zapwrite: no documents")
	}
	w.EndBatch()
	merged := w.batches > 1
	order := slices.Clone(w.fields)
	sort.Slice(order[1:], func(a, b int) bool { return order[1+a].name < order[1+b].name })
	ids := make([]uint64, len(w.fields)) // by seq
	for i, f := range order {
		ids[f.seq] = uint64(i)
	}
	storedIndex, err := w.writeStored(ids)
	if err != nil {
		return err
	}
	addrs := make([]uint64, len(order))
	vb, err := newVellum()
	if err != nil {
		return err
	}
	var tmp termWriter
	for i, f := range order {
		if addrs[i], err = w.writeField(f, ids, merged, vb, &tmp); err != nil {
			return err
		}
	}
	sectionsIndex, err := w.writeFieldsSection(order, addrs)
	if err != nil {
		return err
	}
	return w.writeFooter(storedIndex, sectionsIndex)
}

// writeStored writes every document's stored record, read back from the
// temporary file with the fields' numbers made the segment's, and the
// index of where each starts, then the (empty) list of nested documents.
func (w *Writer) writeStored(ids []uint64) (uint64, error) {
	defer w.Abandon()
	if err := w.spillW.Flush(); err != nil {
		return 0, err
	}
	if _, err := w.spill.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	r := bufio.NewReaderSize(w.spill, 1<<20)
	offsets := make([]uint64, w.docs)
	var meta, old, rest []byte
	for doc := range offsets {
		metaLen, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, fmt.Errorf("zapwrite: reading stored fields back: %w", err)
		}
		restLen, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, fmt.Errorf("zapwrite: reading stored fields back: %w", err)
		}
		old = slices.Grow(old[:0], int(metaLen))[:metaLen]
		rest = slices.Grow(rest[:0], int(restLen))[:restLen]
		if _, err := io.ReadFull(r, old); err != nil {
			return 0, fmt.Errorf("zapwrite: reading stored fields back: %w", err)
		}
		if _, err := io.ReadFull(r, rest); err != nil {
			return 0, fmt.Errorf("zapwrite: reading stored fields back: %w", err)
		}
		// The meta: the ID's length, then for each value its field,
		// type, start, length, and array positions.
		meta = remap(meta[:0], old, ids)
		offsets[doc] = w.out.n
		w.out.uvarint(uint64(len(meta)))
		w.out.uvarint(uint64(len(rest)))
		w.out.write(meta)
		w.out.write(rest)
	}
	storedIndex := w.out.n
	var be [8]byte
	for _, o := range offsets {
		binary.BigEndian.PutUint64(be[:], o)
		w.out.write(be[:])
	}
	w.out.uvarint(0) // no nested documents
	return storedIndex, w.out.err
}

// remap appends to meta a stored record's meta, old, with the fields'
// numbers in the order first seen made the segment's (ids): the ID's
// length, then for each value its field, type, start, length and array
// positions.
func remap(meta, old []byte, ids []uint64) []byte {
	v, n := binary.Uvarint(old)
	meta = binary.AppendUvarint(meta, v)
	old = old[n:]
	for len(old) > 0 {
		seq, n := binary.Uvarint(old)
		meta = binary.AppendUvarint(meta, ids[seq])
		old = old[n:]
		for range 3 { // type, start, length
			v, n := binary.Uvarint(old)
			meta = binary.AppendUvarint(meta, v)
			old = old[n:]
		}
		numPos, n := binary.Uvarint(old)
		meta = binary.AppendUvarint(meta, numPos)
		old = old[n:]
		for range numPos {
			v, n := binary.Uvarint(old)
			meta = binary.AppendUvarint(meta, v)
			old = old[n:]
		}
	}
	return meta
}

// newVellum returns a dictionary builder writing into its own buffer.
func newVellum() (*vellumBuilder, error) {
	vb := &vellumBuilder{}
	b, err := vellum.New(&vb.buf, vellumOptions)
	vb.b = b
	return vb, err
}

type vellumBuilder struct {
	buf bytesBuffer
	b   *vellum.Builder
}

// bytesBuffer is the smallest io.Writer over a byte slice.
type bytesBuffer struct{ b []byte }

func (b *bytesBuffer) Write(p []byte) (int, error) { b.b = append(b.b, p...); return len(p), nil }

// writeField writes f's postings, its dictionary and its doc values, and
// returns the address of the three offsets that lead to them.
func (w *Writer) writeField(f *field, ids []uint64, merged bool, vb *vellumBuilder, t *termWriter) (uint64, error) {
	numDocs := uint64(w.docs)
	if f.opts.IsIndexed() || !merged {
		terms := make([]string, 0, len(f.terms))
		for k := range f.terms {
			terms = append(terms, k)
		}
		sort.Strings(terms)
		for _, term := range terms {
			pl := &f.postings[f.terms[term]]
			val, err := w.writeTerm(pl, f, ids, numDocs, merged, t)
			if err != nil {
				return 0, err
			}
			if err := vb.b.Insert([]byte(term), val); err != nil {
				return 0, err
			}
			*pl = postingList{} // written: let it go
		}
	}
	f.terms, f.postings = nil, nil
	if err := vb.b.Close(); err != nil {
		return 0, err
	}
	dictOffset := w.out.n
	w.out.uvarint(uint64(len(vb.buf.b)))
	w.out.write(vb.buf.b)
	vb.buf.b = vb.buf.b[:0]
	if err := vb.b.Reset(&vb.buf); err != nil {
		return 0, err
	}
	dvStart, dvEnd := notUninverted, notUninverted
	wantDV := f.hasDV
	if merged {
		wantDV = f.opts.IncludeDocValues() && f.opts.IsIndexed()
	}
	if wantDV {
		dvStart = w.out.n
		w.writeDocValues(f)
		dvEnd = w.out.n
	}
	f.dv, f.dvDocs, f.dvEnds, f.lengths = nil, nil, nil, nil
	addr := w.out.n
	w.out.uvarint(dvStart)
	w.out.uvarint(dvEnd)
	w.out.uvarint(dictOffset)
	return addr, w.out.err
}

// termWriter holds the scratch memory of writeTerm.
type termWriter struct {
	docs []uint32
	tf   chunked
	locs chunked
	bm   *roaring.Bitmap
}

// writeTerm writes one term's postings as zapx does (writePostings) and
// returns the dictionary's value for it: their offset, or the document
// and norm of a term in one document, once, with no places, which Merge
// writes in the dictionary alone.
func (w *Writer) writeTerm(pl *postingList, f *field, ids []uint64, numDocs uint64, merged bool, t *termWriter) (uint64, error) {
	card := uint64(pl.count)
	chunkSize := numDocs / (card/1024 + 1) // zapx's getChunkSize, chunk mode 1026
	if chunkSize == 0 {
		return 0, errors.New("zapwrite: chunk size zero")
	}
	numChunks := int((numDocs-1)/chunkSize + 1)
	t.tf.reset(numChunks)
	t.locs.reset(numChunks)
	t.docs = t.docs[:0]
	b := pl.buf
	var doc uint64
	var lastFreq, lastNorm uint64
	for i := 0; len(b) > 0; i++ {
		delta, n := binary.Uvarint(b)
		b = b[n:]
		if i == 0 {
			doc = delta
		} else {
			doc += delta
		}
		code, n := binary.Uvarint(b) // zapx's: the frequency, and whether places follow
		b = b[n:]
		freq := code >> 1
		var numLocs uint64
		if code&1 != 0 {
			numLocs, n = binary.Uvarint(b)
			b = b[n:]
		}
		chunk := int(doc / chunkSize)
		norm := uint64(f.lengths[doc])
		t.tf.add(chunk, code)
		if freq > 0 {
			t.tf.add(chunk, norm)
		}
		if numLocs > 0 {
			// Each place: field, position, start, end, array
			// positions; first the bytes they take.
			size := 0
			rest := b
			for range numLocs {
				seq, n := binary.Uvarint(rest)
				rest = rest[n:]
				size += uvarintLen(ids[seq])
				for range 3 {
					_, n := binary.Uvarint(rest)
					size += n
					rest = rest[n:]
				}
				numAP, n := binary.Uvarint(rest)
				size += n
				rest = rest[n:]
				for range numAP {
					_, n := binary.Uvarint(rest)
					size += n
					rest = rest[n:]
				}
			}
			t.locs.add(chunk, uint64(size))
			for range numLocs {
				seq, n := binary.Uvarint(b)
				b = b[n:]
				t.locs.add(chunk, ids[seq])
				for range 3 {
					v, n := binary.Uvarint(b)
					b = b[n:]
					t.locs.add(chunk, v)
				}
				numAP, n := binary.Uvarint(b)
				b = b[n:]
				t.locs.add(chunk, numAP)
				for range numAP {
					v, n := binary.Uvarint(b)
					b = b[n:]
					t.locs.add(chunk, v)
				}
			}
		}
		t.docs = append(t.docs, uint32(doc))
		lastFreq, lastNorm = freq, norm
	}
	if merged && card == 1 && len(t.locs.data) == 0 && doc <= mask31Bits && lastFreq == 1 {
		return oneHitFlag | (mask31Bits&lastNorm)<<31 | (mask31Bits & doc), nil
	}
	var tfOffset, locOffset uint64
	if len(t.tf.data) > 0 {
		tfOffset = w.out.n
		t.tf.writeTo(w.out)
	}
	if len(t.locs.data) > 0 {
		locOffset = w.out.n
		t.locs.writeTo(w.out)
	}
	postingsOffset := w.out.n
	w.out.uvarint(tfOffset)
	w.out.uvarint(locOffset)
	if t.bm == nil {
		t.bm = roaring.New()
	}
	t.bm.Clear()
	for _, d := range t.docs {
		t.bm.Add(d)
	}
	bm, err := t.bm.ToBytes()
	if err != nil {
		return 0, err
	}
	w.out.uvarint(uint64(len(bm)))
	w.out.write(bm)
	return postingsOffset, w.out.err
}

// chunked is zapx's chunkedIntCoder: uvarints in chunks of documents,
// written as the number of chunks, the end offset of each and the bytes.
type chunked struct {
	data []byte
	ends []uint64 // the end of each chunk's bytes so far (per chunk: len)
	buf  [binary.MaxVarintLen64]byte
}

func (c *chunked) reset(numChunks int) {
	c.data = c.data[:0]
	c.ends = slices.Grow(c.ends[:0], numChunks)[:numChunks]
	clear(c.ends)
}

func (c *chunked) add(chunk int, v uint64) {
	n := binary.PutUvarint(c.buf[:], v)
	c.data = append(c.data, c.buf[:n]...)
	c.ends[chunk] += uint64(n)
}

func (c *chunked) writeTo(out *countingWriter) {
	out.uvarint(uint64(len(c.ends)))
	var end uint64
	for _, l := range c.ends {
		end += l
		out.uvarint(end)
	}
	out.write(c.data)
}

// writeDocValues writes f's doc values as zapx's chunkedContentCoder
// does: chunks of 1,024 documents (one with SkipDVChunking), each the
// list of its documents and their ends (unless one document a chunk),
// then its bytes, compressed with snappy unless SkipDVCompression; then
// the end of each chunk, the bytes those ends take and the number of
// chunks.
func (w *Writer) writeDocValues(f *field) {
	chunkSize := uint64(legacyChunkSize)
	if f.opts.SkipDVChunking() {
		chunkSize = 1
	}
	numChunks := (uint64(w.docs)-1)/chunkSize + 1
	lens := make([]uint64, numChunks)
	var curr uint64
	var meta, raw, packed []byte
	var entries []uint64 // doc, end pairs of the current chunk
	flush := func() {
		meta = meta[:0]
		if chunkSize != 1 {
			meta = binary.AppendUvarint(meta, uint64(len(entries)/2))
			for _, v := range entries {
				meta = binary.AppendUvarint(meta, v)
			}
		}
		out := raw
		if !f.opts.SkipDVCompression() {
			packed = snappy.Encode(packed[:cap(packed)], raw)
			out = packed
		}
		w.out.write(meta)
		w.out.write(out)
		lens[curr] = uint64(len(meta) + len(out))
	}
	start := uint32(0)
	for i, doc := range f.dvDocs {
		chunk := uint64(doc) / chunkSize
		if chunk != curr {
			flush()
			raw, entries, curr = raw[:0], entries[:0], chunk
		}
		val := f.dv[start:f.dvEnds[i]]
		start = f.dvEnds[i]
		raw = append(raw, val...)
		entries = append(entries, uint64(doc), uint64(len(raw)))
	}
	flush()
	before := w.out.n
	var end uint64
	for _, l := range lens {
		end += l
		w.out.uvarint(end)
	}
	var be [8]byte
	binary.BigEndian.PutUint64(be[:], w.out.n-before)
	w.out.write(be[:])
	binary.BigEndian.PutUint64(be[:], numChunks)
	w.out.write(be[:])
}

// writeFieldsSection writes each field's name, options and sections'
// addresses, then where each field's entry starts; it returns where
// that list starts.
func (w *Writer) writeFieldsSection(order []*field, addrs []uint64) (uint64, error) {
	starts := make([]uint64, len(order))
	var be [8]byte
	for i, f := range order {
		starts[i] = w.out.n
		w.out.uvarint(uint64(len(f.name)))
		w.out.write([]byte(f.name))
		w.out.uvarint(uint64(f.opts))
		w.out.uvarint(uint64(len(sections)))
		for _, s := range sections {
			var addr uint64
			if s == sectionInverted {
				addr = addrs[i]
			}
			binary.BigEndian.PutUint16(be[:2], s)
			w.out.write(be[:2])
			binary.BigEndian.PutUint64(be[:], addr)
			w.out.write(be[:])
		}
	}
	at := w.out.n
	w.out.uvarint(uint64(len(order)))
	for _, s := range starts {
		binary.BigEndian.PutUint64(be[:], s)
		w.out.write(be[:])
	}
	return at, w.out.err
}

// writeFooter writes the footer (no writer ID, the number of documents,
// where the stored fields' index and the fields section start, the chunk
// mode, the version and the checksum of all before it) and flushes.
func (w *Writer) writeFooter(storedIndex, sectionsIndex uint64) error {
	var b []byte
	b = binary.BigEndian.AppendUint32(b, 0) // writer ID's length
	b = binary.BigEndian.AppendUint64(b, uint64(w.docs))
	b = binary.BigEndian.AppendUint64(b, storedIndex)
	b = binary.BigEndian.AppendUint64(b, sectionsIndex)
	b = binary.BigEndian.AppendUint32(b, chunkMode)
	b = binary.BigEndian.AppendUint32(b, version)
	w.out.write(b)
	sum := w.out.crc
	w.out.write(binary.BigEndian.AppendUint32(nil, sum))
	if w.out.err != nil {
		return w.out.err
	}
	return w.out.w.Flush()
}

// countingWriter counts and checksums what it writes, and keeps the
// first error.
type countingWriter struct {
	w   *bufio.Writer
	n   uint64
	crc uint32
	err error
	buf [binary.MaxVarintLen64]byte
}

func (c *countingWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p)
	c.n += uint64(len(p))
	_, c.err = c.w.Write(p)
}

func (c *countingWriter) uvarint(v uint64) {
	n := binary.PutUvarint(c.buf[:], v)
	c.write(c.buf[:n])
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// supported tells whether zapx would index fl in its inverted text
// section alone, the only one a Writer writes.
func supported(fl index.Field) bool {
	switch fl.(type) {
	case index.GeoShapeField, index.GeoShapeV2Field, index.SynonymField:
		return false
	}
	return true
}
