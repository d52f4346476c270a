package main

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/internal/benchkit"
)

const s = time.Second

const kb = 1 << 10

// searchOf is a measured search: engine size, bytes sent before the first
// result cold and warm, first result cold and warm, query times.
func searchOf(engine benchkit.Size, coldWire, warmWire int64, cold, warm time.Duration, latencies ...time.Duration) *benchkit.SearchResult {
	return &benchkit.SearchResult{Engine: engine,
		FirstRequests: []benchkit.Request{{Path: "/a", Status: 200, Wire: coldWire}},
		WarmRequests:  []benchkit.Request{{Path: "/a", Status: 304}, {Path: "/b", Status: 200, Wire: warmWire}},
		FirstResult:   cold, WarmResult: warm, Latencies: latencies}
}

// A measured size: polisee, then Hugo, Pagefind and the pipeline of both,
// then Hugo with .Related and its pipeline.
func measuredSize() sizeResult {
	hugo := result{tool: hugoTool, use: benchkit.Usage{Wall: 10 * s, CPU: 15 * s, PeakRSS: 500 * mb}, files: 100, size: 1000 * mb}
	related := result{tool: hugoRelatedTool, use: benchkit.Usage{Wall: 40 * s, CPU: 45 * s, PeakRSS: 2000 * mb}, files: 100, size: 1100 * mb}
	pf := result{tool: pagefindTool, use: benchkit.Usage{Wall: 20 * s, CPU: 30 * s, PeakRSS: 1500 * mb}, files: 50, size: 300 * mb,
		index: &benchkit.Size{Raw: 300 * mb, Brotli: 200 * mb},
		search: searchOf(benchkit.Size{Raw: 64 * kb, Brotli: 60 * kb}, 128*kb, 1*kb, 200*time.Millisecond, 100*time.Millisecond,
			40*time.Millisecond, 80*time.Millisecond)}
	polisee := result{tool: "polisee", use: benchkit.Usage{Wall: 3 * s, CPU: 9 * s, PeakRSS: 750 * mb}, files: 75, size: 650 * mb,
		index: &benchkit.Size{Raw: 100 * mb, Brotli: 50 * mb},
		search: searchOf(benchkit.Size{Raw: 4 * mb, Brotli: 1 * mb}, 1536*kb, 0, 100*time.Millisecond, 50*time.Millisecond,
			20*time.Millisecond, 10*time.Millisecond)}
	return sizeResult{n: 1000, rows: []result{polisee, hugo, pf, pipeline(hugo, pf), related, pipeline(related, pf)}}
}

func TestPipelineAddsTimesAndTakesTheLargerPeak(t *testing.T) {
	rows := measuredSize().rows
	got, hugo, pf := rows[3], rows[1], rows[2]
	want := benchkit.Usage{Wall: 30 * s, CPU: 45 * s, PeakRSS: 1500 * mb}
	if got.tool != pipelineTool || got.use != want {
		t.Errorf("pipeline %s %+v, want %s %+v", got.tool, got.use, pipelineTool, want)
	}
	if got.files != 150 || got.size != 1300*mb {
		t.Errorf("pipeline wrote %d files, %d bytes; want Hugo's and Pagefind's together", got.files, got.size)
	}
	if got.index != pf.index || got.search != pf.search {
		t.Error("the pipeline's index and search are not Pagefind's")
	}
	if hugo.index != nil || hugo.search != nil {
		t.Error("Hugo alone has an index or a search")
	}
	if r := rows[5]; r.tool != relatedPipelineTool || r.use != (benchkit.Usage{Wall: 60 * s, CPU: 75 * s, PeakRSS: 2000 * mb}) {
		t.Errorf("the .Related pipeline: %s %+v", r.tool, r.use)
	}
}

