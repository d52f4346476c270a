package search

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// planner turns a query into scorers (score.go) over one segment, part
// by part as bleve's query package made searchers of it.
type planner struct {
	seg     source
	analyze func(analyzer string, text string) (analysis.TokenStream, error)
	// loc, when set, finds where the terms are in the hits shown, for
	// snippets and suggestions (locating).
	loc *locating
}

// plan is the scorer of a whole query, its norm set.
func (p *planner) plan(q qnode) (scorer, error) {
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

func (p *planner) scorer(q qnode) (scorer, error) {
	switch q := q.(type) {
	case *termQ:
		return newTermScorer(p.seg, q.field, q.term, q.boost, false, p.loc)
	case *matchQ:
		return p.match(q)
	case *phraseQ:
		return p.phrase(q)
	case *wildcardQ:
		return p.wildcard(q)
	case *idsQ:
		return p.docIDs(q.ids, q.boost)
	case *everyQ:
		return p.all(1), nil
	case *andQ:
		parts, err := p.scorers(q.parts)
		if err != nil || len(parts) == 0 {
			return noneScorer{}, err
		}
		return newAllOf(parts), nil
	case *orQ:
		parts, err := p.scorers(q.parts)
		if err != nil || len(parts) == 0 {
			return noneScorer{}, err
		}
		return newAnyOf(p.seg, parts, q.min), nil
	case *boolQ:
		return p.boolean(q)
	}
	return nil, fmt.Errorf("%w: this kind of query is not supported", ErrQuery)
}

func (p *planner) scorers(qs []qnode) ([]scorer, error) {
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
func (p *planner) boolean(q *boolQ) (scorer, error) {
	part := func(in qnode, present bool) (scorer, error) {
		if !present {
			return nil, nil
		}
		s, err := p.scorer(in)
		if _, none := s.(noneScorer); none {
			return nil, err
		}
		return s, err
	}
	mustNot, err := part(q.mustNot, q.mustNot != nil)
	if err != nil {
		return nil, err
	}
	must, err := part(q.must, q.must != nil)
	if err != nil {
		return nil, err
	}
	should, err := part(q.should, q.should != nil)
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
	if should != nil {
		b.shouldMin = q.should.min
	}
	return b, nil
}

// match analyses the text and matches its terms, all of them or any.
func (p *planner) match(q *matchQ) (scorer, error) {
	tokens, err := p.analyze(q.analyzer, q.text)
	if err != nil {
		return nil, err
	}
	if len(tokens) == 0 {
		return noneScorer{}, nil
	}
	parts := make([]scorer, len(tokens))
	for i, t := range tokens {
		if q.fuzziness != 0 {
			parts[i], err = p.fuzzy(q.field, string(t.Term), q.prefix, q.fuzziness, q.boost)
		} else {
			parts[i], err = newTermScorer(p.seg, q.field, string(t.Term), q.boost, false, p.loc)
		}
		if err != nil {
			return nil, err
		}
	}
	if q.all {
		return newAllOf(parts), nil
	}
	return newAnyOf(p.seg, parts, 1), nil
}

// phrase matches the analysed text as a phrase; a word the analysis
// drops leaves a gap any word may fill.
func (p *planner) phrase(q *phraseQ) (scorer, error) {
	tokens, err := p.analyze(q.analyzer, q.text)
	if err != nil {
		return nil, err
	}
	terms := phraseTerms(tokens)
	if len(terms) == 0 {
		return noneScorer{}, nil
	}
	var positions []scorer
	for _, at := range terms {
		var alts []scorer
		for _, t := range at {
			if t == "" {
				continue
			}
			s, err := newTermScorer(p.seg, q.field, t, q.boost, true, p.loc)
			if err != nil {
				return nil, err
			}
			alts = append(alts, s)
		}
		switch {
		case len(at) == 1 && len(alts) == 1:
			positions = append(positions, alts[0])
		case len(at) > 1:
			positions = append(positions, newAnyOf(p.seg, alts, 1))
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
		return newTermScorer(p.seg, field, term, boost, false, p.loc)
	}
	start := term
	for i := range term {
		if i >= prefix {
			start = term[:i]
			break
		}
	}
	var candidates []string
	var edits []int
	var end []byte
	if start != "" {
		end = afterPrefix([]byte(start))
	}
	word := []rune(term)
	err := p.seg.walk(field, []byte(start), end, func(t string) (bool, error) {
		if n := typoDistance(word, []rune(t), fuzziness); n <= fuzziness {
			candidates, edits = append(candidates, t), append(edits, n)
			if len(candidates) > MaxExpansion {
				return false, errTooMany
			}
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if len(candidates) == 0 || (len(candidates) == 1 && candidates[0] == term) {
		return newTermScorer(p.seg, field, term, boost, false, p.loc)
	}
	parts := make([]scorer, len(candidates))
	for i, c := range candidates {
		if parts[i], err = newTermScorer(p.seg, field, c, boost/float64(edits[i]+1), false, p.loc); err != nil {
			return nil, err
		}
	}
	return newAnyOf(p.seg, parts, 0), nil
}

// errTooMany is an ErrQuery. It is not made with fmt.Errorf: that would
// run fmt when the package loads, and the browser's engine would compile
// fmt's printer before its first query, which does not use it.
var errTooMany error = queryMistake("a prefix, wildcard or fuzzy term matches too many words; make it longer")

// queryMistake is a message about a query that errors.Is takes for
// ErrQuery, worded as fmt.Errorf("%w: ...", ErrQuery) would word it.
type queryMistake string

func (e queryMistake) Error() string { return ErrQuery.Error() + ": " + string(e) }
func (e queryMistake) Unwrap() error { return ErrQuery }

// wildcard matches the terms of a field that the pattern matches as a
// whole: * any letters, ? one letter, the rest as written.
func (p *planner) wildcard(q *wildcardQ) (scorer, error) {
	literal := q.pattern
	if i := strings.IndexAny(literal, "*?"); i >= 0 {
		literal = literal[:i]
	}
	var end []byte
	if literal != "" {
		end = afterPrefix([]byte(literal))
	}
	pattern := []rune(q.pattern)
	var candidates []string
	err := p.seg.walk(q.field, []byte(literal), end, func(t string) (bool, error) {
		if globMatch(pattern, t) {
			candidates = append(candidates, t)
			if len(candidates) > MaxExpansion {
				return false, errTooMany
			}
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	parts := make([]scorer, len(candidates))
	for i, c := range candidates {
		if parts[i], err = newTermScorer(p.seg, q.field, c, q.boost, false, p.loc); err != nil {
			return nil, err
		}
	}
	return newAnyOf(p.seg, parts, 0), nil
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
	docs, err := docNumbers(p.seg, ids)
	if err != nil {
		return nil, err
	}
	return newConstScorer(docs, uint64(len(ids)), boost), nil
}

// all matches every document.
func (p *planner) all(boost float64) scorer {
	docs := make([]uint64, p.seg.count())
	for i := range docs {
		docs[i] = uint64(i)
	}
	return newConstScorer(docs, p.seg.count(), boost)
}

// afterPrefix is the first key past every key that starts with prefix
// (nil: none).
func afterPrefix(prefix []byte) []byte {
	end := append([]byte(nil), prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		end[i]++
		if end[i] != 0 {
			return end[:i+1]
		}
	}
	return nil
}
