package model

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"

	"github.com/clusterpolisee/polisee/generator/internal/workers"
)

// Parking the items' front matter. A build's index stage reads none of
// it (the search documents are made before), yet as decoded values —
// maps, lists and boxed strings — it is the largest part of the heap that
// stage holds: at 100,000 generated documents 452 of 678 MB. The
// garbage collector marks that heap through at every cycle, and the
// index stage makes most of the build's garbage. ParkData encodes the
// values into bytes, which the caller keeps where the collector does not
// look (a build writes them to its bodies' file), and lets the maps go;
// Restore decodes them back before the pages are rendered.

// Parked says which items' front matter ParkData encoded, to be restored.
type Parked struct {
	// chunks are the encoded items, a few hundred at a time, in the
	// order of their bytes: each is decoded on its own, on all cores.
	chunks []parkedChunk
	// locs are localized copies (Content.Localized), whose values are
	// made again from their original's and their translation's, as
	// Localized made them: they share those values rather than hold
	// copies.
	locs []localizedFrom
}

// parkedChunk is a run of items whose values take size bytes.
type parkedChunk struct {
	items []*Item
	size  int
}

type localizedFrom struct{ loc, tr *Item }

// value tags of the encoding.
const (
	parkString byte = iota + 1
	parkInt
	parkFloat
	parkTrue
	parkFalse
	parkDate
	parkList
	parkObject
	parkMap
	parkNil
)

// ParkData encodes the front matter (Data) of items into bytes, given to
// write a piece at a time (write must not keep them: the next piece
// reuses them), and sets it to nil, for Restore to put back from the
// pieces put together. Items may repeat (the same item in several
// lists); a localized copy's translation must be among items. An item
// whose values include a kind the front matter does not decode to keeps
// them.
//
// The items are encoded parkChunk at a time, a few chunks at once on all
// cores (at 100,000 generated documents, ParkData took 0.72 to 0.77 s on
// one goroutine, 0.51 to 0.75 s so); what is held at once is those
// chunks' bytes, not the whole.
func ParkData(items []*Item, write func([]byte)) *Parked {
	p := &Parked{}
	seen := make(map[*Item]bool, len(items))
	byPath := make(map[string]*Item)
	for _, it := range items {
		if it.Original == nil && it.Data != nil {
			byPath[it.Path+"\x00"+it.Lang] = it
		}
	}
	var todo []*Item
	for _, it := range items {
		if seen[it] || it.Data == nil {
			continue
		}
		seen[it] = true
		if it.Original != nil {
			if tr := byPath[it.Path+"\x00"+it.Lang]; tr != nil && tr != it.Original {
				p.locs = append(p.locs, localizedFrom{it, tr})
				continue
			}
		}
		todo = append(todo, it)
	}
	wave := make([]encodedChunk, 2*runtime.GOMAXPROCS(0))
	for len(todo) > 0 {
		n := 0
		for n < len(wave) && len(todo) > 0 {
			k := min(parkChunk, len(todo))
			wave[n].items, todo = todo[:k], todo[k:]
			n++
		}
		workers.Each(n, func(i int) { wave[i].encode() })
		for i := range wave[:n] {
			c := &wave[i]
			if len(c.buf) > 0 {
				write(c.buf)
			}
			p.chunks = append(p.chunks, parkedChunk{items: c.kept, size: len(c.buf)})
		}
	}
	for _, c := range p.chunks {
		for _, it := range c.items {
			it.Data = nil
		}
	}
	for _, l := range p.locs {
		l.loc.Data = nil
	}
	return p
}

// parkChunk is how many items are encoded and decoded as one.
const parkChunk = 512

// encodedChunk is a chunk being encoded: its buffer is reused from wave
// to wave.
type encodedChunk struct {
	items []*Item // to encode
	kept  []*Item // encoded: those whose values all have a kind to encode
	buf   []byte
}

func (c *encodedChunk) encode() {
	c.buf, c.kept = c.buf[:0], make([]*Item, 0, len(c.items))
	for _, it := range c.items {
		n := len(c.buf)
		var ok bool
		if c.buf, ok = appendObject(c.buf, it.Data); !ok {
			c.buf = c.buf[:n]
			continue
		}
		c.kept = append(c.kept, it)
	}
}

