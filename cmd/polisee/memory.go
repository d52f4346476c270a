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
// 4,000 MiB it ran as often. At 10,000 documents (403 MiB) the limit is
// above what the build takes (270 to 290 MB).
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
