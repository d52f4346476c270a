package themes_test

// A damaged search index in the browser: the search page says that
// search could not start and why, over http (the head of the index in
// parts; engine in a worker, then in the page) and from disk (the whole
// index from a classic script), with no uncaught exception; a damaged
// part of the index, which a query fetches, makes the query say so.

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// damaged returns the ways an index file gets damaged.
func damaged(good []byte) map[string][]byte {
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/3] ^= 0xff
	version := append([]byte(nil), good...)
	binary.BigEndian.PutUint32(version[len(version)-8:], 99)
	binary.BigEndian.PutUint32(version[len(version)-4:], crc32.ChecksumIEEE(version[:len(version)-4])) // written by another version
	return map[string][]byte{
		"empty":         nil,
		"truncated":     good[:len(good)/2],
		"last byte cut": good[:len(good)-1],
		"flipped byte":  flipped,
		"wrong version": version,
		"not an index":  []byte("<!DOCTYPE html><p>a page where the index should be</p>" + strings.Repeat(" ", 100)),
	}
}

// searchFails opens the search page and waits for its message: search
// could not start, because the index is damaged. Uncaught exceptions and
// console errors other than the damage are failures.
func searchFails(t *testing.T, browser context.Context, u string) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	messages := chromedp.Console(tab)
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	status, took, err := waitStatus(tab, "Search could not start")
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	if !strings.Contains(status, "search index is corrupt") {
		t.Errorf("%s: %q does not say the index is damaged", u, status)
	}
	t.Logf("after %v: %s", took.Round(time.Millisecond), status)
	const done = "polisee-corrupt-index-test: done"
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", done))); err != nil {
		t.Fatal(err)
	}
	for m, err := range messages {
		if err != nil {
			t.Fatal(err)
		}
		if m.Type == chromedp.ConsoleDebug && m.Text == done {
			break
		}
		if m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError {
			t.Errorf("%s: console %s: %s", u, m.Type, m.Text)
		}
	}
}

func TestBrowserCorruptIndex(t *testing.T) {
	chrome, _ := a11yTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, offline, srv := starterSites(t, ctx)
	browser := startBrowser(t, ctx, chrome)
	// Over http the page opens the head of the index in parts; from disk,
	// the whole index.
	only := func(pattern string) string {
		found, err := filepath.Glob(pattern)
		if err != nil || len(found) != 1 {
			t.Fatalf("%s: %v %v", pattern, found, err)
		}
		return found[0]
	}
	headFile := only(filepath.Join(out, "search", "parts", "head.*.bin"))
	goodHead, err := os.ReadFile(headFile)
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(only(filepath.Join(offline, "search", "index.*.zap")))
	if err != nil {
		t.Fatal(err)
	}
	heads := damaged(goodHead)
	heads["wrong version"] = append([]byte("polisee index parts 9\n"), goodHead[len("polisee index parts 1\n"):]...)
	offlineIndex := filepath.Join(offline, "search", "index.js")
	for name, data := range damaged(good) {
		t.Run("http/"+name, func(t *testing.T) {
			if err := os.WriteFile(headFile, heads[name], 0o644); err != nil {
				t.Fatal(err)
			}
			searchFails(t, browser, srv.URL+"/search/?q=cluster")
		})
		t.Run("file/"+name, func(t *testing.T) {
			script := "self.POLISEE_INDEX = \"" + base64.StdEncoding.EncodeToString(data) + "\";\n"
			if err := os.WriteFile(offlineIndex, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			searchFails(t, browser, fileURL(offline, "search/index.html")+"?q=cluster")
		})
	}
	// A damaged part, found when a query reads it: the query says so.
	t.Run("http/damaged parts", func(t *testing.T) {
		if err := os.WriteFile(headFile, goodHead, 0o644); err != nil {
			t.Fatal(err)
		}
		shards, err := filepath.Glob(filepath.Join(out, "search", "parts", "s.*.bin"))
		if err != nil || len(shards) == 0 {
			t.Fatalf("no shards: %v", err)
		}
		for _, f := range shards {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 0xff
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tab, cancel := chromedp.NewContext(browser)
		defer cancel()
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/search/?q=cluster")); err != nil {
			t.Fatal(err)
		}
		status, _, err := waitStatus(tab, "search index is corrupt")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(status, "rebuild the site") {
			t.Errorf("%q does not say what to do", status)
		}
	})
}
