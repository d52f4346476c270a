package search

import (
	"context"
	"fmt"
	stdregexp "regexp"
	"regexp/syntax"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum/regexp"
	zapx "github.com/blevesearch/zapx/v17"
)

// segmentReader is bleve's index.IndexReader over one zap segment, held
// in memory, without scorch. polisee's scorers read the segment
// directly; segmentReader remains for reading doc values and stored
// documents, and for the tests that hold polisee's scoring against
// bleve's searchers (bleve_searchers_test.go). The index never changes
// once opened, so a reader is the index itself and Close does nothing.
//
// For fuzzy terms it offers typoMatcher (typos.go) instead of bleve's
// Levenshtein automata, whose builder brings a JSON encoder and SHA-256.
//
// Documents are numbered as in the segment; an internal ID is the number
// as 8 big-endian bytes, as scorch writes it, so bleve's collector orders
// ties the same way.
//
// Doc values come from table, when set (see docValueTable), else from
// the segment.
type segmentReader struct {
	seg   *zapx.SegmentBase
	table *docValueTable
}

var (
	_ index.IndexReader         = segmentReader{}
	_ index.IndexReaderRegexp   = segmentReader{}
	_ index.IndexReaderContains = segmentReader{}
)

func (r segmentReader) dict(field string) (segment.TermDictionary, error) {
	return r.seg.Dictionary(field)
}

func (r segmentReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	d, err := r.dict(field)
	if err != nil {
		return nil, err
	}
	pl, err := d.PostingsList(term, nil, nil)
	if err != nil {
		return nil, err
	}
	return &termReader{pl: pl, it: pl.Iterator(freq, norm, vectors, nil), freq: freq, norm: norm, vectors: vectors}, nil
}

// termReader walks the postings of one term.
type termReader struct {
	pl                  segment.PostingsList
	it                  segment.PostingsIterator
	freq, norm, vectors bool
	current             uint64
	started             bool
}

func (t *termReader) fill(p segment.Posting, rv *index.TermFieldDoc) *index.TermFieldDoc {
	if rv == nil {
		rv = &index.TermFieldDoc{}
	}
	t.current, t.started = p.Number(), true
	rv.ID = index.NewIndexInternalID(rv.ID, p.Number())
	if t.freq {
		rv.Freq = p.Frequency()
	}
	if t.norm {
		rv.Norm = p.Norm()
	}
	rv.Vectors = rv.Vectors[:0]
	if t.vectors {
		for _, loc := range p.Locations() {
			rv.Vectors = append(rv.Vectors, &index.TermFieldVector{
				Field:          loc.Field(),
				Pos:            loc.Pos(),
				Start:          loc.Start(),
				End:            loc.End(),
				ArrayPositions: loc.ArrayPositions(),
			})
		}
	}
	return rv
}

func (t *termReader) Next(rv *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	p, err := t.it.Next()
	if err != nil || p == nil {
		return nil, err
	}
	return t.fill(p, rv), nil
}

func (t *termReader) Advance(id index.IndexInternalID, rv *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	num := id.Value()
	if t.started && num <= t.current {
		// zap iterators only move forward: start again.
		t.it = t.pl.Iterator(t.freq, t.norm, t.vectors, nil)
		t.started = false
	}
	p, err := t.it.Advance(num)
	if err != nil || p == nil {
		return nil, err
	}
	return t.fill(p, rv), nil
}

func (t *termReader) Count() uint64 { return t.pl.Count() }
func (t *termReader) Close() error  { return nil }
func (t *termReader) Size() int     { return t.pl.Size() + t.it.Size() }

// fieldDict lists the terms of a field that an automaton accepts.
type fieldDict struct {
	it          segment.DictionaryIterator
	cardinality int
}

func (f *fieldDict) Next() (*index.DictEntry, error) {
	e, err := f.it.Next()
	if err == nil && e == nil {
		return nil, nil
	}
	return e, err
}
func (f *fieldDict) Close() error      { return nil }
func (f *fieldDict) Cardinality() int  { return f.cardinality }
func (f *fieldDict) BytesRead() uint64 { return 0 }

func (r segmentReader) automaton(field string, a segment.Automaton, start, end []byte) (index.FieldDict, error) {
	d, err := r.dict(field)
	if err != nil {
		return nil, err
	}
	return &fieldDict{it: d.AutomatonIterator(a, start, end), cardinality: d.Cardinality()}, nil
}

func (r segmentReader) FieldDict(field string) (index.FieldDict, error) {
	return r.automaton(field, nil, nil, nil)
}

func (r segmentReader) FieldDictRange(field string, start, end []byte) (index.FieldDict, error) {
	return r.automaton(field, nil, start, afterInclusive(end))
}

