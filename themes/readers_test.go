package themes_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/testsites"
	"github.com/clusterpolisee/polisee/search"
)

// readerCase is a search a reader makes on the starter site's search page
// of a language, and what the page must show.
type readerCase struct {
	name   string
	page   string // the search page, from the site's root
	query  string
	status string // a part of the status line
	first  string // a part of the first result's link ("" for any)
	has    string // a part of some result's link ("" for any)
	// section is the heading the first result's section link names; the
	// link must lead to that heading ("" for no check).
	section string
}

var readerCases = []readerCase{
	// An empty query lists every page, newest first, with the filters.
	{"browse", "search/", "", " pages", "", "", ""},
	{"browse in Greek", "el/search/", "", " σελίδες", "", "", ""},
	// Names without their accents.
	{"unaccented name", "search/", "Kosice", "result", "", "practices/sk-cluster-organisation-grants/", ""},
	{"unaccented Hungarian", "search/", "Alfold", "result", "", "", ""},
	{"unaccented German", "search/", "Niederosterreich", "result", "regions/at12/", "", ""},
	// A typo: the words close to it, said so.
	{"typo", "search/", "microelectronis", "close to it: “microelectronics”", "practices/mi-cluster-microelectronics/", "", ""},
	// A question: its stop words are not required.
	// The area and its criteria both answer it; the area is among the results.
	{"question", "search/", "how to finance clusters", "results for", "/financial-framework/", "areas/financial-framework/", ""},
	// No page has every word: the pages with most of them, said so.
	{"partial", "search/", "microelectronics clusters in Serbia", "partial matches", "", "practices/rs-", ""},
	// A Greek glossary term on the English pages: its English page first.
	{"cross-language", "search/", "συνεργατικός σχηματισμός", "result", "glossary/cluster/", "", ""},
	// Greek inflections and accents: πολιτικες meets πολιτική.
	{"Greek inflection", "el/search/", "πολιτικες", "αποτελέσματα", "", "el/glossary/", ""},
	// Words in a section of a practice: the hit links to its heading.
	{"section", "search/", "difficulties encountered", "results for", "practices/", "", "Difficulties encountered"},
	{"section in Greek", "el/search/", "τεκμηρια επιτυχιας", "αποτελέσματα", "el/practices/", "", "Τεκμήρια επιτυχίας"},
}

