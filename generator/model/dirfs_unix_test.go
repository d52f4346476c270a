//go:build unix

package model

import (
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestDirFSNamedPipe: a file that became a named pipe with no writer is
// not waited on.
func TestDirFSNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := unix.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readCapped(DirFS(dir), "pipe.md", 100, 1<<20, nil)
		done <- err
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe did not return in 10 s")
	}
}
