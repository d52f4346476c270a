//go:build !js

package textan

import (
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/el"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
)

// This file reads the word lists from bleve's language packages, which
// register themselves with bleve's registry: it is left out of the
// browser's build, where the lists come from the site's index.

// stopData are bleve's stop word files, by analyzer.
var stopData = map[string][]byte{
	"polisee_en": en.EnglishStopWords,
	"polisee_de": de.GermanStopWords,
	"polisee_it": it.ItalianStopWords,
	"polisee_ro": ro.RomanianStopWords,
	"polisee_hu": hu.HungarianStopWords,
	"polisee_el": el.GreekStopWords,
	"polisee_bg": bg.BulgarianStopWords,
}

// BleveLists returns the lists the analyzer of that name uses (Uses), as
// bleve's registry reads them for the analyzer of that name in package
// search: the words of bleve's stop word file for its language, and for
// polisee_it the Italian articles of bleve's elision_it. Each list is
// sorted, without repeats. A name with no analyzer gets no lists.
func BleveLists(name string) Lists {
	var l Lists
	stop, articles := Uses(name)
	if stop {
		l.Stop = tokenMapWords(stopData[name])
	}
	if articles {
		l.Articles = tokenMapWords(it.ItalianArticles)
	}
	return l
}

// tokenMapWords are the words of a bleve word file as bleve's TokenMap
// reads it (comments after # or |, words split on white space).
func tokenMapWords(data []byte) []string {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(data); err != nil {
		// Reading from memory fails only at its end, which LoadBytes
		// takes for the end of the list.
		panic(err)
	}
	words := make([]string, 0, len(m))
	for w := range m {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}
