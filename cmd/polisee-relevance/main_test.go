package main

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"testing"

	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/internal/relevance"
)

// Pagefind's result URLs become the judged set's page addresses.
func TestPagefindAddress(t *testing.T) {
	for in, want := range map[string]string{
		"/practices/x/":               "practices/x/",
		"/el/practices/x/":            "el/practices/x/",
		"/el/practices/x/index.html":  "el/practices/x/",
		"/glossary/cluster/#see-also": "glossary/cluster/",
		"/about/?q=1":                 "about/",
	} {
		if got := pagefindAddress(in); got != want {
			t.Errorf("pagefindAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

// Each language's queries run on a page of that language, whose <html
// lang> picks Pagefind's index.
func TestPageOf(t *testing.T) {
	langs := []string{"en", "el"}
	if got := pageOf("en", langs); got != "/404.html" {
		t.Errorf("default language: %q", got)
	}
	if got := pageOf("el", langs); got != "/el/404.html" {
		t.Errorf("el: %q", got)
	}
}

func TestParseFlags(t *testing.T) {
	o, err := parseFlags(nil, io.Discard)
	if err != nil || o.judged != "search/testdata/judged.yaml" || o.pagefind != "pagefind" || !o.browser {
		t.Errorf("defaults: %+v, %v", o, err)
	}
	if _, err := parseFlags([]string{"extra"}, io.Discard); err == nil {
		t.Error("an argument is accepted")
	}
}

// The starter site as the command builds it: its languages, and the
// judged queries run on the index the site ships, under its hashed name.
func TestStarterSite(t *testing.T) {
	ctx := context.Background()
	public := filepath.Join(t.TempDir(), "public")
	if err := buildStarter(ctx, public); err != nil {
		t.Fatal(err)
	}
	languages, err := siteLanguages(public)
	if err != nil || !slices.Equal(languages, []string{"en", "el"}) {
		t.Fatalf("languages %q, %v", languages, err)
	}
	qs, err := relevance.Load(filepath.Join("..", "..", "search", "testdata", "judged.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	outs, err := runPolisee(ctx, public, qs, languages)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != len(qs) {
		t.Fatalf("%d outcomes for %d queries", len(outs), len(qs))
	}
	if f := relevance.Score(outs); f.MRR < 0.5 {
		t.Errorf("MRR %.2f on the judged set", f.MRR)
	}
	// The engine is in the site, under the name the search page loads.
	files, err := benchkit.PoliseeFiles(public)
	if err != nil || files.Wasm == "" || files.ExecJS == "" || !benchkit.ContentHashed(files.Wasm) || !benchkit.ContentHashed(files.Index) {
		t.Errorf("search files %+v, %v", files, err)
	}
}
