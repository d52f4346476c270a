// Command polisee builds the ClusterPoliSEE knowledge base: Markdown files
// with front matter in, a static, searchable web site out.
//
// Usage:
//
//	polisee build  [-src content] [-out public] [-theme DIR] [-base-url URL] [-drafts] [-offline] [-zip FILE] [-no-browser-search] [-index-parts auto|always|never]
//	polisee check  [-src content] [-format text|github|json] [-strict] [-stale-after 2y [-today YYYY-MM-DD]]
//	polisee search [-index public/search] [-json] [-n 10] [-facets] [-lang en,el] [-sort relevance|date|title] [-exact] QUERY
//	polisee serve  [-addr 127.0.0.1:1313] [-src content] [-theme DIR] [-drafts] [-no-browser-search]
//	polisee new    TYPE SLUG [-src content] [-lang LANG]
//	polisee schema [-format text|markdown|json]
//	polisee init   DIR
//	polisee diff   [-link URL] OLD NEW | -git REF [-src content] [-new DIR] [-link URL]
//	polisee version
//
// build checks the content and writes the site into -out (default public),
// replacing the previous site only once the new one is complete. check
// reports every problem in the content as path:line:col: message, sorted,
// and exits with status 1 when there is an error (-strict: or a warning);
// -format github prints GitHub Actions annotations and -format json an
// array of {path, line, col, severity, message}. new writes
// content/TYPE/SLUG.md with every field of the type, required ones marked
// and allowed values listed, and refuses to overwrite a file. schema prints
// the content schema, generated from the model that check uses. search
// answers a query from the index that build writes into public/search,
// with the code the site's search page runs: words (every one must
// appear), "phrases", prefix*, word~1, -not and field:value (type, area,
// country, region, status, level, year, tag); an empty query lists
// every page. init writes a new site repository; diff prints, as Markdown
// for a pull request, what a change does to the built site (two built
// sites, or the content at a Git REF against the working tree); version
// prints the version, commit, Go version and search engine.
//
// Without -src, both use ./content when it exists and otherwise the starter
// content built into the program, so `polisee build` works anywhere.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/search/engine"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "polisee:", err)
		}
		os.Exit(1)
	}
}

// errReported means the problems were already printed.
var errReported = errors.New("reported")

// errHelp means a command printed its flags for -h and must stop there,
// successfully.
var errHelp = errors.New("help shown")

