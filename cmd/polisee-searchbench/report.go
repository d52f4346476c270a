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
	fmt.Fprintln(tw, "tool\tindex build\tindex raw / br\tall files raw / br\tbefore 1st result raw / br\t1st result\tquery p50\tp95\t")
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
	fmt.Fprintf(w, "%s\t%.2f s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", tool, t.build.Seconds(), t.Index, t.All, t.First,
		benchkit.MS(t.FirstResult), benchkit.MS(t.P50()), benchkit.MS(t.P95()))
}

// ratios writes polisee's figures divided by Pagefind's.
func ratios(w io.Writer, p, f *toolResult) {
	pair := func(a, b benchkit.Size) string {
		return benchkit.Ratio(float64(a.Raw), float64(b.Raw)) + " / " + benchkit.Ratio(float64(a.Brotli), float64(b.Brotli))
	}
	dur := func(a, b time.Duration) string { return benchkit.Ratio(float64(a), float64(b)) }
	fmt.Fprintf(w, "polisee/Pagefind\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", dur(p.build, f.build), pair(p.Index, f.Index),
		pair(p.All, f.All), pair(p.First, f.First), dur(p.FirstResult, f.FirstResult),
		dur(p.P50(), f.P50()), dur(p.P95(), f.P95()))
}

func (r *report) printNotes(w io.Writer) {
	s := r.site
	fmt.Fprintf(w, "polisee: generator.Build of the whole site took %.2f s; search.Build alone on its %d documents %.2f s.\n",
		s.siteBuild.Seconds(), len(s.docs), s.index.Seconds())
	if s.sameIndex {
		fmt.Fprintln(w, "  (search.Build gave bytes identical to the site's index.zap: the time is that of the index shipped.)")
	} else {
		fmt.Fprintln(w, "  WARNING: the rebuilt documents gave an index other than the site's index.zap: the generator's search documents changed; update searchDocuments.")
	}
	fmt.Fprintln(w)
	r.polisee.WriteDetails(w, "polisee")
	if r.pagefind != nil {
		fmt.Fprintln(w)
		r.pagefind.WriteDetails(w, "Pagefind")
	}
	fmt.Fprintln(w, "\nBudgets:")
	r.polisee.WriteBudgets(w)
	if r.load[0] != "" {
		fmt.Fprintf(w, "\nLoad average (1, 5, 15 min) on %d cores: %s before, %s after; other work on the machine slows both tools, and polisee's CPU-bound queries most.\n",
			runtime.NumCPU(), r.load[0], r.load[1])
	}
	fmt.Fprintln(w, "\nSizes: index = polisee's index.zap, Pagefind's entry, meta, index chunks, fragments and filters; all files = with the engine (search.wasm, wasm_exec.js; Pagefind's whole folder, UI included). KB and MB are 2^10 and 2^20 bytes; br is brotli at level 9.")
}
