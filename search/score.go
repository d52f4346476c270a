package search

import (
	"math"
	"slices"
	"sort"
)

// Scoring. polisee finds and ranks hits with its own code, run on the zap
// segment, and ranks them exactly as bleve's searchers did when polisee
// used them (TestSameHitsAsBleveSearchers holds the two side by side):
// bleve's TF-IDF, a query at a time.
//
//   - A term's score in a document is sqrt(freq) × norm × idf ×
//     queryWeight, where idf = 1 + ln(docs / (docsWithTerm + 1)), norm is
//     the field's length norm kept in the index, and queryWeight = boost ×
//     idf × queryNorm. A query that is a single term has no queryWeight.
//   - queryNorm = 1 / sqrt(Σ (boost × idf)²) over every term of the query
//     that scores (those under a -exclusion do not), constant ones
//     (document IDs, everything) counting boost².
//   - All of (a conjunction): the sum of the parts' scores.
//   - Any of (a disjunction): the sum of the matching parts' scores ×
//     matching parts / parts, so a page with more of the words ranks
//     higher; a part that matches nothing (a word absent from a field, or
//     from a language's analysis) still counts among the parts.
//   - must/should/must-not: must's score plus should's where should
//     matches.
//   - A prefix, wildcard or fuzzy term is the disjunction of the index's
//     terms it matches; a fuzzy one weighs each by 1 / (edits + 1).
//
// Sums add the parts in the order bleve did (parts that match fewer
// documents first), so that equal pages tie exactly as before, and ties
// go to the lower document number, which follows the IDs. (bleve added
// the parts of a disjunction of more than ten in a heap's order: there
// the scores may differ in the last bits, and the comparison test allows
// 1e-12 for it.)
//
// Each part is evaluated whole, a list of matches in document order, not
// document by document: a segment holds at most some hundred thousand
// documents, and lists keep the code short.

// match is a document a query part matched, with its score and, for
// fields that keep positions, where the matched terms are.
type match struct {
	doc   uint64
	score float64
	locs  []termLoc
}

// termLoc is where a term of the query is in a document's field: its
// position (counted in words from 1) and its bytes.
type termLoc struct {
	field, term     string
	pos, start, end uint64
}

// scorer is a query part ready to run on a segment.
type scorer interface {
	// weight is Σ (boost × idf)² of the part's scoring terms.
	weight() float64
	// setNorm gives the part the query's norm.
	setNorm(norm float64)
	// count is how many documents the part may match at most: parts
	// are summed in this order, as bleve did.
	count() uint64
	// matches runs the part.
	matches() ([]match, error)
}

// termScorer matches one term of one field.
type termScorer struct {
	pl          postingList // nil when the field lacks the term
	n           uint64
	field, term string
	boost, idf  float64
	queryWeight float64
	// vectors keeps where the term is (in fields with positions): in
	// every pass when set, else in the pass of loc when loc is set.
	vectors bool
	loc     *locating
}

// locating is how the scorers of a query find where its terms are in
// the hits shown, and only there: a query such as "cluster" matches
// every page, and keeping the places of its words in all of them was
// nearly all a search allocated (1.4 MB a query at 1,000 pages, which
// the browser's engine then collected). The plan is run once for the
// scores, without places (but a phrase's, which it needs to match),
// then once more with docs set to the hits shown, whose places it
// keeps. Every part of a plan scores and matches a document from that
// document's postings alone, so the second run gives the hits shown
// as the first did, with their places.
type locating struct {
	docs []uint64 // in order; nil in the first run
}

// locate runs s again for the documents of top and gives each of them
// the places of the query's terms (match.locs).
func (l *locating) locate(s scorer, top []match) error {
	if len(top) == 0 {
		return nil
	}
	l.docs = make([]uint64, len(top))
	for i, m := range top {
		l.docs[i] = m.doc
	}
	slices.Sort(l.docs)
	defer func() { l.docs = nil }()
	ms, err := s.matches()
	if err != nil {
		return err
	}
	for i := range top {
		j := sort.Search(len(ms), func(j int) bool { return ms[j].doc >= top[i].doc })
		if j < len(ms) && ms[j].doc == top[i].doc {
			top[i].locs = ms[j].locs
		}
	}
	return nil
}

