//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package search

import (
	"fmt"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// mapFile maps a segment file that build wrote into memory, shared with
// the file, so that its bytes take no room in the Go heap (where they
// would also count twice towards the heap the collector lets grow).
// Writes to the bytes go to the file. unmap lets them go; the file may be
// removed before. evict gives the system back the pages of the mapping
// that were read (or written): the bytes stay the file's, and are read
// again, from the system's cache as a rule, when next used.
func mapFile(path string) (mapped, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return mapped{}, err
	}
	defer f.Close() // the mapping outlives the descriptor
	info, err := f.Stat()
	if err != nil {
		return mapped{}, err
	}
	size := info.Size()
	if size <= 0 || int64(int(size)) != size {
		return mapped{}, fmt.Errorf("search segment %s: unexpected size %d", path, size)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return mapped{}, fmt.Errorf("search segment %s: %w", path, err)
	}
	return mapped{
		data:  data,
		unmap: func() { syscall.Munmap(data) },
		// The pages are shared with the file: letting them go loses
		// nothing written to them.
		evict: func() { evictMapped(data) },
	}, nil
}

// evictMapped gives the system back the pages of a file's mapping that
// were read: see mapFile.
func evictMapped(data []byte) {
	if len(data) > 0 {
		unix.Madvise(data, unix.MADV_DONTNEED)
	}
}
