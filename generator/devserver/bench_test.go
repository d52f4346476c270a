package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// BenchmarkEditToReload measures the time from writing a content file to
// the reload event, through the real watcher, on generated corpora:
//
//	go test ./generator/devserver -run '^$' -bench EditToReload -benchtime 5x
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("-short")
			}
			dir := filepath.Join(b.TempDir(), "content")
			if err := corpus.Write(dir, n, 1); err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			srv, err := New(ctx, Config{Build: generator.Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir}, SrcDir: dir})
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			ln, err := srv.Listen("127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			go srv.Serve(ctx, ln)
			events := subscribe(b, "http://"+ln.Addr().String())
			next(b, events, "state")
			target := filepath.Join(dir, "glossary", "bench-term.md")
			os.MkdirAll(filepath.Dir(target), 0o755)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				writeFile(b, dir, "glossary/bench-term.md", fmt.Sprintf("---\ntitle: Term %d\nsummary: s\n---\n", i))
				next(b, events, "reload")
				b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/reload")
			}
			b.StopTimer()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.Sys)/(1<<20), "MB-sys")
		})
	}
}
