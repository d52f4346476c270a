package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// eachField calls fn with the documented name of every field of fields,
// sub-fields included, and the field itself.
func eachField(fields []*Field, fn func(name string, f *Field)) {
	for _, f := range fields {
		fn(f.Name, f)
		var sub []*Field
		prefix := ""
		switch {
		case f.Kind == KindObject:
			sub, prefix = f.Fields, f.Name+"."
		case f.Kind == KindList && f.Elem.Kind == KindObject:
			sub, prefix = f.Elem.Fields, f.Name+"[]."
		case f.Kind == KindMap && f.Elem.Kind == KindObject:
			sub, prefix = f.Elem.Fields, f.Name+".<"+keyWord(f.Key)+">."
		}
		for _, s := range sub {
			fn(prefix+s.Name, s)
		}
	}
}

// TestSchemaMarkdownListsEverything: every field of every type (and of
// site.yaml) has a row, with its allowed values and whether it is
// required; every type has its section with its folder and body sections.
func TestSchemaMarkdownListsEverything(t *testing.T) {
	md := Builtin.Markdown()
	section := func(heading string) string {
		i := strings.Index(md, "\n"+heading+"\n")
		if i < 0 {
			t.Fatalf("no heading %q in\n%s", heading, md)
		}
		rest := md[i+len(heading)+2:]
		if j := strings.Index(rest, "\n## "); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
	checkFields := func(where, sec string, fields []*Field) {
		eachField(fields, func(name string, f *Field) {
			var row string
			for _, l := range strings.Split(sec, "\n") {
				if strings.HasPrefix(l, "| `"+name+"` |") {
					row = l
				}
			}
			if row == "" {
				t.Errorf("%s: no row for field %s", where, name)
				return
			}
			if req := strings.Contains(row, "| yes"); req != f.Required {
				t.Errorf("%s: field %s: row says required=%v, schema %v: %s", where, name, req, f.Required, row)
			}
			values := f.Values
			if f.Kind == KindList {
				values = f.Elem.Values
			}
			for _, v := range values {
				if !strings.Contains(row, "`"+v+"`") {
					t.Errorf("%s: field %s: value %q not listed: %s", where, name, v, row)
				}
			}
			if f.Doc != "" && !strings.Contains(row, mdCell(f.Doc)) {
				t.Errorf("%s: field %s: description missing: %s", where, name, row)
			}
		})
	}
	checkFields("site.yaml", section("## Site configuration (`site.yaml`)"), SiteFields)
	for _, typ := range Types {
		sec := section("## " + typ.Title + " (`" + typ.Folder + "/`)")
		checkFields(typ.Folder, sec, typ.Fields)
		for _, s := range typ.Sections {
			if !strings.Contains(sec, "`## "+s+"`") {
				t.Errorf("%s: body section %q not listed", typ.Folder, s)
			}
		}
	}
	for _, rule := range []string{"slug", "ISO 3166-1 alpha-2", "countries/gr.md", "NUTS", "regions/el30.md", "slug.LANG.md", ".el.md"} {
		if !strings.Contains(section("## Files and names"), rule) {
			t.Errorf("the file rules do not mention %q", rule)
		}
	}
}

func TestSchemaTextListsEverything(t *testing.T) {
	text := Builtin.Text()
	for _, typ := range Types {
		i := strings.Index(text, "\n"+typ.Folder+"/: ")
		if i < 0 {
			t.Fatalf("no section for %s/", typ.Folder)
		}
		sec := text[i+1:]
		if j := strings.Index(sec, "\n\n"); j >= 0 {
			sec = sec[:j]
		}
		eachField(typ.Fields, func(name string, f *Field) {
			mark := " "
			if f.Required {
				mark = "*"
			}
			if !strings.Contains(sec, mark+" "+name+" ") {
				t.Errorf("%s: field %s (required %v) not listed", typ.Folder, name, f.Required)
			}
			for _, v := range f.Values {
				if !strings.Contains(sec, v) {
					t.Errorf("%s: field %s: value %q not listed", typ.Folder, name, v)
				}
			}
		})
		for _, l := range strings.Split(sec, "\n") {
			if strings.Contains(l, "\x1f") {
				t.Errorf("placeholder left in %q", l)
			}
		}
	}
}

func TestSchemaJSON(t *testing.T) {
	var doc SchemaDoc
	if err := json.Unmarshal(Builtin.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Types) != len(Types) {
		t.Fatalf("%d types, want %d", len(doc.Types), len(Types))
	}
	for i, typ := range Types {
		got := doc.Types[i]
		if got.Folder != typ.Folder {
			t.Errorf("type %d is %s, want %s", i, got.Folder, typ.Folder)
		}
		byName := map[string]FieldDoc{}
		for _, f := range got.Fields {
			byName[f.Name] = f
		}
		eachField(typ.Fields, func(name string, f *Field) {
			fd, ok := byName[name]
			if !ok {
				t.Errorf("%s: no field %s", typ.Folder, name)
				return
			}
			if fd.Required != f.Required || fd.Kind != kindKeys[f.Kind] {
				t.Errorf("%s: field %s: got %+v", typ.Folder, name, fd)
			}
			if f.Kind == KindEnum && strings.Join(fd.Values, ",") != strings.Join(f.Values, ",") {
				t.Errorf("%s: field %s: values %v, want %v", typ.Folder, name, fd.Values, f.Values)
			}
		})
	}
	level := doc.Types[0].Fields[4]
	if level.Name != "level" || strings.Join(level.Values, " ") != "national regional local transnational" {
		t.Errorf("practices' fifth field: %+v", level)
	}
}

func TestNormalizeSlug(t *testing.T) {
	practices, countries, regions := Builtin.TypeByName("practice"), Builtin.TypeByName("countries"), Builtin.TypeByName("Region")
	if practices == nil || countries == nil || regions == nil || Builtin.TypeByName("term") != TypeByFolder("glossary") || Builtin.TypeByName("practise") != nil {
		t.Fatal("TypeByName")
	}
	for _, c := range []struct {
		typ       *Type
		in, out   string
		errSubstr string
	}{
		{practices, "cluster-vouchers", "cluster-vouchers", ""},
		{practices, "a1-b2", "a1-b2", ""},
		{practices, "Cluster Vouchers", "", `e.g. "cluster-vouchers"`},
		{practices, "x-", "", "not a valid slug"},
		{practices, "../x", "", "not a valid slug"},
		{practices, "x.el", "", "to translate"},
		{countries, "gr", "gr", ""},
		{countries, "GR", "gr", ""},
		{countries, "greece", "", "ISO 3166-1 alpha-2"},
		{countries, "zz", "", "not a country code"},
		{regions, "el30", "el30", ""},
		{regions, "EL30", "el30", ""},
		{regions, "el-30", "", "not a NUTS code"},
	} {
		got, err := NormalizeSlug(c.typ, c.in)
		switch {
		case c.errSubstr == "" && (err != nil || got != c.out):
			t.Errorf("%s %q: got %q, %v; want %q", c.typ.Folder, c.in, got, err, c.out)
		case c.errSubstr != "" && (err == nil || !strings.Contains(err.Error(), c.errSubstr)):
			t.Errorf("%s %q: got %q, %v; want an error with %q", c.typ.Folder, c.in, got, err, c.errSubstr)
		}
	}
	if CountryOfNUTS("EL30") != "GR" || CountryOfNUTS("hu22") != "HU" || CountryOfNUTS("ZZ1") != "" {
		t.Error("CountryOfNUTS")
	}
}

// TestEveryTypeTakesLang: any item may say which of the site's languages
// it is written in, and the reference says so under every type.
func TestEveryTypeTakesLang(t *testing.T) {
	text := Builtin.Text()
	for _, typ := range Types {
		if f := typ.Field("lang"); f == nil || f.Kind != KindLang || f.Required {
			t.Errorf("%s: lang is %+v", typ.Folder, f)
		}
		i := strings.Index(text, "\n"+typ.Folder+"/: ")
		sec := text[i+1:]
		if j := strings.Index(sec, "\n\n"); j >= 0 {
			sec = sec[:j]
		}
		if !strings.Contains(sec, "  lang ") || !strings.Contains(sec, "one of languages in site.yaml") {
			t.Errorf("%s: the reference does not describe lang:\n%s", typ.Folder, sec)
		}
	}
}
