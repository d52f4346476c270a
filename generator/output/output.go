// Package output writes a site into a fresh folder beside the output folder
// and swaps it into place only when the build has succeeded, so a failed or
// killed build leaves the previous site untouched and a finished one has no
// stale files.
package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is the file that identifies a folder written by polisee. An
// existing output folder without it is never replaced, so a mistyped -out
// cannot wipe someone's files.
const Marker = ".polisee-output"

const markerText = "This folder is written by polisee build and replaced on every build.\n"

// Tx is one build's output in progress.
type Tx struct {
	dir  string // final output folder
	tmp  string // folder being written
	done bool
	lock *outputLock // held until Commit or Abort

	mu   sync.Mutex
	made map[string]bool // folders already created
}

// Options are Begin's choices beyond the folder.
type Options struct {
	// Forbidden are folders the output may neither replace nor hold (the
	// content, for one).
	Forbidden []string
	// Waiting, if set, is called once when another build is writing the
	// same output folder and this one waits for it to finish.
	Waiting func()
}

// Begin checks that dir may be written, locks it against other builds
// (waiting for one that holds it, or until ctx is done) and creates the
// folder the build writes into. Leftovers of earlier killed builds are
// removed; a live build's folder never is, since it holds the lock.
func Begin(ctx context.Context, dir string, opts Options) (*Tx, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	forbidden := opts.Forbidden
	if err := checkSafe(abs, forbidden); err != nil {
		return nil, err
	}
	// The same checks on the folder the path really names: a symbolic
	// link on the way (links/content/public, with links/content pointing
	// at the content) would otherwise lead the build into a folder it
	// must not write.
	if real := realPath(abs); real != abs {
		realForbidden := make([]string, 0, len(forbidden))
		for _, f := range forbidden {
			if fa, err := filepath.Abs(f); err == nil && f != "" {
				realForbidden = append(realForbidden, realPath(fa))
			}
		}
		if err := checkSafe(real, realForbidden); err != nil {
			return nil, fmt.Errorf("output folder %s leads through symbolic links to %s: %w", dir, real, err)
		}
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	lock, err := acquireLock(ctx, abs, opts.Waiting)
	if err != nil {
		return nil, err
	}
	tx, err := begin(abs, dir)
	if err != nil {
		lock.release()
		return nil, err
	}
	tx.lock = lock
	return tx, nil
}

// begin is Begin once the output is locked: abs is dir made absolute.
func begin(abs, dir string) (*Tx, error) {
	parent := filepath.Dir(abs)
	info, err := os.Lstat(abs)
	switch {
	case err == nil && info.Mode()&os.ModeSymlink != 0:
		return nil, fmt.Errorf("output folder %s is a symbolic link; give the real folder", dir)
	case err == nil && !info.IsDir():
		return nil, fmt.Errorf("output %s exists and is not a folder", dir)
	case err == nil:
		if !owned(abs) {
			return nil, fmt.Errorf("output folder %s exists and was not written by polisee (no %s file in it); choose a new or empty folder, or delete it first", dir, Marker)
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	cleanLeftovers(abs)
	tmp, err := os.MkdirTemp(parent, tmpPrefix(abs))
	if err != nil {
		return nil, fmt.Errorf("create a build folder beside %s: %w", dir, err)
	}
	// MkdirTemp makes the folder private; a published site must be
	// readable by the web server.
	if err := os.Chmod(tmp, 0o755); err != nil {
		removeAll(tmp)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		removeAll(tmp)
		return nil, fmt.Errorf("write %s: %w", Marker, err)
	}
	return &Tx{dir: abs, tmp: tmp}, nil
}

func tmpPrefix(abs string) string { return "." + filepath.Base(abs) + ".polisee-tmp-" }
func oldPrefix(abs string) string { return "." + filepath.Base(abs) + ".polisee-old-" }

func cleanLeftovers(abs string) {
	for _, prefix := range []string{tmpPrefix(abs), oldPrefix(abs)} {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), prefix+"*"))
		// The names are ours alone; a killed removal may already have
		// deleted the marker inside, so it is not required here.
		for _, m := range matches {
			removeAll(m)
		}
	}
}

// owned reports whether an existing folder may be replaced: it holds the
// marker, or it is empty.
func owned(abs string) bool {
	if _, err := os.Stat(filepath.Join(abs, Marker)); err == nil {
		return true
	}
	entries, err := os.ReadDir(abs)
	return err == nil && len(entries) == 0
}

// checkSafe refuses output folders whose replacement would destroy the
// content, the project or the user's files.
func checkSafe(abs string, forbidden []string) error {
	home, _ := os.UserHomeDir()
	if abs == filepath.Dir(abs) || (home != "" && (sameOrAbove(abs, home) || sameOrAbove(abs, realPath(home)))) {
		return fmt.Errorf("refusing to use %s as the output folder: it holds more than a site; choose a folder such as public/", abs)
	}
	for _, f := range forbidden {
		if f == "" {
			continue
		}
		fa, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		if sameOrAbove(abs, fa) {
			return fmt.Errorf("refusing to use %s as the output folder: it is or contains %s, which the build reads; choose a folder such as public/", abs, f)
		}
		if sameOrAbove(fa, abs) {
			return fmt.Errorf("refusing to use %s as the output folder: it is inside %s, which the build reads", abs, f)
		}
	}
	for _, project := range []string{".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(abs, project)); err == nil {
			return fmt.Errorf("refusing to use %s as the output folder: it holds %s (a project folder); choose a folder such as public/", abs, project)
		}
	}
	return nil
}

