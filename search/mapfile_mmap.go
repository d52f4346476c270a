//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package search

import (
	"fmt"
	"os"
	"syscall"
)

// mapFile maps a segment file that build wrote into memory, shared with
// the file, so that its bytes take no room in the Go heap (where they
// would also count twice towards the heap the collector lets grow).
// Writes to the bytes go to the file. unmap lets them go; the file may be
// removed before.
func mapFile(path string) (data []byte, unmap func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close() // the mapping outlives the descriptor
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := info.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil, nil, fmt.Errorf("search segment %s: unexpected size %d", path, size)
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("search segment %s: %w", path, err)
	}
	return data, func() { syscall.Munmap(data) }, nil
}
