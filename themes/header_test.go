package themes_test

// The header on a phone: at 390 px wide (a common phone) the main
// navigation and the language switch fold behind buttons, without
// JavaScript, so that the header leaves the screen to the page; at 1280 px
// they show inline as before. Checked in headless Chromium, over HTTP and
// from the offline copy on disk, with axe-core on the folded and the
// opened header.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// phoneHeaderMax bounds the header's height on a 390 px screen: one row
// for the site's name and the menu button, one for the search box and the
// language button, each about 36 px, with the header's padding and the gap
// between the rows (102 px in all). Unfolded, the navigation took three
// more rows and the header 230 px, most of a phone's first screen above
// the page's own title.
const phoneHeaderMax = 120

// headerState is what the test reads of the header.
type headerState struct {
	Height     float64 `json:"height"`
	MenuShown  bool    `json:"menuShown"`  // the menu button is displayed
	LinksShown int     `json:"linksShown"` // main navigation links shown
	Links      int     `json:"links"`      // main navigation links in the page
	LangsShown int     `json:"langsShown"` // language links shown
	Rows       int     `json:"rows"`       // rows the shown links take
}

// readHeader measures the header of the page in tab.
func readHeader(tab context.Context) (headerState, error) {
	return chromedp.Run(tab, chromedp.Evaluate[headerState](`(() => {
		// checkVisibility is false inside a closed <details>, whose
		// content keeps its boxes (content-visibility: hidden).
		const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
		const links = [...document.querySelectorAll("header nav:not(.languages) a")];
		const menu = document.querySelector("header .fold.menu > summary");
		return {
			height: document.querySelector(".site-header").getBoundingClientRect().height,
			menuShown: !!menu && shown(menu),
			linksShown: links.filter(shown).length,
			links: links.length,
			langsShown: [...document.querySelectorAll("header nav.languages a")].filter(shown).length,
			rows: new Set(links.filter(shown).map(a => Math.round(a.getBoundingClientRect().top))).size,
		};
	})()`))
}

// viewport sets the tab's window size before its page loads.
func viewport(width, height int64) func(context.Context) {
	return func(tab context.Context) {
		if err := chromedp.Do(tab, chromedp.EmulateViewport(width, height)); err != nil {
			panic(err)
		}
	}
}

