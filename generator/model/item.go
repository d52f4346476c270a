package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// Item is one content file after loading and validation.
type Item struct {
	Type *Type
	Slug string // file name without .md (and without the language)
	// Lang is the language of the item's words: a translation's is its
	// file name's (slug.el.md), an original's its lang field, else the
	// site's default.
	Lang string
	// Path is the file's path relative to the content root, slash-separated.
	Path string
	// DisplayPath is the path shown in messages, e.g. content/practices/x.md.
	DisplayPath string

	Title   string
	Summary string
	// SortKey is the title as lists sort it (lowercase), computed once.
	SortKey string
	Draft   bool
	Updated Date

	// data holds every front-matter field by name, decoded: string, int,
	// float64, bool, Date, []any, map[string]any or []MapEntry. It is nil
	// in a build, which packs the front matter as it loads it
	// (Options.PackFrontMatter), and so not
	// exported: read fields with Field, Value, Fields and the accessors
	// below, which read either. A layout that names .Data stops the
	// build at its line, in polisee build and serve alike.
	data map[string]any
	// FieldPos is the position of each top-level field's value.
	FieldPos map[string]diag.Pos

	// Body is the Markdown after the front matter; BodyLine is the line of
	// the file on which it starts, so body positions map back to the file.
	Body     []byte
	BodyLine int

	// Original, on an item localized into another language (see
	// Content.Localized), is the original that it translates; nil on
	// items read from a file.
	Original *Item

	refs []refUse
	// frontMatter is the front matter as written, to tell a change of
	// facts from a change of prose (see SameFrontMatter).
	frontMatter []byte
	// onDisk says where the body is, when it was left in its file
	// (Options.BodiesOnDisk).
	onDisk bodyOnDisk
	// packed is the front matter's bytes in the packed encoding
	// (packenc.go), when it was loaded packed (data is then nil); packedFrom, on a
	// localized copy, is the translation whose fields come before the
	// original's (packed.go).
	packed     string
	packedFrom *Item
}

// bodyOnDisk is where an item's body starts in its file, and the file's
// size and CRC-32, to tell that it is still the file that was loaded.
// It is kept in the Item, not beside it: one object less an item for
// the collector to mark.
type bodyOnDisk struct {
	size  int64
	sum   uint32
	left  bool // the body was left in its file; the rest is then set
	start int
}

// NewItem returns an item of type t made in code rather than loaded
// (for tests and tools), its front matter fields.
func NewItem(t *Type, slug, title string, fields map[string]any) *Item {
	return &Item{Type: t, Slug: slug, Title: title, data: fields}
}

// SameFrontMatter reports whether two versions of a file have the same
// front matter, byte for byte, at the same line.
func (it *Item) SameFrontMatter(o *Item) bool {
	return it.Path == o.Path && it.BodyLine == o.BodyLine && it.Lang == o.Lang && string(it.frontMatter) == string(o.frontMatter)
}

// MapEntry is one entry of a KindMap value, in file order.
type MapEntry struct {
	Key   string
	Value any
}

type refUse struct {
	field  string // top-level field the reference sits in
	folder string
	key    string
	pos    diag.Pos
}

// Key is the value other items use to refer to this one: the slug, or the
// uppercase ISO or NUTS code for countries and regions.
func (it *Item) Key() string {
	if it.Type.KeyField != "" {
		return strings.ToUpper(it.String(it.Type.KeyField))
	}
	return it.Slug
}

// URL is the item's site path, e.g. /practices/slug/. Pages sit at the root.
func (it *Item) URL() string {
	if it.Type.Folder == "pages" {
		return "/" + it.Slug + "/"
	}
	return "/" + it.Type.Folder + "/" + it.Slug + "/"
}

// String returns a text field, or "".
func (it *Item) String(name string) string {
	v, b, _ := it.raw(name)
	if s, ok := packedText(b); ok {
		return s
	}
	s, _ := v.(string)
	return s
}

// Int returns a whole-number field, or 0.
func (it *Item) Int(name string) int {
	v, _ := it.Field(name)
	n, _ := v.(int)
	return n
}

