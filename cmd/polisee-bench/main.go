// Command polisee-bench measures polisee's build against Hugo's on the same
// synthetic content, at several sizes.
//
// Usage, from inside the polisee module:
//
//	go run ./cmd/polisee-bench [-n 1000,10000] [-hugo hugo] [-runs 1] [-seed 1]
//		[-polisee BIN] [-polisee-flags FLAGS]... [-keep]
//
// For each size N it writes a corpus of N good practices and policy
// profiles with package generator/internal/corpus (the same seed gives the
// same bytes), builds it with polisee, and, when the Hugo binary named by
// -hugo is found, writes the same corpus as a Hugo site and builds that
// with `hugo --quiet -s DIR -d OUT`. The Hugo site has the same pages as
// polisee's: content/<type>/<slug>.md with areas, countries, regions and
// status as taxonomies, and minimal layouts (base, single page with the
// facts, body, back-links and a related list from .Site.RegularPages.Related
// on areas and countries, list, taxonomy and term pages, home, 404).
//
// polisee and the corpus writer (generator/internal/corpus/corpuswrite: Go's
// internal rule keeps this command from importing the corpus package) are
// compiled with go build into a temporary folder; -polisee measures another
// polisee binary instead. polisee, like Hugo, runs as a child process, so
// that its peak resident set can be read from the rusage of the finished
// process. polisee runs `polisee build` as users do, browser search engine
// included; -polisee-flags measures it with extra flags instead, and may
// be repeated to measure several variants (-polisee-flags "" is the plain
// build), e.g. -polisee-flags "" -polisee-flags -no-browser-search. One unmeasured build of a tiny
// corpus comes first, so that one-off work (compiling the browser engine,
// cached per version) does not count. Each output folder is removed
// before a run: every build is a clean one. With -runs k, each tool runs k times and the run with the
// median wall time is reported.
//
// It prints one table, with N, tool, wall time, CPU time (user+system),
// peak RSS, output size and file count (MB = 2^20 bytes), then the ratio
// of polisee's wall and CPU time to Hugo's for each N; below 1, polisee is
// faster. Use -hugo "" to measure polisee alone, and -keep to keep the
// corpora and the built sites for a look.
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
	"text/tabwriter"
)

func main() {
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
	polisee string // prebuilt polisee binary; "" builds one
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
	fl.Int64Var(&o.seed, "seed", 1, "corpus seed")
	fl.StringVar(&o.hugo, "hugo", "hugo", "Hugo binary to compare with (\"\" to skip Hugo)")
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
	if o.runs < 1 {
		return o, errors.New("-runs must be at least 1")
	}
	return o, nil
}

