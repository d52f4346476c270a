package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// The index in parts. The browser's engine does not download the whole
// index before a query: the build (WriteParts) cuts the pages index into
// parts, and the engine fetches the parts a query reads, as it reads
// them. The data is the zap segment's, term for term and posting for
// posting, so a query finds and ranks the same pages as on the whole
// index (TestPartsRankAsTheWholeIndex holds the two side by side).
//
//   - The head, fetched first: the number of documents, the names of the
//     other parts with the first key of each shard, and whatever every
//     query reads: the facets' fields whole (type, country, area...),
//     the field that filters pages by language (shown), and the terms
//     document (the glossary's terms and the analyzers' word lists).
//   - Shards of postings. Keys, a term of a field, are in the order of
//     (group, term, field): a word's postings in the title, summary, tags
//     and body sit side by side, so a query of two words reads about two
//     shards. A group is a set of fields read together: the text fields
//     and document IDs; the date and the folded title, which only a
//     listing sorted by them reads, each field wholly.
//   - The words: every term of the text fields, without postings, read
//     only by prefix, wildcard and fuzzy terms and by the search for a
//     misspelt word's neighbours (the sections' leave out the IDs of
//     their pages, which no query reads so: PartsLayout.Unwalked).
//   - Chunks of stored fields (title, summary, URL...), a fixed number
//     of documents each, read for the hits a page shows.
//   - The bundle: every chunk again, in one part, where they come to at
//     most PartsLayout.BundleBytes. The browser fetches it after its
//     first results (Index.Bundles): each hit on screen otherwise costs
//     a chunk, and each fetch several milliseconds in a browser, one
//     after another (at 10,000 generated documents, 20 files took 80 to
//     118 ms in Chromium, on a server that sent them in 9). Fetched
//     together, the chunks also compress better: the pages' 632 chunks
//     at 10,000 generated documents, 349,854 bytes brotli as a bundle
//     against 887,611 as files.
//
// A query runs on what is loaded. When it reaches a part that is not,
// the part is noted and the query goes on as if the part were empty,
// until a step would act on what it has not seen (a walk through the
// terms, the stored fields of the hits, the scoring): there the search
// stops, and Search returns a *NeedError naming every part noted. The
// caller fetches them all at once, adds them (AddPart) and asks again.
// A query of known words takes two rounds of fetches: its shards, then
// the chunks of its hits (one round, once the bundle is in).
//
// Sizes were chosen from measurements at 10,000 documents (see
// WriteParts and docs/measurements.md).

// partsMagic starts a head; partsFormat is its first line's prefix,
// whatever the version.
const (
	partsMagic  = partsFormat + "2\n"
	partsFormat = "polisee index parts "
)

// maxPartsDocs bounds the documents of an index in parts: far more than
// a browser could search, far fewer than a damaged count could make it
// allocate memory for.
const maxPartsDocs = 1 << 24

// partName is a part's name: its kind, a dot and the CRC-64 (ECMA) of its
// bytes in hex.
func partName(kind string, data []byte) string {
	return fmt.Sprintf("%s.%016x", kind, crc64.Checksum(data, crc64Table()))
}

// crc64Table is made when a part is first named, not when the package
// starts: crc64 builds its tables then (8 ms in a profile of the browser
// engine's start in Node, at every visit of a search page), and most
// indexes come whole and name no part.
func crc64Table() *crc64.Table {
	crc64Once.Do(func() { crc64ECMA = crc64.MakeTable(crc64.ECMA) })
	return crc64ECMA
}

var (
	crc64Once sync.Once
	crc64ECMA *crc64.Table
)

// Groups of fields: which part holds a field's terms.
const (
	groupHead  = 0 // in the head: the facets' fields, and the pages' languages
	groupText  = 1 // shards: text fields, other keyword fields, document IDs
	groupDate  = 2 // shards: the date
	groupTitle = 3 // shards: the folded title
)

// fieldGroup is the group of a field.
func fieldGroup(field string) int {
	switch {
	case field == "date":
		return groupDate
	case field == "sorttitle":
		return groupTitle
	case field == "shown" || slices.Contains(FacetFields, field):
		return groupHead
	}
	return groupText
}

// NeedError is returned by Search on an index in parts when the query
// reads parts that are not loaded: Parts are their names, as the head
// gives them. Fetch them, add each with AddPart and search again.
type NeedError struct{ Parts []string }

