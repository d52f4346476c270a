package benchkit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser runs the search measurements in headless Chromium, each in a
// browser with a fresh profile, against a site served by a Server.
type Browser struct {
	Chrome  string   // the Chromium binary, from FindChrome
	Cold    string   // the first query, in a cold browser
	Queries []string // the timed queries
	Logf    func(string, ...any)
	// Visits is how many times the cold and warm visits are made, each
	// pair in a browser with a fresh profile; the report gives their
	// medians, the notes every time. 0 means 1.
	Visits int
}

// visitSpec is what a timed visit opens and how it is timed: the
// address, the page's timing script (see firstResultWatch), and the paths
// the page fetches only after its first result, left out of the requests
// before it (nil for none).
type visitSpec struct {
	url, watch string
	after      *regexp.Regexp
}

// SearchResult is what one tool's search measured.
type SearchResult struct {
	// Index is the index proper; All adds the engine's files.
	Index, All Size
	// Engine is the WebAssembly module: polisee's search.<hash>.wasm,
	// Pagefind's wasm.<lang>.pagefind (gzip inside, as Pagefind writes it).
	Engine Size
	// First is what was downloaded before the first result of the cold
	// visit, by request.
	First         Size
	FirstRequests []Request
	FirstResult   time.Duration
	// WarmRequests and WarmResult are the warm visit's: the same page
	// again, in the same profile, with the browser's HTTP cache filled.
	WarmRequests []Request
	WarmResult   time.Duration
	Latencies    []time.Duration
	// Unsettled are polisee's query times before the bundles of an index
	// in parts came in (Latencies are after): nil when it has none.
	Unsettled []time.Duration
	Notes     []string // tool-specific lines for the report
}

// P50 and P95 are the median and 95th percentile query times.
func (r *SearchResult) P50() time.Duration { return Percentile(r.Latencies, 50) }
func (r *SearchResult) P95() time.Duration { return Percentile(r.Latencies, 95) }

// FirstWire and WarmWire are the bytes sent before the first result of the
// cold and of the warm visit.
func (r *SearchResult) FirstWire() int64 { return Wire(r.FirstRequests) }
func (r *SearchResult) WarmWire() int64  { return Wire(r.WarmRequests) }

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
	return b.withProfile(ctx, profile, fn)
}

// withProfile starts Chromium on the profile folder, runs fn in a tab,
// and closes the browser as a reader does (Browser.close), so that it
// leaves its HTTP cache in the profile for the next browser.
func (b *Browser) withProfile(ctx context.Context, profile string, fn func(tab context.Context) error) error {
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, ChromeOptions(b.Chrome, profile)...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(alloc)
	defer cancelTab()
	if err := chromedp.Do(tab); err != nil { // starts the browser
		return fmt.Errorf("starting %s: %w", b.Chrome, err)
	}
	if err := fn(tab); err != nil {
		return err
	}
	return chromedp.Cancel(tab)
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
		panic(err) // strings, lists and maps of strings always marshal
	}
	return string(data)
}

