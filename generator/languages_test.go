package generator_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
)

// bilingual is base in English and Greek: one practice and one area
// translated (the practice's body links to a page, to another practice's
// source file and to the open data, which all languages share), the other
// practice left in English.
const bilingual = `
-- site.yaml --
title: Test site
languages: [en, el]
-- practices/mi-cluster.el.md --
---
title: mi-Cluster στα ελληνικά
summary: Ένας συνεργατικός σχηματισμός μικροηλεκτρονικής.
---
## Description
Με φορέα την [Corallia](/organisations/corallia/) και [την άλλη](../practices/accreditation.md#description) πρακτική· [ανοιχτά δεδομένα](/data/practices.json).
## Resources needed
Λίγοι.
## Evidence of success
Ανάπτυξη της μικροηλεκτρονικής.
## Difficulties encountered
Καμία.
## Potential for transfer
Υψηλή.
-- areas/innovation-rd.el.md --
---
title: Καινοτομία και Ε&Α
short: Καινοτομία
---
Για την καινοτομία.
`

// TestEveryPageInEveryLanguage: the Greek tree has a page for every page
// of the English one, at the same path under el/, in Greek around the
// content, with the language switcher and hreflang links leading to the
// same page in each language.
func TestEveryPageInEveryLanguage(t *testing.T) {
	out, s := build(t, with(t, bilingual))
	greek := s.Translated["el"]
	if len(greek) != len(s.Pages) || len(greek) == 0 {
		t.Fatalf("%d English pages, %d Greek ones", len(s.Pages), len(greek))
	}
	for i, p := range s.Pages {
		g := greek[i]
		if g.URL != p.URL || g.File != "el/"+p.File || g.Lang != "el" || p.Lang != "en" {
			t.Errorf("page %d: English %s (%s, %s), Greek %s (%s, %s)", i, p.URL, p.File, p.Lang, g.URL, g.File, g.Lang)
		}
	}
	for _, pages := range [][]*generator.Page{s.Pages, greek} {
		for _, p := range pages {
			html := read(t, out, p.File)
			contains(t, html, `<html lang="`+p.Lang+`">`, p.File)
			if p.Kind == "404" {
				continue
			}
			// The switcher names both languages in themselves and
			// links to this page in each.
			nav := between(t, html, `<nav class="languages"`, `</nav>`)
			links := hrefs(nav)
			if len(links) != 2 || !strings.Contains(nav, ">English<") || !strings.Contains(nav, ">Ελληνικά<") {
				t.Errorf("%s: language switcher %q", p.File, nav)
				continue
			}
			want := []string{strings.TrimPrefix(p.File, "el/"), "el/" + strings.TrimPrefix(p.File, "el/")}
			for k, l := range links {
				if got := resolve(p.File, l); got != want[k] {
					t.Errorf("%s: switcher link %d %q leads to %s, want %s", p.File, k, l, got, want[k])
				}
			}
			if !strings.Contains(nav, `hreflang="`+p.Lang+`" lang="`+p.Lang+`" aria-current="true"`) {
				t.Errorf("%s: the current language is not marked: %s", p.File, nav)
			}
		}
	}

	// The translated practice: Greek words, English facts' labels in
	// Greek, no fallback note.
	mi := read(t, out, "el/practices/mi-cluster/index.html")
	contains(t, mi, "<h1>mi-Cluster στα ελληνικά</h1>", "translated title")
	contains(t, mi, "Ένας συνεργατικός σχηματισμός μικροηλεκτρονικής.", "translated summary")
	contains(t, mi, "Ανάπτυξη της μικροηλεκτρονικής.", "translated body")
	contains(t, mi, `<dt>Χώρες</dt><dd><a href="../../countries/gr/" lang="en">Greece</a>`, "facts from the original, labels in Greek")
	notContains(t, mi, "fallback", "a translated page")
	// The untranslated practice: English words marked lang="en" and a
	// note saying which file would translate it.
	acc := read(t, out, "el/practices/accreditation/index.html")
	contains(t, acc, `<h1 lang="en">Cluster accreditation</h1>`, "untranslated title")
	contains(t, acc, `<div class="prose" lang="en">`, "untranslated body")
	contains(t, acc, `<p class="notice fallback" role="note">Η σελίδα δεν έχει ακόμη μεταφραστεί`, "fallback note")
	contains(t, acc, `<code>content/practices/accreditation.el.md</code>`, "fallback note names the file to add")
	// Lists in Greek show the Greek title, and English ones the English.
	contains(t, read(t, out, "el/practices/index.html"), `<a href="mi-cluster/">mi-Cluster στα ελληνικά</a>`, "Greek list")
	contains(t, read(t, out, "el/practices/index.html"), `<a href="accreditation/" lang="en">Cluster accreditation</a>`, "Greek list, untranslated card")
	contains(t, read(t, out, "practices/index.html"), `<a href="mi-cluster/">mi-Cluster</a>`, "English list")
	notContains(t, read(t, out, "practices/mi-cluster/index.html"), "στα ελληνικά", "English page")
}

