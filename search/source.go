package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"

	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// source is what queries read of an index: each field's terms in order,
// the postings of a term, and the documents' stored fields. zapSource
// reads a zap segment held whole (the command line, serve, offline
// copies); partsSource (parts.go) reads the same data cut into parts
// that the browser fetches as queries need them. Both give the same
// numbers, so a query ranks the same pages the same way on either.
type source interface {
	// count is the number of documents, numbered from 0.
	count() uint64
	// postings are the documents whose field holds term, in document
	// order, with the term's places when locs is set; nil when none.
	postings(field string, term []byte, locs bool) (postingList, error)
	// contains reports whether the field holds term.
	contains(field string, term []byte) (bool, error)
	// walk calls fn with the field's terms from start (inclusive; nil:
	// the first) to end (exclusive; nil: past the last), in byte order,
	// until fn returns false or an error.
	walk(field string, start, end []byte, fn func(term string) (bool, error)) error
	// stored calls fn with each stored field of a document.
	stored(doc uint64, fn func(name string, typ byte, value []byte) bool) error
}

// posting is one document of a term's postings.
type posting struct {
	doc, freq uint64
	norm      float64 // the field's length norm, as zap gives it
	locs      []postingLoc
}

// postingLoc is where in the field a term is: its position in words
// (from 1) and its bytes.
type postingLoc struct {
	field           string
	pos, start, end uint64
}

// postingList is a term's postings.
type postingList interface {
	count() uint64
	// iter goes through the postings, with their locations when locs is
	// set and the list was asked for them (source.postings).
	iter(locs bool) postingIter
}

// postingIter goes through a term's postings. next returns nil after the
// last; the posting it returns is only good until the next call.
type postingIter interface {
	next() (*posting, error)
	// advance returns the first posting of a document at or after doc
	// (nil after the last), passing over those before it without
	// decoding their places.
	advance(doc uint64) (*posting, error)
}

// zapSource reads a zap segment.
type zapSource struct{ seg *zapx.SegmentBase }

func (z zapSource) count() uint64 { return z.seg.Count() }

func (z zapSource) postings(field string, term []byte, locs bool) (postingList, error) {
	d, err := z.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := d.PostingsList(term, nil, nil)
	if err != nil || pl == nil || pl.Count() == 0 {
		return nil, err
	}
	if err := checkChunkCounts(pl); err != nil {
		return nil, fmt.Errorf("%w: postings of %s:%q: %v", ErrCorrupt, field, term, err)
	}
	return zapList{pl, locs}, nil
}

// zapPostingsFields are the fields of zapx's PostingsList that
// checkChunkCounts reads: zapx keeps them unexported.
var zapPostingsFields = func() (f struct{ sb, mem, freq, loc, oneHit []int }) {
	pl := reflect.TypeFor[zapx.PostingsList]()
	sb, _ := pl.FieldByName("sb")
	mem, _ := reflect.TypeFor[zapx.SegmentBase]().FieldByName("mem")
	freq, _ := pl.FieldByName("freqOffset")
	loc, _ := pl.FieldByName("locOffset")
	oneHit, _ := pl.FieldByName("normBits1Hit")
	f.sb, f.mem, f.freq, f.loc, f.oneHit = sb.Index, mem.Index, freq.Index, loc.Index, oneHit.Index
	return f
}()

// checkChunkCounts checks the chunk counts that zapx's postings iterator
// allocates by before it reads them: a damaged count that passes the
// checksum would otherwise make it ask for terabytes, which ends the
// program with no error to recover (checkSizes does the same for doc
// values when an index is opened). Each chunk takes at least a byte, so
// a count is good when the segment has that many bytes after it.
func checkChunkCounts(pl segment.PostingsList) error {
	v := reflect.ValueOf(pl)
	if _, ok := pl.(*zapx.PostingsList); !ok || v.IsNil() {
		return nil
	}
	v = v.Elem()
	if v.FieldByIndex(zapPostingsFields.oneHit).Uint() != 0 {
		return nil // one hit, held in the term's entry: no chunks
	}
	sb := v.FieldByIndex(zapPostingsFields.sb)
	if sb.IsNil() {
		return nil
	}
	mem := sb.Elem().FieldByIndex(zapPostingsFields.mem)
	size := uint64(mem.Len())
	for _, at := range [][]int{zapPostingsFields.freq, zapPostingsFields.loc} {
		off := v.FieldByIndex(at).Uint()
		if off == 0 {
			continue // not written
		}
		if off >= size {
			return errors.New("chunks out of bounds")
		}
		head := mem.Slice(int(off), int(min(size, off+binary.MaxVarintLen64))).Bytes()
		chunks, n := binary.Uvarint(head)
		if n <= 0 || chunks > size-off {
			return errors.New("chunk count out of bounds")
		}
	}
	return nil
}

// zapList is a zap postings list.
type zapList struct {
	pl   segment.PostingsList
	locs bool
}

func (z zapList) count() uint64 { return z.pl.Count() }
func (z zapList) iter(locs bool) postingIter {
	locs = locs && z.locs
	return &zapPostings{it: z.pl.Iterator(true, true, locs, nil), locs: locs}
}

func (z zapSource) contains(field string, term []byte) (bool, error) {
	d, err := z.seg.Dictionary(field)
	if err != nil {
		return false, err
	}
	return d.Contains(term)
}

func (z zapSource) walk(field string, start, end []byte, fn func(string) (bool, error)) error {
	d, err := z.seg.Dictionary(field)
	if err != nil {
		return err
	}
	it := d.AutomatonIterator(nil, start, end)
	for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
		if err != nil {
			return err
		}
		if more, err := fn(e.Term); err != nil || !more {
			return err
		}
	}
	return nil
}

func (z zapSource) stored(doc uint64, fn func(name string, typ byte, value []byte) bool) error {
	return z.seg.VisitStoredFields(doc, func(name string, typ byte, value []byte, _ []uint64) bool {
		return fn(name, typ, value)
	})
}

// zapPostings turns zap's postings into postings, reusing one.
type zapPostings struct {
	it   segment.PostingsIterator
	locs bool
	p    posting
}

func (z *zapPostings) next() (*posting, error) {
	p, err := z.it.Next()
	return z.fill(p, err)
}

func (z *zapPostings) advance(doc uint64) (*posting, error) {
	p, err := z.it.Advance(doc)
	return z.fill(p, err)
}

func (z *zapPostings) fill(p segment.Posting, err error) (*posting, error) {
	if err != nil || p == nil {
		return nil, err
	}
	z.p.doc, z.p.freq, z.p.norm = p.Number(), p.Frequency(), p.Norm()
	z.p.locs = z.p.locs[:0]
	if z.locs {
		for _, l := range p.Locations() {
			z.p.locs = append(z.p.locs, postingLoc{field: l.Field(), pos: l.Pos(), start: l.Start(), end: l.End()})
		}
	}
	return &z.p, nil
}

// docNumbers are the numbers of the documents with these IDs, in order.
func docNumbers(src source, ids []string) ([]uint64, error) {
	var nums []uint64
	for _, id := range ids {
		pl, err := src.postings("_id", []byte(id), false)
		if err != nil {
			return nil, err
		}
		if pl == nil {
			continue
		}
		it := pl.iter(false)
		for p, err := it.next(); p != nil || err != nil; p, err = it.next() {
			if err != nil {
				return nil, err
			}
			nums = append(nums, p.doc)
		}
	}
	sort.Slice(nums, func(i, j int) bool { return nums[i] < nums[j] })
	return slices.Compact(nums), nil
}
