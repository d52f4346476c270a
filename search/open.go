package search

import (
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	zapx "github.com/blevesearch/zapx/v17"
)

// Index is an opened search index: one zap segment read from bytes,
// searched through segmentReader with bleve's query, searcher, collector
// and highlighter packages. It uses neither scorch nor bleve's top-level
// package, which bring storage, merging, every older segment format and
// an HTTP stack: none of it is needed to answer queries on a segment that
// never changes, and all of it would be downloaded by every reader of the
// browser's engine.
type Index struct {
	seg     *zapx.SegmentBase
	mapping *mapping.IndexMappingImpl
	numDocs uint64
	terms   []term // cross-language terms (terms.go)
}

// ErrCorrupt is returned (wrapped) for index bytes that cannot be read.
var ErrCorrupt = errors.New("search index is corrupt")

// Open opens an index from the bytes Build returned. The bytes are used
// in place: the caller must not change them afterwards.
func Open(data []byte) (ix *Index, err error) {
	f, err := parseFooter(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	defer func() {
		// zapx trusts its input; damaged bytes that pass the checksum
		// must not crash the program.
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	if err := checkSizes(data, f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	seg, err := zapx.InitSegmentBase(data[:f.dataLen], f.crc, f.chunkMode, f.numDocs, f.storedIndexOffset, f.sectionsIndexOffset, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	m, err := cachedMapping()
	if err != nil {
		return nil, err
	}
	ix = &Index{seg: seg, mapping: m, numDocs: f.numDocs}
	doc, err := segmentReader{seg}.Document(termsID)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if doc != nil {
		doc.VisitFields(func(f index.Field) {
			if tf, ok := f.(index.TextField); ok && f.Name() == "terms" {
				ix.terms = parseTerms(tf.Text())
			}
		})
		ix.numDocs--
	}
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error { return nil }

// Len is the number of documents.
func (ix *Index) Len() int { return int(ix.numDocs) }