// TestHreflangNeedsABaseURL: with a base URL, the head of every page
// names its version in each language and x-default (the default
// language's) by absolute address, as search engines require; without
// one there are no hreflang links at all (relative ones are ignored and
// cost the page), while the language switcher still links every version,
// and check has nothing to say about it.
func TestHreflangNeedsABaseURL(t *testing.T) {
	fsys := with(t, bilingual)
	if list := generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"}); len(list) != 0 {
		t.Errorf("check on a site without a base URL: %v", list)
	}
	for _, baseURL := range []string{"", "https://example.org/kb/"} {
		out := filepath.Join(t.TempDir(), "public")
		s, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out, BaseURL: baseURL})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range append(append([]*generator.Page(nil), s.Pages...), s.Translated["el"]...) {
			if p.Kind == "404" {
				continue
			}
			html := read(t, out, p.File)
			head := between(t, html, "<head>", "</head>")
			contains(t, between(t, html, `<nav class="languages"`, `</nav>`), `hreflang="el" lang="el"`, p.File+": switcher")
			if baseURL == "" {
				notContains(t, head, "hreflang", p.File+" without a base URL")
				continue
			}
			en := strings.TrimPrefix(p.File, "el/")
			for _, alt := range []struct{ lang, file string }{{"en", en}, {"el", "el/" + en}, {"x-default", en}} {
				m := regexp.MustCompile(`<link rel="alternate" hreflang="` + alt.lang + `" href="([^"]*)">`).FindStringSubmatch(head)
				if m == nil {
					t.Errorf("%s: no hreflang %s", p.File, alt.lang)
					continue
				}
				rest, absolute := strings.CutPrefix(m[1], baseURL)
				if got := rest + "index.html"; !absolute || got != alt.file {
					t.Errorf("%s: hreflang %s is %s, want %s%s", p.File, alt.lang, m[1], baseURL, strings.TrimSuffix(alt.file, "index.html"))
				}
			}
		}
	}
}

// TestLanguageTreeLinks: every link of every page stays in the page's
// language, except to the files all languages share, and leads to a file
// the build wrote; the same holds in an offline copy.
func TestLanguageTreeLinks(t *testing.T) {
	for _, offline := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		s, err := generator.Build(context.Background(), generator.Config{Src: with(t, bilingual), SrcRoot: "content", Out: out, Offline: offline})
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]bool{}
		for _, f := range s.Files {
			files[f] = true
		}
		checked := 0
		for _, p := range append(append([]*generator.Page(nil), s.Pages...), s.Translated["el"]...) {
			if p.Kind == "404" {
				continue // its links are root-relative, for any address
			}
			html := read(t, out, p.File)
			nav := between(t, html, `<nav class="languages"`, `</nav>`)
			// The switcher and the hreflang alternates are the links
			// meant to change language.
			html = hreflangLink.ReplaceAllString(strings.Replace(html, nav, "", 1), "")
			for _, l := range hrefs(html) {
				if strings.HasPrefix(l, "#") || strings.Contains(l, "://") || strings.HasPrefix(l, "mailto:") || strings.HasPrefix(l, "data:") {
					continue
				}
				target := resolve(p.File, l)
				if !files[target] {
					t.Errorf("offline=%v %s: link %q leads to %s, which the build did not write", offline, p.File, l, target)
				}
				inGreek := strings.HasPrefix(target, "el/")
				sharedFile := strings.HasPrefix(target, "assets/") || strings.HasPrefix(target, "data/") || (strings.HasPrefix(target, "search/") && !strings.HasPrefix(target, "search/index.html") && target != "search/")
				if p.Lang == "el" && !inGreek && !sharedFile {
					t.Errorf("offline=%v %s: link %q leaves the Greek pages for %s", offline, p.File, l, target)
				}
				if p.Lang == "en" && inGreek {
					t.Errorf("offline=%v %s: link %q leads into the Greek pages", offline, p.File, l)
				}
				checked++
			}
		}
		if checked < 500 {
			t.Errorf("checked only %d links", checked)
		}
		// The body link to the open data goes to the one shared file
		// from both languages; its page links stay in each language.
		mi := read(t, out, "el/practices/mi-cluster/index.html")
		index := ""
		if offline {
			index = "index.html"
		}
		contains(t, mi, `<a href="../../../data/practices.json">ανοιχτά δεδομένα</a>`, "shared file from a Greek body")
		contains(t, mi, `<a href="../../organisations/corallia/`+index+`">Corallia</a>`, "Greek body link")
		contains(t, mi, `<a href="../accreditation/`+index+`#description">την άλλη</a>`, "Greek body link to a source file")
	}
}

