package model

import (
	"fmt"
	"hash/maphash"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/internal/readmostly"
)

const (
	defaultMaxString = 300    // characters in a one-line field
	defaultMaxText   = 20_000 // characters in a prose field
	maxListLen       = 1_000
)

var langPattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// datePattern is a date written as it must be, YYYY-MM or YYYY-MM-DD,
// whether or not the calendar has it.
var datePattern = regexp.MustCompile(`^[1-9][0-9]{3}-[0-9]{2}(-[0-9]{2})?$`)

// decoder turns a front-matter node tree into values, checking them against
// the schema. Positions are shifted by lineOffset so they count from the
// top of the file.
type decoder struct {
	path       string
	lineOffset int
	diags      *diag.List
	refs       []refUse
	top        string    // top-level field being decoded, for refs
	values     *valueSet // nil: every value is the item's own
}

// valueSet keeps one copy of each value that names something (a
// reference, an enum value, a language code), boxed as an Item's fields hold
// it: items repeat a few thousand such names over and over (a practice
// names its countries, areas, owner, profile, sectors, level and
// status), and each would otherwise keep its own string and box. It is
// safe for use by several goroutines at once, and a name seen before is
// found without a lock (readmostly.Map): behind 16 mutexes, the load's
// goroutines waited 0.36 s in all for them in a 2.1 s load of 10,000
// generated documents. The names are cut into 16 maps, so that a
// name new to the load locks one of them.
type valueSet struct {
	shards [16]readmostly.Map[any]
}

var valueSeed = maphash.MakeSeed()

// maxSharedValue is the longest value a valueSet keeps: names are short.
const maxSharedValue = 64

// value returns s boxed, shared with every other item that gives it.
func (vs *valueSet) value(s string) any {
	if vs == nil || len(s) > maxSharedValue {
		return s
	}
	names := &vs.shards[maphash.String(valueSeed, s)%uint64(len(vs.shards))]
	if v, ok := names.Get(s); ok {
		return v
	}
	own := strings.Clone(s) // not a part of a longer string
	return names.Add(own, any(own))
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Errorf(d.path, d.pos(n), format, args...)
}

func fieldNames(fields []*Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

// nameSet is a set of names that costs no allocation for the few names
// of an object and stays linear in time for many.
type nameSet struct {
	few  [16]string
	n    int
	many map[string]bool
}

func (s *nameSet) has(name string) bool {
	if s.many != nil {
		return s.many[name]
	}
	return slices.Contains(s.few[:s.n], name)
}

func (s *nameSet) add(name string) {
	if s.many == nil && s.n < len(s.few) {
		s.few[s.n] = name
		s.n++
		return
	}
	if s.many == nil {
		s.many = make(map[string]bool, 2*len(s.few))
		for _, f := range s.few[:s.n] {
			s.many[f] = true
		}
	}
	s.many[name] = true
}

// object decodes a mapping against fields. missing is where to report a
// missing required field. The positions of the values come back for the
// top level only (nil below it), which is all that messages name.
//
// A site holds every item's fields until the end of its build, and the
// decoding of a hundred thousand files makes garbage in proportion: the
// map of values is made at its final size, and the names already seen
// are kept in a short list rather than a map of their own.
func (d *decoder) object(n *yaml.Node, fields []*Field, missing diag.Pos, topLevel bool) (map[string]any, map[string]diag.Pos) {
	var positions map[string]diag.Pos
	if topLevel {
		positions = make(map[string]diag.Pos, len(n.Content)/2)
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "expected a mapping of fields (name: value), got %s", describe(n))
		return map[string]any{}, positions
	}
	out := make(map[string]any, len(n.Content)/2)
	var seen nameSet
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !d.plain(k) || !d.plain(v) {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "field names must be plain words")
			continue
		}
		name := k.Value
		if seen.has(name) {
			d.errorf(k, "field %q is given twice", name)
			continue
		}
		seen.add(name)
		f := findField(fields, name)
		if f == nil {
			d.errorf(k, "unknown field %q%s", name, didYouMean(name, fieldNames(fields)))
			continue
		}
		if isNull(v) {
			continue // an empty value counts as absent
		}
		if topLevel {
			d.top = f.Name
		}
		if val, ok := d.value(v, f); ok {
			if l, isList := val.([]any); isList && f.Required && len(l) == 0 {
				d.errorf(k, "required field %q is empty: give at least one entry", f.Name)
				continue
			}
			// The schema's name is the key: one string for every item,
			// where the YAML parser gives each item its own copy.
			out[f.Name] = val
			if positions != nil {
				positions[f.Name] = d.pos(v)
			}
		}
	}
	for _, f := range fields {
		if f.Required && !seen.has(f.Name) {
			d.diags.Errorf(d.path, missing, "missing required field %q", f.Name)
		} else if f.Required && out[f.Name] == nil {
			// Present but empty or invalid: report empties here; invalid
			// values already have their own message.
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == f.Name && isNull(n.Content[i+1]) {
					d.errorf(n.Content[i], "required field %q is empty", f.Name)
				}
			}
		}
	}
	return out, positions
}

