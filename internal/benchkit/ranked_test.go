package benchkit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search"
)

// The ranked results read in the browser, on the starter site: polisee's
// engine in Chromium ranks as the native search does, in each language's
// pages, and Pagefind (when installed; PAGEFIND names it, else pagefind
// on PATH) answers from the index of the page's language.
func TestRankedInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium twice")
	}
	chrome := testChrome(t)
	ctx := context.Background()
	public := filepath.Join(t.TempDir(), "public")
	cfg := generator.Config{Src: content.Starter(), SrcRoot: "content", Out: public, Engine: Engine()}
	if _, err := generator.Build(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	queries := []RankedQuery{
		{Page: "/404.html", Query: "microelectronics", Langs: []string{"en", "el"}, Shown: "en"},
		{Page: "/el/404.html", Query: "μικροηλεκτρονική", Langs: []string{"el", "en"}, Shown: "el"},
		{Page: "/404.html", Query: "cluster", Langs: []string{"en", "el"}, Shown: "en"},
	}
	b := Browser{Chrome: chrome, Logf: t.Logf}

	t.Run("polisee", func(t *testing.T) {
		got, err := b.PoliseeTop(ctx, public, queries, 10)
		if err != nil {
			t.Fatal(err)
		}
		files, err := PoliseeFiles(public)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(files.Index)))
		if err != nil {
			t.Fatal(err)
		}
		ix, err := search.Open(data)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		for i, q := range queries {
			res, err := ix.Search(ctx, search.Request{Query: q.Query, Size: 10, Langs: q.Langs, Shown: q.Shown})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, h := range res.Hits {
				want = append(want, h.URL)
			}
			if len(want) == 0 || !slices.Equal(got[i], want) {
				t.Errorf("%q on %s: the browser gave %q, the native search %q", q.Query, q.Page, got[i], want)
			}
		}
		if len(got[2]) != 10 {
			t.Errorf("cluster: %d results, want the first 10", len(got[2]))
		}
	})

	t.Run("pagefind", func(t *testing.T) {
		bin := os.Getenv("PAGEFIND")
		if bin == "" {
			bin = "pagefind"
		}
		bin, err := exec.LookPath(bin)
		if err != nil {
			t.Skipf("Pagefind not found (%v): npm install pagefind in a temporary folder and set PAGEFIND=DIR/node_modules/.bin/pagefind", err)
		}
		if _, err := RunPagefind(ctx, bin, public); err != nil {
			t.Fatal(err)
		}
		got, err := b.PagefindTop(ctx, public, queries, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(got[0], "/practices/mi-cluster-microelectronics/") {
			t.Errorf("microelectronics on the English page: %q", got[0])
		}
		if !slices.Contains(got[1], "/el/practices/mi-cluster-microelectronics/") {
			t.Errorf("μικροηλεκτρονική on the Greek page: %q", got[1])
		}
		for _, u := range got[1] {
			if !strings.HasPrefix(u, "/el/") {
				t.Errorf("the Greek page's Pagefind answered %q, a page of another language", u)
			}
		}
		if len(got[2]) != 10 {
			t.Errorf("cluster: %d results, want the first 10", len(got[2]))
		}
	})
}
