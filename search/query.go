package search

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clusterpolisee/polisee/search/internal/snippet"
	"github.com/clusterpolisee/polisee/search/internal/syntax"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Limits that keep every query bounded in time and memory.
const (
	MaxQueryLen  = 500  // characters
	MaxClauses   = 64   // terms and operators after parsing
	MaxExpansion = 1000 // index terms a prefix, wildcard or fuzzy term may expand to
	// MaxAnyAfterStar bounds the ? that may follow a * in one wildcard
	// term: matching *x?????? builds an automaton whose size doubles with
	// every ? (15 of them took 2 s).
	MaxAnyAfterStar = 4
	MaxResults      = 100
	DefaultResult   = 10
)

// ErrQuery is wrapped by every error caused by the query text itself.
var ErrQuery = errors.New("bad query")

// Request is one search.
type Request struct {
	Query string
	Size  int // results to return (default 10, at most 100)
	From  int
	// Langs are the languages whose analyzers read the words of the
	// query; the reader's language first. Empty means English.
	Langs []string
	// Shown, when set, keeps the documents that the pages in this
	// language show (see Document.Shown): on a multilingual site, the
	// search of one language's pages.
	Shown string
	// Sort orders the hits: "relevance" (the default for a query),
	// "date" (newest first; the default when the query is empty, which
	// lists every page) or "title" (A to Z, accents folded).
	Sort string
	// Exact leaves out the other names of glossary terms (terms.go).
	Exact bool
	// NoSections leaves the hits without their sections (Hit.Section),
	// even when the sections are open: on sections in parts, a page
	// shows the hits first and asks again for their sections.
	NoSections bool
}

// Sorts are the values of Request.Sort.
var Sorts = []string{"relevance", "date", "title"}

// Hit is one result.
type Hit struct {
	ID      string  `json:"id"`
	URL     string  `json:"url"`
	Type    string  `json:"type"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"` // HTML: escaped text with <mark> around matches
	Score   float64 `json:"score"`
	// Lang is the language the page is written in.
	Lang string `json:"lang,omitempty"`
	// Section and Anchor name the part of the page (its heading and the
	// heading's id) where the query's words are found best, when the
	// page has sections (Document.Sections) that hold any of them.
	Section string `json:"section,omitempty"`
	Anchor  string `json:"anchor,omitempty"`
}

