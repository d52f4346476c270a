package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clusterpolisee/polisee/internal/benchkit"
)

const mb = 1 << 20

// columns are the table's headings; cells and ratioCells follow them.
var columns = []string{"N", "tool", "wall s", "CPU s", "peak RSS MB", "output MB", "files",
	"index MB raw / br", "engine MB raw / br", "on the wire before 1st result KB cold / warm",
	"1st result ms cold / warm", "query p50 ms", "p95 ms"}

// Columns of the browser's figures.
const (
	colEngine = 8 + iota
	colWire
	colFirst
	colP50
	colP95
)

// isPolisee tells polisee's rows (one a variant) from the peers'.
func isPolisee(r result) bool { return strings.HasPrefix(r.tool, "polisee") }

// cells writes one row's figures; "-" where not measured.
func cells(n int, r result) []string {
	c := []string{fmt.Sprint(n), r.tool, fmt.Sprintf("%.2f", r.use.Wall.Seconds()), fmt.Sprintf("%.2f", r.use.CPU.Seconds()),
		"n/a", fmt.Sprintf("%.1f", float64(r.size)/mb), fmt.Sprint(r.files), sizeCell(r.index), "-", "-", "-", "-", "-"}
	if r.use.PeakRSS > 0 {
		c[4] = fmt.Sprintf("%.0f", float64(r.use.PeakRSS)/mb)
	}
	if s := r.search; s != nil {
		c[colEngine] = sizeCell(&s.Engine)
		c[colWire] = fmt.Sprintf("%.0f / %.1f", float64(s.FirstWire())/1024, float64(s.WarmWire())/1024)
		c[colFirst] = msCell(s.FirstResult) + " / " + msCell(s.WarmResult)
		c[colP50] = msCell(s.P50())
		c[colP95] = msCell(s.P95())
		if len(s.Unsettled) > 0 {
			c[colP50] += " (" + msCell(benchkit.Percentile(s.Unsettled, 50)) + ")"
			c[colP95] += " (" + msCell(benchkit.Percentile(s.Unsettled, 95)) + ")"
		}
	}
	return c
}

func sizeCell(s *benchkit.Size) string {
	if s == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f / %.2f", float64(s.Raw)/mb, float64(s.Brotli)/mb)
}

func msCell(d time.Duration) string {
	return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond))
}

// ratioCells writes p's figures divided by q's, column by column: below
// 1, p is faster or smaller; "-" where either was not measured.
func ratioCells(n int, p, q result) []string {
	f := func(a, b float64) string {
		if a == 0 || b == 0 {
			return "-"
		}
		return benchkit.Ratio(a, b)
	}
	sizes := func(a, b *benchkit.Size) string {
		if a == nil || b == nil {
			return "-"
		}
		return f(float64(a.Raw), float64(b.Raw)) + " / " + f(float64(a.Brotli), float64(b.Brotli))
	}
	c := []string{fmt.Sprint(n), p.tool + " ÷ " + q.tool,
		f(p.use.Wall.Seconds(), q.use.Wall.Seconds()), f(p.use.CPU.Seconds(), q.use.CPU.Seconds()),
		f(float64(p.use.PeakRSS), float64(q.use.PeakRSS)), f(float64(p.size), float64(q.size)),
		f(float64(p.files), float64(q.files)), sizes(p.index, q.index), "-", "-", "-", "-", "-"}
	if ps, qs := p.search, q.search; ps != nil && qs != nil {
		c[colEngine] = sizes(&ps.Engine, &qs.Engine)
		// Bytes measured on both sides: 0 is a figure (all from the cache).
		c[colWire] = benchkit.Ratio(float64(ps.FirstWire()), float64(qs.FirstWire())) + " / " +
			benchkit.Ratio(float64(ps.WarmWire()), float64(qs.WarmWire()))
		c[colFirst] = f(float64(ps.FirstResult), float64(qs.FirstResult)) + " / " + f(float64(ps.WarmResult), float64(qs.WarmResult))
		c[colP50] = f(float64(ps.P50()), float64(qs.P50()))
		c[colP95] = f(float64(ps.P95()), float64(qs.P95()))
	}
	return c
}

