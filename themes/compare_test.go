package themes_test

// The compare page in headless Chromium, over http and from file:// (an
// offline copy): the script shows the form, picking two profiles leaves
// their two columns in the side-by-side table, a third is the most, the
// country filter narrows the matrix, a shared address (#p=a,b) opens with
// its choice, and there is no console error or axe violation on the way.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestCompareInBrowser(t *testing.T) {
	chrome, axeJS := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	srv, offline := servedStarter(t, ctx)
	browser := startBrowser(t, ctx, chrome)

	for _, tc := range []struct{ name, url string }{
		{"http", srv.URL + "/compare/"},
		{"file", fileURL(offline, "compare/index.html")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPage(t, browser, tc.url, axeJS, compareFlow)
		})
	}
	// A shared choice, from disk.
	want := []string{"hungary-cluster-policy-2007-2013", "slovakia-cluster-support"}
	t.Run("file/shared", func(t *testing.T) {
		checkPage(t, browser, fileURL(offline, "compare/index.html")+"#p="+strings.Join(want, ","), axeJS, func(tab context.Context) error {
			got, err := shownColumns(tab)
			if err != nil {
				return err
			}
			if !slices.Equal(got, want) {
				return fmt.Errorf("opened with #p=%s, the side-by-side shows %v", strings.Join(want, ","), got)
			}
			return nil
		})
	})
}

// shownColumns lists the profiles whose column of the side-by-side table
// is displayed.
func shownColumns(tab context.Context) ([]string, error) {
	return chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#side-by-side thead th[data-profile]")].filter(th => th.getClientRects().length > 0).map(th => th.dataset.profile)`))
}

func compareFlow(tab context.Context) error {
	visible, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const f = document.getElementById("compare-form"); return !!f && !f.hidden && f.getClientRects().length > 0 })()`))
	if err != nil {
		return err
	}
	if !visible {
		return fmt.Errorf("the script did not show the compare form")
	}
	slugs, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#compare-form input[name="profile"]')].map(b => b.value)`))
	if err != nil {
		return err
	}
	if len(slugs) < 4 {
		return fmt.Errorf("only %d profiles to choose from: %v", len(slugs), slugs)
	}
	all, err := shownColumns(tab)
	if err != nil {
		return err
	}
	if !slices.Equal(all, slugs) {
		return fmt.Errorf("before a choice the side-by-side shows %v, want every profile %v", all, slugs)
	}

	click := func(slug string) error {
		return chromedp.Do(tab, chromedp.Click(chromedp.CSS("#pick-"+slug)))
	}
	expect := func(step string, want []string, status string) error {
		got, err := shownColumns(tab)
		if err != nil {
			return err
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("%s: side-by-side shows %v, want %v", step, got, want)
		}
		s, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("compare-status").textContent`))
		if err != nil {
			return err
		}
		if !strings.Contains(s, status) {
			return fmt.Errorf("%s: status %q, want %q", step, s, status)
		}
		return nil
	}

	// Two profiles side by side.
	if err := click(slugs[0]); err != nil {
		return err
	}
	if err := expect("one chosen", slugs, "Choose one or two more"); err != nil {
		return err
	}
	if err := click(slugs[2]); err != nil {
		return err
	}
	if err := expect("two chosen", []string{slugs[0], slugs[2]}, "Showing 2 profiles side by side"); err != nil {
		return err
	}
	// Their scores and notes are there, area by area, and the matrix marks them.
	cells, err := chromedp.Run(tab, chromedp.Evaluate[int](`[...document.querySelectorAll("#side-by-side tbody td[data-profile]")].filter(td => td.getClientRects().length > 0).length`))
	if err != nil {
		return err
	}
	rows, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#side-by-side tbody tr").length`))
	if err != nil {
		return err
	}
	if cells != 2*rows {
		return fmt.Errorf("%d side-by-side cells shown in %d rows, want two per row", cells, rows)
	}
	chosen, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#matrix tr.chosen")].map(r => r.dataset.profile)`))
	if err != nil {
		return err
	}
	if !slices.Equal(chosen, []string{slugs[0], slugs[2]}) {
		return fmt.Errorf("matrix marks %v as chosen", chosen)
	}

	// A third is the most: the others are disabled.
	if err := click(slugs[1]); err != nil {
		return err
	}
	if err := expect("three chosen", []string{slugs[0], slugs[1], slugs[2]}, "That is the most"); err != nil {
		return err
	}
	disabled, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`document.getElementById(%q).disabled`, "pick-"+slugs[3])))
	if err != nil {
		return err
	}
	if !disabled {
		return fmt.Errorf("a fourth profile can still be chosen")
	}
	if err := click(slugs[0]); err != nil { // unchoose one
		return err
	}
	if err := expect("one taken back", []string{slugs[1], slugs[2]}, "Showing 2 profiles"); err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#compare-clear"))); err != nil {
		return err
	}
	if err := expect("cleared", slugs, "profiles match the filter"); err != nil {
		return err
	}

	// The country filter narrows the matrix to that country's rows.
	type filterResult struct {
		Country string   `json:"country"`
		Shown   []string `json:"shown"`
		Want    []string `json:"want"`
	}
	res, err := chromedp.Run(tab, chromedp.Evaluate[filterResult](`(() => {
		const sel = document.getElementById("filter-country");
		const c = document.querySelector("#matrix tbody tr").dataset.country;
		sel.value = c;
		sel.dispatchEvent(new Event("change", {bubbles: true}));
		const rows = [...document.querySelectorAll("#matrix tbody tr")];
		return {country: c,
			shown: rows.filter(r => r.getClientRects().length > 0).map(r => r.dataset.profile),
			want: rows.filter(r => r.dataset.country === c).map(r => r.dataset.profile)};
	})()`))
	if err != nil {
		return err
	}
	if len(res.Shown) == 0 || len(res.Shown) == len(slugs) || !slices.Equal(res.Shown, res.Want) {
		return fmt.Errorf("filtered by %s, the matrix shows %v, want %v", res.Country, res.Shown, res.Want)
	}
	return nil
}
