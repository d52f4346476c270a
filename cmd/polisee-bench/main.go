// Command polisee-bench measures the job a user would otherwise do with
// Hugo plus Pagefind: it builds the same synthetic content with polisee
// and with Hugo followed by Pagefind on Hugo's output, at several sizes,
// and prints one table of what each cost and what a reader's browser
// downloads and waits for.
//
// Usage, from inside the polisee module:
//
//	go run ./cmd/polisee-bench [-n 1000,10000] [-hugo hugo] [-hugo-max 10000]
//		[-hugo-related=true] [-hugo-related-max 10000] [-pagefind pagefind] [-browser=true] [-chrome PATH]
//		[-queries 50] [-runs 1] [-seed 1] [-polisee BIN] [-polisee-flags FLAGS]...
//		[-keep]
//
// Peers are optional: without Hugo (-hugo "" or not found) polisee is
// measured alone; without Pagefind (npm install pagefind in a temporary
// folder, then -pagefind DIR/node_modules/.bin/pagefind) polisee is
// compared with Hugo alone; without Chromium (apt-get install -y chromium;
// -chrome or CHROME_PATH names another) or with -browser=false the browser
// columns stay empty. Each of these is said below the table.
//
// For each size N it writes a corpus of N good practices and policy
// profiles with package generator/internal/corpus (the same seed gives the
// same bytes). Then:
//
//  1. it builds every corpus with `polisee build`, as users do, browser
//     search engine included (-polisee-flags measures it with extra flags
//     instead, and may be repeated to measure several variants;
//     -polisee-flags "" is the plain build). These builds come first, in
//     rounds (-runs k: k rounds), each of which builds every size once,
//     smallest first: the machine's state (free memory, the file cache,
//     writes still going to disk) drifts as the bench writes gigabytes,
//     and a build's time moves with it, so the sizes' builds are made
//     alternately, to meet it alike;
//  2. then, size by size, when the Hugo binary named by -hugo is found and N <= -hugo-max,
//     writes the same corpus as a Hugo site and builds it with
//     `hugo --quiet --environment minimal -s DIR -d OUT`. The Hugo site has
//     the same pages as polisee's: content/<type>/<slug>.md with areas,
//     countries, regions and status as taxonomies, and minimal layouts
//     (base, single page with the facts, body and back-links, list,
//     taxonomy and term pages, home, 404); item pages carry
//     data-pagefind-body, so that Pagefind indexes the item pages, as
//     polisee does;
//  3. then runs `pagefind --site OUT --output-subdir pagefind_bench` on
//     Hugo's output;
//  4. measures both searches in headless Chromium with package
//     internal/benchkit: polisee's on polisee's output, Pagefind's on
//     Hugo's output with its pagefind folder, with the same queries,
//     picked (-seed) from the words of the documents' bodies
//     (generator.SearchDocuments): for a cold visit (fresh profile) and a
//     warm one (the same address in a browser restarted on that profile,
//     with its HTTP cache), the bytes sent before the first result and how
//     long it took; then the p50 and p95 of -queries further queries. The
//     server answers as a static host configured for content-hashed
//     files: brotli to a browser that accepts it, names with a hash of
//     the content immutable for a year, the others revalidated with ETag
//     and Last-Modified and answered 304 Not Modified (see benchkit);
//  5. with -hugo-related (the default) and N <= -hugo-related-max,
//     builds the Hugo site again with
//     `--environment related`, in which item pages also carry polisee's
//     related list (.Site.RegularPages.Related on areas and countries):
//     a row of its own, as that list is what costs Hugo most on large
//     sites. Its pipeline row takes Pagefind's run on the minimal site:
//     the related lists are data-pagefind-ignore, so the index is the
//     same.
//
// polisee, Hugo and Pagefind each run as a child process, so that the
// peak resident set of each is read from the rusage of the finished
// process (with the processes it waited for: npm's pagefind script runs
// the native binary). polisee and the corpus writer
// (generator/internal/corpus/corpuswrite: Go's internal rule keeps this
// command from importing the corpus package) are compiled with go build
// into a temporary folder; -polisee measures another polisee binary
// instead. One unmeasured build of a tiny corpus comes first, so that
// one-off work (reading the binary from disk) does not count. Each run
// writes a new output folder, and nothing is deleted until the bench ends
// (a deletion slows the file system's later work on some systems: see
// benchkit.SettleDisk): every build is a clean one. With -runs k, each
// tool runs k times and the run with the median wall time is reported
// (the later of the middle two for an even k); the notes list each of
// polisee's builds with the memory state before it, and the growth from
// one size to the next round by round as well as of the medians. The
// browser measures once.
//
// It prints one table, with N, tool, wall time, CPU time (user+system),
// peak RSS, output size and file count, index size (polisee: the
// search/index.<hash>.zap it ships and its .br; Pagefind: its whole output
// folder), engine size (the WebAssembly module, raw and brotli), bytes on
// the wire before the first result, cold and warm, the time to the first
// result, cold and warm, and query p50/p95. The "hugo+pagefind" rows are
// the pipelines: wall and CPU times add up, peak RSS is the larger of the
// two, output and index are Hugo's site with Pagefind's folder. Then, for
// each N, a row of polisee's figures divided by each peer's (hugo+pagefind
// and hugo .Related+pagefind, or Hugo alone without Pagefind): below 1,
// polisee is faster or smaller. Below the table: the requests before the
// first result, cold and warm, the engine's files, polisee's targets, and
// the load average before and after each size. MB is 2^20 bytes. Use -keep
// to keep the corpora and the built sites for a look.
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
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

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
		fmt.Fprintln(os.Stderr, "polisee-bench:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes   []int
	seed    int64
	hugo    string // name or path of the Hugo binary; "" skips Hugo
	hugoMax int    // the largest N Hugo and Pagefind run at
	// hugoRelated builds with Hugo a second time, with related lists, up
	// to N = hugoRelatedMax.
	hugoRelated    bool
	hugoRelatedMax int
	pagefind       string // name or path of the Pagefind binary; "" skips Pagefind
	browser        bool
	chrome         string
	queries        int
	polisee        string // prebuilt polisee binary; "" builds one
	// variants are the flag sets polisee build is measured with.
	variants [][]string
	runs     int
	keep     bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fl := flag.NewFlagSet("polisee-bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("n", "1000,10000", "comma-separated corpus sizes (practices + profiles)")
	fl.Int64Var(&o.seed, "seed", 1, "seed of the corpus and of the query picks")
	fl.StringVar(&o.hugo, "hugo", "hugo", "Hugo binary to compare with (\"\" to skip Hugo)")
	fl.IntVar(&o.hugoMax, "hugo-max", 10000, "largest N at which Hugo and Pagefind run (at 100k on 2 cores: Hugo about 3.5 min and Pagefind about 6 min, about 22 GB each)")
	fl.BoolVar(&o.hugoRelated, "hugo-related", true, "also build with Hugo with polisee's related lists (.Related), a row of its own")
	fl.IntVar(&o.hugoRelatedMax, "hugo-related-max", 10000, "largest N at which Hugo builds with .Related (123 to 190 s at 10k on 2 cores, and it grows faster than N)")
	fl.StringVar(&o.pagefind, "pagefind", "pagefind", "Pagefind binary run on Hugo's output (\"\" to skip Pagefind), e.g. DIR/node_modules/.bin/pagefind after npm install pagefind in DIR")
	fl.BoolVar(&o.browser, "browser", true, "measure the searches in headless Chromium")
	fl.StringVar(&o.chrome, "chrome", "", "Chromium binary (default $CHROME_PATH, then chromium, chromium-browser, google-chrome)")
	fl.IntVar(&o.queries, "queries", 50, "queries timed per tool in the browser")
	fl.StringVar(&o.polisee, "polisee", "", "polisee binary to measure (default: go build ./cmd/polisee)")
	fl.Func("polisee-flags", "extra flags for polisee build, e.g. -no-browser-search; repeat to measure several variants", func(s string) error {
		o.variants = append(o.variants, strings.Fields(s))
		return nil
	})
	fl.IntVar(&o.runs, "runs", 1, "runs per tool and size; the median is reported")
	fl.BoolVar(&o.keep, "keep", false, "keep the corpora and the built sites, and print where")
	if err := fl.Parse(args); err != nil {
		return o, err
	}
	if fl.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-n: %q is not a positive number", s)
		}
		o.sizes = append(o.sizes, n)
	}
	if len(o.variants) == 0 {
		o.variants = [][]string{nil}
	}
	switch {
	case o.runs < 1:
		return o, errors.New("-runs must be at least 1")
	case o.queries < 1:
		return o, errors.New("-queries must be at least 1")
	}
	return o, nil
}

