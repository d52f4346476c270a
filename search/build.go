//go:build !js

package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/clusterpolisee/polisee/search/internal/textan"
	"github.com/clusterpolisee/polisee/search/internal/zapwrite"
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
// The documents' sections are left out: BuildBoth indexes them too.
func Build(ctx context.Context, docs []Document, tmpDir string) ([]byte, error) {
	pages, _, err := inHeap(build(ctx, docs, nil, tmpDir, false, false))
	return pages, err
}

// BuildBoth returns what Build returns and the index of the documents'
// sections (see Section; nil when no document has any), for
// Index.OpenSections, analysing the text of each section once for both:
// a body is analysed in parts (the text before the first heading, then
// each section's), and the sections index reuses the parts' analysis. The pages index is the same, byte for
// byte, as Build's: a body's words, their frequencies and its length do
// not change when it is cut where a section starts (a line starts
// there), and bodies keep no positions.
//
// Build and BuildBoth hold the documents' texts only until their batch is
// analysed: a caller that keeps no other reference to them (as a site's
// build does) lets the garbage collector take them as the index grows,
// rather than at the end. docs itself is not changed.
func BuildBoth(ctx context.Context, docs []Document, tmpDir string) (pages, sections []byte, err error) {
	return inHeap(build(ctx, docs, nil, tmpDir, true, true))
}

// BuildBothFilling is BuildBoth for documents whose texts are kept
// elsewhere (a site's build keeps them on disk): fill is called for each
// document just before its batch is analysed, from several goroutines at
// once, to set its Body and Sections, which are let go once the batch is
// analysed. So memory holds one batch's texts at a time. An error from
// fill stops the build and is returned.
func BuildBothFilling(ctx context.Context, docs []Document, fill func(*Document) error, tmpDir string) (pages, sections []byte, err error) {
	return inHeap(build(ctx, docs, fill, tmpDir, true, true))
}

// Segments are the two indexes BuildSegments made: the pages' and the
// sections' (nil when no document has sections), as BuildBoth returns
// them, but mapped from their files where the system allows (Linux,
// macOS and the BSDs; elsewhere read into memory), so that they take no
// room in the Go heap. At 100,000 documents they come to 280 MB, which
// the heap held at the build's peak and which, counted as live, let the
// collector grow the heap by as much again.
type Segments struct {
	Pages, Sections []byte
	pages, sections mapped
}

// mapped is a segment's bytes mapped from its file (see mapFile), with
// the functions that let them go and give back their memory.
type mapped struct {
	data         []byte
	unmap, evict func()
}

// Close lets the segments go. Their bytes must not be used afterwards,
// not even through a copy of the slices.
func (s *Segments) Close() {
	s.ClosePages()
	if s.sections.unmap != nil {
		s.sections.unmap()
	}
	s.sections, s.Sections = mapped{}, nil
}

// ClosePages lets the pages' segment go before the sections': a caller
// done with it need not hold both (at 100,000 documents a site's build
// cut the sections into parts with the pages' 138 MB still mapped, at
// its peak). The same rule as Close holds for its bytes.
func (s *Segments) ClosePages() {
	if s.pages.unmap != nil {
		s.pages.unmap()
	}
	s.pages, s.Pages = mapped{}, nil
}

// Evict gives the system back the memory of the segments' bytes that
// were read so far, where they are mapped from their files: they stay
// valid, and are read again from the files (from the system's cache, as
// a rule) when next used. Mapped bytes that were read count in a
// process's resident memory: at 100,000 documents, cutting the two
// indexes into parts and writing them whole read 138 and 154 MB. A
// caller that reads the segments through once (a site's build) evicts
// them every few megabytes.
func (s *Segments) Evict() {
	for _, m := range []mapped{s.pages, s.sections} {
		if m.evict != nil {
			m.evict()
		}
	}
}

// WritePages writes the pages' segment to w, evicting its bytes as they
// are written (see Evict); WriteSections the sections'.
func (s *Segments) WritePages(w io.Writer) error { return writeEvicting(w, s.pages) }

// WriteSections writes the sections' segment as WritePages the pages'.
func (s *Segments) WriteSections(w io.Writer) error { return writeEvicting(w, s.sections) }

