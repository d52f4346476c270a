package benchkit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/clusterpolisee/polisee/search"
)

func TestVocabulary(t *testing.T) {
	docs := []search.Document{
		{Body: "The cluster of Észak-Alföld financed vouchers, and the vouchers were evaluated."},
		{Body: "Innovation vouchers for ICT firms; über-cluster."},
	}
	got := Vocabulary(docs)
	want := []string{"cluster", "evaluated", "financed", "firms", "innovation", "vouchers"}
	if !slices.Equal(got, want) {
		t.Errorf("vocabulary = %q, want %q", got, want)
	}
}

func TestPickQueries(t *testing.T) {
	words := []string{"alpha", "bravo", "charlie", "delta", "echo"}
	cold, qs := PickQueries(words, 6, 1)
	cold2, qs2 := PickQueries(words, 6, 1)
	if cold != cold2 || !slices.Equal(qs, qs2) {
		t.Fatal("the same seed picked different queries")
	}
	if _, other := PickQueries(words, 6, 2); slices.Equal(qs, other) {
		t.Error("another seed picked the same queries")
	}
	for i, q := range qs {
		f := strings.Fields(q)
		if want := 1 + i%2; len(f) != want {
			t.Errorf("query %d %q has %d words, want %d", i, q, len(f), want)
		}
		if len(f) == 2 && f[0] == f[1] {
			t.Errorf("query %d %q repeats its word", i, q)
		}
	}
}

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 100; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {95, 95 * time.Millisecond}, {100, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := Percentile(s, c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if got := Percentile([]time.Duration{7}, 95); got != 7 {
		t.Errorf("p95 of one sample = %v", got)
	}
}

func TestAcceptsBrotli(t *testing.T) {
	for h, want := range map[string]bool{
		"gzip, deflate, br, zstd": true,
		"br;q=0.5":                true,
		"br;q=0":                  false,
		"br;q=0.0":                false,
		"gzip":                    false,
		"":                        false,
		"brotli":                  false,
	} {
		if got := acceptsBrotli(h); got != want {
			t.Errorf("acceptsBrotli(%q) = %v", h, got)
		}
	}
}

// writeFiles writes files (slash-separated names) into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestServer(t *testing.T) {
	dir := t.TempDir()
	page := strings.Repeat("<p>cluster vouchers</p>\n", 200)
	const wasm = "search/search.0123456789ab.wasm"
	writeFiles(t, dir, map[string]string{
		"search/index.html": page,
		wasm:                "raw wasm bytes",
		wasm + ".br":        "br!",
	})
	srv, err := Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	get := func(path, accept string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", accept) // set, so that Go's client does not ask for gzip itself
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}

	from := srv.Mark()
	resp, body := get("/search/?q=x", "gzip, br")
	if resp.Header.Get("Content-Encoding") != "br" {
		t.Fatalf("no brotli for a client that accepts it: %v", resp.Header)
	}
	plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
	if err != nil || string(plain) != page {
		t.Errorf("the brotli made on the fly does not decode to the page (%v)", err)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != CacheRevalidate {
		t.Errorf("the page's Cache-Control %q, want %q", cc, CacheRevalidate)
	}
	pageTag, pageModified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if resp, body = get("/"+wasm, "br"); string(body) != "br!" || resp.Header.Get("Cache-Control") != CacheImmutable {
		t.Errorf("the engine with br = %q, Cache-Control %q; want the .br file beside it, immutable", body, resp.Header.Get("Cache-Control"))
	}
	brTag := resp.Header.Get("ETag")
	if resp, body = get("/"+wasm, "identity"); string(body) != "raw wasm bytes" || resp.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("the engine without br = %q, %s", body, resp.Header.Get("Content-Type"))
	}
	if plainTag := resp.Header.Get("ETag"); plainTag == "" || plainTag == brTag {
		t.Errorf("ETags %q (br) and %q (identity): want one for each encoding", brTag, plainTag)
	}
	// Conditional requests, as a browser revalidates what it cached.
	if resp, body = get("/search/", "gzip, br", "If-None-Match", pageTag); resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match with the page's ETag: status %d, %d bytes", resp.StatusCode, len(body))
	}
	if resp, _ = get("/search/", "identity", "If-None-Match", pageTag); resp.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match with the brotli form's ETag, for identity: status %d, want 200", resp.StatusCode)
	}
	if resp, _ = get("/search/", "br", "If-Modified-Since", pageModified); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since the page's Last-Modified: status %d", resp.StatusCode)
	}
	if resp, _ = get("/search/", "br", "If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"); resp.StatusCode != http.StatusOK {
		t.Errorf("If-Modified-Since long ago: status %d", resp.StatusCode)
	}
	if resp, _ = get("/search", ""); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("a folder without its slash: status %d, want a redirect", resp.StatusCode)
	}
	if resp, _ = get(MarkPath, ""); resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the mark request may be cached: %v", resp.Header)
	}
	if resp, _ = get("/missing.js", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a missing file: status %d", resp.StatusCode)
	}

	before := srv.Requests(from, true)
	brPage := int64(len(body))
	if len(before) > 0 {
		brPage = before[0].Brotli
	}
	want := []Request{
		{Path: "/search/", Status: 200, Raw: int64(len(page)), Brotli: brPage, Encoding: "br", Wire: brPage},
		{Path: "/" + wasm, Status: 200, Raw: 14, Brotli: 3, Encoding: "br", Wire: 3},
		{Path: "/" + wasm, Status: 200, Raw: 14, Brotli: 3, Wire: 14},
		{Path: "/search/", Status: 304},
		{Path: "/search/", Status: 200, Raw: int64(len(page)), Brotli: brPage, Wire: int64(len(page))},
		{Path: "/search/", Status: 304},
		{Path: "/search/", Status: 200, Raw: int64(len(page)), Brotli: brPage, Encoding: "br", Wire: brPage},
	}
	if !slices.Equal(before, want) {
		t.Errorf("requests before the mark:\n%+v\nwant\n%+v", before, want)
	}
	if brPage <= 0 || brPage >= int64(len(page)) {
		t.Errorf("the page's brotli size %d is not below its size %d", brPage, len(page))
	}
	if got, want := Wire(before), 2*brPage+3+14+int64(len(page)); got != want {
		t.Errorf("Wire = %d, want %d", got, want)
	}
	if all := srv.Requests(from, false); len(all) != len(want)+1 || all[len(all)-1].Status != http.StatusNotFound {
		t.Errorf("all requests: %+v", all)
	}
}