// plain rejects YAML anchors and aliases: they are not needed in front
// matter, and refusing them rules out alias bombs.
func (d *decoder) plain(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.errorf(n, "YAML anchors and aliases (&name, *name) are not supported in front matter; write the value out")
		return false
	}
	return true
}

func findField(fields []*Field, name string) *Field {
	for _, f := range fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			return fmt.Sprintf("text %q", clip(n.Value))
		case "!!int", "!!float":
			return "the number " + clip(n.Value)
		case "!!bool":
			return "the value " + n.Value
		case "!!null":
			return "nothing"
		}
		return fmt.Sprintf("%q", clip(n.Value))
	}
	return "something else"
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return string(r[:40]) + "…"
	}
	return s
}

func label(f *Field) string {
	if f.Name != "" {
		return f.Name
	}
	return "value"
}

// value decodes one value of field f. ok is false when it was invalid (an
// error has been reported).
func (d *decoder) value(n *yaml.Node, f *Field) (any, bool) {
	if !d.plain(n) {
		return nil, false
	}
	switch f.Kind {
	case KindList:
		return d.list(n, f)
	case KindObject:
		return d.objectValue(n, f)
	case KindMap:
		return d.mapValue(n, f)
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be %s, got %s", label(f), f.Kind, describe(n))
		return nil, false
	}
	return d.scalar(n, f)
}

// list decodes a list field: each entry against f.Elem, text entries at
// most once.
func (d *decoder) list(n *yaml.Node, f *Field) (any, bool) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, e.g. [a, b], got %s", label(f), describe(n))
		return nil, false
	}
	if len(n.Content) > maxListLen {
		d.errorf(n, "%s has %d entries; at most %d are allowed", label(f), len(n.Content), maxListLen)
		return nil, false
	}
	out := make([]any, 0, len(n.Content))
	seen := map[string]bool{}
	for _, e := range n.Content {
		v, ok := d.value(e, f.Elem)
		if !ok {
			continue
		}
		if s, isStr := v.(string); isStr {
			if seen[s] {
				d.errorf(e, "%q is listed twice in %s", s, label(f))
				continue
			}
			seen[s] = true
		}
		out = append(out, v)
	}
	return out, true
}

// objectValue decodes an object field: a mapping of its fields, or a
// plain value standing for its Scalar field (a source given as a URL).
func (d *decoder) objectValue(n *yaml.Node, f *Field) (any, bool) {
	if n.Kind == yaml.ScalarNode && f.Scalar != "" {
		sub := findField(f.Fields, f.Scalar)
		v, ok := d.value(n, sub)
		if !ok {
			return nil, false
		}
		return map[string]any{f.Scalar: v}, true
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping with %s, got %s", label(f), strings.Join(fieldNames(f.Fields), ", "), describe(n))
		return nil, false
	}
	m, _ := d.object(n, f.Fields, d.pos(n), false)
	return m, true
}

// mapValue decodes a map field: keys against f.Key, each at most once,
// values against f.Elem (an empty value is an empty mapping).
func (d *decoder) mapValue(n *yaml.Node, f *Field) (any, bool) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, got %s", label(f), describe(n))
		return nil, false
	}
	var out []MapEntry
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !d.plain(k) || !d.plain(v) {
			continue
		}
		key, ok := d.value(k, f.Key)
		if !ok {
			continue
		}
		ks := key.(string)
		if seen[ks] {
			d.errorf(k, "%q is given twice in %s", ks, label(f))
			continue
		}
		seen[ks] = true
		var val any = map[string]any{}
		if !isNull(v) {
			if val, ok = d.value(v, f.Elem); !ok {
				continue
			}
		}
		out = append(out, MapEntry{Key: ks, Value: val})
	}
	return out, true
}

