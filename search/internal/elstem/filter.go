package elstem

import (
	"github.com/blevesearch/bleve/v2/analysis"
)

// Name is the name package search registers the token filter under in
// bleve's registry, to index Greek text. The package does not register
// it itself: bleve's registry must stay out of the browser's engine,
// which stems with Stem.
const Name = "polisee_el_stem"

// Filter returns a bleve token filter that replaces each token's term by
// its stem. It belongs after lowercasing, stop words and folding, since
// Stem takes folded words only; other terms pass through unchanged.
func Filter() analysis.TokenFilter { return stemFilter{} }

type stemFilter struct{}

func (stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = stemBytes(t.Term)
	}
	return in
}
