package relevance

import (
	"bytes"
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/search"
)

func TestRank(t *testing.T) {
	expect := []string{"a/", "b/"}
	for _, c := range []struct {
		got  []string
		want int
	}{
		{nil, 0},
		{[]string{"a/"}, 1},
		{[]string{"x/", "b/", "a/"}, 2},
		{[]string{"x/", "y/"}, 0},
		// Only the first TopN count.
		{[]string{"1/", "2/", "3/", "4/", "5/", "6/", "7/", "8/", "9/", "10/", "a/"}, 0},
		{[]string{"1/", "2/", "3/", "4/", "5/", "6/", "7/", "8/", "9/", "a/"}, 10},
	} {
		if got := Rank(expect, c.got); got != c.want {
			t.Errorf("Rank(%q, %q) = %d, want %d", expect, c.got, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	outs := []Outcome{{Rank: 1}, {Rank: 5}, {Rank: 0}, {Rank: 7}}
	f := Score(outs)
	wantMRR := (1 + 0.2 + 0 + 1.0/7) / 4
	if f.N != 4 || math.Abs(f.MRR-wantMRR) > 1e-12 || f.Recall10 != 0.75 || f.Top5 != 0.5 {
		t.Errorf("Score = %+v, want N 4, MRR %.4f, recall@10 0.75, top-5 0.5", f, wantMRR)
	}
	if f := Score(nil); f != (Figures{}) {
		t.Errorf("Score(nil) = %+v, want zero", f)
	}
}

const goodSet = `
queries:
  - query: Alfold
    lang: en
    kind: accent
    note: no umlaut
    expect: [regions/hu33/]
  - query: πολιτικη
    lang: el
    kind: greek-inflection
    note: no tonos
    expect: [el/glossary/cluster-policy/]
`

func TestParse(t *testing.T) {
	qs, err := Parse([]byte(goodSet))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs[1].Query != "πολιτικη" || qs[1].Lang != "el" || !slices.Equal(qs[0].Expect, []string{"regions/hu33/"}) {
		t.Errorf("Parse = %+v", qs)
	}
	if err := CheckLanguages(qs, []string{"en", "el"}); err != nil {
		t.Error(err)
	}
	for _, c := range []struct{ name, from, to, want string }{
		{"unknown field", "note: no umlaut", "note: no umlaut\n    expected: [x/]", "field expected not found"},
		{"unknown kind", "kind: accent", "kind: accents", `kind "accents" is none of`},
		{"no expectation", "expect: [regions/hu33/]", "expect: []", "no expected page"},
		{"no note", "note: no umlaut", "note: ''", "no note"},
		{"leading slash", "[regions/hu33/]", "[/regions/hu33/]", "is not a page address"},
		{"no trailing slash", "[regions/hu33/]", "[regions/hu33]", "is not a page address"},
		{"same query on another page", "query: πολιτικη", "query: Alfold", ""},
	} {
		data := strings.Replace(goodSet, c.from, c.to, 1)
		_, err := Parse([]byte(data))
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	twice := goodSet + strings.SplitN(goodSet, "queries:\n", 2)[1]
	if _, err := Parse([]byte(twice)); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("a query listed twice for one language: error %v", err)
	}
}

func TestCheckLanguages(t *testing.T) {
	qs, err := Parse([]byte(goodSet))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		edit      func([]Query)
		languages []string
		want      string
	}{
		{"Greek page, default-language address", func(qs []Query) { qs[1].Expect = []string{"glossary/cluster-policy/"} }, []string{"en", "el"}, "is not a page of the el"},
		{"default page, Greek address", func(qs []Query) { qs[0].Expect = []string{"el/regions/hu33/"} }, []string{"en", "el"}, "is not a page of the en"},
		{"language the site lacks", nil, []string{"en"}, `lang "el" is not one of the site's`},
	} {
		qs := slices.Clone(qs)
		for i := range qs {
			qs[i].Expect = slices.Clone(qs[i].Expect)
		}
		if c.edit != nil {
			c.edit(qs)
		}
		err := CheckLanguages(qs, c.languages)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// Request mirrors what a language's search page sends: its language
// first among the analysers', then the site's others, and Shown on a
// multilingual site.
func TestRequest(t *testing.T) {
	r := Request("q", "el", []string{"en", "el"})
	if r.Query != "q" || r.Size != TopN || !slices.Equal(r.Langs, []string{"el", "en"}) || r.Shown != "el" {
		t.Errorf("Greek page: %+v", r)
	}
	r = Request("q", "en", []string{"en", "el"})
	if !slices.Equal(r.Langs, []string{"en", "el"}) || r.Shown != "en" {
		t.Errorf("English page: %+v", r)
	}
	r = Request("q", "en", []string{"en"})
	if !slices.Equal(r.Langs, []string{"en"}) || r.Shown != "" {
		t.Errorf("monolingual site: %+v", r)
	}
	langs := []string{"en", "el"}
	if got := PageAddress("/practices/x/", "el", langs); got != "el/practices/x/" {
		t.Errorf("PageAddress on the Greek page = %q", got)
	}
	if got := PageAddress("/practices/x/", "en", langs); got != "practices/x/" {
		t.Errorf("PageAddress on the English page = %q", got)
	}
}

// RunPolisee ranks what the index answers, in the page's language.
func TestRunPolisee(t *testing.T) {
	docs := []search.Document{
		{ID: "a", URL: "/practices/a/", Type: "practice", Title: "Microelectronics cluster", Lang: "en", Shown: []string{"en"}},
		{ID: "b", URL: "/practices/b/", Type: "practice", Title: "Textile cluster", Lang: "en", Shown: []string{"en", "el"}},
		{ID: "a.el", URL: "/practices/a/", Type: "practice", Title: "Συνεργατικός σχηματισμός μικροηλεκτρονικής", Lang: "el", Shown: []string{"el"}},
	}
	ctx := context.Background()
	data, err := search.Build(ctx, docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := []Query{
		{Query: "textile", Lang: "en", Kind: "name", Expect: []string{"practices/b/"}},
		{Query: "textile", Lang: "el", Kind: "name", Expect: []string{"el/practices/b/"}},
		{Query: "μικροηλεκτρονικής", Lang: "el", Kind: "name", Expect: []string{"el/practices/a/"}},
		{Query: "cluster", Lang: "en", Kind: "name", Expect: []string{"practices/zzz/"}},
	}
	outs, err := RunPolisee(ctx, ix, qs, []string{"en", "el"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{1, 1, 1, 0} {
		if outs[i].Rank != want {
			t.Errorf("%q (%s): rank %d, want %d; got %q", qs[i].Query, qs[i].Lang, outs[i].Rank, want, outs[i].Got)
		}
	}
	if !slices.Contains(outs[3].Got, "practices/a/") || !slices.Contains(outs[3].Got, "practices/b/") {
		t.Errorf("cluster on the English page: %q", outs[3].Got)
	}

	var w bytes.Buffer
	WriteFigures(&w, Tool{Name: "polisee", Outcomes: outs}, Tool{Name: "other", Outcomes: []Outcome{{Query: qs[0]}, {Query: qs[1]}, {Query: qs[2]}, {Query: qs[3]}}})
	if !strings.Contains(w.String(), "polisee MRR") || !strings.Contains(w.String(), "other MRR") || !hasLine(w.String(), "all", "4", "0.75", "0.75", "0.75", "0.00", "0.00", "0.00") {
		t.Errorf("figures:\n%s", w.String())
	}
	w.Reset()
	WriteMisses(&w, Tool{Name: "polisee", Outcomes: outs})
	if lines := strings.Split(strings.TrimSpace(w.String()), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "cluster") {
		t.Errorf("misses:\n%s", w.String())
	}
}

// hasLine reports whether text has a line of these fields.
func hasLine(text string, fields ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		if slices.Equal(strings.Fields(line), fields) {
			return true
		}
	}
	return false
}
