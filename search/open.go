package search

import (
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// Index is an opened search index. It uses bleve's scorch index and
// search packages directly, not bleve's top-level package: that one also
// brings every index type, analyzer and an HTTP stack, which would triple
// the size of the browser's engine.
type Index struct {
	scorch  index.Index
	mapping *mapping.IndexMappingImpl
	numDocs uint64
}

// analysisQueue serves the one batch each Open sends.
var analysisQueue = index.NewAnalysisQueue(1)

// preloadedType names the segment plugin that hands scorch a segment read
// from bytes. scorch has no call to add a ready segment, but it asks its
// segment plugin for a new segment on every batch: on the one batch sent
// while opening, this plugin answers with the preloaded segment.
const preloadedType = "polisee-preloaded"

type preloadPlugin struct {
	zapx.ZapPlugin
}

var (
	openMu  sync.Mutex // one Open at a time uses pending
	pending segment.Segment
)

func (*preloadPlugin) Type() string { return preloadedType }

func (p *preloadPlugin) New(results []index.Document) (segment.Segment, uint64, error) {
	return p.NewUsing(results, nil)
}

func (p *preloadPlugin) NewUsing(results []index.Document, config map[string]any) (segment.Segment, uint64, error) {
	if s := pending; s != nil {
		pending = nil
		return s, 0, nil
	}
	return p.ZapPlugin.NewUsing(results, config)
}

func init() {
	scorch.RegisterSegmentPlugin(&preloadPlugin{}, false)
}

// placeholderID is the document of the opening batch. It never reaches
// the index: the batch's segment is replaced by the preloaded one.
const placeholderID = "\x00open"

// ErrCorrupt is returned (wrapped) for index bytes that cannot be read.
var ErrCorrupt = errors.New("search index is corrupt")

// Open opens an index from the bytes Build returned.
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
	m, err := Mapping()
	if err != nil {
		return nil, err
	}
	openMu.Lock()
	defer openMu.Unlock()
	idx, err := scorch.NewScorch(scorch.Name, map[string]any{
		"path":                "",
		"forceSegmentType":    preloadedType,
		"forceSegmentVersion": int(zapx.Version),
	}, analysisQueue)
	if err == nil {
		err = idx.Open()
	}
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	doc := document.NewDocument(placeholderID)
	if err = m.MapDocument(doc, indexed{Lang: "en"}); err == nil {
		b := index.NewBatch()
		b.Update(doc)
		pending = seg
		err = idx.Batch(b)
		if pending != nil {
			pending = nil
			err = errors.New("the index did not take the segment")
		}
	}
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open search index: %w", err)
	}
	return &Index{scorch: idx, mapping: m, numDocs: f.numDocs}, nil
}

// Close releases the index.
func (ix *Index) Close() error { return ix.scorch.Close() }

// Len is the number of documents.
func (ix *Index) Len() int { return int(ix.numDocs) }
