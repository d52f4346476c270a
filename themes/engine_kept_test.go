package themes_test

// The engine kept between visits: once a search page over http has shown
// its first results, its worker keeps the engine it fetched in the
// origin's private file system, and the next visit reads it from there
// rather than from the host or the HTTP cache. A kept file that is
// damaged is replaced by the engine from the host; keeping a new engine
// removes the site's old one, not another site's.

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search/engine"
)

// keptFiles lists the kept folder's files with their sizes, from a page
// of the site's origin. A file the worker removes between the listing
// and its reading (the site's older engine, once a new one is kept) is
// left out, as the next listing would leave it out.
const keptFiles = `(async () => {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle("polisee-search", {create: true});
  const out = {};
  for await (const [name, handle] of dir.entries()) {
    try { out[name] = (await handle.getFile()).size; }
    catch (e) { if (e.name !== "NotFoundError") throw e; }
  }
  return out;
})()`

func TestBrowserSearchKeepsEngine(t *testing.T) {
	chrome, _ := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	out := buildWithEngine(t, ctx, generator.Config{Src: content.Starter(), SrcRoot: "content"})
	browser := startBrowser(t, ctx, chrome)

	// Nothing may come from the HTTP cache: every file the browser needs
	// is asked of the server, which logs it.
	srv := logRequests(t, out, "no-store")
	wasm := regexp.MustCompile(`^/search/search\.[0-9a-f]{12}\.wasm$`)
	engineFetches := func() int { return srv.count(wasm) }
	size := len(engine.Get().Wasm)
	// kept waits until the page has recorded the engine as kept (the
	// worker says so once it has closed the file and removed older ones)
	// and the folder holds it whole.
	kept := func(tab context.Context) {
		t.Helper()
		var got map[string]int
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			recorded, err := chromedp.Run(tab, chromedp.Evaluate[string](`localStorage.getItem("polisee-engine:/search/") || ""`))
			if err != nil {
				t.Fatal(err)
			}
			if got, err = chromedp.Run(tab, chromedp.Evaluate[map[string]int](keptFiles, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(recorded, "%2Fsearch%2Fsearch.") && got[recorded] == size {
				return
			}
		}
		t.Fatalf("the page recorded no engine of %d bytes kept: %v", size, got)
	}

	// The first visit fetches the engine, and again to keep it once its
	// results are shown (from the HTTP cache on a host that allows it;
	// here, with no-store, from the server).
	first := searchFor(t, browser, srv.URL, "accreditation")
	kept(first)
	if n := engineFetches(); n != 2 {
		t.Fatalf("the first visit fetched the engine %d times, want 2 (to run it, then to keep it)", n)
	}

	// The next visit reads the kept engine: the host is not asked for it.
	searchFor(t, browser, srv.URL, "cluster")
	time.Sleep(time.Second) // what it would keep, it would have asked for by now
	if n := engineFetches(); n != 2 {
		t.Errorf("a visit after the engine was kept fetched it again (%d fetches in all)", n)
	}

	// A damaged kept engine: the worker fetches it from the host, and
	// keeps it whole again. Keeping it removes an older engine of the
	// site, and leaves another site's.
	damage := `(async () => {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle("polisee-search");
  const w = await (await dir.getFileHandle(localStorage.getItem("polisee-engine:/search/"))).createWritable();
  await w.write("not an engine"); await w.close();
  for (const name of ["%2Fsearch%2Fsearch.000000000000.wasm", "%2Fother%2Fsearch%2Fsearch.000000000000.wasm", "%2Fsearch%2Fnested%2Fsearch%2Fsearch.000000000000.wasm"]) {
    const w = await (await dir.getFileHandle(name, {create: true})).createWritable();
    await w.write("an engine of before"); await w.close();
  }
  return true;
})()`
	if _, err := chromedp.Run(first, chromedp.Evaluate[bool](damage, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	third := searchFor(t, browser, srv.URL, "innovation")
	kept(third)
	// The site's older engine goes once the new one is written.
	var names []string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		got, err := chromedp.Run(third, chromedp.Evaluate[map[string]int](keptFiles, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		names = names[:0]
		for name := range got {
			names = append(names, name)
		}
		slices.Sort(names)
		if len(names) == 3 && got[names[2]] == size {
			break
		}
	}
	if len(names) != 3 || names[0] != "%2Fother%2Fsearch%2Fsearch.000000000000.wasm" ||
		names[1] != "%2Fsearch%2Fnested%2Fsearch%2Fsearch.000000000000.wasm" || !wasm.MatchString(decodePath(names[2])) {
		t.Errorf("the kept folder holds %q, want the other sites' files (one under this site's folder) and this site's engine", names)
	}
	if n := engineFetches(); n != 4 {
		t.Errorf("a visit with a damaged kept engine fetched it %d times in all, want 4 (twice more: to run it and to keep it)", n)
	}
}

// decodePath undoes the kept folder's encoding of a path.
func decodePath(name string) string { return strings.ReplaceAll(name, "%2F", "/") }
