package benchkit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search"
)

// Browser runs the search measurements in headless Chromium, each in a
// browser with a fresh profile, against a site served by a Server.
type Browser struct {
	Chrome  string   // the Chromium binary, from FindChrome
	Cold    string   // the first query, in a cold browser
	Queries []string // the timed queries
	Logf    func(string, ...any)
}

// SearchResult is what one tool's search measured.
type SearchResult struct {
	// Index is the index proper; All adds the engine's files.
	Index, All Size
	// First is what was downloaded before the first result, by request.
	First         Size
	FirstRequests []Request
	FirstResult   time.Duration
	Latencies     []time.Duration
	Notes         []string // tool-specific lines for the report
}

// P50 and P95 are the median and 95th percentile query times.
func (r *SearchResult) P50() time.Duration { return Percentile(r.Latencies, 50) }
func (r *SearchResult) P95() time.Duration { return Percentile(r.Latencies, 95) }

// FindChrome returns the Chromium to run: the flag's value, CHROME_PATH,
// or the first of the usual names on PATH.
func FindChrome(flagValue string) (string, error) {
	names := []string{"chromium", "chromium-browser", "google-chrome"}
	if p := os.Getenv("CHROME_PATH"); p != "" {
		names = []string{p}
	}
	if flagValue != "" {
		names = []string{flagValue}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("Chromium not found (looked for %v); install it with `apt-get install -y chromium` or pass -chrome", names)
}

// sample is one timed query, as the page reports it.
type sample struct {
	MS    float64 `json:"ms"`
	Hits  int     `json:"hits"`
	Error string  `json:"error"`
}

// msDuration converts the milliseconds of performance.now().
func msDuration(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// ChromeOptions are the options headless Chromium runs with: the
// binary, the profile folder, and no sandbox, GPU, background networking,
// component updates, sync or first-run pages.
func ChromeOptions(chrome, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
	)
}

// withBrowser starts Chromium with a fresh profile, so that its cache is
// empty, runs fn in a tab, and stops the browser.
func (b *Browser) withBrowser(ctx context.Context, fn func(tab context.Context) error) error {
	profile, err := os.MkdirTemp("", "polisee-bench-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile) // after the browser has stopped: defers run last-in first-out
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, ChromeOptions(b.Chrome, profile)...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(alloc)
	defer cancelTab()
	if err := chromedp.Do(tab); err != nil { // starts the browser
		return fmt.Errorf("starting %s: %w", b.Chrome, err)
	}
	return fn(tab)
}

// evaluate runs a script (awaiting the promise it may return) with a
// time limit, and decodes its value.
func evaluate[T any](tab context.Context, limit time.Duration, js string) (T, error) {
	ctx, cancel := context.WithTimeout(tab, limit)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// onNewDocument makes the tab run script in every document it opens,
// before the document's own scripts.
func onNewDocument(script string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	})
}

// jsValue writes v as a JavaScript literal.
func jsValue(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings and lists of strings always marshal
	}
	return string(data)
}

// Polisee measures polisee's search on the site built into public: the
// sizes of the index and engine, the cold search page, and the query times
// with the engine in the page.
func (b *Browser) Polisee(ctx context.Context, public string) (*SearchResult, error) {
	r := &SearchResult{}
	dir := filepath.Join(public, generator.SearchDir)
	var err error
	if r.Index, err = FileSize(filepath.Join(dir, search.IndexFile)); err != nil {
		return nil, err
	}
	r.All = r.Index
	for _, f := range []string{"search.wasm", "wasm_exec.js"} {
		s, err := FileSize(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		r.All = r.All.Add(s)
		r.Notes = append(r.Notes, fmt.Sprintf("engine file search/%s: %s", f, s))
	}
	srv, err := Serve(public)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	b.Logf("polisee: cold search page...")
	if err := b.withBrowser(ctx, func(tab context.Context) error { return b.coldSearchPage(tab, srv, r) }); err != nil {
		return nil, err
	}
	b.Logf("polisee: engine in the page, %d queries...", len(b.Queries))
	if err := b.withBrowser(ctx, func(tab context.Context) error { return b.enginePage(tab, srv, r) }); err != nil {
		return nil, err
	}
	return r, nil
}

// firstResultWatch runs before the search page's scripts: it notes the
// time since navigation start when the status line first reports results
// ("12 results for …", not "No results for …"), and then requests the
// mark, so that the server log shows what came before.
const firstResultWatch = `(() => {
  const done = /^\d+ results? for/;
  const watch = new MutationObserver(() => {
    const s = document.getElementById("search-status");
    if (!s) { return; }
    self.__benchStatus = s.textContent;
    if (self.__benchFirst === undefined && done.test(s.textContent)) {
      self.__benchFirst = performance.now();
      watch.disconnect();
      fetch(` + "`" + MarkPath + "`" + `, {cache: "no-store"});
    }
  });
  watch.observe(document, {subtree: true, childList: true, characterData: true});
})();`

type pageStatus struct {
	First  float64 `json:"first"` // ms; -1 until the first result
	Status string  `json:"status"`
}

func (b *Browser) coldSearchPage(tab context.Context, srv *Server, r *SearchResult) error {
	if err := chromedp.Do(tab, onNewDocument(firstResultWatch)); err != nil {
		return err
	}
	from := srv.Mark()
	u := srv.URL + "/search/?q=" + url.QueryEscape(b.Cold)
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		return err
	}
	st, err := waitFirstResult(tab, 5*time.Minute)
	if err != nil {
		return err
	}
	r.FirstResult = msDuration(st.First)
	// The mark request follows the first result; wait for it to arrive.
	for deadline := time.Now().Add(10 * time.Second); !srv.HasMark(from) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	r.FirstRequests = srv.Requests(from, true)
	r.First = Total(r.FirstRequests)
	r.Notes = append(r.Notes, "cold search page: "+st.Status)
	return nil
}

