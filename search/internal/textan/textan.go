// Package textan holds the analyzers of polisee's search (one a language:
// polisee_en, polisee_de … polisee_plain, as package search names them)
// built without bleve's registry, so that the browser's engine stays
// small. Every bleve analysis package registers itself with the registry,
// which brings in bleve/v2/search and, through it, encoding/json, geo and
// net; compiled for js/wasm, a program building the nine analyzers through
// the registry is 0.8 MB larger (0.14 MB brotli) than one building them
// here (TestWasmSize).
//
// An analyzer of this package gives the tokens the registry-built analyzer
// of the same name gives (the same Term bytes, Position, Start, End and
// Type), bleve's quirks included; package search's TestSameTokensAsBleve
// and FuzzSameTokensAsBleve hold them equal, on the definitions its index
// build uses.
//
// Tokenize, the analyzers' first step, is also the tokenizer of the
// registry-built analyzers that index the pages (package search registers
// it as polisee_unicode): it gives bleve's unicode tokenizer's tokens,
// as TestTokenizeAsBleve and FuzzTokenizeAsBleve check, four to five
// times as fast on English text (BenchmarkTokenize), because it splits
// ASCII text itself and leaves only the rest to the Unicode segmenter.
//
// The word lists (stop words, the Italian elided articles) are data, not
// code, so that the engine need not carry every language's: the caller
// passes them to New, and the browser's engine is to read them from each
// site's index, for the site's languages only. BleveLists, left out of
// js builds, reads them from bleve's language packages.
package textan

import (
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Lists are the word lists an analyzer reads.
type Lists struct {
	// Stop are the stop words: a token whose term, as the filters before
	// the stop filter left it (lowercased; for polisee_en also folded), is
	// one of them, byte for byte, is dropped.
	Stop []string
	// Articles are the Italian articles whose elision is taken off a
	// word (l, dell, un …): l'albero is read as albero.
	Articles []string
}

// step is one token filter of a chain, applied to one token; it reports
// whether the token stays in the stream.
type step func(t *analysis.Token) bool

// stage names a step of a chain; stop and elision take their list.
type stage int

const (
	stLower stage = iota
	stPossessive
	stStop
	stElision
	stGermanNormalize
	stGermanStem
	stItalianStem
	stRomanianCedilla
	stRomanianStem
	stHungarianStem
	stPorter
	stFold
	stSerbianLatin
	stGreekStem
)

// chains are the token filters of each analyzer, in order, after the
// Unicode word tokenizer: those of analyzerFilters in package search.
var chains = map[string][]stage{
	"polisee_en":    {stPossessive, stLower, stFold, stStop, stPorter},
	"polisee_de":    {stLower, stStop, stGermanNormalize, stGermanStem, stFold},
	"polisee_it":    {stElision, stLower, stStop, stItalianStem, stFold},
	"polisee_ro":    {stLower, stRomanianCedilla, stStop, stRomanianStem, stFold},
	"polisee_hu":    {stLower, stStop, stHungarianStem, stFold},
	"polisee_el":    {stLower, stFold, stStop, stGreekStem},
	"polisee_bg":    {stLower, stStop, stFold},
	"polisee_sr":    {stLower, stSerbianLatin, stFold},
	"polisee_plain": {stLower, stFold},
}

// Names are the analyzers' names, sorted.
func Names() []string {
	names := make([]string, 0, len(chains))
	for name := range chains {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Uses reports which of the lists the analyzer of that name reads.
func Uses(name string) (stop, articles bool) {
	for _, s := range chains[name] {
		switch s {
		case stStop:
			stop = true
		case stElision:
			articles = true
		}
	}
	return stop, articles
}

// New returns the analyzer of that name, reading the lists it uses
// (Uses); it ignores the others. A list it uses must not be empty: every
// analyzer of bleve's that has one has words in it, and an empty list is
// much more likely a list lost on its way than one meant.
func New(name string, lists Lists) (analysis.Analyzer, error) {
	chain, ok := chains[name]
	if !ok {
		return nil, fmt.Errorf("textan: no analyzer %q", name)
	}
	a := &analyzer{steps: make([]step, 0, len(chain))}
	for _, s := range chain {
		var f step
		switch s {
		case stLower:
			f = lowerStep
		case stPossessive:
			f = possessiveStep
		case stStop:
			if len(lists.Stop) == 0 {
				return nil, fmt.Errorf("textan: analyzer %q needs its stop words", name)
			}
			f = stopStep(wordSet(lists.Stop))
		case stElision:
			if len(lists.Articles) == 0 {
				return nil, fmt.Errorf("textan: analyzer %q needs its elided articles", name)
			}
			f = elisionStep(wordSet(lists.Articles))
		case stGermanNormalize:
			f = germanNormalizeStep
		case stGermanStem:
			f = germanStemStep
		case stItalianStem:
			f = italianStemStep
		case stRomanianCedilla:
			f = romanianCedillaStep
		case stRomanianStem:
			f = romanianStemStep
		case stHungarianStem:
			f = hungarianStemStep
		case stPorter:
			f = porterStep
		case stFold:
			f = foldStep
		case stSerbianLatin:
			f = serbianLatinStep
		case stGreekStem:
			f = greekStemStep
		}
		a.steps = append(a.steps, f)
	}
	return a, nil
}

func wordSet(list []string) map[string]struct{} {
	set := make(map[string]struct{}, len(list))
	for _, w := range list {
		set[w] = struct{}{}
	}
	return set
}

// analyzer is the Unicode word tokenizer followed by a chain of steps.
// bleve runs each filter over the whole stream before the next; every
// filter here reads one token alone, so running the chain token by token
// gives the same stream.
type analyzer struct {
	steps []step
}

// Analyze returns input's tokens. Unlike bleve's analyzers, which
// lowercase the input's bytes in place, it leaves input as it was: the
// terms are read from a copy.
func (a *analyzer) Analyze(input []byte) analysis.TokenStream {
	tokens := Tokenize(append([]byte(nil), input...))
	kept := tokens[:0]
next:
	for _, t := range tokens {
		for _, f := range a.steps {
			if !f(t) {
				continue next
			}
		}
		kept = append(kept, t)
	}
	return kept
}
