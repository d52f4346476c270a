package model

import (
	"fmt"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/clusterpolisee/polisee/content"
)

// TestLocalized: the Greek view of the content takes the words of the
// Greek files and keeps the facts of the English ones; items without a
// Greek file stay English; the English view is the content itself.
func TestLocalized(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":              {Data: []byte("title: S\nlanguages: [en, el]\n")},
		"areas/innovation.md":    {Data: []byte("---\ntitle: Innovation\nshort: Inno\norder: 1\n---\nEnglish text.\n")},
		"areas/innovation.el.md": {Data: []byte("---\ntitle: Καινοτομία\nshort: Καιν.\n---\nΕλληνικό κείμενο.\n")},
		"areas/skills.md":        {Data: []byte("---\ntitle: Skills\nshort: Skills\norder: 2\n---\n")},
		"countries/gr.md":        {Data: []byte("---\ntitle: Greece\niso2: GR\nnuts_prefix: EL\n---\n")},
		"countries/gr.el.md":     {Data: []byte("---\ntitle: Ελλάδα\n---\n")},
		"glossary/cluster.it.md": {Data: []byte("---\ntitle: Distretto\nsummary: s\n---\n")},
		"glossary/cluster.md":    {Data: []byte("---\ntitle: Cluster\nsummary: A group of firms.\n---\n")},
	}
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: S\nlanguages: [en, el, it]\n")}
	c, diags := Load(fsys, Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if c.Localized("en") != c {
		t.Error("the default language's view is not the content itself")
	}
	el := c.Localized("el")
	inno := el.Lookup("areas", "innovation")
	switch {
	case inno == nil:
		t.Fatal("no innovation area in the Greek view")
	case inno.Title != "Καινοτομία" || inno.String("short") != "Καιν." || inno.Lang != "el":
		t.Errorf("Greek words: title %q short %q lang %q", inno.Title, inno.String("short"), inno.Lang)
	case inno.Int("order") != 1:
		t.Errorf("order not inherited from the original: %d", inno.Int("order"))
	case string(inno.Body) != "Ελληνικό κείμενο.\n":
		t.Errorf("body %q, want the translation's", inno.Body)
	case inno.Path != "areas/innovation.el.md" || inno.DisplayPath != "content/areas/innovation.el.md":
		t.Errorf("path %q %q, want the translation's file", inno.Path, inno.DisplayPath)
	case inno.Original != c.Lookup("areas", "innovation"):
		t.Error("Original is not the English item")
	case inno.SortKey != "καινοτομία":
		t.Errorf("sort key %q", inno.SortKey)
	}
	if got := el.Lookup("countries", "GR"); got == nil || got.Title != "Ελλάδα" || got.String("iso2") != "GR" || got.NUTSPrefix() != "EL" {
		t.Errorf("Greek country by its code: %+v", got)
	}
	skills := el.Lookup("areas", "skills")
	if skills != c.Lookup("areas", "skills") || skills.Lang != "en" {
		t.Error("an untranslated item is not the English one")
	}
	if got := el.ByFolder("areas"); len(got) != 2 || got[0] != inno || got[1] != skills {
		t.Errorf("ByFolder in the Greek view: %v", got)
	}
	if g := el.Lookup("glossary", "cluster"); g.Title != "Cluster" {
		t.Errorf("an Italian translation shows in the Greek view: %q", g.Title)
	}
	if it := c.Localized("it").Lookup("glossary", "cluster"); it.Title != "Distretto" || it.Summary != "s" {
		t.Errorf("Italian view: %q %q", it.Title, it.Summary)
	}
	// The English content is untouched.
	if orig := c.Lookup("areas", "innovation"); orig.Title != "Innovation" || orig.String("short") != "Inno" || orig.Original != nil {
		t.Errorf("the original changed: %+v", orig)
	}
}

