package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
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
	bl, tmpls := preparedSite(b, src, bodiesInMemory)
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

// preparedSite prepares the site in the content folder src, its bodies
// kept as bodies says, for its pages to be rendered one by one
// (renderPageTo) with the layouts returned. A bodies' store is closed
// when tb ends.
func preparedSite(tb testing.TB, src string, bodies keepBodies) (*builder, map[string]*template.Template) {
	tb.Helper()
	cfg := Config{Src: os.DirFS(src), SrcRoot: "content", SrcDir: src, Out: filepath.Join(tb.TempDir(), "public")}
	b, diags := prepare(context.Background(), cfg, prepareOptions{bodies: bodies})
	if err := diags.Err(); err != nil {
		tb.Fatal(err)
	}
	if b.store != nil {
		tb.Cleanup(b.store.close)
	}
	b.rel = buildRelations(b.content)
	b.languageTrees()
	tmpls, err := b.templates()
	if err != nil {
		tb.Fatal(err)
	}
	return b, tmpls
}
