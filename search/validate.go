package search

import (
	"encoding/binary"
	"fmt"
	"math"
)

// checkSizes checks the sizes zapx reads from an index before it
// allocates by them: a damaged index that still passes the checksum (a
// forged or unlucky one) could otherwise make it ask for terabytes, which
// ends the program with no error to recover. It walks the fields section
// as zapx writes it and checks each section's doc-value block: its
// bounds, and a chunk count its bytes can hold.
func checkSizes(data []byte, f footer) error {
	bad := func(what string) error { return fmt.Errorf("%s; rebuild the site", what) }
	end := uint64(f.dataLen)
	uvarint := func(at uint64) (uint64, uint64, bool) {
		if at >= end {
			return 0, 0, false
		}
		v, n := binary.Uvarint(data[at:min(end, at+binary.MaxVarintLen64)])
		if n <= 0 {
			return 0, 0, false
		}
		return v, at + uint64(n), true
	}
	if f.numDocs > end {
		return bad("more documents than bytes")
	}
	numFields, pos, ok := uvarint(f.sectionsIndexOffset)
	if !ok || numFields > 1<<16 || pos+numFields*8 > end {
		return bad("fields section out of bounds")
	}
	for i := uint64(0); i < numFields; i++ {
		at := binary.BigEndian.Uint64(data[pos+i*8:])
		nameLen, next, ok := uvarint(at)
		if !ok || nameLen > end {
			return bad("field name out of bounds")
		}
		if _, next, ok = uvarint(next + nameLen); !ok { // field options
			return bad("field options out of bounds")
		}
		numSections, next, ok := uvarint(next)
		if !ok || numSections > 64 || next+numSections*10 > end {
			return bad("field sections out of bounds")
		}
		for k := uint64(0); k < numSections; k++ {
			addr := binary.BigEndian.Uint64(data[next+k*10+2:])
			if addr == 0 {
				continue
			}
			start, p, ok := uvarint(addr)
			if !ok {
				return bad("doc values out of bounds")
			}
			stop, _, ok := uvarint(p)
			if !ok {
				return bad("doc values out of bounds")
			}
			if start == math.MaxUint64 {
				continue // no doc values
			}
			if stop > end || start > stop || stop-start <= 16 {
				return bad("doc values out of bounds")
			}
			chunks := binary.BigEndian.Uint64(data[stop-8:])
			offsetsLen := binary.BigEndian.Uint64(data[stop-16:])
			if offsetsLen > stop-16-start || chunks > offsetsLen {
				return bad("doc value chunks out of bounds")
			}
		}
	}
	return nil
}
