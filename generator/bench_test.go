package generator_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// The build benchmarks run the whole pipeline (load, validate, render,
// write) on a synthetic corpus of n practices and profiles from package
// corpus. Run them with
//
//	go test -bench Build -benchtime 1x -run '^$' ./generator
//
// and add -short to skip the 10k corpus. For a comparison with Hugo and
// peak memory, see cmd/polisee-bench.

func BenchmarkBuild1k(b *testing.B) { benchmarkBuild(b, 1_000) }

func BenchmarkBuild10k(b *testing.B) {
	if testing.Short() {
		b.Skip("10k corpus skipped with -short")
	}
	benchmarkBuild(b, 10_000)
}

// benchCorpusSeed fixes the corpus, so that runs on different days build
// the same bytes.
const benchCorpusSeed = 1

// benchCorpus writes the synthetic corpus of n documents into a new
// folder and returns the configuration that builds it into another.
func benchCorpus(b *testing.B, n int) generator.Config {
	tmp := b.TempDir()
	src := filepath.Join(tmp, "content")
	if err := corpus.Write(src, n, benchCorpusSeed); err != nil {
		b.Fatal(err)
	}
	return generator.Config{Src: os.DirFS(src), SrcRoot: "content", SrcDir: src, Out: filepath.Join(tmp, "public")}
}

func benchmarkBuild(b *testing.B, n int) {
	cfg := benchCorpus(b, n)
	b.SetBytes(treeSize(b, cfg.SrcDir))
	ctx := context.Background()
	pages := 0
	// Every iteration after the first replaces the previous output, as a
	// rebuild does; b.Loop runs this function once, so the corpus is
	// written once.
	for b.Loop() {
		site, err := generator.Build(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		pages = len(site.Pages)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// treeSize is the number of bytes of content, for the MB/s figure.
func treeSize(b *testing.B, dir string) int64 {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return total
}
