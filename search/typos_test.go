package search

import (
	"context"
	"fmt"
	"testing"
)

func TestTypoDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"slovakai", "slovakia", 1}, // a swap is one slip
		{"slovakai", "slovak", 2},
		{"cluster", "cluster", 0},
		{"custer", "cluster", 1},
		{"clusetr", "cluster", 1},
		{"κωσικε", "κοσικε", 1}, // letters, not bytes
		{"abc", "ca", 3},        // OSA: no edit of a swapped pair
		{"microelectronis", "microelectronics", 1},
		{"ab", "ba", 1},
		{"", "abc", 3},
	} {
		if got := typoDistance([]rune(c.a), []rune(c.b), 5); got != c.want {
			t.Errorf("typoDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	// Past max, it says so without measuring further.
	if got := typoDistance([]rune("cluster"), []rune("policy"), 2); got != 3 {
		t.Errorf("typoDistance(cluster, policy, 2) = %d, want 3 (max+1)", got)
	}
	if ok, d := (typoMatcher{[]rune("slovakai"), 2}).MatchAndDistance("slovak"); !ok || d != 2 {
		t.Errorf("slovak within 2 of slovakai: %v, %d", ok, d)
	}
}

// TestTypoPrefersOneSlip: a word one slip (a swap) away from the word
// meant wins over a commoner word two edits away, and the suggestion
// names it; a word with nothing within one slip still finds what is two
// away.
func TestTypoPrefersOneSlip(t *testing.T) {
	docs := []Document{{ID: "countries/sk", URL: "countries/sk/", Type: "country", Lang: "en", Title: "Slovakia", Summary: "A partner country.", Body: "Clusters in Slovakia.\n"}}
	for i := range 6 {
		docs = append(docs, Document{ID: fmt.Sprintf("organisations/o%d", i), URL: fmt.Sprintf("organisations/o%d/", i), Type: "organisation", Lang: "en",
			Title: fmt.Sprintf("Slovak agency %d", i), Summary: "A Slovak body.", Body: "Slovak firms and Slovak clusters.\n"})
	}
	ix := openDocs(t, docs)
	ctx := context.Background()
	res, err := ix.Search(ctx, Request{Query: "Slovakai"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Near || res.Suggestion != "Slovakia" || len(res.Hits) == 0 || res.Hits[0].ID != "countries/sk" {
		t.Errorf("Slovakai: near %v, suggestion %q, %d hits (first %v); want Slovakia, its page first", res.Near, res.Suggestion, len(res.Hits), firstID(res))
	}
	res, err = ix.Search(ctx, Request{Query: "Slovakiaxx"}) // two edits from slovakia, none closer
	if err != nil {
		t.Fatal(err)
	}
	if !res.Near || res.Total == 0 {
		t.Errorf("Slovakiaxx: near %v, %d hits; want the words two edits away", res.Near, res.Total)
	}
}

func firstID(res *Result) string {
	if len(res.Hits) == 0 {
		return ""
	}
	return res.Hits[0].ID
}

// TestWordStartsAreSearchedAsPrefixes: a word the index lacks that
// begins words it holds (a reader still typing) finds them before any
// typo is tried, and the suggestion completes it from the best hit; a
// word too short to be searched so, or that begins nothing, does not.
func TestWordStartsAreSearchedAsPrefixes(t *testing.T) {
	docs := []Document{
		{ID: "practices/s3", URL: "practices/s3/", Type: "practice", Lang: "en", Title: "Smart specialisation in Slovenia", Summary: "A smart specialisation strategy.", Body: "Clusters shaped it.\n"},
		{ID: "practices/smart", URL: "practices/smart/", Type: "practice", Lang: "en", Title: "Smart grids", Summary: "Energy.", Body: "A smart network.\n"},
		{ID: "practices/spe", URL: "practices/spe/", Type: "practice", Lang: "en", Title: "Special economic zones", Summary: "Zones.", Body: "Not smart.\n"},
	}
	ix := openDocs(t, docs)
	ctx := context.Background()
	for _, c := range []struct {
		query, suggestion string
		ids               []string
	}{
		// "spec" begins specialisation and special; the page on smart
		// grids has no word that begins so.
		{"smart spec", "smart specialisation", []string{"practices/s3", "practices/spe"}},
		{"Specialis", "specialisation", []string{"practices/s3"}},
	} {
		res, err := ix.Search(ctx, Request{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if !res.Near || res.Suggestion != c.suggestion || fmt.Sprint(ids) != fmt.Sprint(c.ids) {
			t.Errorf("%q: near %v, suggestion %q, hits %v; want near, %q, %v", c.query, res.Near, res.Suggestion, ids, c.suggestion, c.ids)
		}
	}
	// Two letters begin too much: "sm" is not read as smart.
	if res, err := ix.Search(ctx, Request{Query: "sm"}); err != nil || res.Total != 0 {
		t.Errorf("sm: %d hits (%v); want none", res.Total, err)
	}
	// A typo that begins nothing is still a typo.
	if res, err := ix.Search(ctx, Request{Query: "smrat"}); err != nil || !res.Near || res.Suggestion != "Smart" {
		t.Errorf("smrat: near %v, suggestion %q (%v); want Smart", res.Near, res.Suggestion, err)
	}
}

// TestGreekSuggestionCountsLetters: a suggestion may be two slips away,
// counted in letters; Greek letters take two bytes each, and counting
// bytes (as the suggestion once did) turned two slips into four.
func TestGreekSuggestionCountsLetters(t *testing.T) {
	ix := openTest(t)
	res, err := ix.Search(context.Background(), Request{Query: "πλιτκη", Langs: []string{"el"}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Near || Fold(res.Suggestion) != "πολιτικη" {
		t.Errorf("πλιτκη: near %v, suggestion %q; want near, πολιτική", res.Near, res.Suggestion)
	}
}
