//go:build !js

package search

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/el"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/clusterpolisee/polisee/internal/readmostly"
	"github.com/clusterpolisee/polisee/search/internal/elstem"
	"github.com/clusterpolisee/polisee/search/internal/textan"
)

// The analyzers as bleve composes them, through its registry, to index
// the pages' text. Queries read their words with package internal/textan,
// which gives the same tokens without bleve's registry (which would bring
// much of bleve into the browser's engine), with the word lists that
// Build writes into the index (wordLists).

// The names of polisee's own token filters in bleve's registry.
const (
	foldFilter      = "polisee_fold"
	serbianLatin    = "polisee_sr_latin"
	romanianCedilla = "polisee_ro_cedilla"
)

// analyzerFilters are the token filters of each analyzer, in order, after
// the Unicode word tokenizer.
var analyzerFilters = map[string][]string{
	"polisee_en": {en.PossessiveName, lowercase.Name, foldFilter, en.StopName, porter.Name},
	"polisee_de": {lowercase.Name, de.StopName, de.NormalizeName, de.LightStemmerName, foldFilter},
	"polisee_it": {it.ElisionName, lowercase.Name, it.StopName, it.LightStemmerName, foldFilter},
	// Romanian's comma-below letters are written with cedillas first:
	// bleve's stop words and stemmer use those.
	"polisee_ro": {lowercase.Name, romanianCedilla, ro.StopName, ro.SnowballStemmerName, foldFilter},
	"polisee_hu": {lowercase.Name, hu.StopName, hu.SnowballStemmerName, foldFilter},
	// Stop words are removed after folding: bleve's Greek list (Lucene's)
	// is written without accents and with σ for final ς, as folding
	// writes them.
	"polisee_el":  {lowercase.Name, foldFilter, el.StopName, elstem.Name},
	"polisee_bg":  {lowercase.Name, bg.StopName, foldFilter},
	"polisee_sr":  {lowercase.Name, serbianLatin, foldFilter},
	plainAnalyzer: {lowercase.Name, foldFilter},
}

