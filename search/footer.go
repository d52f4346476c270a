package search

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"

	zapx "github.com/blevesearch/zapx/v17"
)

// footer is the trailer of a zap segment file.
type footer struct {
	numDocs, storedIndexOffset, sectionsIndexOffset uint64
	chunkMode, version, crc                         uint32
	dataLen                                         int
}

// parseFooter reads the trailer of a segment file written by zapx: from
// the end, CRC, version, chunk mode, sections index offset, stored index
// offset, number of documents, and the length of a writer id (zero when
// nothing encrypts the file).
func parseFooter(data []byte) (footer, error) {
	var f footer
	if len(data) < zapx.FooterSize {
		return f, fmt.Errorf("search index is truncated (%d bytes)", len(data))
	}
	end := len(data)
	f.crc = binary.BigEndian.Uint32(data[end-4:])
	// The checksum first: a file cut short or damaged has garbage where
	// the footer should be, and its fields would explain nothing.
	if crc32.ChecksumIEEE(data[:end-4]) != f.crc {
		return f, fmt.Errorf("checksum mismatch (the file was changed or cut short); rebuild the site")
	}
	f.version = binary.BigEndian.Uint32(data[end-8:])
	f.chunkMode = binary.BigEndian.Uint32(data[end-12:])
	f.sectionsIndexOffset = binary.BigEndian.Uint64(data[end-20:])
	f.storedIndexOffset = binary.BigEndian.Uint64(data[end-28:])
	f.numDocs = binary.BigEndian.Uint64(data[end-36:])
	idLen := binary.BigEndian.Uint32(data[end-40:])
	if f.version != zapx.Version {
		return f, fmt.Errorf("search index has format version %d; this program reads %d: rebuild the site", f.version, zapx.Version)
	}
	if idLen != 0 {
		return f, fmt.Errorf("search index is encrypted or corrupt (writer id of %d bytes)", idLen)
	}
	f.dataLen = end - zapx.FooterSize
	if f.storedIndexOffset >= uint64(f.dataLen) || f.sectionsIndexOffset >= uint64(f.dataLen) {
		return f, fmt.Errorf("search index is corrupt: offsets beyond its %d bytes", f.dataLen)
	}
	return f, nil
}