// Polisee measures polisee's search on the site built into public: the
// sizes of the index and engine, the cold and warm visits of the search
// page, and the query times with the engine in the page.
func (b *Browser) Polisee(ctx context.Context, public string) (*SearchResult, error) {
	files, err := PoliseeFiles(public)
	if err != nil {
		return nil, err
	}
	if files.Wasm == "" {
		return nil, errors.New("the site was built without the browser search engine")
	}
	r := &SearchResult{}
	at := func(p string) string { return filepath.Join(public, filepath.FromSlash(p)) }
	indexNote := fmt.Sprintf("index %s", files.Index)
	if files.Head != "" {
		// Over http the page opens the index in parts.
		var n int
		if r.Index, n, err = PartsSize(at(files.Head)); err != nil {
			return nil, err
		}
		head, err := FileSize(at(files.Head))
		if err != nil {
			return nil, err
		}
		indexNote = fmt.Sprintf("index in parts, %s with %d parts (head %s)", files.Head, n, head)
	} else if r.Index, err = FileSize(at(files.Index)); err != nil {
		return nil, err
	}
	if r.Engine, err = FileSize(at(files.Wasm)); err != nil {
		return nil, err
	}
	// The script that starts the engine: the worker's, which carries the
	// Go runtime's loader, or in sites from before, the loader itself.
	starter, what := files.Worker, "its worker's script, with the loaders,"
	if starter == "" {
		starter, what = files.ExecJS, "its loader"
	}
	script, err := FileSize(at(starter))
	if err != nil {
		return nil, err
	}
	r.All = r.Index.Add(r.Engine).Add(script)
	r.Notes = append(r.Notes,
		fmt.Sprintf("engine %s: %s; %s %s: %s; %s: %s", files.Wasm, r.Engine, what, starter, script, indexNote, r.Index))
	srv, err := Serve(public)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	b.Logf("polisee: cold and warm visits of the search page...")
	spec := visitSpec{url: srv.URL + "/search/?q=" + url.QueryEscape(b.Cold), watch: firstResultWatch}
	// The page asks for the sections' index and the bundles of stored
	// fields once its first results are shown, at about the time the
	// watch asks for the mark: the requests may reach the server first,
	// but they were not waited for.
	later := `^/search/parts/b\.[0-9a-f]{16}\.bin$`
	if files.Sections != "" {
		later += `|^` + regexp.QuoteMeta("/"+files.Sections) + `$`
	}
	spec.after = regexp.MustCompile(later)
	if err := b.coldAndWarm(ctx, srv, spec, r, nil); err != nil {
		return nil, err
	}
	b.Logf("polisee: engine in the page, %d queries...", len(b.Queries))
	bundles := 0
	if err := b.withBrowser(ctx, func(tab context.Context) (err error) {
		bundles, err = b.enginePage(tab, srv, files, r)
		return err
	}); err != nil {
		return nil, err
	}
	if bundles > 0 {
		b.Logf("polisee: the %d queries again, in a new browser, without the bundles...", len(b.Queries))
		if err := b.withBrowser(ctx, func(tab context.Context) error { return b.unsettledQueries(tab, srv, files, r) }); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// without returns the requests but those whose path matches p (nil: all).
func without(reqs []Request, p *regexp.Regexp) []Request {
	if p == nil {
		return reqs
	}
	var out []Request
	for _, q := range reqs {
		if !p.MatchString(q.Path) {
			out = append(out, q)
		}
	}
	return out
}

// settle is how long the cold visit's browser stays open after the first
// result before it is closed: the time to write its HTTP cache (and the
// compiled code it keeps beside a cached WebAssembly file), as it would
// while a reader reads the results.
const settle = 3 * time.Second

// visit is one timed visit of a page.
type visit struct {
	First    time.Duration // from navigation start to the first result
	Status   string        // what the page said of its results
	Requests []Request     // made before the first result
}

// note describes the visit in a line.
func (v visit) note(what string) string {
	n304 := 0
	for _, q := range v.Requests {
		if q.Status == http.StatusNotModified {
			n304++
		}
	}
	return fmt.Sprintf("%s: first result after %s, %d requests (%d answered 304 Not Modified), %s on the wire; %s",
		what, MS(v.First), len(v.Requests), n304, KB(Wire(v.Requests)), v.Status)
}

// coldAndWarm visits spec.url in a browser with a fresh profile (cold: empty
// cache), lets it settle and closes it, then visits u again in a browser
// on the same profile (warm: the HTTP cache holds what the cold visit
// fetched, and the server answers what it revalidates as a static host
// does; see Server). It does so b.Visits times, each pair on a new
// profile, and records the medians of the times; the requests are the
// first pair's. then, when not nil, runs in the first warm browser's tab
// after its visit.
func (b *Browser) coldAndWarm(ctx context.Context, srv *Server, spec visitSpec, r *SearchResult, then func(tab context.Context) error) error {
	var cold, warm []time.Duration
	for i := range max(b.Visits, 1) {
		var next func(tab context.Context) error
		if i == 0 {
			next = then
		}
		c, w, err := b.visitPair(ctx, srv, spec, r, i == 0, next)
		if err != nil {
			return err
		}
		cold, warm = append(cold, c), append(warm, w)
	}
	r.FirstResult, r.WarmResult = Percentile(cold, 50), Percentile(warm, 50)
	if len(cold) > 1 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d cold and warm visits, each pair on a fresh profile; the table gives the medians: cold %s; warm %s",
			len(cold), durations(cold), durations(warm)))
	}
	return nil
}