func TestHeaderFoldsOnAPhone(t *testing.T) {
	chrome, axeJS := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv, offline := servedStarter(t, ctx)
	browser := startBrowser(t, ctx, chrome)

	pages := []string{"/", "/practices/", "/el/practices/mi-cluster-microelectronics/", "/search/", "/404.html"}
	for _, p := range pages {
		t.Run("390/"+strings.Trim(p, "/"), func(t *testing.T) {
			checkPageWith(t, browser, srv.URL+p, axeJS, viewport(390, 844), phoneHeader)
		})
		t.Run("1280/"+strings.Trim(p, "/"), func(t *testing.T) {
			checkPageWith(t, browser, srv.URL+p, axeJS, viewport(1280, 800), wideHeader)
		})
	}
	t.Run("390/opened", func(t *testing.T) {
		// axe on the header with each fold open.
		checkPageWith(t, browser, srv.URL+"/practices/", axeJS, viewport(390, 844), func(tab context.Context) error {
			for _, fold := range []string{"menu", "langs"} {
				if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector("header .fold.%s").open = true`, fold))); err != nil {
					return err
				}
				violations, err := runAxe(tab, axeJS)
				if err != nil || len(violations) > 0 {
					return fmt.Errorf("%s open: %v %s", fold, err, strings.Join(violations, "\n"))
				}
			}
			return nil
		})
	})
	t.Run("390/print", func(t *testing.T) {
		checkPageWith(t, browser, srv.URL+"/practices/", axeJS, viewport(390, 844), printedHeader)
	})
	t.Run("390/offline", func(t *testing.T) {
		checkPageWith(t, browser, fileURL(offline, "practices/index.html"), axeJS, viewport(390, 844), func(tab context.Context) error {
			if err := phoneHeader(tab); err != nil {
				return err
			}
			return followFirstLink(tab)
		})
	})
}

// phoneHeader checks the folded header at 390 px: low, the links hidden
// behind the menu button; the keyboard opens the menu (Tab to the button,
// Enter) and reaches the first link with Tab; so does the language
// button.
func phoneHeader(tab context.Context) error {
	h, err := readHeader(tab)
	switch {
	case err != nil:
		return err
	case h.Links == 0:
		return fmt.Errorf("no main navigation in the header")
	case h.Height > phoneHeaderMax:
		return fmt.Errorf("the header is %.0f px high at 390 px wide, want at most %d", h.Height, phoneHeaderMax)
	case !h.MenuShown || h.LinksShown != 0 || h.LangsShown != 0:
		return fmt.Errorf("folded header: menu button shown %v, %d of %d links shown, %d language links shown; want the button and no link", h.MenuShown, h.LinksShown, h.Links, h.LangsShown)
	}
	if err := openWithKeyboard(tab, "header .fold.menu > summary", "header nav:not(.languages) a"); err != nil {
		return err
	}
	if h, err = readHeader(tab); err != nil || h.LinksShown != h.Links {
		return fmt.Errorf("opened menu: %d of %d links shown (%v)", h.LinksShown, h.Links, err)
	}
	if err := openWithKeyboard(tab, "header .fold.langs > summary", "header nav.languages a"); err != nil {
		return err
	}
	if h, err = readHeader(tab); err != nil || h.LangsShown == 0 {
		return fmt.Errorf("opened language switch: no language link shown (%v)", err)
	}
	return nil
}

// openWithKeyboard focuses a fold's button as Tab would, opens it with
// Enter, and checks that the next Tab reaches the first link inside.
func openWithKeyboard(tab context.Context, summary, link string) error {
	focused, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const s = document.querySelector(%q); if (!s) return false; s.focus(); return document.activeElement === s && s.tabIndex >= 0; })()`, summary)))
	if err != nil || !focused {
		return fmt.Errorf("%s cannot take the keyboard focus (%v)", summary, err)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent("\r"), chromedp.KeyEvent("\t")); err != nil {
		return err
	}
	ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`document.activeElement === document.querySelector(%q) && document.querySelector(%q).parentElement.open`, link, summary)))
	if err != nil || !ok {
		return fmt.Errorf("Enter on %s then Tab does not reach %s (%v)", summary, link, err)
	}
	return nil
}

// wideHeader checks the header at 1280 px: no menu button, every link
// shown in one row without opening anything, and Tab goes from the site's
// name to the first link.
func wideHeader(tab context.Context) error {
	h, err := readHeader(tab)
	switch {
	case err != nil:
		return err
	case h.Links == 0:
		return fmt.Errorf("no main navigation in the header")
	case h.MenuShown || h.LinksShown != h.Links || h.LangsShown == 0 || h.Rows != 1:
		return fmt.Errorf("wide header: menu button shown %v, %d of %d links shown in %d rows, %d language links; want every link inline", h.MenuShown, h.LinksShown, h.Links, h.Rows, h.LangsShown)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelector(".brand").focus(), true`)); err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent("\t")); err != nil {
		return err
	}
	if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.activeElement === document.querySelector("header nav:not(.languages) a")`)); err != nil || !ok {
		return fmt.Errorf("wide header: Tab from the site's name does not reach the first link (%v)", err)
	}
	return nil
}

// printedHeader checks the header printed: no navigation and no menu
// button, only the site's name.
func printedHeader(tab context.Context) error {
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		return err
	}
	defer chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	h, err := readHeader(tab)
	switch {
	case err != nil:
		return err
	case h.MenuShown || h.LinksShown != 0 || h.LangsShown != 0:
		return fmt.Errorf("printed header: menu button shown %v, %d links, %d language links; want none", h.MenuShown, h.LinksShown, h.LangsShown)
	}
	return nil
}

// followFirstLink opens the menu with a click and follows its first link.
func followFirstLink(tab context.Context) error {
	want, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("header nav:not(.languages) a").href`))
	if err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("header .fold.menu > summary"))); err != nil {
		return err
	}
	if _, err := chromedp.Run(tab, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("header nav:not(.languages) a")))); err != nil {
		return fmt.Errorf("following the first link of the opened menu: %v", err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`location.href`))
	if err != nil || got != want {
		return fmt.Errorf("the first menu link opened %s, want %s (%v)", got, want, err)
	}
	return nil
}