// peers are the programs found to compare with and measure in; "" where
// missing or not asked for.
type peers struct {
	hugo, pagefind, chrome string
	notes                  []string // what is missing, and so not measured
}

// findPeers looks the optional programs up and says what their absence
// leaves out.
func findPeers(o options) peers {
	var p peers
	look := func(name, what string) string {
		if name == "" {
			p.notes = append(p.notes, what+" not asked for")
			return ""
		}
		path, err := exec.LookPath(name)
		if err != nil {
			p.notes = append(p.notes, fmt.Sprintf("%s not found (%s)", what, name))
			return ""
		}
		return path
	}
	p.hugo = look(o.hugo, "Hugo")
	if p.hugo == "" {
		p.notes = append(p.notes, "polisee measured alone, without Hugo and Pagefind")
	} else if p.pagefind = look(o.pagefind, "Pagefind"); p.pagefind == "" {
		p.notes = append(p.notes, "polisee compared with Hugo alone, which builds no search index")
	}
	if !o.browser {
		p.notes = append(p.notes, "browser not measured (-browser=false)")
	} else if chrome, err := benchkit.FindChrome(o.chrome); err != nil {
		p.notes = append(p.notes, "browser not measured: "+err.Error())
	} else {
		p.chrome = chrome
	}
	return p
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "polisee-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(stderr, "keeping everything in", work)
	} else {
		defer os.RemoveAll(work)
	}
	fmt.Fprintln(stderr, "building polisee and corpuswrite...")
	bins, err := buildTools(ctx, filepath.Join(work, "bin"))
	if err != nil {
		return err
	}
	if o.polisee != "" {
		bins.polisee = o.polisee
	}
	p := findPeers(o)
	for _, n := range p.notes {
		fmt.Fprintln(stderr, n)
	}
	fmt.Fprintln(stderr, "warming up polisee...")
	if err := warmUp(ctx, o, filepath.Join(work, "warm-up"), bins); err != nil {
		return err
	}
	fmt.Fprintln(stdout, header(ctx, p, o))
	works := make([]*sizeWork, len(o.sizes))
	for i, n := range o.sizes {
		w, err := prepareSize(ctx, o, filepath.Join(work, strconv.Itoa(n)), n, bins, p, stderr)
		if err != nil {
			return fmt.Errorf("N=%d: %w", n, err)
		}
		works[i] = w
	}
	if err := buildRounds(ctx, o, works, bins); err != nil {
		return err
	}
	var sizes []sizeResult
	for _, w := range works {
		s, err := w.finish(ctx, o, p)
		if err != nil {
			// What the sizes before measured is still worth printing.
			err = fmt.Errorf("N=%d: %w", w.n, err)
			if len(sizes) > 0 {
				fmt.Fprintf(stdout, "\nStopped at N=%d; the sizes before:\n", w.n)
				printResults(stdout, o, p, sizes)
			}
			return err
		}
		sizes = append(sizes, s)
	}
	printResults(stdout, o, p, sizes)
	return nil
}