// tableRows lays out the table: for each size, the measured rows, a row
// for peers that did not run, and a ratio row for each polisee variant
// and peer.
func tableRows(sizes []sizeResult) [][]string {
	var rows [][]string
	for _, s := range sizes {
		for _, r := range s.rows {
			rows = append(rows, cells(s.n, r))
		}
		if s.skipped != "" {
			rows = append(rows, []string{fmt.Sprint(s.n), pipelineTool, "not run", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"})
		}
		for _, q := range s.peers() {
			for _, r := range s.rows {
				if isPolisee(r) {
					rows = append(rows, ratioCells(s.n, r, q))
				}
			}
		}
	}
	return rows
}

func printTable(w io.Writer, sizes []sizeResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(columns, "\t"))
	for _, r := range tableRows(sizes) {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
}

// growthLines say how each polisee row grew from one size to the next
// larger one measured: wall time, CPU time and peak RSS at the larger
// size divided by the same at the smaller, beside the documents' ratio
// (the targets of the scale issue: at most 10.5 times for 10 times the
// documents).
func growthLines(sizes []sizeResult) []string {
	var lines []string
	for i := 1; i < len(sizes); i++ {
		a, b := sizes[i-1], sizes[i]
		for _, rb := range b.rows {
			if !isPolisee(rb) {
				continue
			}
			for _, ra := range a.rows {
				if ra.tool != rb.tool || ra.use.Wall == 0 {
					continue
				}
				f := benchkit.Ratio
				line := fmt.Sprintf("Growth of %s from N=%d to N=%d (%s times the documents): wall %s times, CPU %s, peak RSS %s.",
					rb.tool, a.n, b.n, f(float64(b.n), float64(a.n)),
					f(rb.use.Wall.Seconds(), ra.use.Wall.Seconds()), f(rb.use.CPU.Seconds(), ra.use.CPU.Seconds()),
					f(float64(rb.use.PeakRSS), float64(ra.use.PeakRSS)))
				if len(ra.runs) > 1 && len(ra.runs) == len(rb.runs) {
					line += " Round by round, wall " + roundGrowth(ra.runs, rb.runs) + "."
				}
				lines = append(lines, line)
			}
		}
	}
	return lines
}

// roundGrowth divides each round's wall time at the larger size (b) by
// the same round's at the smaller (a): builds made one after the other,
// in about the same state of the machine (buildRounds).
func roundGrowth(a, b []benchkit.Usage) string {
	var r []string
	for i := range a {
		r = append(r, benchkit.Ratio(b[i].Wall.Seconds(), a[i].Wall.Seconds()))
	}
	return strings.Join(r, ", ")
}

// usageText is one build's figures, for the log and the notes.
func usageText(u benchkit.Usage) string {
	t := fmt.Sprintf("%.2f s wall, %.2f s CPU", u.Wall.Seconds(), u.CPU.Seconds())
	if u.PeakRSS > 0 {
		t += fmt.Sprintf(", %.0f MB peak", float64(u.PeakRSS)/mb)
	}
	return t
}

// printNotes writes what the table leaves out: missing peers, the
// queries, Pagefind's index proper, the requests before the first result,
// polisee's budgets and the load on the machine.
func printNotes(w io.Writer, o options, p peers, sizes []sizeResult) {
	for _, n := range p.notes {
		fmt.Fprintf(w, "Note: %s.\n", n)
	}
	for i, s := range sizes {
		if i > 0 || len(p.notes) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "N=%d:", s.n)
		if s.load[0] != "" {
			fmt.Fprintf(w, " load average (1, 5, 15 min) on %d cores %s before, %s after.", runtime.NumCPU(), s.load[0], s.load[1])
		}
		fmt.Fprintln(w)
		for _, r := range s.rows {
			if len(r.runs) < 2 && (len(r.memory) == 0 || r.memory[0] == "") {
				continue
			}
			fmt.Fprintf(w, "%s, each round's build (the table has the median):", r.tool)
			for i, u := range r.runs {
				fmt.Fprintf(w, " %d: %s", i+1, usageText(u))
				if i < len(r.memory) && r.memory[i] != "" {
					fmt.Fprintf(w, " (before it: %s)", r.memory[i])
				}
				fmt.Fprint(w, ";")
			}
			fmt.Fprintln(w)
		}
		if s.skipped != "" {
			fmt.Fprintf(w, "hugo and pagefind %s.\n", s.skipped)
		}
		for _, n := range s.notes {
			fmt.Fprintln(w, n+".")
		}
		if s.cold != "" {
			fmt.Fprintf(w, "Browser: cold query %q, then %d timed queries, the same for every tool.\n", s.cold, s.queries)
		}
		if pf := s.pagefind; pf != nil {
			fmt.Fprintf(w, "Pagefind indexed %d pages, %d words; its index proper (entry, meta, index chunks, fragments, filters) is %s of its folder's %s (%d files).\n",
				pf.Pages, pf.Words, pf.Index, pf.All, pf.Files)
		}
		for _, r := range s.rows {
			if r.search != nil && !isPipeline(r) {
				r.search.WriteDetails(w, r.tool)
			}
		}
		for _, r := range s.rows {
			if r.search != nil && isPolisee(r) {
				fmt.Fprintf(w, "%s, targets (set for 1,000 documents):\n", r.tool)
				r.search.WriteTargets(w, s.pagefindSearch(), "Pagefind")
			}
		}
	}
	if lines := growthLines(sizes); len(lines) > 0 {
		fmt.Fprintln(w)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	fmt.Fprint(w, `
Columns: wall and CPU (user+system) time of the build process, peak RSS its largest resident set; output
is every file written; index is polisee's search/index.<hash>.zap and its .br, Pagefind's whole output
folder (brotli level 9); engine is the WebAssembly module, polisee's search/search.<hash>.wasm and its .br,
Pagefind's wasm.<lang>.pagefind (gzip inside, as Pagefind writes it). "On the wire" is the bodies the
server sent before the first result, brotli when the browser accepts it, as a static host serving .br
files does, and "1st result" how long it took, from navigation start: cold is a browser with a fresh
profile, warm the same address again in a browser restarted on that profile, its HTTP cache filled. The
server sends files whose names carry a hash of their content with Cache-Control: `+benchkit.CacheImmutable+`,
the others with `+benchkit.CacheRevalidate+`, an ETag and Last-Modified, and answers
revalidations with 304 Not Modified. polisee's page is /search/?q=WORD (page, scripts, engine, index);
Pagefind's is Hugo's /404.html?q=WORD, where a script imports pagefind.js once the page is parsed, searches
and fetches the data of the first ten results. Query p50/p95 over the timed queries; for an index in
parts with a bundle of stored fields, polisee's are timed after the bundle came in, as a reader's
queries after the first results run, and in parentheses the same queries in a new browser without it
(a chunk fetched per hit). hugo has minimal
layouts; hugo .Related adds polisee's related list to item pages (.Site.RegularPages.Related on areas and
countries), and its pipeline takes Pagefind's run on the minimal site (the lists are data-pagefind-ignore).
hugo+pagefind: times added, peak RSS the larger, output and index together. Rows "A ÷ B" divide A's
figures by B's: below 1, polisee is faster or smaller. MB is 2^20 bytes, KB 2^10.
`)
	if p.hugo != "" {
		fmt.Fprintf(w, "Hugo and Pagefind run up to N = %d (-hugo-max), Hugo with .Related up to N = %d (-hugo-related-max).\n", o.hugoMax, o.hugoRelatedMax)
	}
}
