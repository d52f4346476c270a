package search

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the result as JSON, in the shape its fields' json
// tags give, but with every key present (an empty Lang, Section or
// Anchor as "", Near and Partial as false): the object the browser's
// engine has always handed the page. Facets come in the order of their
// names.
//
// The browser's engine passes a result to JavaScript as this text, which
// the page's JSON.parse reads in one step. Building the object through
// syscall/js instead took a call into JavaScript for every field and
// value, each a reference the Go runtime then tracks: a query took 3.8
// ms, against 3.0 now (Node, 1,000 documents). It is written by hand as
// encoding/json in the engine would bring in bleve's JSON methods with
// it.
func (r *Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"total":`...)
	b = strconv.AppendInt(b, int64(r.Total), 10)
	b = append(b, `,"hits":[`...)
	for i, h := range r.Hits {
		if i > 0 {
			b = append(b, ',')
		}
		for k, v := range [...]string{h.ID, h.URL, h.Type, h.Title, h.Snippet, h.Lang, h.Section, h.Anchor} {
			b = append(b, hitKeys[k]...)
			b = appendJSONString(b, v)
		}
		b = append(b, `,"score":`...)
		b = strconv.AppendFloat(b, h.Score, 'g', -1, 64)
		b = append(b, '}')
	}
	b = append(b, `],"facets":{`...)
	names := make([]string, 0, len(r.Facets))
	for name := range r.Facets {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ":["...)
		for j, c := range r.Facets[name] {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendJSONString(b, c.Value)
			b = append(b, `,"count":`...)
			b = strconv.AppendInt(b, int64(c.Count), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `},"near":`...)
	b = strconv.AppendBool(b, r.Near)
	b = append(b, `,"suggestion":`...)
	b = appendJSONString(b, r.Suggestion)
	b = append(b, `,"partial":`...)
	b = strconv.AppendBool(b, r.Partial)
	return append(b, '}')
}

// hitKeys start the string fields of a hit, in the order AppendJSON
// writes them.
var hitKeys = [...]string{`{"id":`, `,"url":`, `,"type":`, `,"title":`, `,"snippet":`, `,"lang":`, `,"section":`, `,"anchor":`}

// appendJSONString appends s as a JSON string: quotes and backslashes
// escaped, control characters as \u00XX, and each byte that is not UTF-8
// as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(b, "\ufffd"...)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
		}
	}
	return append(b, '"')
}
