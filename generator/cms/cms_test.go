package cms_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator/cms"
	"github.com/clusterpolisee/polisee/generator/model"
)

// starterInput is the starter site's editor input, with backend.
func starterInput(t *testing.T, backend string) cms.Input {
	t.Helper()
	c, diags := model.Load(content.Starter(), model.Options{Root: "content"})
	if diags.HasErrors() {
		t.Fatalf("starter content: %v", diags)
	}
	if c.Site.CMS == nil {
		t.Fatal("the starter's site.yaml has no cms block: the starter enables the web editor")
	}
	in := cms.Input{Types: c.Schema.Types, Languages: c.Site.Languages, CMS: *c.Site.CMS, ContentDir: "content", Keys: map[string][]cms.Key{}}
	in.CMS.Backend = backend
	for _, it := range c.ByFolder("areas") {
		in.Keys["areas"] = append(in.Keys["areas"], cms.Key{Value: it.Key(), Label: it.Title})
	}
	return in
}

// parsed is the configuration read back as generic YAML.
type parsed struct {
	Backend     map[string]any   `yaml:"backend"`
	PublishMode string           `yaml:"publish_mode"`
	I18n        map[string]any   `yaml:"i18n"`
	Collections []map[string]any `yaml:"collections"`
}

func configOf(t *testing.T, in cms.Input) (parsed, []byte) {
	t.Helper()
	out, err := cms.Config(in)
	if err != nil {
		t.Fatal(err)
	}
	var p parsed
	if err := yaml.Unmarshal(out, &p); err != nil {
		t.Fatalf("config.yml is not YAML: %v", err)
	}
	return p, out
}

func collection(t *testing.T, p parsed, name string) map[string]any {
	t.Helper()
	for _, c := range p.Collections {
		if c["name"] == name {
			return c
		}
	}
	t.Fatalf("no collection %s", name)
	return nil
}

func fieldsOf(v any) []map[string]any {
	var out []map[string]any
	l, _ := v.([]any)
	for _, f := range l {
		m, _ := f.(map[string]any)
		out = append(out, m)
	}
	return out
}

func fieldOf(t *testing.T, fields any, name string) map[string]any {
	t.Helper()
	for _, f := range fieldsOf(fields) {
		if f["name"] == name {
			return f
		}
	}
	t.Fatalf("no field %s", name)
	return nil
}

// TestCoversSchema: every type is a collection, every field (sub-fields
// included) is a form field, in schema order, with the schema's required
// flag and description: a schema change the editor does not follow fails.
func TestCoversSchema(t *testing.T) {
	in := starterInput(t, "github")
	p, _ := configOf(t, in)
	if len(p.Collections) != len(in.Types) {
		t.Fatalf("%d collections for %d types", len(p.Collections), len(in.Types))
	}
	for i, typ := range in.Types {
		c := p.Collections[i]
		if c["name"] != typ.Folder || c["folder"] != "content/"+typ.Folder {
			t.Errorf("collection %d is %v in %v, want %s in content/%s", i, c["name"], c["folder"], typ.Folder, typ.Folder)
		}
		fields := fieldsOf(c["fields"])
		if len(fields) != len(typ.Fields)+1 || fields[len(fields)-1]["name"] != "body" {
			t.Errorf("%s: %d form fields, want the %d of the schema and body", typ.Folder, len(fields), len(typ.Fields))
			continue
		}
		for j, f := range typ.Fields {
			checkField(t, typ.Folder, f, fields[j], true)
		}
	}
}

func checkField(t *testing.T, where string, f *model.Field, w map[string]any, top bool) {
	t.Helper()
	where += "." + f.Name
	if w["name"] != f.Name {
		t.Errorf("%s: form field is %v", where, w["name"])
		return
	}
	if w["hint"] != f.Doc && f.Doc != "" {
		t.Errorf("%s: hint %q, want the schema's %q", where, w["hint"], f.Doc)
	}
	req := w["required"]
	if l, ok := req.([]any); ok && top {
		req = len(l) > 0 // required in the default language only
	}
	if f.Kind != model.KindMap && req != f.Required {
		t.Errorf("%s: required %v, schema says %v", where, w["required"], f.Required)
	}
	var subs []*model.Field
	switch {
	case f.Kind == model.KindObject:
		subs = f.Fields
	case f.Kind == model.KindList && f.Elem.Kind == model.KindObject:
		subs = f.Elem.Fields
	}
	got := fieldsOf(w["fields"])
	if f.Kind == model.KindMap {
		// One group per key (an assessment's areas), each with the
		// element's fields.
		if len(got) == 0 {
			t.Errorf("%s: no group per key", where)
		}
		elem := f.Elem.Fields
		if f.Elem.Kind == model.KindList {
			elem = f.Elem.Elem.Fields
		}
		for _, g := range got {
			gf := fieldsOf(g["fields"])
			if len(gf) != len(elem) {
				t.Errorf("%s.%s: %d fields, schema has %d", where, g["name"], len(gf), len(elem))
				continue
			}
			for i, sf := range elem {
				checkField(t, where+"."+g["name"].(string), sf, gf[i], false)
			}
		}
		return
	}
	if len(got) != len(subs) {
		t.Errorf("%s: %d sub-fields, schema has %d", where, len(got), len(subs))
		return
	}
	for i, sf := range subs {
		checkField(t, where, sf, got[i], false)
	}
}