// realPath resolves the symbolic links in the longest part of abs that
// exists; the rest is kept as written.
func realPath(abs string) string {
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(p) == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// sameOrAbove reports whether a is b or one of b's parents.
func sameOrAbove(a, b string) bool {
	rel, err := filepath.Rel(a, b)
	return err == nil && (rel == "." || (!strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)))
}

// Dir is the folder being written; the build may write into it directly.
func (t *Tx) Dir() string { return t.tmp }

// WriteFile writes one file at a slash-separated path inside the output.
// Paths that would leave the output are refused.
func (t *Tx) WriteFile(rel string, data []byte) error {
	p, err := t.path(rel)
	if err != nil {
		return err
	}
	if err := t.mkdir(rel, filepath.Dir(p)); err != nil {
		return err
	}
	return writeFile(p, data)
}

// WriteFileWith writes one file as WriteFile does, its bytes given by
// write, for a file whose bytes are not in memory all at once.
func (t *Tx) WriteFileWith(rel string, write func(w io.Writer) error) error {
	p, err := t.path(rel)
	if err != nil {
		return err
	}
	if err := t.mkdir(rel, filepath.Dir(p)); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mkdir creates a folder once per build: folders hold several files, and
// MkdirAll costs system calls every time. Most pages are in a folder of
// their own whose parent exists: one Mkdir makes it, where MkdirAll would
// first look at the folder and at its parent (three system calls); when
// Mkdir fails (a parent is missing, or the folder exists), MkdirAll does
// what it does.
//
// The lock covers the set of folders made, not the system calls: held
// through them, it had the goroutines writing pages wait on each other's
// Mkdir. Two goroutines may make the same folder at once: the second's
// Mkdir fails and its MkdirAll finds the folder there.
//
// dir is the folder of the file rel names. The set holds the folders as
// rel names them, a part of the caller's string (a site's build keeps
// its pages' names to the end), not of dir, which is made for this one
// file: at 100,000 documents that was about 100,000 strings kept only by the
// set, for the collector to mark in every collection.
func (t *Tx) mkdir(rel, dir string) error {
	key := path.Dir(rel)
	t.mu.Lock()
	made := t.made[key]
	t.mu.Unlock()
	if made {
		return nil
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.made == nil {
		t.made = map[string]bool{}
	}
	t.made[key] = true
	return nil
}

func (t *Tx) path(rel string) (string, error) {
	local := filepath.FromSlash(rel)
	if !filepath.IsLocal(local) || strings.ContainsRune(rel, '\\') || filepath.Clean(local) == "." {
		return "", fmt.Errorf("output path %q leaves the output folder", rel)
	}
	return filepath.Join(t.tmp, local), nil
}

// Commit puts the new site in place of the old one and removes the old one.
func (t *Tx) Commit() error {
	if t.done {
		return errors.New("output already committed or aborted")
	}
	t.done = true
	defer t.lock.release()
	if _, err := os.Lstat(t.dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(t.tmp, t.dir); err != nil {
			removeAll(t.tmp)
			return fmt.Errorf("move the new site into %s: %w", t.dir, err)
		}
		return nil
	}
	// Swap atomically where the system can; the old site then sits at the
	// temporary name and is removed.
	if err := exchange(t.tmp, t.dir); err == nil {
		return removeAll(t.tmp)
	}
	old, err := os.MkdirTemp(filepath.Dir(t.dir), oldPrefix(t.dir))
	if err != nil {
		removeAll(t.tmp)
		return err
	}
	os.Remove(old)
	if err := os.Rename(t.dir, old); err != nil {
		removeAll(t.tmp)
		return fmt.Errorf("move the old site aside: %w", err)
	}
	if err := os.Rename(t.tmp, t.dir); err != nil {
		os.Rename(old, t.dir)
		removeAll(t.tmp)
		return fmt.Errorf("move the new site into %s: %w", t.dir, err)
	}
	return removeAll(old)
}

// Abort removes the folder being written; the old site stays as it was.
func (t *Tx) Abort() {
	if t.done {
		return
	}
	t.done = true
	removeAll(t.tmp)
	t.lock.release()
}

// removeAll removes a folder tree, many entries at a time: on some file
// systems (ext4 mounted with discard, for one) every unlink waits for the
// disk, and a site has a folder per page. Removing in parallel took a
// 10,000-page site from 19.6 s to 5.2 s on such a disk.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return os.RemoveAll(dir)
	}
	var paths []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			paths = append(paths, p)
			continue
		}
		sub, err := os.ReadDir(p)
		if err != nil {
			paths = append(paths, p)
			continue
		}
		for _, s := range sub {
			paths = append(paths, filepath.Join(p, s.Name()))
		}
	}
	const removers = 32
	next := make(chan string)
	var wg sync.WaitGroup
	for range removers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				os.RemoveAll(p)
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return os.RemoveAll(dir)
}