// EvictEvery is how many bytes of a mapped segment are read between two
// evictions (see Segments.Evict): by writeEvicting and checksum here, and
// by a caller that cuts the segments into parts (a site's build), which
// WritePartsEvicting also evicts for while it reads the index through
// before its first part. At 100,000 documents, with 8 MB, the build's
// resident file-mapped memory stayed at 20-75 MB (20 MB of it the
// program) from the end of the merges on; the cut's first passes alone
// had made it 171 MB.
const EvictEvery = 8 << 20

func writeEvicting(w io.Writer, m mapped) error {
	for off := 0; off < len(m.data); off += EvictEvery {
		if _, err := w.Write(m.data[off:min(off+EvictEvery, len(m.data))]); err != nil {
			return err
		}
		if m.evict != nil {
			m.evict()
		}
	}
	return nil
}

// BuildSegments is BuildBothFilling for a caller that uses the indexes'
// bytes only until it calls Close, and keeps none of them (a site's build
// writes them to files, or cuts them into parts).
func BuildSegments(ctx context.Context, docs []Document, fill func(*Document) error, tmpDir string) (*Segments, error) {
	return build(ctx, docs, fill, tmpDir, true, true)
}

// inHeap copies built segments into the heap and closes them.
func inHeap(s *Segments, err error) (pages, sections []byte, _ error) {
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	return bytes.Clone(s.Pages), bytes.Clone(s.Sections), nil
}

// build writes the pages index, and the sections index when withSections
// is set. Documents go in batches of batchSize: each batch's bodies are
// analysed for the pages index, then the same batch's sections for the
// sections index, through a memo of the batch's analysis, emptied after
// each batch so that memory holds one batch's at most. Each index's
// segment is written in one pass by zapwrite (writeSegments). Without
// share, each text is analysed where it is used (for tests: the bytes
// must not differ).
func build(ctx context.Context, docs []Document, fill func(*Document) error, tmpDir string, withSections, share bool) (_ *Segments, err error) {
	sorted, err := sortedDocuments(docs)
	if err != nil {
		return nil, err
	}
	sorted = withWordLists(sorted)
	m, err := Mapping()
	if err != nil {
		return nil, fmt.Errorf("search mapping: %w", err)
	}
	removeStale(tmpDir)
	work, err := makeWorkFolder(tmpDir)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	// Analysed documents take many times the size of their text, so they
	// are analysed a batch at a time. The batch size is fixed: it decides
	// the bytes. Analysis runs on all cores; adding a batch to a segment
	// runs on one, so a batch's pages and sections are added side by
	// side. (With zapx's segments, writing a batch's while the next was
	// analysed held two batches in memory and cost more in garbage
	// collection, under build's soft memory limit, than it saved.)
	return writeSegments(ctx, sorted, fill, m, work, withSections, share)
}

// writeSegments is how build writes the two indexes: zapwrite, each
// index's segment in one pass (buildDirect). Tests set it to zapx's way,
// a segment a batch merged at the end (zapxSegments in
// zapxref_test.go), and compare the bytes. At 100,000 generated
// documents the index stage took 41 to 50 s with zapwrite, in three
// builds, against 53 to 69 s with zapx.
var writeSegments = buildDirect

// buildDirect is build's loop with zapwrite: each batch is analysed on
// all cores as before, then added to the two indexes' writers side by
// side (each on one core), and let go. The writers write their segments
// at the end, side by side too.
func buildDirect(ctx context.Context, sorted []Document, fill func(*Document) error, m *mapping.IndexMappingImpl, work string, withSections, share bool) (_ *Segments, err error) {
	pagesOut, err := newSegmentWriter(filepath.Join(work, "pages.zap"))
	if err != nil {
		return nil, err
	}
	defer pagesOut.abandon()
	var sectionsOut *segmentWriter
	defer func() {
		if sectionsOut != nil {
			sectionsOut.abandon()
		}
	}()
	err = eachBatch(ctx, sorted, fill, m, withSections, share, func(pageDocs, sectionDocs []index.Document) error {
		if sectionDocs != nil && sectionsOut == nil {
			var err error
			if sectionsOut, err = newSegmentWriter(filepath.Join(work, "sections.zap")); err != nil {
				return err
			}
		}
		return sideBySide(func() error { return pagesOut.add(pageDocs) }, func() error {
			if sectionDocs == nil {
				return nil
			}
			return sectionsOut.add(sectionDocs)
		})
	})
	if err != nil {
		return nil, err
	}
	err = sideBySide(pagesOut.close, func() error {
		if sectionsOut == nil {
			return nil
		}
		return sectionsOut.close()
	})
	if err != nil {
		return nil, err
	}
	segs := &Segments{}
	segs.pages, err = mapFile(pagesOut.path)
	segs.Pages = segs.pages.data
	if err == nil && sectionsOut != nil {
		segs.sections, err = mapFile(sectionsOut.path)
		segs.Sections = segs.sections.data
	}
	if err != nil {
		segs.Close()
		return nil, err
	}
	return segs, nil
}