// analyzerNames are the analyzers' names, in a fixed order.
func analyzerNames() []string {
	names := make([]string, 0, len(analyzerFilters))
	for name := range analyzerFilters {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// analyzerConfig is how bleve's registry composes an analyzer: the
// Unicode word tokenizer, then the filters, as one (filtersConfig).
func analyzerConfig(name string) map[string]any {
	return map[string]any{
		"type":          custom.Name,
		"tokenizer":     wordTokenizer,
		"token_filters": []string{filtersName(name)},
	}
}

// filtersName is the name of an analyzer's filters taken as one: a
// token filter defined with filtersConfig, before the analyzer.
func filtersName(analyzer string) string { return analyzer + "_filters" }

// filtersConfig defines the filters of an analyzer as one token filter
// that remembers what they make of each word (memoFilters).
func filtersConfig(analyzer string) map[string]any {
	return map[string]any{"type": memoFiltersType, "filters": analyzerFilters[analyzer]}
}

// memoFiltersType is the registry's name of memoFilters.
const memoFiltersType = "polisee_memo_filters"

// memoFilters are an analyzer's token filters in a row, which remember
// what they made of each word they were given: the term it became, or
// that a stop word was dropped. Every filter of analyzerFilters must
// rewrite or drop each token by its term alone, as all of them do
// (lower-casing, folding, stop words, elision, possessives, stems): a
// word the filters saw once then becomes what it became then. The words
// of pages repeat: at 100,000 generated documents, the five filters of
// the English analyzer took 8 s of CPU in the index stage, one after
// the other over each text's tokens. A token marked as a keyword, and a
// word the filters make more than one token of or change more than the
// term of, go through the filters on their own, unremembered.
type memoFilters struct {
	filters []analysis.TokenFilter
	terms   readmostly.Map[memoTerm]
	// limit is the most words remembered (memoFiltersMax; a test lowers
	// it).
	limit int
}

// memoTerm is what the filters made of one word: its term, or nothing
// (dropped).
type memoTerm struct {
	term    []byte
	dropped bool
}

const memoFiltersMax = 1 << 18

func (m *memoFilters) Filter(in analysis.TokenStream) analysis.TokenStream {
	frozen := m.terms.Frozen()
	out := in[:0]
	for i, t := range in {
		var r memoTerm
		ok := false
		if !t.KeyWord {
			if r, ok = frozen[string(t.Term)]; !ok {
				r, ok = m.word(t)
			}
		}
		if !ok {
			// On its own: what the filters make of it, which may be
			// more tokens than the ones left to read.
			alone := m.chain(analysis.TokenStream{t})
			if len(out)+len(alone) > i+1 {
				rest := slices.Clone(in[i+1:])
				out = append(out, alone...)
				return append(out, m.Filter(rest)...)
			}
			out = append(out, alone...)
			continue
		}
		if r.dropped {
			continue
		}
		t.Term = r.term
		out = append(out, t)
	}
	return out
}

// chain runs the filters one after the other.
func (m *memoFilters) chain(in analysis.TokenStream) analysis.TokenStream {
	for _, f := range m.filters {
		in = f.Filter(in)
	}
	return in
}

// word is what the filters make of t's term, remembered (while the memo
// has room) or found remembered; false when they do not make one token
// or none of it, with only its term changed.
func (m *memoFilters) word(t *analysis.Token) (memoTerm, bool) {
	if r, ok := m.terms.Get(string(t.Term)); ok {
		return r, true
	}
	probe := *t
	probe.Term = bytes.Clone(t.Term) // the filters may change it in place
	got := m.chain(analysis.TokenStream{&probe})
	var r memoTerm
	switch {
	case len(got) == 0:
		r.dropped = true
	case len(got) == 1 && got[0] == &probe && sameButTerm(&probe, t):
		r.term = probe.Term
	default:
		return r, false
	}
	if limit := cmp.Or(m.limit, memoFiltersMax); m.terms.Len() >= limit {
		return r, true
	}
	return m.terms.Add(string(t.Term), r), true
}

// sameButTerm reports whether a and b differ in their terms at most.
func sameButTerm(a, b *analysis.Token) bool {
	return a.Start == b.Start && a.End == b.End && a.Position == b.Position && a.Type == b.Type && a.KeyWord == b.KeyWord
}

// wordTokenizer is bleve's "unicode" tokenizer, by way of
// textan.Tokenize, which gives the same tokens but splits ASCII text
// without the Unicode word segmenter: four to five times as fast on
// English text (textan's BenchmarkTokenize), and the index stage's CPU
// at 10,000 generated documents 7% lower. textan's TestTokenizeAsBleve
// and FuzzTokenizeAsBleve hold the two equal.
const wordTokenizer = "polisee_unicode"

type tokenizer func([]byte) analysis.TokenStream

func (t tokenizer) Tokenize(input []byte) analysis.TokenStream { return t(input) }

func init() {
	registry.RegisterTokenizer(wordTokenizer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return tokenizer(textan.Tokenize), nil
	})
	registry.RegisterTokenFilter(foldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{}, nil
	})
	registry.RegisterTokenFilter(serbianLatin, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return serbianLatinTokens{}, nil
	})
	registry.RegisterTokenFilter(elstem.Name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return elstem.Filter(), nil
	})
	registry.RegisterTokenFilter(memoFiltersType, func(config map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
		var names []string
		switch l := config["filters"].(type) {
		case []string:
			names = l
		case []any:
			for _, n := range l {
				s, ok := n.(string)
				if !ok {
					return nil, fmt.Errorf("%s: filter name %v is not a string", memoFiltersType, n)
				}
				names = append(names, s)
			}
		default:
			return nil, fmt.Errorf("%s: no list of filters", memoFiltersType)
		}
		m := &memoFilters{}
		for _, n := range names {
			f, err := cache.TokenFilterNamed(n)
			if err != nil {
				return nil, err
			}
			m.filters = append(m.filters, f)
		}
		return m, nil
	})
	registry.RegisterTokenFilter(romanianCedilla, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return termFilter(textan.RomanianCedillaTerm), nil
	})
}

// foldTokens removes accents and diacritics (Greek tonos and dialytika,
// Latin accents) and writes Greek final sigma as sigma, so that words
// typed without accents, or in capitals, still match.
type foldTokens struct{}

func (foldTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = textan.FoldTerm(t.Term)
	}
	return in
}

// serbianLatinTokens writes Serbian Cyrillic in the Latin alphabet that
// Serbian also uses (Гајеви: Ниш as niš, Љубљана as ljubljana), so that a
// word finds its spelling in the other alphabet once both are folded.
type serbianLatinTokens struct{}

func (serbianLatinTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(SerbianLatin(string(t.Term)))
	}
	return in
}

// termFilter is a bleve token filter that rewrites each token's term.
type termFilter func(term []byte) []byte

func (f termFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = f(t.Term)
	}
	return in
}