func TestTableRowsWithPeers(t *testing.T) {
	rows := tableRows([]sizeResult{measuredSize()})
	var tools []string
	for _, r := range rows {
		if len(r) != len(columns) {
			t.Fatalf("row %q has %d cells for %d columns", r, len(r), len(columns))
		}
		tools = append(tools, r[1])
	}
	want := []string{"polisee", "hugo", "pagefind", "hugo+pagefind", "hugo .Related", "hugo .Related+pagefind",
		"polisee ÷ hugo+pagefind", "polisee ÷ hugo .Related+pagefind"}
	if !slices.Equal(tools, want) {
		t.Fatalf("tools %q, want %q", tools, want)
	}
	for i, want := range map[int][]string{
		0: {"1000", "polisee", "3.00", "9.00", "750", "650.0", "75", "100.00 / 50.00", "4.00 / 1.00", "1536 / 0.0", "100.0 / 50.0", "10.0", "20.0"},
		1: {"1000", "hugo", "10.00", "15.00", "500", "1000.0", "100", "-", "-", "-", "-", "-", "-"},
		3: {"1000", "hugo+pagefind", "30.00", "45.00", "1500", "1300.0", "150", "300.00 / 200.00", "0.06 / 0.06", "128 / 1.0", "200.0 / 100.0", "40.0", "80.0"},
		// polisee over Hugo + Pagefind, column by column; the percentiles
		// are nearest-rank (p50 of two samples is the smaller); nothing
		// sent on the warm visit is a ratio of 0.
		6: {"1000", "polisee ÷ hugo+pagefind", "0.10", "0.20", "0.50", "0.50", "0.50", "0.33 / 0.25", "64.00 / 17.07", "12.00 / 0.00", "0.50 / 0.50", "0.25", "0.25"},
		7: {"1000", "polisee ÷ hugo .Related+pagefind", "0.05", "0.12", "0.38", "0.46", "0.50", "0.33 / 0.25", "64.00 / 17.07", "12.00 / 0.00", "0.50 / 0.50", "0.25", "0.25"},
	} {
		if !slices.Equal(rows[i], want) {
			t.Errorf("%s row\n got %q\nwant %q", want[1], rows[i], want)
		}
	}
}

func TestTableRowsWithoutPagefindComparesWithHugo(t *testing.T) {
	m := measuredSize()
	m.rows = []result{m.rows[0], m.rows[1], m.rows[4]}
	rows := tableRows([]sizeResult{m})
	want := [][]string{
		{"1000", "polisee ÷ hugo", "0.30", "0.60", "1.50", "0.65", "0.75", "-", "-", "-", "-", "-", "-"},
		{"1000", "polisee ÷ hugo .Related", "0.07", "0.20", "0.38", "0.59", "0.75", "-", "-", "-", "-", "-", "-"},
	}
	if len(rows) != 5 || !slices.Equal(rows[3], want[0]) || !slices.Equal(rows[4], want[1]) {
		t.Errorf("rows %q, want the last two\n%q", rows, want)
	}
}

func TestTableRowsAboveHugoMax(t *testing.T) {
	m := measuredSize()
	m.n, m.rows, m.skipped = 100000, m.rows[:1], "not run: N > -hugo-max 10000"
	m.rows[0].use.PeakRSS = 0
	m.rows[0].search = nil
	rows := tableRows([]sizeResult{m})
	if len(rows) != 2 {
		t.Fatalf("rows %q, want polisee's and one saying the peers did not run", rows)
	}
	if want := []string{"100000", "polisee", "3.00", "9.00", "n/a", "650.0", "75", "100.00 / 50.00", "-", "-", "-", "-", "-"}; !slices.Equal(rows[0], want) {
		t.Errorf("polisee row\n got %q\nwant %q", rows[0], want)
	}
	if rows[1][1] != pipelineTool || rows[1][2] != "not run" || len(rows[1]) != len(columns) {
		t.Errorf("row %q does not say that the peers did not run", rows[1])
	}
}

func TestTableRowsPoliseeAlone(t *testing.T) {
	m := measuredSize()
	m.rows = m.rows[:1]
	if rows := tableRows([]sizeResult{m}); len(rows) != 1 {
		t.Errorf("rows %q, want polisee's alone", rows)
	}
	if peers := m.peers(); len(peers) != 0 {
		t.Errorf("peers %v without Hugo", peers)
	}
	if m.pagefindSearch() != nil {
		t.Error("a Pagefind search without Pagefind")
	}
}

