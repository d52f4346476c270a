package model

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"sync"
)

// The packed encoding of front matter. A build keeps each item's front
// matter as bytes from the moment its file is read (Options.PackFrontMatter),
// not as maps of boxed values, and reads its fields in place
// (packed.go). A value is a tag byte and what the tag says follows:
// texts and keys as a length and their bytes, integers and dates as
// varints, floats as eight bytes, lists as a count and their values,
// objects and maps as a count and their entries. An entry is its key,
// its value's length in entryLen bytes, and the value: a reader of one
// field steps over the others (packedField). An object's keys are
// sorted, so that the same values always make the same bytes; a map
// (KindMap) keeps its entries in file order.

// value tags of the encoding.
const (
	tagString byte = iota + 1
	tagInt
	tagFloat
	tagTrue
	tagFalse
	tagDate
	tagList
	tagObject
	tagMap
	tagNil
)

// packFields encodes an item's front matter; ok is false when a value
// has a kind the front matter never decodes to. The encoding is made in
// a buffer the next item reuses, and copied once into its string (at
// 10,000 generated documents, growing a new buffer for each item was 4%
// of the build's allocations).
func packFields(m map[string]any) (packed string, ok bool) {
	buf := packBuffers.Get().(*[]byte)
	b, ok := appendObject((*buf)[:0], m)
	if ok {
		packed = string(b)
	}
	*buf = b[:0]
	packBuffers.Put(buf)
	return packed, ok
}

var packBuffers = sync.Pool{New: func() any { return new([]byte) }}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// appendObject appends m with its keys in order, so that the same
// values always make the same bytes.
func appendObject(buf []byte, m map[string]any) ([]byte, bool) {
	buf = append(buf, tagObject)
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
		return append(buf, tagNil), true
	case string:
		return appendString(append(buf, tagString), v), true
	case int:
		return binary.AppendVarint(append(buf, tagInt), int64(v)), true
	case float64:
		return binary.LittleEndian.AppendUint64(append(buf, tagFloat), math.Float64bits(v)), true
	case bool:
		if v {
			return append(buf, tagTrue), true
		}
		return append(buf, tagFalse), true
	case Date:
		buf = append(buf, tagDate)
		for _, n := range []int{v.Year, v.Month, v.Day} {
			buf = binary.AppendVarint(buf, int64(n))
		}
		return buf, true
	case []any:
		buf = binary.AppendUvarint(append(buf, tagList), uint64(len(v)))
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
		buf = binary.AppendUvarint(append(buf, tagMap), uint64(len(v)))
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

// packedReader decodes what appendObject encoded, one value at a time, as
// fields are read (packed.go); strings are cut from data, not copied.
type packedReader struct {
	data string
	at   int
}

var errPacked = errors.New("packed front matter damaged")

// count is a length or a number of entries: each takes at least a byte,
// so none is more than the bytes left.
func (d *packedReader) count() (int, error) {
	x, err := d.uvarint()
	if err != nil || x > uint64(len(d.data)-d.at) {
		return 0, errPacked
	}
	return int(x), nil
}

func (d *packedReader) varint() (int, error) {
	ux, err := d.uvarint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return int(x), err
}

func (d *packedReader) uvarint() (uint64, error) {
	var x uint64
	for shift := 0; shift < 70; shift += 7 {
		if d.at >= len(d.data) {
			return 0, errPacked
		}
		b := d.data[d.at]
		d.at++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x, nil
		}
	}
	return 0, errPacked
}

func (d *packedReader) string() (string, error) {
	n, err := d.count()
	if err != nil {
		return "", err
	}
	s := d.data[d.at : d.at+n]
	d.at += n
	return s, nil
}

func (d *packedReader) value() (any, error) {
	if d.at >= len(d.data) {
		return nil, errPacked
	}
	tag := d.data[d.at]
	d.at++
	switch tag {
	case tagNil:
		return nil, nil
	case tagString:
		return d.string()
	case tagInt:
		n, err := d.varint()
		return n, err
	case tagFloat:
		if d.at+8 > len(d.data) {
			return nil, errPacked
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64([]byte(d.data[d.at : d.at+8])))
		d.at += 8
		return f, nil
	case tagTrue:
		return true, nil
	case tagFalse:
		return false, nil
	case tagDate:
		var date Date
		for _, p := range []*int{&date.Year, &date.Month, &date.Day} {
			n, err := d.varint()
			if err != nil {
				return nil, err
			}
			*p = n
		}
		return date, nil
	case tagList, tagObject, tagMap:
		n, err := d.count()
		if err != nil {
			return nil, err
		}
		return d.entries(tag, n)
	}
	return nil, errPacked
}

// entries decodes the n entries of a list, an object or a map.
func (d *packedReader) entries(tag byte, n int) (any, error) {
	var err error
	switch tag {
	case tagList:
		l := make([]any, n)
		for i := range l {
			if l[i], err = d.value(); err != nil {
				return nil, err
			}
		}
		return l, nil
	case tagObject:
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
func (d *packedReader) entryLength() (int, error) {
	if d.at+entryLen > len(d.data) {
		return 0, errPacked
	}
	n := int(binary.LittleEndian.Uint32([]byte(d.data[d.at : d.at+entryLen])))
	d.at += entryLen
	if n > len(d.data)-d.at {
		return 0, errPacked
	}
	return n, nil
}

// entryValue decodes an entry's value, which must take the length
// before it.
func (d *packedReader) entryValue() (any, error) {
	n, err := d.entryLength()
	if err != nil {
		return nil, err
	}
	end := d.at + n
	v, err := d.value()
	if err == nil && d.at != end {
		err = errPacked
	}
	return v, err
}
