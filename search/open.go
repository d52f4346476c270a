package search

import (
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	zapx "github.com/blevesearch/zapx/v17"

	"github.com/clusterpolisee/polisee/search/internal/textan"
)

// Index is an opened search index: one zap segment read from bytes and
// searched with polisee's scorers (score.go). It uses neither scorch nor
// bleve's top-level package, which bring storage, merging, every older
// segment format and an HTTP stack: none of it is needed to answer
// queries on a segment that never changes, and all of it would be
// downloaded by every reader of the browser's engine.
type Index struct {
	seg     source
	zap     *zapx.SegmentBase // seg's segment; nil for an index in parts
	numDocs uint64            // pages: not the terms document
	// sec holds the pages' sections, once OpenSections has read them.
	sec   source
	terms []term // cross-language terms (terms.go)
	// hasTermsDoc is set when the index holds the terms document, which
	// no query may find.
	hasTermsDoc bool
	// lists are the word lists of the analyzers (stop words, elided
	// articles), from the index (see wordLists); analyzers are the
	// analyzers made with them, each once.
	lists     map[string]textan.Lists
	mu        sync.Mutex
	analyzers map[string]analysis.Analyzer
	// dv holds the doc values, each field read once (docvalues.go).
	dv *docValueTable
}

// ErrCorrupt is returned (wrapped) for index bytes that cannot be read.
var ErrCorrupt = errors.New("search index is corrupt")

// Open opens an index from the bytes Build returned. The bytes are used
// in place: the caller must not change them afterwards.
func Open(data []byte) (*Index, error) {
	seg, numDocs, err := openSegment(data)
	if err != nil {
		return nil, err
	}
	ix := &Index{seg: zapSource{seg}, zap: seg, numDocs: numDocs, dv: newDocValueTable(zapSource{seg}), analyzers: map[string]analysis.Analyzer{}}
	if err := ix.readTerms(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return ix, nil
}

// OpenSections adds the index of the pages' sections, from the bytes
// BuildBoth returned, or from the head of that index in parts (WriteParts,
// IsPartsHead): from then on, hits name their section (Hit.Section). On
// sections in parts, Search answers with a NeedError naming the parts of
// the sections that the hits' sections are in, as it does for the pages'
// parts; AddPart takes both. The bytes are used in place.
func (ix *Index) OpenSections(data []byte) error {
	if IsPartsHead(data) {
		src, err := openPartsHead(data)
		if err != nil {
			return fmt.Errorf("sections: %w", err)
		}
		ix.sec = src
		return nil
	}
	seg, _, err := openSegment(data)
	if err != nil {
		return fmt.Errorf("sections: %w", err)
	}
	ix.sec = zapSource{seg}
	return nil
}

// openSegment reads a segment written by Build or BuildBoth.
func openSegment(data []byte) (seg *zapx.SegmentBase, numDocs uint64, err error) {
	f, err := parseFooter(data)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	defer func() {
		// zapx trusts its input; damaged bytes that pass the checksum
		// must not crash the program.
		if r := recover(); r != nil {
			seg, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	if err := checkSizes(data, f); err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	seg, err = zapx.InitSegmentBase(data[:f.dataLen], f.crc, f.chunkMode, f.numDocs, f.storedIndexOffset, f.sectionsIndexOffset, nil, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return seg, f.numDocs, nil
}

// readTerms reads the terms document, if there is one, which is no page.
func (ix *Index) readTerms() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	nums, err := docNumbers(ix.seg, []string{termsID})
	if err != nil || len(nums) == 0 {
		return err
	}
	_, fields, err := storedFields(ix.seg, nums[0])
	if err != nil {
		return err
	}
	ix.hasTermsDoc = true
	ix.terms = parseTerms(fields["terms"])
	ix.lists = parseWordLists(fields[wordListsField])
	ix.numDocs--
	return nil
}

// analyzer is the analyzer of that name (analyzerFilters), made with the
// index's word lists; nil when the index lacks the lists it needs (an
// index written before they were, or a language it has no page in).
func (ix *Index) analyzer(name string) analysis.Analyzer {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if a, ok := ix.analyzers[name]; ok {
		return a
	}
	a, err := textan.New(name, ix.lists[name])
	if err != nil {
		a = nil
	}
	ix.analyzers[name] = a
	return a
}

// Close releases the index.
func (ix *Index) Close() error { return nil }

// Len is the number of documents.
func (ix *Index) Len() int { return int(ix.numDocs) }