// durations lists times in milliseconds.
func durations(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = MS(d)
	}
	return strings.Join(parts, ", ")
}

// visitPair makes one cold and one warm visit (see coldAndWarm), and
// records the requests and notes when first is set.
func (b *Browser) visitPair(ctx context.Context, srv *Server, spec visitSpec, r *SearchResult, first bool, then func(tab context.Context) error) (cold, warm time.Duration, err error) {
	profile, err := os.MkdirTemp("", "polisee-bench-profile-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(profile)
	err = b.withProfile(ctx, profile, func(tab context.Context) error {
		v, err := visitPage(tab, srv, spec.url, spec.watch)
		if err != nil {
			return fmt.Errorf("cold visit: %w", err)
		}
		v.Requests = without(v.Requests, spec.after)
		cold = v.First
		if first {
			r.FirstRequests, r.First = v.Requests, Total(v.Requests)
			r.Notes = append(r.Notes, v.note("cold visit"))
		}
		time.Sleep(settle)
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	err = b.withProfile(ctx, profile, func(tab context.Context) error {
		v, err := visitPage(tab, srv, spec.url, spec.watch)
		if err != nil {
			return fmt.Errorf("warm visit: %w", err)
		}
		v.Requests = without(v.Requests, spec.after)
		warm = v.First
		if first {
			r.WarmRequests = v.Requests
			r.Notes = append(r.Notes, v.note("warm visit, same profile"))
		}
		if then != nil {
			return then(tab)
		}
		return nil
	})
	return cold, warm, err
}

// visitPage opens u in the tab, where watch runs before the page's own
// scripts, and waits for the first result.
func visitPage(tab context.Context, srv *Server, u, watch string) (visit, error) {
	if err := chromedp.Do(tab, onNewDocument(watch)); err != nil {
		return visit{}, err
	}
	from := srv.Mark()
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		return visit{}, err
	}
	st, err := waitFirstResult(tab, 5*time.Minute)
	if err != nil {
		return visit{}, err
	}
	// The mark request follows the first result; wait for it to arrive.
	for deadline := time.Now().Add(10 * time.Second); !srv.HasMark(from) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	return visit{First: msDuration(st.First), Status: st.Status, Requests: srv.Requests(from, true)}, nil
}

// firstResultWatch runs before polisee's search page's scripts: it notes
// the time since navigation start when the status line first reports
// results ("12 results for …", not "No results for …"), and then
// requests the mark, so that the server log shows what came before.
const firstResultWatch = `(() => {
  const done = /^\d+ results? for/;
  const watch = new MutationObserver(() => {
    const s = document.getElementById("search-status");
    if (!s) { return; }
    self.__benchStatus = s.textContent;
    if (s.textContent.startsWith("Search could not start")) {
      self.__benchError = s.textContent;
      watch.disconnect();
    } else if (self.__benchFirst === undefined && done.test(s.textContent)) {
      self.__benchFirst = performance.now();
      watch.disconnect();
      fetch(` + "`" + MarkPath + "`" + `, {cache: "no-store"});
    }
  });
  watch.observe(document, {subtree: true, childList: true, characterData: true});
})();`

// pagefindVisit runs before the scripts of a page of the site opened with
// ?q=WORD and makes it a search page on Pagefind's JavaScript API, as
// Pagefind's own UI uses it: once the document is parsed, it imports
// pagefind.js, searches, and fetches the data() of the first ten results;
// then it notes the time since navigation start and requests the mark.
const pagefindVisit = `(() => {
  const q = new URLSearchParams(location.search).get("q");
  if (self !== top || q === null) { return; }
  addEventListener("DOMContentLoaded", async () => {
    try {
      const t0 = performance.now();
      const pf = await import("/` + PagefindDir + `/pagefind.js");
      await pf.options({});
      const t1 = performance.now();
      const r = await pf.search(q);
      const t2 = performance.now();
      await Promise.all(r.results.slice(0, 10).map(x => x.data()));
      const t3 = performance.now();
      self.__pf = pf;
      const ms = x => x.toFixed(0) + " ms";
      self.__benchStatus = r.results.length + " results for " + q + " (document parsed at " + ms(t0) + ", then import and options " +
        ms(t1 - t0) + ", search " + ms(t2 - t1) + ", data() of the first ten " + ms(t3 - t2) + ")";
      if (r.results.length === 0) {
        self.__benchError = "no results for " + q;
        return;
      }
      self.__benchFirst = t3;
      fetch(` + "`" + MarkPath + "`" + `, {cache: "no-store"});
    } catch (e) {
      self.__benchError = String(e && e.message || e);
    }
  });
})();`

type pageStatus struct {
	First  float64 `json:"first"` // ms; -1 until the first result
	Status string  `json:"status"`
	Error  string  `json:"error"`
}

// waitFirstResult polls the page until its watch saw the first result.
func waitFirstResult(tab context.Context, limit time.Duration) (pageStatus, error) {
	var st pageStatus
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var err error
		st, err = evaluate[pageStatus](tab, 10*time.Second,
			`({first: self.__benchFirst ?? -1, status: self.__benchStatus ?? "", error: self.__benchError ?? ""})`)
		if err != nil {
			return st, err
		}
		if st.First >= 0 {
			return st, nil
		}
		if st.Error != "" {
			return st, errors.New(st.Error)
		}
	}
	return st, fmt.Errorf("no result after %v; the status line reads %q", limit, st.Status)
}

// poliseeStart is a JavaScript function that starts polisee's engine in
// the page as search.js does when it cannot use a worker: it loads the Go
// runtime's loader and the site's (search-engine.js), compiles the
// engine while it downloads and opens the index, fetched meanwhile. files
// are SearchFiles.URLs. It resolves to the times of these steps.
const poliseeStart = `async files => {
  const script = src => new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error("could not load " + src));
    document.head.appendChild(s);
  });
  const t0 = performance.now();
  await Promise.all([script(files.exec), script(files.loader)]);
  const t1 = performance.now();
  const index = polisee_fetch(files.index);
  const module = await polisee_compile(files.wasm);
  const t2 = performance.now();
  await polisee_start(module, index);
  return {scripts: t1 - t0, compile: t2 - t1, start: performance.now() - t2};
}`

// poliseeResult is a JavaScript function that reads what polisee.search
// returns: an object ({total, hits, facets} or {error}), or the JSON text
// of one from engines before the object.
const poliseeResult = `raw => typeof raw === "string" ? JSON.parse(raw) : raw`

// poliseeSearch is a JavaScript function that runs a query as the search
// page does: on an index in parts (files.parts), with the fetches of the
// parts it needs (polisee_search), else polisee.search alone.
const poliseeSearch = `(files, q) => files.parts ? polisee_search(polisee, files.parts, [q, "en", 10]) : Promise.resolve(polisee.search(q, "en", 10))`

// inPageLoad starts the engine in a blank page and runs the first query.
// Its %s are poliseeStart, the files, poliseeResult, poliseeSearch and
// the query.
const inPageLoad = `(async () => {
  const files = %[2]s;
  const times = await (%[1]s)(files);
  const result = %[3]s;
  const search = %[4]s;
  const t = performance.now();
  const raw = await search(files, %[5]s);
  const query = performance.now() - t;
  const res = result(raw);
  return {...times, query, hits: res.total || 0, error: res.error || ""};
})()`

// poliseeQueries times each query, with the fetches of the parts it
// needs on an index in parts (the parts fetched by the queries before it
// are kept, as the search page keeps them); the result is read after the
// clock stops. Its %s are the files, poliseeResult, poliseeSearch and the
// queries.
const poliseeQueries = `(async () => {
  const files = %s;
  const result = %s;
  const search = %s;
  const out = [];
  for (const q of %s) {
    const t = performance.now();
    const raw = await search(files, q);
    const ms = performance.now() - t;
    const res = result(raw);
    out.push({ms, hits: res.total || 0, error: res.error || ""});
  }
  return out;
})()`

type inPageTimes struct {
	Scripts float64 `json:"scripts"`
	Compile float64 `json:"compile"`
	Start   float64 `json:"start"`
	Query   float64 `json:"query"`
	Hits    int     `json:"hits"`
	Error   string  `json:"error"`
}

func (t inPageTimes) note(visit string, fetched Size) string {
	return fmt.Sprintf("engine in a blank page, %s: %.0f ms = scripts %.0f + download and compile %.0f + start and open %.0f + first query %.1f (%d hits); %s fetched",
		visit, t.Scripts+t.Compile+t.Start+t.Query, t.Scripts, t.Compile, t.Start, t.Query, t.Hits, fetched)
}

// onBlankPage opens the site's /404.html, a page without search, and
// runs script. It returns the script's value and the position in the
// request log before it ran.
func onBlankPage[T any](tab context.Context, srv *Server, script string) (T, int, error) {
	var zero T
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/404.html")); err != nil {
		return zero, 0, err
	}
	from := srv.Mark()
	t, err := evaluate[T](tab, 5*time.Minute, script)
	return t, from, err
}