// eachBatch fills (when fill is set) and analyses the documents
// batchSize at a time, in order, and hands write each batch's analysed
// pages and sections (nil when they have none). The texts are let go
// once analysed (see BuildBoth), and the analysed documents once written.
func eachBatch(ctx context.Context, sorted []Document, fill func(*Document) error, m *mapping.IndexMappingImpl, withSections, share bool, write func(pages, sections []index.Document) error) error {
	for start := 0; start < len(sorted); start += batchSize {
		batch := sorted[start:min(start+batchSize, len(sorted))]
		if fill != nil {
			if err := fillBatch(batch, fill); err != nil {
				return err
			}
		}
		pageDocs, sectionDocs, err := analyseBatch(ctx, m, batch, withSections, share)
		if err != nil {
			return err
		}
		clear(batch)
		err = write(pageDocs, sectionDocs)
		clear(pageDocs)
		clear(sectionDocs)
		if err != nil {
			return err
		}
	}
	return nil
}

// sideBySide runs a and b at once, a on the calling goroutine, and
// returns their errors.
func sideBySide(a, b func() error) error {
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		errB = b()
	}()
	errA := a()
	<-done
	return errors.Join(errA, errB)
}

// segmentWriter is a zapwrite.Writer with its file.
type segmentWriter struct {
	path string
	f    *os.File
	w    *zapwrite.Writer
}

func newSegmentWriter(path string) (*segmentWriter, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("search segment: %w", err)
	}
	return &segmentWriter{path: path, f: f, w: zapwrite.New(f, filepath.Dir(path))}, nil
}

// add adds a batch's documents, as one batch (one segment of zapx's).
func (s *segmentWriter) add(docs []index.Document) error {
	for _, d := range docs {
		if err := s.w.Add(d); err != nil {
			return fmt.Errorf("search segment: %w", err)
		}
	}
	s.w.EndBatch()
	return nil
}

// close writes the segment and closes its file, which stays for mapFile.
func (s *segmentWriter) close() error {
	err := s.w.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	s.f = nil
	if err != nil {
		return fmt.Errorf("search segment: %w", err)
	}
	return nil
}

// abandon closes the file if close was not reached (the work folder,
// removed by build, takes it).
func (s *segmentWriter) abandon() {
	s.w.Abandon()
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
}