// TestLanguageFeedsAndSitemap: each language has its feed in its folder;
// the one sitemap lists every page in every language with its
// alternates.
func TestLanguageFeedsAndSitemap(t *testing.T) {
	fsys := with(t, bilingual)
	for _, baseURL := range []string{"", "https://example.org/kb/"} {
		out := filepath.Join(t.TempDir(), "public")
		s, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out, BaseURL: baseURL})
		if err != nil {
			t.Fatal(err)
		}
		type atom struct {
			Title string `xml:"title"`
			Links []struct {
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"`
			Entries []struct {
				Title string `xml:"title"`
				ID    string `xml:"id"`
				Link  struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		feeds := map[string]atom{}
		for _, name := range []string{"feed.xml", "el/feed.xml"} {
			var f atom
			if err := xml.Unmarshal([]byte(read(t, out, name)), &f); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			feeds[name] = f
		}
		el, en := feeds["el/feed.xml"], feeds["feed.xml"]
		if len(el.Entries) != len(en.Entries) || len(el.Entries) != 2 {
			t.Fatalf("entries: en %d, el %d", len(en.Entries), len(el.Entries))
		}
		titles := map[string]string{}
		for _, e := range el.Entries {
			titles[e.Title] = e.Link.Href
		}
		wantLink := "practices/mi-cluster/" // relative to el/, where the feed is
		if baseURL != "" {
			wantLink = baseURL + "el/practices/mi-cluster/"
		}
		if titles["mi-Cluster στα ελληνικά"] != wantLink || titles["Cluster accreditation"] == "" {
			t.Errorf("base %q: Greek feed entries %v", baseURL, titles)
		}
		if el.Title != "Test site (Ελληνικά)" || el.Entries[0].ID == en.Entries[0].ID {
			t.Errorf("Greek feed title %q, ids %s / %s", el.Title, el.Entries[0].ID, en.Entries[0].ID)
		}

		var sm struct {
			URLs []struct {
				Loc  string `xml:"loc"`
				Alts []struct {
					HrefLang string `xml:"hreflang,attr"`
					Href     string `xml:"href,attr"`
				} `xml:"http://www.w3.org/1999/xhtml link"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(read(t, out, "sitemap.xml")), &sm); err != nil {
			t.Fatal(err)
		}
		pages := 0
		for _, p := range s.Pages {
			if p.Kind != "404" {
				pages++
			}
		}
		if len(sm.URLs) != 2*pages {
			t.Errorf("sitemap has %d entries for %d pages in 2 languages", len(sm.URLs), pages)
		}
		locs := map[string]bool{}
		for _, u := range sm.URLs {
			locs[u.Loc] = true
			if len(u.Alts) != 2 || u.Alts[0].HrefLang != "en" || u.Alts[1].HrefLang != "el" || "el/"+strings.TrimPrefix(u.Alts[0].Href, baseURL) != strings.TrimPrefix(u.Alts[1].Href, baseURL) {
				t.Errorf("sitemap entry %s: alternates %+v", u.Loc, u.Alts)
			}
			if u.Loc != u.Alts[0].Href && u.Loc != u.Alts[1].Href {
				t.Errorf("sitemap entry %s is not among its alternates", u.Loc)
			}
		}
		if !locs[baseURL+"el/practices/mi-cluster/"] || !locs[baseURL+"practices/mi-cluster/"] {
			t.Errorf("sitemap lacks the practice in one language")
		}
		if baseURL != "" {
			contains(t, read(t, out, "el/practices/mi-cluster/index.html"), `<link rel="canonical" href="https://example.org/kb/el/practices/mi-cluster/">`, "canonical of a Greek page")
			contains(t, read(t, out, "el/practices/mi-cluster/index.html"), `<link rel="alternate" hreflang="en" href="https://example.org/kb/practices/mi-cluster/">`, "absolute hreflang")
		}
	}
}

// TestSearchPerLanguage: translations are documents of their own; each
// language's search finds its pages once: its translations, and the
// default language's pages it has no translation of.
func TestSearchPerLanguage(t *testing.T) {
	ctx := context.Background()
	docs, err := generator.SearchDocuments(ctx, generator.Config{Src: with(t, bilingual), SrcRoot: "content"})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{}
	for _, d := range docs {
		shown[d.ID+" "+d.Lang+" "+d.URL] = strings.Join(d.Shown, ",")
	}
	for key, want := range map[string]string{
		"practices/mi-cluster en /practices/mi-cluster/":       "en",
		"practices/mi-cluster.el el /practices/mi-cluster/":    "el",
		"practices/accreditation en /practices/accreditation/": "en,el",
		"areas/innovation-rd.el el /areas/innovation-rd/":      "el",
		"areas/sustainability en /areas/sustainability/":       "en,el",
	} {
		if got, ok := shown[key]; !ok || got != want {
			t.Errorf("%s: shown in %q, want %q (documents: %v)", key, got, want, shown)
		}
	}
	find := hitsOf(t, docs)
	for _, c := range []struct {
		q, lang string
		want    []string
	}{
		// Greek typed without accents and in capitals.
		{"μικροηλεκτρονικης", "el", []string{"practices/mi-cluster.el"}},
		{"ΑΝΑΠΤΥΞΗ", "el", []string{"practices/mi-cluster.el"}},
		// The English page of a translated practice is not in the Greek
		// results, the untranslated one is.
		{"microelectronics", "el", nil},
		{"accredited", "el", []string{"practices/accreditation"}},
		{"cluster", "el", []string{"practices/accreditation", "practices/mi-cluster.el"}},
		{"microelectronics", "en", []string{"practices/mi-cluster"}},
		{"μικροηλεκτρονικης", "en", nil},
		// Every practice is found once in each language.
		{"type:practice", "en", []string{"practices/accreditation", "practices/mi-cluster"}},
		{"type:practice", "el", []string{"practices/accreditation", "practices/mi-cluster.el"}},
	} {
		if got := find(c.q, c.lang); !slices.Equal(got, c.want) {
			t.Errorf("%q in %s: %v, want %v", c.q, c.lang, got, c.want)
		}
	}
}

// TestLanguageFolderIsReserved: a page cannot take a language's folder.
func TestLanguageFolderIsReserved(t *testing.T) {
	fsys := with(t, bilingual+`
-- pages/el.md --
---
title: El
---
`)
	_, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: filepath.Join(t.TempDir(), "public")})
	want := "content/pages/el.md:1:1: this page would be written to /el/, which the folder of the pages in Ελληνικά (el, a language of site.yaml) already uses; rename the file"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
}

// TestLanguageWithoutUIStrings: a third language with no UI strings in the
// theme gets its pages, in English words around its content, with a
// warning; adding i18n/it.yaml to a theme folder is all it takes to
// translate them.
func TestLanguageWithoutUIStrings(t *testing.T) {
	fsys := with(t, strings.Replace(bilingual, "languages: [en, el]", "languages: [en, el, it]", 1)+`
-- practices/mi-cluster.it.md --
---
title: mi-Cluster in italiano
summary: Un cluster della microelettronica.
---
## Description
Testo.
`)
	out, s := build(t, fsys)
	if len(s.Warnings) == 0 || !strings.Contains(fmt.Sprint(s.Warnings), `no UI strings for "it" (no i18n/it.yaml): the pages in it/ use the English ones`) {
		t.Errorf("warnings: %v", s.Warnings)
	}
	it := read(t, out, "it/practices/mi-cluster/index.html")
	contains(t, it, `<html lang="it">`, "Italian page")
	contains(t, it, "<h1>mi-Cluster in italiano</h1>", "Italian title")
	contains(t, it, `>Good practices</a>`, "English UI strings")
	contains(t, it, `lang="it" aria-current="true">Italiano</a>`, "the language's own name")
	contains(t, read(t, out, "it/practices/accreditation/index.html"), `<p class="notice fallback" role="note">This page has no translation yet`, "fallback note in English words")

	theme := t.TempDir()
	if err := os.MkdirAll(filepath.Join(theme, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(theme, "i18n", "it.yaml"), []byte("language.name: Italiano (IT)\nlist.practices.title: Buone pratiche\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "public")
	s, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out, Theme: os.DirFS(theme)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fmt.Sprint(s.Warnings), "UI strings") {
		t.Errorf("warned with the file present: %v", s.Warnings)
	}
	contains(t, read(t, out, "it/practices/mi-cluster/index.html"), `lang="it" aria-current="true">Italiano (IT)</a>`, "name from the theme's file")
	contains(t, read(t, out, "practices/mi-cluster/index.html"), `hreflang="it" lang="it">Italiano (IT)</a>`, "name on the English page")
}

var hreflangLink = regexp.MustCompile(`<link rel="alternate" hreflang="[^"]*" href="[^"]*">`)

var hrefAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

func hrefs(html string) []string {
	var out []string
	for _, m := range hrefAttr.FindAllStringSubmatch(html, -1) {
		out = append(out, strings.ReplaceAll(m[1], "&amp;", "&"))
	}
	return out
}

// resolve turns a relative link on the page written to file into the
// output file it leads to (a folder link names its index.html).
func resolve(file, link string) string {
	if i := strings.IndexAny(link, "#?"); i >= 0 {
		link = link[:i]
	}
	u, err := url.PathUnescape(link)
	if err == nil {
		link = u
	}
	p := path.Join(path.Dir("/"+file), link)
	if strings.HasSuffix(link, "/") || link == "" || link == "." || link == "./" {
		p = strings.TrimSuffix(p, "/") + "/index.html"
	}
	return strings.TrimPrefix(p, "/")
}

// TestTranslatedHomeDescribesItsPages: the meta description of the pages
// that are not an item's is the home page translation's summary in its
// language, and the site's description in the default one.
func TestTranslatedHomeDescribesItsPages(t *testing.T) {
	fsys := with(t, bilingual+`
-- pages/home.md --
---
title: Welcome
---
Hello.
-- pages/home.el.md --
---
title: Καλώς ήρθατε
summary: Η βάση γνώσης στα ελληνικά.
---
Γεια σας.
`)
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, []byte("description: The knowledge base.\n")...)
	out, _ := build(t, fsys)
	for file, want := range map[string]string{
		"index.html": "The knowledge base.", "practices/index.html": "The knowledge base.",
		"el/index.html": "Η βάση γνώσης στα ελληνικά.", "el/practices/index.html": "Η βάση γνώσης στα ελληνικά.",
	} {
		contains(t, read(t, out, file), `<meta name="description" content="`+want+`">`, file)
	}
	contains(t, read(t, out, "el/index.html"), "<p>Γεια σας.</p>", "Greek home body")
}

// TestDraftTranslations: a draft's translation stays out with it, and
// both are in a build with drafts.
func TestDraftTranslations(t *testing.T) {
	fsys := with(t, bilingual+`
-- practices/draft-one.md --
---
title: Draft
summary: s
countries: [GR]
areas: [innovation-rd]
level: national
status: identified
draft: true
sources: [https://example.org]
---
## Description
x
-- practices/draft-one.el.md --
---
title: Πρόχειρο
summary: π
---
## Περιγραφή
x
`)
	for _, drafts := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		_, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out, Drafts: drafts})
		if err != nil {
			t.Fatalf("drafts=%v: %v", drafts, err)
		}
		_, statErr := os.Stat(filepath.Join(out, "el", "practices", "draft-one", "index.html"))
		if drafts != (statErr == nil) {
			t.Errorf("drafts=%v: the Greek draft page: %v", drafts, statErr)
		}
		if drafts {
			contains(t, read(t, out, "el/practices/draft-one/index.html"), "<h1>Πρόχειρο</h1>", "Greek draft")
		}
	}
}

// TestLinkToALanguage: a body may name a page in a given language by its
// folder (/el/...): the link goes there from every language's pages; a
// page that does not exist there is an error.
func TestLinkToALanguage(t *testing.T) {
	fsys := with(t, bilingual+`
-- pages/about.md --
---
title: About
---
Read [in Greek](/el/practices/mi-cluster/#description), [the Greek home](/el/) or [the Greek feed](/el/feed.xml).
`)
	out, _ := build(t, fsys)
	contains(t, read(t, out, "about/index.html"), `<a href="../el/practices/mi-cluster/#description">in Greek</a>, <a href="../el/">the Greek home</a> or <a href="../el/feed.xml">the Greek feed</a>`, "English page")
	contains(t, read(t, out, "el/about/index.html"), `<a href="../practices/mi-cluster/#description">in Greek</a>, <a href="../">the Greek home</a> or <a href="../feed.xml">the Greek feed</a>`, "Greek page")

	for _, bad := range []string{"/el/practices/nope/", "/el/data/practices.json", "/el/el/about/"} {
		fsys["pages/about.md"].Data = []byte("---\ntitle: About\n---\n[x](" + bad + ")\n")
		_, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: filepath.Join(t.TempDir(), "public")})
		if err == nil || !strings.Contains(err.Error(), `content/pages/about.md:4:1: link "`+bad+`" points at no page of the site`) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// TestSitemapIndex: past the sitemap limit (50,000 addresses; 7 here),
// sitemap.xml is an index of parts that, together, list every page in
// every language once, each part within the limit.
func TestSitemapIndex(t *testing.T) {
	defer generator.SetSitemapLimit(7)()
	for _, baseURL := range []string{"", "https://example.org/kb/"} {
		out := filepath.Join(t.TempDir(), "public")
		s, err := generator.Build(context.Background(), generator.Config{Src: with(t, bilingual), SrcRoot: "content", Out: out, BaseURL: baseURL})
		if err != nil {
			t.Fatal(err)
		}
		var index struct {
			XMLName xml.Name
			Maps    []struct {
				Loc string `xml:"loc"`
			} `xml:"sitemap"`
		}
		if err := xml.Unmarshal([]byte(read(t, out, "sitemap.xml")), &index); err != nil {
			t.Fatal(err)
		}
		pages := 0
		for _, p := range s.Pages {
			if p.Kind != "404" {
				pages++
			}
		}
		want := (2*pages + 6) / 7
		if index.XMLName.Local != "sitemapindex" || len(index.Maps) != want {
			t.Fatalf("base %q: %s with %d parts, want sitemapindex with %d", baseURL, index.XMLName.Local, len(index.Maps), want)
		}
		seen := map[string]bool{}
		for i, m := range index.Maps {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			if m.Loc != baseURL+name {
				t.Errorf("part %d at %q", i+1, m.Loc)
			}
			var part struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal([]byte(read(t, out, name)), &part); err != nil {
				t.Fatal(err)
			}
			if len(part.URLs) == 0 || len(part.URLs) > 7 {
				t.Errorf("%s lists %d addresses", name, len(part.URLs))
			}
			for _, u := range part.URLs {
				if seen[u.Loc] {
					t.Errorf("%s listed twice", u.Loc)
				}
				seen[u.Loc] = true
			}
		}
		if len(seen) != 2*pages || !seen[baseURL+"el/practices/mi-cluster/"] {
			t.Errorf("the parts list %d addresses, want %d", len(seen), 2*pages)
		}
	}
}

// TestLanguageNames: a language without a name in the theme is named by
// CLDR in itself, capitalised even when its first letter is not ASCII.
func TestLanguageNames(t *testing.T) {
	fsys := with(t, strings.Replace(bilingual, "languages: [en, el]", "languages: [en, el, cs, sr]", 1))
	out, _ := build(t, fsys)
	page := read(t, out, "practices/mi-cluster/index.html")
	for _, want := range []string{`lang="cs">Čeština</a>`, `lang="sr">Српски</a>`, `lang="el">Ελληνικά</a>`} {
		contains(t, page, want, "switcher")
	}
}

// TestBrokenUIStrings: a theme's strings file that does not parse is one
// error naming it, however many languages read it.
func TestBrokenUIStrings(t *testing.T) {
	for _, file := range []string{"en.yaml", "el.yaml"} {
		theme := t.TempDir()
		if err := os.MkdirAll(filepath.Join(theme, "i18n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(theme, "i18n", file), []byte("site.home: [unclosed\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := generator.Build(context.Background(), generator.Config{Src: with(t, bilingual), SrcRoot: "content", Out: filepath.Join(t.TempDir(), "public"), Theme: os.DirFS(theme)})
		if err == nil || strings.Count(err.Error(), "the theme's UI strings do not parse") != 1 || !strings.Contains(err.Error(), "i18n/"+file) {
			t.Errorf("%s: %v", file, err)
		}
	}
}
