//go:build !js

package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// BleveType makes bleve pick the document mapping of the document's
// language.
func (d indexed) BleveType() string { return d.Lang }

// Build indexes the documents and returns the index as one zap segment.
// Documents are numbered in ID order and analysed on all cores, so the
// same documents always give the same bytes. (bleve's offline builder
// numbers them in map order, which differs from run to run.) tmpDir is
// where zapx writes segment files (in a folder removed afterwards; "" is
// the system's temporary folder).
// The documents' sections are left out: BuildSections indexes them.
func Build(ctx context.Context, docs []Document, tmpDir string) ([]byte, error) {
	sorted, err := sortedDocuments(docs)
	if err != nil {
		return nil, err
	}
	entries := make([]entry, len(sorted))
	for i, d := range sorted {
		entries[i] = entry{d.ID, d.indexed()}
	}
	return buildSegment(ctx, entries, tmpDir)
}

// BuildSections indexes the sections of the documents (see Section) as
// Build does the documents, for Index.OpenSections. It returns nil when
// no document has sections.
func BuildSections(ctx context.Context, docs []Document, tmpDir string) ([]byte, error) {
	sorted, err := sortedDocuments(docs)
	if err != nil {
		return nil, err
	}
	var entries []entry
	for _, d := range sorted {
		ids, sections := d.sectionDocuments()
		for i := range ids {
			entries = append(entries, entry{ids[i], sections[i]})
		}
	}
	if len(entries) == 0 {
		return nil, nil
	}
	return buildSegment(ctx, entries, tmpDir)
}

// sortedDocuments puts documents in ID order, refusing an ID used twice.
func sortedDocuments(docs []Document) ([]Document, error) {
	sorted := append([]Document(nil), docs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].ID == sorted[i-1].ID {
			return nil, fmt.Errorf("search: document id %q is used twice", sorted[i].ID)
		}
	}
	if len(sorted) == 0 {
		return nil, fmt.Errorf("search: no documents to index")
	}
	return sorted, nil
}

// buildSegment analyses the entries and writes them, in their order, as
// one segment.
func buildSegment(ctx context.Context, entries []entry, tmpDir string) ([]byte, error) {
	m, err := Mapping()
	if err != nil {
		return nil, fmt.Errorf("search mapping: %w", err)
	}
	removeStale(tmpDir)
	work, err := os.MkdirTemp(tmpDir, workPrefix)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	if err := markOwner(work); err != nil {
		return nil, err
	}
	// Analysed documents take many times the size of their text, so they
	// are turned into segments a batch at a time, which are then merged
	// into one. The batch size is fixed: it decides the bytes.
	plugin := &zapx.ZapPlugin{}
	var parts []string
	for start := 0; start < len(entries); start += batchSize {
		batch := entries[start:min(start+batchSize, len(entries))]
		p := filepath.Join(work, fmt.Sprintf("part-%05d.zap", len(parts)))
		if err := writeSegment(ctx, m, batch, p); err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	final := parts[0]
	if len(parts) > 1 {
		final = filepath.Join(work, "index.zap")
		if err := mergeSegments(plugin, parts, final); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(final)
	if err != nil {
		return nil, err
	}
	if err := canonicalize(data); err != nil {
		return nil, err
	}
	return data, nil
}

// canonicalize puts the one part of a segment that zapx writes in map
// order into a fixed order: for each field, the list of (section type,
// address) pairs. The pairs are sorted in place, which changes no offset,
// and the checksum is recomputed. Everything else zapx writes in document
// and term order already.
func canonicalize(data []byte) error {
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
	binary.BigEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(data[:len(data)-4]))
	return nil
}

// batchSize is how many documents are analysed into one segment before
// the segments are merged.
const batchSize = 1000

// entry is one bleve document: a page's (indexed) or a section's
// (sectionIndexed), with its ID.
type entry struct {
	id string
	v  any
}

// writeSegment analyses documents on all cores and writes them as one
// segment file, in the order given.
func writeSegment(ctx context.Context, m *mapping.IndexMappingImpl, docs []entry, path string) error {
	analysed := make([]index.Document, len(docs))
	errs := make([]error, len(docs))
	eachParallel(len(docs), func(i int) {
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			return
		}
		doc := document.NewDocument(docs[i].id)
		if err := m.MapDocument(doc, docs[i].v); err != nil {
			errs[i] = fmt.Errorf("index %s: %w", docs[i].id, err)
			return
		}
		doc.AddIDField()
		analyze(doc)
		analysed[i] = doc
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	seg, _, err := (&zapx.ZapPlugin{}).New(analysed)
	if err != nil {
		return fmt.Errorf("search segment: %w", err)
	}
	sb, ok := seg.(*zapx.SegmentBase)
	if !ok {
		return fmt.Errorf("search segment: unexpected type %T", seg)
	}
	if err := zapx.PersistSegmentBase(sb, path); err != nil {
		return fmt.Errorf("search segment: %w", err)
	}
	return nil
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

// analyze runs the analysers of every indexed field and fills the
// composite _all field, as scorch does before it builds a segment.
func analyze(d index.Document) {
	d.VisitFields(func(field index.Field) {
		if !field.Options().IsIndexed() {
			return
		}
		field.Analyze()
		if d.HasComposite() && field.Name() != "_id" {
			d.VisitComposite(func(cf index.CompositeField) {
				cf.Compose(field.Name(), field.AnalyzedLength(), field.AnalyzedTokenFrequencies())
			})
		}
	})
}

// eachParallel calls fn for 0..n-1 on all cores; results go to per-index
// slots, so the outcome does not depend on scheduling.
func eachParallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
