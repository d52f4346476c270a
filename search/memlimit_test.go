//go:build !js

package search

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestCountMappedLowersTheLimit: mapped bytes counted against a memory
// limit lower it by their size until released, counts add up, and
// nothing changes without a limit or for files that would take most of
// it.
func TestCountMappedLowersTheLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	limit := func() int64 { return debug.SetMemoryLimit(-1) }

	debug.SetMemoryLimit(math.MaxInt64)
	release := countMapped(100 << 20)
	if got := limit(); got != math.MaxInt64 {
		t.Errorf("with no limit set, counting changed it to %d", got)
	}
	release()

	debug.SetMemoryLimit(1 << 30)
	releaseA := countMapped(100 << 20)
	if got, want := limit(), int64(1<<30-100<<20); got != want {
		t.Errorf("limit with 100 MiB mapped: %d, want %d", got, want)
	}
	releaseB := countMapped(50 << 20)
	if got, want := limit(), int64(1<<30-150<<20); got != want {
		t.Errorf("limit with 150 MiB mapped: %d, want %d", got, want)
	}
	releaseHuge := countMapped(600 << 20) // would leave less than half
	if got, want := limit(), int64(1<<30-150<<20); got != want {
		t.Errorf("limit after counting files larger than half of it: %d, want %d", got, want)
	}
	releaseHuge()
	releaseA()
	if got, want := limit(), int64(1<<30-50<<20); got != want {
		t.Errorf("limit after releasing 100 MiB: %d, want %d", got, want)
	}
	releaseB()
	if got := limit(); got != 1<<30 {
		t.Errorf("limit after releasing all: %d, want %d", got, 1<<30)
	}
}