// result is one tool's measured build of one corpus.
type result struct {
	n     int
	tool  string
	use   usage
	files int
	size  int64
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
	hugo := ""
	if o.hugo != "" {
		if hugo, err = exec.LookPath(o.hugo); err != nil {
			fmt.Fprintf(stderr, "%s not found: measuring polisee alone\n", o.hugo)
			hugo = ""
		}
	}
	fmt.Fprintln(stderr, "warming up polisee...")
	if err := warmUp(ctx, o, filepath.Join(work, "warm-up"), bins); err != nil {
		return err
	}
	fmt.Fprintln(stdout, header(ctx, hugo, o))
	var results []result
	for _, n := range o.sizes {
		rs, err := benchSize(ctx, o, filepath.Join(work, strconv.Itoa(n)), n, bins, hugo, stderr)
		if err != nil {
			return fmt.Errorf("N=%d: %w", n, err)
		}
		results = append(results, rs...)
	}
	printTable(stdout, results)
	printRatios(stdout, results)
	return nil
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

// warmUp builds a tiny corpus with each variant once, unmeasured: the
// first build of a new polisee version compiles the browser search engine
// (about a minute), which later builds take from the cache.
func warmUp(ctx context.Context, o options, dir string, bins tools) error {
	content := filepath.Join(dir, "content")
	if err := writeCorpus(ctx, bins, content, 10, o.seed); err != nil {
		return err
	}
	for _, flags := range o.variants {
		out := filepath.Join(dir, "public")
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		if _, err := measure(ctx, nil, bins.polisee, buildArgs(flags, content, out)...); err != nil {
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

func header(ctx context.Context, hugo string, o options) string {
	h := fmt.Sprintf("polisee-bench: %s/%s, %d CPUs, GOMAXPROCS %d, %s, seed %d", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), o.seed)
	if hugo != "" {
		if out, err := exec.CommandContext(ctx, hugo, "version").Output(); err == nil {
			h += "\n" + strings.TrimSpace(string(out))
		}
	}
	return h
}

// benchSize writes the corpus of size n into dir and measures each tool on
// it. dir is removed afterwards unless -keep: a 10k corpus and its sites
// take several hundred megabytes.
func benchSize(ctx context.Context, o options, dir string, n int, bins tools, hugo string, log io.Writer) ([]result, error) {
	if !o.keep {
		defer os.RemoveAll(dir)
	}
	content := filepath.Join(dir, "content")
	fmt.Fprintf(log, "N=%d: writing the corpus...\n", n)
	if err := writeCorpus(ctx, bins, content, n, o.seed); err != nil {
		return nil, err
	}
	var results []result
	out := filepath.Join(dir, "public")
	for _, flags := range o.variants {
		fmt.Fprintf(log, "N=%d: %s...\n", n, toolName(flags))
		r, err := measureTool(o.runs, n, toolName(flags), out, func() (usage, error) {
			return measure(ctx, nil, bins.polisee, buildArgs(flags, content, out)...)
		})
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	if hugo == "" {
		return results, nil
	}
	site := filepath.Join(dir, "hugo")
	if err := writeHugoSite(content, site); err != nil {
		return nil, fmt.Errorf("write the Hugo site: %w", err)
	}
	fmt.Fprintf(log, "N=%d: hugo...\n", n)
	hout := filepath.Join(dir, "hugo-public")
	// Hugo's file cache goes beside the site, not into the user's cache.
	env := []string{"HUGO_CACHEDIR=" + filepath.Join(dir, "hugo-cache")}
	r, err := measureTool(o.runs, n, "hugo", hout, func() (usage, error) {
		return measure(ctx, env, hugo, "--quiet", "-s", site, "-d", hout)
	})
	if err != nil {
		return nil, err
	}
	return append(results, r), nil
}

// measureTool runs one tool o.runs times into a fresh out folder and
// describes the median run and what it wrote.
func measureTool(runs, n int, tool, out string, build func() (usage, error)) (result, error) {
	u, err := medianRun(runs, func() error { return os.RemoveAll(out) }, build)
	if err != nil {
		return result{}, err
	}
	files, size, err := treeStats(out)
	if err != nil {
		return result{}, err
	}
	return result{n: n, tool: tool, use: u, files: files, size: size}, nil
}

const mb = 1 << 20

func printTable(w io.Writer, results []result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "N\ttool\twall s\tCPU s\tpeak RSS MB\toutput MB\tfiles")
	for _, r := range results {
		rss := "n/a"
		if r.use.peakRSS > 0 {
			rss = fmt.Sprintf("%.1f", float64(r.use.peakRSS)/mb)
		}
		fmt.Fprintf(tw, "%d\t%s\t%.2f\t%.2f\t%s\t%.1f\t%d\n", r.n, r.tool, r.use.wall.Seconds(), r.use.cpu.Seconds(), rss, float64(r.size)/mb, r.files)
	}
	tw.Flush()
}

// printRatios prints the time of each polisee variant over Hugo's for
// each N measured with both: below 1, polisee is faster.
func printRatios(w io.Writer, results []result) {
	hugo := map[int]result{}
	for _, r := range results {
		if r.tool == "hugo" {
			hugo[r.n] = r
		}
	}
	for _, r := range results {
		h, ok := hugo[r.n]
		if r.tool == "hugo" || !ok || h.use.wall == 0 || h.use.cpu == 0 {
			continue
		}
		fmt.Fprintf(w, "N=%d: %s / hugo: wall time %.2f, CPU time %.2f\n", r.n, r.tool,
			r.use.wall.Seconds()/h.use.wall.Seconds(), r.use.cpu.Seconds()/h.use.cpu.Seconds())
	}
}
