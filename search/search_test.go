package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

var testDocs = []Document{
	{ID: "practices/mi-cluster", URL: "/practices/mi-cluster/", Type: "practice", Title: "mi-Cluster, the Greek microelectronics cluster",
		Summary: "Microelectronics firms in Attica grew from 13 to 34 members.", Body: "The cluster policies supported exports and venture capital.",
		Areas: []string{"innovation-rd"}, Countries: []string{"GR"}, Regions: []string{"EL30"}, Status: "identified", Year: 2006, Lang: "en"},
	{ID: "practices/accreditation", URL: "/practices/accreditation/", Type: "practice", Title: "Cluster accreditation in Hungary",
		Summary: "Accredited clusters receive grants.", Body: "Policy makers monitor clusters through accreditation.",
		Areas: []string{"financial-framework", "innovation-rd"}, Countries: []string{"HU"}, Status: "piloted", Year: 2008, Lang: "en"},
	{ID: "profiles/hungary", URL: "/profiles/hungary/", Type: "profile", Title: "Hungarian cluster policy 2007-2013",
		Summary: "Three tiers of support.", Body: "The Pole Programme funded accredited clusters.",
		Areas: []string{"financial-framework"}, Countries: []string{"HU"}, Year: 2007, Lang: "en"},
	{ID: "practices/politiki.el", URL: "/el/practices/politiki/", Type: "practice", Title: "Πολιτική συστάδων στην Ελλάδα",
		Summary: "Η ΠΟΛΙΤΙΚΉ για τις συστάδες επιχειρήσεων.", Body: "Οι περιφέρειες εφαρμόζουν πολιτικές καινοτομίας και Ϊδιαίτερα προγράμματα.",
		Areas: []string{"innovation-rd"}, Countries: []string{"GR"}, Status: "identified", Lang: "el"},
}

