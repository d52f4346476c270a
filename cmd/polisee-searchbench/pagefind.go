package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// pagefindDir is Pagefind's output folder inside the site; a name of its
// own, so that it cannot clash with a folder of the site.
const pagefindDir = "pagefind_bench"

// pagefindIndex is what Pagefind built, and what that cost.
type pagefindIndex struct {
	build        time.Duration
	pages, words int
	// index is the index proper (entry, meta, index chunks, fragments,
	// filters); all is the whole folder, engine and UI files included.
	index, all size
}

// size is a byte count, raw and as brotli.
type size struct{ raw, brotli int64 }

func (s size) add(t size) size { return size{s.raw + t.raw, s.brotli + t.brotli} }

// buildPagefind runs Pagefind on the site and measures its output folder.
func buildPagefind(ctx context.Context, bin, public string, logf func(string, ...any)) (*pagefindIndex, error) {
	out := filepath.Join(public, pagefindDir)
	if err := os.RemoveAll(out); err != nil {
		return nil, err
	}
	logf("running %s...", bin)
	cmd := exec.CommandContext(ctx, bin, "--site", public, "--output-subdir", pagefindDir)
	start := time.Now()
	text, err := cmd.CombinedOutput()
	pf := &pagefindIndex{build: time.Since(start)}
	if err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", bin, err, text)
	}
	pf.pages = indexedCount(text, "pages")
	pf.words = indexedCount(text, "words")
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		br, err := compressBrotli(data)
		if err != nil {
			return err
		}
		s := size{int64(len(data)), int64(len(br))}
		pf.all = pf.all.add(s)
		if isPagefindIndex(d.Name()) {
			pf.index = pf.index.add(s)
		}
		return nil
	})
	return pf, err
}

// isPagefindIndex tells the index files from Pagefind's JavaScript,
// WebAssembly and stylesheets.
func isPagefindIndex(name string) bool {
	return strings.HasPrefix(filepath.Ext(name), ".pf_") || name == "pagefind-entry.json"
}

// indexedCount reads "Indexed 1234 pages" (or words) from Pagefind's
// summary; -1 when it is missing.
func indexedCount(out []byte, what string) int {
	m := regexp.MustCompile(`Indexed ([\d,]+) ` + what).FindSubmatch(out)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(strings.ReplaceAll(string(m[1]), ",", ""))
	if err != nil {
		return -1
	}
	return n
}
