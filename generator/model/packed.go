package model

import (
	"fmt"

	"github.com/clusterpolisee/polisee/generator/internal/workers"
)

// Front matter read in place. After the index stage a build does not
// decode the parked front matter back into maps: each item keeps its own
// bytes of the parked encoding, cut from one string (Parked.Pack), and
// its fields are read from them when asked for (Item.Field and the
// accessors built on it). Decoded, the front matter
// was 3.3 million of the 4.9 million objects live halfway through the
// render of 100,000 generated documents; the collector marks every live
// object at each of its cycles, and marking a heap ten times larger
// costs more than ten times as much (cache misses on the objects and
// their spans). Packed, it is one string with no pointers in it, and an
// item's fields sit together in a few cache lines.
//
// A field is found by walking the item's keys, which the encoding keeps
// sorted, each followed by its value's length (appendEntry), so that the
// values before it are stepped over, not read. Text fields and lists of
// text are read without decoding anything else (String, Has, Strings);
// other values are decoded for each call, as short-lived garbage.

// packedField returns the bytes of field name's value in the packed
// object p, from its tag on.
func packedField(p, name string) (string, bool) {
	d := unparker{data: p}
	if len(p) == 0 || p[0] != parkObject {
		return "", false
	}
	d.at = 1
	n, err := d.count()
	if err != nil {
		return "", false
	}
	for range n {
		k, err := d.string()
		if err != nil || k > name {
			return "", false
		}
		l, err := d.entryLength()
		if err != nil || l == 0 {
			return "", false
		}
		if k == name {
			return p[d.at : d.at+l], true
		}
		d.at += l
	}
	return "", false
}

// skip moves past one value.
func (d *unparker) skip() error {
	if d.at >= len(d.data) {
		return errParked
	}
	tag := d.data[d.at]
	d.at++
	var err error
	switch tag {
	case parkNil, parkTrue, parkFalse:
	case parkString:
		_, err = d.string()
	case parkInt:
		_, err = d.uvarint()
	case parkFloat:
		if d.at+8 > len(d.data) {
			return errParked
		}
		d.at += 8
	case parkDate:
		for range 3 {
			if _, err = d.uvarint(); err != nil {
				break
			}
		}
	case parkList, parkObject, parkMap:
		var n int
		if n, err = d.count(); err != nil {
			return err
		}
		for range n {
			end := -1
			if tag != parkList {
				if _, err = d.string(); err != nil {
					return err
				}
				l, err := d.entryLength()
				if err != nil {
					return err
				}
				end = d.at + l
			}
			if err = d.skip(); err != nil {
				return err
			}
			if end >= 0 && d.at != end {
				return errParked
			}
		}
	default:
		return errParked
	}
	return err
}

// checkPacked reports whether p is one whole encoded object, keys in
// order, and nothing after it.
func checkPacked(p string) error {
	d := unparker{data: p}
	if len(p) == 0 || p[0] != parkObject {
		return errParked
	}
	d.at = 1
	n, err := d.count()
	if err != nil {
		return err
	}
	prev := ""
	for i := range n {
		k, err := d.string()
		if err != nil || (i > 0 && k <= prev) {
			return errParked
		}
		prev = k
		l, err := d.entryLength()
		if err != nil {
			return err
		}
		end := d.at + l
		if err := d.skip(); err != nil {
			return err
		}
		if d.at != end {
			return errParked
		}
	}
	if d.at != len(p) {
		return errParked
	}
	return nil
}

// decodePacked decodes one value's bytes (from packedField).
func decodePacked(v string) any {
	d := unparker{data: v}
	x, err := d.value()
	if err != nil {
		return nil
	}
	return x
}

// Field returns the front-matter field name, decoded (see Item.data for
// the kinds), and whether the item has it: from data while the item holds
// its front matter, else from its packed bytes (Parked.Pack). A
// localized copy's packed fields are its translation's, then its
// original's but for lang, as localizedData merges them.
func (it *Item) Field(name string) (any, bool) {
	v, b, ok := it.raw(name)
	if ok && b != "" {
		return decodePacked(b), true
	}
	return v, ok
}

// Value is Field's value alone, for templates: nil when the item has no
// such field.
func (it *Item) Value(name string) any {
	v, _ := it.Field(name)
	return v
}

// raw finds field name: decoded (v) in the data of the item that holds
// it, or as that item's packed bytes (b, from the value's tag on).
func (it *Item) raw(name string) (v any, b string, ok bool) {
	switch {
	case it.data != nil:
		v, ok = it.data[name]
		return v, "", ok
	case it.packed != "":
		b, ok = packedField(it.packed, name)
		return nil, b, ok
	case it.packedFrom != nil:
		if v, b, ok = it.packedFrom.raw(name); ok || name == "lang" {
			return v, b, ok
		}
		return it.Original.raw(name)
	}
	return nil, "", false
}

// Fields returns the item's whole front matter as a map: the item's own
// while it holds one (not to be changed), else one decoded anew from its
// packed bytes, the caller's.
func (it *Item) Fields() map[string]any {
	switch {
	case it.data != nil:
		return it.data
	case it.packed != "":
		m, _ := decodePacked(it.packed).(map[string]any)
		return m
	case it.packedFrom != nil:
		m := it.Original.Fields()
		out := make(map[string]any, len(m))
		for k, v := range m {
			if k != "lang" {
				out[k] = v
			}
		}
		for k, v := range it.packedFrom.Fields() {
			out[k] = v
		}
		return out
	}
	return nil
}

// packedText reads a packed text value (b from raw) without boxing it.
func packedText(b string) (string, bool) {
	if b == "" || b[0] != parkString {
		return "", false
	}
	d := unparker{data: b, at: 1}
	s, err := d.string()
	return s, err == nil
}

// packedTexts reads the text values of a packed list (b from raw),
// skipping the others.
func packedTexts(b string) []string {
	if b == "" || b[0] != parkList {
		return []string{}
	}
	d := unparker{data: b, at: 1}
	n, err := d.count()
	if err != nil {
		return []string{}
	}
	out := make([]string, 0, n)
	for range n {
		if d.at < len(d.data) && d.data[d.at] == parkString {
			d.at++
			s, err := d.string()
			if err != nil {
				break
			}
			out = append(out, s)
			continue
		}
		if d.skip() != nil {
			break
		}
	}
	return out
}

// Pack gives each parked item its own bytes of data, the pieces
// ParkData wrote put together, to read its fields from in place (see
// Item.Field), rather than decoding them back into maps; a localized
// copy reads its translation's and its original's. Every
// item's bytes are checked to be one whole object first, on all cores.
func (p *Parked) Pack(data string) error {
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
		at := starts[i]
		for j, it := range c.items {
			b := data[at : at+c.sizes[j]]
			if err := checkPacked(b); err != nil {
				errs[i] = fmt.Errorf("front matter of %s: %w", it.DisplayPath, err)
				return
			}
			at += c.sizes[j]
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for i, c := range p.chunks {
		at := starts[i]
		for j, it := range c.items {
			it.packed = data[at : at+c.sizes[j]]
			at += c.sizes[j]
		}
	}
	for _, l := range p.locs {
		l.loc.packedFrom = l.tr
	}
	return nil
}
