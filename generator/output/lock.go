package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Two builds into one output folder would each remove the other's
// unfinished folder as a leftover of a killed build. The output is locked
// from Begin to Commit or Abort: an advisory lock on a file beside the
// output folder, which the system releases when a build is killed, so a
// lock is never stale. A second build waits for the first.

// lockName names the lock file beside the output folder.
func lockName(abs string) string { return "." + filepath.Base(abs) + ".polisee-lock" }

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 50 * time.Millisecond

// outputLock is a held lock on an output folder.
type outputLock struct {
	f    *os.File
	path string
}

// acquireLock locks the output folder abs, waiting while another build
// holds it; waiting, if set, is called once when the wait begins. The
// lock file is removed on release; a build that took the lock on a file
// its holder has just removed starts over with the new file.
func acquireLock(ctx context.Context, abs string, waiting func()) (*outputLock, error) {
	path := filepath.Join(filepath.Dir(abs), lockName(abs))
	told := false
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock the output folder: %w", err)
		}
		for {
			busy, err := tryLock(f)
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("lock the output folder with %s: %w", path, err)
			}
			if !busy {
				break
			}
			if !told && waiting != nil {
				waiting()
				told = true
			}
			select {
			case <-ctx.Done():
				f.Close()
				return nil, ctx.Err()
			case <-time.After(lockPoll):
			}
		}
		if isFileAt(f, path) {
			return &outputLock{f: f, path: path}, nil
		}
		f.Close() // the holder removed the file as we took its lock
	}
}

// isFileAt reports whether the open file f is the one path names now.
func isFileAt(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// release removes the lock file, then unlocks it by closing it: a build
// waiting on the removed file notices and starts over.
func (l *outputLock) release() {
	if l == nil || l.f == nil {
		return
	}
	removed := os.Remove(l.path)
	l.f.Close()
	l.f = nil
	if removed != nil && !errors.Is(removed, os.ErrNotExist) {
		os.Remove(l.path) // systems that refuse to remove an open file
	}
}