func TestWidgets(t *testing.T) {
	p, _ := configOf(t, starterInput(t, "github"))
	pr := collection(t, p, "practices")
	countries := fieldOf(t, pr["fields"], "countries")
	if countries["widget"] != "relation" || countries["collection"] != "countries" || countries["value_field"] != "iso2" || countries["multiple"] != true {
		t.Errorf("practices.countries: %v, want a multiple relation on countries by iso2", countries)
	}
	if a := fieldOf(t, pr["fields"], "areas"); a["collection"] != "areas" || a["value_field"] != "{{slug}}" {
		t.Errorf("practices.areas: %v", a)
	}
	if r := fieldOf(t, pr["fields"], "regions"); r["collection"] != "regions" || r["value_field"] != "nuts" {
		t.Errorf("practices.regions: %v", r)
	}
	level := fieldOf(t, pr["fields"], "level")
	if level["widget"] != "select" || len(level["options"].([]any)) != len(model.PracticeLevels) {
		t.Errorf("practices.level: %v", level)
	}
	src := fieldOf(t, pr["fields"], "sources")
	if src["widget"] != "list" || fieldOf(t, src["fields"], "url")["pattern"] == nil || fieldOf(t, src["fields"], "title")["widget"] != "string" {
		t.Errorf("practices.sources: %v", src)
	}
	body := fieldOf(t, pr["fields"], "body")
	want := "## Description\n\n## Resources needed\n\n## Evidence of success\n\n## Difficulties encountered\n\n## Potential for transfer\n"
	if body["default"] != want || body["widget"] != "markdown" {
		t.Errorf("practices body: %q, want the sections as headings", body["default"])
	}
	if s := fieldOf(t, pr["fields"], "summary"); s["maxlength"] != 300 {
		t.Errorf("practices.summary: maxlength %v, want 300", s["maxlength"])
	}

	prof := collection(t, p, "profiles")
	as := fieldOf(t, prof["fields"], "assessment")
	areas := fieldsOf(as["fields"])
	if as["widget"] != "object" || len(areas) != 6 {
		t.Fatalf("profiles.assessment: %v, want one group per area (6)", as)
	}
	score := fieldOf(t, areas[0]["fields"], "score")
	if score["widget"] != "number" || score["min"] != 1 || score["max"] != 4 || score["required"] != false {
		t.Errorf("assessment score: %v", score)
	}
	ins := fieldOf(t, prof["fields"], "instruments")
	if ins["widget"] != "list" || fieldOf(t, ins["fields"], "kind")["widget"] != "select" {
		t.Errorf("profiles.instruments: %v", ins)
	}

	if c := collection(t, p, "countries"); c["slug"] != "{{fields.iso2 | lower}}" {
		t.Errorf("countries are named %v, want their ISO code in lowercase", c["slug"])
	}
	if c := collection(t, p, "regions"); c["slug"] != "{{fields.nuts | lower}}" {
		t.Errorf("regions are named %v, want their NUTS code in lowercase", c["slug"])
	}
	if p.PublishMode != "editorial_workflow" || p.Backend["repo"] != "clusterpolisee/polisee" || p.Backend["branch"] != "main" {
		t.Errorf("backend %v, publish_mode %q", p.Backend, p.PublishMode)
	}
}

// TestTranslations: a translation (slug.el.md beside slug.md) holds only
// the fields a translation may change.
func TestTranslations(t *testing.T) {
	p, _ := configOf(t, starterInput(t, "github"))
	if p.I18n["structure"] != "multiple_files" || p.I18n["omit_default_locale_from_file_path"] != true || p.I18n["initial_locales"] != "default" || p.I18n["default_locale"] != "en" {
		t.Fatalf("i18n: %v", p.I18n)
	}
	pr := collection(t, p, "practices")
	for _, name := range []string{"title", "summary", "sources", "tags", "updated", "body"} {
		if fieldOf(t, pr["fields"], name)["i18n"] != true {
			t.Errorf("practices.%s: a translation may give it, but the form does not offer it", name)
		}
	}
	for _, name := range []string{"countries", "areas", "level", "status", "start", "owner", "reviewed", "lang"} {
		if fieldOf(t, pr["fields"], name)["i18n"] != nil {
			t.Errorf("practices.%s: a fact, inherited by a translation, but the translation's form offers it", name)
		}
	}
	if r := fieldOf(t, pr["fields"], "sources")["required"]; len(r.([]any)) != 1 || r.([]any)[0] != "en" {
		t.Errorf("practices.sources required %v, want [en]: a translation may leave it out", r)
	}

	one := starterInput(t, "github")
	one.Languages = []string{"en"}
	p1, _ := configOf(t, one)
	if p1.I18n != nil || collection(t, p1, "practices")["i18n"] != nil {
		t.Errorf("a site in one language has i18n: %v", p1.I18n)
	}
}