// FacetCount is one value of a facet with the number of results having it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is the answer to a Request.
type Result struct {
	Total  int                     `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets"`
	// When nothing has every word of a query of plain words, the result
	// is that of a looser query, and says which: Near, the words within
	// one or two letters of the reader's (typos), with Suggestion, the
	// query in the words the best result has; else Partial, the pages
	// with most of the words, ranked by how many they have.
	Near       bool   `json:"near,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
	Partial    bool   `json:"partial,omitempty"`
}

// Search runs a query written in bleve's query-string syntax: words,
// "phrases", prefix*, word~1, -not, field:value (type, area, country,
// region, status, level, year, lang, tag; title, summary, body).
//
// An index damaged in a way its checksum cannot see (zapx trusts its
// bytes) gives an error wrapping ErrCorrupt, not a crash.
//
// Once the sections are open (OpenSections), a hit on a page with
// sections names the section where the query's words are found best
// (Hit.Section), unless the words are close ones (Result.Near).
func (ix *Index) Search(ctx context.Context, r Request) (res *Result, err error) {
	var parts []*partsSource // the pages' and the sections', those in parts
	for _, src := range []source{ix.seg, ix.sec} {
		if p, ok := src.(*partsSource); ok {
			p.resetNeeds()
			parts = append(parts, p)
		}
	}
	needs := func() []string {
		var all []string
		for _, p := range parts {
			all = append(all, p.needs()...)
		}
		return all
	}
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(needParts); ok && parts != nil {
				res, err = nil, &NeedError{Parts: needs()}
				return
			}
			res, err = nil, fmt.Errorf("%w: %v; rebuild the site", ErrCorrupt, p)
			return
		}
		if parts != nil && err == nil {
			// Nothing computed without a part may be returned.
			if need := needs(); len(need) > 0 {
				res, err = nil, &NeedError{Parts: need}
			}
		}
	}()
	res, err = ix.find(ctx, r)
	if err != nil || res.Near || strings.TrimSpace(r.Query) == "" || ix.sec == nil || r.NoSections {
		return res, err
	}
	if pages, ok := ix.seg.(*partsSource); ok && len(pages.needs()) > 0 {
		return res, nil // the hits first: their sections in a later round
	}
	if err := ix.addSections(ctx, r, res.Hits); err != nil {
		return nil, err
	}
	return res, nil
}

// find is Search without the sections.
func (ix *Index) find(ctx context.Context, r Request) (res *Result, err error) {
	if !slices.Contains(append(Sorts, ""), r.Sort) {
		return nil, fmt.Errorf("%w: unknown order %q; use one of: %s", ErrQuery, r.Sort, strings.Join(Sorts, ", "))
	}
	if strings.TrimSpace(r.Query) == "" {
		// Browsing: every page, newest first unless asked otherwise.
		if r.Sort == "" {
			r.Sort = "date"
		}
		return ix.search(ctx, &everyQ{}, r, nil)
	}
	q, err := ix.parse(r.Query, r.Langs, rewriter{})
	if err != nil {
		return nil, err
	}
	if !r.Exact {
		alts, defined := ix.termAlternatives(r.Query, r.Langs)
		q = ix.withTerms(q, alts, defined, r.Langs)
		if len(defined) > 0 && r.From == 0 && (r.Sort == "" || r.Sort == "relevance") {
			return ix.definedFirst(ctx, q, r, defined)
		}
	}
	res, err = ix.search(ctx, q, r, nil)
	if err != nil || res.Total > 0 || r.From > 0 {
		return res, err
	}
	words := plainWords(r.Query)
	if len(words) == 0 {
		return res, nil
	}
	// Typos first: each word the index does not hold may be a word
	// within one letter (two for words of more than five letters) of it.
	// A typo rarely hits the first letter, and keeping it narrows the
	// words to compare to a small part of the index's. The closest words
	// are tried first (one slip away rather than two), then all within
	// reach: the closest may be in pages the request leaves out. When the
	// index holds every word, none is a typo: on to partial matches.
	unknown := ix.unknownWords(words, r.Langs)
	// Each retry in turn; on an index in parts, one that stops for parts
	// it lacks leaves the answer open, and the others run on, to note
	// their parts too, so that one round of fetches serves them all (see
	// retry).
	open := false
	try := func(fn func() (*Result, bool)) *Result {
		alt, ok, stopped := ix.retry(fn)
		open = open || stopped
		if ok && !open {
			return alt
		}
		return nil
	}
	// A word the index lacks may be the start of one it holds, the
	// reader still typing ("smart spec", "touris"): such words are
	// searched as prefixes first, then as typos.
	if starts := ix.wordStarts(unknown); len(starts) > 0 {
		if alt := try(func() (*Result, bool) {
			return ix.searchNear(ctx, r, words, prefixQuery(words, starts), starts)
		}); alt != nil {
			return alt, nil
		}
	}
	for _, fuzz := range []map[string]int{unknown, widest(unknown)} {
		if len(fuzz) == 0 {
			break
		}
		if alt := try(func() (*Result, bool) { return ix.searchNear(ctx, r, words, nearQuery(words, fuzz), nil) }); alt != nil {
			return alt, nil
		}
		if maps.Equal(fuzz, widest(unknown)) {
			break
		}
	}
	// Then the pages that have most of the words (a question such as
	// "how to finance clusters").
	if len(words) > 1 {
		any, err := ix.parse(r.Query, r.Langs, rewriter{any: true})
		if err == nil {
			if alt := try(func() (*Result, bool) {
				alt, err := ix.search(ctx, any, r, nil)
				if err != nil || alt.Total == 0 {
					return nil, false
				}
				alt.Partial = true
				return alt, true
			}); alt != nil {
				return alt, nil
			}
		}
	}
	if open {
		panic(needParts{}) // Search answers with the parts noted
	}
	return res, nil
}

// search runs a parsed query; seen, if set, is shown each hit: its
// match and its stored fields.
func (ix *Index) search(ctx context.Context, q qnode, r Request, seen func(match, map[string]string)) (*Result, error) {
	parts, _ := ix.seg.(*partsSource)
	var ranked *rankedQuery
	seq := 0
	if parts != nil {
		seq = parts.nextSearch()
		ranked = parts.ranked(seq, r)
	}
	if ranked == nil {
		out, top, err := ix.rank(ctx, q, r)
		if err != nil {
			return nil, err
		}
		ranked = &rankedQuery{out: *out, top: top}
		if parts != nil {
			parts.keepRanked(seq, r, ranked)
		}
	}
	out, top := ranked.out, ranked.top
	out.Hits = []Hit{}
	if parts != nil {
		docs := make([]uint64, len(top))
		for i, m := range top {
			docs[i] = m.doc
		}
		parts.needDocs(docs) // the chunks of all the hits, at once
	}
	for _, m := range top {
		id, fields, err := storedFields(ix.seg, m.doc)
		if err != nil || id == "" {
			return nil, fmt.Errorf("%w: document %d of a hit cannot be read; rebuild the site", ErrCorrupt, m.doc)
		}
		hit := Hit{ID: id, Score: m.score, URL: fields["url"], Type: fields["type"], Title: fields["title"], Lang: fields["lang"]}
		if seen != nil {
			seen(m, fields)
		}
		hit.Snippet = markWords(fields["summary"], m.locs)
		out.Hits = append(out.Hits, hit)
	}
	return &out, nil
}

// rank finds a query's hits, counts its facets and picks the hits of
// the page asked for: all of a search but the hits' stored fields.
func (ix *Index) rank(ctx context.Context, q qnode, r Request) (*Result, []match, error) {
	if r.Shown != "" {
		q = &andQ{parts: []qnode{q, &termQ{field: "shown", term: r.Shown, boost: 1}}}
	}
	if ix.hasTermsDoc {
		// The terms document is found by no query.
		q = newBool([]qnode{q}, nil, []qnode{&idsQ{ids: []string{termsID}, boost: 1}})
	}
	size := r.Size
	if size <= 0 {
		size = DefaultResult
	}
	size = min(size, MaxResults)
	p := planner{seg: ix.seg, analyze: ix.analyze, loc: &locating{}}
	s, err := p.plan(q)
	if err != nil {
		return nil, nil, queryError(ctx, err)
	}
	if parts, ok := ix.seg.(*partsSource); ok {
		parts.checkpoint() // every term's postings, before scoring
	}
	ms, err := s.matches()
	if err != nil {
		return nil, nil, queryError(ctx, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, queryError(ctx, err)
	}
	out := &Result{Total: len(ms)}
	if out.Facets, err = ix.facets(ms); err != nil {
		return nil, nil, err
	}
	top, err := ix.top(ms, r.Sort, r.From, size)
	if err != nil {
		return nil, nil, err
	}
	if err := p.loc.locate(s, top); err != nil {
		return nil, nil, queryError(ctx, err)
	}
	return out, top, nil
}

// markWords is the summary with the query's words marked, escaped for
// HTML: the best fragment, as bleve's HTML highlighter chose and wrote it
// (package internal/snippet), or the whole summary when it holds none of
// the query's words.
func markWords(summary string, locs []termLoc) string {
	var in []snippet.Location
	for _, l := range locs {
		if l.field == "summary" {
			in = append(in, snippet.Location{Term: l.term, Pos: l.pos, Start: l.start, End: l.end})
		}
	}
	if s := snippet.Best(summary, in); s != "" {
		return s
	}
	return snippet.Escape(summary)
}

func queryError(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, ErrQuery):
		return err // the reader's mistake, already said in their words
	case ctx.Err() != nil:
		return fmt.Errorf("search took too long: %w", ctx.Err())
	}
	return fmt.Errorf("search: %w", err)
}

// parse reads a query: words without a field search title, summary and
// body with their boosts, read by the analyzer of each language in langs;
// field:value on a code field is an exact match. rw says how (any words
// or all, fuzzy prefixes, sections).
func (ix *Index) parse(text string, langs []string, rw rewriter) (qnode, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, fmt.Errorf("%w: empty query", ErrQuery)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%w: the query is not valid UTF-8", ErrQuery)
	}
	if n := utf8.RuneCountInString(text); n > MaxQueryLen {
		return nil, fmt.Errorf("%w: the query is %d characters long; at most %d are allowed", ErrQuery, n, MaxQueryLen)
	}
	parts, err := syntax.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	rw.analyzers = analyzersFor(langs)
	rw.named = ix.analyzer
	for _, name := range rw.analyzers {
		if ix.analyzer(name) == nil {
			return nil, errNoWordLists(name)
		}
	}
	q, err := rw.query(parts)
	if err != nil {
		return nil, err
	}
	if q == nil {
		return nil, fmt.Errorf("%w: the query has no words to search for", ErrQuery)
	}
	if rw.clauses > MaxClauses {
		return nil, fmt.Errorf("%w: the query has %d terms; at most %d are allowed", ErrQuery, rw.clauses, MaxClauses)
	}
	return q, nil
}

func analyzersFor(langs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range langs {
		a := AnalyzerFor(l)
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = []string{AnalyzerFor("en")}
	}
	return out
}

type rewriter struct {
	analyzers []string
	named     func(name string) analysis.Analyzer // the index's analyzers
	clauses   int
	any       bool // the query's words are alternatives (see parse)
	// fuzzyPrefix is how many first letters a fuzzy term keeps: the
	// terms it may match are then only those that start with them.
	fuzzyPrefix int
	// section asks the words of the body of sections (see Section),
	// leaving out the filters and exclusions, which are about pages,
	// and the words asked of other fields.
	section bool
}

// skips reports whether the rewriter leaves out words given for field f.
func (rw *rewriter) skips(f string) bool {
	return rw.section && f != "" && f != "body"
}

func isKeyword(field string) bool {
	for _, k := range keywordFields {
		if k == field {
			return true
		}
	}
	return false
}

func isText(field string) bool {
	for _, f := range TextFields {
		if f.Name == field {
			return true
		}
	}
	return false
}

// field resolves what the reader wrote before the colon.
func field(name string) (string, error) {
	name = strings.ToLower(name)
	if a, ok := fieldAliases[name]; ok {
		name = a
	}
	if name == "" || isKeyword(name) || isText(name) {
		return name, nil
	}
	var known []string
	for _, f := range TextFields {
		known = append(known, f.Name)
	}
	known = append(known, keywordFields...)
	return "", fmt.Errorf("%w: unknown field %q; use one of: %s", ErrQuery, name, strings.Join(known, ", "))
}

// keywordValue writes a code as the index holds it.
func keywordValue(field, v string) string {
	if field == "country" || field == "region" {
		return strings.ToUpper(v)
	}
	return strings.ToLower(v)
}

// query rewrites the parts of a query: the +parts, then those with no
// sign (see addShould), then the -parts.
func (rw *rewriter) query(parts []syntax.Part) (qnode, error) {
	out := &boolQ{}
	add := map[syntax.Occur]func(...qnode){syntax.Must: out.addMust, syntax.Should: rw.addShould(out), syntax.MustNot: out.addMustNot}
	for _, occur := range []syntax.Occur{syntax.Must, syntax.Should, syntax.MustNot} {
		if rw.section && occur == syntax.MustNot {
			continue
		}
		var children []qnode
		for _, p := range parts {
			if p.Occur != occur {
				continue
			}
			c, err := rw.part(p)
			if err != nil {
				return nil, err
			}
			if c != nil {
				children = append(children, c)
			}
		}
		if len(children) > 0 {
			add[occur](children...)
		}
	}
	if out.must == nil && out.should != nil {
		out.should.min = 1
		return out, nil
	}
	if out.must == nil && out.mustNot != nil {
		return nil, fmt.Errorf("%w: the query only excludes; add a word to search for", ErrQuery)
	}
	if out.must == nil {
		return nil, nil
	}
	return out, nil
}

// part rewrites one part of the query, or leaves it out (nil) when it
// holds no word to search for.
func (rw *rewriter) part(p syntax.Part) (qnode, error) {
	rw.clauses++
	if rw.clauses > MaxClauses {
		return nil, fmt.Errorf("%w: the query has more than %d terms", ErrQuery, MaxClauses)
	}
	switch p.Kind {
	case syntax.Phrase:
		return rw.phrase(p)
	case syntax.Wildcard:
		return rw.wildcard(p)
	case syntax.Regexp:
		return nil, fmt.Errorf("%w: regular expressions (/.../) are not supported; use prefix* instead", ErrQuery)
	case syntax.Range:
		return nil, fmt.Errorf("%w: ranges (>, <) are not supported; use year:2014", ErrQuery)
	}
	return rw.match(p)
}

// match rewrites a word, word~N or field:value.
func (rw *rewriter) match(q syntax.Part) (qnode, error) {
	f, err := field(q.Field)
	if err != nil {
		return nil, err
	}
	if q.Fuzziness > maxFuzziness {
		return nil, fmt.Errorf("%w: fuzziness ~%d is too high; at most ~%d", ErrQuery, q.Fuzziness, maxFuzziness)
	}
	if q.Fuzziness < 0 {
		return nil, fmt.Errorf("%w: fuzziness ~%d is negative; write word~1 or word~2", ErrQuery, q.Fuzziness)
	}
	if rw.skips(f) {
		return nil, nil
	}
	if isKeyword(f) {
		return &termQ{field: f, term: keywordValue(f, q.Text), boost: 1}, nil
	}
	if !rw.hasTerms(q.Text) {
		return nil, nil
	}
	return rw.perField(f, func(field, analyzer string, boost float64) qnode {
		m := &matchQ{field: field, text: q.Text, analyzer: analyzer, fuzziness: q.Fuzziness, boost: boost}
		if q.Fuzziness > 0 {
			m.prefix = rw.fuzzyPrefix
		}
		return m
	}), nil
}

// phrase rewrites a "phrase" or field:"value".
func (rw *rewriter) phrase(q syntax.Part) (qnode, error) {
	f, err := field(q.Field)
	if err != nil {
		return nil, err
	}
	if rw.skips(f) {
		return nil, nil
	}
	if isKeyword(f) {
		return &termQ{field: f, term: keywordValue(f, q.Text), boost: 1}, nil
	}
	if !rw.hasTerms(q.Text) {
		return nil, nil
	}
	return rw.perField(f, func(field, analyzer string, boost float64) qnode {
		if field == "body" || field == "tagwords" || field == sectionText {
			// Bodies, tags and sections keep no positions (see
			// Mapping): all the words.
			return &matchQ{field: field, text: q.Text, analyzer: analyzer, all: true, boost: boost}
		}
		return &phraseQ{field: field, text: q.Text, analyzer: analyzer, boost: boost}
	}), nil
}

// wildcard rewrites prefix* and wild?card words.
func (rw *rewriter) wildcard(q syntax.Part) (qnode, error) {
	f, err := field(q.Field)
	if err != nil {
		return nil, err
	}
	pattern := q.Text
	if strings.Trim(pattern, "*?") == "" {
		return nil, fmt.Errorf("%w: %q matches every word; add some letters", ErrQuery, pattern)
	}
	if i := strings.IndexByte(pattern, '*'); i >= 0 && strings.Count(pattern[i:], "?") > MaxAnyAfterStar {
		return nil, fmt.Errorf("%w: %q has %d ? after a *; at most %d are allowed", ErrQuery, pattern, strings.Count(pattern[i:], "?"), MaxAnyAfterStar)
	}
	if rw.skips(f) {
		return nil, nil
	}
	if isKeyword(f) {
		pattern = keywordValue(f, pattern)
	} else {
		pattern = Fold(pattern)
	}
	return rw.perField(f, func(field, _ string, boost float64) qnode {
		return &wildcardQ{field: field, pattern: pattern, boost: boost}
	}), nil
}

// perField makes one query per text field (or the one named) and per
// analyzer, joined by OR, with the field's boost.
func (rw *rewriter) perField(f string, newQuery func(field, analyzer string, boost float64) qnode) qnode {
	var qs []qnode
	if rw.section {
		for _, a := range rw.analyzers {
			qs = append(qs, newQuery(sectionText, a, 1))
		}
		return disjunction(qs)
	}
	for _, tf := range TextFields {
		if f != "" && tf.Name != f && !(isKeyword(f)) {
			continue
		}
		if isKeyword(f) {
			return newQuery(f, "", 1)
		}
		for _, a := range rw.analyzers {
			qs = append(qs, newQuery(tf.Name, a, tf.Boost))
		}
	}
	return disjunction(qs)
}

// disjunction is the query that any of qs matches.
func disjunction(qs []qnode) qnode {
	if len(qs) == 1 {
		return qs[0]
	}
	return &orQ{parts: qs}
}

// hasTerms reports whether the analyzers find a word in text, so that
// punctuation or stop words alone are not searched for. A single word
// must be a word for every analyzer of the query: a stop word of one of
// the query's languages (για, the) is left out, since the pages in that
// language do not hold it, and requiring it would leave them out.
func (rw *rewriter) hasTerms(text string) bool {
	single := len(strings.Fields(text)) == 1
	found := false
	for _, name := range rw.analyzers {
		a := rw.named(name)
		if a == nil {
			continue
		}
		if len(a.Analyze([]byte(text))) > 0 {
			found = true
		} else if single {
			return false
		}
	}
	return found
}

// addShould is where the words of a query without + or - go: every one
// must match, unless the rewriter takes them as alternatives.
func (rw *rewriter) addShould(b *boolQ) func(...qnode) {
	if rw.any {
		return b.addShould
	}
	return b.addMust
}

// plainWords returns the words of a query made of words only (no
// quotes, fields, operators or wildcards), or nil.
func plainWords(text string) []string {
	if strings.ContainsAny(text, `"':+-*?~()[]{}^\/!&|<>=`) {
		return nil
	}
	return strings.Fields(text)
}

