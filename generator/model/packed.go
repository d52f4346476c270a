package model

// Front matter read in place. A build packs each item's front matter as
// its file is read (Options.PackFrontMatter, packenc.go) and reads its
// fields from those bytes when asked for (Item.Field and the accessors
// built on it), rather than keeping them decoded in maps. Decoded, the
// front matter was most of what a build held: at 100,000 generated
// documents 385 of the 513 MB and most of the 6 million objects live at
// the end of the load, and 3.3 million of the 4.9 million objects live
// halfway through the render (docs/measurements.md). The collector marks
// every live object at each of its cycles, and marking a heap ten times
// larger costs more than ten times as much (cache misses on the objects
// and their spans). Packed, an item's front matter is one string with no
// pointers in it, its fields together in a few cache lines.
//
// A field is found by walking the item's keys, which the encoding keeps
// sorted, each followed by its value's length (appendEntry), so that the
// values before it are stepped over, not read. Text fields and lists of
// text are read without decoding anything else (String, Has, Strings);
// other values are decoded for each call, as short-lived garbage.

// packedField returns the bytes of field name's value in the packed
// object p, from its tag on.
func packedField(p, name string) (string, bool) {
	d := packedReader{data: p}
	if len(p) == 0 || p[0] != tagObject {
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
func (d *packedReader) skip() error {
	if d.at >= len(d.data) {
		return errPacked
	}
	tag := d.data[d.at]
	d.at++
	var err error
	switch tag {
	case tagNil, tagTrue, tagFalse:
	case tagString:
		_, err = d.string()
	case tagInt:
		_, err = d.uvarint()
	case tagFloat:
		if d.at+8 > len(d.data) {
			return errPacked
		}
		d.at += 8
	case tagDate:
		for range 3 {
			if _, err = d.uvarint(); err != nil {
				break
			}
		}
	case tagList, tagObject, tagMap:
		var n int
		if n, err = d.count(); err != nil {
			return err
		}
		for range n {
			end := -1
			if tag != tagList {
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
				return errPacked
			}
		}
	default:
		return errPacked
	}
	return err
}

// decodePacked decodes one value's bytes (from packedField).
func decodePacked(v string) any {
	d := packedReader{data: v}
	x, err := d.value()
	if err != nil {
		return nil
	}
	return x
}

// Field returns the front-matter field name, decoded (see Item.data for
// the kinds), and whether the item has it: from data while the item holds
// its front matter, else from its packed bytes (packenc.go). A
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
	if b == "" || b[0] != tagString {
		return "", false
	}
	d := packedReader{data: b, at: 1}
	s, err := d.string()
	return s, err == nil
}

// packedTexts reads the text values of a packed list (b from raw),
// skipping the others.
func packedTexts(b string) []string {
	if b == "" || b[0] != tagList {
		return []string{}
	}
	d := packedReader{data: b, at: 1}
	n, err := d.count()
	if err != nil {
		return []string{}
	}
	out := make([]string, 0, n)
	for range n {
		if d.at < len(d.data) && d.data[d.at] == tagString {
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