// waitFirstResult polls the page until its watch saw the first result.
func waitFirstResult(tab context.Context, limit time.Duration) (pageStatus, error) {
	var st pageStatus
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var err error
		st, err = evaluate[pageStatus](tab, 10*time.Second, `({first: self.__benchFirst ?? -1, status: self.__benchStatus ?? ""})`)
		if err != nil {
			return st, err
		}
		if st.First >= 0 {
			return st, nil
		}
		if strings.HasPrefix(st.Status, "Search could not start") {
			return st, errors.New(st.Status)
		}
	}
	return st, fmt.Errorf("no result after %v; the status line reads %q", limit, st.Status)
}

// inPageLoad loads polisee's engine into a blank page as search.js does
// when it cannot use a worker, and runs the first query.
const inPageLoad = `(async () => {
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "/search/wasm_exec.js";
    s.onload = resolve;
    s.onerror = () => reject(new Error("could not load wasm_exec.js"));
    document.head.appendChild(s);
  });
  const bytes = p => fetch(p).then(r => { if (!r.ok) { throw new Error(p + ": " + r.status); } return r.arrayBuffer(); });
  const [wasm, index] = await Promise.all([bytes("/search/search.wasm"), bytes("/search/index.zap")]);
  const t1 = performance.now();
  const go = new Go();
  const inst = await WebAssembly.instantiate(wasm, go.importObject);
  go.run(inst.instance);
  while (!self.polisee) { await new Promise(r => setTimeout(r, 1)); }
  const t2 = performance.now();
  const err = polisee.open(new Uint8Array(index));
  if (err) { throw new Error(err); }
  const t3 = performance.now();
  const res = JSON.parse(polisee.search(%s, "en", 10));
  const t4 = performance.now();
  return {fetch: t1 - t0, start: t2 - t1, open: t3 - t2, query: t4 - t3, hits: res.total || 0, error: res.error || ""};
})()`

// poliseeQueries times polisee.search alone; the JSON is parsed after
// the clock stops.
const poliseeQueries = `(() => {
  const out = [];
  for (const q of %s) {
    const t = performance.now();
    const json = polisee.search(q, "en", 10);
    const ms = performance.now() - t;
    const res = JSON.parse(json);
    out.push({ms, hits: res.total || 0, error: res.error || ""});
  }
  return out;
})()`

type inPageTimes struct {
	Fetch float64 `json:"fetch"`
	Start float64 `json:"start"`
	Open  float64 `json:"open"`
	Query float64 `json:"query"`
	Hits  int     `json:"hits"`
	Error string  `json:"error"`
}

// onBlankPage opens the site's /404.html, a page without search, and
// runs script with the cold query in place of its %s. It returns the
// script's value and the position in the request log before it ran.
func onBlankPage[T any](tab context.Context, srv *Server, script, cold string) (T, int, error) {
	var zero T
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/404.html")); err != nil {
		return zero, 0, err
	}
	from := srv.Mark()
	t, err := evaluate[T](tab, 5*time.Minute, fmt.Sprintf(script, jsValue(cold)))
	return t, from, err
}