// newTermScorer matches term in field. With loc set, it keeps where the
// term is in the run of loc.locate; with vectors, in every run.
func newTermScorer(src source, field, term string, boost float64, vectors bool, loc *locating) (*termScorer, error) {
	s := &termScorer{field: field, term: term, boost: boost, queryWeight: 1, vectors: vectors, loc: loc}
	pl, err := src.postings(field, []byte(term), vectors || loc != nil)
	if err != nil {
		return nil, err
	}
	if pl != nil {
		s.pl, s.n = pl, pl.count()
	}
	s.idf = 1 + math.Log(float64(src.count())/float64(s.n+1))
	return s, nil
}

func (s *termScorer) weight() float64 { w := s.boost * s.idf; return w * w }
func (s *termScorer) setNorm(norm float64) {
	s.queryWeight = s.boost * s.idf * norm
}
func (s *termScorer) count() uint64 { return s.n }

func (s *termScorer) matches() ([]match, error) {
	if s.pl == nil || s.n == 0 {
		return nil, nil
	}
	var only []uint64 // the documents of a run of locating
	if s.loc != nil {
		only = s.loc.docs
	}
	locs := s.vectors || only != nil
	size := s.n
	if only != nil {
		size = min(size, uint64(len(only)))
	}
	out := make([]match, 0, size)
	it := s.pl.iter(locs)
	var p *posting
	for next := 0; ; {
		var err error
		if only == nil {
			p, err = it.next()
		} else {
			// The next document asked for that the term may be in,
			// found with advance (which passes over the rest): a
			// posting found may be that of a later one.
			for next < len(only) && p != nil && only[next] < p.doc {
				next++
			}
			if next == len(only) {
				return out, nil
			}
			if p == nil || p.doc < only[next] {
				p, err = it.advance(only[next])
			}
		}
		if err != nil {
			return nil, err
		}
		if p == nil {
			return out, nil
		}
		if only != nil {
			if p.doc != only[next] {
				continue
			}
			next++
		}
		score := math.Sqrt(float64(p.freq)) * p.norm * s.idf
		if s.queryWeight != 1 {
			score *= s.queryWeight
		}
		m := match{doc: p.doc, score: score}
		if locs {
			for _, l := range p.locs {
				m.locs = append(m.locs, termLoc{field: l.field, term: s.term, pos: l.pos, start: l.start, end: l.end})
			}
		}
		out = append(out, m)
	}
}

// constScorer gives every document of a list the same score: boost ×
// queryNorm, or 1 before the norm is set. n is the count it reports:
// the IDs asked for, found or not.
type constScorer struct {
	docs  []uint64 // in order
	n     uint64
	boost float64
	score float64
}

func newConstScorer(docs []uint64, n uint64, boost float64) *constScorer {
	return &constScorer{docs: docs, n: n, boost: boost, score: 1}
}

func (s *constScorer) weight() float64      { return s.boost * s.boost }
func (s *constScorer) setNorm(norm float64) { s.score = s.boost * norm }
func (s *constScorer) count() uint64        { return s.n }
func (s *constScorer) matches() ([]match, error) {
	out := make([]match, len(s.docs))
	for i, d := range s.docs {
		out[i] = match{doc: d, score: s.score}
	}
	return out, nil
}

// noneScorer matches nothing: a word the analysis leaves nothing of.
type noneScorer struct{}

func (noneScorer) weight() float64           { return 0 }
func (noneScorer) setNorm(float64)           {}
func (noneScorer) count() uint64             { return 0 }
func (noneScorer) matches() ([]match, error) { return nil, nil }

// byCount orders parts as bleve's searchers did: fewer documents first.
func byCount(parts []scorer) []scorer {
	out := slices.Clone(parts)
	sort.SliceStable(out, func(i, j int) bool { return out[i].count() < out[j].count() })
	return out
}

