package themes_test

// The hostile-content suite in the browser: a site whose every published
// front-matter field carries an attack payload (internal/hostile;
// generator/hostile_test.go checks the same files as text) is opened page
// by page in headless Chromium. alert, confirm, prompt and print are
// hooked before any script of the page runs, JavaScript dialogs are
// watched through the DevTools protocol, and every element gets the
// events an injected handler would wait for: no payload may run.

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/hostile"
)

// hooks runs in every frame before the page's own scripts.
const hooks = `(() => {
  for (const f of ["alert", "confirm", "prompt", "print"]) {
    window[f] = function () { window.__dialogs = (window.__dialogs || 0) + 1; };
  }
})();`

// provoke fires the events injected handlers wait for on every element,
// then reports what ran: the marker, hooked dialogs, and elements or
// attributes that no page of the site should have after its scripts ran.
const provoke = `(() => {
  const all = [...document.querySelectorAll("*")];
  for (const el of all) {
    for (const type of ["mouseover", "mouseenter", "focus", "blur", "toggle", "animationstart", "pointerover", "input", "load", "error"]) {
      try { el.dispatchEvent(new Event(type)); } catch (e) {}
    }
    try { el.focus(); } catch (e) {}
  }
  const frames = [...document.querySelectorAll("iframe")].map(f => { try { return f.contentWindow.__pwned; } catch (e) { return undefined; } });
  const handlers = all.flatMap(el => [...el.attributes].filter(a => a.name.startsWith("on")).map(a => el.tagName + " " + a.name));
  const urls = all.flatMap(el => ["href", "src", "action"].filter(n => el.hasAttribute(n)).map(n => el[n] || "")).filter(u => /^(javascript|vbscript|data:text)/i.test(String(u)));
  return JSON.stringify({pwned: window.__pwned === undefined ? "" : String(window.__pwned), dialogs: window.__dialogs || 0, frames: frames.filter(x => x !== undefined).length, handlers, urls});
})()`

type verdict struct {
	Pwned    string   `json:"pwned"`
	Dialogs  int      `json:"dialogs"`
	Frames   int      `json:"frames"`
	Handlers []string `json:"handlers"`
	URLs     []string `json:"urls"`
}

func (v verdict) ran() bool { return v.Pwned != "" || v.Dialogs > 0 || v.Frames > 0 }

// hostileTab opens a tab with the hooks installed and a count of the
// JavaScript dialogs the protocol reports (each is dismissed).
func hostileTab(t *testing.T, browser context.Context, withHooks bool) (context.Context, *atomic.Int32) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	if withHooks {
		if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hooks}); err != nil {
			t.Fatal(err)
		}
	}
	var dialogs atomic.Int32
	events := chromedp.Events(tab, page.JavascriptDialogOpening)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			dialogs.Add(1)
			go chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return tab, &dialogs
}

func visit(tab context.Context, u string) (verdict, error) {
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return verdict{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[verdict](`JSON.parse(`+provoke+`)`))
}

// searchVisit opens a search page, waits for its results and provokes
// them, all within a deadline of its own.
func searchVisit(tab context.Context, u string) (v verdict, status string, links []string, err error) {
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return v, "", nil, err
	}
	if status, _, err = waitStatus(ctx, "result"); err != nil {
		return v, "", nil, err
	}
	if links, err = resultLinks(ctx); err != nil {
		return v, "", nil, err
	}
	v, err = chromedp.Run(ctx, chromedp.Evaluate[verdict](`JSON.parse(`+provoke+`)`))
	return v, status, links, err
}

func TestHostileContentInBrowser(t *testing.T) {
	chrome, _ := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	browser := startBrowser(t, ctx, chrome)
	tab, dialogs := hostileTab(t, browser, true)

	// A control page proves the hooks and the dialog watch see what runs.
	control := t.TempDir()
	os.WriteFile(filepath.Join(control, "alert.html"), []byte(`<p>x<img src="x" onerror="window.__pwned=1">`), 0o644)
	os.WriteFile(filepath.Join(control, "dialog.html"), []byte(`<p>x<script>alert(1)</script>`), 0o644)
	os.WriteFile(filepath.Join(control, "frame.html"), []byte(`<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`), 0o644)
	os.WriteFile(filepath.Join(control, "hover.html"), []byte(`<p onmouseover="window.__pwned=1">x</p>`), 0o644)
	for _, name := range []string{"alert.html", "dialog.html", "frame.html", "hover.html"} {
		v, err := visit(tab, fileURL(control, name))
		if err != nil {
			t.Fatal(err)
		}
		if !v.ran() {
			t.Fatalf("control page %s: the hooks saw nothing run (%+v)", name, v)
		}
	}

	// Without the hooks, the protocol reports the control page's alert.
	bare, bareDialogs := hostileTab(t, browser, false)
	if err := chromedp.Do(bare, chromedp.Navigate(fileURL(control, "dialog.html"))); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); bareDialogs.Load() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatal("the dialog watch did not see the control page's alert")
		}
	}

	// Three sites, each place with a different payload in each, so that
	// every payload sits in several fields; one carries the accepted
	// hostile Markdown bodies.
	n := len(hostile.Payloads)
	pages, sites := 0, 0
	var tried int
	for k, shift := range []int{0, 7, 13} {
		var bodies []string
		if k == 0 {
			bodies = hostile.BodyAccepted
		}
		fsys, places := hostile.SiteWith(func(i int) string { return hostile.Payloads[(i+shift)%n] }, hostile.URLPayloads[k%len(hostile.URLPayloads)], bodies)
		tried += len(places)
		sites++
		out := buildWithEngine(t, ctx, generator.Config{Src: fsys, SrcRoot: "content"})
		// The last site's search page may still be fetching its
		// sections: a blank page ends it first (in a CI run, the next
		// site's first page load was aborted, net::ERR_ABORTED).
		if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(out)))
		defer srv.Close()
		var files []string
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				rel, _ := filepath.Rel(out, p)
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if len(files) < 25 {
			t.Fatalf("site %d has only %d pages", k, len(files))
		}
		for _, f := range files {
			u := srv.URL + "/" + strings.TrimSuffix(f, "index.html")
			v, err := visit(tab, u)
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			pages++
			if v.ran() || len(v.Handlers) > 0 || len(v.URLs) > 0 {
				t.Errorf("site %d %s: %+v", k, f, v)
			}
		}
		// The search page lists the payloads from the index.
		for _, q := range []string{"script", "iframe", "onerror", "javascript"} {
			u := srv.URL + "/search/?q=" + q
			v, status, links, err := searchVisit(tab, u)
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if len(links) == 0 || strings.HasPrefix(status, "No results") {
				t.Errorf("%s: %q; want results, to show the payloads", u, status)
			}
			pages++
			if v.ran() || len(v.Handlers) > 0 || len(v.URLs) > 0 {
				t.Errorf("site %d %s: %+v", k, u, v)
			}
		}
	}
	// The hooks replace alert before any script runs, so the protocol
	// sees no dialog at all, the control page included.
	if d := dialogs.Load(); d != 0 {
		t.Errorf("%d JavaScript dialogs opened", d)
	}
	t.Logf("%d sites, %d payloads spread over %d front-matter places (and %d Markdown bodies); %d page loads (search results included), 0 dialogs, 0 scripts run",
		sites, n, tried, len(hostile.BodyAccepted), pages)
}
