// Command polisee-relevance measures how well polisee's search finds what
// readers mean, against Pagefind's on the very same built pages, with the
// judged reader queries of search/testdata/judged.yaml.
//
// Usage, from the root of the polisee module:
//
//	go run ./cmd/polisee-relevance [-judged search/testdata/judged.yaml]
//		[-pagefind pagefind] [-chrome chromium] [-browser=true] [-keep]
//
// It needs Pagefind 1.x for the comparison (npm install pagefind in a
// temporary folder; pass -pagefind path/to/node_modules/.bin/pagefind;
// without it polisee is measured alone) and Chromium to query Pagefind
// (apt-get install -y chromium; -chrome or CHROME_PATH names another).
//
// What it does, in order:
//
//  1. Builds the starter content (the content folder, embedded in the
//     program) with generator.Build, as `polisee build` does, with the
//     browser engine the binary carries (package search/engine), into a
//     temporary folder.
//  2. polisee: opens the built index (public/search/index.<hash>.zap, as
//     search/meta.json names it) and runs every
//     judged query as the search page of the query's language does: the
//     page's language first among the analysers' languages, then the
//     site's others, and only what that language's pages show
//     (search.Request Langs and Shown, as cmd/polisee's -lang and the
//     page's search.js send them). With -browser (the default, when
//     Chromium is found) it runs them again with the engine compiled to
//     WebAssembly in Chromium, and says whether the browser ranked every
//     query's top 10 the same.
//  3. Pagefind: `pagefind --site public --output-subdir pagefind_bench`,
//     then, in headless Chromium with the site served on 127.0.0.1, each
//     query through Pagefind's JavaScript API, as its own UI does:
//     import("/pagefind_bench/pagefind.js"), search(q), and the data() of
//     the first ten results. Pagefind builds one index per language, from
//     each page's <html lang>, and loads the one of the page that imports
//     it: the queries of the English search page run on /404.html, those
//     of the Greek one on /el/404.html. Pagefind indexes every HTML page
//     of the site (lists, the home page, the search page...), where
//     polisee indexes item pages; a result that is no expected page counts
//     as a wrong answer for both.
//  4. Maps every result to a page address as the set writes them
//     (practices/x/, el/practices/x/) and prints, for each tool, MRR (the
//     mean of 1/rank of the first expected page in the top 10, 0 when
//     none), recall@10 and top-5 (the fractions of queries with an
//     expected page in the first 10 and 5 results), for all queries, for
//     all but the field filters (type:practice and the like, a query
//     syntax Pagefind does not have: it reads them as words), and per kind
//     of query; then, for each tool, the queries without an expected page
//     in its top 5.
//
// search/judged_test.go holds polisee to a floor on the same set, without
// a browser. -keep keeps the built site and prints where.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/internal/relevance"
	"github.com/clusterpolisee/polisee/search"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "polisee-relevance:", err)
		os.Exit(1)
	}
}

