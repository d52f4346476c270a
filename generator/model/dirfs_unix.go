//go:build unix

package model

import (
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"
)

func (d *dirFS) readInto(name string, buf []byte, size int64) (int, error) {
	if !fs.ValidPath(name) {
		return 0, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	// O_NONBLOCK: a file that became a named pipe since the listing is
	// not waited on (for a regular file the flag does nothing).
	p := filepath.Join(d.dir, filepath.FromSlash(name))
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	for err == unix.EINTR {
		fd, err = unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	}
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	n := 0
	for n < len(buf) && int64(n) != size {
		k, err := unix.Read(fd, buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if k <= 0 {
			break
		}
		n += k
	}
	return n, nil
}
