package themes_test

// The accessibility test: the starter site, built with the default theme,
// opened in headless Chromium, one page of each kind, checked with axe-core
// against WCAG 2.1 A and AA and axe's best practices. It also fails on any
// console error or uncaught exception, and opens two pages of the offline
// build from file:// to prove that the stylesheet and the links work from
// disk.
//
// It needs Chromium (apt-get install -y chromium, or CHROME_PATH) and
// axe-core (npm ci --prefix .ci, or AXE_CORE_JS). Without them it skips,
// except under CI=true, where it fails.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/internal/testsites"
)

// axeTags are the rule sets the pages must pass.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

// itemTypes are the content types whose item page the test opens; each must
// have at least one item in the starter content.
var itemTypes = []string{"practices", "profiles", "countries", "regions", "areas", "organisations", "pilots", "mechanisms", "documents", "glossary", "pages"}

func TestA11y(t *testing.T) {
	chrome, axeJS := a11yTools(t)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	site, out := buildStarter(t, ctx, false)
	_, offline := buildStarter(t, ctx, true)
	pages := pickPages(t, site, out)

	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	browser := startBrowser(t, ctx, chrome)

	for _, p := range pages {
		t.Run("http/"+p.name, func(t *testing.T) {
			checkPage(t, browser, srv.URL+p.url, axeJS, nil)
		})
	}

	// The pages with maps (inline SVG with links, titles and a table
	// beside): the home page is among those above; a country, a region
	// and an area with scored profiles, and Serbia, whose map notes
	// Kosovo, in English and in Greek.
	for _, p := range []string{"/countries/gr/", "/countries/rs/", "/regions/el30/", "/areas/innovation-rd/", "/el/countries/gr/", "/el/regions/el30/"} {
		file := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(p, "/")), "index.html")
		if page, err := os.ReadFile(file); err != nil || !strings.Contains(string(page), `class="map"`) {
			t.Errorf("%s: no map (%v)", p, err)
		}
		t.Run("http/map"+strings.TrimSuffix(p, "/"), func(t *testing.T) {
			checkPage(t, browser, srv.URL+p, axeJS, nil)
		})
	}

	// The Greek pages: translated and untranslated items (with the
	// fallback note and the English words marked), lists, the compare,
	// contributing and 404 pages.
	for _, p := range []string{"/el/", "/el/practices/mi-cluster-microelectronics/", "/el/practices/hu-cluster-accreditation-monitoring/",
		"/el/areas/", "/el/areas/innovation-rd/", "/el/compare/", "/el/contributing/", "/el/404.html"} {
		t.Run("http"+strings.TrimSuffix(p, "/"), func(t *testing.T) {
			checkPage(t, browser, srv.URL+p, axeJS, nil)
		})
	}

	// The offline copy, opened from disk: the home page and a practice,
	// in English and in Greek.
	for _, file := range []string{"el/index.html", "el/practices/hu-cluster-accreditation-monitoring/index.html"} {
		u := fileURL(offline, file)
		t.Run("file/"+file, func(t *testing.T) {
			checkPage(t, browser, u, axeJS, func(ctx context.Context) error {
				return checkFromDisk(ctx, offline)
			})
		})
	}
	for _, p := range pages {
		if p.name != "home" && p.name != "item/practices" {
			continue
		}
		u := fileURL(offline, p.file)
		t.Run("file/"+p.name, func(t *testing.T) {
			checkPage(t, browser, u, axeJS, func(ctx context.Context) error {
				return checkFromDisk(ctx, offline)
			})
		})
	}
}

// missing skips the test for want of a tool, saying how to install it,
// or fails it under CI=true, where CI has installed every tool.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: not skipping)")
	}
	t.Skip(msg)
}

// a11yTools finds Chromium and axe-core, or skips the test (fails it under
// CI=true) saying how to install them.
func a11yTools(t *testing.T) (chrome, axeJS string) {
	t.Helper()

	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			missing(t, "CHROME_PATH=%s is not an executable: %v; install Chromium with `apt-get install -y chromium` or fix CHROME_PATH", p, err)
		}
		chrome = p
	} else {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				chrome = p
				break
			}
		}
		if chrome == "" {
			missing(t, "Chromium not found (looked for chromium, chromium-browser, google-chrome and $CHROME_PATH); install it with `apt-get install -y chromium`, or set CHROME_PATH")
		}
	}

	axeJS = os.Getenv("AXE_CORE_JS")
	if axeJS == "" {
		axeJS = filepath.Join("..", ".ci", "node_modules", "axe-core", "axe.min.js")
	}
	if _, err := os.Stat(axeJS); err != nil {
		missing(t, "axe-core not found at %s; install it with `npm ci --prefix .ci` from the module root, or set AXE_CORE_JS to axe.min.js", axeJS)
	}
	src, err := os.ReadFile(axeJS)
	if err != nil {
		t.Fatal(err)
	}
	return chrome, string(src)
}

