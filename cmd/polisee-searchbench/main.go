// Command polisee-searchbench measures polisee's browser search against
// Pagefind's on the same built site: index build time, index and engine
// size, what a reader downloads before the first result, how long that
// first result takes in a cold browser and again with the browser's cache
// filled, and how long each further query takes.
//
// Usage, from inside the polisee module:
//
//	go run ./cmd/polisee-searchbench [-n 1000] [-queries 50] [-visits 5] [-seed 1]
//		[-index-parts auto] [-pagefind pagefind] [-chrome chromium] [-keep]
//
// cmd/polisee-bench runs the whole comparison (polisee against Hugo
// followed by Pagefind, at several sizes, in one table); this command
// looks at the search alone, on one site: polisee's own output, with
// Pagefind run on the same pages, and times polisee's index build apart
// from the rest of the build. The file server, the browser measurements,
// the query picks and the Pagefind run are package internal/benchkit's,
// shared by both commands.
//
// It needs Chromium (apt-get install -y chromium; -chrome or CHROME_PATH
// names another) and, for the comparison, Pagefind 1.x (npm install
// pagefind in a temporary folder; pass -pagefind
// path/to/node_modules/.bin/pagefind). Without Pagefind it measures polisee
// alone.
//
// What it does, in order:
//
//  1. Writes a synthetic corpus of N documents (generator/internal/corpus,
//     through its corpuswrite command, because Go's internal rule keeps
//     this command from importing it) and builds it in-process with
//     generator.Build, with the browser engine the binary carries (package
//     search/engine). "index build" for polisee is search.Build run again,
//     alone, on the same documents (generator.SearchDocuments), and the
//     resulting bytes are checked against the index the site ships
//     (public/search/index.<hash>.zap, as search/meta.json names it), so
//     the time is that of exactly that index. The whole generator.Build
//     wall time is printed below the table.
//  2. Serves public/ on 127.0.0.1 with a file server that logs every
//     request and answers as a static host does: brotli when the browser
//     accepts it (polisee's .br files where they exist, otherwise brotli
//     made on the fly, level 9); files whose names carry a hash of their
//     content (search.<hash>.wasm, index.<hash>.zap, Pagefind's chunks)
//     with Cache-Control: public, max-age=31536000, immutable; the others
//     with public, max-age=0, must-revalidate, an ETag and Last-Modified,
//     and 304 Not Modified to a revalidation. Every logged request carries
//     the file's size, its brotli size and the bytes sent.
//  3. polisee, cold and warm: a browser with a fresh profile opens
//     /search/?q=WORD; a script added before the page loads notes
//     performance.now() (milliseconds since navigation start) when the
//     status line first reads "N results for". The bytes are those of the
//     requests made before that moment: page, stylesheet, scripts, worker,
//     engine and index. The browser stays open three seconds, is closed,
//     and a browser started on the same profile opens the same address
//     again: the warm visit, with the HTTP cache filled. This is done
//     -visits times, each pair on a fresh profile: a single visit varies
//     by a hundred milliseconds and more from one to the next on a busy
//     machine. The table gives the medians; the notes list every time,
//     and the requests of the first pair.
//  4. polisee queries: in another fresh browser, a blank page of the site
//     (/404.html) starts the engine itself, as search.js does in the page
//     (the Go runtime's loader, the site's search-engine.js,
//     polisee_compile, polisee_start), runs the cold word once, then
//     times each polisee.search(q, "en", 10) of the query list with
//     performance.now(). The start is reported broken down (scripts,
//     download and compile, start and open, first query).
//  5. Pagefind: `pagefind --site public --output-subdir pagefind_bench`
//     (timed: index build; it parses every HTML page of the site, where
//     polisee indexes only item pages, from data it already has). The
//     folder's size is the index size (raw and brotli; Pagefind's chunks are
//     gzip inside, so brotli gains little). Cold and warm visits as for
//     polisee, of /404.html?q=WORD, where a script added before the page
//     loads imports /pagefind_bench/pagefind.js once the page is parsed,
//     searches and fetches the data() of the first ten results, and notes
//     the time since navigation start; then, in the warm page, each query
//     of the list the same way (search plus data() of the first ten: what
//     a results page needs). Pagefind fetches index chunks and fragments
//     per query, over the loopback here, so its query times hold no
//     network latency.
//  6. Prints one table (times in ms unless marked; KB and MB are 2^10 and
//     2^20 bytes), the ratios polisee/Pagefind (below 1, polisee is smaller
//     or faster), and notes: the requests before the first result, cold
//     and warm, the engine and index sizes, and polisee's targets (engine
//     at most 1 MB brotli, at most 1.5 MB on the wire before the first
//     result, query p95 at most 50 ms, first result cold and warm no slower
//     than Pagefind's).
//
// The queries are picked deterministically (-seed) from the words of the
// documents' bodies, without English stop words (polisee drops them, which
// would make a query without results): half are one word, half two words,
// which both tools treat as "both words". The same list goes to both tools.
// -index-parts is polisee build's flag of that name: auto (the default:
// the index in parts past generator.PartsFrom bytes), always or never.
// With never, the browser loads the whole index before its first result,
// as every site did before the index came in parts: the query times then
// hold the engine's work and no fetches.
// -keep keeps the corpus, the site and both indexes and prints where.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/benchkit"
)

