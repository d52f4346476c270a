//go:build unix

package search

import (
	"errors"
	"syscall"
)

// processRuns reports whether a process with the id runs (or may run: a
// process of another user answers EPERM).
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
