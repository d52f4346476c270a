package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

func TestFrameDir(t *testing.T) {
	for _, c := range []struct {
		prefix, url, dir string
		wild             bool
	}{
		{"", "/", "/", false},
		{"", "/404.html", "/", false},
		{"", "/practices/", "/practices", false},
		{"", "/practices/x/", "/practices/*", true},
		{"", "/practices/page/2/", "/practices/page/*", true},
		{"/el", "/", "/el", false},
		// The list of practices in Greek keeps its folder: the menu marks it.
		{"/el", "/practices/", "/el/practices", false},
		{"/el", "/practices/x/", "/el/practices/*", true},
	} {
		dir, wild := frameDir(c.prefix, c.url)
		if dir != c.dir || wild != c.wild {
			t.Errorf("frameDir(%q, %q) = %q, %v; want %q, %v", c.prefix, c.url, dir, wild, c.dir, c.wild)
		}
	}
}

func TestPageBoundLink(t *testing.T) {
	for _, c := range []struct {
		from, to string
		bound    bool
	}{
		{"/practices/x/", "/", false},
		{"/practices/x/", "/practices/", false},
		{"/practices/x/", "/profiles/", false},
		{"/practices/x/", "/feed.xml", false},
		{"/practices/x/", "/assets/style.0123.css", false},
		{"/practices/x/", "/practices/x/", true},
		{"/practices/x/", "/practices/y/#part", true},
		{"/practices/x/", "/practices/y/z/", true},
		{"/el/practices/x/", "/el/practices/", false},
		{"/el/practices/x/", "/el/practices/y/", true},
		{"/el/practices/x/", "/practices/y/", false},
		// A page one folder deep has a key of its own.
		{"/practices/", "/practices/y/", false},
	} {
		if got := pageBoundLink(c.from, c.to); got != c.bound {
			t.Errorf("pageBoundLink(%q, %q) = %v, want %v", c.from, c.to, got, c.bound)
		}
		// The rule the key rests on: a link that is not page-bound comes
		// out the same from a sibling page.
		if !c.bound {
			sib := filepath.ToSlash(filepath.Dir(filepath.Clean(c.from))) + "/sibling/"
			if len(dirSegments(c.from)) >= 2 && relURL(c.from, c.to, false) != relURL(sib, c.to, false) {
				t.Errorf("%s and %s link to %s differently, yet it is not page-bound", c.from, sib, c.to)
			}
		}
	}
}

// TestFramesMatchEachPage renders every page of a generated site in two
// languages twice: with the frame blocks shared between pages (as a build
// does) and rendered for each page (as polisee serve does, recording what
// pages read). Every page must come out the same, and the blocks must
// have been shared: far fewer made than pages rendered.
func TestFramesMatchEachPage(t *testing.T) {
	b := preparedCorpus(t, 120, 5, func(dir string) { inTwoLanguages(t, dir) })
	trees := b.languageTrees()
	if len(trees) != 2 {
		t.Fatalf("%d language trees, want 2", len(trees))
	}
	pages, frames := 0, 0
	for _, tr := range trees {
		tmpls, err := tr.templates()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range tr.pages {
			shared, err := tr.renderPage(tmpls, p, nil)
			if err != nil {
				t.Fatal(err)
			}
			own, err := tr.renderPage(tmpls, p, uses{})
			if err != nil {
				t.Fatal(err)
			}
			if string(shared) != string(own) {
				t.Fatalf("%s%s: the page with shared frame blocks differs from the page rendered whole:\n%s\n---\n%s", tr.prefix, p.URL, shared, own)
			}
			pages++
		}
		tr.frames.Range(func(k, v any) bool { frames++; return true })
	}
	// Three blocks a page (site-head, site-top, site-foot).
	if frames == 0 || frames*4 > pages*3 {
		t.Errorf("%d frame blocks made for %d pages: they were not shared", frames, pages)
	}
	t.Logf("%d pages, %d frame blocks made", pages, frames)
}

// preparedCorpus writes a generated site of n documents (corpus.Write
// with seed), lets edit change its files when edit is not nil, and loads
// and relates it as a build does, with the bodies in memory.
func preparedCorpus(t testing.TB, n int, seed int64, edit func(dir string)) *builder {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(dir, n, seed); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(dir)
	}
	cfg := Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir, Out: filepath.Join(t.TempDir(), "public")}
	b, diags := prepare(context.Background(), cfg, prepareOptions{bodies: bodiesInMemory})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b.rel = buildRelations(b.content)
	return b
}

// inTwoLanguages gives a generated site (corpus.Write) Greek pages
// besides the English ones.
func inTwoLanguages(t testing.TB, dir string) {
	t.Helper()
	site := filepath.Join(dir, "site.yaml")
	data, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("languages: [en]")) {
		t.Fatalf("%s names no languages to add to", site)
	}
	if err := os.WriteFile(site, bytes.Replace(data, []byte("languages: [en]"), []byte("languages: [en, el]"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