func (r segmentReader) FieldDictPrefix(field string, prefix []byte) (index.FieldDict, error) {
	return r.automaton(field, nil, prefix, afterPrefix(prefix))
}

func (r segmentReader) FieldDictRegexp(field, pattern string) (index.FieldDict, error) {
	d, _, err := r.FieldDictRegexpAutomaton(field, pattern)
	return d, err
}

func (r segmentReader) FieldDictRegexpAutomaton(field, pattern string) (index.FieldDict, index.RegexAutomaton, error) {
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, nil, err
	}
	re, err := regexp.NewParsedWithLimit(pattern, parsed, regexp.DefaultLimit)
	if err != nil {
		return nil, nil, err
	}
	var start, end []byte
	if p := literalPrefix(parsed); p != "" {
		start = []byte(p)
		end = afterPrefix(start)
	}
	d, err := r.automaton(field, re, start, end)
	if err != nil {
		return nil, nil, err
	}
	return d, re, nil
}

// literalPrefix is the literal text every match of a parsed expression
// starts with, which narrows the terms to look at.
func literalPrefix(s *syntax.Regexp) string {
	for s != nil && s.Op == syntax.OpConcat {
		if len(s.Sub) == 0 {
			return ""
		}
		s = s.Sub[0]
	}
	if s != nil && s.Op == syntax.OpLiteral && s.Flags&syntax.FoldCase == 0 {
		return string(s.Rune)
	}
	return ""
}

type containsDict struct{ d segment.TermDictionary }

func (c containsDict) Contains(key []byte) (bool, error) { return c.d.Contains(key) }
func (c containsDict) BytesRead() uint64                 { return 0 }

func (r segmentReader) FieldDictContains(field string) (index.FieldDictContains, error) {
	d, err := r.dict(field)
	if err != nil {
		return nil, err
	}
	return containsDict{d}, nil
}

// afterInclusive is the first key after key.
func afterInclusive(key []byte) []byte {
	if len(key) == 0 {
		return nil
	}
	return append(append([]byte(nil), key...), 0)
}

// docIDReader walks document numbers in order.
type docIDReader struct {
	it roaring.IntPeekable
}

func (d *docIDReader) Next() (index.IndexInternalID, error) {
	if !d.it.HasNext() {
		return nil, nil
	}
	return index.NewIndexInternalID(nil, uint64(d.it.Next())), nil
}

func (d *docIDReader) Advance(id index.IndexInternalID) (index.IndexInternalID, error) {
	d.it.AdvanceIfNeeded(uint32(id.Value()))
	return d.Next()
}

func (d *docIDReader) Size() int    { return 0 }
func (d *docIDReader) Close() error { return nil }

func (r segmentReader) DocIDReaderAll() (index.DocIDReader, error) {
	all := roaring.New()
	all.AddRange(0, r.seg.Count())
	return &docIDReader{it: all.Iterator()}, nil
}

func (r segmentReader) DocIDReaderOnly(ids []string) (index.DocIDReader, error) {
	nums, err := r.seg.DocNumbers(ids)
	if err != nil {
		return nil, err
	}
	return &docIDReader{it: nums.Iterator()}, nil
}

// number is the document number of an external ID, or false.
func (r segmentReader) number(id string) (uint64, bool, error) {
	nums, err := r.seg.DocNumbers([]string{id})
	if err != nil || nums.IsEmpty() {
		return 0, false, err
	}
	return uint64(nums.Minimum()), true, nil
}

// Document returns the stored fields of a document: text only, which is
// all this index stores.
func (r segmentReader) Document(id string) (index.Document, error) {
	num, ok, err := r.number(id)
	if err != nil || !ok {
		return nil, err
	}
	return r.documentAt(id, num)
}

