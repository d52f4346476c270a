package search

import (
	"context"
	"strings"
	"testing"
)

// TestIndexCarriesItsWordLists: an index holds the word lists of the
// analyzers its documents' languages need, and only those; queries read
// their words with them (a stop word is dropped as the pages' analysis
// dropped it), and a query in a language the index has no lists for
// says to rebuild rather than failing in silence.
func TestIndexCarriesItsWordLists(t *testing.T) {
	ix := openTest(t) // English and Greek pages
	for name, want := range map[string]bool{"polisee_en": true, "polisee_el": true, "polisee_de": false, "polisee_it": false} {
		if got := len(ix.lists[name].Stop) > 0; got != want {
			t.Errorf("%s: stop words in the index %v; want %v", name, got, want)
		}
	}
	ctx := context.Background()
	// "the" is an English stop word: "the cluster" finds what "cluster"
	// finds.
	a, err := ix.Search(ctx, Request{Query: "the cluster", Langs: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ix.Search(ctx, Request{Query: "cluster", Langs: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Total == 0 || ids(a) != ids(b) {
		t.Errorf("the cluster: %s; cluster: %s", ids(a), ids(b))
	}
	_, err = ix.Search(ctx, Request{Query: "cluster", Langs: []string{"de"}})
	if err == nil || !strings.Contains(err.Error(), "rebuild the site") {
		t.Errorf("a query in German on an index without German lists: %v; want a rebuild hint", err)
	}
}

func TestWordListsRoundTrip(t *testing.T) {
	ix := openTest(t)
	again := parseWordLists(formatWordLists(ix.lists))
	if formatWordLists(again) != formatWordLists(ix.lists) || len(again) != len(ix.lists) {
		t.Errorf("word lists change when written and read again")
	}
}

// TestGreekStopWordsWithAccents: Greek stop words are dropped however
// they are written (της, από, είναι), since the list is read after
// folding, as it is written; before, only those without accents or
// final sigma were, and "της πολιτική" required a word no page holds.
func TestGreekStopWordsWithAccents(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	want, err := ix.Search(ctx, Request{Query: "πολιτική", Langs: []string{"el"}})
	if err != nil || want.Total == 0 {
		t.Fatalf("πολιτική: %v, %v", want, err)
	}
	for _, q := range []string{"της πολιτική", "πολιτική από", "Είναι πολιτική"} {
		got, err := ix.Search(ctx, Request{Query: q, Langs: []string{"el"}})
		if err != nil || ids(got) != ids(want) || got.Partial || got.Near {
			t.Errorf("%s: %v (partial %v) %v; want %s", q, ids(got), got != nil && got.Partial, err, ids(want))
		}
	}
}
