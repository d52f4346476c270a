package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// polisee's budgets for the search page.
const (
	budgetFirstBrotli = 3 << 20 // bytes (brotli) before the first result
	budgetP95         = 50 * time.Millisecond
)

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
	fmt.Fprintf(w, "%s\t%.2f s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", tool, t.build.Seconds(), t.index, t.all, t.first,
		ms(t.firstResult), ms(percentile(t.latencies, 50)), ms(percentile(t.latencies, 95)))
}

// ratios writes polisee's figures divided by Pagefind's.
func ratios(w io.Writer, p, f *toolResult) {
	pair := func(a, b size) string {
		return ratio(float64(a.raw), float64(b.raw)) + " / " + ratio(float64(a.brotli), float64(b.brotli))
	}
	dur := func(a, b time.Duration) string { return ratio(float64(a), float64(b)) }
	fmt.Fprintf(w, "polisee/Pagefind\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", dur(p.build, f.build), pair(p.index, f.index),
		pair(p.all, f.all), pair(p.first, f.first), dur(p.firstResult, f.firstResult),
		dur(percentile(p.latencies, 50), percentile(f.latencies, 50)), dur(percentile(p.latencies, 95), percentile(f.latencies, 95)))
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
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
	r.printTool(w, "polisee", r.polisee)
	if r.pagefind != nil {
		r.printTool(w, "Pagefind", r.pagefind)
	}
	r.printBudgets(w)
	if r.load[0] != "" {
		fmt.Fprintf(w, "\nLoad average (1, 5, 15 min) on %d cores: %s before, %s after; other work on the machine slows both tools, and polisee's CPU-bound queries most.\n",
			runtime.NumCPU(), r.load[0], r.load[1])
	}
	fmt.Fprintln(w, "\nSizes: index = polisee's index.zap, Pagefind's entry, meta, index chunks, fragments and filters; all files = with the engine (search.wasm, wasm_exec.js; Pagefind's whole folder, UI included). KB and MB are 2^10 and 2^20 bytes; br is brotli at level 9.")
}

func (r *report) printTool(w io.Writer, tool string, t *toolResult) {
	fmt.Fprintf(w, "\n%s:\n", tool)
	for _, n := range t.notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	fmt.Fprintf(w, "  %d requests before the first result:\n", len(t.firstRequests))
	for _, q := range largestFirst(t.firstRequests) {
		enc := q.Encoding
		if enc == "" {
			enc = "identity"
		}
		fmt.Fprintf(w, "    %-48s %3d %10s raw %10s br  (sent %s)\n", q.Path, q.Status, kb(q.Raw), kb(q.Brotli), enc)
	}
}

func largestFirst(reqs []request) []request {
	out := slices.Clone(reqs)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Brotli > out[j].Brotli })
	return out
}

// printBudgets says whether polisee stays within its budgets and, when
// not, by how much and which file weighs most.
func (r *report) printBudgets(w io.Writer) {
	p := r.polisee
	fmt.Fprintln(w, "\nBudgets:")
	first := "met"
	if over := p.first.brotli - budgetFirstBrotli; over > 0 {
		top := largestFirst(p.firstRequests)[0]
		first = fmt.Sprintf("MISSED by %s; largest: %s, %s br (%.0f%%)", mb(over), top.Path, mb(top.Brotli), 100*float64(top.Brotli)/float64(p.first.brotli))
	}
	fmt.Fprintf(w, "  before the first result ≤ %s brotli: %s: %s\n", mb(budgetFirstBrotli), mb(p.first.brotli), first)
	p95 := percentile(p.latencies, 95)
	verdict := "met"
	if p95 > budgetP95 {
		verdict = "MISSED by " + ms(p95-budgetP95)
	}
	fmt.Fprintf(w, "  query p95 ≤ %s: %s: %s\n", ms(budgetP95), ms(p95), verdict)
}

// percentile is the nearest-rank percentile: the smallest sample with at
// least p% of the samples at or below it.
func percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(i, 0)]
}

func (s size) String() string { return mb(s.raw) + " / " + mb(s.brotli) }

// mb writes a byte count in MB, or in KB below one MB.
func mb(n int64) string {
	if n < 1<<20 {
		return kb(n)
	}
	return fmt.Sprintf("%.2f MB", float64(n)/(1<<20))
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/(1<<10)) }

// ms writes a duration in milliseconds, with a decimal below 10 ms.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 {
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

// loadAverage reads the system's load averages; "" where /proc has none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