// unknownWords are the words that no text field of the index holds, as
// any of the query's analyzers reads them: typos, or words of no page.
// A word the analyzers drop (a stop word) is not unknown. Each maps to
// the fewest edits (see typoDistance) that make it a word of the index
// with the same first letter, up to what its length allows (typoEdits);
// one with no such word maps to that most.
func (ix *Index) unknownWords(words, langs []string) map[string]int {
	// Which words the index lacks first, then their closest words: on an
	// index in parts, the first loop notes every shard it needs before
	// the second walks through the words.
	termsOf := map[string][][]byte{}
	for _, w := range words {
		found, analysed := false, false
		var terms [][]byte
		for _, name := range analyzersFor(langs) {
			a := ix.analyzer(name)
			if a == nil {
				continue
			}
			for _, tok := range a.Analyze([]byte(w)) {
				analysed = true
				terms = append(terms, tok.Term)
				for _, f := range TextFields {
					if ok, err := ix.seg.contains(f.Name, tok.Term); err == nil && ok {
						found = true
					}
				}
			}
		}
		if analysed && !found {
			termsOf[w] = terms
		}
	}
	if parts, ok := ix.seg.(*partsSource); ok {
		parts.checkpoint() // which words are unknown, before looking for others
	}
	unknown := map[string]int{}
	for w, terms := range termsOf {
		max := typoEdits(w)
		fewest := max
		for _, t := range terms {
			if n := closestWord(ix.seg, t, fewest); n < fewest {
				fewest = n
			}
		}
		unknown[w] = fewest
	}
	return unknown
}

