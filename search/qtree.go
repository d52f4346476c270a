package search

// A query tree: what the rewriter (query.go) makes of a reader's query,
// and the planner (plan.go) runs. Its kinds are those of bleve's query
// package, which polisee used before, with the same meaning; a boost
// weighs a part's terms (1 is none).
type qnode interface{ isQuery() }

// termQ is one term of one field, as the index holds it.
type termQ struct {
	field, term string
	boost       float64
}

// matchQ is the words of text, read by the analyzer, in a field: any of
// them, or all; each within fuzziness edits when above 0, keeping its
// first prefix bytes.
type matchQ struct {
	field, text, analyzer string
	fuzziness, prefix     int
	all                   bool
	boost                 float64
}

// phraseQ is the words of text in that order in a field.
type phraseQ struct {
	field, text, analyzer string
	boost                 float64
}

// wildcardQ is the terms of a field that a pattern matches: * for any
// letters, ? for one.
type wildcardQ struct {
	field, pattern string
	boost          float64
}

// idsQ is the documents with these IDs.
type idsQ struct {
	ids   []string
	boost float64
}

// everyQ is every document.
type everyQ struct{}

// andQ is the documents every part matches.
type andQ struct{ parts []qnode }

// orQ is the documents at least min parts match (0 means one).
type orQ struct {
	parts []qnode
	min   int
}

// boolQ is the documents must matches (should's when must is nil) that
// mustNot does not; should adds to the score, and is required when its
// min is above 0.
type boolQ struct {
	must    *andQ
	should  *orQ
	mustNot *orQ
}

func (*termQ) isQuery()     {}
func (*matchQ) isQuery()    {}
func (*phraseQ) isQuery()   {}
func (*wildcardQ) isQuery() {}
func (*idsQ) isQuery()      {}
func (*everyQ) isQuery()    {}
func (*andQ) isQuery()      {}
func (*orQ) isQuery()       {}
func (*boolQ) isQuery()     {}

// newBool is must, should and mustNot, each left out when empty.
func newBool(must, should, mustNot []qnode) *boolQ {
	b := &boolQ{}
	b.addMust(must...)
	b.addShould(should...)
	b.addMustNot(mustNot...)
	return b
}

func (b *boolQ) addMust(qs ...qnode) {
	if len(qs) == 0 {
		return
	}
	if b.must == nil {
		b.must = &andQ{}
	}
	b.must.parts = append(b.must.parts, qs...)
}

func (b *boolQ) addShould(qs ...qnode) {
	if len(qs) == 0 {
		return
	}
	if b.should == nil {
		b.should = &orQ{}
	}
	b.should.parts = append(b.should.parts, qs...)
}

func (b *boolQ) addMustNot(qs ...qnode) {
	if len(qs) == 0 {
		return
	}
	if b.mustNot == nil {
		b.mustNot = &orQ{}
	}
	b.mustNot.parts = append(b.mustNot.parts, qs...)
}
