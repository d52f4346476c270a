package main

import (
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
)

// The soft memory limits of build and serve (setMemoryLimit): a base and
// so much more a content file.
//
// A build keeps what pages must know of each other (front matter, titles,
// relations) and no bodies: at 100,000 generated documents the live heap
// was 500 to 870 MB through the stages (half to two thirds of it the
// front matter). Without a limit the collector lets the heap reach twice what
// is live, and the runtime held another 400 to 600 MB of freed memory
// that it gives back to the system slowly: 2.32 to 2.38 GB peak with the
// index's mapped segments. With 256 MiB + 15 KiB a file (1,721 MiB at
// 100,000), the build peaks at 1.76 to 1.81 GiB (1,845,440 to 1,896,196
// KiB in builds since; see docs/measurements.md). (The limit was
// lowered while zapx merged the index's segments by what the merge
// mapped; the segments are now written in one pass and nothing is
// merged.) The limit
// does not decide when the collector runs in the index stage: with
// 4,000 MiB it ran as often. At 10,000 documents (403 MiB) the limit was
// above what the build takes (285 to 340 MB with buildGCPercent at 150;
// 246 to 285 MB in the bench once the front matter was packed as it is
// loaded: model.Options.PackFrontMatter); with buildGCPercent at 300
// the build reaches it (387,300 to 415,520 KiB).
//
// serve keeps every body, rendered and as Markdown, in memory to reuse
// it between rebuilds: about three times the memory a file.
const (
	buildMemoryBase    = 256 << 20
	buildMemoryPerFile = 15 << 10
	serveMemoryBase    = 384 << 20
	serveMemoryPerFile = 48 << 10
)

// setMemoryLimit gives the Go runtime a soft memory limit of base and
// perFile for each content file, unless GOMEMLIMIT is set. The limit is
// soft: a larger site is never stopped by it, the collector only works
// harder near it (at most half the CPU).
func setMemoryLimit(src fs.FS, base, perFile int64) {
	if os.Getenv("GOMEMLIMIT") != "" || src == nil {
		return
	}
	files := int64(0)
	fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files++
		}
		return nil
	})
	debug.SetMemoryLimit(base + files*perFile)
}

// buildGCPercent is the collector's GOGC in a build, unless GOGC is set:
// the heap may grow by three times what is live before the collector
// runs, where it is let grow by as much (100, Go's default).
// The memory limit still holds the build to about the same peak: at 100,000
// generated documents the heap reaches the limit between collections
// either way, and the limit decides there. What changes is how often
// the collector marks the heap it must keep (the front matter, titles
// and relations of every page), and marking a larger heap costs more a
// byte (the cache misses grow with it). Builds of the 100,000
// documents, each pair alternated, into new folders, nothing deleted in
// the minutes before: 78.68, 75.04, 82.85 and 78.36 s (114 to 124 s user
// CPU) against 92.89, 86.00, 88.48 and 81.71 s at GOGC 100 (126 to 140
// s), 9% less wall time on average; the peak 1,896,628 to 1,927,756 KiB
// against 1,895,432 to 1,911,980. At 10,000 documents, three alternated
// rounds: 8.37, 8.40 and 7.15 s against 9.09, 8.67 and 7.36 s, the peak
// 285 to 338 MB against 258 to 270 MB, within the limit (403 MiB). GOGC
// 200 gave no more at 100,000 (78.27 and 82.88 s, beside 75.89 and
// 83.73 s at 150) and 356 to 384 MB at 10,000.
//
// That was while the front matter was live as maps. Packed as it is
// loaded (model.Options.PackFrontMatter), it leaves a live heap of a
// fifth the objects, and at 150 the collector ran more often again (24
// collections in the load of 100,000 documents against 18). At 300, in
// five alternated pairs of 100,000-document builds: 82.58, 84.40,
// 73.08, 64.10 and 64.04 s against 90.48, 87.85, 76.16, 66.53 and 69.53
// s at 150 (4 to 9% less in every pair), the peak 1,829,524 to
// 1,884,684 KiB against 1,716,512 to 1,829,320. At 10,000, six pairs:
// 7.88, 6.24, 6.19, 8.75, 6.20 and 6.03 s against 6.56, 6.60, 6.78,
// 6.79, 6.50 and 5.79 s (quicker in three, slower in three), the peak
// 387,300 to 415,520 KiB against 253,692 to 268,012: the heap now
// reaches the soft limit there too (docs/measurements.md).
const buildGCPercent = 300

// setGCPercent sets the collector's GOGC to percent, unless the GOGC
// variable is set.
func setGCPercent(percent int) {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(percent)
}
