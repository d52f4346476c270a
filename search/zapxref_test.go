//go:build !js

package search

// zapx's way of writing the indexes, kept as the reference zapwrite's
// bytes are checked against (TestWrittenDirectAsZapx): each batch
// becomes a zapx segment, and the segments of each index are then merged
// into one. Builds took this way until zapwrite replaced it.

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// zapxSegments is buildDirect's loop, zapx's way (see writeSegments).
func zapxSegments(ctx context.Context, sorted []Document, fill func(*Document) error, m *mapping.IndexMappingImpl, work string, withSections, share bool) (*Segments, error) {
	var pageParts, sectionParts []string
	err := eachBatch(ctx, sorted, fill, m, withSections, share, func(pageDocs, sectionDocs []index.Document) error {
		p := filepath.Join(work, fmt.Sprintf("pages-%05d.zap", len(pageParts)))
		pageParts = append(pageParts, p)
		return sideBySide(func() error { return persistSegment(pageDocs, p) }, func() error {
			if sectionDocs == nil {
				return nil
			}
			sp := filepath.Join(work, fmt.Sprintf("sections-%05d.zap", len(sectionParts)))
			sectionParts = append(sectionParts, sp)
			return persistSegment(sectionDocs, sp)
		})
	})
	if err != nil {
		return nil, err
	}
	// The two merges run one after the other (side by side, their mapped
	// inputs were the build's peak when builds merged). The merged files
	// are removed with the work folder; their mappings stay.
	segs := &Segments{}
	segs.pages, err = mergeParts(pageParts, filepath.Join(work, "pages.zap"))
	segs.Pages = segs.pages.data
	if err == nil && len(sectionParts) > 0 {
		segs.sections, err = mergeParts(sectionParts, filepath.Join(work, "sections.zap"))
		segs.Sections = segs.sections.data
	}
	if err != nil {
		segs.Close()
		return nil, err
	}
	return segs, nil
}

// persistSegment writes analysed documents, in their order, as one
// segment file.
func persistSegment(analysed []index.Document, path string) error {
	seg, _, err := (&zapx.ZapPlugin{}).New(analysed)
	if err != nil {
		return fmt.Errorf("search segment: %w", err)
	}
	sb, ok := seg.(*zapx.SegmentBase)
	if !ok {
		return fmt.Errorf("search segment: unexpected type %T", seg)
	}
	if err := writeSegmentFile(sb, path); err != nil {
		return fmt.Errorf("search segment: %w", err)
	}
	return nil
}

// writeSegmentFile writes sb to a new file at path, as
// zapx.PersistSegmentBase does but for its fsync: the file lives in the
// build's work folder only until the merge, and is of no use after a
// crash, so there is nothing to wait for. At 100,000 documents strace
// counted 699 fsyncs taking 1.46 s, two of them 0.82 and 0.84 s side by
// side with both cores idle; four builds each way then took as long
// (the index stage 53.0 to 68.6 s without, 59.3 to 61.3 s with):
// whatever they cost is within this machine's noise.
func writeSegmentFile(sb *zapx.SegmentBase, path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := sb.WriteTo(f); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// mergeParts merges segment files, in order, into one at out, and returns
// its bytes in canonical order, mapped from the file (mapFile).
func mergeParts(parts []string, out string) (mapped, error) {
	final := parts[0]
	if len(parts) > 1 {
		final = out
		err := mergeSegments(&zapx.ZapPlugin{}, parts, final)
		if err != nil {
			return mapped{}, err
		}
	}
	m, err := mapFile(final)
	if err != nil {
		return mapped{}, err
	}
	if err := canonicalize(m.data, m.evict); err != nil {
		m.unmap()
		return mapped{}, err
	}
	return m, nil
}

// mergeSegments merges segment files, in order, into one.
func mergeSegments(plugin *zapx.ZapPlugin, parts []string, out string) error {
	segs := make([]segment.Segment, 0, len(parts))
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	for _, p := range parts {
		s, err := plugin.Open(p)
		if err != nil {
			return fmt.Errorf("search segment: %w", err)
		}
		segs = append(segs, s)
	}
	drops := make([]*roaring.Bitmap, len(segs))
	if _, _, err := plugin.Merge(segs, drops, out, nil, nil); err != nil {
		return fmt.Errorf("search segment merge: %w", err)
	}
	return nil
}

// canonicalize puts the one part of a segment that zapx writes in map
// order into a fixed order: for each field, the list of (section type,
// address) pairs. The pairs are sorted in place, which changes no offset,
// and the checksum is recomputed (see checksum for evict). Everything
// else zapx writes in document and term order already.
func canonicalize(data []byte, evict func()) error {
	f, err := parseFooter(data)
	if err != nil {
		return err
	}
	bad := fmt.Errorf("search segment: unexpected fields section layout")
	pos := int(f.sectionsIndexOffset)
	numFields, n := binary.Uvarint(data[pos:])
	if n <= 0 || numFields > 1<<16 {
		return bad
	}
	pos += n
	for i := 0; i < int(numFields); i++ {
		if pos+8 > f.dataLen {
			return bad
		}
		at := int(binary.BigEndian.Uint64(data[pos:]))
		pos += 8
		nameLen, n := binary.Uvarint(data[at:])
		if n <= 0 {
			return bad
		}
		at += n + int(nameLen)
		if _, n = binary.Uvarint(data[at:]); n <= 0 { // field options
			return bad
		}
		at += n
		numSections, n := binary.Uvarint(data[at:])
		if n <= 0 || numSections > 64 {
			return bad
		}
		at += n
		const pair = 2 + 8
		end := at + int(numSections)*pair
		if end > f.dataLen {
			return bad
		}
		pairs := make([][]byte, numSections)
		for k := range pairs {
			pairs[k] = append([]byte(nil), data[at+k*pair:at+(k+1)*pair]...)
		}
		sort.Slice(pairs, func(a, b int) bool {
			return binary.BigEndian.Uint16(pairs[a]) < binary.BigEndian.Uint16(pairs[b])
		})
		for k, p := range pairs {
			copy(data[at+k*pair:], p)
		}
	}
	binary.BigEndian.PutUint32(data[len(data)-4:], checksum(data[:len(data)-4], evict))
	return nil
}

// checksum is the CRC-32 (IEEE) of data, read EvictEvery bytes at a time
// with evict called after each piece when it is not nil: the checksum
// reads a whole merged segment, whose pages, mapped from its file, would
// otherwise all stay resident (at 100,000 documents the two merged
// segments' 138 and 154 MB, read side by side as the merges ended).
func checksum(data []byte, evict func()) uint32 {
	var sum uint32
	for off := 0; off < len(data); off += EvictEvery {
		sum = crc32.Update(sum, crc32.IEEETable, data[off:min(off+EvictEvery, len(data))])
		if evict != nil {
			evict()
		}
	}
	return sum
}