func TestContentHashed(t *testing.T) {
	for name, want := range map[string]bool{
		"search/search.40f5989bbe82.wasm":                  true,
		"search/search.40f5989bbe82.wasm.br":               true,
		"/search/wasm_exec.0c949f4996f9.js":                true,
		"search/index.553ef5914789.zap.gz":                 true,
		"/pagefind_bench/index/en_27aac1c.pf_index":        true,
		"/pagefind_bench/fragment/el_abcdefa.pf_fragment":  true,
		"/pagefind_bench/pagefind.en_235e175121.pf_meta":   true,
		"/pagefind_bench/pagefind.js":                      false,
		"/pagefind_bench/wasm.en.pagefind":                 false,
		"/pagefind_bench/pagefind-entry.json":              false,
		"search/index.zap":                                 false,
		"assets/search.js":                                 false,
		"/practices/p-00012/index.html":                    false,
		"/search/":                                         false,
		"/0123456789abcdef/index.html":                     false, // a folder, not the file's name
		"search/search.0123ab.wasm":                        false, // 6 digits: too short for a hash
		"/practices/cluster-of-the-year.2024abcdef/a.html": false,
	} {
		if got := ContentHashed(name); got != want {
			t.Errorf("ContentHashed(%q) = %v, want %v", name, got, want)
		}
	}
	if CacheControl("search/index.553ef5914789.zap") != CacheImmutable || CacheControl("search/meta.json") != CacheRevalidate {
		t.Error("CacheControl does not follow ContentHashed")
	}
}