func (b *Browser) enginePage(tab context.Context, srv *Server, r *SearchResult) error {
	t, from, err := onBlankPage[inPageTimes](tab, srv, inPageLoad, b.Cold)
	if err != nil {
		return fmt.Errorf("loading the engine in the page: %w", err)
	}
	if t.Error != "" || t.Hits == 0 {
		return fmt.Errorf("the first query %q gave no result (%s)", b.Cold, t.Error)
	}
	r.Notes = append(r.Notes,
		fmt.Sprintf("engine in a blank page, cold: %.0f ms = fetch %.0f + start %.0f + open %.0f + first query %.1f (%d hits); %s fetched",
			t.Fetch+t.Start+t.Open+t.Query, t.Fetch, t.Start, t.Open, t.Query, t.Hits, Total(srv.Requests(from, false))))
	samples, err := evaluate[[]sample](tab, 10*time.Minute, fmt.Sprintf(poliseeQueries, jsValue(b.Queries)))
	if err != nil {
		return err
	}
	return r.addSamples(b.Queries, samples)
}

// addSamples records the timed queries, and notes which found nothing
// and which were slowest.
func (r *SearchResult) addSamples(queries []string, samples []sample) error {
	if len(samples) != len(queries) {
		return fmt.Errorf("%d timings for %d queries", len(samples), len(queries))
	}
	var empty []string
	for i, s := range samples {
		if s.Error != "" {
			return fmt.Errorf("query %q failed: %s", queries[i], s.Error)
		}
		if s.Hits == 0 {
			empty = append(empty, queries[i])
		}
		r.Latencies = append(r.Latencies, msDuration(s.MS))
	}
	if len(empty) > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("queries without results: %q", empty))
	}
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return samples[order[a]].MS > samples[order[b]].MS })
	var slow []string
	for _, i := range order[:min(3, len(order))] {
		slow = append(slow, fmt.Sprintf("%q %s (%d hits)", queries[i], MS(msDuration(samples[i].MS)), samples[i].Hits))
	}
	r.Notes = append(r.Notes, "slowest queries: "+strings.Join(slow, ", "))
	return nil
}

// pagefindCold is the first query on a page where Pagefind is not loaded:
// import, options, search, and the data of the first ten results.
const pagefindCold = `(async () => {
  const t0 = performance.now();
  const pf = await import("/` + PagefindDir + `/pagefind.js");
  await pf.options({});
  const t1 = performance.now();
  const r = await pf.search(%s);
  const t2 = performance.now();
  await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  const t3 = performance.now();
  self.__pf = pf;
  return {import: t1 - t0, search: t2 - t1, data: t3 - t2, hits: r.results.length};
})()`

// pagefindQueries times each query as a results page needs it: search,
// then the data of the first ten results.
const pagefindQueries = `(async () => {
  const out = [];
  for (const q of %s) {
    const t = performance.now();
    const r = await self.__pf.search(q);
    await Promise.all(r.results.slice(0, 10).map(x => x.data()));
    out.push({ms: performance.now() - t, hits: r.results.length, error: ""});
  }
  return out;
})()`

type pagefindColdTimes struct {
	Import float64 `json:"import"`
	Search float64 `json:"search"`
	Data   float64 `json:"data"`
	Hits   int     `json:"hits"`
}

// Pagefind measures Pagefind's search on site, where RunPagefind built pf.
func (b *Browser) Pagefind(ctx context.Context, site string, pf *PagefindIndex) (*SearchResult, error) {
	r := &SearchResult{Index: pf.Index, All: pf.All}
	r.Notes = append(r.Notes, fmt.Sprintf("pagefind indexed %d pages, %d words", pf.Pages, pf.Words))
	srv, err := Serve(site)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	b.Logf("Pagefind: cold first query and %d queries...", len(b.Queries))
	err = b.withBrowser(ctx, func(tab context.Context) error {
		t, from, err := onBlankPage[pagefindColdTimes](tab, srv, pagefindCold, b.Cold)
		if err != nil {
			return fmt.Errorf("first query: %w", err)
		}
		if t.Hits == 0 {
			return fmt.Errorf("the first query %q gave no result", b.Cold)
		}
		r.FirstResult = msDuration(t.Import + t.Search + t.Data)
		r.FirstRequests = srv.Requests(from, false)
		r.First = Total(r.FirstRequests)
		r.Notes = append(r.Notes, fmt.Sprintf("cold: import+options %.0f ms, search %.0f ms, data() %.0f ms (%d hits)", t.Import, t.Search, t.Data, t.Hits))
		from = srv.Mark()
		samples, err := evaluate[[]sample](tab, 10*time.Minute, fmt.Sprintf(pagefindQueries, jsValue(b.Queries)))
		if err != nil {
			return err
		}
		reqs := srv.Requests(from, false)
		r.Notes = append(r.Notes, fmt.Sprintf("the %d timed queries fetched %d files, %s", len(samples), len(reqs), Total(reqs)))
		return r.addSamples(b.Queries, samples)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}
