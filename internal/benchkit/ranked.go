package benchkit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// RankedQuery is one query whose ranked results are read in the browser,
// typed on a page of the site.
type RankedQuery struct {
	// Page is the site path of the page the query runs on, e.g.
	// /404.html or /el/404.html: Pagefind loads the index of the page's
	// <html lang>.
	Page  string
	Query string
	// Langs and Shown are what polisee's search page of that language
	// sends (search.Request); Pagefind ignores them.
	Langs []string
	Shown string
}

// pagefindRanked runs each query on a page where Pagefind is loaded
// afresh, and returns the URLs of the first n results of each, from
// their data(), as a results page shows them.
const pagefindRanked = `(async () => {
  const pf = await import("/` + PagefindDir + `/pagefind.js");
  await pf.options({});
  const out = [];
  for (const q of %s) {
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, %d).map(x => x.data()));
    out.push(data.map(d => d.url));
  }
  return out;
})()`

// poliseeRanked starts polisee's engine in the page (poliseeStart) and
// returns the URLs of the first n hits of each query, or the engine's
// error. Its %s are poliseeStart, the files (SearchFiles.URLs),
// poliseeResult, the queries and n.
const poliseeRanked = `(async () => {
  if (!self.polisee) {
    await (%s)(%s);
  }
  const result = %s;
  const out = [];
  for (const q of %s) {
    const res = result(polisee.search(q.query, q.langs.join(","), %d, q.shown));
    if (res.error) { throw new Error(q.query + ": " + res.error); }
    out.push(res.hits.map(h => h.url));
  }
  return out;
})()`

// PagefindTop runs the queries through Pagefind (built into the site by
// RunPagefind) in headless Chromium, each on its page, and returns the
// URLs of the first n results of each query, in the order of queries.
func (b *Browser) PagefindTop(ctx context.Context, site string, queries []RankedQuery, n int) ([][]string, error) {
	return b.rankedOnPages(ctx, site, queries, func(qs []RankedQuery) string {
		texts := make([]string, len(qs))
		for i, q := range qs {
			texts[i] = q.Query
		}
		return fmt.Sprintf(pagefindRanked, jsValue(texts), n)
	})
}

// PoliseeTop runs the queries through polisee's engine (WebAssembly) in
// headless Chromium, each on its page with its Langs and Shown, and
// returns the URLs of the first n hits of each query: site paths in the
// default language, as the engine gives them.
func (b *Browser) PoliseeTop(ctx context.Context, site string, queries []RankedQuery, n int) ([][]string, error) {
	files, err := PoliseeFiles(site)
	if err != nil {
		return nil, err
	}
	if files.Wasm == "" {
		return nil, errors.New("the site was built without the browser search engine")
	}
	type jsQuery struct {
		Query string   `json:"query"`
		Langs []string `json:"langs"`
		Shown string   `json:"shown"`
	}
	return b.rankedOnPages(ctx, site, queries, func(qs []RankedQuery) string {
		list := make([]jsQuery, len(qs))
		for i, q := range qs {
			list[i] = jsQuery{q.Query, q.Langs, q.Shown}
			if list[i].Langs == nil {
				list[i].Langs = []string{}
			}
		}
		return fmt.Sprintf(poliseeRanked, poliseeStart, jsValue(files.URLs()), poliseeResult, jsValue(list), n)
	})
}

// rankedOnPages serves site, and in one fresh browser opens each page the
// queries name (in the order they first name it) and runs the script
// that script returns for that page's queries.
func (b *Browser) rankedOnPages(ctx context.Context, site string, queries []RankedQuery, script func([]RankedQuery) string) ([][]string, error) {
	var pages []string
	byPage := map[string][]int{}
	for i, q := range queries {
		if !strings.HasPrefix(q.Page, "/") {
			return nil, fmt.Errorf("query %q: page %q is not a site path", q.Query, q.Page)
		}
		if _, ok := byPage[q.Page]; !ok {
			pages = append(pages, q.Page)
		}
		byPage[q.Page] = append(byPage[q.Page], i)
	}
	srv, err := Serve(site)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	out := make([][]string, len(queries))
	err = b.withBrowser(ctx, func(tab context.Context) error {
		for _, p := range pages {
			if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+p)); err != nil {
				return fmt.Errorf("opening %s: %w", p, err)
			}
			idx := byPage[p]
			qs := make([]RankedQuery, len(idx))
			for j, i := range idx {
				qs[j] = queries[i]
			}
			urls, err := evaluate[[][]string](tab, 10*time.Minute, script(qs))
			if err != nil {
				return fmt.Errorf("queries on %s: %w", p, err)
			}
			if len(urls) != len(qs) {
				return fmt.Errorf("%d answers for %d queries on %s", len(urls), len(qs), p)
			}
			for j, i := range idx {
				out[i] = urls[j]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