func (e *NeedError) Error() string {
	return "the search needs parts of the index that are not loaded: " + strings.Join(e.Parts, ", ")
}

// needParts is what a partsSource panics with when a step would act on
// parts it has not loaded; Search recovers it.
type needParts struct{}

// partKey is a term of a field.
type partKey struct {
	group int
	term  string
	field int
}

func (a partKey) compare(b partKey) int {
	if a.group != b.group {
		return a.group - b.group
	}
	if c := strings.Compare(a.term, b.term); c != 0 {
		return c
	}
	return a.field - b.field
}

// partsSource reads an index in parts (see above).
type partsSource struct {
	numDocs     uint64
	fields      []string
	fieldNum    map[string]int
	chunkDocs   uint64
	chunks      []string // names
	words       string   // name of the words part
	bundle      string   // name of the bundle of all chunks, "" if none
	bundleIn    bool     // the bundle was added
	shards      []shardRef
	termsDoc    int64 // -1: none
	termsStored []partsStored
	head        *shard

	mu           sync.Mutex
	loaded       map[string]*shard // shards, by name
	chunksLoaded map[string][][]partsStored
	wordsOf      map[int][]string // field → its terms, once the words are loaded
	missing      map[string]bool

	// searches counts the calls of Index.search made by the current
	// Search, and last is the query the latest one ranked (see
	// keepRanked).
	searches int
	last     struct {
		key    string
		ranked *rankedQuery
	}
}

// rankedQuery is a query ranked: the result without its hits, and the
// matches of the hits.
type rankedQuery struct {
	out Result
	top []match
}

// rankKey names the n-th call of Index.search by a Search of r: a Search
// makes the same calls in the same order for the same request, whatever
// parts are loaded, up to where it stops for one it lacks.
func rankKey(n int, r Request) string { return fmt.Sprintf("%d %q %v", n, r.Query, r) }

// nextSearch counts a call of Index.search, and returns its number.
func (s *partsSource) nextSearch() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.searches++
	return s.searches - 1
}

// ranked returns the query that the n-th call of the current Search
// ranks, when an earlier Search of the same request ranked it and
// stopped for the chunks of its hits: the next round then reads their
// stored fields without ranking again. A query's ranking depends on the
// postings it read, which were all loaded when it was kept, and on
// nothing that a part added since changes.
func (s *partsSource) ranked(n int, r Request) *rankedQuery {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last.key == rankKey(n, r) {
		return s.last.ranked
	}
	return nil
}

// keepRanked keeps the query the n-th call of the current Search ranked.
func (s *partsSource) keepRanked(n int, r Request, q *rankedQuery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last.key, s.last.ranked = rankKey(n, r), q
}

type shardRef struct {
	name  string
	first partKey
}

type partsStored struct {
	field int
	typ   byte
	value []byte
}

// shard is a decoded shard: keys in order, each with its postings.
type shard struct {
	keys  []partKey
	lists []*partsList
}

// partsList is a term's postings as a shard holds them, decoded when
// iterated.
type partsList struct {
	n    uint64
	locs bool
	data []byte
	src  *partsSource
}

// partsReader reads the varints and strings of a part, remembering the
// first error.
type partsReader struct {
	b   []byte
	err error
}

func (r *partsReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated number")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *partsReader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errors.New("truncated string")
		r.b = nil
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *partsReader) str() string { return string(r.bytes()) }

func (r *partsReader) byte1() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = errors.New("truncated")
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

// count reads a count of items of at least min bytes each, refusing one
// the bytes left cannot hold.
func (r *partsReader) count(min int) int {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)/max(min, 1)+1) {
		r.err = fmt.Errorf("count %d beyond the part's %d bytes", n, len(r.b))
		return 0
	}
	return int(n)
}

// IsPartsHead reports whether data is the head of an index in parts
// (of any version) rather than a whole index.
func IsPartsHead(data []byte) bool { return bytes.HasPrefix(data, []byte(partsFormat)) }

