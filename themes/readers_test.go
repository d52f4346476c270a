package themes_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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
}

var readerCases = []readerCase{
	// An empty query lists every page, newest first, with the filters.
	{"browse", "search/", "", " pages", "", ""},
	{"browse in Greek", "el/search/", "", " σελίδες", "", ""},
	// Names without their accents.
	{"unaccented name", "search/", "Kosice", "result", "", "practices/sk-cluster-organisation-grants/"},
	{"unaccented Hungarian", "search/", "Alfold", "result", "", ""},
	// A typo: the words close to it, said so.
	{"typo", "search/", "microelectronis", "close to it: “microelectronics”", "practices/mi-cluster-microelectronics/", ""},
	// A question: its stop words are not required.
	{"question", "search/", "how to finance clusters", "results for", "areas/financial-framework/", ""},
	// No page has every word: the pages with most of them, said so.
	{"partial", "search/", "microelectronics clusters in Serbia", "partial matches", "", "practices/rs-"},
	// A Greek glossary term on the English pages: its English page first.
	{"cross-language", "search/", "συνεργατικός σχηματισμός", "result", "glossary/cluster/", ""},
	// Greek inflections and accents: πολιτικες meets πολιτική.
	{"Greek inflection", "el/search/", "πολιτικες", "αποτελέσματα", "", "el/glossary/"},
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
	return nil
}