// fillBatch calls fill for each document of batch on all cores, but the
// terms document, which has no body (see withWordLists).
func fillBatch(batch []Document, fill func(*Document) error) error {
	errs := make([]error, len(batch))
	eachParallel(len(batch), func(i int) {
		if batch[i].ID != termsID {
			errs[i] = fill(&batch[i])
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// analyseBatch analyses a batch of documents for the pages index and,
// with withSections, their sections for the sections index (nil when
// they have none), sharing the analysis of their texts when share is set.
func analyseBatch(ctx context.Context, m *mapping.IndexMappingImpl, batch []Document, withSections, share bool) (pages, sections []index.Document, err error) {
	memo := newAnalysisMemo(withSections && share)
	entries := make([]entry, len(batch))
	for i, d := range batch {
		v := d.indexed()
		entries[i] = entry{id: d.ID, v: v}
		if memo != nil {
			// The parts are the body: bleve need not copy it into a
			// field that is neither stored nor analysed as a whole.
			if entries[i].parts = bodyParts(d); entries[i].parts != nil {
				v.Body = ""
				entries[i].v = v
			}
		}
	}
	if pages, err = analyseEntries(ctx, m, entries, memo); err != nil || !withSections {
		return pages, nil, err
	}
	entries = entries[:0]
	for _, d := range batch {
		ids, docs := d.sectionDocuments()
		for i := range ids {
			e := entry{id: ids[i], v: docs[i]}
			if memo != nil {
				// The same for the section's text, analysed already
				// as a part of its page's body.
				e.parts = []string{docs[i].Section}
				docs[i].Section = ""
				e.v = docs[i]
			}
			entries = append(entries, e)
		}
	}
	if len(entries) > 0 {
		sections, err = analyseEntries(ctx, m, entries, memo)
	}
	return pages, sections, err
}

// bodyParts cuts d's body where its sections start: the text before the
// first, then each section's text, which together are the body. It
// returns nil (the body in one piece) when the sections are not the
// body's tail, in order, with nothing between them.
func bodyParts(d Document) []string {
	if len(d.Sections) == 0 {
		return nil
	}
	end := len(d.Body)
	for i := len(d.Sections) - 1; i >= 0; i-- {
		t := d.Sections[i].Text
		if !strings.HasSuffix(d.Body[:end], t) {
			return nil
		}
		end -= len(t)
	}
	parts := make([]string, 0, len(d.Sections)+1)
	if end > 0 {
		parts = append(parts, d.Body[:end])
	}
	for _, s := range d.Sections {
		if s.Text != "" {
			parts = append(parts, s.Text)
		}
	}
	return parts
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

// batchSize is how many documents are analysed at a time (eachBatch).
// It decides the bytes: zapx, whose bytes zapwrite gives, made a segment
// a batch and merged them. A variable for tests only.
var batchSize = 250

// entry is one bleve document: a page's (indexed) or a section's
// (sectionIndexed), with its ID. parts, when set, are the text of its
// body or section, which v then leaves empty: the parts a page's body is
// analysed in (see bodyParts), or a section's text (see
// analysisMemo.use).
type entry struct {
	id    string
	v     any
	parts []string
}

// bodyField is the pages' field whose text the sections index shares
// (sectionText is the sections').
const bodyField = "body"

// analyseEntries maps and analyses documents on all cores, in the order
// given. Bodies and sections are analysed through memo (see
// analysisMemo.use) when it is not nil.
func analyseEntries(ctx context.Context, m *mapping.IndexMappingImpl, docs []entry, memo *analysisMemo) ([]index.Document, error) {
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
		if _, section := docs[i].v.(sectionIndexed); section {
			doc.AddField(storedID(docs[i].id))
		} else {
			doc.AddIDField()
		}
		countTerms(doc)
		memo.use(doc, docs[i].parts)
		analyze(doc)
		analysed[i] = doc
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return analysed, nil
}

// storedID is the ID field of a section's document: stored, as zap
// wants every document's ID to be, and read back to name the section a
// hit's words are in, but not indexed, since no query looks a section up
// by its ID. Indexed, each section's ID was a term of one posting in the
// sections' segments (480,000 of them at 100,000 generated documents).
func storedID(id string) *document.TextField {
	return document.NewTextFieldWithIndexingOptions("_id", nil, []byte(id), index.StoreField)
}

// analysisMemo keeps the analysis of one batch's texts, by analyzer and
// text: the length and term counts of each, so that a section's text,
// analysed as a part of its page's body, is not analysed again for the
// sections index, and its words are counted once. Its tokens are let go
// as soon as they are counted. A nil memo keeps nothing. (The texts are
// keys of a map per analyzer, where looking one up does not copy it: a
// key of analyzer and text together did, for every look.)
type analysisMemo struct {
	mu    sync.Mutex
	texts map[memoKey]map[string]*analysedText
}

// memoKey is what, beside the text, decides its analysis: the analyzer,
// and whether the counts are kept (see termCounts).
type memoKey struct {
	analyzer analysis.Analyzer
	freq     bool
}

// analysedText is the analysis of one text: its length in words and the
// count of each term. Counts may be shared by several fields, so nothing
// may change them once made.
type analysedText struct {
	length int
	terms  termList
}

// newAnalysisMemo returns a memo, or nil when no text will be asked for
// twice.
func newAnalysisMemo(on bool) *analysisMemo {
	if !on {
		return nil
	}
	return &analysisMemo{texts: map[memoKey]map[string]*analysedText{}}
}

// use has the mapped document's body and section text analysed through
// the memo when parts are given: they are the field's text, which the
// mapped document then leaves empty (see analyseBatch), a body's parts
// (its counts are then the sum of theirs) or a section's one text. A body
// not cut in parts shares its text with no other field: it is analysed
// where it is, without the memo.
func (mm *analysisMemo) use(doc *document.Document, parts []string) {
	if mm == nil || parts == nil {
		return // a text no other field shares: analysed where it is
	}
	for _, f := range doc.Fields {
		ct, ok := f.(*countedText)
		if !ok || (f.Name() != bodyField && f.Name() != sectionText) {
			continue
		}
		ct.memo, ct.parts = mm, parts
	}
}

// analysis returns the memo's analysis of text, analysing it the first
// time. Two goroutines may analyse the same text at once; either's
// analysis is right.
func (mm *analysisMemo) analysis(a analysis.Analyzer, freq bool, text string) *analysedText {
	k := memoKey{a, freq}
	mm.mu.Lock()
	got, ok := mm.texts[k][text]
	mm.mu.Unlock()
	if ok {
		return got
	}
	got = &analysedText{}
	// The analyzer may change the bytes it is given in place.
	got.length, got.terms = countWords(a, []byte(text), freq)
	mm.mu.Lock()
	byText := mm.texts[k]
	if byText == nil {
		byText = map[string]*analysedText{}
		mm.texts[k] = byText
	}
	byText[text] = got
	mm.mu.Unlock()
	return got
}

// addCounts adds the counts of texts into one list, made for the
// purpose: the counts of a body analysed in parts, in the order each term
// is first found. Counts stay 0 when freq is not set, as termCounts
// leaves them.
func addCounts(texts []*analysedText, freq bool) termList {
	t := termScratch.Get().(*termTally)
	for _, text := range texts {
		for i, k := range text.terms.keys {
			if at, ok := t.seen[k]; ok {
				t.counts[at] += int(text.terms.counts[i])
				continue
			}
			t.seen[k] = int32(len(t.keys))
			t.keys = append(t.keys, k)
			t.counts = append(t.counts, int(text.terms.counts[i]))
		}
	}
	return t.list(freq)
}

// countTerms has the analysed text fields of doc that keep no places of
// their words count their terms with termCounts rather than with bleve's
// analysis.TokenFrequency, which gives the same counts but sizes its map
// for every word of the text rather than for each distinct one, and
// allocates each count on its own.
func countTerms(doc *document.Document) {
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || tf.Analyzer() == nil || !tf.Options().IsIndexed() || tf.Options().IncludeTermVectors() {
			continue
		}
		doc.Fields[i] = &countedText{TextField: tf}
	}
}

// countedText is a text field whose Analyze counts terms with termCounts,
// into a list: zapwrite reads the list (TermCounts); the map bleve's
// interface gives is made from it only when asked for (zapx's path, in
// tests). At 100,000 documents the maps, made for every field of every
// document, cost 5 to 7 s of CPU and the largest part of what the index
// stage allocated.
type countedText struct {
	*document.TextField
	length int
	terms  termList
	freqs  index.TokenFrequencies // made from terms when first asked for
	// memo, when set, analyses each of parts, which are then the text
	// (see analysisMemo.use).
	memo  *analysisMemo
	parts []string
}

func (f *countedText) Analyze() {
	freq := !f.Options().SkipFreqNorm()
	switch {
	case f.memo != nil && len(f.parts) == 1:
		// One text: its counts are the memo's, shared with every field
		// of the same text.
		a := f.memo.analysis(f.Analyzer(), freq, f.parts[0])
		f.length, f.terms = a.length, a.terms
		return
	case f.memo != nil:
		texts := make([]*analysedText, len(f.parts))
		f.length = 0
		for i, p := range f.parts {
			texts[i] = f.memo.analysis(f.Analyzer(), freq, p)
			f.length += texts[i].length
		}
		f.terms = addCounts(texts, freq)
		return
	}
	text := f.Value()
	if f.Options().IsStored() {
		// The analyzers may change the bytes they are given in place
		// (as bleve's TextField.Analyze guards against too).
		text = bytes.Clone(text)
	}
	f.length, f.terms = countWords(f.Analyzer(), text, freq)
}

// countWords analyses text with a and returns how many words it has and
// the count of each term (termCounts). With polisee's analyzers the tokens
// are made in scratch memory, used again for the next text once they are
// counted; the analysis is the analyzer's own (analysis.DefaultAnalyzer's
// steps, in its order).
func countWords(a analysis.Analyzer, text []byte, freq bool) (int, termList) {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if ok {
		_, ok = da.Tokenizer.(tokenizer)
	}
	if !ok {
		tokens := a.Analyze(text)
		return len(tokens), termCounts(tokens, freq)
	}
	s := tokenScratch.Get().(*textan.Scratch)
	defer tokenScratch.Put(s)
	defer s.Reset()
	for _, cf := range da.CharFilters {
		text = cf.Filter(text)
	}
	tokens := textan.TokenizeWith(s, text)
	for _, tf := range da.TokenFilters {
		tokens = tf.Filter(tokens)
	}
	return len(tokens), termCounts(tokens, freq)
}

// tokenScratch holds memory for the tokens of countWords.
var tokenScratch = sync.Pool{New: func() any { return new(textan.Scratch) }}

func (f *countedText) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies gives the terms' counts as bleve's interface
// has them, made from the list the first time.
func (f *countedText) AnalyzedTokenFrequencies() index.TokenFrequencies {
	if f.freqs == nil {
		f.freqs = f.terms.frequencies()
	}
	return f.freqs
}

// TermCounts gives the distinct terms and their counts (0 for a field
// that keeps none), in the order first found, for zapwrite.
func (f *countedText) TermCounts() ([]string, []int32) { return f.terms.keys, f.terms.counts }

// termList is the distinct terms of a text and the count of each.
type termList struct {
	keys   []string
	counts []int32
}

// frequencies makes the map bleve's interface has of l.
func (l termList) frequencies() index.TokenFrequencies {
	out := make(index.TokenFrequencies, len(l.keys))
	slots := make([]index.TokenFreq, len(l.keys))
	for i, k := range l.keys {
		slots[i].Term = []byte(k)
		slots[i].SetFrequency(int(l.counts[i]))
		out[k] = &slots[i]
	}
	return out
}

// termScratch holds a goroutine's scratch space for termCounts.
var termScratch = sync.Pool{New: func() any { return &termTally{seen: map[string]int32{}} }}

// termTally is the scratch space of termCounts: the index of each term
// seen, and the terms in the order seen with their counts.
type termTally struct {
	seen   map[string]int32
	keys   []string
	counts []int
}

// termCounts counts each distinct term of tokens (when freq is set; else
// every count is 0, as bleve leaves them), as analysis.TokenFrequency does
// for a field without term vectors, into a list made at its final size.
func termCounts(tokens analysis.TokenStream, freq bool) termList {
	t := termScratch.Get().(*termTally)
	for _, tok := range tokens {
		if i, ok := t.seen[string(tok.Term)]; ok {
			t.counts[i]++
			continue
		}
		k := string(tok.Term)
		t.seen[k] = int32(len(t.keys))
		t.keys = append(t.keys, k)
		t.counts = append(t.counts, 1)
	}
	return t.list(freq)
}

// list makes the list of the terms tallied in t, with their counts when
// freq is set, and puts t back for the next tally.
func (t *termTally) list(freq bool) termList {
	l := termList{keys: slices.Clone(t.keys), counts: make([]int32, len(t.keys))}
	if freq {
		for i, c := range t.counts {
			l.counts[i] = int32(c)
		}
	}
	clear(t.seen)
	clear(t.keys) // let the terms go
	t.keys, t.counts = t.keys[:0], t.counts[:0]
	termScratch.Put(t)
	return l
}

// analyze runs the analysers of every indexed field, as scorch does
// before it builds a segment, but leaves the composite _all field empty
// without composing it: no field of polisee's mapping is in it
// (IncludeInAll is off for each; TestAllFieldStaysEmpty composes it as
// scorch does and finds it empty), and composing it asks every field for
// its map of term counts, which zapwrite does without (see countedText).
func analyze(d index.Document) {
	d.VisitFields(func(field index.Field) {
		if field.Options().IsIndexed() {
			field.Analyze()
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

// withWordLists gives the terms document (made when there is none) the
// word lists of the analyzers the documents' languages need, for their
// text and for the queries of each language that shows them (see
// wordLists). sorted is in ID order, which the terms document's ID
// leads.
func withWordLists(sorted []Document) []Document {
	lists := map[string]textan.Lists{}
	for _, d := range sorted {
		for _, lang := range append([]string{d.Lang}, d.Shown...) {
			name := AnalyzerFor(lang)
			if _, ok := lists[name]; !ok {
				lists[name] = textan.BleveLists(name)
			}
		}
	}
	if len(sorted) == 0 || sorted[0].ID != termsID {
		sorted = append([]Document{TermsDocument(nil)}, sorted...)
	}
	sorted[0].WordLists = formatWordLists(lists)
	return sorted
}