// poliseePrefetch fetches the bundles of an index in parts as the search
// page does once its first results are shown (polisee_prefetch), and
// resolves to the time it took, the bundles named and those still
// missing after. Its %s is the files.
const poliseePrefetch = `(async () => {
  const files = %s;
  const t = performance.now();
  const names = files.parts && self.polisee_prefetch && polisee.bundles ? polisee.bundles() : [];
  if (names.length) { await polisee_prefetch(polisee, files.parts); }
  return {ms: performance.now() - t, bundles: names.length, left: names.length ? polisee.bundles().length : 0};
})()`

type prefetchTimes struct {
	MS      float64 `json:"ms"`
	Bundles int     `json:"bundles"`
	Left    int     `json:"left"`
}

// inPageLoad is the script that starts the engine in a blank page and
// runs the cold query (see inPageLoad, the format).
func (b *Browser) inPageLoad(files SearchFiles) string {
	return fmt.Sprintf(inPageLoad, poliseeStart, jsValue(files.URLs()), poliseeResult, poliseeSearch, jsValue(b.Cold))
}

// timeQueries times b.Queries on the engine the tab's page started.
func (b *Browser) timeQueries(tab context.Context, files SearchFiles) ([]sample, error) {
	return evaluate[[]sample](tab, 10*time.Minute, fmt.Sprintf(poliseeQueries, jsValue(files.URLs()), poliseeResult, poliseeSearch, jsValue(b.Queries)))
}

