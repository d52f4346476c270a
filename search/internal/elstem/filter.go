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

// StemBytes is Stem on a term's bytes, for token filters: it does not
// change the bytes it is given, and returns them cut short, or in the
// rare case where the stem is not a prefix of the term, a new slice.
func StemBytes(term []byte) []byte { return stemBytes(term) }
