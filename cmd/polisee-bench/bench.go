package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/internal/benchkit"
)

// result is one row of the table: one tool's measured build of one
// corpus, and its search in the browser.
type result struct {
	tool  string
	use   benchkit.Usage
	files int
	size  int64          // bytes written
	index *benchkit.Size // nil: no index
	// search is nil when the browser did not measure it.
	search *benchkit.SearchResult
}

// Row names of the peers: Hugo with minimal layouts, Hugo with the related
// lists of .Related as well, Pagefind, and each Hugo followed by Pagefind.
const (
	hugoTool            = "hugo"
	hugoRelatedTool     = "hugo .Related"
	pagefindTool        = "pagefind"
	pipelineTool        = hugoTool + "+" + pagefindTool
	relatedPipelineTool = hugoRelatedTool + "+" + pagefindTool
)

// isHugo and isPipeline tell the rows of Hugo alone and of Hugo followed
// by Pagefind.
func isHugo(r result) bool     { return r.tool == hugoTool || r.tool == hugoRelatedTool }
func isPipeline(r result) bool { return r.tool == pipelineTool || r.tool == relatedPipelineTool }

// pipeline is the row of Hugo followed by Pagefind on its output: times
// add up, the peak resident set is the larger, the output is Hugo's site
// with Pagefind's folder, and the index and the search are Pagefind's.
func pipeline(hugo, pagefind result) result {
	return result{
		tool:   hugo.tool + "+" + pagefind.tool,
		use:    hugo.use.Then(pagefind.use),
		files:  hugo.files + pagefind.files,
		size:   hugo.size + pagefind.size,
		index:  pagefind.index,
		search: pagefind.search,
	}
}

// sizeResult is what one corpus size measured.
type sizeResult struct {
	n int
	// rows are the polisee variants, then, when run, hugo, pagefind,
	// hugo+pagefind, hugo .Related and hugo .Related+pagefind.
	rows []result
	// skipped says why the peers did not run at this size; "" when they
	// did or are missing altogether.
	skipped  string
	notes    []string // what else did not run at this size, and why
	cold     string   // the first query; "" without the browser
	queries  int      // timed queries
	pagefind *benchkit.PagefindIndex
	load     [2]string // load average before and after
	memory   string    // the system's free memory and file cache before polisee's builds
}

// peers are the rows polisee is compared with: Hugo followed by
// Pagefind, or Hugo alone when Pagefind did not run; none when Hugo did
// not run.
func (s sizeResult) peers() []result {
	var pipelines, hugos []result
	for _, r := range s.rows {
		switch {
		case isPipeline(r):
			pipelines = append(pipelines, r)
		case isHugo(r):
			hugos = append(hugos, r)
		}
	}
	if len(pipelines) > 0 {
		return pipelines
	}
	return hugos
}

// pagefindSearch is what the browser measured of Pagefind's search; nil
// when it did not.
func (s sizeResult) pagefindSearch() *benchkit.SearchResult {
	for _, r := range s.rows {
		if r.tool == pagefindTool {
			return r.search
		}
	}
	return nil
}

// benchSize writes the corpus of size n into dir and measures each tool on
// it. dir is removed with the bench's folder when the bench ends, unless
// -keep, not before: a deletion slows the builds measured after it (see
// benchkit.SettleDisk). Each measured run writes a folder of its own
// (see measureBuild): a polisee site of 10,000 generated documents
// takes about 400 MB, and ten times that at 100,000.
func benchSize(ctx context.Context, o options, dir string, n int, bins tools, p peers, log io.Writer) (sizeResult, error) {
	s := sizeResult{n: n}
	s.load[0] = benchkit.LoadAverage()
	logf := func(format string, args ...any) { fmt.Fprintf(log, "N=%d: "+format+"\n", append([]any{n}, args...)...) }
	content := filepath.Join(dir, "content")
	logf("writing the corpus...")
	if err := writeCorpus(ctx, bins, content, n, o.seed); err != nil {
		return s, err
	}
	var browser *benchkit.Browser
	if p.chrome != "" {
		logf("picking %d queries from the documents' words...", o.queries)
		start := time.Now()
		words, err := corpusWords(ctx, content)
		if err != nil {
			return s, err
		}
		logf("%d distinct words, read in %.1f s", len(words), time.Since(start).Seconds())
		browser = &benchkit.Browser{Chrome: p.chrome, Logf: logf}
		browser.Cold, browser.Queries = benchkit.PickQueries(words, o.queries, o.seed)
		s.cold, s.queries = browser.Cold, len(browser.Queries)
	}

	out := filepath.Join(dir, "public")
	s.memory = benchkit.MemoryState()
	for _, flags := range o.variants {
		logf("%s...", toolName(flags))
		r, err := measureBuild(o.runs, toolName(flags), out, func(out string) (benchkit.Usage, error) {
			u, _, err := benchkit.Measure(ctx, nil, bins.polisee, buildArgs(flags, content, out)...)
			return u, err
		})
		if err != nil {
			return s, err
		}
		_, err = os.Stat(filepath.Join(out, generator.SearchDir, "meta.json"))
		switch {
		case errors.Is(err, fs.ErrNotExist): // built without a search index
		case err != nil:
			return s, err
		default:
			files, err := benchkit.PoliseeFiles(out)
			if err != nil {
				return s, err
			}
			index, err := benchkit.FileSize(filepath.Join(out, filepath.FromSlash(files.Index)))
			if err != nil {
				return s, err
			}
			r.index = &index
			if browser != nil && files.Wasm != "" {
				if r.search, err = browser.Polisee(ctx, out); err != nil {
					return s, fmt.Errorf("%s in the browser: %w", r.tool, err)
				}
			}
		}
		s.rows = append(s.rows, r)
	}

	switch {
	case p.hugo == "":
	case n > o.hugoMax:
		s.skipped = fmt.Sprintf("not run: N > -hugo-max %d", o.hugoMax)
	default:
		if err := s.runPeers(ctx, o, dir, content, p, browser, logf); err != nil {
			return s, err
		}
	}
	s.load[1] = benchkit.LoadAverage()
	return s, nil
}

