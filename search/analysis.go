package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom" // composes the analyzers below
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/el"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/hr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// Languages maps each partner language to the analyzer its text gets.
// bleve has full analyzers (with stemming) for en, de, it, ro, hu and hr;
// for el and bg only stop words, so those get a composed analyzer; sr, sl,
// sk and sq get a plain one (words, lowercase, accents folded) because
// bleve has nothing for them and its standard analyzer removes English
// stop words.
var Languages = map[string]string{
	"en": en.AnalyzerName,
	"de": de.AnalyzerName,
	"it": it.AnalyzerName,
	"ro": ro.AnalyzerName,
	"hu": hu.AnalyzerName,
	"hr": hr.AnalyzerName,
	"el": greekAnalyzer,
	"bg": bulgarianAnalyzer,
	"sr": plainAnalyzer,
	"sl": plainAnalyzer,
	"sk": plainAnalyzer,
	"sq": plainAnalyzer,
}

const (
	greekAnalyzer     = "polisee_el"
	bulgarianAnalyzer = "polisee_bg"
	plainAnalyzer     = "polisee_plain"
	foldFilter        = "polisee_fold"
)

// AnalyzerFor returns the analyzer name for a language code; languages
// without their own get the plain analyzer.
func AnalyzerFor(lang string) string {
	if a, ok := Languages[lang]; ok {
		return a
	}
	return plainAnalyzer
}

// addAnalyzers registers the composed analyzers in an index mapping.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	for _, a := range []struct {
		name    string
		filters []string
	}{
		// Stop words are removed before folding: bleve's Greek list is
		// written with accents.
		{greekAnalyzer, []string{lowercase.Name, el.StopName, foldFilter}},
		{bulgarianAnalyzer, []string{lowercase.Name, bg.StopName, foldFilter}},
		{plainAnalyzer, []string{lowercase.Name, foldFilter}},
	} {
		err := m.AddCustomAnalyzer(a.name, map[string]any{
			"type":          "custom",
			"tokenizer":     unicodetok.Name,
			"token_filters": a.filters,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func init() {
	registry.RegisterTokenFilter(foldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{}, nil
	})
}

// foldTokens removes accents and diacritics (Greek tonos and dialytika,
// Latin accents) and writes Greek final sigma as sigma, so that words
// typed without accents, or in capitals, still match.
type foldTokens struct{}

func (foldTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(Fold(string(t.Term)))
	}
	return in
}

// Fold is the folding applied to Greek, Bulgarian and plain text.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ς':
			b.WriteRune('σ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
