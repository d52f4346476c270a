package themes_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/devserver"
	"github.com/clusterpolisee/polisee/search/engine"
)

// TestBrowserSearchThroughServe runs readers' searches on the starter
// site as polisee serve previews it (pages first, the index built after
// them, files under fixed names), in both languages.
func TestBrowserSearchThroughServe(t *testing.T) {
	chrome, _ := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, content.Starter()); err != nil {
		t.Fatal(err)
	}
	e := engine.Get()
	cfg := generator.Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir,
		Engine: &generator.SearchEngine{Wasm: e.Wasm, ExecJS: e.ExecJS, WasmGz: e.WasmGz, WasmBr: e.WasmBr}}
	srv, err := devserver.New(ctx, devserver.Config{Build: cfg, SrcDir: dir, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ln, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(serveCtx, ln) }()
	defer func() {
		stop()
		<-done
	}()
	srv.WaitIndex()
	base := "http://" + ln.Addr().String()
	browser := startBrowser(t, ctx, chrome)
	for _, c := range readerCases {
		t.Run(c.name, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(browser)
			defer cancel()
			if err := chromedp.Do(tab, chromedp.Navigate(base+"/"+c.page+"?q="+url.QueryEscape(c.query))); err != nil {
				t.Fatal(err)
			}
			if err := readerCheck(tab, c); err != nil {
				t.Fatal(err)
			}
		})
	}
}
