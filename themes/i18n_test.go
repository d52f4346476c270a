package themes_test

// The Greek UI in the browser: a site whose default language is Greek,
// checked with axe-core page by page, with its scripts (search.js,
// compare.js) speaking Greek from the strings the pages hand them.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/clusterpolisee/polisee/generator"
)

// greekProfiles adds two profiles to greekSite, for the compare page.
const greekProfiles = `
-- profiles/gr.md --
---
title: Ελλάδα 2014-2020
summary: Η πολιτική για τις συστάδες στην Ελλάδα.
scope: country
country: GR
period: 2014-2020
areas: [innovation-rd]
assessment:
  innovation-rd:
    score: 3
    note: Σημείωση.
instruments:
  - name: Μέτρο
    kind: grant
    budget_eur: 5186352
sources: [https://example.org/p]
---
-- profiles/gr-old.md --
---
title: Ελλάδα 2007-2013
summary: Η προηγούμενη περίοδος.
scope: country
country: GR
period: 2007-2013
areas: [innovation-rd]
assessment:
  innovation-rd:
    note: Χωρίς βαθμολογία.
sources: [https://example.org/q]
---
`

func TestGreekUIInBrowser(t *testing.T) {
	chrome, axeJS := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	fsys := fstest.MapFS{}
	for _, f := range parseArchive(greekSite + greekProfiles) {
		fsys[f[0]] = &fstest.MapFile{Data: []byte(f[1])}
	}
	out := buildWithEngine(t, ctx, generator.Config{Src: fsys, SrcRoot: "content"})
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	browser := startBrowser(t, ctx, chrome)

	status := func(tab context.Context, id string) (string, error) {
		return chromedp.Run(tab, chromedp.Evaluate[string](`(document.getElementById("`+id+`") || {}).textContent || ""`))
	}
	pages := []struct {
		url  string
		flow func(context.Context) error
	}{
		{"/", nil},
		{"/practices/politiki/", nil},
		{"/profiles/gr/", nil},
		{"/areas/innovation-rd/", nil},
		{"/search/", func(tab context.Context) error {
			// With no words, the search page lists every page.
			_, _, err := waitStatus(tab, " σελίδες.")
			return err
		}},
		{"/compare/", func(tab context.Context) error {
			if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#pick-gr"))); err != nil {
				return err
			}
			s, err := status(tab, "compare-status")
			if err != nil {
				return err
			}
			if !strings.Contains(s, "Επιλέξτε ένα ή δύο ακόμη προφίλ") {
				return fmt.Errorf("compare status %q is not the Greek text", s)
			}
			return nil
		}},
	}
	for _, p := range pages {
		t.Run(p.url, func(t *testing.T) {
			checkPage(t, browser, srv.URL+p.url, axeJS, p.flow)
		})
	}
}