// OpenParts opens an index in parts from its head (see WriteParts). The
// other parts are added as queries ask for them (NeedError, AddPart).
func OpenParts(head []byte) (ix *Index, err error) {
	src, err := openPartsHead(head)
	if err != nil {
		return nil, err
	}
	ix = &Index{seg: src, numDocs: src.numDocs, dv: newDocValueTable(src), analyzers: map[string]analysis.Analyzer{}}
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	if err := ix.readTerms(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return ix, nil
}

// openPartsHead checks and reads the head of an index in parts: the
// pages' index or the sections'.
func openPartsHead(head []byte) (src *partsSource, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	switch {
	case !IsPartsHead(head):
		return nil, fmt.Errorf("%w: not the head of an index in parts", ErrCorrupt)
	case !bytes.HasPrefix(head, []byte(partsMagic)):
		return nil, fmt.Errorf("%w: the index was written by another version of polisee; rebuild the site", ErrCorrupt)
	case len(head) < len(partsMagic)+4 || crc32.ChecksumIEEE(head[:len(head)-4]) != binary.BigEndian.Uint32(head[len(head)-4:]):
		return nil, fmt.Errorf("%w: checksum mismatch in the head of the index (the file was changed or cut short); rebuild the site", ErrCorrupt)
	}
	src, err = readHead(head[len(partsMagic) : len(head)-4])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return src, nil
}

func readHead(b []byte) (*partsSource, error) {
	r := &partsReader{b: b}
	s := &partsSource{fieldNum: map[string]int{}, loaded: map[string]*shard{}, chunksLoaded: map[string][][]partsStored{}, missing: map[string]bool{}}
	s.numDocs = r.uvarint()
	for range r.count(1) {
		f := r.str()
		s.fieldNum[f] = len(s.fields)
		s.fields = append(s.fields, f)
	}
	s.chunkDocs = r.uvarint()
	for range r.count(1) {
		s.chunks = append(s.chunks, r.str())
	}
	s.words = r.str()
	s.bundle = r.str()
	for range r.count(3) {
		ref := shardRef{name: r.str()}
		ref.first.group = int(r.uvarint())
		ref.first.term = r.str()
		ref.first.field = int(r.uvarint())
		s.shards = append(s.shards, ref)
	}
	s.termsDoc = int64(r.uvarint()) - 1
	if s.termsDoc >= 0 {
		s.termsStored = readStoredDoc(r)
	}
	if r.err != nil {
		return nil, r.err
	}
	// The documents fill the chunks, the last one in part; a count past
	// maxPartsDocs is damage, whatever the chunks say (a table of doc
	// values takes 4 bytes a document).
	switch {
	case s.numDocs > maxPartsDocs || s.chunkDocs == 0 || s.chunkDocs > maxPartsDocs:
		return nil, fmt.Errorf("%d documents in chunks of %d", s.numDocs, s.chunkDocs)
	case s.numDocs > uint64(len(s.chunks))*s.chunkDocs || len(s.chunks) > 0 && s.numDocs <= uint64(len(s.chunks)-1)*s.chunkDocs:
		return nil, fmt.Errorf("%d documents do not fill %d chunks of %d", s.numDocs, len(s.chunks), s.chunkDocs)
	}
	head, err := s.readShard(r.b)
	if err != nil {
		return nil, err
	}
	s.head = head
	return s, nil
}

func readStoredDoc(r *partsReader) []partsStored {
	var out []partsStored
	for range r.count(3) {
		out = append(out, partsStored{field: int(r.uvarint()), typ: r.byte1(), value: r.bytes()})
	}
	return out
}

// readShard decodes a shard's keys; the postings stay as bytes until
// iterated.
func (s *partsSource) readShard(b []byte) (*shard, error) {
	r := &partsReader{b: b}
	sh := &shard{}
	for range r.count(4) {
		k := partKey{group: int(r.uvarint()), term: r.str(), field: int(r.uvarint())}
		if k.field >= len(s.fields) {
			return nil, fmt.Errorf("field %d of %d", k.field, len(s.fields))
		}
		l := &partsList{n: r.uvarint(), locs: r.byte1() == 1, data: r.bytes(), src: s}
		if len(sh.keys) > 0 && sh.keys[len(sh.keys)-1].compare(k) >= 0 {
			return nil, errors.New("keys out of order")
		}
		sh.keys = append(sh.keys, k)
		sh.lists = append(sh.lists, l)
	}
	return sh, r.err
}

// AddPart adds a part that a NeedError named: of the pages' index, or of
// the sections' when they are in parts too.
func (ix *Index) AddPart(name string, data []byte) (err error) {
	pages, _ := ix.seg.(*partsSource)
	sections, _ := ix.sec.(*partsSource)
	if pages == nil && sections == nil {
		return errors.New("the index is not in parts")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: part %s: %v", ErrCorrupt, name, r)
		}
	}()
	if partName(name[:max(0, strings.IndexByte(name, '.'))], data) != name {
		return fmt.Errorf("%w: part %s does not have the bytes its name says (the file was changed or cut short); rebuild the site", ErrCorrupt, name)
	}
	for _, s := range []*partsSource{pages, sections} {
		if s != nil && s.has(name) {
			return s.add(name, data)
		}
	}
	return fmt.Errorf("the index has no part %s", name)
}

