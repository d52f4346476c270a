package generator

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// Languages. A site declares its languages in site.yaml; the first is the
// default. The default language's pages are at the site root, and every
// other language has the whole site again under its code: /el/,
// /el/practices/slug/, /el/search/, /el/feed.xml. Each such page tree is
// made by its own builder, from the content as that language shows it
// (model.Content.Localized): a translated item takes its translation's
// words and keeps its original's facts; an untranslated one is shown in
// its own language (the default, or the one its lang field gives) with a
// note saying so, so that every page exists in every language and the
// language switcher always has a page to go to. The default language's
// pages are made the same way: an item written in another language shows
// there as its translation into the default one, when it has one.
//
// Paths inside a tree are written as in the default one (/practices/x/);
// Rel maps them into the tree. Some files exist once for the whole site
// and are linked as they are from every tree (shared): the theme's assets,
// the open data, the sitemap, robots.txt and the search engine and index,
// which holds the documents of every language.

// treePrefix is where the pages of lang live: "" for the default
// language, "/el" for el.
func treePrefix(site *model.Site, lang string) string {
	if lang == "" || lang == site.DefaultLanguage() {
		return ""
	}
	return "/" + lang
}

// shared reports whether a site path names a file that exists once for
// every language, at the site root, or a page of a language named by its
// folder (/el/about/, written in a body): either is linked as it is from
// every language's pages.
func (b *builder) shared(p string) bool {
	if i := strings.IndexAny(p, "#?"); i >= 0 {
		p = p[:i]
	}
	if b.languageFolder(p) != "" {
		return true
	}
	switch {
	case strings.HasPrefix(p, "/assets/"), strings.HasPrefix(p, "/data/"), strings.HasPrefix(p, "/admin/"), p == "/sitemap.xml", p == "/robots.txt":
		return true
	case strings.HasPrefix(p, "/"+SearchDir+"/"):
		return p != "/"+SearchDir+"/" // the search page is per language, its files are not
	}
	return false
}

// inTree maps a site path, as written for the default language, to the
// same page in this builder's language.
func (b *builder) inTree(p string) string {
	if b.prefix == "" || b.shared(p) {
		return p
	}
	return b.prefix + p
}

// languageFolder returns the language whose folder a site path is in
// (el for /el/about/), or "" for the default language's pages.
func (b *builder) languageFolder(p string) string {
	for _, lang := range b.content.Site.Languages[1:] {
		if strings.HasPrefix(p, "/"+lang+"/") {
			return lang
		}
	}
	return ""
}

// languageTrees returns one builder per language of the site, in the
// order of site.yaml: b itself for the default, then one for each other
// language, which shares b's parsed bodies where it can, with its
// relations.
func (b *builder) languageTrees() []*builder {
	trees := b.plainLanguageTrees()
	for _, t := range trees[1:] {
		t.rel = buildRelations(t.content)
	}
	return trees
}

// plainLanguageTrees is languageTrees without the other languages'
// relations, which polisee serve may carry over from its last build.
func (b *builder) plainLanguageTrees() []*builder {
	trees := []*builder{b}
	for _, lang := range b.content.Site.Languages[1:] {
		trees = append(trees, b.languageTree(lang))
	}
	b.trees = trees
	return trees
}

// languageTree makes the builder of the pages in lang. The page plan is
// the default one's (path problems were reported there); bodies are the
// same HTML as in the default tree, since their links are relative and
// every page has the same place in each tree, except for a body that
// links to a shared file: it is rendered again from its place in lang.
// Its relations are left to the caller.
func (b *builder) languageTree(lang string) *builder {
	t := &builder{
		cfg: b.cfg, content: b.content.Localized(lang), byPath: b.byPath, urls: map[string]string{},
		theme: b.theme, lang: lang, prefix: treePrefix(&b.content.Site, lang), trs: b.trs, tr: b.trs[lang],
		search: b.search, keep: b.keep, store: b.store, texts: b.texts,
	}
	var ignored diag.List
	t.planPages(&ignored)
	t.bodies = make(map[*model.Item]*body, len(t.content.Items))
	for _, it := range t.content.Items {
		bd := b.bodies[b.byPath[it.Path]]
		if bd != nil && bd.sharedLinks {
			bd = t.prepareBody(it)
		}
		t.bodies[it] = bd
	}
	return t
}

