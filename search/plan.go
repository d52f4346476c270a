package search

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	zapx "github.com/blevesearch/zapx/v17"
)

// planner turns a query into scorers (score.go) over one segment, part
// by part as bleve's query package made searchers of it.
type planner struct {
	seg     *zapx.SegmentBase
	analyze func(analyzer string, text string) (analysis.TokenStream, error)
	// vectors keeps where terms are, for snippets and suggestions.
	vectors bool
}

// plan is the scorer of a whole query, its norm set.
func (p *planner) plan(q query.Query) (scorer, error) {
	s, err := p.scorer(q)
	if err != nil {
		return nil, err
	}
	switch s.(type) {
	case *termScorer, *constScorer, noneScorer:
		// A lone term or constant has no norm (bleve sets it from a
		// composite above it).
	default:
		s.setNorm(1 / math.Sqrt(s.weight()))
	}
	return s, nil
}

func boostOf(b *query.Boost) float64 { return b.Value() }

func (p *planner) scorer(q query.Query) (scorer, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return newTermScorer(p.seg, q.FieldVal, q.Term, boostOf(q.BoostVal), p.vectors)
	case *query.MatchQuery:
		return p.match(q)
	case *query.MatchPhraseQuery:
		return p.phrase(q)
	case *query.WildcardQuery:
		return p.wildcard(q)
	case *query.DocIDQuery:
		return p.docIDs(q.IDs, boostOf(q.BoostVal))
	case *query.MatchAllQuery:
		return p.all(boostOf(q.BoostVal)), nil
	case *query.MatchNoneQuery:
		return noneScorer{}, nil
	case *query.ConjunctionQuery:
		parts, err := p.scorers(q.Conjuncts)
		if err != nil || len(parts) == 0 {
			return noneScorer{}, err
		}
		return newAllOf(parts), nil
	case *query.DisjunctionQuery:
		parts, err := p.scorers(q.Disjuncts)
		if err != nil || len(parts) == 0 {
			return noneScorer{}, err
		}
		return newAnyOf(parts, int(q.Min)), nil
	case *query.BooleanQuery:
		return p.boolean(q)
	}
	return nil, fmt.Errorf("%w: this kind of query is not supported", ErrQuery)
}