func TestPoliseeFiles(t *testing.T) {
	const page = `<html><body><script src="../assets/compare.js" defer></script>
<script src="../assets/search.js" defer data-root="../" data-lang="en" data-wasm="search/search.0123456789ab.wasm" data-exec="search/wasm_exec.ba9876543210.js" data-loader="search/search-engine.00000000abcd.js" data-index="search/index.00112233aabb.zap" data-sections="search/sections.0000000000aa.zap"></script></body></html>`
	built := map[string]string{
		"search/meta.json":                     `{"format": 3, "index": "index.00112233aabb.zap", "engine": "search.0123456789ab.wasm"}`,
		"search/index.html":                    page,
		"search/search.0123456789ab.wasm":      "wasm",
		"search/wasm_exec.ba9876543210.js":     "js",
		"search/search-engine.00000000abcd.js": "js",
		"search/index.00112233aabb.zap":        "zap",
		"search/index.00112233aabb.zap.br":     "br",
		"search/search.0123456789ab.wasm.br":   "br",
		"search/search.0123456789ab.wasm.gz":   "gz",
		"search/index.00112233aabb.zap.gz":     "gz",
		"search/wasm_exec.0000000000ff.js.gz":  "a stray file",
	}
	dir := t.TempDir()
	writeFiles(t, dir, built)
	f, err := PoliseeFiles(dir)
	want := SearchFiles{Wasm: "search/search.0123456789ab.wasm", ExecJS: "search/wasm_exec.ba9876543210.js", Index: "search/index.00112233aabb.zap",
		Loader: "search/search-engine.00000000abcd.js", Sections: "search/sections.0000000000aa.zap"}
	if err != nil || f != want {
		t.Errorf("PoliseeFiles = %+v, %v; want %+v", f, err, want)
	}
	if u := f.URLs(); u["wasm"] != "/"+want.Wasm || u["exec"] != "/"+want.ExecJS || u["index"] != "/"+want.Index || u["loader"] != "/"+want.Loader {
		t.Errorf("URLs = %v", u)
	}

	// The search page must load what meta.json names.
	other := t.TempDir()
	writeFiles(t, other, built)
	writeFiles(t, other, map[string]string{"search/meta.json": `{"format": 3, "index": "index.ffffffffffff.zap", "engine": "search.0123456789ab.wasm"}`,
		"search/index.ffffffffffff.zap": "zap"})
	if _, err := PoliseeFiles(other); err == nil || !strings.Contains(err.Error(), "index.ffffffffffff.zap") {
		t.Errorf("a search page that loads another index: err = %v", err)
	}

	// A file meta.json names must exist.
	missing := t.TempDir()
	writeFiles(t, missing, built)
	if err := os.Remove(filepath.Join(missing, "search", "wasm_exec.ba9876543210.js")); err != nil {
		t.Fatal(err)
	}
	if _, err := PoliseeFiles(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("without the loader script: err = %v", err)
	}

	// Without the engine, and in the format before hashed names.
	noEngine := t.TempDir()
	writeFiles(t, noEngine, map[string]string{"search/meta.json": `{"format": 3, "index": "index.00112233aabb.zap"}`,
		"search/index.html": "<script src=../assets/search.js data-no-engine></script>", "search/index.00112233aabb.zap": "zap"})
	if f, err := PoliseeFiles(noEngine); err != nil || f != (SearchFiles{Index: "search/index.00112233aabb.zap"}) {
		t.Errorf("without the engine: %+v, %v", f, err)
	}
	format2 := t.TempDir()
	writeFiles(t, format2, map[string]string{"search/meta.json": `{"format": 2}`, "search/index.zap": "zap",
		"search/search.wasm": "wasm", "search/wasm_exec.js": "js", "assets/search-engine.js": "js"})
	if f, err := PoliseeFiles(format2); err != nil || f != (SearchFiles{Wasm: "search/search.wasm", ExecJS: "search/wasm_exec.js", Index: "search/index.zap", Loader: "assets/search-engine.js"}) {
		t.Errorf("format 2: %+v, %v", f, err)
	}
	if _, err := PoliseeFiles(t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a site without search: err = %v, want one that wraps fs.ErrNotExist", err)
	}
}

func TestForEachParallelCallsEachOnceAndReportsAnError(t *testing.T) {
	var calls [1000]atomic.Int32
	if err := forEachParallel(len(calls), func(i int) error { calls[i].Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range calls {
		if n := calls[i].Load(); n != 1 {
			t.Fatalf("f(%d) called %d times", i, n)
		}
	}
	bad := errors.New("unreadable")
	err := forEachParallel(100, func(i int) error {
		if i == 37 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Errorf("err = %v, want f(37)'s", err)
	}
}

func TestCompressBrotliReusedWritersRoundTrip(t *testing.T) {
	inputs := [][]byte{[]byte(strings.Repeat("cluster policy ", 500)), {}, []byte("a"), bytes.Repeat([]byte{0, 1, 2, 3}, 10000)}
	err := forEachParallel(40, func(i int) error {
		in := inputs[i%len(inputs)]
		br, err := CompressBrotli(in)
		if err != nil {
			return err
		}
		out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		if err != nil {
			return err
		}
		if !bytes.Equal(out, in) {
			return fmt.Errorf("input %d came back as %d bytes, not %d", i%len(inputs), len(out), len(in))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func BenchmarkCompressBrotliSmallFiles(b *testing.B) {
	data := []byte(strings.Repeat("<p>regional cluster policy in South East Europe</p>", 80))
	for b.Loop() {
		if _, err := CompressBrotli(data); err != nil {
			b.Fatal(err)
		}
	}
}
