package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
)

// The schema reference: Types and SiteFields described for people (text,
// Markdown, the site's contributors page) and for tools (JSON). It is
// derived from the same descriptions that drive validation, so it cannot
// drift from what `polisee check` accepts.

// SchemaDoc is the schema reference.
type SchemaDoc struct {
	// Rules are the file and naming rules every content file follows.
	Rules []string `json:"rules"`
	// SiteFile is the site configuration file and Site its fields.
	SiteFile string     `json:"site_file"`
	Site     []FieldDoc `json:"site"`
	Types    []TypeDoc  `json:"types"`
}

// TypeDoc describes one content type.
type TypeDoc struct {
	Folder   string `json:"folder"`
	Singular string `json:"singular"`
	Title    string `json:"title"`
	Doc      string `json:"doc"`
	// File is the file name pattern, e.g. practices/SLUG.md, and Naming
	// says how the name is chosen.
	File   string `json:"file"`
	Naming string `json:"naming"`
	// URL is where the item is published, e.g. /practices/SLUG/.
	URL string `json:"url"`
	// RefBy says how other files refer to an item of this type.
	RefBy string `json:"referred_to_by"`
	// Fields lists every field; sub-fields follow their field, named with
	// its path (sources[].url, assessment.<area>.score).
	Fields []FieldDoc `json:"fields"`
	// Sections are the second-level headings the body is expected to have.
	Sections []string `json:"sections,omitempty"`
	// Body says what the Markdown body holds.
	Body string `json:"body"`
}

// FieldDoc describes one field, or one sub-field of a list or mapping.
type FieldDoc struct {
	// Name is the field's name, or its path for a sub-field.
	Name string `json:"name"`
	// Depth is 0 for a top-level field, 1 for a sub-field.
	Depth int `json:"depth"`
	// Kind is the machine name of the value's kind: string, text, int,
	// number, year, bool, date, url, enum, ref, list, object, map, lang.
	Kind string `json:"kind"`
	// Elem is the kind of a list's or mapping's elements.
	Elem string `json:"elem,omitempty"`
	// Type says in words what the value is.
	Type string `json:"type"`
	// Required: the field must be given (a sub-field: in every entry).
	Required bool     `json:"required"`
	Doc      string   `json:"doc,omitempty"`
	Values   []string `json:"values,omitempty"` // the allowed values
	// Ref is the folder of the type a reference points at.
	Ref    string `json:"ref,omitempty"`
	MaxLen int    `json:"max_length,omitempty"`
	Min    int    `json:"min,omitempty"`
	Max    int    `json:"max,omitempty"`
}

var kindKeys = map[Kind]string{
	KindString: "string", KindText: "text", KindInt: "int", KindNumber: "number", KindYear: "year",
	KindBool: "bool", KindDate: "date", KindURL: "url", KindEnum: "enum", KindRef: "ref",
	KindList: "list", KindObject: "object", KindMap: "map", KindLang: "lang",
}

// Doc describes the schema's types and SiteFields.
func (s *Schema) Doc() SchemaDoc {
	doc := SchemaDoc{Rules: schemaRules(), SiteFile: SiteFile, Site: fieldDocs(SiteFields)}
	for _, t := range s.Types {
		doc.Types = append(doc.Types, typeDoc(t))
	}
	return doc
}

func schemaRules() []string {
	return []string{
		"Each content type has its folder in the content folder (content/practices/, content/profiles/, ...). " +
			"The file name without .md is the slug, which is also the page address: lowercase letters, digits and hyphens, " +
			"e.g. practices/cluster-vouchers.md is published at /practices/cluster-vouchers/.",
		"Countries are named by their ISO 3166-1 alpha-2 code in lowercase (countries/gr.md); " +
			"other files refer to them in uppercase (GR).",
		"Regions are named by their NUTS code in lowercase (regions/el30.md); " +
			"other files refer to them in uppercase (EL30).",
		"A translation sits beside its original as slug.LANG.md, e.g. practices/cluster-vouchers.el.md, " +
			"with a language listed in languages of " + SiteFile + ". It may translate the text fields, sources and tags; " +
			"it inherits every other field it leaves out, and must not change it. " +
			"An item written in another language than the default, with no original in it, says so with lang (lang: el) " +
			"and may have translations, into the default language too (slug.en.md); a translation's language is its suffix.",
		"A file starts with its front matter: YAML fields between two lines \"---\". " +
			"TOML (between \"+++\" lines) and JSON (after a \"---json\" line) are accepted too; YAML anchors and aliases are not. " +
			"An empty value (name: with nothing after it) counts as not given.",
		"After the front matter comes the body, in Markdown. Link to other pages by their site path (/practices/slug/) " +
			"or by the relative path of their file (../practices/slug.md); every link must lead to a page. " +
			"Raw HTML and javascript: or data: links are not allowed.",
		"References (to countries, areas, organisations, ...) must name an existing file; " +
			fmt.Sprintf("a content file may be at most %s.", humanSize(DefaultMaxFileSize)),
	}
}