// Bool returns a boolean field.
func (it *Item) Bool(name string) bool {
	v, _ := it.Field(name)
	b, _ := v.(bool)
	return b
}

// Date returns a date field, or the zero Date.
func (it *Item) Date(name string) Date {
	v, _ := it.Field(name)
	d, _ := v.(Date)
	return d
}

// Has reports whether the field was given.
func (it *Item) Has(name string) bool {
	_, _, ok := it.raw(name)
	return ok
}

// Strings returns a list-of-text field (references included).
func (it *Item) Strings(name string) []string {
	v, b, _ := it.raw(name)
	if b != "" {
		return packedTexts(b)
	}
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Source is one entry of sources.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Sources returns the item's sources.
func (it *Item) Sources() []Source {
	v, _ := it.Field("sources")
	l, _ := v.([]any)
	var out []Source
	for _, v := range l {
		m, _ := v.(map[string]any)
		s := Source{}
		s.Title, _ = m["title"].(string)
		s.URL, _ = m["url"].(string)
		if s.Title == "" {
			s.Title = s.URL
		}
		out = append(out, s)
	}
	return out
}

// Score is a profile's assessment of one area. Score is 0 when the area
// is listed but not assessed.
type Score struct {
	Area  string
	Score int
	Note  string
}

// Assessment returns a profile's assessment entries in file order.
func (it *Item) Assessment() []Score {
	v, _ := it.Field("assessment")
	l, _ := v.([]MapEntry)
	var out []Score
	for _, e := range l {
		m, _ := e.Value.(map[string]any)
		s := Score{Area: e.Key}
		s.Score, _ = m["score"].(int)
		s.Note, _ = m["note"].(string)
		out = append(out, s)
	}
	return out
}

// Instrument is a policy instrument of a profile.
type Instrument struct {
	Name, Kind string
	BudgetEUR  float64 // 0 when unknown
	Start, End int     // 0 when unknown
}

// Instruments returns a profile's instruments.
func (it *Item) Instruments() []Instrument {
	v, _ := it.Field("instruments")
	l, _ := v.([]any)
	var out []Instrument
	for _, v := range l {
		m, _ := v.(map[string]any)
		var in Instrument
		in.Name, _ = m["name"].(string)
		in.Kind, _ = m["kind"].(string)
		switch b := m["budget_eur"].(type) {
		case float64:
			in.BudgetEUR = b
		case int:
			in.BudgetEUR = float64(b)
		}
		in.Start, _ = m["start"].(int)
		in.End, _ = m["end"].(int)
		out = append(out, in)
	}
	return out
}

// Date is a calendar date known to the year, month or day.
type Date struct {
	Year, Month, Day int // Month and Day are 0 when unknown
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date as it was written: 2014, 2014-10 or 2014-10-01.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d is earlier than e, comparing only what both know.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month == 0 || e.Month == 0 || d.Month == e.Month {
		return d.Month != 0 && e.Month != 0 && d.Day != 0 && e.Day != 0 && d.Day < e.Day
	}
	return d.Month < e.Month
}

// Compare orders dates; unknown parts sort first.
func (d Date) Compare(e Date) int {
	for _, p := range [][2]int{{d.Year, e.Year}, {d.Month, e.Month}, {d.Day, e.Day}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, bool) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, false
	}
	var nums [3]int
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || p == "" {
			return Date{}, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, false
		}
		nums[i] = n
	}
	d := Date{nums[0], nums[1], nums[2]}
	if d.Year < 1000 || (len(parts) > 1 && (d.Month < 1 || d.Month > 12)) {
		return Date{}, false
	}
	if len(parts) == 3 && (d.Day < 1 || d.Day > daysIn(d.Year, d.Month)) {
		return Date{}, false
	}
	return d, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// SortItems orders items by title, then path (CompareItems). Two files
// never share a path, so the order does not depend on the list's: a
// quicker sort than a stable one gives it (an area's page sorts tens of
// thousands of practices at 100,000 documents, where sort.SliceStable's
// merges took several times as long).
func SortItems(items []*Item) {
	slices.SortFunc(items, CompareItems)
}