const usage = `polisee builds the ClusterPoliSEE knowledge base into a static site.

Commands:
  build   check the content and write the site (default into public/)
  check   report every problem in the content, as path:line:col: message
  search  query the site's search index, as the site's search page does
  serve   preview the site at http://127.0.0.1:1313/, rebuilding and reloading on save
  new     write a new content file with every field of its type: polisee new practice SLUG
  schema  print the content schema: every type, its fields and allowed values
  init    write a new site repository: polisee init DIR (content, README, workflows)
  diff    what a change does to the built site, as Markdown: polisee diff OLD NEW, or -git REF
  version print the version, commit, Go version and search engine of this polisee

Run "polisee COMMAND -h" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := runCommand(ctx, args, stdout, stderr); !errors.Is(err, errHelp) {
		return err
	}
	return nil
}

func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errReported
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "search":
		return runSearch(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(ctx, args[1:], stdout, stderr)
	case "schema":
		return runSchema(ctx, args[1:], stdout, stderr)
	case "init":
		return runInit(ctx, args[1:], stdout, stderr)
	case "version":
		return runVersion(ctx, args[1:], stdout, stderr)
	case "diff":
		return runDiff(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "polisee: unknown command %q\n\n%s", args[0], usage)
	return errReported
}

// source describes where the content comes from.
type source struct {
	flag string
}

func (s *source) register(fl *flag.FlagSet) {
	fl.StringVar(&s.flag, "src", "", "content folder (default ./content, or the built-in starter content when there is none)")
}

// config resolves the content folder into the generator's terms.
func (s *source) config() (generator.Config, error) {
	dir := s.flag
	if dir == "" {
		if info, err := os.Stat("content"); err == nil && info.IsDir() {
			dir = "content"
		}
	}
	if dir == "" {
		return generator.Config{Src: content.Starter(), SrcRoot: "content"}, nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return generator.Config{}, fmt.Errorf("content folder: %w", err)
	}
	if !info.IsDir() {
		return generator.Config{}, fmt.Errorf("content folder %s is not a folder", dir)
	}
	return generator.Config{Src: model.DirFS(dir), SrcRoot: filepath.ToSlash(filepath.Clean(dir)), SrcDir: dir}, nil
}

// noteStarter says that there is no content folder, and that the
// starter content built into the program is used instead: run in the
// wrong folder, check would otherwise report on other content than the
// editor's, and find nothing wrong.
func noteStarter(stderr io.Writer, cfg generator.Config, doing string) {
	if cfg.SrcDir == "" {
		fmt.Fprintf(stderr, "no ./content here: %s the starter content built into polisee; run polisee in your site's folder, or give -src\n", doing)
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	return fl
}

func parse(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errReported
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(fl.Output(), "polisee %s: unexpected argument %q\n", fl.Name(), fl.Arg(0))
		return errReported
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("build", stderr)
	var src source
	src.register(fl)
	out := fl.String("out", "public", "output folder; replaced as a whole when the build succeeds")
	theme := fl.String("theme", "", "theme folder whose files replace those of the default theme")
	baseURL := fl.String("base-url", "", "absolute URL the site is published at (overrides base_url in site.yaml)")
	drafts := fl.Bool("drafts", false, "include items marked draft: true")
	offline := fl.Bool("offline", false, "link folders as folder/index.html so the site works opened from disk")
	noBrowserSearch := fl.Bool("no-browser-search", false, "leave the browser search engine out (the index is still written)")
	indexParts := fl.String("index-parts", "auto", "cut the browser's index into parts fetched as queries need them: auto (when the index is over 4 MB), always or never")
	zipName := fl.String("zip", "", "with -offline: the archive to write (default NAME-offline-DATE.zip in the current folder; NAME-offline.zip when nothing dates the content)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *zipName != "" && !*offline {
		return errors.New("-zip names the archive of an offline copy: give -offline too")
	}
	if *out == "" {
		return errors.New("-out: give the output folder, e.g. -out public")
	}
	parts := map[string]string{"auto": generator.IndexPartsBySize, "always": generator.IndexPartsAlways, "never": generator.IndexPartsNever}
	mode, ok := parts[*indexParts]
	if !ok {
		return fmt.Errorf("-index-parts %q: give auto, always or never", *indexParts)
	}
	if u, err := url.Parse(*baseURL); *baseURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		return fmt.Errorf("-base-url %q: give the full address the site is published at, e.g. https://example.org/kb/", *baseURL)
	}
	cfg, err := src.config()
	if err != nil {
		return err
	}
	noteStarter(stderr, cfg, "building")
	cfg.Out, cfg.BaseURL, cfg.Drafts, cfg.Offline, cfg.IndexParts = *out, *baseURL, *drafts, *offline, mode
	cfg.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	if *offline {
		if !flagSet(fl, "out") {
			cfg.Out = "offline"
		}
		cfg.Snapshot = snapshotOf(ctx, cfg.SrcDir)
	}
	if *theme != "" {
		info, err := os.Stat(*theme)
		if err != nil || !info.IsDir() {
			return fmt.Errorf("theme folder %s: not found", *theme)
		}
		cfg.Theme, cfg.ThemeRoot = os.DirFS(*theme), *theme
	}
	setMemoryLimit(cfg.Src, buildMemoryBase, buildMemoryPerFile)
	setGCPercent(buildGCPercent)
	if !*noBrowserSearch {
		cfg.Engine = browserEngine()
	}
	cfg.Progress = newStageReporter(stderr).stage
	site, err := generator.Build(ctx, cfg)
	if list, ok := diag.AsList(err); ok {
		printDiags(stderr, list)
		return errReported
	}
	if err != nil {
		return err
	}
	printWarnings(stderr, site.Warnings)
	pages, langs := len(site.Pages), ""
	for _, lang := range site.Content.Site.Languages[1:] {
		pages += len(site.Translated[lang])
	}
	if n := len(site.Content.Site.Languages); n > 1 {
		langs = fmt.Sprintf(" in %d languages", n)
	}
	fmt.Fprintf(stdout, "built %d pages%s (%d files) from %d items into %s\n", pages, langs, len(site.Files), len(site.Content.Items), cfg.Out)
	if *offline {
		return writeArchive(stdout, site, cfg.Out, *zipName)
	}
	return nil
}

func flagSet(fl *flag.FlagSet, name string) bool {
	set := false
	fl.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func printDiags(w io.Writer, list diag.List) {
	for _, d := range list {
		fmt.Fprintln(w, d.String())
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// browserEngine is the search engine built into the program (package
// search/engine), in the generator's terms.
func browserEngine() *generator.SearchEngine {
	e := engine.Get()
	return &generator.SearchEngine{Wasm: e.Wasm, ExecJS: e.ExecJS, WasmGz: e.WasmGz, WasmBr: e.WasmBr}
}
