package themes_test

// The offline test: the starter site built as an offline copy, packed,
// unpacked into a temporary folder and opened from file:// in headless
// Chromium. Every link resolves to a file, pages three links deep open
// without console errors, search finds the expected result with facets,
// every page carries the snapshot stamp, and no request leaves the file
// system.

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/bundle"
)

func TestOfflineCopy(t *testing.T) {
	chrome, axeJS := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	snap := &generator.Snapshot{Date: "2026-01-02", Version: "abc1234", LiveURL: "https://example.org/kb/"}
	site := buildWithEngine(t, ctx, generator.Config{Src: content.Starter(), SrcRoot: "content", Offline: true, Snapshot: snap})
	archive := filepath.Join(t.TempDir(), "copy.zip")
	n, err := bundle.WriteFile(archive, site, bundle.Options{Root: "copy", Modified: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Skip: generator.OnlineOnly})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(archive)
	t.Logf("archive: %d files, %.1f MB", n, float64(info.Size())/1e6)
	root := filepath.Join(unzip(t, archive), "copy")

	// Every page: links resolve to files, the stamp is there.
	pages := checkLinks(t, root)
	if pages < 100 {
		t.Errorf("only %d pages in the archive", pages)
	}

	browser := startBrowser(t, ctx, chrome)
	var mu sync.Mutex
	var requests []string
	record := func(tab context.Context) {
		chromedp.Listen(tab, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				mu.Lock()
				requests = append(requests, e.Request.URL)
				mu.Unlock()
			}
		})
	}

	// Follow links three levels deep from the home page.
	home := fileURL(root, "index.html")
	visited := map[string]bool{}
	level := []string{home}
	for depth := 0; depth < 3 && len(level) > 0; depth++ {
		var next []string
		for _, u := range pickUnvisited(level, visited, 6) { // a few pages per level keep the test short
			visited[u] = true
			t.Run(fmt.Sprintf("depth%d/%s", depth, strings.TrimPrefix(u, fileURL(root, ""))), func(t *testing.T) {
				checkPageWith(t, browser, u, axeJS, record, func(tab context.Context) error {
					links, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main a[href], header nav a[href]")].map(a => new URL(a.getAttribute("href"), document.baseURI).href).filter(h => h.startsWith("file:")) /* SVG links have no string href */`))
					if err != nil {
						return err
					}
					sort.Strings(links)
					for _, l := range links {
						if err := existingPage(root, l); err != nil {
							return err
						}
						next = append(next, strings.SplitN(l, "#", 2)[0])
					}
					return nil
				})
			})
		}
		level = next
	}
	if len(visited) < 10 {
		t.Errorf("followed only %d pages", len(visited))
	}

	t.Run("search", func(t *testing.T) {
		start := time.Now()
		checkPageWith(t, browser, fileURL(root, "search/index.html")+"?q=accreditation", axeJS, record, func(tab context.Context) error {
			if err := searchFlow(t, "offline copy")(tab); err != nil {
				return err
			}
			t.Logf("search page opened and answered from disk in %v (cold, with axe)", time.Since(start).Round(time.Millisecond))
			return nil
		})
	})

	mu.Lock()
	defer mu.Unlock()
	if len(requests) == 0 {
		t.Fatal("no requests recorded")
	}
	for _, r := range requests {
		if !strings.HasPrefix(r, "file:") && !strings.HasPrefix(r, "data:") && !strings.HasPrefix(r, "blob:") {
			t.Errorf("request left the file system: %s", r)
		}
	}
	t.Logf("%d requests, all to file:, data: or blob:", len(requests))
}

// pickUnvisited returns up to n links not visited yet, spread over the
// list so that a level covers different kinds of pages.
func pickUnvisited(links []string, visited map[string]bool, n int) []string {
	seen := map[string]bool{}
	var fresh []string
	for _, l := range links {
		if !visited[l] && !seen[l] {
			seen[l] = true
			fresh = append(fresh, l)
		}
	}
	if len(fresh) <= n {
		return fresh
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, fresh[i*len(fresh)/n])
	}
	return out
}

func unzip(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			t.Fatalf("entry %s leaves the folder", f.Name)
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
		w.Close()
	}
	return dir
}

// checkLinks is a link checker over the unpacked copy: every relative
// href and src of every page names a file that exists, and every page
// carries the snapshot stamp. It returns the number of pages.
func checkLinks(t *testing.T, root string) int {
	t.Helper()
	pages, broken := 0, 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if !strings.Contains(string(data), `class="snapshot"`) || !strings.Contains(string(data), "abc1234") {
			t.Errorf("%s: no snapshot stamp", rel)
		}
		z := html.NewTokenizer(strings.NewReader(string(data)))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			for _, a := range z.Token().Attr {
				if a.Key != "href" && a.Key != "src" && a.Key != "action" {
					continue
				}
				u, err := url.Parse(a.Val)
				if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
					continue // external, in-page or data: links
				}
				target := filepath.Join(filepath.Dir(p), filepath.FromSlash(path.Clean(u.Path)))
				info, err := os.Stat(target)
				if err != nil || info.IsDir() {
					broken++
					if broken <= 20 {
						t.Errorf("%s: %s=%q does not name a file", rel, a.Key, a.Val)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if broken > 0 {
		t.Errorf("%d broken links in %d pages", broken, pages)
	}
	return pages
}