// documentAt is Document for a document found by its number: a section's,
// whose ID is stored but not indexed (storedID).
func (r segmentReader) documentAt(id string, num uint64) (index.Document, error) {
	doc := document.NewDocument(id)
	err := r.seg.VisitStoredFields(num, func(name string, typ byte, value []byte, pos []uint64) bool {
		if name != "_id" && typ == 't' {
			doc.AddField(document.NewTextField(name, append([]uint64(nil), pos...), append([]byte(nil), value...)))
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// docValueReader reads the doc values that facets count.
type docValueReader struct {
	seg    *zapx.SegmentBase
	fields []string
	state  segment.DocVisitState
}

func (d *docValueReader) VisitDocValues(id index.IndexInternalID, visit index.DocValueVisitor) error {
	state, err := d.seg.VisitDocValues(id.Value(), d.fields, visit, d.state)
	d.state = state
	return err
}

func (d *docValueReader) BytesRead() uint64 { return 0 }

func (r segmentReader) DocValueReader(fields []string) (index.DocValueReader, error) {
	if r.table != nil {
		return r.table.reader(fields)
	}
	return &docValueReader{seg: r.seg, fields: fields}, nil
}

func (r segmentReader) Fields() ([]string, error) { return r.seg.Fields(), nil }

func (r segmentReader) GetInternal([]byte) ([]byte, error) { return nil, nil }

func (r segmentReader) DocCount() (uint64, error) { return r.seg.Count(), nil }

func (r segmentReader) ExternalID(id index.IndexInternalID) (string, error) {
	v, err := r.seg.DocID(id.Value())
	if err != nil {
		return "", err
	}
	if v == nil {
		return "", fmt.Errorf("document number %d not found", id.Value())
	}
	return string(v), nil
}

func (r segmentReader) InternalID(id string) (index.IndexInternalID, error) {
	num, ok, err := r.number(id)
	if err != nil || !ok {
		return nil, err
	}
	return index.NewIndexInternalID(nil, num), nil
}

func (r segmentReader) Close() error { return nil }

var (
	_ index.IndexReaderFuzzy = segmentReader{}
	_ index.FuzzyAutomaton   = typoMatcher{}
)

// typoMatcher matches the words within max edits of a word.
type typoMatcher struct {
	word []rune
	max  int
}

// MatchAndDistance reports whether term is within the matcher's edits of
// its word, and how many edits it is.
func (m typoMatcher) MatchAndDistance(term string) (bool, uint8) {
	d := typoDistance(m.word, []rune(term), m.max)
	return d <= m.max, uint8(min(d, 255))
}

// typoDict is the words of a field's dictionary within a matcher's edits,
// with their number of edits.
type typoDict struct {
	index.FieldDict
	m typoMatcher
}

func (d typoDict) Next() (*index.DictEntry, error) {
	for {
		e, err := d.FieldDict.Next()
		if e == nil || err != nil {
			return e, err
		}
		if ok, n := d.m.MatchAndDistance(e.Term); ok {
			e.EditDistance = n
			return e, nil
		}
	}
}

func (r segmentReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	d, _, err := r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	return d, err
}

// FieldDictFuzzyAutomaton looks at the words that start with prefix only
// (bleve passes the first letters a fuzzy term keeps).
func (r segmentReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	var d index.FieldDict
	var err error
	if prefix != "" {
		d, err = r.FieldDictPrefix(field, []byte(prefix))
	} else {
		d, err = r.FieldDict(field)
	}
	if err != nil {
		return nil, nil, err
	}
	m := typoMatcher{word: []rune(term), max: fuzziness}
	return typoDict{d, m}, m, nil
}

// tableReader is an index.DocValueReader over a docValueTable.
type tableReader struct {
	fields []*docValueField
	names  []string
}

func (t *docValueTable) reader(fields []string) (*tableReader, error) {
	r := &tableReader{}
	for _, name := range fields {
		f, err := t.field(name)
		if err != nil {
			return nil, err
		}
		if f != nil {
			r.fields = append(r.fields, f)
			r.names = append(r.names, name)
		}
	}
	return r, nil
}

func (r *tableReader) VisitDocValues(id index.IndexInternalID, visit index.DocValueVisitor) error {
	doc := id.Value()
	for i, f := range r.fields {
		if doc+1 >= uint64(len(f.start)) {
			continue
		}
		for _, ord := range f.ords[f.start[doc]:f.start[doc+1]] {
			visit(r.names[i], f.terms[ord])
		}
	}
	return nil
}

func (r *tableReader) BytesRead() uint64 { return 0 }

var _ index.DocValueReader = (*tableReader)(nil)

// reader reads the pages through bleve's index API.
func (ix *Index) reader() segmentReader { return segmentReader{seg: ix.zap, table: ix.dv} }

// TestWithoutBracketsAsRegexp holds withoutBrackets to the regular
// expression it replaced (\s*\([^)]*\) removed), on names with brackets
// in every arrangement.
func TestWithoutBracketsAsRegexp(t *testing.T) {
	re := stdregexp.MustCompile(`\s*\([^)]*\)`)
	for _, s := range []string{
		"Smart specialisation (S3)", "a (b (c) d)", "a (b", "(x)", "a  \t(b)c", "a\u00a0(x)b", "(a)(b) (c", "x) (y)", "",
		"Research and Innovation Strategy for Smart Specialisation (RIS3)", "((()))", ") (",
	} {
		if got, want := withoutBrackets(s), re.ReplaceAllString(s, ""); got != want {
			t.Errorf("withoutBrackets(%q) = %q, the expression gives %q", s, got, want)
		}
	}
}