// buildStarter builds the starter content with the default theme into a
// temporary folder, as `polisee build [-offline]` does.
func buildStarter(t *testing.T, ctx context.Context, offline bool) (*generator.Site, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	site, err := generator.Build(ctx, generator.Config{Src: content.Starter(), SrcRoot: "content", Out: out, Offline: offline})
	if err != nil {
		t.Fatalf("building the starter site (offline %v): %v", offline, err)
	}
	return site, out
}

// TestA11yLongLists checks the pages of long lists the same way: the
// starter with 120 more practices, so that the practices' list goes on
// over pages and an area's and a country's lists are cut, with a link
// to the search for the rest, and 120 more profiles, so that the
// comparison is cut by country (/compare/ lists the countries).
func TestA11yLongLists(t *testing.T) {
	chrome, axeJS := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv := httptest.NewServer(http.FileServer(http.Dir(buildLongLists(t, ctx))))
	defer srv.Close()
	browser := startBrowser(t, ctx, chrome)
	for _, c := range []struct{ path, want string }{
		{"/practices/page/2/", `class="pager"`}, {"/el/practices/page/2/", `class="pager"`},
		{"/areas/innovation-rd/", `class="more"`}, {"/countries/gr/", `class="more"`},
		{"/compare/", `id="countries-heading"`}, {"/compare/gr/", `class="pager"`}, {"/el/compare/gr/page/2/", `class="pager"`},
	} {
		t.Run("http"+strings.TrimSuffix(c.path, "/"), func(t *testing.T) {
			checkPage(t, browser, srv.URL+c.path, axeJS, func(ctx context.Context) error {
				html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
				if err == nil && !strings.Contains(html, c.want) {
					err = fmt.Errorf("the page has no %s", c.want)
				}
				return err
			})
		})
	}
}

// buildLongLists builds the starter site with 120 more practices
// (testsites.AddPractices: piloted, in Greece, on innovation and R&D) and
// 120 more profiles (testsites.AddProfiles, in Greece) and returns its
// folder.
func buildLongLists(t *testing.T, ctx context.Context) string {
	t.Helper()
	src, err := testsites.Starter()
	if err != nil {
		t.Fatal(err)
	}
	testsites.AddPractices(src, 120)
	testsites.AddProfiles(src, 120)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(ctx, generator.Config{Src: src, SrcRoot: "content", Out: out}); err != nil {
		t.Fatalf("building the starter with long lists: %v", err)
	}
	return out
}

// servedStarter builds the starter site (without the search engine) twice:
// served over http by srv, which closes when the test ends, and as an
// offline copy in the folder offline.
func servedStarter(t *testing.T, ctx context.Context) (srv *httptest.Server, offline string) {
	t.Helper()
	_, out := buildStarter(t, ctx, false)
	_, offline = buildStarter(t, ctx, true)
	srv = httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv, offline
}

// testPage is one page the test opens.
type testPage struct {
	name string // e.g. item/practices
	url  string // site path, e.g. /practices/slug/
	file string // output file, e.g. practices/slug/index.html
}

// pickPages chooses one page of each kind from the built site: the home
// page, every list page, the first facet page, the first item of each type,
// /about/, the search, contributing and compare pages and the 404 page.
func pickPages(t *testing.T, site *generator.Site, out string) []testPage {
	t.Helper()
	sorted := slices.Clone(site.Pages)
	kinds := []string{"home", "list", "facet", "item", "search", "contributing", "compare", "404"}
	slices.SortFunc(sorted, func(a, b *generator.Page) int {
		if c := slices.Index(kinds, a.Kind) - slices.Index(kinds, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})

	var pages []testPage
	seen := map[string]bool{}
	add := func(name string, p *generator.Page) {
		if seen[name] {
			return
		}
		seen[name] = true
		pages = append(pages, testPage{name: name, url: p.URL, file: p.File})
	}
	for _, p := range sorted {
		switch p.Kind {
		case "home":
			add("home", p)
		case "list":
			add("list/"+p.Type.Folder, p)
		case "facet":
			add("facet", p)
		case "item":
			if p.Item.Type.Folder == "pages" {
				if p.URL == "/about/" {
					add("item/pages", p)
				}
				continue
			}
			add("item/"+p.Item.Type.Folder, p)
		case "404", "search", "contributing", "compare":
			add(p.Kind, p)
		}
	}

	want := []string{"home", "facet", "search", "contributing", "compare", "404"}
	for _, f := range itemTypes {
		want = append(want, "item/"+f)
		if f != "pages" {
			want = append(want, "list/"+f)
		}
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("the starter site has no %s page", w)
		}
	}
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p.file))); err != nil {
			t.Errorf("%s page %s: %v", p.name, p.url, err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return pages
}

// startBrowser starts headless Chromium with a fresh profile and returns a
// context for opening tabs in it.
func startBrowser(t *testing.T, ctx context.Context, chrome string) context.Context {
	t.Helper()
	profile := t.TempDir() // removed after the browser has stopped (cleanups run last-in first-out)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, benchkit.ChromeOptions(chrome, profile)...)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browser); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", chrome, err)
	}
	return browser
}

// axeViolation is the part of an axe-core violation the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []string `json:"target"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

// consoleDone marks the end of a page's console messages.
const consoleDone = "polisee-a11y-test: done"