// retry runs one of find's retries. On an index in parts, a retry that
// stops for a part the index lacks does not stop the search: stopped
// says so, and the retries after it still run, noting the parts they
// need, so that one round of fetches brings the parts of them all.
func (ix *Index) retry(fn func() (*Result, bool)) (res *Result, ok, stopped bool) {
	if _, inParts := ix.seg.(*partsSource); !inParts {
		res, ok = fn()
		return res, ok, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, need := r.(needParts); !need {
				panic(r)
			}
			res, ok, stopped = nil, false, true
		}
	}()
	res, ok = fn()
	return res, ok, false
}

// typoEdits is how many edits a word of the reader's may hold: one in a
// word of four or five letters, two in a longer one, none in a shorter.
func typoEdits(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n > 5:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// closestWord is the fewest edits, below max, between term and a word of
// the dictionaries that starts with the same letter; max when none is
// closer.
func closestWord(src source, term []byte, max int) int {
	if max == 0 || len(term) == 0 {
		return max
	}
	_, size := utf8.DecodeRune(term)
	prefix := term[:size]
	word := []rune(string(term))
	best := max + 1 // none yet
	for _, f := range TextFields {
		if best <= 1 {
			break
		}
		src.walk(f.Name, prefix, afterPrefix(prefix), func(t string) (bool, error) {
			if n := typoDistance(word, []rune(t), best-1); n < best {
				best = n
			}
			return best > 1, nil
		})
	}
	return min(best, max)
}

// widest gives each unknown word all the edits its length allows.
func widest(unknown map[string]int) map[string]int {
	w := make(map[string]int, len(unknown))
	for word := range unknown {
		w[word] = typoEdits(word)
	}
	return w
}

// searchNear runs text, the reader's words with some of them loosened
// (nearQuery, prefixQuery), and reports whether it found anything. Its
// result is Near, with the words of its best hit as the suggestion;
// starts are the words searched as prefixes.
func (ix *Index) searchNear(ctx context.Context, r Request, words []string, text string, starts map[string]bool) (*Result, bool) {
	near, err := ix.parse(text, r.Langs, rewriter{fuzzyPrefix: 1})
	if err != nil {
		return nil, false
	}
	var suggest []string
	alt, err := ix.search(ctx, near, r, func(m match, stored map[string]string) {
		if suggest == nil {
			suggest = suggestion(words, starts, m.locs, stored)
		}
	})
	if err != nil || alt.Total == 0 {
		return nil, false
	}
	alt.Near, alt.Suggestion = true, strings.Join(suggest, " ")
	return alt, true
}

// minStart is the fewest letters a word needs to be searched as the
// start of longer words: shorter ones begin too many.
const minStart = 3

// wordStarts are the unknown words of at least minStart letters that
// begin a word of the index's text fields, folded as the index holds
// them.
func (ix *Index) wordStarts(unknown map[string]int) map[string]bool {
	starts := map[string]bool{}
	for w := range unknown {
		if utf8.RuneCountInString(w) < minStart {
			continue
		}
		prefix := []byte(Fold(w))
		for _, f := range TextFields {
			ix.seg.walk(f.Name, prefix, afterPrefix(prefix), func(string) (bool, error) {
				starts[w] = true
				return false, nil
			})
			if starts[w] {
				break
			}
		}
	}
	return starts
}

// prefixQuery writes each word of starts as a prefix (word*); the other
// words stay as they are.
func prefixQuery(words []string, starts map[string]bool) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		if starts[w] {
			out[i] = w + "*"
		}
	}
	return strings.Join(out, " ")
}

