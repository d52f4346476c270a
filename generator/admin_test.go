package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
)

// TestReviewed: a practice's reviewed: {by, date} shows on its page in
// each language, and a page without it says nothing of a review.
func TestReviewed(t *testing.T) {
	fsys := with(t, "-- site.yaml --\ntitle: T\nlanguages: [en, el]\n")
	p := string(fsys["practices/mi-cluster.md"].Data)
	fsys["practices/mi-cluster.md"].Data = []byte(strings.Replace(p, "updated: 2026-11-01\n", "updated: 2026-11-01\nreviewed:\n  by: Jane Doe <Corallia>\n  date: 2026-11-20\n", 1))
	out, _ := build(t, fsys)
	contains(t, read(t, out, "practices/mi-cluster/index.html"), `Reviewed by Jane Doe &lt;Corallia&gt; on <time datetime="2026-11-20">`, "English page")
	contains(t, read(t, out, "el/practices/mi-cluster/index.html"), `Ελέγχθηκε από Jane Doe &lt;Corallia&gt;, <time datetime="2026-11-20">`, "Greek page")
	notContains(t, read(t, out, "practices/mi-cluster/index.html"), "map[", "English page")
	notContains(t, read(t, out, "practices/accreditation/index.html"), "Reviewed by", "page without a review")
	contains(t, read(t, out, "data/practices.json"), `"reviewed": {
      "by": "Jane Doe \u003cCorallia\u003e",
      "date": "2026-11-20"
    }`, "open data")
	contains(t, read(t, out, "data/practices.csv"), `,"Jane Doe <Corallia>, 2026-11-20",`, "open data (CSV)")
}

// TestAdminFiles: with a cms block the build writes the editor's page and
// configuration, outside the sitemap and the search index; an offline
// copy and a site without the block have none.
func TestAdminFiles(t *testing.T) {
	fsys := with(t, "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nlanguages: [en]\ncms:\n  backend: github\n  repo: acme/kb\n")
	out, _ := build(t, fsys)
	contains(t, read(t, out, "admin/index.html"), `<meta name="robots" content="noindex, nofollow">`, "admin page")
	contains(t, read(t, out, "admin/config.yml"), "folder: content/practices", "admin config")
	notContains(t, read(t, out, "sitemap.xml"), "admin", "sitemap")
	contains(t, read(t, out, "contributing/index.html"), `The easiest way is the <a href="../admin/">web editor</a>`, "contributing page")
	// The guide's pictures of the editor are on the page, and served.
	shots := guideImages(t, out, "contributing")
	if len(shots) != 2 {
		t.Errorf("the contributing page of a one-language site shows %d pictures of the editor, want 2 (no translation): %q", len(shots), shots)
	}
	data, err := os.ReadFile(filepath.Join(out, "search", "meta.json"))
	if err == nil && strings.Contains(string(data), "admin") {
		t.Errorf("search meta names the admin page: %s", data)
	}

	off := filepath.Join(t.TempDir(), "offline")
	if _, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: off, Offline: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(off, "admin")); err == nil {
		t.Error("the offline copy has an admin folder")
	}
	notContains(t, read(t, off, "contributing/index.html"), `admin/index.html"`, "offline contributing page")
	if shots := guideImages(t, off, "contributing"); len(shots) > 0 {
		t.Errorf("the offline contributing page shows pictures of the editor it lacks: %q", shots)
	}
	plain, _ := build(t, with(t, ""))
	if _, err := os.Stat(filepath.Join(plain, "admin")); err == nil {
		t.Error("a site without a cms block has an admin folder")
	}
	notContains(t, read(t, plain, "contributing/index.html"), `href="../admin/"`, "contributing page without an editor")

	// The Greek guide links the one editor, at /admin/.
	el := with(t, "-- site.yaml --\ntitle: T\nlanguages: [en, el]\ncms:\n  backend: github\n  repo: acme/kb\n")
	elOut, _ := build(t, el)
	contains(t, read(t, elOut, "el/contributing/index.html"), `<a href="../../admin/">διαδικτυακός επεξεργαστής</a>`, "Greek contributing page")
	if shots := guideImages(t, elOut, "el/contributing"); len(shots) != 3 {
		t.Errorf("the Greek contributing page shows %d pictures of the editor, want 3 (translation included): %q", len(shots), shots)
	}
}

// guideImages returns the src of the pictures of admin/guide/ on the page
// at dir/index.html, failing the test for one that is not in the site or
// has no text alternative.
func guideImages(t *testing.T, out, dir string) []string {
	t.Helper()
	page := read(t, out, dir+"/index.html")
	var srcs []string
	for _, m := range regexp.MustCompile(`<img src="([^"]*admin/guide/[^"]*)" alt="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		srcs = append(srcs, m[1])
		if len(m[2]) < 20 {
			t.Errorf("%s: the picture %s has no real text alternative: %q", dir, m[1], m[2])
		}
		if _, err := os.Stat(filepath.Join(out, dir, filepath.FromSlash(m[1]))); err != nil {
			t.Errorf("%s: the picture %s is not in the site: %v", dir, m[1], err)
		}
	}
	if n := strings.Count(page, "admin/guide/"); n != len(srcs) {
		t.Errorf("%s: %d references to admin/guide/, %d pictures read", dir, n, len(srcs))
	}
	return srcs
}
