//go:build !js && !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package search

import "os"

// mapFile reads a segment file that build wrote: on this system it is
// read into memory rather than mapped (see the mmap version).
func mapFile(path string) (mapped, error) {
	data, err := os.ReadFile(path)
	return mapped{data: data, unmap: func() {}, evict: func() {}}, err
}
