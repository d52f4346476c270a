package main

import (
	"runtime/debug"
	"testing"
)

// collectLessOften raises the collector's target for a build, and leaves
// it alone when the user set GOGC.
func TestCollectLessOften(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	t.Setenv("GOGC", "")
	collectLessOften()
	if got := debug.SetGCPercent(100); got != buildGCPercent {
		t.Errorf("GC percent %d after collectLessOften, want %d", got, buildGCPercent)
	}
	t.Setenv("GOGC", "150")
	collectLessOften()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d with GOGC set, want it left at 100", got)
	}
}
