package search

import (
	"sort"
	"strings"
	"sync"
	"unicode"

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
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/clusterpolisee/polisee/search/internal/elstem"
)

// Languages maps each partner language to the analyzer its text gets.
// Every analyzer folds case and diacritics (Fold), so that a word typed
// without its accents, or in capitals, finds the word written with them:
// Alfold finds Alföld in any language's text, πολιτικη finds πολιτική.
//
//   - en: English stop words and Porter stemming, on folded words, so
//     that an accented name stems as its plain spelling does;
//   - de, it, ro, hu: bleve's analyzers (stop words, stemming), then
//     folding: their stemmers read the accents, which are folded after;
//   - el: Greek stop words, folding, then the Greek stemmer of package
//     elstem (Ntais 2006, with Saroukos's additions), so that πολιτικές
//     meets πολιτική;
//   - bg: Bulgarian stop words, then folding;
//   - sr: Serbian Cyrillic written in Latin letters (Ниш as niš), then
//     folding, so both alphabets find each other;
//   - hr, sl, sk, sq and any other language: folding only (bleve has no
//     analyzer for sl, sk and sq, and its standard one removes English
//     stop words). bleve's Croatian analyzer compiles about a hundred
//     regular expressions when its package starts: in the browser's
//     engine that took 140 ms of every first search (Node 20, median of
//     five runs), for one language of the eleven, so Croatian is read as
//     Slovenian and Slovak are, folded and unstemmed.
var Languages = map[string]string{
	"en": "polisee_en",
	"de": "polisee_de",
	"it": "polisee_it",
	"ro": "polisee_ro",
	"hu": "polisee_hu",
	"hr": plainAnalyzer,
	"el": "polisee_el",
	"bg": "polisee_bg",
	"sr": "polisee_sr",
	"sl": plainAnalyzer,
	"sk": plainAnalyzer,
	"sq": plainAnalyzer,
}

const (
	plainAnalyzer = "polisee_plain"
	foldFilter    = "polisee_fold"
	serbianLatin  = "polisee_sr_latin"
)

// analyzerFilters are the token filters of each analyzer, in order, after
// the Unicode word tokenizer.
var analyzerFilters = map[string][]string{
	"polisee_en": {en.PossessiveName, lowercase.Name, foldFilter, en.StopName, porter.Name},
	"polisee_de": {lowercase.Name, de.StopName, de.NormalizeName, de.LightStemmerName, foldFilter},
	"polisee_it": {it.ElisionName, lowercase.Name, it.StopName, it.LightStemmerName, foldFilter},
	"polisee_ro": {lowercase.Name, ro.StopName, ro.SnowballStemmerName, foldFilter},
	"polisee_hu": {lowercase.Name, hu.StopName, hu.SnowballStemmerName, foldFilter},
	// Stop words are removed before folding: bleve's lists are written
	// with accents.
	"polisee_el":  {lowercase.Name, el.StopName, foldFilter, elstem.Name},
	"polisee_bg":  {lowercase.Name, bg.StopName, foldFilter},
	"polisee_sr":  {lowercase.Name, serbianLatin, foldFilter},
	plainAnalyzer: {lowercase.Name, foldFilter},
}

// AnalyzerFor returns the analyzer name for a language code; languages
// without their own get the plain analyzer.
func AnalyzerFor(lang string) string {
	if a, ok := Languages[lang]; ok {
		return a
	}
	return plainAnalyzer
}

// analyzers are the analyzers of every language, made once, by name.
// Queries read their words with them; the index mapping (mapping.go)
// defines the same ones for the pages' text.
var analyzers = sync.OnceValues(func() (map[string]analysis.Analyzer, error) {
	cache := registry.NewCache()
	out := make(map[string]analysis.Analyzer, len(analyzerFilters))
	for _, name := range analyzerNames() {
		a, err := cache.DefineAnalyzer(name, analyzerConfig(name))
		if err != nil {
			return nil, err
		}
		out[name] = a
	}
	return out, nil
})

// analyzerNamed is the analyzer of that name, or nil.
func analyzerNamed(name string) analysis.Analyzer {
	all, err := analyzers()
	if err != nil {
		return nil
	}
	return all[name]
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
// Unicode word tokenizer, then the filters.
func analyzerConfig(name string) map[string]any {
	return map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicodetok.Name,
		"token_filters": analyzerFilters[name],
	}
}

func init() {
	registry.RegisterTokenFilter(foldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{}, nil
	})
	registry.RegisterTokenFilter(serbianLatin, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return serbianLatinTokens{}, nil
	})
}

// foldTokens removes accents and diacritics (Greek tonos and dialytika,
// Latin accents) and writes Greek final sigma as sigma, so that words
// typed without accents, or in capitals, still match.
type foldTokens struct{}

func (foldTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !plainLower(string(t.Term)) {
			t.Term = []byte(Fold(string(t.Term)))
		}
	}
	return in
}

// plainLower reports whether b is ASCII without capitals, which Fold
// leaves as it is: most words of most pages.
func plainLower(b string) bool {
	for i := 0; i < len(b); i++ {
		if c := b[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// Fold is the folding every analyzer applies: lowercase, no combining
// marks (accents, tonos, dialytika, háček...), Greek final sigma as sigma.
func Fold(s string) string {
	if plainLower(s) {
		return s
	}
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

// serbianLatinTokens writes Serbian Cyrillic in the Latin alphabet that
// Serbian also uses (Гајеви: Ниш as niš, Љубљана as ljubljana), so that a
// word finds its spelling in the other alphabet once both are folded.
type serbianLatinTokens struct{}

// serbianCyrillic maps the Serbian Cyrillic letters (lowercase, as the
// filter runs after lowercasing) to Latin.
var serbianCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z", 'и': "i",
	'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'џ': "dž", 'ш': "š",
}

func (serbianLatinTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(SerbianLatin(string(t.Term)))
	}
	return in
}

// SerbianLatin transliterates Serbian Cyrillic letters to Latin and
// leaves every other character as it is.
func SerbianLatin(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l, ok := serbianCyrillic[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