// runPeers builds the corpus with Hugo, then runs Pagefind on Hugo's
// output and measures its search; then, with -hugo-related and up to
// -hugo-related-max, builds it again with Hugo's related lists.
func (s *sizeResult) runPeers(ctx context.Context, o options, dir, content string, p peers, browser *benchkit.Browser, logf func(string, ...any)) error {
	site := filepath.Join(dir, "hugo")
	if err := writeHugoSite(content, site); err != nil {
		return fmt.Errorf("write the Hugo site: %w", err)
	}
	// Hugo's file cache goes beside the site, not into the user's cache.
	env := []string{"HUGO_CACHEDIR=" + filepath.Join(dir, "hugo-cache")}
	buildHugo := func(tool, environment, out string) (result, error) {
		logf("%s...", tool)
		return measureBuild(o.runs, tool, out, func(out string) (benchkit.Usage, error) {
			u, _, err := benchkit.Measure(ctx, env, p.hugo, "--quiet", "--environment", environment, "-s", site, "-d", out)
			return u, err
		})
	}
	hout := filepath.Join(dir, "hugo-public")
	hugo, err := buildHugo(hugoTool, hugoMinimal, hout)
	if err != nil {
		return err
	}
	s.rows = append(s.rows, hugo)
	var pfRow *result
	if p.pagefind != "" {
		logf("pagefind on Hugo's output...")
		pf, err := medianRun(o.runs, func(pf *benchkit.PagefindIndex) time.Duration { return pf.Use.Wall },
			func() (*benchkit.PagefindIndex, error) { return benchkit.RunPagefind(ctx, p.pagefind, hout) })
		if err != nil {
			return err
		}
		s.pagefind = pf
		// The index column holds Pagefind's whole output folder, as a
		// reader's host serves it; the index proper is in the notes.
		r := result{tool: pagefindTool, use: pf.Use, files: pf.Files, size: pf.All.Raw, index: &pf.All}
		if browser != nil {
			if r.search, err = browser.Pagefind(ctx, hout, pf); err != nil {
				return fmt.Errorf("Pagefind in the browser: %w", err)
			}
		}
		pfRow = &r
		s.rows = append(s.rows, r, pipeline(hugo, r))
	}
	if !o.hugoRelated {
		return nil
	}
	if s.n > o.hugoRelatedMax {
		s.notes = append(s.notes, fmt.Sprintf("Hugo with .Related not run: N > -hugo-related-max %d", o.hugoRelatedMax))
		return nil
	}
	rout := filepath.Join(dir, "hugo-related-public")
	related, err := buildHugo(hugoRelatedTool, hugoRelated, rout)
	if err != nil {
		return err
	}
	s.rows = append(s.rows, related)
	if pfRow != nil {
		// Pagefind's run on the minimal site stands for its run on this
		// one: the related lists are data-pagefind-ignore, so the index
		// is the same.
		s.rows = append(s.rows, pipeline(related, *pfRow))
	}
	return nil
}

// measureBuild runs one build runs times, each into a new folder beside
// out, on a settled disk (benchkit.SettleDisk), leaves the last run's
// output at out, and describes the median run and what it wrote. No run
// follows the removal of an earlier one's output (see SettleDisk): the
// folders stay until the bench ends.
func measureBuild(runs int, tool, out string, build func(out string) (benchkit.Usage, error)) (result, error) {
	var last string
	u, err := medianRun(runs, func(u benchkit.Usage) time.Duration { return u.Wall }, func() (benchkit.Usage, error) {
		dir, err := benchkit.FreshFolder(out)
		if err != nil {
			return benchkit.Usage{}, err
		}
		last = dir
		benchkit.SettleDisk()
		return build(dir)
	})
	if err != nil {
		return result{}, err
	}
	if err := benchkit.MoveAside(out); err != nil {
		return result{}, err
	}
	if err := os.Rename(last, out); err != nil {
		return result{}, err
	}
	files, size, err := benchkit.TreeStats(out)
	if err != nil {
		return result{}, err
	}
	return result{tool: tool, use: u, files: files, size: size}, nil
}

// corpusWords returns the words of the documents' bodies as polisee
// indexes them, the vocabulary the queries are picked from. The documents
// are dropped before the builds run, and their memory given back.
func corpusWords(ctx context.Context, content string) ([]string, error) {
	docs, err := generator.SearchDocuments(ctx, generator.Config{Src: model.DirFS(content), SrcRoot: "content", SrcDir: content})
	if err != nil {
		return nil, err
	}
	words := benchkit.Vocabulary(docs)
	debug.FreeOSMemory() // docs are not used from here on
	return words, nil
}
