package search

import (
	"context"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/facet"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlhl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

func init() {
	searcher.DisjunctionMaxClauseCount = MaxExpansion
}

// testMapping is the index mapping, which bleve's searchers take for its
// analyzers.
var testMapping = sync.OnceValue(func() *mapping.IndexMappingImpl {
	m, err := Mapping()
	if err != nil {
		panic(err)
	}
	return m
})

// highlighter is bleve's HTML highlighter, which made the snippets.
var highlighter = sync.OnceValues(func() (highlight.Highlighter, error) {
	return registry.NewCache().HighlighterNamed(htmlhl.Name)
})

// toBleve writes a query tree as bleve's query package did.
func toBleve(q qnode) query.Query {
	list := func(qs []qnode) []query.Query {
		out := make([]query.Query, len(qs))
		for i, q := range qs {
			out[i] = toBleve(q)
		}
		return out
	}
	switch q := q.(type) {
	case *termQ:
		t := query.NewTermQuery(q.term)
		t.SetField(q.field)
		t.SetBoost(q.boost)
		return t
	case *matchQ:
		m := query.NewMatchQuery(q.text)
		m.SetField(q.field)
		m.Analyzer = q.analyzer
		m.SetFuzziness(q.fuzziness)
		m.SetPrefix(q.prefix)
		m.SetBoost(q.boost)
		if q.all {
			m.SetOperator(query.MatchQueryOperatorAnd)
		}
		return m
	case *phraseQ:
		m := query.NewMatchPhraseQuery(q.text)
		m.SetField(q.field)
		m.Analyzer = q.analyzer
		m.SetBoost(q.boost)
		return m
	case *wildcardQ:
		w := query.NewWildcardQuery(q.pattern)
		w.SetField(q.field)
		w.SetBoost(q.boost)
		return w
	case *idsQ:
		d := query.NewDocIDQuery(q.ids)
		d.SetBoost(q.boost)
		return d
	case *everyQ:
		return query.NewMatchAllQuery()
	case *andQ:
		return query.NewConjunctionQuery(list(q.parts))
	case *orQ:
		d := query.NewDisjunctionQuery(list(q.parts))
		d.SetMin(float64(q.min))
		return d
	case *boolQ:
		b := query.NewBooleanQuery(nil, nil, nil)
		if q.must != nil {
			b.AddMust(list(q.must.parts)...)
		}
		if q.should != nil {
			b.AddShould(list(q.should.parts)...)
			b.SetMinShould(float64(q.should.min))
		}
		if q.mustNot != nil {
			b.AddMustNot(list(q.mustNot.parts)...)
		}
		return b
	}
	panic(fmt.Sprintf("toBleve: %T", q))
}

// sortOrder is the order bleve's collector was asked for.
func sortOrder(sort string) search.SortOrder {
	switch sort {
	case "date":
		return search.SortOrder{&search.SortField{Field: "date", Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}}
	case "title":
		return search.SortOrder{&search.SortField{Field: "sorttitle", Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}}
	}
	return search.SortOrder{&search.SortScore{Desc: true}}
}

// searchWithBleve is how Index.search ran a query before polisee scored
// hits itself: with bleve's searchers, collector, facets and highlighter
// on segmentReader.
func (ix *Index) searchWithBleve(ctx context.Context, q query.Query, r Request) (*Result, error) {
	if r.Shown != "" {
		in := query.NewTermQuery(r.Shown)
		in.SetField("shown")
		q = query.NewConjunctionQuery([]query.Query{q, in})
	}
	if ix.hasTermsDoc {
		// The terms document is found by no query.
		q = query.NewBooleanQuery([]query.Query{q}, nil, []query.Query{query.NewDocIDQuery([]string{termsID})})
	}
	size := r.Size
	if size <= 0 {
		size = DefaultResult
	}
	size = min(size, MaxResults)
	reader := ix.reader()
	s, err := q.Searcher(ctx, reader, testMapping(), search.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return nil, queryError(ctx, err)
	}
	defer s.Close()
	coll := collector.NewTopNCollector(size, max(r.From, 0), sortOrder(r.Sort))
	facets := search.NewFacetsBuilder(reader)
	for _, f := range FacetFields {
		facets.Add(f, facet.NewTermsFacetBuilder(f, 50))
	}
	coll.SetFacetsBuilder(facets)
	if err := coll.Collect(ctx, s, reader); err != nil {
		return nil, queryError(ctx, err)
	}
	hl, err := highlighter()
	if err != nil {
		return nil, err
	}
	out := &Result{Total: int(coll.Total()), Hits: []Hit{}, Facets: map[string][]FacetCount{}}
	for _, h := range coll.Results() {
		hit := Hit{ID: h.ID, Score: h.Score}
		doc, err := reader.Document(h.ID)
		if err != nil || doc == nil {
			return nil, fmt.Errorf("%w: document %q of a hit cannot be read; rebuild the site", ErrCorrupt, h.ID)
		}
		summary := ""
		doc.VisitFields(func(f index.Field) {
			tf, ok := f.(index.TextField)
			if !ok {
				return
			}
			switch f.Name() {
			case "url":
				hit.URL = tf.Text()
			case "type":
				hit.Type = tf.Text()
			case "title":
				hit.Title = tf.Text()
			case "summary":
				summary = tf.Text()
			case "lang":
				hit.Lang = tf.Text()
			}
		})
		if frags := hl.BestFragmentsInField(h, doc, "summary", 1); len(frags) > 0 {
			hit.Snippet = frags[0]
		} else {
			hit.Snippet = html.EscapeString(summary)
		}
		out.Hits = append(out.Hits, hit)
	}
	results := coll.FacetResults()
	for _, name := range FacetFields {
		counts := []FacetCount{}
		if fr := results[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		sort.SliceStable(counts, func(i, j int) bool {
			if counts[i].Count != counts[j].Count {
				return counts[i].Count > counts[j].Count
			}
			return counts[i].Value < counts[j].Value
		})
		out.Facets[name] = counts
	}
	return out, nil
}

// TestSameHitsAsBleveSearchers runs queries of every kind on a generated
// corpus through polisee's scoring (score.go) and through bleve's
// searchers, which polisee used before, and checks that they give the
// same results: total, hits in the same order with the same scores (to
// 1e-9), snippets and facets.
func TestSameHitsAsBleveSearchers(t *testing.T) {
	docs, vocab := generatedDocs(1500, 7)
	data, secs, err := BuildBoth(context.Background(), append(docs, TermsDocument(testTerms)), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.OpenSections(secs); err != nil {
		t.Fatal(err)
	}
	queries := generatedQueries(vocab, 250, 11)
	checked := 0
	for _, text := range queries {
		for _, r := range []Request{
			{Query: text, Langs: []string{"en"}},
			{Query: text, Langs: []string{"el", "en"}, Shown: "el"},
			{Query: text, Langs: []string{"en"}, Sort: "date", Size: 20},
			{Query: text, Langs: []string{"en", "el"}, Sort: "title", From: 10},
		} {
			for _, mode := range []rewriter{{}, {any: true}, {fuzzyPrefix: 1}} {
				q, err := ix.parse(text, r.Langs, mode)
				if err != nil {
					continue
				}
				if !mode.any {
					alts, defined := ix.termAlternatives(text, r.Langs)
					q = ix.withTerms(q, alts, defined, r.Langs)
				}
				compareWithBleve(t, ix, q, r, text)
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d queries compared", checked)
	}
	t.Logf("%d queries compared", checked)
}

func compareWithBleve(t *testing.T, ix *Index, q qnode, r Request, text string) {
	t.Helper()
	ctx := context.Background()
	want, werr := ix.searchWithBleve(ctx, toBleve(q), r)
	got, gerr := ix.search(ctx, q, r, nil)
	if (werr != nil) != (gerr != nil) {
		t.Errorf("%q %+v: bleve err %v, polisee err %v", text, r, werr, gerr)
		return
	}
	if werr != nil {
		return
	}
	if got.Total != want.Total {
		t.Errorf("%q %+v: total %d, bleve %d", text, r, got.Total, want.Total)
		return
	}
	if len(got.Hits) != len(want.Hits) {
		t.Errorf("%q %+v: %d hits, bleve %d", text, r, len(got.Hits), len(want.Hits))
		return
	}
	for i := range got.Hits {
		g, w := got.Hits[i], want.Hits[i]
		if g.ID != w.ID && !tied(got.Hits, want.Hits, i) {
			t.Errorf("%q %+v: hit %d is %s (%.12g), bleve %s (%.12g)", text, r, i, g.ID, g.Score, w.ID, w.Score)
			return
		}
		if math.Abs(g.Score-w.Score) > 1e-9*math.Max(1, math.Abs(w.Score)) {
			t.Errorf("%q %+v: %s scores %.12g, bleve %.12g", text, r, g.ID, g.Score, w.Score)
			return
		}
		if g.ID == w.ID && (g.Snippet != w.Snippet || g.URL != w.URL || g.Title != w.Title || g.Type != w.Type || g.Lang != w.Lang) {
			t.Errorf("%q %+v: hit %s:\n got %+v\nwant %+v", text, r, g.ID, g, w)
			return
		}
	}
	if fmt.Sprint(got.Facets) != fmt.Sprint(want.Facets) {
		t.Errorf("%q %+v: facets\n got %v\nwant %v", text, r, got.Facets, want.Facets)
	}
	// The sections of the hits, found by each.
	sr := r
	sr.Query = text
	gh, wh := append([]Hit(nil), got.Hits...), append([]Hit(nil), got.Hits...)
	if err := ix.addSections(ctx, sr, gh); err != nil {
		t.Errorf("%q: sections: %v", text, err)
	}
	if err := ix.addSectionsWithBleve(ctx, sr, wh); err != nil {
		t.Errorf("%q: sections with bleve: %v", text, err)
	}
	for i := range gh {
		if gh[i].Anchor != wh[i].Anchor || gh[i].Section != wh[i].Section {
			t.Errorf("%q: hit %s: section %q %q, bleve %q %q", text, gh[i].ID, gh[i].Anchor, gh[i].Section, wh[i].Anchor, wh[i].Section)
		}
	}
}

// tied reports whether the hits at i differ only by the order of scores
// equal to 1e-12, which sums added in another order may swap.
func tied(got, want []Hit, i int) bool {
	return math.Abs(got[i].Score-want[i].Score) <= 1e-12*math.Abs(want[i].Score)
}

var testTerms = []Term{{Names: []string{"smart specialisation", "RIS3"}}, {Names: []string{"cluster", "συστάδα"}}}

// generatedDocs writes n documents of words drawn from a vocabulary of
// English and Greek words, frequent words more often, with facets, dates
// and sections.
func generatedDocs(n int, seed uint64) ([]Document, []string) {
	rng := rand.New(rand.NewPCG(seed, seed))
	vocab := strings.Fields(`cluster clusters policy policies innovation regional region smart specialisation
		export exports firms network networks competitiveness funding programme programmes support
		microelectronics textile tourism wine food energy agency ministry university research
		accreditation accredited members growth grants venture capital strategy strategic
		learning pilot piloted partners cooperation internationalisation digital skills training
		πολιτική συστάδες καινοτομία περιφέρεια επιχειρήσεις στρατηγική έρευνα πανεπιστήμιο
		the and of for with in on to a by from`)
	word := func() string {
		i := int(float64(len(vocab)) * math.Pow(rng.Float64(), 2.2))
		return vocab[min(i, len(vocab)-1)]
	}
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = word()
		}
		return strings.Join(w, " ")
	}
	pick := func(opts ...string) string { return opts[rng.IntN(len(opts))] }
	var docs []Document
	for i := range n {
		lang := pick("en", "en", "el")
		d := Document{
			ID: fmt.Sprintf("practices/p%05d", i), URL: fmt.Sprintf("/practices/p%05d/", i),
			Type: pick("practice", "profile", "document"), Title: strings.ToUpper(word()[:1]) + words(2+rng.IntN(5)),
			Summary: words(5 + rng.IntN(25)), Body: words(20 + rng.IntN(200)),
			Areas: []string{pick("innovation-rd", "financial-framework", "internationalisation")}, Countries: []string{pick("GR", "HU", "RO", "SI")},
			Status: pick("", "identified", "piloted"), Year: 2000 + rng.IntN(20), Lang: lang, Shown: []string{lang},
			Tags: []string{word()},
		}
		if rng.IntN(4) > 0 {
			d.Date = fmt.Sprintf("%d-%02d-%02d", d.Year, 1+rng.IntN(12), 1+rng.IntN(28))
		}
		if lang == "en" {
			d.Shown = []string{"en", "el"}
		}
		for s := range rng.IntN(4) {
			d.Sections = append(d.Sections, Section{Anchor: fmt.Sprintf("s%d", s), Heading: words(2), Text: words(10 + rng.IntN(40))})
		}
		docs = append(docs, d)
	}
	return docs, vocab
}

// generatedQueries draws queries of every kind the query language has.
func generatedQueries(vocab []string, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, seed))
	w := func() string { return vocab[rng.IntN(len(vocab))] }
	typo := func(s string) string {
		r := []rune(s)
		if len(r) < 4 {
			return s
		}
		i := 1 + rng.IntN(len(r)-2)
		r[i], r[i+1] = r[i+1], r[i]
		return string(r)
	}
	start := func(s string) string {
		r := []rune(s)
		return string(r[:min(len(r), 3+rng.IntN(3))])
	}
	forms := []func() string{
		func() string { return w() },
		func() string { return w() + " " + w() },
		func() string { return w() + " " + w() + " " + w() },
		func() string { return typo(w()) + "~1" },
		func() string { return typo(w()) + "~2 " + w() },
		func() string { return start(w()) + "*" },
		func() string { return start(w()) + "* " + w() },
		func() string { return "w?" + start(w()) + "*" },
		func() string { return `"` + w() + " " + w() + `"` },
		func() string { return "title:" + w() },
		func() string { return `summary:"` + w() + " " + w() + `"` },
		func() string { return w() + " -" + w() },
		func() string { return "+" + w() + " country:" + []string{"GR", "hu", "RO"}[rng.IntN(3)] },
		func() string { return w() + " type:practice status:piloted" },
		func() string { return "area:innovation-rd year:2010" },
		func() string { return "smart specialisation" },
		func() string { return "RIS3 " + w() },
		func() string { return "tag:" + w() },
		func() string { return typo(w()) + " " + typo(w()) },
	}
	out := make([]string, n)
	for i := range out {
		out[i] = forms[rng.IntN(len(forms))]()
	}
	return out
}

// addSectionsWithBleve is how Index.addSections found the hits' sections
// with bleve's searchers, but for the order: that code gave bleve's
// collector no order, so it kept sections in document order and a hit
// named the first section holding a word of the query, where its
// documentation promised the best one. Here it asks for the best first,
// as addSections now does.
func (ix *Index) addSectionsWithBleve(ctx context.Context, r Request, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	words, err := ix.parse(r.Query, r.Langs, rewriter{any: true, section: true})
	if err != nil || words == nil {
		return nil // nothing a section could hold (field filters only, say)
	}
	parents := make([]query.Query, len(hits))
	at := make(map[string]int, len(hits))
	for i, h := range hits {
		t := query.NewTermQuery(h.ID)
		t.SetField(sectionOf)
		parents[i] = t
		at[h.ID] = i
	}
	q := query.NewConjunctionQuery([]query.Query{toBleve(words), query.NewDisjunctionQuery(parents)})
	reader := segmentReader{seg: ix.sec.(zapSource).seg}
	s, err := q.Searcher(ctx, reader, testMapping(), search.SearcherOptions{})
	if err != nil {
		return queryError(ctx, err)
	}
	defer s.Close()
	coll := collector.NewTopNCollector(len(hits)*maxSectionsPerHit, 0, sortOrder(""))
	if err := coll.Collect(ctx, s, reader); err != nil {
		return queryError(ctx, err)
	}
	for _, m := range coll.Results() { // best first
		cut := strings.LastIndex(m.ID, sectionIDMark)
		if cut < 0 {
			continue
		}
		i, ok := at[m.ID[:cut]]
		if !ok || hits[i].Anchor != "" {
			continue
		}
		doc, err := reader.documentAt(m.ID, m.IndexInternalID.Value())
		if err != nil || doc == nil {
			continue
		}
		hits[i].Anchor = m.ID[cut+len(sectionIDMark):]
		doc.VisitFields(func(f index.Field) {
			if tf, ok := f.(index.TextField); ok && f.Name() == sectionHead {
				hits[i].Section = tf.Text()
			}
		})
	}
	return nil
}

// BenchmarkQueries times the same mix of queries (generatedQueries) on a
// generated corpus of 10,000 documents, run by polisee's scorers and by
// bleve's searchers, collector, facets and highlighter, which polisee
// used before: the p50 and p95 of one query, reported with the mean.
//
//	go test ./search -run XXX -bench Queries -benchtime 2x
func BenchmarkQueries(b *testing.B) {
	docs, vocab := generatedDocs(10000, 7)
	data, err := Build(context.Background(), docs, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		b.Fatal(err)
	}
	var qs []qnode
	for _, text := range generatedQueries(vocab, 300, 11) {
		if q, err := ix.parse(text, []string{"en", "el"}, rewriter{}); err == nil {
			qs = append(qs, q)
		}
	}
	ctx := context.Background()
	r := Request{Langs: []string{"en", "el"}}
	for _, run := range []struct {
		name string
		do   func(q qnode) error
	}{
		{"polisee", func(q qnode) error { _, err := ix.search(ctx, q, r, nil); return err }},
		{"bleve", func(q qnode) error { _, err := ix.searchWithBleve(ctx, toBleve(q), r); return err }},
	} {
		b.Run(run.name, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				for _, q := range qs {
					start := time.Now()
					_ = run.do(q) // some queries are refused (too many terms): the same for both
					times = append(times, time.Since(start))
				}
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}