// languageName is a language's name in itself, for the switcher: the
// theme's language.name string when its file has one, else the name the
// Unicode CLDR gives (golang.org/x/text), else the code.
func (b *builder) languageName(lang string) string {
	if tr := b.trs[lang]; tr != nil && tr.Own("language.name") != "" {
		return tr.Own("language.name")
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	if name := display.Self.Name(tag); name != "" {
		first, size := utf8.DecodeRuneInString(name)
		return string(unicode.ToUpper(first)) + name[size:]
	}
	return lang
}

// LanguageName is a language's name in itself.
func (v *view) LanguageName(lang string) string { return v.b.languageName(lang) }

// Lang is the language of the page.
func (v *view) Lang() string { return v.b.lang }

// languageLink is one language's version of the current page.
type languageLink struct {
	Lang, Name string
	URL        string // relative to the current page
	Href       string // for hreflang: absolute; "" without a base URL
	Current    bool
}

// Languages lists the page in every language of the site, the current
// one marked; empty on a site with one language.
func (v *view) Languages() []languageLink {
	site := v.Site
	if len(site.Languages) < 2 {
		return nil
	}
	page := v.Page.URL
	if v.Page.Kind == "404" {
		page = "/" // a missing page has no other language: go home
	}
	var out []languageLink
	for _, lang := range site.Languages {
		to := treePrefix(site, lang) + page
		l := languageLink{Lang: lang, Name: v.b.languageName(lang), URL: v.rel(to), Current: lang == v.b.lang}
		if site.BaseURL != "" {
			l.Href = v.b.absURL(to)
		}
		out = append(out, l)
	}
	return out
}

// Alternates are the page's versions in every language for the hreflang
// links of the head: none without a base URL, because search engines
// ignore hreflang links that are not absolute (and count them against
// the page); the language switcher still links every version.
func (v *view) Alternates() []languageLink {
	if v.Site.BaseURL == "" {
		return nil
	}
	return v.Languages()
}

// Description is the meta description of pages that are not an item's:
// the site's description (site.yaml), which is in the default language;
// in another language, the summary of the home page's translation when
// it has one.
func (v *view) Description() string {
	if v.b.prefix == "" {
		return v.Site.Description
	}
	if home := v.Home(); home != nil && home.Lang == v.b.lang && home.Summary != "" {
		return home.Summary
	}
	return v.Site.Description
}

// Canonical is the page's absolute address, or "" without a base URL.
func (v *view) Canonical() string {
	if v.Site.BaseURL == "" || v.Page.Kind == "404" {
		return ""
	}
	return v.b.absURL(v.b.prefix + v.Page.URL)
}

// Root is the site root relative to the page, where the shared files
// are; Rel "/" is the root of the page's language.
func (v *view) Root() string { return v.rel("/") }

// Fallback says, on a page in one language, that an item is shown in
// another because it has no translation yet, and how to add one; "" when
// the item is in the page's language.
func (v *view) Fallback(it *model.Item) template.HTML {
	if !v.foreign(it) {
		return ""
	}
	v.useItem(it)
	file := strings.TrimSuffix(it.Path, ".md") + "." + v.b.lang + ".md"
	if dir := v.Site.ContentDir; dir != "" {
		file = dir + "/" + file
	}
	return v.TH("item.fallback_html", "original", template.HTML(`<span lang="`+template.HTMLEscapeString(it.Lang)+`">`+template.HTMLEscapeString(v.b.languageName(it.Lang))+`</span>`), "file", code(file))
}

// foreign reports whether an item is shown in another language than the
// page's: it has no translation into it yet.
func (v *view) foreign(it *model.Item) bool {
	return it != nil && it.Lang != "" && it.Lang != v.b.lang
}

// LangAttr is a lang attribute, with a space before it, for an item's
// words when they are not in the page's language, so that screen readers
// and hyphenation read them right: <h1{{.LangAttr $it}}>.
func (v *view) LangAttr(it *model.Item) template.HTMLAttr {
	if !v.foreign(it) {
		return ""
	}
	return template.HTMLAttr(` lang="` + template.HTMLEscapeString(it.Lang) + `"`)
}