func (p *planner) scorers(qs []query.Query) ([]scorer, error) {
	out := make([]scorer, 0, len(qs))
	for _, q := range qs {
		s, err := p.scorer(q)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// boolean is must, should and must-not, with the shortcuts bleve takes:
// a part that can match nothing is left out, and a lone must or should
// is that part alone.
func (p *planner) boolean(q *query.BooleanQuery) (scorer, error) {
	part := func(in query.Query) (scorer, error) {
		if in == nil {
			return nil, nil
		}
		s, err := p.scorer(in)
		if _, none := s.(noneScorer); none {
			return nil, err
		}
		return s, err
	}
	mustNot, err := part(q.MustNot)
	if err != nil {
		return nil, err
	}
	must, err := part(q.Must)
	if err != nil {
		return nil, err
	}
	should, err := part(q.Should)
	if err != nil {
		return nil, err
	}
	switch {
	case must == nil && should == nil && mustNot == nil:
		return noneScorer{}, nil
	case must != nil && should == nil && mustNot == nil:
		return must, nil
	case must == nil && should != nil && mustNot == nil:
		return should, nil
	case must == nil && should == nil:
		must = p.all(1)
	}
	b := &boolOf{must: must, should: should, mustNot: mustNot}
	if d, ok := q.Should.(*query.DisjunctionQuery); ok && should != nil {
		b.shouldMin = int(d.Min)
	}
	return b, nil
}

// match analyses the text and matches its terms, all of them or any.
func (p *planner) match(q *query.MatchQuery) (scorer, error) {
	tokens, err := p.analyze(q.Analyzer, q.Match)
	if err != nil {
		return nil, err
	}
	if len(tokens) == 0 {
		return noneScorer{}, nil
	}
	boost := boostOf(q.BoostVal)
	parts := make([]scorer, len(tokens))
	for i, t := range tokens {
		if q.Fuzziness != 0 {
			parts[i], err = p.fuzzy(q.FieldVal, string(t.Term), q.Prefix, q.Fuzziness, boost)
		} else {
			parts[i], err = newTermScorer(p.seg, q.FieldVal, string(t.Term), boost, p.vectors)
		}
		if err != nil {
			return nil, err
		}
	}
	if q.Operator == query.MatchQueryOperatorAnd {
		return newAllOf(parts), nil
	}
	return newAnyOf(parts, 1), nil
}

// phrase matches the analysed text as a phrase; a word the analysis
// drops leaves a gap any word may fill.
func (p *planner) phrase(q *query.MatchPhraseQuery) (scorer, error) {
	tokens, err := p.analyze(q.Analyzer, q.MatchPhrase)
	if err != nil {
		return nil, err
	}
	terms := phraseTerms(tokens)
	if len(terms) == 0 {
		return noneScorer{}, nil
	}
	boost := boostOf(q.BoostVal)
	var positions []scorer
	for _, at := range terms {
		var alts []scorer
		for _, t := range at {
			if t == "" {
				continue
			}
			s, err := newTermScorer(p.seg, q.FieldVal, t, boost, true)
			if err != nil {
				return nil, err
			}
			alts = append(alts, s)
		}
		switch {
		case len(at) == 1 && len(alts) == 1:
			positions = append(positions, alts[0])
		case len(at) > 1:
			positions = append(positions, newAnyOf(alts, 1))
		}
	}
	return &phraseOf{all: newAllOf(positions), terms: terms}, nil
}

// phraseTerms lists the terms at each position of a phrase, from the
// first position to the last.
func phraseTerms(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}

// maxFuzziness is the most edits word~N may allow.
const maxFuzziness = 2

// fuzzy matches the terms of a field within fuzziness edits of term
// (typoDistance: a swap of two letters is one edit) that start with its
// first prefix bytes (rounded up to a whole letter), each weighed by 1 /
// (edits + 1).
func (p *planner) fuzzy(field, term string, prefix, fuzziness int, boost float64) (scorer, error) {
	if fuzziness > maxFuzziness || fuzziness < 0 {
		return nil, fmt.Errorf("%w: fuzziness ~%d; use ~1 or ~2", ErrQuery, fuzziness)
	}
	if fuzziness == 0 {
		return newTermScorer(p.seg, field, term, boost, p.vectors)
	}
	start := term
	for i := range term {
		if i >= prefix {
			start = term[:i]
			break
		}
	}
	d, err := p.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	var candidates []string
	var edits []int
	var end []byte
	if start != "" {
		end = afterPrefix([]byte(start))
	}
	word := []rune(term)
	it := d.AutomatonIterator(nil, []byte(start), end)
	for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
		if err != nil {
			return nil, err
		}
		if n := typoDistance(word, []rune(e.Term), fuzziness); n <= fuzziness {
			candidates, edits = append(candidates, e.Term), append(edits, n)
			if len(candidates) > MaxExpansion {
				return nil, errTooMany
			}
		}
	}
	if len(candidates) == 0 || (len(candidates) == 1 && candidates[0] == term) {
		return newTermScorer(p.seg, field, term, boost, p.vectors)
	}
	parts := make([]scorer, len(candidates))
	for i, c := range candidates {
		if parts[i], err = newTermScorer(p.seg, field, c, boost/float64(edits[i]+1), p.vectors); err != nil {
			return nil, err
		}
	}
	return newAnyOf(parts, 0), nil
}

var errTooMany = fmt.Errorf("%w: a prefix, wildcard or fuzzy term matches too many words; make it longer", ErrQuery)

// wildcard matches the terms of a field that the pattern matches as a
// whole: * any letters, ? one letter, the rest as written.
func (p *planner) wildcard(q *query.WildcardQuery) (scorer, error) {
	d, err := p.seg.Dictionary(q.FieldVal)
	if err != nil {
		return nil, err
	}
	literal := q.Wildcard
	if i := strings.IndexAny(literal, "*?"); i >= 0 {
		literal = literal[:i]
	}
	var end []byte
	if literal != "" {
		end = afterPrefix([]byte(literal))
	}
	pattern := []rune(q.Wildcard)
	var candidates []string
	it := d.AutomatonIterator(nil, []byte(literal), end)
	for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
		if err != nil {
			return nil, err
		}
		if globMatch(pattern, e.Term) {
			candidates = append(candidates, e.Term)
			if len(candidates) > MaxExpansion {
				return nil, errTooMany
			}
		}
	}
	boost := boostOf(q.BoostVal)
	parts := make([]scorer, len(candidates))
	for i, c := range candidates {
		if parts[i], err = newTermScorer(p.seg, q.FieldVal, c, boost, p.vectors); err != nil {
			return nil, err
		}
	}
	return newAnyOf(parts, 0), nil
}

// globMatch reports whether the whole of s matches pattern, letter by
// letter: * stands for any letters, ? for one.
func globMatch(pattern []rune, s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	text := []rune(s)
	// can[j]: pattern[:i] matches text[:j].
	can := make([]bool, len(text)+1)
	can[0] = true
	for _, pr := range pattern {
		next := make([]bool, len(text)+1)
		for j := range next {
			switch pr {
			case '*':
				next[j] = can[j] || (j > 0 && next[j-1])
			case '?':
				next[j] = j > 0 && can[j-1]
			default:
				next[j] = j > 0 && can[j-1] && text[j-1] == pr
			}
		}
		can = next
	}
	return can[len(text)]
}

// docIDs matches the documents with these IDs.
func (p *planner) docIDs(ids []string, boost float64) (scorer, error) {
	nums, err := p.seg.DocNumbers(ids)
	if err != nil {
		return nil, err
	}
	var docs []uint64
	for _, n := range nums.ToArray() {
		docs = append(docs, uint64(n))
	}
	return newConstScorer(docs, uint64(len(ids)), boost), nil
}

// all matches every document.
func (p *planner) all(boost float64) scorer {
	docs := make([]uint64, p.seg.Count())
	for i := range docs {
		docs[i] = uint64(i)
	}
	return newConstScorer(docs, p.seg.Count(), boost)
}
