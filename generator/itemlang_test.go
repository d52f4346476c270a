package generator_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/testsites"
	"github.com/clusterpolisee/polisee/search"
)

// greekOnly is a practice written in Greek (testsites.GreekOnly).
const greekOnly = testsites.GreekOnly

// greekToEnglish translates greekOnly into the site's default language.
const greekToEnglish = `
-- practices/thermaikos.en.md --
---
title: Thermaikos partnership
summary: Firms around the Thermaic Gulf share laboratories.
---
## Description
Shared laboratories for twelve firms.
## Resources needed
A coordinator.
## Evidence of success
Three joint products.
## Difficulties encountered
None.
## Potential for transfer
High.
`

// TestItemInItsOwnLanguage: a practice written in Greek on an English
// site passes check; its Greek page is a Greek page like any other; its
// English page shows it as an untranslated item, its words marked
// lang="el", with the note naming the file that would translate it; lists
// in English mark its title, Greek ones do not.
func TestItemInItsOwnLanguage(t *testing.T) {
	if got := checkMessages(t, bilingual+greekOnly); got != "" {
		t.Fatalf("check: %s", got)
	}
	out, _ := build(t, with(t, bilingual+greekOnly))

	el := read(t, out, "el/practices/thermaikos/index.html")
	contains(t, el, `<html lang="el">`, "Greek page")
	contains(t, el, `<h1>Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</h1>`, "Greek title, in the page's language")
	contains(t, el, `<p class="lead">Οι επιχειρήσεις`, "Greek summary")
	contains(t, el, `<div class="prose">`, "Greek body")
	notContains(t, el, "fallback", "the page in the item's own language")

	en := read(t, out, "practices/thermaikos/index.html")
	contains(t, en, `<html lang="en">`, "English page")
	contains(t, en, `<li aria-current="page" lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</li>`, "breadcrumb")
	contains(t, en, `<h1 lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</h1>`, "title marked Greek")
	contains(t, en, `<p class="lead" lang="el">Οι επιχειρήσεις`, "summary marked Greek")
	contains(t, en, `<div class="prose" lang="el">`, "body marked Greek")
	contains(t, en, `<p class="notice fallback" role="note">This page has no translation yet: it is shown in its original language, <span lang="el">Ελληνικά</span>. A translator can add one as <code>content/practices/thermaikos.en.md</code>.</p>`, "note")
	contains(t, en, `<dt>Countries</dt><dd><a href="../../countries/gr/">Greece</a>`, "facts, in English")

	for _, c := range []struct{ file, want string }{
		{"practices/index.html", `<a href="thermaikos/" lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`},
		{"countries/gr/index.html", `<a href="../../practices/thermaikos/" lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`},
		{"areas/innovation-rd/index.html", `<a href="../../practices/thermaikos/" lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`},
		{"areas/innovation-rd/index.html", `<span class="summary" lang="el">Οι επιχειρήσεις`},
		{"el/practices/index.html", `<a href="thermaikos/">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`},
		{"el/countries/gr/index.html", `<a href="../../practices/thermaikos/">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`},
		{"el/areas/innovation-rd/index.html", `<a href="../../practices/thermaikos/">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`},
	} {
		contains(t, read(t, out, c.file), c.want, c.file)
	}
	feed := read(t, out, "feed.xml")
	contains(t, feed, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`, "English feed")
	contains(t, feed, "<entry xml:lang=\"el\">\n    <title>Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</title>", "English feed")
	contains(t, read(t, out, "el/feed.xml"), "<entry>\n    <title>Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</title>", "Greek feed")
	if got := dataLangs(t, out); got["thermaikos"] != "el" || got["accreditation"] != "en" {
		t.Errorf("lang in the open data: %v", got)
	}
}

// dataLangs reads the language of each practice in the open data.
func dataLangs(t *testing.T, out string) map[string]string {
	t.Helper()
	var records []struct{ Slug, Lang string }
	if err := json.Unmarshal([]byte(read(t, out, "data/practices.json")), &records); err != nil {
		t.Fatal(err)
	}
	langs := map[string]string{}
	for _, r := range records {
		langs[r.Slug] = r.Lang
	}
	return langs
}

// TestItemInItsOwnLanguageSearch: the Greek practice is one document, in
// Greek, shown by the pages of both languages; the Greek analyzer reads it,
// so an accent-free query in another case of the word finds it from the
// English search page and from the Greek one.
func TestItemInItsOwnLanguageSearch(t *testing.T) {
	ctx := context.Background()
	docs, err := generator.SearchDocuments(ctx, generator.Config{Src: with(t, bilingual+greekOnly), SrcRoot: "content"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range docs {
		got[d.ID] = d.Lang + " " + d.URL + " " + strings.Join(d.Shown, ",")
	}
	for id, want := range map[string]string{
		"practices/thermaikos":    "el /practices/thermaikos/ en,el",
		"practices/mi-cluster":    "en /practices/mi-cluster/ en",
		"practices/mi-cluster.el": "el /practices/mi-cluster/ el",
		"practices/accreditation": "en /practices/accreditation/ en,el",
		"areas/innovation-rd.el":  "el /areas/innovation-rd/ el",
		"areas/sustainability":    "en /areas/sustainability/ en,el",
		"organisations/corallia":  "en /organisations/corallia/ en,el",
		"practices/thermaikos.el": "",
		"practices/thermaikos.en": "",
	} {
		if got[id] != want {
			t.Errorf("document %s: %q, want %q", id, got[id], want)
		}
	}

	find := hitsOf(t, docs)
	for _, c := range []struct {
		q, lang string
		want    []string
	}{
		// Accent-free, in the nominative: the Greek stemmer met the
		// genitive of the text.
		{"μικροηλεκτρονικη", "en", []string{"practices/thermaikos"}},
		{"μικροηλεκτρονικη", "el", []string{"practices/mi-cluster.el", "practices/thermaikos"}},
		{"ΕΡΓΑΣΤΗΡΙΑ", "en", []string{"practices/thermaikos"}},
		{"type:practice", "en", []string{"practices/accreditation", "practices/mi-cluster", "practices/thermaikos"}},
		{"type:practice", "el", []string{"practices/accreditation", "practices/mi-cluster.el", "practices/thermaikos"}},
	} {
		if got := find(c.q, c.lang); !slices.Equal(got, c.want) {
			t.Errorf("%q from the %s search page: %v, want %v", c.q, c.lang, got, c.want)
		}
	}
}

// hitsOf indexes docs and returns a search from one language's search
// page (the site's languages en and el, the page's first), giving the IDs
// found, sorted.
func hitsOf(t *testing.T, docs []search.Document) func(q, lang string) []string {
	t.Helper()
	ctx := context.Background()
	data, err := search.Build(ctx, docs, "")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return func(q, lang string) []string {
		langs := []string{"en", "el"}
		if lang == "el" {
			langs = []string{"el", "en"}
		}
		res, err := ix.Search(ctx, search.Request{Query: q, Langs: langs, Shown: lang, Size: 50})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		return ids
	}
}

// TestTranslationIntoTheDefaultLanguage: slug.en.md translates a Greek
// original into English: the English pages show the translation, the Greek
// ones the original, and a third language without a translation shows
// the original with the note. The translation inherits the facts, not the
// original's lang.
func TestTranslationIntoTheDefaultLanguage(t *testing.T) {
	fsys := with(t, strings.Replace(bilingual, "languages: [en, el]", "languages: [en, el, it]", 1)+greekOnly+greekToEnglish)
	if got := checkMessages(t, strings.Replace(bilingual, "languages: [en, el]", "languages: [en, el, it]", 1)+greekOnly+greekToEnglish); strings.Contains(got, "thermaikos") {
		t.Fatalf("check: %s", got)
	}
	out, _ := build(t, fsys)

	en := read(t, out, "practices/thermaikos/index.html")
	contains(t, en, `<h1>Thermaikos partnership</h1>`, "English translation")
	contains(t, en, `<div class="prose">`, "English body, in the page's language")
	contains(t, en, `<dt>Countries</dt><dd><a href="../../countries/gr/">Greece</a>`, "facts from the original")
	notContains(t, en, "fallback", "a translated page")
	notContains(t, en, "Θερμαϊκού", "the English page")
	contains(t, read(t, out, "practices/index.html"), `<a href="thermaikos/">Thermaikos partnership</a>`, "English list")

	el := read(t, out, "el/practices/thermaikos/index.html")
	contains(t, el, `<h1>Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</h1>`, "Greek original")
	notContains(t, el, "fallback", "the original's own language")

	it := read(t, out, "it/practices/thermaikos/index.html")
	contains(t, it, `<h1 lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</h1>`, "Italian page falls back to the original")
	contains(t, it, `<code>content/practices/thermaikos.it.md</code>`, "Italian note")

	if got := dataLangs(t, out); got["thermaikos"] != "en" {
		t.Errorf("lang of the translated practice in the open data: %q, want en", got["thermaikos"])
	}

	docs, err := generator.SearchDocuments(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range docs {
		if strings.HasPrefix(d.ID, "practices/thermaikos") {
			got[d.ID] = d.Lang + " " + strings.Join(d.Shown, ",")
		}
	}
	want := map[string]string{"practices/thermaikos.en": "en en", "practices/thermaikos": "el el,it"}
	if len(got) != len(want) || got["practices/thermaikos.en"] != want["practices/thermaikos.en"] || got["practices/thermaikos"] != want["practices/thermaikos"] {
		t.Errorf("documents %v, want %v", got, want)
	}
}

// TestItemLangChecks: check refuses a language the site does not have and
// a lang that disagrees with a translation's file name, at the field; and
// a translation into the original's own language. A lang that says what
// the file name or the default says already is accepted.
func TestItemLangChecks(t *testing.T) {
	for _, c := range []struct {
		name, archive, want string
	}{
		{"unknown language", bilingual + strings.Replace(greekOnly, "lang: el", "lang: fr", 1),
			`content/practices/thermaikos.md:4:7: lang "fr" is not one of the site's languages (en, el): use one of them, or add fr to languages in site.yaml`},
		{"not a language code", bilingual + strings.Replace(greekOnly, "lang: el", "lang: Greek", 1),
			// Without a valid lang the text is taken to be English, whose
			// section names it lacks.
			`content/practices/thermaikos.md:4:7: "Greek" is not a language code; use a lowercase ISO 639-1 code such as en or el` + "\n" +
				`content/practices/thermaikos.md:11:1: warning: missing sections ## Description, ## Resources needed, ## Evidence of success, ## Difficulties encountered, ## Potential for transfer`},
		{"suffix and lang disagree", strings.Replace(bilingual, "title: mi-Cluster στα ελληνικά\n", "title: mi-Cluster στα ελληνικά\nlang: en\n", 1),
			`content/practices/mi-cluster.el.md:3:7: lang "en" disagrees with the file name, which says the file is in "el": remove lang (a file named slug.LANG.md is in LANG), or give the file the name of its language`},
		{"translation into the original's language", bilingual + greekOnly + strings.Replace(greekOnly, "practices/thermaikos.md", "practices/thermaikos.el.md", 1),
			`content/practices/thermaikos.el.md:1:1: practices/thermaikos.md is already in "el" (its lang field says so), so this file translates it into its own language: rename it to the language it translates into, or remove one`},
		{"translation into the default language of an English original", bilingual + strings.Replace(greekToEnglish, "thermaikos.en.md", "accreditation.en.md", 1),
			`content/practices/accreditation.en.md:1:1: "en" is the site's default language (the first of languages in site.yaml), and practices/accreditation.md is already the page in it: files without a language suffix are in the default language; rename the files to match the languages, or remove one`},
		{"lang as the suffix says", strings.Replace(bilingual, "title: mi-Cluster στα ελληνικά\n", "title: mi-Cluster στα ελληνικά\nlang: el\n", 1), ""},
		{"lang of the default language", strings.Replace(base, "title: Cluster accreditation\n", "title: Cluster accreditation\nlang: en\n", 1), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := checkMessages(t, c.archive); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestPreviewItemLanguage: polisee serve keeps every page as a full build
// makes it while a Greek practice gets its English translation, the
// translation changes and goes, and the practice's lang goes.
func TestPreviewItemLanguage(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "content")
	// A Greek profile lists the practices in its country by title.
	profile := `
-- profiles/gr.md --
---
title: Greek cluster policy
summary: The national policy.
scope: country
country: GR
period: "2014-2020"
areas: [innovation-rd]
assessment:
  innovation-rd:
    score: 3
sources: [https://example.org/gr]
---
`
	for name, f := range with(t, bilingual+greekOnly+profile) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := generator.Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir}
	previewCfg := cfg
	previewCfg.Out = filepath.Join(tmp, "preview")
	fullCfg := cfg
	fullCfg.Preview = true
	fullCfg.Out = filepath.Join(tmp, "full")
	p := generator.NewPreview(previewCfg)
	ctx := context.Background()
	if _, err := p.Build(ctx, generator.Change{}); err != nil {
		t.Fatal(err)
	}
	english := site(t, greekToEnglish)["practices/thermaikos.en.md"].Data
	original := site(t, greekOnly)["practices/thermaikos.md"].Data
	for _, step := range []struct {
		what, file string
		data       []byte // nil removes the file
	}{
		{"translate into English", "practices/thermaikos.en.md", english},
		{"edit the translation's text", "practices/thermaikos.en.md", []byte(strings.Replace(string(english), "Shared laboratories", "Laboratories shared", 1))},
		{"retitle the translation", "practices/thermaikos.en.md", []byte(strings.Replace(string(english), "Thermaikos partnership", "Thermaic Gulf laboratories", 1))},
		{"remove the translation", "practices/thermaikos.en.md", nil},
		{"drop lang", "practices/thermaikos.md", []byte(strings.Replace(string(original), "lang: el\n", "", 1))},
		{"give lang again", "practices/thermaikos.md", original},
	} {
		path := filepath.Join(dir, filepath.FromSlash(step.file))
		var err error
		if step.data == nil {
			err = os.Remove(path)
		} else {
			err = os.WriteFile(path, step.data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Build(ctx, generator.Change{Content: []string{step.file}}); err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		if err := p.Index(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := generator.Build(ctx, fullCfg); err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		compareTrees(t, step.what, fullCfg.Out, previewCfg.Out)
	}
	contains(t, read(t, previewCfg.Out, "practices/thermaikos/index.html"), `<h1 lang="el">`, "after the last step")
	contains(t, read(t, previewCfg.Out, "profiles/gr/index.html"), `lang="el">Σύμπραξη μικροηλεκτρονικής Θερμαϊκού</a>`, "the profile's practices, after the last step")
}

// TestGlossaryTermInItsOwnLanguage: a term written in Greek, translated
// into English, is one term with both names: a Greek query finds the
// English pages that use its English name.
func TestGlossaryTermInItsOwnLanguage(t *testing.T) {
	docs, err := generator.SearchDocuments(context.Background(), generator.Config{Src: with(t, bilingual+`
-- glossary/pistopoiisi.md --
---
title: Πιστοποίηση
summary: Σήμα για συνεργατικούς σχηματισμούς που πληρούν κριτήρια.
lang: el
---
-- glossary/pistopoiisi.en.md --
---
title: Accreditation
summary: A label for clusters that meet criteria.
---
`), SrcRoot: "content"})
	if err != nil {
		t.Fatal(err)
	}
	find := hitsOf(t, docs)
	if got := find("πιστοποιηση", "en"); !slices.Contains(got, "practices/accreditation") || !slices.Contains(got, "glossary/pistopoiisi.en") {
		t.Errorf("the term's Greek name from the English search page: %v, want the English term and the practice that names it", got)
	}
}
