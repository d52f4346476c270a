package benchkit

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// PagefindDir is Pagefind's output folder inside the site; a name of its
// own, so that it cannot clash with a folder of the site.
const PagefindDir = "pagefind_bench"

// PagefindIndex is what Pagefind built, and what that cost.
type PagefindIndex struct {
	Use          Usage
	Pages, Words int // as Pagefind's summary says; -1 when missing
	// Index is the index proper (entry, meta, index chunks, fragments,
	// filters); All is the whole folder, engine and UI files included.
	Index, All Size
	Files      int // in the whole folder
}

// RunPagefind runs `pagefind --site SITE --output-subdir pagefind_bench`
// as a measured child process, after moving what an earlier run wrote
// aside (see SettleDisk) and letting the disk settle, and measures its
// output folder.
func RunPagefind(ctx context.Context, bin, site string) (*PagefindIndex, error) {
	out := filepath.Join(site, PagefindDir)
	if err := MoveAside(out); err != nil {
		return nil, err
	}
	SettleDisk()
	use, text, err := Measure(ctx, nil, bin, "--site", site, "--output-subdir", PagefindDir)
	if err != nil {
		return nil, err
	}
	pf := &PagefindIndex{Use: use, Pages: indexedCount(text, "pages"), Words: indexedCount(text, "words")}
	var files []string
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	// Brotli at level 9 on each of Pagefind's files (about 100,000 at
	// 100,000 pages, one fragment a page) takes minutes on one core.
	sizes := make([]Size, len(files))
	err = forEachParallel(len(files), func(i int) error {
		data, err := os.ReadFile(files[i])
		if err != nil {
			return err
		}
		br, err := CompressBrotli(data)
		sizes[i] = Size{int64(len(data)), int64(len(br))}
		return err
	})
	for i, p := range files {
		pf.All = pf.All.Add(sizes[i])
		if isPagefindIndex(filepath.Base(p)) {
			pf.Index = pf.Index.Add(sizes[i])
		}
	}
	pf.Files = len(files)
	return pf, err
}

// forEachParallel calls f for 0 to n-1 on all cores and returns the first
// error, after every call has returned.
func forEachParallel(n int, f func(i int) error) error {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		mu   sync.Mutex
		fail error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if err := f(i); err != nil {
					mu.Lock()
					if fail == nil {
						fail = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return fail
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
