package benchkit

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
)

// TestMoveAsideKeepsEveryRun: runs measured one after another each get a
// new folder, and an output moved aside is kept, not deleted (see
// SettleDisk).
func TestMoveAsideKeepsEveryRun(t *testing.T) {
	base := filepath.Join(t.TempDir(), "public")
	first, err := FreshFolder(base)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(first, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	second, err := FreshFolder(base)
	if err != nil || second == first {
		t.Fatalf("FreshFolder gave %q then %q (%v); want two names", first, second, err)
	}
	if err := MoveAside(base); err != nil { // nothing there yet
		t.Fatal(err)
	}
	if err := os.Rename(first, base); err != nil {
		t.Fatal(err)
	}
	if err := MoveAside(base); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(base); !os.IsNotExist(err) {
		t.Fatalf("%s is still there after MoveAside (%v)", base, err)
	}
	entries, err := os.ReadDir(filepath.Dir(base))
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(filepath.Dir(base), e.Name(), "a")); err == nil {
			kept++
		}
	}
	if kept != 1 {
		t.Errorf("%d folders hold the first run's output after MoveAside; want 1", kept)
	}
}

// TestMemoryState: on Linux the free memory and file cache are read
// from /proc/meminfo as whole megabytes.
func TestMemoryState(t *testing.T) {
	got := MemoryState()
	if runtime.GOOS != "linux" {
		t.Skipf("no /proc/meminfo on %s; MemoryState gave %q", runtime.GOOS, got)
	}
	if !regexp.MustCompile(`^\d+ MB free, \d+ MB file cache$`).MatchString(got) {
		t.Errorf("MemoryState() = %q, want \"N MB free, N MB file cache\"", got)
	}
}