func main() {
	benchkit.InitMeasurer()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "polisee-searchbench:", err)
		os.Exit(1)
	}
}

type options struct {
	n        int
	queries  int
	visits   int
	seed     int64
	pagefind string // Pagefind binary; "" skips Pagefind
	chrome   string
	keep     bool
	parts    string // generator.Config.IndexParts
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fl := flag.NewFlagSet("polisee-searchbench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.IntVar(&o.n, "n", 1000, "corpus size (practices + profiles)")
	fl.IntVar(&o.queries, "queries", 50, "queries timed per tool")
	fl.IntVar(&o.visits, "visits", 5, "cold and warm visits per tool (the table gives their medians)")
	fl.Int64Var(&o.seed, "seed", 1, "seed of the corpus and of the query picks")
	fl.StringVar(&o.pagefind, "pagefind", "pagefind", `Pagefind binary to compare with ("" to skip Pagefind)`)
	fl.StringVar(&o.chrome, "chrome", "", "Chromium binary (default $CHROME_PATH, then chromium, chromium-browser, google-chrome)")
	fl.BoolVar(&o.keep, "keep", false, "keep the corpus, the site and the indexes, and print where")
	parts := fl.String("index-parts", "auto", "when the browser's index comes in parts: auto, always or never (polisee build's flag)")
	if err := fl.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fl.NArg() > 0:
		return o, fmt.Errorf("unexpected argument %q", fl.Arg(0))
	case o.n < 1:
		return o, errors.New("-n must be at least 1")
	case o.queries < 1:
		return o, errors.New("-queries must be at least 1")
	case o.visits < 1:
		return o, errors.New("-visits must be at least 1")
	}
	modes := map[string]string{"auto": generator.IndexPartsBySize, "always": generator.IndexPartsAlways, "never": generator.IndexPartsNever}
	mode, ok := modes[*parts]
	if !ok {
		return o, fmt.Errorf("-index-parts %q: give auto, always or never", *parts)
	}
	o.parts = mode
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	chrome, err := benchkit.FindChrome(o.chrome)
	if err != nil {
		return err
	}
	pagefind := ""
	if o.pagefind != "" {
		if pagefind, err = exec.LookPath(o.pagefind); err != nil {
			fmt.Fprintf(stderr, "%s not found: measuring polisee alone\n", o.pagefind)
			pagefind = ""
		}
	}
	work, err := os.MkdirTemp("", "polisee-searchbench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(stderr, "keeping everything in", work)
	} else {
		defer os.RemoveAll(work)
	}
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	loadBefore := benchkit.LoadAverage()

	site, err := buildSite(ctx, work, o.n, o.seed, o.parts, logf)
	if err != nil {
		return err
	}
	cold, queries := benchkit.PickQueries(benchkit.Vocabulary(site.docs), o.queries, o.seed)
	var pf *benchkit.PagefindIndex
	if pagefind != "" {
		// Before the site is served, so that it does not change while it
		// is served.
		logf("running %s...", pagefind)
		if pf, err = benchkit.RunPagefind(ctx, pagefind, site.public); err != nil {
			return err
		}
	}
	b := benchkit.Browser{Chrome: chrome, Cold: cold, Queries: queries, Logf: logf, Visits: o.visits}

	parts := map[string]string{generator.IndexPartsBySize: "auto", generator.IndexPartsAlways: "always", generator.IndexPartsNever: "never"}[o.parts]
	rep := report{n: o.n, parts: parts, site: site, cold: cold, queries: len(queries)}
	rep.polisee = &toolResult{build: site.index}
	if rep.polisee.SearchResult, err = b.Polisee(ctx, site.public); err != nil {
		return fmt.Errorf("polisee in the browser: %w", err)
	}
	if pf != nil {
		rep.pagefind = &toolResult{build: pf.Use.Wall}
		if rep.pagefind.SearchResult, err = b.Pagefind(ctx, site.public, pf); err != nil {
			return fmt.Errorf("Pagefind in the browser: %w", err)
		}
	}
	rep.load = [2]string{loadBefore, benchkit.LoadAverage()}
	rep.print(stdout)
	return nil
}