func sumWeights(parts []scorer) float64 {
	w := 0.0
	for _, p := range parts {
		w += p.weight()
	}
	return w
}

func setNorms(parts []scorer, norm float64) {
	for _, p := range parts {
		p.setNorm(norm)
	}
}

func sumCounts(parts []scorer) uint64 {
	var n uint64
	for _, p := range parts {
		n += p.count()
	}
	return n
}

// allOf matches the documents every part matches.
type allOf struct{ parts []scorer }

func newAllOf(parts []scorer) *allOf { return &allOf{parts: byCount(parts)} }

func (s *allOf) weight() float64      { return sumWeights(s.parts) }
func (s *allOf) setNorm(norm float64) { setNorms(s.parts, norm) }
func (s *allOf) count() uint64        { return sumCounts(s.parts) }

func (s *allOf) matches() ([]match, error) {
	var out []match
	for i, p := range s.parts {
		ms, err := p.matches()
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = ms
			continue
		}
		out = intersect(out, ms)
		if len(out) == 0 {
			return nil, nil
		}
	}
	return out, nil
}

// intersect keeps the documents of a found in b, adding b's score and
// locations to a's.
func intersect(a, b []match) []match {
	return join(a, b, func(m, other *match) bool {
		if other == nil {
			return false
		}
		m.add(other)
		return true
	})
}

// without leaves out of a the documents of b.
func without(a, b []match) []match {
	if len(b) == 0 {
		return a
	}
	return join(a, b, func(_, other *match) bool { return other == nil })
}

// join walks a and b, both in document order, and keeps in a's place the
// matches of a that keep accepts, given b's match of the same document
// (nil when b has none); keep may change them.
func join(a, b []match, keep func(m, other *match) bool) []match {
	out := a[:0]
	j := 0
	for i := range a {
		// keep changes a[i] in place: out has not reached it (a copy
		// would be a heap allocation for each match, as keep takes
		// its address).
		m := &a[i]
		for j < len(b) && b[j].doc < m.doc {
			j++
		}
		var other *match
		if j < len(b) && b[j].doc == m.doc {
			other = &b[j]
		}
		if keep(m, other) {
			out = append(out, *m)
		}
	}
	return out
}

// add adds another match of the same document to m: its score and its
// locations.
func (m *match) add(other *match) {
	m.score += other.score
	m.locs = append(m.locs, other.locs...)
}

// anyOf matches the documents at least min parts match (min 0 means
// one), scored with the share of parts that match.
type anyOf struct {
	parts []scorer
	min   int
	docs  uint64 // the documents of the segment: no more can match
}

func newAnyOf(src source, parts []scorer, min int) *anyOf {
	return &anyOf{parts: byCount(parts), min: min, docs: src.count()}
}

func (s *anyOf) weight() float64      { return sumWeights(s.parts) }
func (s *anyOf) setNorm(norm float64) { setNorms(s.parts, norm) }
func (s *anyOf) count() uint64        { return sumCounts(s.parts) }

func (s *anyOf) matches() ([]match, error) {
	lists := make([][]match, len(s.parts))
	total := 0
	for i, p := range s.parts {
		ms, err := p.matches()
		if err != nil {
			return nil, err
		}
		lists[i] = ms
		total += len(ms)
	}
	// Merge the lists: a document's score adds its parts' scores in
	// the parts' order.
	next := make([]int, len(lists))
	out := make([]match, 0, min(uint64(total), s.docs, 1<<16))
	for {
		doc, found := uint64(math.MaxUint64), false
		for i, l := range lists {
			if next[i] < len(l) && l[next[i]].doc <= doc {
				doc, found = l[next[i]].doc, true
			}
		}
		if !found {
			return out, nil
		}
		m := match{doc: doc}
		n := 0
		for i, l := range lists {
			if next[i] < len(l) && l[next[i]].doc == doc {
				m.add(&l[next[i]])
				next[i]++
				n++
			}
		}
		if n >= s.min {
			m.score *= float64(n) / float64(len(s.parts))
			out = append(out, m)
		}
	}
}