type options struct {
	judged   string
	pagefind string // Pagefind binary; "" skips Pagefind
	chrome   string
	browser  bool
	keep     bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fl := flag.NewFlagSet("polisee-relevance", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.judged, "judged", filepath.Join("search", "testdata", "judged.yaml"), "the judged query set")
	fl.StringVar(&o.pagefind, "pagefind", "pagefind", `Pagefind binary to compare with ("" to skip Pagefind)`)
	fl.StringVar(&o.chrome, "chrome", "", "Chromium binary (default $CHROME_PATH, then chromium, chromium-browser, google-chrome)")
	fl.BoolVar(&o.browser, "browser", true, "also run polisee's queries with its WebAssembly engine in Chromium, and compare the rankings")
	fl.BoolVar(&o.keep, "keep", false, "keep the built site (with Pagefind's index) and print where")
	if err := fl.Parse(args); err != nil {
		return o, err
	}
	if fl.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	qs, err := relevance.Load(o.judged)
	if err != nil {
		return fmt.Errorf("%w (run from the root of the polisee module, or pass -judged)", err)
	}
	pagefind := ""
	if o.pagefind != "" {
		if pagefind, err = exec.LookPath(o.pagefind); err != nil {
			logf("%s not found: measuring polisee alone", o.pagefind)
			pagefind = ""
		}
	}
	chrome := ""
	if pagefind != "" || o.browser {
		if chrome, err = benchkit.FindChrome(o.chrome); err != nil {
			if pagefind != "" {
				return err
			}
			logf("%v: polisee's browser engine is not checked", err)
		}
	}

	work, err := os.MkdirTemp("", "polisee-relevance-")
	if err != nil {
		return err
	}
	if o.keep {
		logf("keeping the site in %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	public := filepath.Join(work, "public")
	logf("building the starter site...")
	if err := buildStarter(ctx, public); err != nil {
		return err
	}
	languages, err := siteLanguages(public)
	if err != nil {
		return err
	}
	if err := relevance.CheckLanguages(qs, languages); err != nil {
		return fmt.Errorf("%s: %w", o.judged, err)
	}

	logf("polisee: %d queries...", len(qs))
	poliseeOuts, err := runPolisee(ctx, public, qs, languages)
	if err != nil {
		return err
	}
	tools := []relevance.Tool{{Name: "polisee", Outcomes: poliseeOuts}}
	b := benchkit.Browser{Chrome: chrome, Logf: logf}
	var notes []string
	if o.browser && chrome != "" {
		logf("polisee in Chromium: %d queries...", len(qs))
		note, err := compareBrowser(ctx, &b, public, qs, languages, poliseeOuts)
		if err != nil {
			return fmt.Errorf("polisee in the browser: %w", err)
		}
		notes = append(notes, note)
	}
	if pagefind != "" {
		logf("running %s...", pagefind)
		pf, err := benchkit.RunPagefind(ctx, pagefind, public)
		if err != nil {
			return err
		}
		logf("Pagefind in Chromium: %d queries...", len(qs))
		outs, err := runPagefind(ctx, &b, public, qs, languages)
		if err != nil {
			return fmt.Errorf("Pagefind in the browser: %w", err)
		}
		tools = append(tools, relevance.Tool{Name: "Pagefind", Outcomes: outs})
		notes = append(notes, fmt.Sprintf("Pagefind (%s) indexed %d pages, %d words.", pagefindVersion(ctx, pagefind), pf.Pages, pf.Words))
	}

	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
	}
	fmt.Fprintf(stdout, "%d judged queries (%s) on the starter site in %s\n\n", len(qs), o.judged, strings.Join(languages, ", "))
	relevance.WriteFigures(stdout, tools...)
	for _, t := range tools {
		fmt.Fprintf(stdout, "\n%s: queries without an expected page in the top 5 (rank 6-10, or - when none in the top 10):\n", t.Name)
		relevance.WriteMisses(stdout, t)
	}
	if len(notes) > 0 {
		fmt.Fprintln(stdout)
		for _, n := range notes {
			fmt.Fprintln(stdout, n)
		}
	}
	return nil
}

// buildStarter builds the starter content into public as polisee build
// does, with the browser engine.
func buildStarter(ctx context.Context, public string) error {
	_, err := generator.Build(ctx, generator.Config{
		Src: content.Starter(), SrcRoot: "content", Out: public, Engine: benchkit.Engine(),
	})
	return err
}

// siteLanguages reads the site's languages, the default first, from the
// index's description, as polisee search does.
func siteLanguages(public string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(public, generator.SearchDir, "meta.json"))
	if err != nil {
		return nil, err
	}
	var meta struct {
		Languages []string `json:"languages"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, fmt.Errorf("search/meta.json: %w", err)
	}
	if len(meta.Languages) == 0 {
		return nil, errors.New("search/meta.json names no languages")
	}
	return meta.Languages, nil
}

func runPolisee(ctx context.Context, public string, qs []relevance.Query, languages []string) ([]relevance.Outcome, error) {
	files, err := benchkit.PoliseeFiles(public)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(files.Index)))
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(data)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return relevance.RunPolisee(ctx, ix, qs, languages)
}

// pageOf is the page a query of lang is typed on in the browser: the 404
// page of that language's folder, which loads no search of its own.
func pageOf(lang string, languages []string) string {
	if lang == languages[0] {
		return "/404.html"
	}
	return "/" + lang + "/404.html"
}

func rankedQueries(qs []relevance.Query, languages []string) []benchkit.RankedQuery {
	out := make([]benchkit.RankedQuery, len(qs))
	for i, q := range qs {
		r := relevance.Request(q.Query, q.Lang, languages)
		out[i] = benchkit.RankedQuery{Page: pageOf(q.Lang, languages), Query: q.Query, Langs: r.Langs, Shown: r.Shown}
	}
	return out
}

// compareBrowser runs the queries with polisee's WebAssembly engine and
// says whether each top 10 is the native one.
func compareBrowser(ctx context.Context, b *benchkit.Browser, public string, qs []relevance.Query, languages []string, native []relevance.Outcome) (string, error) {
	urls, err := b.PoliseeTop(ctx, public, rankedQueries(qs, languages), relevance.TopN)
	if err != nil {
		return "", err
	}
	var differ []string
	for i, q := range qs {
		got := make([]string, len(urls[i]))
		for j, u := range urls[i] {
			got[j] = relevance.PageAddress(u, q.Lang, languages)
		}
		if !slices.Equal(got, native[i].Got) {
			differ = append(differ, fmt.Sprintf("%q (%s)", q.Query, q.Lang))
		}
	}
	if len(differ) == 0 {
		return fmt.Sprintf("polisee's WebAssembly engine in Chromium ranked the same top %d as the native search for all %d queries.", relevance.TopN, len(qs)), nil
	}
	return fmt.Sprintf("WARNING: polisee's WebAssembly engine in Chromium ranked another top %d than the native search for %d of %d queries: %s",
		relevance.TopN, len(differ), len(qs), strings.Join(differ, ", ")), nil
}

func runPagefind(ctx context.Context, b *benchkit.Browser, public string, qs []relevance.Query, languages []string) ([]relevance.Outcome, error) {
	urls, err := b.PagefindTop(ctx, public, rankedQueries(qs, languages), relevance.TopN)
	if err != nil {
		return nil, err
	}
	outs := make([]relevance.Outcome, len(qs))
	for i, q := range qs {
		got := make([]string, len(urls[i]))
		for j, u := range urls[i] {
			got[j] = pagefindAddress(u)
		}
		outs[i] = relevance.NewOutcome(q, got)
	}
	return outs, nil
}

// pagefindAddress maps a Pagefind result URL (/el/practices/x/, or
// .../index.html) to a page address as the judged set writes them.
func pagefindAddress(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	u = strings.TrimSuffix(u, "index.html")
	return strings.TrimPrefix(u, "/")
}

// pagefindVersion is what `pagefind --version` prints, or "version
// unknown".
func pagefindVersion(ctx context.Context, bin string) string {
	out, err := exec.CommandContext(ctx, bin, "--version").Output()
	if err != nil {
		return "version unknown"
	}
	return strings.TrimSpace(string(out))
}
