//go:build !js

package search

import (
	"math"
	"os"
	"runtime/debug"
	"sync"
)

// The soft memory limit of the Go runtime (debug.SetMemoryLimit), when
// the program set one, counts the heap and not what is mapped from files.
// A merge maps its input segments, and they come resident almost at once
// (at 100,000 documents 240 to 310 MB for the larger of the two merges),
// so while they are mapped the limit is lowered by their size: the
// collector then keeps the heap smaller by as much, and the program's
// resident memory stays near the limit it was given. (Only the zapx
// path merges, which builds take only in tests: see writeDirect.)
var heldMaps struct {
	sync.Mutex
	bytes int64 // mapped now, counted against the limit
	limit int64 // the limit as set before anything was counted
}

// countMapped counts n bytes of mapped files against the memory limit
// until the function it returns is called. It does nothing when no limit
// is set, or when the files counted would come to more than half of it.
func countMapped(n int64) (release func()) {
	heldMaps.Lock()
	defer heldMaps.Unlock()
	if heldMaps.bytes == 0 {
		heldMaps.limit = debug.SetMemoryLimit(-1)
	}
	if heldMaps.limit == math.MaxInt64 || heldMaps.bytes+n > heldMaps.limit/2 {
		return func() {}
	}
	heldMaps.bytes += n
	debug.SetMemoryLimit(heldMaps.limit - heldMaps.bytes)
	return func() {
		heldMaps.Lock()
		defer heldMaps.Unlock()
		heldMaps.bytes -= n
		debug.SetMemoryLimit(heldMaps.limit - heldMaps.bytes)
	}
}

// filesSize is the size of the files at paths; files it cannot stat
// count for nothing.
func filesSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil {
			n += info.Size()
		}
	}
	return n
}