// enginePage starts the engine in a blank page, cold then warm, fetches
// the bundles as the search page does after its first results, and
// times the queries. It returns the number of bundles fetched.
func (b *Browser) enginePage(tab context.Context, srv *Server, files SearchFiles, r *SearchResult) (int, error) {
	script := b.inPageLoad(files)
	t, from, err := onBlankPage[inPageTimes](tab, srv, script)
	if err != nil {
		return 0, fmt.Errorf("loading the engine in the page: %w", err)
	}
	if t.Error != "" || t.Hits == 0 {
		return 0, fmt.Errorf("the first query %q gave no result (%s)", b.Cold, t.Error)
	}
	r.Notes = append(r.Notes, t.note("cold", Total(srv.Requests(from, false))))
	// Again, on a new page of the same browser: the files come from its
	// HTTP cache, and the engine's compiled code from V8's cache of it.
	if t, from, err = onBlankPage[inPageTimes](tab, srv, script); err != nil {
		return 0, fmt.Errorf("loading the engine in the page again: %w", err)
	}
	r.Notes = append(r.Notes, t.note("warm", Total(srv.Requests(from, false))))
	from = srv.Mark()
	pre, err := evaluate[prefetchTimes](tab, 5*time.Minute, fmt.Sprintf(poliseePrefetch, jsValue(files.URLs())))
	switch {
	case err != nil:
		return 0, fmt.Errorf("fetching the bundles: %w", err)
	case pre.Left > 0:
		return 0, fmt.Errorf("%d of %d bundles did not load", pre.Left, pre.Bundles)
	case pre.Bundles > 0:
		r.Notes = append(r.Notes, fmt.Sprintf("after the first query, as the search page does once its first results are shown: %d bundles of stored fields, %s fetched, in %s; the timed queries come after them",
			pre.Bundles, Total(srv.Requests(from, false)), MS(msDuration(pre.MS))))
	}
	samples, err := b.timeQueries(tab, files)
	if err != nil {
		return 0, err
	}
	return pre.Bundles, r.addSamples(b.Queries, samples)
}

