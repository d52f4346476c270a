package model

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// A site declares content types of its own in schema.yaml at the top of
// its content folder: their folder, names, fields and presentation, in
// the same terms as the built-in Types. Such a type is checked, listed by
// polisee schema and polisee new, and shown on the site (menus, list page
// in the declared order, feed, open data, facets, related items, layout)
// with no change to polisee. Its words in each language (type.FOLDER.title
// and friends) come from the theme's i18n files, like the built-in ones.
//
//	types:
//	  - folder: events
//	    singular: event
//	    title: Events
//	    doc: A meeting of the network.
//	    fields:
//	      - {name: title, kind: string, required: true}
//	      - {name: date, kind: date, required: true}
//	      - {name: areas, kind: list, of: ref, ref: areas}
//	    nav: 7
//	    feed: true
//	    order: -date

// declKinds are the kinds a declared field may have, by the name it is
// declared with.
var declKinds = map[string]Kind{
	"string": KindString, "text": KindText, "int": KindInt, "number": KindNumber, "year": KindYear,
	"bool": KindBool, "date": KindDate, "url": KindURL, "enum": KindEnum, "ref": KindRef,
	"list": KindList, "object": KindObject, "lang": KindLang,
}

func declKindNames() []string {
	var out []string
	for k := range declKinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// declFieldFields is the schema of one declared field; depth 0 may hold
// sub-fields (an object, or a list of objects), whose own may not.
func declFieldFields(depth int) []*Field {
	out := []*Field{
		req(str("name", "the field's name in front matter: lowercase letters, digits and _")),
		req(enum("kind", "what the field holds", declKindNames())),
		{Name: "required", Kind: KindBool, Doc: "true when every item must give it"},
		text("doc", "what the field is for, shown to editors"),
		list("values", "the allowed values of an enum, or of a list of enums", &Field{Kind: KindString, MaxLen: 60}),
		str("ref", "the folder of the type a ref, or a list of refs, points to"),
		enum("of", "the kind of a list's elements", []string{"string", "text", "int", "number", "year", "date", "url", "enum", "ref", "lang", "object"}),
		{Name: "max_len", Kind: KindInt, Min: 1, Max: defaultMaxText, Doc: "most characters in a string or text"},
		{Name: "min", Kind: KindInt, Doc: "smallest whole number allowed"},
		{Name: "max", Kind: KindInt, Doc: "largest whole number allowed"},
	}
	if depth == 0 {
		out = append(out, list("fields", "the sub-fields of an object, or of a list of objects",
			&Field{Kind: KindObject, Fields: declFieldFields(1)}))
	}
	return out
}

// declTypeFields is the schema of one declared type.
var declTypeFields = []*Field{
	req(str("folder", "the content folder and URL segment, e.g. events")),
	req(str("singular", "one item, in messages, e.g. event")),
	req(str("title", "the list page's heading, e.g. Events")),
	text("doc", "what an item is, shown to editors and on the list page"),
	enum("sources", "whether every item must cite its sources", []string{"required", "optional"}),
	list("sections", "the second-level headings a body is expected to have, in order", &Field{Kind: KindString, MaxLen: 80}),
	req(list("fields", "the front-matter fields (draft, updated, sources, tags and lang come with every type)",
		&Field{Kind: KindObject, Fields: declFieldFields(0)})),
	{Name: "nav", Kind: KindInt, Min: 1, Max: 99, Doc: "position in the header's main menu"},
	{Name: "footer", Kind: KindInt, Min: 1, Max: 99, Doc: "position among the footer's links"},
	{Name: "feed", Kind: KindBool, Doc: "true puts the items in the Atom feeds"},
	{Name: "open_data", Kind: KindBool, Doc: "true writes data/FOLDER.json and .csv"},
	list("columns", "the open data's columns (default: every field)", &Field{Kind: KindString, MaxLen: 60}),
	str("order", "list order: title, or a field, with - first for descending (e.g. -date)"),
	str("group", "a field whose values group the list page"),
	list("facets", "enum fields each of whose values gets a list page", &Field{Kind: KindString, MaxLen: 60}),
	{Name: "related", Kind: KindBool, Doc: "true lists related items on each item's page"},
	str("layout", "the theme's layout for the item pages (layouts/NAME.html; default item)"),
	str("list_layout", "the theme's layout for the list page (default list)"),
}

// SchemaFileFields is the schema of schema.yaml.
var SchemaFileFields = []*Field{
	req(list("types", "the site's own content types", &Field{Kind: KindObject, Fields: declTypeFields})),
}

var (
	fieldNamePattern  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	layoutNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	// reservedFolders are site paths polisee writes itself.
	reservedFolders = []string{"assets", "search", "data", "compare", "contributing", "admin", "feed", "sitemap"}
)

// ReadSchema returns the schema of a content tree: the built-in types and
// those its schema.yaml declares (Load does the same, first).
func ReadSchema(fsys fs.FS, opts Options) (*Schema, diag.List) { return loadSchema(fsys, opts) }

// loadSchema reads schema.yaml, when the content has one, and returns the
// built-in types followed by the declared ones. A declaration with an
// error is left out, so the rest of the content is still checked.
func loadSchema(fsys fs.FS, opts Options) (*Schema, diag.List) {
	info, err := fs.Stat(fsys, SchemaFile)
	if errors.Is(err, fs.ErrNotExist) {
		return Builtin, nil
	}
	display := SchemaFile
	if opts.Root != "" {
		display = opts.Root + "/" + SchemaFile
	}
	var diags diag.List
	if err != nil {
		diags.Errorf(display, diag.Pos{}, "cannot read: %v", unwrapPath(err))
		return Builtin, diags
	}
	max := opts.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	// serve reloads the content on every change: the schema is made again
	// only when schema.yaml changed, so that items keep their types.
	data, err := readCapped(fsys, SchemaFile, info.Size(), max, nil)
	if err == nil {
		if s, d, ok := opts.Cache.schemaOf(data); ok {
			return s, d
		}
	}
	s, diags := readSchema(fsys, display, info.Size(), max)
	if err == nil {
		opts.Cache.keepSchema(data, s, diags)
	}
	return s, diags
}

// readSchema reads and checks schema.yaml.
func readSchema(fsys fs.FS, display string, size, max int64) (*Schema, diag.List) {
	var diags diag.List
	src := source{path: SchemaFile, size: size, isSite: true, display: display}
	fm, vals, _, _, d := readFrontMatter(fsys, src, max, SchemaFileFields, nil, nil)
	diags.Append(d)
	if vals == nil || d.HasErrors() {
		return Builtin, diags
	}
	var spec struct {
		Types []declType `yaml:"types"`
	}
	if err := yaml.Unmarshal(fm.raw, &spec); err != nil {
		// The shape was checked above; this cannot fail on a file that passed.
		diags.Errorf(display, diag.Pos{Line: 1, Col: 1}, "%v", err)
		return Builtin, diags
	}
	return declareTypes(spec.Types, display, &diags), diags
}

// declType is one type of schema.yaml as written, with the positions of
// its parts for messages.
type declType struct {
	Folder     string      `yaml:"folder"`
	Singular   string      `yaml:"singular"`
	Title      string      `yaml:"title"`
	Doc        string      `yaml:"doc"`
	Sources    string      `yaml:"sources"`
	Sections   []string    `yaml:"sections"`
	Fields     []declField `yaml:"fields"`
	Nav        int         `yaml:"nav"`
	Footer     int         `yaml:"footer"`
	Feed       bool        `yaml:"feed"`
	OpenData   bool        `yaml:"open_data"`
	Columns    []string    `yaml:"columns"`
	Order      string      `yaml:"order"`
	Group      string      `yaml:"group"`
	Facets     []string    `yaml:"facets"`
	Related    bool        `yaml:"related"`
	Layout     string      `yaml:"layout"`
	ListLayout string      `yaml:"list_layout"`
	pos        map[string]diag.Pos
}

type declField struct {
	Name     string      `yaml:"name"`
	Kind     string      `yaml:"kind"`
	Required bool        `yaml:"required"`
	Doc      string      `yaml:"doc"`
	Values   []string    `yaml:"values"`
	Ref      string      `yaml:"ref"`
	Of       string      `yaml:"of"`
	MaxLen   int         `yaml:"max_len"`
	Min      int         `yaml:"min"`
	Max      int         `yaml:"max"`
	Fields   []declField `yaml:"fields"`
	pos      map[string]diag.Pos
}

// keyPositions maps each key of a mapping node to its position; "" is the
// mapping's own.
func keyPositions(n *yaml.Node) map[string]diag.Pos {
	out := map[string]diag.Pos{"": {Line: n.Line, Col: n.Column}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = diag.Pos{Line: n.Content[i].Line, Col: n.Content[i].Column}
	}
	return out
}

func (t *declType) UnmarshalYAML(n *yaml.Node) error {
	type plain declType
	if err := n.Decode((*plain)(t)); err != nil {
		return err
	}
	t.pos = keyPositions(n)
	return nil
}

func (f *declField) UnmarshalYAML(n *yaml.Node) error {
	type plain declField
	if err := n.Decode((*plain)(f)); err != nil {
		return err
	}
	f.pos = keyPositions(n)
	return nil
}

// at is the position of key in a declaration, or of the declaration.
func at(pos map[string]diag.Pos, key string) diag.Pos {
	if p, ok := pos[key]; ok {
		return p
	}
	return pos[""]
}

// declareTypes checks the declarations and makes their types, after the
// built-in ones.
func declareTypes(decls []declType, file string, diags *diag.List) *Schema {
	types := slices.Clone(Types)
	folders := map[string]bool{}
	for _, t := range Types {
		folders[t.Folder] = true
	}
	// Folders first, so that types may refer to each other in any order.
	ok := make([]bool, len(decls))
	for i, d := range decls {
		errf := func(format string, args ...any) { diags.Errorf(file, at(d.pos, "folder"), format, args...) }
		switch {
		case !slugPattern.MatchString(d.Folder):
			errf("folder %q: use lowercase letters, digits and hyphens, e.g. %q", d.Folder, suggestSlug(d.Folder))
		case folders[d.Folder] && TypeByFolder(d.Folder) != nil:
			errf("folder %q is a built-in type; declare a type with another folder", d.Folder)
		case folders[d.Folder]:
			errf("folder %q is declared twice; give each type its own folder", d.Folder)
		case slices.Contains(reservedFolders, d.Folder) || langPattern.MatchString(d.Folder):
			errf("folder %q would clash with a path polisee writes (%s, and language codes); choose a longer name", d.Folder, strings.Join(reservedFolders, ", "))
		default:
			ok[i] = true
		}
		folders[d.Folder] = true
	}
	for i, d := range decls {
		if !ok[i] {
			continue
		}
		if t := declareType(d, folders, file, diags); t != nil {
			types = append(types, t)
		}
	}
	return NewSchema(types)
}

// declareType makes one declared type, or reports why it cannot.
func declareType(d declType, folders map[string]bool, file string, diags *diag.List) *Type {
	before := len(*diags)
	errf := func(key, format string, args ...any) { diags.Errorf(file, at(d.pos, key), format, args...) }
	fields := declareFields(d.Fields, folders, 0, file, diags)
	if title := findField(fields, "title"); title == nil || title.Kind != KindString {
		errf("fields", "type %q has no field title of kind string: every item needs a title; add {name: title, kind: string, required: true}", d.Folder)
	} else {
		title.Required = true
	}
	for _, c := range common() {
		if findField(fields, c.Name) != nil {
			errf("fields", "field %q comes with every type; leave it out of %q's fields", c.Name, d.Folder)
		}
	}
	t := &Type{Folder: d.Folder, Singular: d.Singular, Title: d.Title, Doc: d.Doc, Sections: d.Sections}
	if d.Sources == "required" {
		t.Fields = withSources(fields...)
	} else {
		t.Fields = withCommon(fields...)
	}
	t.Present = Presentation{Nav: d.Nav, Footer: d.Footer, Feed: d.Feed, OpenData: d.OpenData, Columns: d.Columns,
		Order: d.Order, Group: d.Group, Facets: d.Facets, Related: d.Related, Layout: d.Layout, ListLayout: d.ListLayout}
	if len(*diags) == before {
		// Presentation names fields; with broken fields it would only
		// repeat their problems.
		checkPresentation(t, d.pos, file, diags)
	}
	if len(*diags) > before {
		return nil
	}
	return t
}

// declareFields makes the fields of a type or of an object.
func declareFields(decls []declField, folders map[string]bool, depth int, file string, diags *diag.List) []*Field {
	var out []*Field
	seen := map[string]bool{}
	for _, d := range decls {
		errf := func(key, format string, args ...any) { diags.Errorf(file, at(d.pos, key), format, args...) }
		if !fieldNamePattern.MatchString(d.Name) {
			errf("name", "field name %q: use lowercase letters, digits and _, starting with a letter", d.Name)
			continue
		}
		if seen[d.Name] {
			errf("name", "field %q is declared twice", d.Name)
			continue
		}
		seen[d.Name] = true
		f := &Field{Name: d.Name, Kind: declKinds[d.Kind], Required: d.Required, Doc: d.Doc, MaxLen: d.MaxLen, Min: d.Min, Max: d.Max}
		elem := f
		if f.Kind == KindList {
			if d.Of == "" {
				errf("kind", "list %q needs of: the kind of its elements (e.g. of: string, of: ref)", d.Name)
				continue
			}
			elem = &Field{Kind: declKinds[d.Of], MaxLen: d.MaxLen, Min: d.Min, Max: d.Max}
			f.Elem, f.MaxLen, f.Min, f.Max = elem, 0, 0, 0
		} else if d.Of != "" {
			errf("of", "of is for lists; %q is a %s", d.Name, d.Kind)
			continue
		}
		if !declareElem(elem, d, folders, depth, file, errf, diags) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// declareElem fills in what a field's kind (or its elements' kind) needs:
// the values of an enum, the folder of a ref, the sub-fields of an object.
func declareElem(f *Field, d declField, folders map[string]bool, depth int, file string, errf func(key, format string, args ...any), diags *diag.List) bool {
	ok := true
	switch f.Kind {
	case KindEnum:
		if len(d.Values) == 0 {
			errf("kind", "enum %q needs values: the list of what it may be", d.Name)
			ok = false
		}
		f.Values = d.Values
	case KindRef:
		if !folders[d.Ref] {
			errf("ref", "ref %q points to %q, which is no content folder; use one of: %s", d.Name, d.Ref, strings.Join(sortedKeys(folders), ", "))
			ok = false
		}
		f.Ref = d.Ref
	case KindObject:
		if len(d.Fields) == 0 {
			errf("kind", "object %q needs fields: its sub-fields", d.Name)
			ok = false
		}
		f.Fields = declareFields(d.Fields, folders, depth+1, file, diags)
	}
	if f.Kind != KindEnum && len(d.Values) > 0 {
		errf("values", "values are for enums; %q is not one", d.Name)
		ok = false
	}
	if f.Kind != KindRef && d.Ref != "" {
		errf("ref", "ref names a folder for refs; %q is not one", d.Name)
		ok = false
	}
	if f.Kind != KindObject && len(d.Fields) > 0 {
		errf("fields", "fields are for objects; %q is not one", d.Name)
		ok = false
	}
	return ok
}

// checkPresentation checks that a declared type's presentation names its
// own fields, of kinds that make sense there.
func checkPresentation(t *Type, pos map[string]diag.Pos, file string, diags *diag.List) {
	p := t.Present
	errf := func(key, format string, args ...any) { diags.Errorf(file, at(pos, key), format, args...) }
	names := fieldNames(t.Fields)
	unknown := func(key, name string) {
		errf(key, "%s: %q has no field %q%s; its fields are: %s", key, t.Folder, name, didYouMean(name, names), strings.Join(names, ", "))
	}
	for _, c := range p.Columns {
		if t.Field(c) == nil {
			unknown("columns", c)
		}
	}
	if len(p.Columns) > 0 && !p.OpenData {
		errf("columns", "columns are those of the open data; add open_data: true, or leave columns out")
	}
	if o := strings.TrimPrefix(p.Order, "-"); o != "" && o != "title" {
		if f := t.Field(o); f == nil {
			unknown("order", o)
		} else if !orderable(f.Kind) {
			errf("order", "order: %q is a %s; a list is ordered by a text, a number, a year or a date", o, f.Kind)
		}
	}
	if g := p.Group; g != "" {
		if f := t.Field(g); f == nil {
			unknown("group", g)
		} else if !orderable(f.Kind) && f.Kind != KindEnum && f.Kind != KindRef && f.Kind != KindBool {
			errf("group", "group: %q is a %s; a list is grouped by one value per item (an enum, a ref, a date, a year, a text)", g, f.Kind)
		}
	}
	for _, name := range p.Facets {
		if f := t.Field(name); f == nil {
			unknown("facets", name)
		} else if f.Kind != KindEnum {
			errf("facets", "facets: %q is a %s; facet pages are made for the values of an enum", name, f.Kind)
		}
	}
	for key, l := range map[string]string{"layout": p.Layout, "list_layout": p.ListLayout} {
		if l != "" && !layoutNamePattern.MatchString(l) {
			errf(key, "%s %q: name a layout file of the theme without .html, in lowercase letters, digits and hyphens", key, l)
		}
	}
}

// orderable reports whether a list may be ordered by a field of kind k.
func orderable(k Kind) bool {
	switch k {
	case KindString, KindInt, KindNumber, KindYear, KindDate:
		return true
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
