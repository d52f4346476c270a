package model

import (
	"io"
	"io/fs"
	"os"
)

// DirFS is os.DirFS(dir) for a content folder on disk, whose Markdown
// files the load reads with fewer system calls. An *os.File hands every
// file it opens to the runtime's poller, which a regular file refuses,
// and sets and clears its non-blocking flag around that; reading to the
// end then takes one read more to see the end. DirFS reads a file the
// folder listing gave the size of in three calls (open, read, close), and
// the load reads each file twice: its front matter first, its body when
// the page is built (BodiesOnDisk). Everything else (Open, ReadDir, Stat,
// links) is os.DirFS's.
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

// fileReader is a file system that reads a file into a caller's buffer.
type fileReader interface {
	// readInto reads file name into buf, from its start, until its end
	// or until buf is full, and returns the bytes read. size is the
	// file's size as its folder listed it: a read that gives that many
	// bytes ends there, without another call to see the end (a file
	// that grew since is then read as it was listed).
	readInto(name string, buf []byte, size int64) (int, error)
}

// readFileInto reads a file of fsys into buf as fileReader.readInto
// does, through fsys.Open when fsys is not a fileReader.
func readFileInto(fsys fs.FS, name string, buf []byte, size int64) (int, error) {
	if r, ok := fsys.(fileReader); ok {
		return r.readInto(name, buf, size)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for n < len(buf) {
		k, err := f.Read(buf[n:])
		n += k
		if err != nil {
			if err == io.EOF {
				break
			}
			return n, err
		}
		if k == 0 {
			break
		}
	}
	return n, nil
}
