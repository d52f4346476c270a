// Command bleve builds the analyzers of package search as search does,
// through bleve's registry, and writes the terms of its last argument:
// TestWasmSize compares it with the textan command. Its fold and Serbian
// filters are search's (analysis.go).
package main

import (
	"os"
	"strings"
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

var filters = map[string][]string{
	"polisee_en":    {en.PossessiveName, lowercase.Name, "polisee_fold", en.StopName, porter.Name},
	"polisee_de":    {lowercase.Name, de.StopName, de.NormalizeName, de.LightStemmerName, "polisee_fold"},
	"polisee_it":    {it.ElisionName, lowercase.Name, it.StopName, it.LightStemmerName, "polisee_fold"},
	"polisee_ro":    {lowercase.Name, ro.StopName, ro.SnowballStemmerName, "polisee_fold"},
	"polisee_hu":    {lowercase.Name, hu.StopName, hu.SnowballStemmerName, "polisee_fold"},
	"polisee_el":    {lowercase.Name, el.StopName, "polisee_fold", elstem.Name},
	"polisee_bg":    {lowercase.Name, bg.StopName, "polisee_fold"},
	"polisee_sr":    {lowercase.Name, "polisee_sr_latin", "polisee_fold"},
	"polisee_plain": {lowercase.Name, "polisee_fold"},
}

type fold struct{}

func (fold) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !plainLower(t.Term) {
			var b strings.Builder
			for _, r := range norm.NFD.String(string(t.Term)) {
				switch {
				case unicode.Is(unicode.Mn, r):
					continue
				case r == 'ς':
					b.WriteRune('σ')
				default:
					b.WriteRune(unicode.ToLower(r))
				}
			}
			t.Term = []byte(b.String())
		}
	}
	return in
}

func plainLower(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

type serbian struct{}

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z", 'и': "i",
	'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'џ': "dž", 'ш': "š",
}

func (serbian) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		var b strings.Builder
		for _, r := range string(t.Term) {
			if l, ok := cyrillic[r]; ok {
				b.WriteString(l)
			} else {
				b.WriteRune(r)
			}
		}
		t.Term = []byte(b.String())
	}
	return in
}

func main() {
	registry.RegisterTokenFilter("polisee_fold", func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return fold{}, nil
	})
	registry.RegisterTokenFilter("polisee_sr_latin", func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return serbian{}, nil
	})
	if len(os.Args) < 3 {
		return
	}
	cache := registry.NewCache()
	for name, f := range filters {
		a, err := cache.DefineAnalyzer(name, map[string]any{
			"type": custom.Name, "tokenizer": unicodetok.Name, "token_filters": f,
		})
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		for _, t := range a.Analyze([]byte(os.Args[2])) {
			os.Stdout.Write(append(t.Term, '\n'))
		}
	}
}