// has reports whether a part is one of this index's.
func (s *partsSource) has(name string) bool {
	return name == s.words || name == s.bundle && name != "" || slices.Contains(s.chunks, name) ||
		slices.ContainsFunc(s.shards, func(r shardRef) bool { return r.name == name })
}

// add decodes a part of this index (has) and keeps it.
func (s *partsSource) add(name string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case name == s.words:
		if err := s.readWords(data); err != nil {
			return fmt.Errorf("part %s: %w", name, err)
		}
		return nil
	case name == s.bundle:
		// Every chunk, in the head's order, each checked against its
		// name as if fetched alone.
		r := &partsReader{b: data}
		if n := r.count(1); r.err == nil && n != len(s.chunks) {
			return fmt.Errorf("%w: part %s holds %d chunks of %d", ErrCorrupt, name, n, len(s.chunks))
		}
		chunks := make([][][]partsStored, len(s.chunks))
		for i, c := range s.chunks {
			b := r.bytes()
			if r.err != nil {
				return fmt.Errorf("%w: part %s: %v", ErrCorrupt, name, r.err)
			}
			if partName("c", b) != c {
				return fmt.Errorf("%w: part %s: chunk %d is not %s", ErrCorrupt, name, i, c)
			}
			docs, err := readChunk(b)
			if err != nil {
				return fmt.Errorf("%w: part %s: chunk %s: %v", ErrCorrupt, name, c, err)
			}
			chunks[i] = docs
		}
		if len(r.b) > 0 {
			return fmt.Errorf("%w: part %s: %d bytes after its chunks", ErrCorrupt, name, len(r.b))
		}
		for i, c := range s.chunks {
			s.chunksLoaded[c] = chunks[i]
		}
		s.bundleIn = true
		return nil
	case slices.Contains(s.chunks, name):
		docs, err := readChunk(data)
		if err != nil {
			return fmt.Errorf("%w: part %s: %v", ErrCorrupt, name, err)
		}
		s.chunksLoaded[name] = docs
		return nil
	}
	sh, err := s.readShard(data)
	if err != nil {
		return fmt.Errorf("%w: part %s: %v", ErrCorrupt, name, err)
	}
	s.loaded[name] = sh
	return nil
}

// readChunk decodes a chunk: the stored fields of its documents.
func readChunk(data []byte) ([][]partsStored, error) {
	r := &partsReader{b: data}
	var docs [][]partsStored
	for range r.count(1) {
		docs = append(docs, readStoredDoc(r))
	}
	return docs, r.err
}

// bundleWanted is the name of the bundle when it is not loaded yet.
func (s *partsSource) bundleWanted() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bundle == "" || s.bundleIn {
		return ""
	}
	return s.bundle
}

// Bundles names the bundles (see PartsLayout.BundleBytes) of the pages'
// index and of the sections', when they are in parts, that are not
// loaded yet: fetched and added (AddPart) after the first results, they
// let later queries read the stored fields of any hit without a fetch.
func (ix *Index) Bundles() []string {
	var out []string
	for _, src := range []source{ix.seg, ix.sec} {
		if s, ok := src.(*partsSource); ok {
			if b := s.bundleWanted(); b != "" {
				out = append(out, b)
			}
		}
	}
	return out
}

func (s *partsSource) readWords(data []byte) error {
	r := &partsReader{b: data}
	words := map[int][]string{}
	for range r.count(2) {
		f := int(r.uvarint())
		var terms []string
		prev := ""
		for range r.count(2) {
			shared := int(r.uvarint())
			if shared > len(prev) {
				return fmt.Errorf("%w: words: bad prefix", ErrCorrupt)
			}
			t := prev[:shared] + r.str()
			terms = append(terms, t)
			prev = t
		}
		words[f] = terms
	}
	if r.err != nil {
		return fmt.Errorf("%w: words: %v", ErrCorrupt, r.err)
	}
	s.wordsOf = words
	return nil
}