// checkPage opens the URL in a new tab, checks that the stylesheet applies,
// runs axe-core, runs extra (if any) and fails on any violation and on any
// console error or uncaught exception.
func checkPage(t *testing.T, browser context.Context, u, axeJS string, extra func(context.Context) error) {
	checkPageWith(t, browser, u, axeJS, nil, extra)
}

// checkPageWith is checkPage with a function that runs on the new tab
// before the page loads, e.g. to listen to its network events.
func checkPageWith(t *testing.T, browser context.Context, u, axeJS string, before func(context.Context), extra func(context.Context) error) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if before != nil {
		if err := chromedp.Do(tab); err != nil { // opens the tab
			t.Fatalf("opening a tab: %v", err)
		}
		before(tab)
	}

	messages := chromedp.Console(tab) // subscribe before the page loads
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}

	// The stylesheet loaded: the header has the accent colour.
	bg, err := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-header")).backgroundColor`))
	if err != nil {
		t.Errorf("%s: reading the header style: %v", u, err)
	} else if bg == "" || bg == "transparent" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("%s: the header has no background colour (%q): the stylesheet did not load", u, bg)
	}

	violations, err := runAxe(tab, axeJS)
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	for _, v := range violations {
		t.Errorf("%s: %s", u, v)
	}

	if extra != nil {
		if err := extra(tab); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}

	// Console errors and exceptions, up to the marker logged last.
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", consoleDone))); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	for m, err := range messages {
		if err != nil {
			t.Fatalf("%s: reading the console: %v", u, err)
		}
		if m.Type == chromedp.ConsoleDebug && m.Text == consoleDone {
			break
		}
		switch m.Type {
		case chromedp.ConsoleError, chromedp.ConsoleException, "assert":
			where := m.URL
			if where != "" && m.Line > 0 {
				where = fmt.Sprintf("%s:%d", where, m.Line+1)
			}
			t.Errorf("%s: console %s: %s (%s)", u, m.Type, m.Text, where)
		}
	}
}

// runAxe runs axe-core on the page in tab and describes each violation.
func runAxe(tab context.Context, axeJS string) ([]string, error) {
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](axeJS)); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %v", err)
	}
	// From file:// the page's origin is null, so axe's preload would fetch
	// the stylesheet with XMLHttpRequest, which Chromium blocks with a
	// console error. The same stylesheet is checked over HTTP.
	tags, _ := json.Marshal(axeTags)
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"], preload: location.protocol !== "file:"}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.map(s => [].concat(s).join(" >>> ")), summary: n.failureSummary || ""}))
	})))`, tags)
	violations, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %v", err)
	}
	var out []string
	for _, v := range violations {
		var b strings.Builder
		fmt.Fprintf(&b, "axe %s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s", strings.Join(n.Target, ", "))
			if testing.Verbose() && n.Summary != "" {
				fmt.Fprintf(&b, "\n\t\t%s", strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
			}
		}
		out = append(out, b.String())
	}
	return out, nil
}

// checkFromDisk checks a page of the offline copy opened from file://: every
// link to a file names an existing file (not a folder, which a browser shows
// as a listing), and clicking the first link of the main navigation opens
// a page of the site.
func checkFromDisk(ctx context.Context, root string) error {
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("a[href]")].map(a => new URL(a.getAttribute("href"), document.baseURI).href).filter(h => h.startsWith("file:")) /* SVG links have no string href */`))
	if err != nil {
		return err
	}
	var problems []string
	for _, h := range hrefs {
		if err := existingPage(root, h); err != nil {
			problems = append(problems, err.Error())
		}
	}

	first := chromedp.CSS(`header nav a`) // the main navigation comes first, in any language
	want, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('header nav a').href`))
	if err != nil {
		return fmt.Errorf("no link in the main navigation: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(first))); err != nil {
		return fmt.Errorf("clicking the first link of the main navigation: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		return err
	}
	switch {
	case got != want:
		problems = append(problems, fmt.Sprintf("clicking the first main navigation link (%s) opened %s", want, got))
	default:
		if err := existingPage(root, got); err != nil {
			problems = append(problems, "after clicking the first main navigation link: "+err.Error())
		} else if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("main h1")`)); err != nil || !ok {
			problems = append(problems, fmt.Sprintf("clicking the first main navigation link opened %s, which has no main heading", got))
		}
	}
	if problems != nil {
		return fmt.Errorf("from disk:\n\t%s", strings.Join(problems, "\n\t"))
	}
	return nil
}

// existingPage checks that a file:// URL names a file inside root.
func existingPage(root, href string) error {
	u, err := url.Parse(href)
	if err != nil {
		return fmt.Errorf("link %s: %v", href, err)
	}
	p := filepath.FromSlash(u.Path)
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("link %s leaves the site", href)
	}
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return fmt.Errorf("link %s: no such file", href)
	case info.IsDir():
		return fmt.Errorf("link %s names a folder, not a page", href)
	}
	return nil
}

// fileURL is the file:// URL of a file of the site in root.
func fileURL(root, file string) string {
	abs, err := filepath.Abs(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		abs = filepath.Join(root, file)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
