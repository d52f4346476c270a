package elstem

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Name is the name the token filter is registered under in bleve.
const Name = "polisee_el_stem"

func init() {
	registry.RegisterTokenFilter(Name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return Filter(), nil
	})
}

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