func typeDoc(t *Type) TypeDoc {
	d := TypeDoc{Folder: t.Folder, Singular: t.Singular, Title: t.Title, Doc: t.Doc,
		Fields: fieldDocs(t.Fields), Sections: t.Sections}
	switch t.KeyField {
	case "iso2":
		d.File = t.Folder + "/CODE.md"
		d.Naming = "the country's ISO 3166-1 alpha-2 code in lowercase, e.g. countries/gr.md; iso2 holds it in uppercase"
		d.RefBy = "its ISO code in uppercase, e.g. GR"
	case "nuts":
		d.File = t.Folder + "/CODE.md"
		d.Naming = "the region's NUTS code in lowercase, e.g. regions/el30.md; nuts holds it in uppercase"
		d.RefBy = "its NUTS code in uppercase, e.g. EL30"
	default:
		d.File = t.Folder + "/SLUG.md"
		d.Naming = "a slug: lowercase letters, digits and hyphens, e.g. " + t.Folder + "/" + exampleSlug(t) + ".md"
		d.RefBy = "its slug, e.g. " + exampleSlug(t)
	}
	d.URL = "/" + t.Folder + "/" + strings.TrimSuffix(strings.TrimPrefix(d.File, t.Folder+"/"), ".md") + "/"
	if t.Present.AtRoot {
		d.URL = "/SLUG/"
		d.Naming += "; pages/home.md introduces the home page, pages/contributing.md replaces the guide of the contributors page"
	}
	switch {
	case len(t.Sections) > 0:
		d.Body = "Markdown with the sections " + strings.Join(headings(t.Sections), ", ") + ", in this order; check warns when one is missing."
	default:
		d.Body = "Markdown: the text of the " + t.Singular + "."
	}
	return d
}

func exampleSlug(t *Type) string {
	switch t.Folder {
	case "practices":
		return "cluster-vouchers"
	case "profiles":
		return "greece-national"
	case "pilots":
		return "peer-review-pilot"
	case "mechanisms":
		return "peer-review"
	case "documents":
		return "joint-strategy"
	case "areas":
		return "innovation-rd"
	case "organisations":
		return "corallia"
	case "glossary":
		return "smart-specialisation"
	case "pages":
		return "about"
	}
	return "my-" + t.Singular
}

func headings(sections []string) []string {
	out := make([]string, len(sections))
	for i, s := range sections {
		out[i] = "## " + s
	}
	return out
}

func fieldDocs(fields []*Field) []FieldDoc {
	var out []FieldDoc
	for _, f := range fields {
		out = append(out, fieldDoc(f.Name, f, 0))
		var sub []*Field
		prefix := f.Name
		switch {
		case f.Kind == KindObject:
			sub, prefix = f.Fields, f.Name+"."
		case f.Kind == KindList && f.Elem.Kind == KindObject:
			sub, prefix = f.Elem.Fields, f.Name+"[]."
		case f.Kind == KindMap && f.Elem.Kind == KindObject:
			sub, prefix = f.Elem.Fields, f.Name+".<"+keyWord(f.Key)+">."
		}
		for _, s := range sub {
			out = append(out, fieldDoc(prefix+s.Name, s, 1))
		}
	}
	return out
}

func keyWord(f *Field) string {
	if f != nil && f.Kind == KindRef {
		if t := TypeByFolder(f.Ref); t != nil {
			return t.Singular
		}
	}
	return "key"
}

func fieldDoc(name string, f *Field, depth int) FieldDoc {
	d := FieldDoc{Name: name, Depth: depth, Kind: kindKeys[f.Kind], Type: KindPhrase(f), Required: f.Required,
		Doc: f.Doc, Values: f.Values, Ref: f.Ref, MaxLen: f.MaxLen}
	if f.Kind == KindInt && f.Max > f.Min {
		d.Min, d.Max = f.Min, f.Max
	}
	if f.Elem != nil {
		d.Elem = kindKeys[f.Elem.Kind]
		if f.Elem.Kind == KindRef {
			d.Ref = f.Elem.Ref
		}
		if f.Elem.Kind == KindEnum {
			d.Values = f.Elem.Values
		}
		if d.MaxLen == 0 {
			d.MaxLen = f.Elem.MaxLen
		}
	}
	return d
}

