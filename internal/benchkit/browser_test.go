package benchkit

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
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
		t.Skip("starts Chromium five times")
	}
	chrome := testChrome(t)
	ctx := context.Background()
	public := filepath.Join(t.TempDir(), "public")
	cfg := generator.Config{Src: content.Starter(), SrcRoot: "content", Out: public, Engine: Engine(), IndexParts: generator.IndexPartsAlways}
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
		files, err := PoliseeFiles(public)
		if err != nil {
			t.Fatal(err)
		}
		// Over http the page opens the index in parts: its head, then the
		// parts a query reads.
		if files.Head == "" {
			t.Fatalf("the search page names no head of an index in parts: %+v", files)
		}
		index, parts, err := PartsSize(filepath.Join(public, files.Head))
		if err != nil {
			t.Fatal(err)
		}
		head, err := FileSize(filepath.Join(public, files.Head))
		if err != nil {
			t.Fatal(err)
		}
		wasm, err := FileSize(filepath.Join(public, files.Wasm))
		if err != nil {
			t.Fatal(err)
		}
		checkSearch(t, "polisee", p)
		if parts < 3 || p.Index != index || p.Engine != wasm || p.All.Raw <= index.Raw+wasm.Raw {
			t.Errorf("polisee index %v in %d parts, engine %v, all %v; the files are %v and %v", p.Index, parts, p.Engine, p.All, index, wasm)
		}
		if files.Worker == "" {
			t.Errorf("the search page names no worker's script: %+v", files)
		}
		for _, f := range []string{files.Head, files.Wasm, files.Worker} {
			if !fetched(p.FirstRequests, "/"+f) {
				t.Errorf("%s is not among the requests before the first result: %+v", f, p.FirstRequests)
			}
		}
		if fetched(p.FirstRequests, "/"+files.Index) {
			t.Errorf("the page fetched the whole index %s: %+v", files.Index, p.FirstRequests)
		}
		// The cold page fetches the engine, the head and some parts, not
		// all of them.
		if p.First.Brotli <= head.Brotli+wasm.Brotli || p.First.Raw >= p.All.Raw {
			t.Errorf("before the first result %v; the engine and head are %v and %v, the engine and all the index %v", p.First, wasm, head, p.All)
		}
		// Chromium asks for brotli, and the engine and index come as their .br files.
		if w := p.FirstWire(); w != p.First.Brotli {
			t.Errorf("%d bytes on the wire before the first result; their brotli forms are %d bytes", w, p.First.Brotli)
		}
		// The warm visit takes the engine, the worker's script and the
		// index from the cache, and revalidates the page.
		for _, f := range []string{files.Head, files.Wasm, files.Worker} {
			if requested(p.WarmRequests, "/"+f) {
				t.Errorf("the warm visit requested %s, whose name carries its hash: %+v", f, p.WarmRequests)
			}
		}
		for _, q := range p.WarmRequests {
			if strings.HasPrefix(q.Path, "/search/parts/") {
				t.Errorf("the warm visit requested the part %s, whose name carries its hash", q.Path)
			}
		}
		if !revalidated(p.WarmRequests, "/search/") {
			t.Errorf("the warm visit did not revalidate the search page: %+v", p.WarmRequests)
		}
		if p.WarmWire() >= p.FirstWire()/10 {
			t.Errorf("the warm visit took %d bytes, the cold one %d", p.WarmWire(), p.FirstWire())
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
		if f.Engine.Raw <= 0 || f.Engine.Raw >= f.All.Raw {
			t.Errorf("Pagefind's engine %v, its folder %v", f.Engine, f.All)
		}
		// pagefind.js has no hash in its name: revalidated, not fetched again.
		if !revalidated(f.WarmRequests, "/"+PagefindDir+"/pagefind.js") {
			t.Errorf("the warm visit did not revalidate pagefind.js: %+v", f.WarmRequests)
		}
		for _, q := range f.WarmRequests {
			if ContentHashed(q.Path) {
				t.Errorf("the warm visit requested %s, whose name carries its hash", q.Path)
			}
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
	if r.FirstWire() <= 0 || r.FirstWire() > r.First.Raw {
		t.Errorf("%s: %d bytes on the wire before the first result, of %v", tool, r.FirstWire(), r.First)
	}
	if r.WarmResult <= 0 || len(r.WarmRequests) == 0 || r.WarmWire() >= r.FirstWire() {
		t.Errorf("%s: warm first result after %v, %d bytes on the wire in %d requests (cold: %d)", tool, r.WarmResult, r.WarmWire(), len(r.WarmRequests), r.FirstWire())
	}
	t.Logf("%s: engine %v; cold %v, %d bytes on the wire; warm %v, %d bytes; p50 %v", tool, r.Engine, r.FirstResult, r.FirstWire(), r.WarmResult, r.WarmWire(), r.P50())
	for _, n := range r.Notes {
		t.Logf("%s: %s", tool, n)
	}
}

// fetched reports whether a request of path was answered with the file.
func fetched(reqs []Request, path string) bool {
	for _, r := range reqs {
		if r.Path == path && r.Status == http.StatusOK {
			return true
		}
	}
	return false
}

// requested reports whether path was requested at all.
func requested(reqs []Request, path string) bool {
	for _, r := range reqs {
		if r.Path == path {
			return true
		}
	}
	return false
}

// revalidated reports whether a request of path was answered 304 Not
// Modified.
func revalidated(reqs []Request, path string) bool {
	for _, r := range reqs {
		if r.Path == path && r.Status == http.StatusNotModified {
			return true
		}
	}
	return false
}

// The requests the search page makes only after its first result (the
// sections, the bundles) are left out of those before it, and only they.
func TestWithoutLaterRequests(t *testing.T) {
	later := regexp.MustCompile(`^/search/parts/b\.[0-9a-f]{16}\.bin$|^/search/parts/sections\.0123456789ab\.bin$`)
	reqs := []Request{{Path: "/search/"}, {Path: "/search/parts/b.0123456789abcdef.bin"}, {Path: "/search/parts/head.0123456789ab.bin"},
		{Path: "/search/parts/sections.0123456789ab.bin"}, {Path: "/search/parts/c.0123456789abcdef.bin"}, {Path: "/search/parts/b.0123456789abcdef.bin.br"}}
	var got []string
	for _, r := range without(reqs, later) {
		got = append(got, r.Path)
	}
	want := []string{"/search/", "/search/parts/head.0123456789ab.bin", "/search/parts/c.0123456789abcdef.bin", "/search/parts/b.0123456789abcdef.bin.br"}
	if !slices.Equal(got, want) {
		t.Errorf("without = %q, want %q", got, want)
	}
	if n := len(without(reqs, nil)); n != len(reqs) {
		t.Errorf("without nil kept %d of %d", n, len(reqs))
	}
}