// scalar decodes a scalar node n of a field whose kind is not a
// collection.
func (d *decoder) scalar(n *yaml.Node, f *Field) (any, bool) {
	s := n.Value
	switch f.Kind {
	case KindString, KindText:
		return d.text(n, f)
	case KindInt, KindYear:
		return d.integer(n, f)
	case KindNumber:
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if (n.Tag != "!!int" && n.Tag != "!!float") || err != nil || v < 0 || v != v {
			d.errorf(n, "%s must be a non-negative number, got %s", label(f), describe(n))
			return nil, false
		}
		return v, true
	case KindBool:
		if n.Tag != "!!bool" {
			d.errorf(n, "%s must be true or false, got %s", label(f), describe(n))
			return nil, false
		}
		return s == "true" || s == "True" || s == "TRUE", true
	case KindDate:
		date, ok := ParseDate(s)
		if !ok && datePattern.MatchString(s) {
			d.errorf(n, "%s %q is no such date: the month must be 01 to 12, and the day one that the month has", label(f), s)
			return nil, false
		}
		if !ok {
			d.errorf(n, "%s must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got %s", label(f), describe(n))
			return nil, false
		}
		return date, true
	case KindURL:
		u, err := url.Parse(s)
		if err != nil || !(((u.Scheme == "http" || u.Scheme == "https") && u.Host != "") || (u.Scheme == "mailto" && u.Opaque != "")) {
			d.errorf(n, "%s must be a full http(s) or mailto URL, got %s", label(f), describe(n))
			return nil, false
		}
		return strings.Clone(s), true // a copy, as text's
	case KindEnum:
		if i := slices.Index(f.Values, s); i >= 0 {
			return d.values.value(f.Values[i]), true
		}
		d.errorf(n, "unknown %s %q%s; use one of: %s", label(f), clip(s), didYouMean(s, f.Values), strings.Join(f.Values, ", "))
		return nil, false
	case KindRef:
		s = strings.TrimSpace(s)
		if s == "" {
			d.errorf(n, "%s must not be empty", label(f))
			return nil, false
		}
		v := d.values.value(s)
		if shared, ok := v.(string); ok {
			s = shared
		}
		d.refs = append(d.refs, refUse{field: d.top, folder: f.Ref, key: s, pos: d.pos(n)})
		return v, true
	case KindLang:
		if !langPattern.MatchString(s) {
			d.errorf(n, "%q is not a language code; use a lowercase ISO 639-1 code such as en or el", clip(s))
			return nil, false
		}
		return d.values.value(s), true
	}
	d.errorf(n, "unsupported field kind")
	return nil, false
}

// text decodes a string (one line) or text field: trimmed, within its
// length, without control characters, and not empty when required.
func (d *decoder) text(n *yaml.Node, f *Field) (any, bool) {
	if n.Tag == "!!binary" {
		d.errorf(n, "%s must be text", label(f))
		return nil, false
	}
	s := strings.TrimSpace(n.Value)
	max := f.MaxLen
	if max == 0 {
		max = defaultMaxString
		if f.Kind == KindText {
			max = defaultMaxText
		}
	}
	if count := utf8.RuneCountInString(s); count > max {
		d.errorf(n, "%s is %d characters long; at most %d are allowed", label(f), count, max)
		return nil, false
	}
	if f.Kind == KindString && strings.ContainsAny(s, "\n\r") {
		d.errorf(n, "%s must be a single line", label(f))
		return nil, false
	}
	if i := strings.IndexFunc(s, isControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		d.errorf(n, "%s holds the control character %U; remove it (it shows as nothing, and a terminal may act on it)", label(f), r)
		return nil, false
	}
	if f.Required && s == "" {
		d.errorf(n, "%s must not be empty", label(f))
		return nil, false
	}
	// A copy: s may be a part of the whole front matter (plainYAML),
	// which a title or a tag kept decoded (polisee serve keeps the
	// values) would otherwise keep whole, or of a file's buffer that the
	// next file reuses. (A build packs the values as it loads them:
	// Options.PackFrontMatter.)
	return strings.Clone(s), true
}

// integer decodes an integer or year field within its bounds; a year
// may be written as a quoted string.
func (d *decoder) integer(n *yaml.Node, f *Field) (any, bool) {
	v, err := strconv.Atoi(n.Value)
	if n.Tag != "!!int" && !(f.Kind == KindYear && n.Tag == "!!str" && err == nil) || err != nil {
		d.errorf(n, "%s must be %s, got %s", label(f), f.Kind, describe(n))
		return nil, false
	}
	if f.Kind == KindYear && (v < 1000 || v > 9999) {
		d.errorf(n, "%s must be a four-digit year, got %d", label(f), v)
		return nil, false
	}
	if f.Max > f.Min && (v < f.Min || v > f.Max) {
		d.errorf(n, "%s must be between %d and %d, got %d", label(f), f.Min, f.Max, v)
		return nil, false
	}
	return v, true
}

// isControl reports the characters text fields may not hold: C0 and C1
// control characters and DEL, but tabs and line breaks. An escape
// character in a title would reach the terminal of whoever runs polisee
// search.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}
