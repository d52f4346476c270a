package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/search"
)

// builtSite is the polisee site the benchmark serves, with what its build
// cost.
type builtSite struct {
	public    string // output folder
	pages     int
	docs      []search.Document
	siteBuild time.Duration // generator.Build, whole site
	index     time.Duration // search.Build alone, same documents
	// sameIndex reports whether search.Build on the rebuilt documents gave
	// the bytes of the site's index, i.e. whether index times exactly
	// the index the site ships.
	sameIndex bool
	inParts   bool // the site's search page reads the index in parts
}

// buildSite writes the corpus into work/content, builds it into
// work/public, with the index in parts as parts says
// (generator.Config.IndexParts), and times the index.
func buildSite(ctx context.Context, work string, n int, seed int64, parts string, logf func(string, ...any)) (*builtSite, error) {
	content := filepath.Join(work, "content")
	logf("writing a corpus of %d documents...", n)
	if err := writeCorpus(ctx, content, n, seed); err != nil {
		return nil, err
	}
	s := &builtSite{public: filepath.Join(work, "public")}
	cfg := generator.Config{
		Src: model.DirFS(content), SrcRoot: "content", SrcDir: content, Out: s.public,
		Engine: benchkit.Engine(), IndexParts: parts,
	}
	logf("building the site...")
	start := time.Now()
	built, err := generator.Build(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s.siteBuild = time.Since(start)
	s.pages = len(built.Pages)
	if s.docs, err = generator.SearchDocuments(ctx, cfg); err != nil {
		return nil, err
	}

	logf("timing search.Build on %d documents...", len(s.docs))
	start = time.Now()
	index, err := search.Build(ctx, s.docs, "")
	if err != nil {
		return nil, err
	}
	s.index = time.Since(start)
	files, err := benchkit.PoliseeFiles(s.public)
	if err != nil {
		return nil, err
	}
	shipped, err := os.ReadFile(filepath.Join(s.public, filepath.FromSlash(files.Index)))
	if err != nil {
		return nil, err
	}
	s.sameIndex = bytes.Equal(index, shipped)
	s.inParts = files.Head != ""
	return s, nil
}

// writeCorpus runs corpuswrite: Go's internal rule lets only packages
// under generator/ import the corpus package. The package path, rather
// than ./generator/..., makes go run find it from anywhere in the module.
func writeCorpus(ctx context.Context, dir string, n int, seed int64) error {
	cmd := exec.CommandContext(ctx, "go", "run", "github.com/clusterpolisee/polisee/generator/internal/corpus/corpuswrite",
		"-n", strconv.Itoa(n), "-seed", strconv.FormatInt(seed, 10), dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("write the corpus (run polisee-searchbench inside the polisee module): %w\n%s", err, out)
	}
	return nil
}
