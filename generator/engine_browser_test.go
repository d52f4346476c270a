package generator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/internal/corpus"
	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/search"
	"github.com/clusterpolisee/polisee/search/engine"
)

// TestBrowserEngineRanksAsNative: the engine built into the binary,
// running in Chromium on a generated site's index, gives the same hits in
// the same order as package search natively (what polisee search and
// polisee serve run), on the whole index and on the index in parts (which
// the search page opens over http), for 150 queries of every kind: words, several
// words, prefixes, phrases, fuzzy terms, field filters, typos (answered
// with close words), words half typed (answered with the words they
// begin) and questions (answered with partial matches).
func TestBrowserEngineRanksAsNative(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	chrome, err := benchkit.FindChrome("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	src := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(src, 600, 7); err != nil {
		t.Fatal(err)
	}
	e := engine.Get()
	out := filepath.Join(t.TempDir(), "public")
	cfg := generator.Config{Src: os.DirFS(src), SrcRoot: "content", SrcDir: src, Out: out, IndexParts: generator.IndexPartsAlways,
		Engine: &generator.SearchEngine{Wasm: e.Wasm, ExecJS: e.ExecJS, WasmGz: e.WasmGz, WasmBr: e.WasmBr}}
	if _, err := generator.Build(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	docs, err := generator.SearchDocuments(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	queries := engineQueries(benchkit.Vocabulary(docs))
	if len(queries) < 150 {
		t.Fatalf("only %d queries", len(queries))
	}

	index := builtIndex(t, out)
	ix, err := search.Open(index)
	if err != nil {
		t.Fatal(err)
	}
	native := make([][]string, len(queries))
	kinds := map[string]int{}
	for i, q := range queries {
		res, err := ix.Search(ctx, search.Request{Query: q, Size: 10, Langs: []string{"en"}})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		native[i] = []string{}
		for _, h := range res.Hits {
			native[i] = append(native[i], h.ID)
		}
		switch {
		case res.Near:
			kinds["near"]++
		case res.Partial:
			kinds["partial"]++
		case len(res.Hits) == 0:
			kinds["none"]++
		default:
			kinds["hits"]++
		}
	}
	t.Logf("%d queries: %v", len(queries), kinds)
	if kinds["near"] == 0 || kinds["partial"] == 0 || kinds["hits"] < 100 {
		t.Fatalf("the queries do not exercise every path: %v", kinds)
	}

	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	allocCtx, stop := chromedp.NewExecAllocator(ctx, benchkit.ChromeOptions(chrome, t.TempDir())...)
	defer stop()
	tab, closeTab := chromedp.NewContext(allocCtx)
	defer closeTab()
	qs, _ := json.Marshal(queries)
	// Twice: on the whole index, and on the index in parts, which the
	// search page opens over http, fetching parts as queries need them.
	for _, mode := range []string{"whole", "parts"} {
		script := fmt.Sprintf(`(async () => {
  const load = (src) => new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = src; s.onload = ok; s.onerror = () => fail(new Error("could not load " + src));
    document.head.appendChild(s);
  });
  const page = document.querySelector("script[data-exec]");
  await load("/" + page.getAttribute("data-exec"));
  await load("/" + page.getAttribute("data-loader"));
  const parts = %q === "parts";
  if (parts && !page.getAttribute("data-head")) { return [["error: the page names no head of an index in parts"]]; }
  const index = polisee_fetch("/" + page.getAttribute(parts ? "data-head" : "data-index"));
  const engine = await polisee_compile("/" + page.getAttribute("data-wasm")).then((m) => polisee_start(m, index));
  const out = [];
  for (const q of %s) {
    const r = await polisee_search(engine, parts ? "/" + page.getAttribute("data-parts") : "", [q, "en", 10, ""]);
    out.push(r.error ? ["error: " + r.error] : r.need ? ["error: still needing " + r.need] : r.hits.map((h) => h.id));
  }
  return out;
})()`, mode, qs)
		if _, err := chromedp.Run(tab, chromedp.Navigate(srv.URL+"/404.html")); err != nil {
			t.Fatal(err)
		}
		browser, err := chromedp.Run(tab, chromedp.Evaluate[[][]string](script, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if len(browser) != len(queries) {
			t.Fatalf("%s: the browser answered %d of %d queries", mode, len(browser), len(queries))
		}
		for i, q := range queries {
			if !slices.Equal(browser[i], native[i]) {
				t.Errorf("%s: %q:\n browser %v\n native  %v", mode, q, browser[i], native[i])
			}
		}
	}
}

// engineQueries draws queries of every kind from the corpus's words.
func engineQueries(words []string) []string {
	_, picked := benchkit.PickQueries(words, 80, 3)
	var long []string
	for _, w := range words {
		if len([]rune(w)) >= 7 {
			long = append(long, w)
		}
	}
	qs := append([]string(nil), picked...)
	for i := 0; i < 14 && i < len(long); i++ {
		w := long[(i*37)%len(long)]
		r := []rune(w)
		typo := string(r[:2]) + string(r[3:]) // a letter left out
		qs = append(qs,
			string(r[:4])+"*",
			w+"~1",
			`"`+w+`"`,
			"type:practice "+w,
			typo,
			"how does "+w+" help clusters",
			string(r[:5]), // the start of a word (a reader still typing)
		)
	}
	return slices.Compact(qs)
}
