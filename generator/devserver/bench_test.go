package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// BenchmarkEditToReload measures the time from writing a content file to
// the reload event, through the real watcher (and its settle time), on
// generated corpora of 1,000 and 10,000 documents. Three edits:
//
//   - body: a paragraph added to a practice (only its page changes);
//   - title: a practice renamed (lists, back-links, related items and the
//     home page show the title);
//   - new: a new glossary term (a file added: what lists the glossary is
//     rendered again, and the sitemap).
//
// Run it with
//
//	go test ./generator/devserver -run '^$' -bench EditToReload -benchtime 10x
//
// The search index is built after the reload, in the background; it is
// not part of this figure. MB-sys is the memory the Go runtime holds;
// MB-peak-rss (Linux) is the peak resident memory of the whole benchmark
// process so far, which serves the site in-process: the figure after the
// 10000 runs is the peak of serving 10,000 documents. 1000-el is the 1,000
// documents in English and Greek, a tenth of the practices translated.
func BenchmarkEditToReload(b *testing.B) {
	title := regexp.MustCompile(`(?m)^title: .*$`)
	for _, size := range []string{"1000", "1000-el", "10000"} {
		n, _ := strconv.Atoi(strings.TrimSuffix(size, "-el"))
		for _, edit := range []string{"body", "title", "new"} {
			b.Run(size+"/"+edit, func(b *testing.B) {
				if n > 1000 && testing.Short() {
					b.Skip("-short")
				}
				dir := filepath.Join(b.TempDir(), "content")
				if err := corpus.Write(dir, n, 1); err != nil {
					b.Fatal(err)
				}
				if strings.HasSuffix(size, "-el") {
					bilingual(b, dir, n/10)
				}
				srv, base := serveDir(b, dir, func(string, ...any) {})
				events := subscribe(b, base)
				next(b, events, "state")
				if edit == "new" {
					// The corpus has no glossary: a first term would add
					// a menu entry to every page. Measure the next ones.
					writeFile(b, dir, "glossary/first.md", "---\ntitle: First term\nsummary: s\n---\n")
					next(b, events, "reload")
				}
				practice := filepath.Join(dir, "practices", "p-00001.md")
				original, err := os.ReadFile(practice)
				if err != nil {
					b.Fatal(err)
				}
				var total time.Duration
				for i := 0; b.Loop(); i++ {
					// Let the index of the last change finish, as an
					// editor's pause between saves would.
					b.StopTimer()
					srv.WaitIndex()
					b.StartTimer()
					start := time.Now()
					switch edit {
					case "body":
						writeFile(b, dir, "practices/p-00001.md", fmt.Sprintf("%s\nEdit %d.\n", original, i))
					case "title":
						writeFile(b, dir, "practices/p-00001.md", string(title.ReplaceAll(original, []byte(fmt.Sprintf("title: Renamed %d", i)))))
					case "new":
						writeFile(b, dir, fmt.Sprintf("glossary/term-%d.md", i), fmt.Sprintf("---\ntitle: Term %d\nsummary: s\n---\n", i))
					}
					next(b, events, "reload")
					total += time.Since(start)
				}
				b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/reload")
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				b.ReportMetric(float64(m.Sys)/(1<<20), "MB-sys")
				if kb := peakRSS(); kb > 0 {
					b.ReportMetric(float64(kb)/1024, "MB-peak-rss")
				}
			})
		}
	}
}

// bilingual makes a corpus English and Greek, with the first n practices
// (the edited one among them) translated: every page is then built twice,
// and the Greek pages of the edited practice show its translation over its
// facts.
func bilingual(b *testing.B, dir string, n int) {
	site := filepath.Join(dir, "site.yaml")
	data, err := os.ReadFile(site)
	if err != nil {
		b.Fatal(err)
	}
	writeFile(b, dir, "site.yaml", strings.Replace(string(data), "languages: [en]", "languages: [en, el]", 1))
	for i := 1; i <= n; i++ {
		writeFile(b, dir, fmt.Sprintf("practices/p-%05d.el.md", i), fmt.Sprintf("---\ntitle: Πρακτική %d\nsummary: Περίληψη στα ελληνικά.\n---\n## Περιγραφή\nΚείμενο.\n", i))
	}
}

// peakRSS reads the process's peak resident set (VmHWM) in KiB on Linux,
// or returns 0.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}