// TestTranslationKeyMustMatch: a translation of a country may leave out
// its ISO code (inherited) but not give another.
func TestTranslationKeyMustMatch(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":          {Data: []byte("title: S\nlanguages: [en, el]\n")},
		"countries/gr.md":    {Data: []byte("---\ntitle: Greece\niso2: GR\n---\n")},
		"countries/gr.el.md": {Data: []byte("---\ntitle: Ελλάδα\niso2: HU\n---\n")},
	}
	_, diags := Load(fsys, Options{Root: "content"})
	err := diags.Err()
	if err == nil || err.Error() != "content/countries/gr.el.md:3:7: iso2 differs from the original content/countries/gr.md; leave it out to inherit it, or change both" {
		t.Errorf("a translation with another ISO code: %v", err)
	}
}

// TestTranslationFactsInStrings: facts written as text (a profile's
// period, a region's NUTS code) are inherited when left out and must be
// the original's when given; words (title, summary) are required; the
// same with the front matter packed as it is loaded.
func TestTranslationFactsInStrings(t *testing.T) {
	for _, packed := range []bool{false, true} {
		t.Run(fmt.Sprintf("packed=%v", packed), func(t *testing.T) {
			profile := "---\ntitle: Policy\nsummary: s\nscope: country\ncountry: GR\nperiod: 2007-2013\nareas: [innovation]\nassessment:\n  innovation:\n    score: 3\nsources: [https://example.org]\n---\n"
			base := fstest.MapFS{
				"site.yaml":           {Data: []byte("title: S\nlanguages: [en, el]\n")},
				"areas/innovation.md": {Data: []byte("---\ntitle: Innovation\nshort: Inno\n---\n")},
				"countries/gr.md":     {Data: []byte("---\ntitle: Greece\niso2: GR\nnuts_prefix: EL\n---\n")},
				"profiles/policy.md":  {Data: []byte(profile)},
			}
			load := func(el string) (*Content, error) {
				fsys := fstest.MapFS{}
				for k, v := range base {
					fsys[k] = v
				}
				fsys["profiles/policy.el.md"] = &fstest.MapFile{Data: []byte(el)}
				c, diags := Load(fsys, Options{Root: "content", PackFrontMatter: packed})
				return c, diags.Err()
			}
			c, err := load("---\ntitle: Πολιτική\nsummary: π\n---\n")
			if err != nil {
				t.Fatalf("a translation without the period: %v", err)
			}
			if got := c.Localized("el").Lookup("profiles", "policy").String("period"); got != "2007-2013" {
				t.Errorf("period %q, want the original's", got)
			}
			if _, err := load("---\ntitle: Πολιτική\nsummary: π\nperiod: 2007-2013\n---\n"); err != nil {
				t.Errorf("the same period given again: %v", err)
			}
			_, err = load("---\ntitle: Πολιτική\nsummary: π\nperiod: 2014-2020\n---\n")
			if err == nil || err.Error() != "content/profiles/policy.el.md:4:9: period differs from the original content/profiles/policy.md; leave it out to inherit it, or change both" {
				t.Errorf("another period: %v", err)
			}
			_, err = load("---\ntitle: Πολιτική\n---\n")
			if err == nil || err.Error() != `content/profiles/policy.el.md:1:1: missing required field "summary"` {
				t.Errorf("a translation without its summary: %v", err)
			}
		})
	}
}