func openTest(t testing.TB) *Index {
	t.Helper()
	data, err := Build(context.Background(), testDocs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ids(r *Result) string {
	var s []string
	for _, h := range r.Hits {
		s = append(s, h.ID)
	}
	return strings.Join(s, " ")
}

func TestBuildIsDeterministic(t *testing.T) {
	a, err := Build(context.Background(), testDocs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reversed := []Document{testDocs[3], testDocs[2], testDocs[1], testDocs[0]}
	b, err := Build(context.Background(), reversed, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two builds of the same documents differ (%d and %d bytes)", len(a), len(b))
	}
}

func TestSearch(t *testing.T) {
	ix := openTest(t)
	if ix.Len() != 4 {
		t.Errorf("Len = %d", ix.Len())
	}
	for _, tc := range []struct {
		q, langs, want string
	}{
		{"microelectronics", "en", "practices/mi-cluster"},
		{"accredited", "en", "practices/accreditation profiles/hungary"}, // stemming: accreditation, accredited
		{"country:HU", "en", "practices/accreditation profiles/hungary"},
		{"country:gr type:practice", "en", "practices/mi-cluster practices/politiki.el"},
		{"+cluster -country:HU", "en", "practices/mi-cluster"},
		{`"venture capital"`, "en", "practices/mi-cluster"},        // in a body: all the words
		{`"capital venture"`, "en", "practices/mi-cluster"},        // bodies keep no positions
		{`"greek microelectronics"`, "en", "practices/mi-cluster"}, // a title phrase
		{`title:"microelectronics greek"`, "en", ""},               // in titles, word order counts
		{"microelec*", "en", "practices/mi-cluster"},
		{"status:piloted", "en", "practices/accreditation"},
		{"year:2007", "en", "profiles/hungary"},
		{"area:financial-framework", "en", "practices/accreditation profiles/hungary"},
		// Greek folds case, accents and final sigma.
		{"πολιτικη", "el", "practices/politiki.el"},
		{"ΠΟΛΙΤΙΚΗ", "el", "practices/politiki.el"},
		{"πολιτική", "el", "practices/politiki.el"},
		{"ιδιαιτερα", "el", "practices/politiki.el"},
		{"συσταδες", "el", "practices/politiki.el"},
		{"περιφερειες", "el en", "practices/politiki.el"},
	} {
		r, err := ix.Search(context.Background(), Request{Query: tc.q, Langs: strings.Fields(tc.langs)})
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		got := strings.Fields(ids(r))
		want := strings.Fields(tc.want)
		if strings.Join(sorted(got), " ") != strings.Join(sorted(want), " ") {
			t.Errorf("%q: got [%s], want [%s]", tc.q, ids(r), tc.want)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestTitleRanksFirstAndSnippetsHighlight(t *testing.T) {
	ix := openTest(t)
	r, err := ix.Search(context.Background(), Request{Query: "accreditation"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) == 0 || r.Hits[0].ID != "practices/accreditation" {
		t.Fatalf("the title match should rank first: %s", ids(r))
	}
	r, _ = ix.Search(context.Background(), Request{Query: "grants"})
	if len(r.Hits) != 1 || !strings.Contains(r.Hits[0].Snippet, "<mark>grants</mark>") {
		t.Errorf("snippet = %+v", r.Hits)
	}
}

func TestFacets(t *testing.T) {
	ix := openTest(t)
	r, err := ix.Search(context.Background(), Request{Query: "cluster", Langs: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	count := func(facet, value string) int {
		for _, c := range r.Facets[facet] {
			if c.Value == value {
				return c.Count
			}
		}
		return 0
	}
	if r.Total != 3 || count("country", "HU") != 2 || count("country", "GR") != 1 || count("type", "practice") != 2 ||
		count("area", "innovation-rd") != 2 || count("status", "piloted") != 1 || count("year", "2006") != 1 {
		t.Errorf("total %d, facets %+v", r.Total, r.Facets)
	}
}

func TestHostileQueries(t *testing.T) {
	ix := openTest(t)
	many := strings.Repeat("word ", 5000)
	for _, q := range []string{"(((", "foo~99", "/[/", "*", "?*", many, "\xff\xfe", `"unclosed`, "nope:value", "year:>2000", "a:b:c", "+-+", "title:/x/"} {
		_, err := ix.Search(context.Background(), Request{Query: q})
		if err == nil {
			t.Errorf("%q: no error", clipQ(q))
			continue
		}
		if !errors.Is(err, ErrQuery) {
			t.Errorf("%q: %v is not a query error", clipQ(q), err)
		}
	}
}

func clipQ(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

func TestCorruptIndex(t *testing.T) {
	data, err := Build(context.Background(), testDocs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": data[:len(data)/2],
		"flipped":   flip(data, len(data)/3),
		"garbage":   bytes.Repeat([]byte{0xff}, 100),
	} {
		if _, err := Open(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v; want ErrCorrupt", name, err)
		}
	}
}

func flip(data []byte, i int) []byte {
	out := append([]byte(nil), data...)
	out[i] ^= 0x55
	return out
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"ΠΟΛΙΤΙΚΉ": "πολιτικη", "πολιτικής": "πολιτικησ", "Ϊδιαίτερα": "ιδιαιτερα", "ΐ": "ι", "Ţară": "tara",
		"cluster": "cluster", "Cluster": "cluster", "R&D-2020": "r&d-2020", "": ""} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBuildInBatches indexes more documents than one batch holds: the
// segments are merged into one, deterministically, and all are found.
func TestBuildInBatches(t *testing.T) {
	var docs []Document
	for i := range batchSize*2 + 17 {
		docs = append(docs, Document{ID: fmt.Sprintf("d%05d", i), URL: "/", Type: "practice", Title: fmt.Sprintf("Title %d", i),
			Summary: "cluster policy", Body: fmt.Sprintf("word%d common", i), Countries: []string{"GR"}, Lang: "en"})
	}
	a, err := Build(context.Background(), docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(context.Background(), docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two builds in batches differ")
	}
	ix, err := Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Len() != len(docs) {
		t.Errorf("Len = %d, want %d", ix.Len(), len(docs))
	}
	for _, q := range []string{"word5", fmt.Sprintf("word%d", batchSize+batchSize/2), fmt.Sprintf("word%d", len(docs)-1)} {
		r, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil || r.Total != 1 {
			t.Errorf("%s: %v, %+v", q, err, r)
		}
	}
	r, _ := ix.Search(context.Background(), Request{Query: "common", Size: 5})
	if r.Total != len(docs) || r.Facets["country"][0].Count != len(docs) {
		t.Errorf("common: total %d, facets %+v", r.Total, r.Facets["country"])
	}
}
