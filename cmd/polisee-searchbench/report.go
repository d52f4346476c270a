package main

import (
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/clusterpolisee/polisee/internal/benchkit"
)

// toolResult is what the table shows of one tool: the index build time
// and what the browser measured.
type toolResult struct {
	build time.Duration
	*benchkit.SearchResult
}

// report is everything one run measured.
type report struct {
	n                 int
	parts             string    // -index-parts
	load              [2]string // load average before and after the run, when known
	site              *builtSite
	cold              string
	queries           int
	polisee, pagefind *toolResult // pagefind is nil when not measured
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "N=%d: %d search documents, %d pages; cold query %q; %d timed queries\n\n",
		r.n, len(r.site.docs), r.site.pages, r.cold, r.queries)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tool\tindex build\tindex raw / br\tengine raw / br\tall files raw / br\tbefore 1st result raw / br\ton the wire cold / warm\t1st result cold / warm\tquery p50\tp95\t")
	row(tw, "polisee", r.polisee)
	if r.pagefind != nil {
		row(tw, "Pagefind", r.pagefind)
		ratios(tw, r.polisee, r.pagefind)
	}
	tw.Flush()
	fmt.Fprintln(w)
	r.printNotes(w)
}

func row(w io.Writer, tool string, t *toolResult) {
	fmt.Fprintf(w, "%s\t%.2f s\t%s\t%s\t%s\t%s\t%s / %s\t%s / %s\t%s\t%s\t\n", tool, t.build.Seconds(), t.Index, t.Engine, t.All, t.First,
		benchkit.KB(t.FirstWire()), benchkit.KB(t.WarmWire()), benchkit.MS(t.FirstResult), benchkit.MS(t.WarmResult),
		benchkit.MS(t.P50()), benchkit.MS(t.P95()))
}

// ratios writes polisee's figures divided by Pagefind's.
func ratios(w io.Writer, p, f *toolResult) {
	pair := func(a, b benchkit.Size) string {
		return benchkit.Ratio(float64(a.Raw), float64(b.Raw)) + " / " + benchkit.Ratio(float64(a.Brotli), float64(b.Brotli))
	}
	dur := func(a, b time.Duration) string { return benchkit.Ratio(float64(a), float64(b)) }
	bytes := func(a, b int64) string { return benchkit.Ratio(float64(a), float64(b)) }
	fmt.Fprintf(w, "polisee/Pagefind\t%s\t%s\t%s\t%s\t%s\t%s / %s\t%s / %s\t%s\t%s\t\n", dur(p.build, f.build), pair(p.Index, f.Index),
		pair(p.Engine, f.Engine), pair(p.All, f.All), pair(p.First, f.First),
		bytes(p.FirstWire(), f.FirstWire()), bytes(p.WarmWire(), f.WarmWire()),
		dur(p.FirstResult, f.FirstResult), dur(p.WarmResult, f.WarmResult),
		dur(p.P50(), f.P50()), dur(p.P95(), f.P95()))
}

func (r *report) printNotes(w io.Writer) {
	s := r.site
	fmt.Fprintf(w, "polisee: generator.Build of the whole site took %.2f s; search.Build alone on its %d documents %.2f s.\n",
		s.siteBuild.Seconds(), len(s.docs), s.index.Seconds())
	if s.sameIndex {
		fmt.Fprintln(w, "  (search.Build gave bytes identical to the site's index: the time is that of the index shipped.)")
	} else {
		fmt.Fprintln(w, "  WARNING: the rebuilt documents gave an index other than the site's: the generator's search documents changed; update searchDocuments.")
	}
	if s.inParts {
		fmt.Fprintf(w, "  The browser read the index in parts (-index-parts %s): queries fetch the parts they read.\n", r.parts)
	} else {
		fmt.Fprintf(w, "  The browser loaded the whole index before its first result (-index-parts %s): queries fetch nothing.\n", r.parts)
	}
	fmt.Fprintln(w)
	r.polisee.WriteDetails(w, "polisee")
	if r.pagefind != nil {
		fmt.Fprintln(w)
		r.pagefind.WriteDetails(w, "Pagefind")
	}
	fmt.Fprintln(w, "\nTargets (set for 1,000 documents):")
	var peer *benchkit.SearchResult
	if r.pagefind != nil {
		peer = r.pagefind.SearchResult
	}
	r.polisee.WriteTargets(w, peer, "Pagefind")
	if r.load[0] != "" {
		fmt.Fprintf(w, "\nLoad average (1, 5, 15 min) on %d cores: %s before, %s after; other work on the machine slows both tools, and polisee's CPU-bound queries most.\n",
			runtime.NumCPU(), r.load[0], r.load[1])
	}
	fmt.Fprint(w, `
Sizes: index = polisee's index.<hash>.zap, Pagefind's entry, meta, index chunks, fragments and filters; engine = the
WebAssembly module (polisee's search.<hash>.wasm, Pagefind's wasm.<lang>.pagefind, gzip inside); all files = index, engine
and the script that starts it (search-worker.<hash>.js, with the loaders; Pagefind's whole folder, UI included). "before 1st result" is what the cold
visit fetched, raw and brotli; "on the wire" the bodies the server sent (brotli, as Chromium accepts it) before the
first result of the cold and of the warm visit: the same page again, in a browser restarted on the same profile, whose
HTTP cache holds what the cold visit fetched. The server sends files whose names carry a hash of their content with
Cache-Control: `+benchkit.CacheImmutable+`, and the others with `+benchkit.CacheRevalidate+`, an ETag
and Last-Modified, answering revalidations with 304 Not Modified. polisee's visit is /search/?q=WORD; Pagefind's is
/404.html?q=WORD, where a script imports pagefind.js once the page is parsed, searches and fetches the data() of the
first ten results. KB and MB are 2^10 and 2^20 bytes; br is brotli at level 9 where no .br file comes with the file.
`)
}