// TestLocalizedItemInItsOwnLanguage: an original with lang: el is in
// Greek in every view without a translation; its translation into the
// default language (slug.en.md) is the English view's, which takes the
// original's facts but not its lang; views made from views start from
// the content.
func TestLocalizedItemInItsOwnLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":              {Data: []byte("title: S\nlanguages: [en, el, it]\n")},
		"areas/innovation.md":    {Data: []byte("---\ntitle: Καινοτομία\nshort: Καιν.\norder: 1\nlang: el\n---\nΕλληνικό κείμενο.\n")},
		"areas/skills.md":        {Data: []byte("---\ntitle: Skills\nshort: Skills\nlang: en\n---\n")},
		"glossary/cluster.md":    {Data: []byte("---\ntitle: Σχηματισμός\nsummary: σ\nlang: el\n---\n")},
		"glossary/cluster.en.md": {Data: []byte("---\ntitle: Cluster\nsummary: A group of firms.\nlang: en\n---\nEnglish.\n")},
	}
	c, diags := Load(fsys, Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	inno := c.Lookup("areas", "innovation")
	if inno == nil || inno.Lang != "el" || len(c.Translations) != 1 {
		t.Fatalf("the Greek original: %+v, translations %v", inno, c.Translations)
	}
	if skills := c.Lookup("areas", "skills"); skills.Lang != "en" {
		t.Errorf("lang of the default language: %q", skills.Lang)
	}
	for _, lang := range []string{"en", "el", "it"} {
		if got := c.Localized(lang).Lookup("areas", "innovation"); got != inno {
			t.Errorf("%s view of an untranslated Greek original: %+v", lang, got)
		}
	}
	en := c.Localized("en")
	term := en.Lookup("glossary", "cluster")
	switch {
	case term == nil || term.Title != "Cluster" || term.Lang != "en":
		t.Fatalf("English view of the term: %+v", term)
	case term.Original != c.Lookup("glossary", "cluster") || term.Path != "glossary/cluster.en.md":
		t.Errorf("original %+v, path %q", term.Original, term.Path)
	case term.String("lang") != "en":
		t.Errorf("lang field %q, want the translation's own", term.String("lang"))
	}
	if got := en.Localized("el").Lookup("glossary", "cluster"); got != c.Lookup("glossary", "cluster") {
		t.Errorf("the Greek view of the English view: %+v", got)
	}
	if got := c.Localized("it").Lookup("glossary", "cluster"); got.Title != "Σχηματισμός" {
		t.Errorf("Italian view: %q", got.Title)
	}

	// A translation without lang inherits none.
	fsys["glossary/cluster.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Cluster\nsummary: s\n---\n")}
	c, diags = Load(fsys, Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if term := c.Localized("en").Lookup("glossary", "cluster"); term.Has("lang") || term.Lang != "en" {
		t.Errorf("the translation inherits lang: %q (Lang %q)", term.String("lang"), term.Lang)
	}
}

// TestForgetChecked: once a build has related its items, ForgetChecked
// lets go of the references and field positions of every item it could
// reach: the originals, their translations and the localized copies.
func TestForgetChecked(t *testing.T) {
	c, diags := Load(content.Starter(), Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	el := c.Localized("el")
	if el == c {
		t.Fatal("the starter content has no Greek translations")
	}
	count := func() int {
		n := 0
		for _, list := range [][]*Item{c.Items, c.Translations, el.Items} {
			for _, it := range list {
				n += len(it.Refs()) + len(it.FieldPos)
			}
		}
		return n
	}
	if count() == 0 {
		t.Fatal("the starter content's items refer to nothing")
	}
	el.ForgetChecked()
	if n := count(); n != 0 {
		t.Errorf("%d references and positions left", n)
	}
}

// TestItemsShareNames: items that name the same thing (a reference or an
// enum value) share one copy of the name.
func TestItemsShareNames(t *testing.T) {
	c, diags := Load(content.Starter(), Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	seen := map[string]*byte{}
	shared, names := 0, 0
	for _, it := range c.Items {
		for _, field := range []string{"countries", "areas", "status"} {
			for _, s := range it.Strings(field) {
				names++
				if p, ok := seen[s]; !ok {
					seen[s] = unsafe.StringData(s)
				} else if p != unsafe.StringData(s) {
					t.Errorf("%s: %s %q is a copy of its own", it.DisplayPath, field, s)
				} else {
					shared++
				}
			}
		}
	}
	if shared == 0 {
		t.Fatalf("no name given twice among %d", names)
	}
}
