package search

import (
	"slices"
	"sync"
)

// docValueTable holds, in memory and uncompressed, the terms of every
// document in the fields that facets count and results are sorted by:
// for each field, each document's term numbers, and the terms. bleve's
// collector reads them for every hit, and zap keeps them compressed in
// chunks that it decodes and searches at each read: at 10,000 documents
// that was two thirds of a query's time. A field is read from its
// postings the first time a query asks for it (the facets' six fields on
// the first query; the sort fields when a listing is sorted), and takes
// 4 bytes a document and 4 a value besides its terms.
type docValueTable struct {
	seg     source
	numDocs uint64
	mu      sync.Mutex
	fields  map[string]*docValueField
	err     error
}

// docValueField is one field of a docValueTable: the terms of document
// d are terms[ords[start[d]:start[d+1]]].
type docValueField struct {
	terms [][]byte
	start []uint32
	ords  []uint32
}

// newDocValueTable makes the (empty) table of a segment's doc values.
func newDocValueTable(seg source) *docValueTable {
	return &docValueTable{seg: seg, numDocs: seg.count(), fields: map[string]*docValueField{}}
}

// docValueFields are the fields that have doc values.
func docValueFields() []string { return append(append([]string(nil), keywordFields...), sortFields...) }

// field returns a field of the table, reading it on first use; nil for a
// field without doc values.
func (t *docValueTable) field(name string) (*docValueField, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f, ok := t.fields[name]; ok {
		return f, nil
	}
	if !slices.Contains(docValueFields(), name) {
		t.fields[name] = nil
		return nil, nil
	}
	f, err := readDocValueField(t.seg, name, t.numDocs)
	if err != nil {
		return nil, err
	}
	t.fields[name] = f
	return f, nil
}

// readDocValueField reads a field's postings, term by term, into
// per-document lists of term numbers (in term order, as zap keeps them).
func readDocValueField(seg source, field string, numDocs uint64) (*docValueField, error) {
	f := &docValueField{start: make([]uint32, numDocs+1)}
	type pair struct{ doc, ord uint32 }
	var pairs []pair
	err := seg.walk(field, nil, nil, func(term string) (bool, error) {
		ord := uint32(len(f.terms))
		f.terms = append(f.terms, []byte(term))
		pl, err := seg.postings(field, []byte(term), false)
		if err != nil || pl == nil {
			return err == nil, err
		}
		it := pl.iter(false)
		for p, err := it.next(); p != nil || err != nil; p, err = it.next() {
			if err != nil {
				return false, err
			}
			pairs = append(pairs, pair{uint32(p.doc), ord})
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	// Each document's numbers go in term order: count them per document,
	// then place each pair after the ones before it (a counting sort,
	// stable, with no comparisons).
	for _, p := range pairs {
		if uint64(p.doc) >= numDocs {
			return nil, ErrCorrupt
		}
		f.start[p.doc+1]++
	}
	for d := 1; d < len(f.start); d++ {
		f.start[d] += f.start[d-1]
	}
	f.ords = make([]uint32, len(pairs))
	next := slices.Clone(f.start[:numDocs])
	for _, p := range pairs {
		f.ords[next[p.doc]] = p.ord
		next[p.doc]++
	}
	return f, nil
}