func printResults(w io.Writer, o options, p peers, sizes []sizeResult) {
	fmt.Fprintln(w)
	printTable(w, sizes)
	fmt.Fprintln(w)
	printNotes(w, o, p, sizes)
}

// tools are the binaries a benchmark runs.
type tools struct {
	polisee, corpuswrite string
}

// buildTools compiles polisee and corpuswrite into dir. Package paths,
// rather than ./cmd/polisee, make the go command find them from anywhere
// inside the module.
func buildTools(ctx context.Context, dir string) (tools, error) {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", dir+string(filepath.Separator),
		"github.com/clusterpolisee/polisee/cmd/polisee",
		"github.com/clusterpolisee/polisee/generator/internal/corpus/corpuswrite")
	if out, err := cmd.CombinedOutput(); err != nil {
		return tools{}, fmt.Errorf("go build (run polisee-bench inside the polisee module): %w\n%s", err, out)
	}
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	return tools{polisee: filepath.Join(dir, "polisee"+exe), corpuswrite: filepath.Join(dir, "corpuswrite"+exe)}, nil
}

// warmUp builds a tiny corpus with each variant once, unmeasured, so that
// the first measured build does not pay for reading the new binary from
// disk.
func warmUp(ctx context.Context, o options, dir string, bins tools) error {
	content := filepath.Join(dir, "content")
	if err := writeCorpus(ctx, bins, content, 10, o.seed); err != nil {
		return err
	}
	for _, flags := range o.variants {
		out := filepath.Join(dir, "public")
		if err := benchkit.MoveAside(out); err != nil {
			return err
		}
		if _, _, err := benchkit.Measure(ctx, nil, bins.polisee, buildArgs(flags, content, out)...); err != nil {
			return err
		}
	}
	return nil
}

func buildArgs(flags []string, content, out string) []string {
	args := append([]string{"build"}, flags...)
	return append(args, "-src", content, "-out", out)
}

// toolName names a polisee variant in the table.
func toolName(flags []string) string {
	return strings.Join(append([]string{"polisee"}, flags...), " ")
}

func writeCorpus(ctx context.Context, bins tools, dir string, n int, seed int64) error {
	cmd := exec.CommandContext(ctx, bins.corpuswrite, "-n", strconv.Itoa(n), "-seed", strconv.FormatInt(seed, 10), dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("write the corpus: %w\n%s", err, out)
	}
	return nil
}

func header(ctx context.Context, p peers, o options) string {
	h := fmt.Sprintf("polisee-bench: %s/%s, %d CPUs, GOMAXPROCS %d, %s, seed %d", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), o.seed)
	for _, c := range [][2]string{{p.hugo, "version"}, {p.pagefind, "--version"}, {p.chrome, "--version"}} {
		if c[0] == "" {
			continue
		}
		if out, err := exec.CommandContext(ctx, c[0], c[1]).Output(); err == nil {
			h += "\n" + strings.TrimSpace(string(out))
		}
	}
	return h
}
