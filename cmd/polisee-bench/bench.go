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
	// runs are each round's build of a polisee row (use is their
	// median), and memory the system's state before each.
	runs   []benchkit.Usage
	memory []string
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
	load     [2]string // load average before polisee's first build and after the size's last run
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

// sizeWork is one corpus size on its way through the bench: its corpus
// and queries (prepareSize), polisee's builds of it (buildRounds), then
// the rest (finish).
type sizeWork struct {
	n       int
	dir     string // the size's folder, removed with the bench's
	content string // the corpus
	browser *benchkit.Browser
	s       sizeResult
	// builds are polisee's, per variant (o.variants), one per round.
	builds [][]polBuild
	logf   func(format string, args ...any)
}

// polBuild is one measured polisee build.
type polBuild struct {
	use    benchkit.Usage
	out    string // the site it wrote
	memory string // the system's memory before it (benchkit.MemoryState)
}

// prepareSize writes the corpus of size n into dir and, with a browser,
// picks the queries from its documents' words. dir is removed with the
// bench's folder when the bench ends, unless -keep, not before: a
// deletion slows the builds measured after it (see benchkit.SettleDisk).
func prepareSize(ctx context.Context, o options, dir string, n int, bins tools, p peers, log io.Writer) (*sizeWork, error) {
	w := &sizeWork{n: n, dir: dir, content: filepath.Join(dir, "content"), s: sizeResult{n: n}}
	w.logf = func(format string, args ...any) { fmt.Fprintf(log, "N=%d: "+format+"\n", append([]any{n}, args...)...) }
	w.logf("writing the corpus...")
	if err := writeCorpus(ctx, bins, w.content, n, o.seed); err != nil {
		return nil, err
	}
	if p.chrome != "" {
		w.logf("picking %d queries from the documents' words...", o.queries)
		start := time.Now()
		words, err := corpusWords(ctx, w.content)
		if err != nil {
			return nil, err
		}
		w.logf("%d distinct words, read in %.1f s", len(words), time.Since(start).Seconds())
		w.browser = &benchkit.Browser{Chrome: p.chrome, Logf: w.logf}
		w.browser.Cold, w.browser.Queries = benchkit.PickQueries(words, o.queries, o.seed)
		w.s.cold, w.s.queries = w.browser.Cold, len(w.browser.Queries)
	}
	return w, nil
}

// buildRounds makes polisee's builds, before anything else is measured:
// -runs rounds, each of which builds every size once with each variant,
// smallest first. A build's time depends on the machine's state as well
// as on the code (free memory, the file cache, writes still going to
// disk: benchkit.MemoryState, SettleDisk), and that state drifts as the
// bench writes gigabytes; interleaved, the sizes' builds meet it alike,
// so that their ratio (growthLines, roundGrowth) is the code's. Each
// build writes a new folder (benchkit.FreshFolder) after the disk has
// settled, and nothing is deleted until the bench ends: every build is a
// clean one.
func buildRounds(ctx context.Context, o options, works []*sizeWork, bins tools) error {
	for _, w := range works {
		w.builds = make([][]polBuild, len(o.variants))
	}
	for r := range o.runs {
		for _, w := range works {
			for v, flags := range o.variants {
				out, err := benchkit.FreshFolder(filepath.Join(w.dir, "public"))
				if err != nil {
					return err
				}
				benchkit.SettleDisk()
				b := polBuild{out: out, memory: benchkit.MemoryState()}
				if r == 0 && v == 0 {
					w.s.load[0] = benchkit.LoadAverage()
				}
				w.logf("%s, round %d of %d...", toolName(flags), r+1, o.runs)
				if b.use, _, err = benchkit.Measure(ctx, nil, bins.polisee, buildArgs(flags, w.content, out)...); err != nil {
					return fmt.Errorf("N=%d: %s: %w", w.n, toolName(flags), err)
				}
				w.logf("%s, round %d: %s; before it, %s", toolName(flags), r+1, usageText(b.use), b.memory)
				w.builds[v] = append(w.builds[v], b)
			}
		}
	}
	return nil
}

// finish makes the size's rows: polisee's median build of each variant
// with its index and its search in the browser, then the peers'.
func (w *sizeWork) finish(ctx context.Context, o options, p peers) (sizeResult, error) {
	s := w.s
	for v, flags := range o.variants {
		runs := w.builds[v]
		med := medianOf(runs, func(b polBuild) time.Duration { return b.use.Wall })
		r := result{tool: toolName(flags), use: med.use}
		for _, b := range runs {
			r.runs = append(r.runs, b.use)
			r.memory = append(r.memory, b.memory)
		}
		var err error
		if r.files, r.size, err = benchkit.TreeStats(med.out); err != nil {
			return s, err
		}
		out := med.out
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
			if w.browser != nil && files.Wasm != "" {
				if r.search, err = w.browser.Polisee(ctx, out); err != nil {
					return s, fmt.Errorf("%s in the browser: %w", r.tool, err)
				}
			}
		}
		s.rows = append(s.rows, r)
	}

	switch {
	case p.hugo == "":
	case w.n > o.hugoMax:
		s.skipped = fmt.Sprintf("not run: N > -hugo-max %d", o.hugoMax)
	default:
		if err := s.runPeers(ctx, o, w.dir, w.content, p, w.browser, w.logf); err != nil {
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
