package model

import (
	"encoding/binary"
	"errors"
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
// Pack then gives each item its own bytes of them to read its fields from
// in place, through the render (packed.go).

// Parked says which items' front matter ParkData encoded, to be given
// back (Pack).
type Parked struct {
	// chunks are the encoded items, a few hundred at a time, in the
	// order of their bytes: each is checked on its own, on all cores.
	chunks []parkedChunk
	// locs are localized copies (Content.Localized), whose fields are
	// read from their translation's and their original's, as Localized
	// merged them, rather than encoded again.
	locs []localizedFrom
}

// parkedChunk is a run of items whose values take size bytes, sizes[i]
// of them items[i]'s.
type parkedChunk struct {
	items []*Item
	size  int
	sizes []int
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

// ParkData encodes the front matter (data) of items into bytes, given to
// write a piece at a time (write must not keep them: the next piece
// reuses them), and sets it to nil, for Pack to give back from the
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
		if it.Original == nil && it.data != nil {
			byPath[it.Path+"\x00"+it.Lang] = it
		}
	}
	var todo []*Item
	for _, it := range items {
		if seen[it] || it.data == nil {
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
			p.chunks = append(p.chunks, parkedChunk{items: c.kept, size: len(c.buf), sizes: c.sizes})
		}
	}
	for _, c := range p.chunks {
		for _, it := range c.items {
			it.data = nil
		}
	}
	for _, l := range p.locs {
		l.loc.data = nil
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
	sizes []int   // the bytes of each kept item's values
	buf   []byte
}

func (c *encodedChunk) encode() {
	c.buf, c.kept, c.sizes = c.buf[:0], make([]*Item, 0, len(c.items)), make([]int, 0, len(c.items))
	for _, it := range c.items {
		n := len(c.buf)
		var ok bool
		if c.buf, ok = appendObject(c.buf, it.data); !ok {
			c.buf = c.buf[:n]
			continue
		}
		c.kept = append(c.kept, it)
		c.sizes = append(c.sizes, len(c.buf)-n)
	}
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
		var ok bool
		if buf, ok = appendEntry(buf, k, m[k]); !ok {
			return buf, false
		}
	}
	return buf, true
}

// appendEntry appends an entry of an object or a map: the key, the
// value's length in entryLen bytes, the value. The length lets a reader
// of one field step over the others (packedField).
func appendEntry(buf []byte, k string, v any) ([]byte, bool) {
	buf = appendString(buf, k)
	at := len(buf)
	buf = append(buf, make([]byte, entryLen)...)
	buf, ok := appendValue(buf, v)
	if ok {
		n := len(buf) - at - entryLen
		if uint64(n) > math.MaxUint32 {
			return buf, false
		}
		binary.LittleEndian.PutUint32(buf[at:], uint32(n))
	}
	return buf, ok
}

// entryLen is the bytes of an entry's value length.
const entryLen = 4

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
			var ok bool
			if buf, ok = appendEntry(buf, e.Key, e.Value); !ok {
				return buf, false
			}
		}
		return buf, true
	}
	return buf, false
}

// unparker decodes what ParkData encoded, one value at a time, as
// fields are read (packed.go); strings are cut from data, not copied.
type unparker struct {
	data string
	at   int
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
		return d.string()
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
			if k, err = d.string(); err != nil {
				return nil, err
			}
			if m[k], err = d.entryValue(); err != nil {
				return nil, err
			}
		}
		return m, nil
	}
	l := make([]MapEntry, n)
	for i := range l {
		if l[i].Key, err = d.string(); err != nil {
			return nil, err
		}
		if l[i].Value, err = d.entryValue(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// entryLength reads an entry's value length (appendEntry).
func (d *unparker) entryLength() (int, error) {
	if d.at+entryLen > len(d.data) {
		return 0, errParked
	}
	n := int(binary.LittleEndian.Uint32([]byte(d.data[d.at : d.at+entryLen])))
	d.at += entryLen
	if n > len(d.data)-d.at {
		return 0, errParked
	}
	return n, nil
}

// entryValue decodes an entry's value, which must take the length
// before it.
func (d *unparker) entryValue() (any, error) {
	n, err := d.entryLength()
	if err != nil {
		return nil, err
	}
	end := d.at + n
	v, err := d.value()
	if err == nil && d.at != end {
		err = errParked
	}
	return v, err
}