// boolOf is must, should and mustNot together: the documents must
// matches (should's, when must is nil) that mustNot does not; should
// adds its score where it matches, and is required where its min is
// above 0. must or should may be nil, not both.
type boolOf struct {
	must, should scorer
	shouldMin    int
	mustNot      scorer
}

func (s *boolOf) scoring() []scorer {
	var out []scorer
	for _, p := range []scorer{s.must, s.should} {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

func (s *boolOf) weight() float64      { return sumWeights(s.scoring()) }
func (s *boolOf) setNorm(norm float64) { setNorms(s.scoring(), norm) }
func (s *boolOf) count() uint64        { return sumCounts(s.scoring()) }

func (s *boolOf) matches() ([]match, error) {
	var not []match
	if s.mustNot != nil {
		var err error
		if not, err = s.mustNot.matches(); err != nil {
			return nil, err
		}
	}
	var should []match
	if s.should != nil {
		var err error
		if should, err = s.should.matches(); err != nil {
			return nil, err
		}
	}
	if s.must == nil {
		return without(should, not), nil
	}
	must, err := s.must.matches()
	if err != nil {
		return nil, err
	}
	// Should adds its score where it matches; where it does not, the
	// document stays only if should is not required.
	optional := s.should == nil || s.shouldMin == 0
	return join(without(must, not), should, func(m, other *match) bool {
		if other == nil {
			return optional
		}
		m.add(other)
		return true
	}), nil
}

// phraseOf matches the documents where the terms stand one after the
// other in a field (each position may allow several terms), scored as
// the conjunction of the terms; its locations are those of the phrases
// found.
type phraseOf struct {
	all   *allOf
	terms [][]string
}

func (s *phraseOf) weight() float64      { return s.all.weight() }
func (s *phraseOf) setNorm(norm float64) { s.all.setNorm(norm) }
func (s *phraseOf) count() uint64        { return s.all.count() }

func (s *phraseOf) matches() ([]match, error) {
	ms, err := s.all.matches()
	if err != nil {
		return nil, err
	}
	out := ms[:0]
	for _, m := range ms {
		if locs := phraseLocations(m.locs, s.terms); len(locs) > 0 {
			m.locs = locs
			out = append(out, m)
		}
	}
	return out, nil
}

// phraseLocations finds, field by field, every run of locations that
// spells the phrase (a term of terms[i] at the position after the one
// of terms[i-1]), and returns the locations of all of them.
func phraseLocations(locs []termLoc, terms [][]string) []termLoc {
	var fields []string
	for _, l := range locs {
		if !slices.Contains(fields, l.field) {
			fields = append(fields, l.field)
		}
	}
	var out []termLoc
	for _, f := range fields {
		byTerm := map[string][]termLoc{}
		for _, l := range locs {
			if l.field == f {
				byTerm[l.term] = append(byTerm[l.term], l)
			}
		}
		out = phrasePaths(0, terms, byTerm, nil, out)
	}
	return out
}

// phrasePaths extends path, whose last term is at prevPos (0 at the
// start), with the rest of the phrase, and adds each complete path to
// out.
func phrasePaths(prevPos uint64, terms [][]string, byTerm map[string][]termLoc, path, out []termLoc) []termLoc {
	if len(terms) == 0 {
		return append(out, path...)
	}
	at := terms[0]
	if len(at) == 0 || (len(at) == 1 && at[0] == "") {
		// A stop word: any word may stand here.
		next := prevPos + 1
		if prevPos == 0 {
			next = 0
		}
		return phrasePaths(next, terms[1:], byTerm, path, out)
	}
	for _, t := range at {
		for _, l := range byTerm[t] {
			if prevPos != 0 && l.pos != prevPos+1 {
				continue
			}
			if slices.Contains(path, l) {
				continue
			}
			out = phrasePaths(l.pos, terms[1:], byTerm, append(path[:len(path):len(path)], l), out)
		}
	}
	return out
}
