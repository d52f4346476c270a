//go:build !unix

package model

func (d *dirFS) readInto(name string, buf []byte, size int64) (int, error) {
	return readFileInto(d.FS, name, buf, size)
}