// unsettledQueries starts the engine in a blank page and times the
// queries without fetching the bundles: the queries a reader makes
// before they come, each fetching a chunk per hit (SearchResult.Unsettled).
func (b *Browser) unsettledQueries(tab context.Context, srv *Server, files SearchFiles, r *SearchResult) error {
	script := b.inPageLoad(files)
	if _, _, err := onBlankPage[inPageTimes](tab, srv, script); err != nil {
		return fmt.Errorf("loading the engine in the page: %w", err)
	}
	samples, err := b.timeQueries(tab, files)
	if err != nil {
		return err
	}
	for i, s := range samples {
		if s.Error != "" {
			return fmt.Errorf("query %q failed: %s", b.Queries[i], s.Error)
		}
		r.Unsettled = append(r.Unsettled, msDuration(s.MS))
	}
	r.Notes = append(r.Notes, fmt.Sprintf("the same queries in a new browser, without the bundles (a chunk of stored fields fetched per hit): p50 %s, p95 %s",
		MS(Percentile(r.Unsettled, 50)), MS(Percentile(r.Unsettled, 95))))
	return nil
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

// pagefindQueries times each query as a results page needs it: search,
// then the data of the first ten results, with the Pagefind that the
// visit's page imported.
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

// pagefindWasm matches the path of Pagefind's WebAssembly module, one for
// each language: wasm.en.pagefind.
var pagefindWasm = regexp.MustCompile(`/wasm\.[^/]+\.pagefind$`)

// Pagefind measures Pagefind's search on site, where RunPagefind built pf:
// cold and warm visits of /404.html?q=WORD, made a search page by
// pagefindVisit, then the timed queries in the warm page.
func (b *Browser) Pagefind(ctx context.Context, site string, pf *PagefindIndex) (*SearchResult, error) {
	r := &SearchResult{Index: pf.Index, All: pf.All}
	r.Notes = append(r.Notes, fmt.Sprintf("pagefind indexed %d pages, %d words", pf.Pages, pf.Words))
	srv, err := Serve(site)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	b.Logf("Pagefind: cold and warm visits, then %d queries...", len(b.Queries))
	u := srv.URL + "/404.html?q=" + url.QueryEscape(b.Cold)
	err = b.coldAndWarm(ctx, srv, visitSpec{url: u, watch: pagefindVisit}, r, func(tab context.Context) error {
		from := srv.Mark()
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
	for _, q := range r.FirstRequests {
		if pagefindWasm.MatchString(q.Path) && q.Status == http.StatusOK {
			if r.Engine, err = FileSize(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(q.Path, "/")))); err != nil {
				return nil, err
			}
			r.Notes = append(r.Notes, fmt.Sprintf("engine %s: %s (gzip inside, as Pagefind writes it)", q.Path, r.Engine))
			break
		}
	}
	if r.Engine.Raw == 0 {
		return nil, errors.New("Pagefind fetched no WebAssembly module before its first result")
	}
	return r, nil
}
