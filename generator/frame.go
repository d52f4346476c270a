package generator

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// Frame blocks: the parts of a page's frame (the menus, the search form,
// the footer, the scripts) that come out the same on every page of a
// folder.
//
// A theme names such a block in base.html ({{define "site-top"}}) and
// draws it with {{.Frame "site-top"}}. The block is rendered once for all
// the pages that share the page's language, kind and folder (the pages
// two or more folders deep share their parent's: every practice's page
// shares one), and each of them gets that HTML. On the generated
// 1,000-document site the frame was about a third of the templates' work
// on a practice's page (BenchmarkRenderPage: 290 µs a page, 232 µs with
// the frame shared), and most pages of a large site are items'.
//
// A block sees a frameView, not the page: the texts (T, TH, Tn), the
// site, the page's kind and language, links (Rel, Root, Asset), the
// menus (Nav, FooterLinks) and the settings of the scripts. Anything
// else of the page is an error when the block runs, so a block cannot
// show one page's data on another. A link that depends on the page
// itself (Rel of a page in the same folder) is allowed: the block's
// HTML is then made for each page and not shared. polisee serve, which
// records what each page reads, renders every block for every page.

// frameKey names one frame block's HTML: the blocks of pages with the
// same key come out the same.
type frameKey struct {
	tmpl *template.Template
	name string
	kind string
	dir  string
}

// frameDir is the part of a page's address that its frame blocks may
// depend on, in the language's folder prefix ("" or "/el"): the page's
// folder ("/el/practices" for the list of practices), or, for a page
// two or more folders deep in its language, its parent's with "*"
// ("/el/practices/*" for every practice), and whether it is the
// latter. The menus mark the page's top folder, which both keep; links
// to the site's top-level pages, files and folders are the same from
// every page of a folder (relURL).
func frameDir(prefix, url string) (dir string, wild bool) {
	segs := dirSegments(prefix + url)
	if len(dirSegments(url)) < 2 {
		return "/" + strings.Join(segs, "/"), false
	}
	return "/" + strings.Join(segs[:len(segs)-1], "/") + "/*", true
}

// dirSegments are the folders of a page's address, as relURL reads them.
func dirSegments(from string) []string {
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir)
	}
	dir = strings.Trim(dir, "/")
	if dir == "" || dir == "." {
		return nil
	}
	return strings.Split(dir, "/")
}

// pageBoundLink reports whether the link from a page at from to the site
// path to differs between pages of the same parent folder: when to is
// in that folder, below it, it may lead to the page itself or to a
// sibling.
func pageBoundLink(from, to string) bool {
	segs := dirSegments(from)
	if len(segs) < 2 {
		return false
	}
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to = to[:i]
	}
	parent := segs[:len(segs)-1]
	ts := strings.Split(strings.Trim(to, "/"), "/")
	if strings.Trim(to, "/") == "" || len(ts) <= len(parent) {
		return false
	}
	for i, s := range parent {
		if ts[i] != s {
			return false
		}
	}
	return true
}

// Frame renders the frame block name (a template of base.html) for the
// page, or gives the HTML made for an earlier page with the same frame.
func (v *view) Frame(name string) (template.HTML, error) {
	if v.tmpl == nil {
		return "", fmt.Errorf("frame block %q: no layout is being rendered", name)
	}
	from := v.b.prefix + v.Page.URL
	dir, wild := frameDir(v.b.prefix, v.Page.URL)
	key := frameKey{tmpl: v.tmpl, name: name, kind: v.Page.Kind, dir: dir}
	// polisee serve records what a page reads: a block taken from the
	// cache would record nothing.
	cached := v.uses == nil
	if cached {
		if html, ok := v.b.frames.Load(key); ok {
			return html.(template.HTML), nil
		}
	}
	f := &frameView{v: v, Site: v.Site, Page: framePage{Kind: v.Page.Kind}, from: from, wild: wild}
	var buf bytes.Buffer
	if err := v.tmpl.ExecuteTemplate(&buf, name, f); err != nil {
		return "", fmt.Errorf("frame block %q (a frame block sees only the texts, links, menus and settings that are the same on every page of a folder): %w", name, err)
	}
	html := template.HTML(buf.String())
	if cached && !f.pageBound {
		v.b.frames.Store(key, html)
	}
	return html, nil
}

// frameView is what a frame block sees.
type frameView struct {
	v    *view
	Site *model.Site
	Page framePage
	from string
	wild bool
	// pageBound is set when the block linked to a page of the folder,
	// which makes its HTML the page's own.
	pageBound bool
}

// framePage is what a frame block knows of the page.
type framePage struct {
	Kind string
}

func (f *frameView) Lang() string                             { return f.v.Lang() }
func (f *frameView) T(key string, args ...any) string         { return f.v.T(key, args...) }
func (f *frameView) Tn(key string, n int, args ...any) string { return f.v.Tn(key, n, args...) }
func (f *frameView) TH(key string, args ...any) template.HTML { return f.v.TH(key, args...) }
func (f *frameView) Root() string                             { return f.v.Root() }
func (f *frameView) Nav() []navLink                           { return f.v.Nav() }
func (f *frameView) FooterLinks() []navLink                   { return f.v.FooterLinks() }
func (f *frameView) Snapshot() *Snapshot                      { return f.v.Snapshot() }
func (f *frameView) Offline() bool                            { return f.v.Offline() }
func (f *frameView) SearchEnabled() bool                      { return f.v.SearchEnabled() }
func (f *frameView) SearchFiles() searchNames                 { return f.v.SearchFiles() }
func (f *frameView) SearchLanguages() string                  { return f.v.SearchLanguages() }
func (f *frameView) Asset(name string) string                 { return f.Rel("/assets/" + f.v.assetName(name)) }

// Rel is view.Rel, noting a link that differs between the folder's pages.
func (f *frameView) Rel(to string) string {
	to = f.v.b.inTree(to)
	if f.wild && pageBoundLink(f.from, to) {
		f.pageBound = true
	}
	return f.v.rel(to)
}
