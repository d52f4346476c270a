package main

import (
	"runtime/debug"
	"testing"
)

// A build raises GOGC to buildGCPercent, unless the user set GOGC.
func TestSetGCPercent(t *testing.T) {
	was := debug.SetGCPercent(100)
	defer debug.SetGCPercent(was)
	t.Setenv("GOGC", "")
	setGCPercent(buildGCPercent)
	if got := debug.SetGCPercent(100); got != buildGCPercent {
		t.Errorf("GOGC unset: the collector's percent is %d, want %d", got, buildGCPercent)
	}
	t.Setenv("GOGC", "100")
	setGCPercent(buildGCPercent)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=100: the collector's percent is %d, want it left at 100", got)
	}
}