// nearQuery writes each word of fuzz (the unknown words, with the edits
// that reach the closest words of the index) as a fuzzy term of that many
// edits, so that a word one slip away is not drowned by words two away.
// The other words stay as they are.
func nearQuery(words []string, fuzz map[string]int) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		if n, ok := fuzz[w]; ok && n > 0 {
			out[i] = w + "~" + strconv.Itoa(n)
		}
	}
	return strings.Join(out, " ")
}

// suggestion rewrites the reader's words as the best hit writes them: for
// each word, the closest word of the hit's title or summary that a fuzzy
// term matched (the match says where; the stored text has the letters),
// within two edits counted in letters (typoDistance), or, for a word of
// starts, the shortest that begins with it.
func suggestion(words []string, starts map[string]bool, locs []termLoc, texts map[string]string) []string {
	var found []string
	for _, l := range locs {
		text := texts[l.field]
		if l.start < l.end && int(l.end) <= len(text) {
			found = append(found, text[l.start:l.end])
		}
	}
	sort.Strings(found)
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		best := -1
		for _, f := range found {
			fw, ff := []rune(Fold(w)), []rune(Fold(f))
			d := typoDistance(fw, ff, len(fw)+len(ff))
			if starts[w] {
				if !strings.HasPrefix(Fold(f), Fold(w)) {
					continue
				}
				d = utf8.RuneCountInString(f)
			}
			if d > 0 && (d <= 2 || starts[w]) && (best < 0 || d < best) {
				out[i], best = f, d
			}
		}
	}
	return out
}

// definedFirst runs a query that names a term as a whole, and puts the
// pages that define the term first: a reader who types a term wants its
// definition, however often other pages use the word.
func (ix *Index) definedFirst(ctx context.Context, q qnode, r Request, defined []string) (*Result, error) {
	def := &andQ{parts: []qnode{q, &idsQ{ids: defined, boost: 1}}}
	first, err := ix.search(ctx, def, r, nil)
	if err != nil {
		return nil, err
	}
	wide := r
	wide.Size = max(r.Size, DefaultResult) + len(first.Hits)
	res, err := ix.search(ctx, q, wide, nil)
	if err != nil {
		return nil, err
	}
	hits := first.Hits
	for _, h := range res.Hits {
		if !slices.ContainsFunc(first.Hits, func(f Hit) bool { return f.ID == h.ID }) {
			hits = append(hits, h)
		}
	}
	size := r.Size
	if size <= 0 {
		size = DefaultResult
	}
	res.Hits = hits[:min(len(hits), min(size, MaxResults))]
	return res, nil
}
