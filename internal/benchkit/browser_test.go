package benchkit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search/wasmbuild"
)

// testChrome finds Chromium, or skips the test saying how to install it;
// under CI=true a missing Chromium fails the test instead.
func testChrome(t *testing.T) string {
	t.Helper()
	chrome, err := FindChrome("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err.Error() + " (CI=true: not skipping)")
		}
		t.Skip(err.Error() + "; or set CHROME_PATH")
	}
	return chrome
}

// The browser measurements on the starter site, browser engine included:
// polisee's always, Pagefind's when it is installed (PAGEFIND names it,
// else pagefind on PATH).
func TestBrowserMeasures(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium three times")
	}
	chrome := testChrome(t)
	ctx := context.Background()
	eng, err := wasmbuild.Build(ctx, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	cfg := generator.Config{Src: content.Starter(), SrcRoot: "content", Out: public,
		Engine: &generator.SearchEngine{Wasm: eng.Wasm, ExecJS: eng.ExecJS, WasmGz: eng.WasmGz, WasmBr: eng.WasmBr}}
	if _, err := generator.Build(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	docs, err := generator.SearchDocuments(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b := Browser{Chrome: chrome, Logf: t.Logf}
	b.Cold, b.Queries = PickQueries(Vocabulary(docs), 4, 1)

	t.Run("polisee", func(t *testing.T) {
		p, err := b.Polisee(ctx, public)
		if err != nil {
			t.Fatal(err)
		}
		index, err := FileSize(filepath.Join(public, "search", "index.zap"))
		if err != nil {
			t.Fatal(err)
		}
		checkSearch(t, "polisee", p)
		if p.Index != index || p.All.Raw <= index.Raw {
			t.Errorf("polisee index %v, all %v; index.zap is %v", p.Index, p.All, index)
		}
		if !fetched(p.FirstRequests, "/search/index.zap") || !fetched(p.FirstRequests, "/search/search.wasm") {
			t.Errorf("the engine and the index are not among the requests before the first result: %+v", p.FirstRequests)
		}
		// The cold page fetches the engine and the index, and more.
		if p.First.Brotli < index.Brotli || p.First.Raw < p.All.Raw {
			t.Errorf("before the first result %v, below the engine and index %v", p.First, p.All)
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
		pf, err := RunPagefind(ctx, bin, public)
		if err != nil {
			t.Fatal(err)
		}
		if pf.Pages <= 0 || pf.Index.Raw <= 0 || pf.All.Raw <= pf.Index.Raw || pf.Files == 0 || pf.Use.Wall <= 0 {
			t.Errorf("Pagefind's index: %+v", pf)
		}
		f, err := b.Pagefind(ctx, public, pf)
		if err != nil {
			t.Fatal(err)
		}
		checkSearch(t, "Pagefind", f)
		if !fetched(f.FirstRequests, "/"+PagefindDir+"/pagefind.js") {
			t.Errorf("pagefind.js is not among the requests before the first result: %+v", f.FirstRequests)
		}
	})
}

func checkSearch(t *testing.T, tool string, r *SearchResult) {
	t.Helper()
	if len(r.Latencies) != 4 || r.P50() <= 0 || r.P95() < r.P50() {
		t.Errorf("%s: latencies %v", tool, r.Latencies)
	}
	if r.FirstResult <= 0 || r.First.Raw <= 0 || r.First.Brotli <= 0 || r.First != Total(r.FirstRequests) {
		t.Errorf("%s: first result after %v, %v in %d requests", tool, r.FirstResult, r.First, len(r.FirstRequests))
	}
}

func fetched(reqs []Request, path string) bool {
	for _, r := range reqs {
		if strings.HasPrefix(r.Path, path) && r.Status == 200 {
			return true
		}
	}
	return false
}