func TestRatioOfUnmeasuredIsDash(t *testing.T) {
	a := result{tool: "polisee", use: benchkit.Usage{Wall: s, CPU: s}}
	b := result{tool: "hugo", use: benchkit.Usage{Wall: 2 * s, CPU: 4 * s, PeakRSS: mb}}
	want := []string{"7", "polisee ÷ hugo", "0.50", "0.25", "-", "-", "-", "-", "-", "-", "-", "-", "-"}
	if got := ratioCells(7, a, b); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMedianRun(t *testing.T) {
	walls := []time.Duration{5 * s, 1 * s, 9 * s}
	i := 0
	got, err := medianRun(3, func(u benchkit.Usage) time.Duration { return u.Wall }, func() (benchkit.Usage, error) {
		i++
		return benchkit.Usage{Wall: walls[i-1], CPU: time.Duration(i)}, nil
	})
	if err != nil || got.Wall != 5*s || got.CPU != 1 {
		t.Errorf("median of %v: %+v, %v; want the first run's 5s", walls, got, err)
	}
	broken := errors.New("broken")
	if _, err := medianRun(2, func(u benchkit.Usage) time.Duration { return u.Wall }, func() (benchkit.Usage, error) {
		return benchkit.Usage{}, broken
	}); !errors.Is(err, broken) {
		t.Errorf("err = %v, want the run's", err)
	}
}

func TestParseFlags(t *testing.T) {
	o, err := parseFlags([]string{"-n", "1000, 10000,100000", "-hugo-max", "5000", "-browser=false", "-pagefind", "/x/pagefind"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.sizes, []int{1000, 10000, 100000}) || o.hugoMax != 5000 || o.browser || o.pagefind != "/x/pagefind" || o.queries != 50 || len(o.variants) != 1 || !o.hugoRelated {
		t.Errorf("options %+v", o)
	}
	if o, _ = parseFlags(nil, io.Discard); o.hugoMax != 10000 || !o.browser || o.hugo != "hugo" || o.pagefind != "pagefind" {
		t.Errorf("defaults %+v", o)
	}
	if o, _ = parseFlags([]string{"-hugo-related=false"}, io.Discard); o.hugoRelated {
		t.Error("-hugo-related=false kept the .Related build")
	}
	if o, _ = parseFlags([]string{"-hugo-max", "100000"}, io.Discard); o.hugoMax != 100000 || o.hugoRelatedMax != 10000 {
		t.Errorf("-hugo-max 100000 moved the .Related build's limit: %+v", o)
	}
	for _, bad := range [][]string{{"-n", "0"}, {"-n", "x"}, {"-runs", "0"}, {"-queries", "0"}, {"extra"}} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNotesSayWhatDidNotRun(t *testing.T) {
	m := measuredSize()
	m.n, m.notes = 100000, []string{"Hugo with .Related not run: N > -hugo-related-max 10000"}
	var b strings.Builder
	printNotes(&b, options{hugoMax: 100000, hugoRelatedMax: 10000}, peers{hugo: "hugo"}, []sizeResult{m})
	for _, want := range []string{"N=100000:", "Hugo with .Related not run: N > -hugo-related-max 10000.\n", "up to N = 100000 (-hugo-max), Hugo with .Related up to N = 10000 (-hugo-related-max)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("notes lack %q:\n%s", want, b.String())
		}
	}
}

func TestFindPeersSaysWhatIsMissing(t *testing.T) {
	p := findPeers(options{hugo: "", browser: false})
	if p.hugo != "" || p.pagefind != "" || p.chrome != "" || len(p.notes) != 3 {
		t.Errorf("peers %+v", p)
	}
	p = findPeers(options{hugo: "no-such-hugo-binary", pagefind: "pagefind", browser: false})
	if p.hugo != "" || p.pagefind != "" || len(p.notes) != 3 {
		t.Errorf("peers %+v", p)
	}
}

// polisee's query times after the bundle of stored fields come first;
// those of the same queries without it, in parentheses.
func TestTableRowsShowQueriesBeforeTheBundle(t *testing.T) {
	size := measuredSize()
	size.rows[0].search.Unsettled = []time.Duration{30 * time.Millisecond, 90 * time.Millisecond}
	rows := tableRows([]sizeResult{size})
	if got := rows[0][colP50:]; !slices.Equal(got, []string{"10.0 (30.0)", "20.0 (90.0)"}) {
		t.Errorf("polisee's p50 and p95 cells %q, want %q", got, []string{"10.0 (30.0)", "20.0 (90.0)"})
	}
	if got := rows[6][colP50:]; !slices.Equal(got, []string{"0.25", "0.25"}) {
		t.Errorf("the ratio row's p50 and p95 %q: want the ratios of the times after the bundle", got)
	}
}

// TestGrowthLines: each polisee row's growth from one size to the next,
// for the rows measured at both sizes; peers' rows are left out.
func TestGrowthLines(t *testing.T) {
	at := func(n int, wall, cpu time.Duration, peak int64) sizeResult {
		return sizeResult{n: n, rows: []result{
			{tool: "polisee", use: benchkit.Usage{Wall: wall, CPU: cpu, PeakRSS: peak}},
			{tool: hugoTool, use: benchkit.Usage{Wall: wall, CPU: cpu, PeakRSS: peak}},
		}}
	}
	sizes := []sizeResult{at(1000, 1*s, 2*s, 100*mb), at(10000, 8*s, 14*s, 250*mb), at(100000, 86*s, 150*s, 1900*mb)}
	sizes[2].rows = append(sizes[2].rows, result{tool: "polisee -no-index", use: benchkit.Usage{Wall: s}})
	want := []string{
		"Growth of polisee from N=1000 to N=10000 (10.00 times the documents): wall 8.00 times, CPU 7.00, peak RSS 2.50.",
		"Growth of polisee from N=10000 to N=100000 (10.00 times the documents): wall 10.75 times, CPU 10.71, peak RSS 7.60.",
	}
	if got := growthLines(sizes); !slices.Equal(got, want) {
		t.Errorf("growthLines:\n%q\nwant\n%q", got, want)
	}
	if got := growthLines(sizes[:1]); len(got) != 0 {
		t.Errorf("one size: %q, want no growth", got)
	}
}

// TestGrowthLinesRoundByRound: with several rounds, the growth line also
// divides each round's build at the larger size by the same round's at
// the smaller.
func TestGrowthLinesRoundByRound(t *testing.T) {
	at := func(n int, walls ...time.Duration) sizeResult {
		r := result{tool: "polisee"}
		for _, w := range walls {
			r.runs = append(r.runs, benchkit.Usage{Wall: w, CPU: w, PeakRSS: mb})
		}
		r.use = medianOf(r.runs, func(u benchkit.Usage) time.Duration { return u.Wall })
		return sizeResult{n: n, rows: []result{r}}
	}
	sizes := []sizeResult{at(10000, 8*s, 6*s, 7*s), at(100000, 80*s, 72*s, 91*s)}
	want := "Growth of polisee from N=10000 to N=100000 (10.00 times the documents): wall 11.43 times, CPU 11.43, peak RSS 1.00. Round by round, wall 10.00, 12.00, 13.00."
	if got := growthLines(sizes); !slices.Equal(got, []string{want}) {
		t.Errorf("growthLines:\n%q\nwant\n%q", got, want)
	}
	// One round: no round-by-round figures, they would repeat the medians.
	if got := growthLines([]sizeResult{at(10000, 8*s), at(100000, 80*s)}); len(got) != 1 || strings.Contains(got[0], "Round") {
		t.Errorf("one round: %q", got)
	}
}

// TestNotesListEachRound: the notes give every round's build of a size
// with the memory state before it, not only the median the table shows.
func TestNotesListEachRound(t *testing.T) {
	m := measuredSize()
	m.rows[0].runs = []benchkit.Usage{{Wall: 7 * s, CPU: 12 * s, PeakRSS: 300 * mb}, {Wall: 8 * s, CPU: 14 * s}}
	m.rows[0].memory = []string{"18000 MB free, 1300 MB file cache", ""}
	var b strings.Builder
	printNotes(&b, options{}, peers{}, []sizeResult{m})
	want := "polisee, each round's build (the table has the median): 1: 7.00 s wall, 12.00 s CPU, 300 MB peak (before it: 18000 MB free, 1300 MB file cache); 2: 8.00 s wall, 14.00 s CPU;\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("notes lack %q:\n%s", want, b.String())
	}
}

func TestMedianOf(t *testing.T) {
	runs := []time.Duration{5, 1, 4, 2}
	id := func(d time.Duration) time.Duration { return d }
	if got := medianOf(runs, id); got != 4 {
		t.Errorf("median of %v = %v, want 4 (the later of the middle two)", runs, got)
	}
	if !slices.Equal(runs, []time.Duration{5, 1, 4, 2}) {
		t.Errorf("medianOf reordered its runs: %v", runs)
	}
	if got := medianOf([]time.Duration{3}, id); got != 3 {
		t.Errorf("median of one = %v", got)
	}
}