// KindPhrase says in words what a field's value is, e.g. "list of country
// codes (ISO 3166-1 alpha-2, e.g. [GR, HU])".
func KindPhrase(f *Field) string { return phrase(f, false) }

func phrase(f *Field, plural bool) string {
	s := func(one, many string) string {
		if plural {
			return many
		}
		return one
	}
	limit := ""
	if f.MaxLen > 0 {
		limit = fmt.Sprintf(", at most %d characters", f.MaxLen)
		if plural {
			limit = fmt.Sprintf(" (each at most %d characters)", f.MaxLen)
		}
	}
	switch f.Kind {
	case KindString:
		return s("text on one line", "short texts") + limit
	case KindText:
		return s("text", "texts") + limit
	case KindInt:
		if f.Max > f.Min {
			return s("whole number", "whole numbers") + fmt.Sprintf(" from %d to %d", f.Min, f.Max)
		}
		return s("whole number", "whole numbers")
	case KindNumber:
		return s("number", "numbers")
	case KindYear:
		return s("year, e.g. 2014", "years")
	case KindBool:
		return "true or false"
	case KindDate:
		return s("date", "dates") + ": YYYY, YYYY-MM or YYYY-MM-DD"
	case KindURL:
		return s("web address", "web addresses") + " (http, https or mailto)"
	case KindEnum:
		return "one of: " + strings.Join(f.Values, ", ")
	case KindRef:
		return refPhrase(f.Ref, plural)
	case KindLang:
		return s("language code", "language codes") + " (ISO 639-1, e.g. el)"
	case KindList:
		return "list of " + phrase(f.Elem, true)
	case KindObject:
		p := s("entry", "entries") + " with " + andList(fieldNames(f.Fields))
		if f.Scalar != "" {
			p += s(", or just the ", ", or just their ") + f.Scalar
		}
		return p
	case KindMap:
		return "mapping from " + phrase(f.Key, true) + " to " + phrase(f.Elem, true)
	}
	return f.Kind.String()
}

// andList joins words as "a, b and c".
func andList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func refPhrase(folder string, plural bool) string {
	switch folder {
	case "countries":
		if plural {
			return "country codes (ISO 3166-1 alpha-2, e.g. [GR, HU])"
		}
		return "country code (ISO 3166-1 alpha-2, e.g. GR)"
	case "regions":
		if plural {
			return "region codes (NUTS, e.g. [EL30])"
		}
		return "region code (NUTS, e.g. EL30)"
	}
	name := folder
	if t := TypeByFolder(folder); t != nil {
		name = t.Singular
	}
	if plural {
		return name + " slugs"
	}
	return name + " slug"
}

// JSON is the schema reference as indented JSON.
func (s *Schema) JSON() []byte {
	data, err := json.MarshalIndent(s.Doc(), "", "  ")
	if err != nil {
		panic(err) // plain structs of strings and numbers always marshal
	}
	return append(data, '\n')
}

// Markdown is the schema reference as a Markdown document.
func (s *Schema) Markdown() string {
	doc := s.Doc()
	var b strings.Builder
	b.WriteString("# Content schema\n\n")
	b.WriteString("Generated from the model that `polisee check` uses (`polisee schema -format markdown`).\n\n")
	b.WriteString("## Files and names\n\n")
	for _, r := range doc.Rules {
		b.WriteString("- " + r + "\n")
	}
	b.WriteString("\n## Site configuration (`" + doc.SiteFile + "`)\n\n")
	b.WriteString("Optional; at the top of the content folder. Plain YAML, without `---` lines.\n\n")
	mdFields(&b, doc.Site)
	for _, t := range doc.Types {
		fmt.Fprintf(&b, "\n## %s (`%s/`)\n\n", t.Title, t.Folder)
		b.WriteString(t.Doc + "\n\n")
		fmt.Fprintf(&b, "- File: `%s`, named by %s.\n", t.File, t.Naming)
		fmt.Fprintf(&b, "- Published at `%s`; other files refer to a %s by %s.\n", t.URL, t.Singular, t.RefBy)
		fmt.Fprintf(&b, "- Body: %s\n\n", mdBody(t))
		mdFields(&b, t.Fields)
	}
	return b.String()
}

func mdBody(t TypeDoc) string {
	if len(t.Sections) == 0 {
		return t.Body
	}
	var hs []string
	for _, h := range headings(t.Sections) {
		hs = append(hs, "`"+h+"`")
	}
	return "Markdown with the sections " + strings.Join(hs, ", ") + ", in this order; check warns when one is missing."
}