// TestBrowserSearchReaders runs the searches readers make, over http and
// from disk, on the English and Greek search pages.
func TestBrowserSearchReaders(t *testing.T) {
	chrome, axeJS := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	_, offline, srv := starterSites(t, ctx)
	browser := startBrowser(t, ctx, chrome)
	for _, where := range []string{"http", "file"} {
		for _, c := range readerCases {
			t.Run(where+"/"+c.name, func(t *testing.T) {
				u := srv.URL + "/" + c.page
				if where == "file" {
					u = fileURL(offline, c.page+"index.html")
				}
				if c.query != "" {
					u += "?q=" + url.QueryEscape(c.query)
				}
				tab, cancel := chromedp.NewContext(browser)
				defer cancel()
				if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
					t.Fatal(err)
				}
				if err := readerCheck(tab, c); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
	// The order of a listing can be chosen: by title, A to Z, accents
	// folded; the page stays accessible with the control.
	t.Run("browse by title", func(t *testing.T) {
		checkPage(t, browser, srv.URL+"/search/?sort=title", axeJS, func(tab context.Context) error {
			if _, _, err := waitStatus(tab, " pages"); err != nil {
				return err
			}
			titles, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results h3")].map(h => h.textContent)`))
			if err != nil {
				return err
			}
			folded := make([]string, len(titles))
			for i, s := range titles {
				folded[i] = search.Fold(s)
			}
			if len(titles) < 10 || !slices.IsSorted(folded) {
				return fmt.Errorf("titles not in order: %q", titles)
			}
			return nil
		})
	})
}

func readerCheck(tab context.Context, c readerCase) error {
	status, _, err := waitStatus(tab, c.status)
	if err != nil {
		return err
	}
	links, err := resultLinks(tab)
	if err != nil {
		return err
	}
	if len(links) == 0 {
		return fmt.Errorf("%q: no results (%s)", c.query, status)
	}
	if c.first != "" && !strings.Contains(links[0], c.first) {
		return fmt.Errorf("%q: first result %s; want %s (%s)", c.query, links[0], c.first, status)
	}
	if c.has != "" && !contains(links, c.has) {
		return fmt.Errorf("%q: %v lack %s", c.query, links, c.has)
	}
	if strings.HasPrefix(c.page, "el/") {
		for _, l := range links {
			if !strings.Contains(l, "/el/") {
				return fmt.Errorf("%q on the Greek page links out of el/: %s", c.query, l)
			}
		}
	}
	buttons, err := facetButtons(tab)
	if err != nil || len(buttons) == 0 {
		return fmt.Errorf("%q: no filters (%v)", c.query, err)
	}
	if c.section != "" {
		return followSection(tab, c)
	}
	return nil
}

// followSection checks the first result's section link: it names the
// section, points into the result's page, and the page has the heading.
func followSection(tab context.Context, c readerCase) error {
	// The sections come after the first results: wait for the first hit
	// to name one.
	type sectionLink struct{ Text, Href, Page string }
	var link sectionLink
	for deadline := time.Now().Add(20 * time.Second); link.Href == "" && time.Now().Before(deadline); {
		var err error
		link, err = chromedp.Run(tab, chromedp.Evaluate[sectionLink](`(() => {
			const li = document.querySelector("#search-results li");
			const a = li && li.querySelector(".hit-section a");
			return a ? {Text: a.textContent, Href: a.href, Page: li.querySelector("h3 a").href} : {};
		})()`))
		if err != nil {
			return err
		}
		if link.Href == "" {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if link.Text != c.section || !strings.HasPrefix(link.Href, link.Page+"#") {
		return fmt.Errorf("%q: first result's section link %q -> %s; want %q into %s", c.query, link.Text, link.Href, c.section, link.Page)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(link.Href)); err != nil {
		return err
	}
	heading, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
		const h = document.getElementById(decodeURIComponent(location.hash.slice(1)));
		return h ? h.textContent.trim() : "";
	})()`))
	if err != nil {
		return err
	}
	if heading != c.section {
		return fmt.Errorf("%q: %s leads to %q; want the heading %q", c.query, link.Href, heading, c.section)
	}
	return nil
}

// foreignSite is an English and Greek site with a practice written only
// in Greek (testsites.GreekOnly): the English pages show it untranslated.
const foreignSite = `
-- content/site.yaml --
title: Test
languages: [en, el]
-- content/areas/innovation-rd.md --
---
title: Innovation
short: Innovation
---
-- content/countries/gr.md --
---
title: Greece
iso2: GR
---
`

// TestBrowserSearchMarksForeignHits: on the English search page a hit
// written in Greek carries lang="el" on its title, section and snippet;
// on the Greek page it carries none (it is the page's language).
func TestBrowserSearchMarksForeignHits(t *testing.T) {
	chrome, _ := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(foreignSite + testsites.GreekOnly)).Files {
		fsys[strings.TrimPrefix(f.Name, "content/")] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	out := buildWithEngine(t, ctx, generator.Config{Src: fsys, SrcRoot: "content"})
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	browser := startBrowser(t, ctx, chrome)
	for _, c := range []struct{ page, want string }{
		{"search/", "el el el"},
		{"el/search/", "  "},
	} {
		tab, cancel := chromedp.NewContext(browser)
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/"+c.page+"?q=εργαστηρια")); err != nil {
			t.Fatal(err)
		}
		if _, _, err := waitStatus(tab, "1 "); err != nil {
			t.Fatal(err)
		}
		// The sections come after the first results: wait for the hit to
		// name one.
		var got string
		for deadline := time.Now().Add(20 * time.Second); ; {
			var err error
			got, err = chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
				const li = document.querySelector("#search-results li");
				const sec = li && li.querySelector(".hit-section a");
				return sec ? [li.querySelector("h3 a").lang, sec.lang, li.querySelector("p:last-child").lang].join(" ") : "(no section yet)";
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if got != "(no section yet)" || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		if got != c.want {
			t.Errorf("%s: lang of the hit's title, section and snippet %q; want %q", c.page, got, c.want)
		}
	}
}
