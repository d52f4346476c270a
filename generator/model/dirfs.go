package model

import (
	"io"
	"io/fs"
	"os"
	"slices"
)

// DirFS is os.DirFS(dir) for a content folder on disk, whose Markdown
// files the load reads with fewer system calls. An *os.File hands every
// file it opens to the runtime's poller, which a regular file refuses,
// and sets and clears its non-blocking flag around that. The load reads
// each file twice: its front matter first, to the end (open, read, a
// read that finds the end, close: four calls where an *os.File takes
// seven), and its body when the page is built, whose size is known by
// then (three calls: BodiesOnDisk). Everything else (Open, ReadDir,
// Stat, links) is os.DirFS's.
func DirFS(dir string) fs.FS {
	return &dirFS{FS: os.DirFS(dir), dir: dir}
}

type dirFS struct {
	fs.FS
	dir string
}

func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
func (d *dirFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(d.FS, name) }
func (d *dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.FS, name) }
func (d *dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.FS, name) }
func (d *dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.FS, name) }

// fileOpener is a file system that opens a file for reading with fewer
// system calls than an fs.File takes.
type fileOpener interface {
	openRead(name string) (io.ReadCloser, error)
}

// openRead opens a file of fsys for reading.
func openRead(fsys fs.FS, name string) (io.ReadCloser, error) {
	if o, ok := fsys.(fileOpener); ok {
		return o.openRead(name)
	}
	return fsys.Open(name)
}

// readFile reads a file of fsys into buf, from its start, until its end,
// or until it has read limit bytes (buf grows up to that, when limit is
// more than its length). size, when not -1, is the file's size as its
// folder listed it: a read that gives that many bytes ends there,
// without another call to see the end (a file that grew since shows it
// only when buf has no room for more than size, as readUpTo's has not).
func readFile(fsys fs.FS, name string, buf []byte, size, limit int64) ([]byte, error) {
	f, err := openRead(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n := 0
	for int64(n) != size || n == 0 && size == 0 {
		if n == len(buf) {
			if int64(n) >= limit {
				break
			}
			buf = slices.Grow(buf, int(min(limit, 2*int64(n)+512))-n)
			buf = buf[:min(int64(cap(buf)), limit)]
		}
		k, err := f.Read(buf[n:])
		n += k
		if err == io.EOF || err == nil && k == 0 {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return buf[:n], nil
}