// Restore gives the parked items their front matter back from the pieces
// ParkData wrote, put together in one string (the values' strings are
// cut from it, not copied). Values equal to the originals come back.
// The chunks are decoded on all cores.
func (p *Parked) Restore(data string) error {
	total := 0
	for _, c := range p.chunks {
		total += c.size
	}
	if total != len(data) {
		return fmt.Errorf("front matter: %d parked bytes, %d expected", len(data), total)
	}
	errs := make([]error, len(p.chunks))
	starts := make([]int, len(p.chunks))
	for i, at := 0, 0; i < len(p.chunks); i++ {
		starts[i] = at
		at += p.chunks[i].size
	}
	workers.Each(len(p.chunks), func(i int) {
		c := p.chunks[i]
		errs[i] = restoreChunk(c.items, data[starts[i]:starts[i]+c.size])
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, l := range p.locs {
		l.loc.Data = localizedData(l.loc.Original, l.tr)
	}
	return nil
}

// restoreChunk decodes one chunk's values into its items.
func restoreChunk(items []*Item, data string) error {
	d := unparker{data: data, boxes: map[string]any{}}
	for _, it := range items {
		v, err := d.value()
		if err != nil {
			return fmt.Errorf("front matter of %s: %w", it.DisplayPath, err)
		}
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("front matter of %s: parked bytes out of step", it.DisplayPath)
		}
		it.Data = m
	}
	if d.at != len(d.data) {
		return errors.New("front matter: parked bytes left over")
	}
	return nil
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// appendObject appends m with its keys in order, so that the same
// values always make the same bytes.
func appendObject(buf []byte, m map[string]any) ([]byte, bool) {
	buf = append(buf, parkObject)
	buf = binary.AppendUvarint(buf, uint64(len(m)))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		buf = appendString(buf, k)
		var ok bool
		if buf, ok = appendValue(buf, m[k]); !ok {
			return buf, false
		}
	}
	return buf, true
}

func appendValue(buf []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(buf, parkNil), true
	case string:
		return appendString(append(buf, parkString), v), true
	case int:
		return binary.AppendVarint(append(buf, parkInt), int64(v)), true
	case float64:
		return binary.LittleEndian.AppendUint64(append(buf, parkFloat), math.Float64bits(v)), true
	case bool:
		if v {
			return append(buf, parkTrue), true
		}
		return append(buf, parkFalse), true
	case Date:
		buf = append(buf, parkDate)
		for _, n := range []int{v.Year, v.Month, v.Day} {
			buf = binary.AppendVarint(buf, int64(n))
		}
		return buf, true
	case []any:
		buf = binary.AppendUvarint(append(buf, parkList), uint64(len(v)))
		for _, e := range v {
			var ok bool
			if buf, ok = appendValue(buf, e); !ok {
				return buf, false
			}
		}
		return buf, true
	case map[string]any:
		return appendObject(buf, v)
	case []MapEntry:
		buf = binary.AppendUvarint(append(buf, parkMap), uint64(len(v)))
		for _, e := range v {
			buf = appendString(buf, e.Key)
			var ok bool
			if buf, ok = appendValue(buf, e.Value); !ok {
				return buf, false
			}
		}
		return buf, true
	}
	return buf, false
}

// unparker decodes what ParkData encoded. Short strings (field names,
// codes, references: they repeat from item to item) are boxed once and
// shared, as Load shares the values that name something.
type unparker struct {
	data  string
	at    int
	boxes map[string]any
}

var errParked = errors.New("parked bytes damaged")

// count is a length or a number of entries: each takes at least a byte,
// so none is more than the bytes left.
func (d *unparker) count() (int, error) {
	x, err := d.uvarint()
	if err != nil || x > uint64(len(d.data)-d.at) {
		return 0, errParked
	}
	return int(x), nil
}

func (d *unparker) varint() (int, error) {
	ux, err := d.uvarint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return int(x), err
}

func (d *unparker) uvarint() (uint64, error) {
	var x uint64
	for shift := 0; shift < 70; shift += 7 {
		if d.at >= len(d.data) {
			return 0, errParked
		}
		b := d.data[d.at]
		d.at++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x, nil
		}
	}
	return 0, errParked
}

func (d *unparker) string() (string, error) {
	n, err := d.count()
	if err != nil {
		return "", err
	}
	s := d.data[d.at : d.at+n]
	d.at += n
	return s, nil
}

// sharedShort is the longest string value that unparker shares.
const sharedShort = maxSharedValue

func (d *unparker) value() (any, error) {
	if d.at >= len(d.data) {
		return nil, errParked
	}
	tag := d.data[d.at]
	d.at++
	switch tag {
	case parkNil:
		return nil, nil
	case parkString:
		s, err := d.string()
		if err != nil || len(s) > sharedShort {
			return s, err
		}
		if b, ok := d.boxes[s]; ok {
			return b, nil
		}
		var b any = s
		d.boxes[s] = b
		return b, nil
	case parkInt:
		n, err := d.varint()
		return n, err
	case parkFloat:
		if d.at+8 > len(d.data) {
			return nil, errParked
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64([]byte(d.data[d.at : d.at+8])))
		d.at += 8
		return f, nil
	case parkTrue:
		return true, nil
	case parkFalse:
		return false, nil
	case parkDate:
		var date Date
		for _, p := range []*int{&date.Year, &date.Month, &date.Day} {
			n, err := d.varint()
			if err != nil {
				return nil, err
			}
			*p = n
		}
		return date, nil
	case parkList, parkObject, parkMap:
		n, err := d.count()
		if err != nil {
			return nil, err
		}
		return d.entries(tag, n)
	}
	return nil, errParked
}

// entries decodes the n entries of a list, an object or a map.
func (d *unparker) entries(tag byte, n int) (any, error) {
	var err error
	switch tag {
	case parkList:
		l := make([]any, n)
		for i := range l {
			if l[i], err = d.value(); err != nil {
				return nil, err
			}
		}
		return l, nil
	case parkObject:
		m := make(map[string]any, n)
		for range n {
			var k string
			if k, err = d.key(); err != nil {
				return nil, err
			}
			if m[k], err = d.value(); err != nil {
				return nil, err
			}
		}
		return m, nil
	}
	l := make([]MapEntry, n)
	for i := range l {
		if l[i].Key, err = d.key(); err != nil {
			return nil, err
		}
		if l[i].Value, err = d.value(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// key is a field name or a map's key: shared, as the schema's names are.
func (d *unparker) key() (string, error) {
	s, err := d.string()
	if err != nil {
		return "", err
	}
	if b, ok := d.boxes[s]; ok {
		return b.(string), nil
	}
	var b any = s
	d.boxes[s] = b
	return s, nil
}