// resetNeeds forgets the parts noted by an earlier search.
func (s *partsSource) resetNeeds() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.missing)
	s.searches = 0
}

// needs lists the parts noted missing, in order.
func (s *partsSource) needs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.missing))
	for n := range s.missing {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// checkpoint stops the search when a part is missing.
func (s *partsSource) checkpoint() {
	s.mu.Lock()
	n := len(s.missing)
	s.mu.Unlock()
	if n > 0 {
		panic(needParts{})
	}
}

func (s *partsSource) count() uint64 { return s.numDocs }

// shardFor is the index of the shard whose keys would hold k.
func (s *partsSource) shardFor(k partKey) int {
	i := sort.Search(len(s.shards), func(i int) bool { return s.shards[i].first.compare(k) > 0 })
	return i - 1
}

// find is the postings of a key, from the head or a loaded shard; nil
// when the index lacks the key, or when its shard is not loaded, which
// is then noted missing.
func (s *partsSource) find(field string, term []byte) *partsList {
	f, known := s.fieldNum[field]
	if !known {
		return nil // no such field: no postings
	}
	k := partKey{group: fieldGroup(field), term: string(term), field: f}
	if l := s.head.get(k); l != nil || k.group == groupHead {
		return l // the head holds its keys, and the terms document's ID
	}
	i := s.shardFor(k)
	if i < 0 || s.shards[i].first.group != k.group {
		return nil // before the group's first key: not in the index
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.loaded[s.shards[i].name]
	if sh == nil {
		s.missing[s.shards[i].name] = true
		return nil
	}
	return sh.get(k)
}

func (sh *shard) get(k partKey) *partsList {
	i, found := slices.BinarySearchFunc(sh.keys, k, partKey.compare)
	if !found {
		return nil
	}
	return sh.lists[i]
}

func (s *partsSource) postings(field string, term []byte, locs bool) (postingList, error) {
	if l := s.find(field, term); l != nil {
		return l, nil
	}
	return nil, nil
}

func (s *partsSource) contains(field string, term []byte) (bool, error) {
	return s.find(field, term) != nil, nil
}

func (s *partsSource) walk(field string, start, end []byte, fn func(string) (bool, error)) error {
	f, known := s.fieldNum[field]
	if !known {
		return nil
	}
	in := func(t string) bool {
		return (start == nil || t >= string(start)) && (end == nil || t < string(end))
	}
	g := fieldGroup(field)
	var terms []string
	switch g {
	case groupHead:
		for _, k := range s.head.keys {
			if k.field == f && in(k.term) {
				terms = append(terms, k.term)
			}
		}
	case groupText:
		// A walk stops the search only for its own part: the shards
		// noted missing before it are fetched with whatever the steps
		// after it note.
		s.mu.Lock()
		lacks := s.wordsOf == nil
		if lacks {
			s.missing[s.words] = true
		}
		s.mu.Unlock()
		if lacks {
			panic(needParts{})
		}
		for _, t := range s.wordsOf[f] {
			if in(t) {
				terms = append(terms, t)
			}
		}
	default:
		// Every shard of the group (no shard holds two groups).
		var shards []*shard
		lacks := false
		s.mu.Lock()
		for _, ref := range s.shards {
			if ref.first.group > g {
				break
			}
			sh := s.loaded[ref.name]
			if ref.first.group < g {
				continue
			}
			if sh == nil {
				s.missing[ref.name] = true
				lacks = true
			}
			shards = append(shards, sh)
		}
		s.mu.Unlock()
		if lacks {
			panic(needParts{})
		}
		for _, sh := range shards {
			for _, k := range sh.keys {
				if k.group == g && k.field == f && in(k.term) {
					terms = append(terms, k.term)
				}
			}
		}
	}
	for _, t := range terms {
		if more, err := fn(t); err != nil || !more {
			return err
		}
	}
	return nil
}

// chunkOf is the name of the chunk holding a document's stored fields.
func (s *partsSource) chunkOf(doc uint64) string {
	return s.chunks[doc/s.chunkDocs]
}

// needDocs notes the chunks of these documents' stored fields that are
// not loaded.
func (s *partsSource) needDocs(docs []uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		if int64(d) == s.termsDoc || d >= s.numDocs {
			continue
		}
		if name := s.chunkOf(d); s.chunksLoaded[name] == nil {
			s.missing[name] = true
		}
	}
}

func (s *partsSource) stored(doc uint64, fn func(name string, typ byte, value []byte) bool) error {
	if doc >= s.numDocs {
		return fmt.Errorf("document %d of %d", doc, s.numDocs)
	}
	var fields []partsStored
	if int64(doc) == s.termsDoc {
		fields = s.termsStored
	} else {
		s.needDocs([]uint64{doc})
		s.checkpoint()
		s.mu.Lock()
		docs := s.chunksLoaded[s.chunkOf(doc)]
		s.mu.Unlock()
		i := doc % s.chunkDocs
		if i >= uint64(len(docs)) {
			return fmt.Errorf("document %d is not in its chunk", doc)
		}
		fields = docs[i]
	}
	for _, f := range fields {
		if f.field >= len(s.fields) {
			return fmt.Errorf("field %d of %d", f.field, len(s.fields))
		}
		if !fn(s.fields[f.field], f.typ, f.value) {
			break
		}
	}
	return nil
}

func (l *partsList) count() uint64 { return l.n }

func (l *partsList) iter(locs bool) postingIter {
	it := &partsIter{left: l.n, locs: l.locs && locs, fields: l.src.fields}
	r := partsReader{b: l.data}
	nd, nf, nn := r.uvarint(), r.uvarint(), r.uvarint()
	if r.err != nil || nd+nf+nn > uint64(len(r.b)) {
		it.err = fmt.Errorf("%w: postings: columns beyond their %d bytes", ErrCorrupt, len(l.data))
		return it
	}
	it.docs = partsReader{b: r.b[:nd]}
	it.freqs = partsReader{b: r.b[nd : nd+nf]}
	it.norms = partsReader{b: r.b[nd+nf : nd+nf+nn]}
	it.places = partsReader{b: r.b[nd+nf+nn:]}
	return it
}

// partsIter decodes a partsList, whose postings come in columns, each a
// run of numbers (which compress better than postings one by one): the
// documents, each as its distance from the one before; the frequencies;
// the field's lengths (the norm is computed from a length as zap
// computes it; 0 is followed by the norm's bits, for a norm no length
// gives); and, in fields that keep them, the term's places: for each
// posting their count, then for each its field, position, start and
// length, each position and start from the one before.
type partsIter struct {
	docs, freqs, norms, places partsReader
	left                       uint64
	locs                       bool
	fields                     []string
	p                          posting
	err                        error
}

func (it *partsIter) next() (*posting, error) { return it.advance(0) }

func (it *partsIter) advance(doc uint64) (*posting, error) {
	for {
		if it.err != nil {
			return nil, it.err
		}
		if it.left == 0 {
			return nil, nil
		}
		it.left--
		it.p.doc += it.docs.uvarint()
		it.p.freq = it.freqs.uvarint()
		if n := it.norms.uvarint(); n > 0 {
			it.p.norm = lengthNorm(n)
		} else {
			it.p.norm = math.Float64frombits(it.norms.uvarint())
		}
		wanted := it.p.doc >= doc
		it.p.locs = it.p.locs[:0]
		if it.locs {
			r := &it.places
			var pos, start uint64
			for range r.count(4) {
				f := r.uvarint()
				pos += r.uvarint()
				start += r.uvarint()
				end := start + r.uvarint()
				if !wanted {
					continue
				}
				if f >= uint64(len(it.fields)) {
					return nil, fmt.Errorf("%w: field %d of %d", ErrCorrupt, f, len(it.fields))
				}
				it.p.locs = append(it.p.locs, postingLoc{field: it.fields[f], pos: pos, start: start, end: end})
			}
		}
		if err := errors.Join(it.docs.err, it.freqs.err, it.norms.err, it.places.err); err != nil {
			it.err = fmt.Errorf("%w: postings: %v", ErrCorrupt, err)
			return nil, it.err
		}
		if wanted {
			return &it.p, nil
		}
	}
}

// lengthNorm is the norm of a field of n words, as zap computes it.
func lengthNorm(n uint64) float64 {
	return float64(float32(1.0 / math.Sqrt(float64(n))))
}