func mdFields(b *strings.Builder, fields []FieldDoc) {
	b.WriteString("| Field | Value | Required | Description |\n|---|---|---|---|\n")
	for _, f := range fields {
		req := "no"
		if f.Required {
			req = "yes"
			if f.Depth > 0 {
				req = "yes, in each entry"
			}
		}
		typ := mdCell(f.Type)
		if len(f.Values) > 0 {
			var vs []string
			for _, v := range f.Values {
				vs = append(vs, "`"+v+"`")
			}
			typ = "one of: " + strings.Join(vs, ", ")
			if f.Kind == "list" {
				typ = "list of: " + strings.Join(vs, ", ")
			}
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", mdCode(f.Name), typ, req, mdCell(f.Doc))
	}
}

// mdCell escapes text for a table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ", "<", "\\<", "`", "\\`").Replace(s)
}

// mdCode escapes text for a code span in a table cell.
func mdCode(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ", "`", "'").Replace(s)
}

// Text is the schema reference as plain text for a terminal.
func (s *Schema) Text() string {
	doc := s.Doc()
	var b bytes.Buffer
	b.WriteString("polisee content schema\n\nFILES AND NAMES\n")
	for _, r := range doc.Rules {
		b.WriteString(wrap(r, "  - ", "    "))
	}
	fmt.Fprintf(&b, "\n%s: site configuration (optional; plain YAML at the top of the content folder)\n", doc.SiteFile)
	textFields(&b, doc.Site)
	for _, t := range doc.Types {
		fmt.Fprintf(&b, "\n%s/: %s\n", t.Folder, strings.ToUpper(t.Title))
		b.WriteString(wrap(t.Doc, "  ", "  "))
		b.WriteString(wrap("File "+t.File+", named by "+t.Naming+". Published at "+t.URL+"; others refer to a "+t.Singular+" by "+t.RefBy+".", "  ", "  "))
		body := t.Body
		for _, h := range headings(t.Sections) {
			body = strings.Replace(body, h, strings.ReplaceAll(h, " ", nbsp), 1)
		}
		b.WriteString(wrap("Body: "+body, "  ", "  "))
		textFields(&b, t.Fields)
	}
	return b.String()
}

func textFields(b *bytes.Buffer, fields []FieldDoc) {
	b.WriteString("  Fields (* required):\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, f := range fields {
		mark := " "
		if f.Required {
			mark = "*"
		}
		desc := f.Type
		if f.Doc != "" {
			desc += "; " + f.Doc
		}
		indent := ""
		if f.Depth > 0 {
			indent = "  "
		}
		fmt.Fprintf(tw, "  %s%s %s\t%s\n", indent, mark, f.Name, desc)
	}
	tw.Flush()
}

const nbsp = "\x1f" // a space where wrap must not break

// wrap breaks s into lines of at most 100 characters, never at nbsp.
func wrap(s, first, rest string) string {
	var b strings.Builder
	line := first
	empty := true
	for _, w := range strings.Fields(s) {
		if !empty && len(line)+1+len(w) > 100 {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
	return strings.ReplaceAll(b.String(), nbsp, " ")
}

// NormalizeSlug checks the name of a new file of type t and returns it as
// the file is named (countries and regions in lowercase), or an error that
// says how to name it.
func NormalizeSlug(t *Type, slug string) (string, error) {
	switch t.KeyField {
	case "iso2":
		code := strings.ToUpper(slug)
		if len(code) != 2 || !iso3166[code] {
			return "", fmt.Errorf("%q is not a country code: name a country by its ISO 3166-1 alpha-2 code, e.g. gr for Greece", slug)
		}
		return strings.ToLower(code), nil
	case "nuts":
		code := strings.ToUpper(slug)
		if !nutsPattern.MatchString(code) {
			return "", fmt.Errorf("%q is not a NUTS code: name a region by its NUTS code, two letters and up to three digits or letters, e.g. el30", slug)
		}
		return strings.ToLower(code), nil
	}
	if !slugPattern.MatchString(slug) {
		hint := ""
		if i := strings.LastIndexByte(slug, '.'); i > 0 && langPattern.MatchString(slug[i+1:]) {
			hint = "; to translate an item, copy its file to " + slug + ".md and translate the text"
		}
		return "", fmt.Errorf("%q is not a valid slug: use lowercase letters, digits and hyphens, e.g. %q%s", slug, suggestSlug(slug), hint)
	}
	return slug, nil
}

// CountryOfNUTS returns the ISO code of the country a NUTS code belongs
// to (EL30 -> GR), or "" when the prefix is not a country code.
func CountryOfNUTS(nuts string) string {
	if len(nuts) < 2 {
		return ""
	}
	p := strings.ToUpper(nuts[:2])
	switch p {
	case "EL":
		return "GR"
	case "UK":
		return "GB"
	}
	if iso3166[p] {
		return p
	}
	return ""
}