// TestPatterns: the patterns the form applies accept what check accepts
// and refuse what it refuses.
func TestPatterns(t *testing.T) {
	p, _ := configOf(t, starterInput(t, "github"))
	pattern := func(c, f string) *regexp.Regexp {
		l := fieldOf(t, collection(t, p, c)["fields"], f)["pattern"].([]any)
		return regexp.MustCompile(l[0].(string))
	}
	cases := []struct {
		coll, field string
		good, bad   []string
	}{
		{"countries", "iso2", []string{"GR", "AT"}, []string{"gr", "GRC", "G"}},
		{"regions", "nuts", []string{"EL30", "AT1", "HU"}, []string{"el30", "EL3000", "E"}},
		{"practices", "start", []string{"2014", "2014-05", "2014-05-31"}, []string{"14", "2014-13", "2014-5", "May 2014"}},
		{"documents", "url", []string{"https://example.org/a?b", "http://x.eu", "mailto:a@b.eu"}, []string{"example.org", "javascript:alert(1)", "https:// x"}},
	}
	for _, c := range cases {
		re := pattern(c.coll, c.field)
		for _, s := range c.good {
			if !re.MatchString(s) {
				t.Errorf("%s.%s refuses %q", c.coll, c.field, s)
			}
			if c.field == "start" {
				if _, ok := model.ParseDate(s); !ok {
					t.Errorf("check refuses the date %q the form accepts", s)
				}
			}
		}
		for _, s := range c.bad {
			if re.MatchString(s) {
				t.Errorf("%s.%s accepts %q", c.coll, c.field, s)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	in := starterInput(t, "github")
	_, a := configOf(t, in)
	for range 3 {
		if _, b := configOf(t, in); !bytes.Equal(a, b) {
			t.Fatal("config.yml differs between runs")
		}
	}
	if !bytes.HasPrefix(a, []byte("# ")) {
		t.Error("config.yml does not start by saying where it comes from")
	}
}

func TestPage(t *testing.T) {
	page, err := cms.Page(model.CMS{Backend: "github"}, "Site & co", "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Site &amp; co") {
		t.Errorf("the site's title is not escaped: %s", page)
	}
	s := html.UnescapeString(string(page))
	for _, want := range []string{`<meta name="robots" content="noindex, nofollow">`, `href="config.yml"`,
		`src="` + cms.DefaultScript + `" integrity="` + cms.DefaultIntegrity + `" crossorigin="anonymous"`} {
		if !strings.Contains(s, want) {
			t.Errorf("admin page lacks %s:\n%s", want, s)
		}
	}
	self, _ := cms.Page(model.CMS{Backend: "github", Script: "/admin/sveltia-cms.js"}, "S", "en")
	if !strings.Contains(string(self), `<script src="/admin/sveltia-cms.js"></script>`) {
		t.Errorf("self-hosted script: %s", self)
	}
}

// TestIntegrity: the default script's hash is that of the release the
// tests install (.ci/package.json pins the same version).
func TestIntegrity(t *testing.T) {
	file := filepath.Join("..", "..", ".ci", "node_modules", "@sveltia", "cms", "dist", "sveltia-cms.js")
	data, err := os.ReadFile(file)
	if err != nil {
		missing(t, "Sveltia CMS not installed (%v); install it with `npm ci --prefix .ci` from the module root", err)
	}
	sum := sha512.Sum384(data)
	if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != cms.DefaultIntegrity {
		t.Errorf("%s hashes to %s, DefaultIntegrity is %s", file, got, cms.DefaultIntegrity)
	}
	pkg, err := os.ReadFile(filepath.Join("..", "..", ".ci", "node_modules", "@sveltia", "cms", "package.json"))
	if err != nil || !strings.Contains(string(pkg), `"version": "`+cms.Version+`"`) {
		t.Errorf(".ci has another release of Sveltia CMS than %s (%v)", cms.Version, err)
	}
}

// missing skips a test that needs a tool, or fails it under CI=true.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format+" (CI=true: not skipping)", args...)
	}
	t.Skipf(format, args...)
}