// CompareItems orders two items by title (lowercase), then path.
func CompareItems(a, b *Item) int {
	if c := strings.Compare(a.SortKey, b.SortKey); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}

// Less orders two items by title, then path.
func Less(a, b *Item) bool {
	return CompareItems(a, b) < 0
}

// Ref is a reference from an item to another: the front-matter field it
// sits in, the folder of the target type and the key as written.
type Ref struct {
	Field, Folder, Key string
}

// Refs lists the item's references in file order.
func (it *Item) Refs() []Ref {
	out := make([]Ref, len(it.refs))
	for i, r := range it.refs {
		out[i] = Ref{Field: r.field, Folder: r.folder, Key: r.key}
	}
	return out
}

// ForgetChecked lets go of what only checking and relating read: what
// Refs returns and each item's FieldPos, for the items of c, of the
// content c was localized from and of its translations. A build calls it
// once its items are related (at 100,000 documents the references take
// about 50 MB and the positions about 70 MB, held to the end otherwise).
// polisee serve, which compares references from one build to the next
// and checks again, keeps them. Refs returns nothing afterwards.
func (c *Content) ForgetChecked() {
	for _, list := range [][]*Item{c.Items, c.Base().Items, c.Translations} {
		for _, it := range list {
			it.refs = nil
			it.FieldPos = nil
		}
	}
}

// ForgetPositions lets go of each item's FieldPos, as ForgetChecked
// does, for a build that has no more use for them: Load and the checks
// that follow it read them, and then a build holds them, for nothing,
// while it renders every body (at 100,000 documents, the stage of its
// highest heap before this).
func (c *Content) ForgetPositions() {
	for _, list := range [][]*Item{c.Items, c.Base().Items, c.Translations} {
		for _, it := range list {
			it.FieldPos = nil
		}
	}
}

// Countries are the ISO codes, in uppercase, of the countries an item is
// in: its countries, or its one country.
func (it *Item) Countries() []string {
	if it.Has("countries") {
		return Upper(it.Strings("countries"))
	}
	if cc := it.String("country"); cc != "" {
		return []string{strings.ToUpper(cc)}
	}
	return nil
}

// Upper is a list of codes in uppercase (NUTS and ISO codes compare so).
func Upper(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strings.ToUpper(s)
	}
	return out
}

// Judgement is how a profile meets one criterion of an area's assessment
// framework, with its evidence.
type Judgement struct {
	Area, Criterion, State string
	Source, Where, Note    string
}

// Judgements returns a profile's judgements, area by area in file order.
func (it *Item) Judgements() []Judgement {
	v, _ := it.Field("judgements")
	l, _ := v.([]MapEntry)
	var out []Judgement
	for _, e := range l {
		list, _ := e.Value.([]any)
		for _, v := range list {
			m, _ := v.(map[string]any)
			j := Judgement{Area: e.Key}
			j.Criterion, _ = m["criterion"].(string)
			j.State, _ = m["state"].(string)
			j.Source, _ = m["source"].(string)
			j.Where, _ = m["where"].(string)
			j.Note, _ = m["note"].(string)
			out = append(out, j)
		}
	}
	return out
}

// Criterion is one criterion of an area's assessment framework.
type Criterion struct {
	ID, Text, Basis string
}

// Criteria returns the criteria of a criteria set (folder assessment).
func (it *Item) Criteria() []Criterion {
	v, _ := it.Field("criteria")
	l, _ := v.([]any)
	var out []Criterion
	for _, v := range l {
		m, _ := v.(map[string]any)
		c := Criterion{}
		c.ID, _ = m["id"].(string)
		c.Text, _ = m["text"].(string)
		c.Basis, _ = m["basis"].(string)
		out = append(out, c)
	}
	return out
}

// CriteriaFor returns the criteria set of an area, or nil when the site
// has no framework for it.
func (c *Content) CriteriaFor(area string) *Item {
	for _, set := range c.ByFolder(FolderAssessment) {
		if set.String("area") == area {
			return set
		}
	}
	return nil
}
