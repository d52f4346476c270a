package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// BenchmarkRenderPage renders one page of each kind of the generated
// 1,000-document site, again and again: the cost of the templates alone,
// which a large build pays once a page. Run it with
//
//	go test -bench RenderPage -run '^$' ./generator
//
// BENCH_N=10000 in the environment generates a site of that many
// documents instead (the pages of areas, countries and organisations
// list more as it grows).
func BenchmarkRenderPage(b *testing.B) {
	src := filepath.Join(b.TempDir(), "content")
	if err := corpus.Write(src, benchN(), 1); err != nil {
		b.Fatal(err)
	}
	cfg := Config{Src: os.DirFS(src), SrcRoot: "content", SrcDir: src, Out: filepath.Join(b.TempDir(), "public")}
	bl, diags := prepare(context.Background(), cfg, prepareOptions{bodies: bodiesInMemory})
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	bl.rel = buildRelations(bl.content)
	bl.languageTrees()
	tmpls, err := bl.templates()
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range bl.pages {
		kind := p.Kind
		if p.Item != nil {
			kind += "-" + p.Item.Type.Folder
		}
		if seen[kind] {
			continue
		}
		seen[kind] = true
		b.Run(kind, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				if err := bl.renderPageTo(&buf, tmpls, p, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/page")
		})
	}
}

// benchN is the size of the site BenchmarkRenderPage renders: BENCH_N,
// else 1,000.
func benchN() int {
	n := 1000
	if s := os.Getenv("BENCH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}
