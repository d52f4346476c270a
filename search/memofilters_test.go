//go:build !js

package search

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"
)

// plainChain is an analyzer's filters one after the other, as bleve's
// registry composes them without memoFilters.
func plainChain(t *testing.T, cache *registry.Cache, name string) analysis.Analyzer {
	t.Helper()
	a, err := cache.DefineAnalyzer(name+"_plain", map[string]any{
		"type": custom.Name, "tokenizer": wordTokenizer, "token_filters": analyzerFilters[name],
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// memoAnalyzer is the analyzer as the build composes it (memoFilters),
// remembering at most limit words (0: memoFiltersMax).
func memoAnalyzer(t *testing.T, cache *registry.Cache, name string, limit int) analysis.Analyzer {
	t.Helper()
	if _, err := cache.DefineTokenFilter(filtersName(name), filtersConfig(name)); err != nil {
		t.Fatal(err)
	}
	a, err := cache.DefineAnalyzer(name, analyzerConfig(name))
	if err != nil {
		t.Fatal(err)
	}
	a.(*analysis.DefaultAnalyzer).TokenFilters[0].(*memoFilters).limit = limit
	return a
}

func sameTokens(got, want analysis.TokenStream) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d tokens, want %d:\n got  %s\n want %s", len(got), len(want), showTokens(got), showTokens(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !bytes.Equal(g.Term, w.Term) || g.Position != w.Position || g.Start != w.Start || g.End != w.End || g.Type != w.Type || g.KeyWord != w.KeyWord {
			return fmt.Sprintf("token %d:\n got  %s\n want %s", i, showTokens(got[i:i+1]), showTokens(want[i:i+1]))
		}
	}
	return ""
}

// TestMemoFiltersAsChain: every analyzer, its filters taken as one that
// remembers words, gives the tokens its filters give one after the
// other, over the analysis texts read twice (the second time from
// memory) and with a memo that has room for one word only.
func TestMemoFiltersAsChain(t *testing.T) {
	texts := append(append([]string(nil), analysisTexts...), analysisTexts...)
	for _, limit := range []int{0, 1} {
		for _, name := range analyzerNames() {
			cache := registry.NewCache()
			plain, memo := plainChain(t, cache, name), memoAnalyzer(t, cache, name, limit)
			for _, text := range texts {
				if d := sameTokens(memo.Analyze([]byte(text)), plain.Analyze([]byte(text))); d != "" {
					t.Errorf("%s (room for %d), %.80q: %s", name, limit, text, d)
				}
			}
			m := memo.(*analysis.DefaultAnalyzer).TokenFilters[0].(*memoFilters)
			if n := m.terms.Len(); limit == 1 && n != 1 || limit == 0 && n < 100 {
				t.Errorf("%s (room for %d): %d words remembered", name, limit, n)
			}
		}
	}
}

// splitTildes makes two tokens of a token with a tilde, "a~b" a and b:
// a filter that does not work token by token.
type splitTildes struct{}

func (splitTildes) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for _, t := range in {
		a, b, ok := bytes.Cut(t.Term, []byte("~"))
		if !ok {
			out = append(out, t)
			continue
		}
		first, second := *t, *t
		first.Term, second.Term = a, b
		second.Position++
		out = append(out, &first, &second)
	}
	return out
}

// TestMemoFiltersTokenByTokenOnly: a word the filters make two tokens of,
// and a token marked as a keyword, go through the filters on their own,
// and the words around them as remembered.
func TestMemoFiltersTokenByTokenOnly(t *testing.T) {
	lower, err := registry.NewCache().TokenFilterNamed("to_lower")
	if err != nil {
		t.Fatal(err)
	}
	m := &memoFilters{filters: []analysis.TokenFilter{lower, splitTildes{}}}
	stream := func(words ...string) analysis.TokenStream {
		var s analysis.TokenStream
		for i, w := range words {
			s = append(s, &analysis.Token{Term: []byte(w), Position: i + 1, KeyWord: strings.HasPrefix(w, "KW")})
		}
		return s
	}
	for round := range 2 {
		got := m.Filter(stream("One", "A~B", "Two", "KWx", "c~d", "Three"))
		var terms []string
		for _, tok := range got {
			terms = append(terms, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
		}
		if s := strings.Join(terms, " "); s != "one@1 a@2 b@3 two@3 kwx@4 c@5 d@6 three@6" {
			t.Errorf("round %d: %s", round, s)
		}
	}
	if n := m.terms.Len(); n != 3 {
		t.Errorf("%d words remembered, want 3 (one, two, three)", n)
	}
}
