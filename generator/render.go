package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
	"github.com/clusterpolisee/polisee/generator/markdown"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/generator/output"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// layouts are the page kinds; each is a template file of the theme that
// fills in the blocks of base.html.
var layouts = []string{"home", "list", "item", "facet", "search", "contributing", "compare", "404"}

func (b *builder) templates() (map[string]*template.Template, error) {
	base, err := fs.ReadFile(b.theme, "layouts/base.html")
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	out := map[string]*template.Template{}
	for _, name := range b.layoutNames() {
		file := "layouts/" + name + ".html"
		src, err := fs.ReadFile(b.theme, file)
		if errors.Is(err, fs.ErrNotExist) && !slices.Contains(layouts, name) {
			return nil, fmt.Errorf("theme: no %s, the layout %s names for %s; add it to the theme (-theme DIR), or leave the layout out to use item.html and list.html", file, model.SchemaFile, b.layoutUsers(name))
		}
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		t, err := template.New("base.html").Funcs(b.pageFuncs()).Parse(string(base))
		if err != nil {
			return nil, b.layoutError("layouts/base.html", err)
		}
		if _, err := t.New(name + ".html").Parse(string(src)); err != nil {
			return nil, b.layoutError(file, err)
		}
		out[name] = t
	}
	return out, nil
}

// templateLine is where text/template's parser names a mistake:
// "template: NAME:LINE: message".
var templateLine = regexp.MustCompile(`^template: [^:]+:(\d+): (.*)$`)

// layoutError reports a layout that does not parse. A theme folder's
// layout is named by its path in the folder as given, at the line of the
// mistake, so that the message points at the file to fix.
func (b *builder) layoutError(file string, err error) error {
	if b.cfg.Theme == nil {
		return fmt.Errorf("theme %s: %w", file, err)
	}
	if _, serr := fs.Stat(b.cfg.Theme, file); serr != nil {
		return fmt.Errorf("theme %s: %w", file, err)
	}
	var l diag.List
	pos, msg := diag.Pos{}, err.Error()
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		pos, msg = diag.Pos{Line: line, Col: 1}, m[2]
	}
	l.Errorf(path.Join(b.cfg.ThemeRoot, file), pos, "the layout does not parse: %s", msg)
	return l.Err()
}

// layoutNames are the page kinds' layouts and those the types name.
func (b *builder) layoutNames() []string {
	names := slices.Clone(layouts)
	for _, t := range b.content.Schema.Types {
		for _, l := range []string{t.Present.Layout, t.Present.ListLayout} {
			if l != "" && !slices.Contains(names, l) {
				names = append(names, l)
			}
		}
	}
	return names
}

// layoutUsers names the folders whose types use layout name.
func (b *builder) layoutUsers(name string) string {
	var folders []string
	for _, t := range b.content.Schema.Types {
		if t.Present.Layout == name || t.Present.ListLayout == name {
			folders = append(folders, t.Folder+"/")
		}
	}
	return strings.Join(folders, ", ")
}

// layoutOf is the layout that renders a page: its kind's, or the one its
// type names for its item or list pages.
func layoutOf(p *Page) string {
	if p.Type != nil {
		switch {
		case p.Kind == "item" && p.Type.Present.Layout != "":
			return p.Type.Present.Layout
		case p.Kind == "list" && p.Type.Present.ListLayout != "":
			return p.Type.Present.ListLayout
		}
	}
	return p.Kind
}

// write renders every page and the other outputs into the transaction.
func (b *builder) write(ctx context.Context, tx *output.Tx) ([]string, error) {
	tmpls, err := b.templates()
	if err != nil {
		return nil, err
	}
	var files []string
	var filesMu sync.Mutex
	list := func(name string) {
		filesMu.Lock()
		files = append(files, name)
		filesMu.Unlock()
	}
	add := func(name string, data []byte) error {
		list(name)
		return tx.WriteFile(name, data)
	}
	// addWith is add for a file written a piece at a time.
	addWith := func(name string, write func(io.Writer) error) error {
		list(name)
		return tx.WriteFileWith(name, write)
	}

	// The index first: pages name it by its content. Its files are
	// written as they are made.
	b.progress.begin("index", "documents", 0)
	err = b.searchFiles(ctx, add, addWith)
	if err != nil {
		return nil, err
	}
	b.progress.end(b.indexed)
	// Only the index reads the bodies' texts: their file goes now, and
	// the pages written next take the memory it held in the system's
	// file cache rather than memory the system has not used before
	// (at 100,000 documents the texts are about 670 MB).
	b.texts.close()
	total := 0
	for _, t := range b.trees {
		total += len(t.pages)
	}
	b.progress.begin("render", "pages", total)

	// The other files (feeds, sitemaps, open data) are pure functions of
	// the content: they are made while the pages render, so that no core
	// waits at the end on one file (at 100,000 documents they took 9 s
	// after the pages, on one core).
	extras := make(chan error, 1)
	go func() { extras <- b.writeExtraFiles(ctx, add, addWith) }()
	pageFiles, err := b.writePages(ctx, tx, tmpls)
	if xerr := <-extras; err == nil {
		err = xerr
	}
	if err != nil {
		return nil, err
	}
	files = append(files, pageFiles...)
	b.progress.end(total)
	assets, err := b.assets()
	if err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(assets) {
		if err := add(name, assets[name]); err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

// writeExtraFiles makes and writes the files besides the pages and the
// index, in every language, one after the other.
func (b *builder) writeExtraFiles(ctx context.Context, add func(name string, data []byte) error, addWith func(name string, write func(io.Writer) error) error) error {
	for _, f := range b.allExtraFiles() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.write != nil {
			if err := addWith(f.name, f.write); err != nil {
				return fmt.Errorf("write %s: %w", f.name, err)
			}
			continue
		}
		data, err := f.make()
		if err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
		if err := add(f.name, data); err != nil {
			return err
		}
	}
	return nil
}

// writePages renders and writes the pages of every language, and returns
// their files.
func (b *builder) writePages(ctx context.Context, tx *output.Tx, tmpls map[string]*template.Template) ([]string, error) {
	var files []string
	// Links to parts of pages are checked against the pages as rendered.
	anchors := newAnchorCheck(b.trees)
	for _, t := range b.trees {
		if t != b {
			var err error
			if tmpls, err = t.templates(); err != nil {
				return nil, err
			}
		}
		errs := make([]error, len(t.pages))
		sets, err := templateSets(tmpls, runtime.GOMAXPROCS(0))
		if err != nil {
			return nil, err
		}
		// Each page is written as soon as it is rendered: with more
		// workers than cores, another renders while one waits on the
		// disk (10,000 documents, three builds each way: 17.5-19.0 s
		// against 17.9-19.3 s, the same CPU).
		workers.EachFile(len(t.pages), func(i int) {
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			buf := pageBuffers.Get().(*bytes.Buffer)
			set := <-sets
			err := t.renderPageTo(buf, set, t.pages[i], nil)
			sets <- set
			if err == nil {
				anchors.observe(t.prefix+t.pages[i].URL, buf.Bytes())
				err = tx.WriteFile(t.pages[i].File, buf.Bytes())
			}
			putPageBuffer(buf)
			errs[i] = err
			b.progress.step()
		})
		for i, err := range errs {
			if err != nil {
				return nil, err
			}
			files = append(files, t.pages[i].File)
		}
	}
	b.anchorWarnings = anchors.warnings()
	return files, nil
}

// templateSets gives n copies of a language's layouts, one for each core
// rendering pages at a time (a worker takes one for a page's rendering,
// not for its writing): a set takes a lock for every function a
// template calls and every template it runs, and cores sharing one wait
// on each other's (2.5 s of the render's CPU at 100,000 documents on
// two cores). Layouts must not have run yet.
func templateSets(tmpls map[string]*template.Template, n int) (chan map[string]*template.Template, error) {
	sets := make(chan map[string]*template.Template, n)
	sets <- tmpls
	for range n - 1 {
		set := make(map[string]*template.Template, len(tmpls))
		for name, t := range tmpls {
			c, err := t.Clone()
			if err != nil {
				return nil, fmt.Errorf("layout %s: %w", name, err)
			}
			set[name] = c
		}
		sets <- set
	}
	return sets, nil
}

// pageBuffers hold pages while they are rendered and written. A page
// grows its buffer from nothing a dozen times; at 10,000 pages that was
// 40% of what rendering allocated, which the garbage collector then
// swept.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer kept for the next page: the few
// pages that list everything (megabytes) would otherwise stay in memory.
const maxPooledBuffer = 1 << 20

func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// renderPage renders one page with the layout of its kind. When u is set,
// it records what the page reads.
func (b *builder) renderPage(tmpls map[string]*template.Template, p *Page, u uses) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.renderPageTo(&buf, tmpls, p, u); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderPageTo is renderPage into buf, which is left with the page alone
// (or, on an error, anything).
func (b *builder) renderPageTo(buf *bytes.Buffer, tmpls map[string]*template.Template, p *Page, u uses) error {
	buf.Reset()
	v := b.view(p)
	if u != nil {
		v.uses = u
		v.useItem(p.Item)
		v.useItems(p.Items)
		if p.Kind == "list" || p.Kind == "facet" {
			v.useFolder(p.Type.Folder)
		}
	}
	t := tmpls[layoutOf(p)]
	if t == nil {
		return fmt.Errorf("render %s: the theme has no layout for %s pages", p.URL, p.Kind)
	}
	v.tmpl = t
	if err := t.ExecuteTemplate(buf, "base.html", v); err != nil {
		if strings.Contains(err.Error(), "can't evaluate field Data in type *model.Item") {
			// Front matter is read field by field (model.Item.Field).
			return fmt.Errorf("render %s: %w; read a front-matter field with .Value \"name\" (or .String, .Strings, .Has, .Date, .Int)", p.URL, err)
		}
		return fmt.Errorf("render %s: %w", p.URL, err)
	}
	return nil
}

// assets are the theme's static files, by their name in the site.
//
// Each is written twice: under its own name (assets/style.css), for
// whatever links to it by name, and under a name that carries a hash of
// its content (assets/style.0123456789ab.css), which the pages link to
// (Asset): a host may then let browsers keep it for good, and a page seen
// before asks the host for none of its stylesheet and scripts again.
func (b *builder) assets() (map[string][]byte, error) {
	b.assetsOnce.Do(func() {
		files := map[string][]byte{}
		named := map[string]string{}
		err := fs.WalkDir(b.theme, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(b.theme, p)
			name := strings.TrimPrefix(p, "static/")
			hashed := contentName(name, data)
			files["assets/"+name] = data
			files["assets/"+hashed] = data
			named[name] = hashed
			return err
		})
		if err != nil {
			b.assetsErr = fmt.Errorf("theme static files: %w", err)
			return
		}
		b.assetFiles, b.assetNames = files, named
	})
	return b.assetFiles, b.assetsErr
}

// view is what a template sees.
type view struct {
	b    *builder
	Site *model.Site
	Page *Page
	// uses, when set, records what the page reads (see uses.go).
	uses uses
	// tmpl is the layout being rendered, whose frame blocks Frame draws.
	tmpl *template.Template
}

func (b *builder) view(p *Page) *view { return &view{b: b, Site: &b.content.Site, Page: p} }

// Rel links from the current page to a site path. The 404 page is served
// by hosts at any missing address, so its links cannot be relative: they
// use the base URL, or the site root when there is none (except in an
// offline copy, which no host serves).
//
// to is written as for the default language (/practices/x/): on a page in
// another language it leads to the same page in that language, unless it
// names a file all languages share (see languages.go).
func (v *view) Rel(to string) string { return v.rel(v.b.inTree(to)) }

// rel links to a site path as it is.
func (v *view) rel(to string) string {
	if v.Page.Kind == "404" && !v.b.cfg.Offline {
		if v.Site.BaseURL == "" {
			return to
		}
		return v.b.absURL(to)
	}
	return relURL(v.b.prefix+v.Page.URL, to, v.b.cfg.Offline)
}

// Asset links to a file of the theme's static folder.
func (v *view) Asset(name string) string { return v.Rel("/assets/" + v.assetName(name)) }

// assetName is a theme file's name with its content hash, when the
// theme has it.
func (v *view) assetName(name string) string {
	if _, err := v.b.assets(); err == nil {
		if hashed, ok := v.b.assetNames[name]; ok {
			return hashed
		}
	}
	return name
}

// Ref finds an item by type folder and key, or nil.
func (v *view) Ref(folder, key string) *model.Item { return v.lookup(folder, key) }

// Items lists the published items of a type.
func (v *view) Items(folder string) []*model.Item {
	v.folder(folder) // records the use
	return slices.Clone(v.b.sortedFolder(folder))
}

// sortedFolder is a folder's items in list order, sorted once a build;
// the caller must not change it.
func (b *builder) sortedFolder(folder string) []*model.Item {
	b.listedMu.Lock()
	defer b.listedMu.Unlock()
	if items, ok := b.listed[folder]; ok {
		return items
	}
	items := slices.Clone(b.content.ByFolder(folder))
	b.content.Schema.Type(folder).SortList(items)
	if b.listed == nil {
		b.listed = map[string][]*model.Item{}
	}
	b.listed[folder] = items
	return items
}

// valueCount counts a folder's items (given) by their value of field,
// once a build: each of the hundreds of pages of a long list shows the
// same facets.
func (b *builder) valueCount(folder, field string, items []*model.Item) map[string]int {
	b.valueCountsMu.Lock()
	defer b.valueCountsMu.Unlock()
	key := [2]string{folder, field}
	if counts, ok := b.valueCounts[key]; ok {
		return counts
	}
	counts := map[string]int{}
	for _, it := range items {
		counts[it.String(field)]++
	}
	if b.valueCounts == nil {
		b.valueCounts = map[[2]string]map[string]int{}
	}
	b.valueCounts[key] = counts
	return counts
}

// Nav lists the main sections of the site for the header.
func (v *view) Nav() []navLink {
	var out []navLink
	for _, t := range v.schema().InNav() {
		if f := t.Folder; v.hasItems(f) {
			out = append(out, navLink{Title: v.b.tr.TypeTitle(t), URL: "/" + f + "/", Current: strings.HasPrefix(v.Page.URL, "/"+f+"/")})
			for _, name := range t.Present.Views {
				if l, ok := v.viewLink(name); ok {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// viewLink is the menu entry of a knowledge-base view that a type's
// Presentation.Views names.
func (v *view) viewLink(name string) (navLink, bool) {
	switch name {
	case "compare":
		return navLink{Title: v.T("site.nav_compare"), URL: compareURL, Current: strings.HasPrefix(v.Page.URL, compareURL)}, true
	}
	return navLink{}, false
}

// FooterLinks lists the free pages and the smaller sections.
func (v *view) FooterLinks() []navLink {
	var items, types []navLink
	for _, t := range v.schema().InFooter() {
		if !t.Present.FooterItems {
			if v.hasItems(t.Folder) {
				types = append(types, navLink{Title: v.b.tr.TypeTitle(t), URL: "/" + t.Folder + "/"})
			}
			continue
		}
		for _, p := range v.Items(t.Folder) {
			if ownPage(p) || p.Slug == contributingSlug {
				items = append(items, navLink{Title: p.Title, URL: p.URL()})
			}
		}
	}
	out := items
	if v.lookup(model.FolderPages, contributingSlug) == nil {
		out = append(out, navLink{Title: v.T("site.footer_contributing"), URL: contributingURL})
	}
	return append(out, types...)
}

type navLink struct {
	Title, URL string
	Current    bool
}

// Home is the page whose body introduces the site, or nil.
func (v *view) Home() *model.Item { return v.Ref(model.FolderPages, homeSlug) }

// Body is an item's Markdown body as HTML.
func (v *view) Body(it *model.Item) (template.HTML, error) {
	if b := v.body(it); b != nil {
		return b.html()
	}
	return "", nil
}

// Sections lists the second-level headings of an item's body, for an
// "on this page" menu.
func (v *view) Sections(it *model.Item) ([]markdown.Heading, error) {
	b := v.body(it)
	if b == nil {
		return nil, nil
	}
	headings, _, err := b.outline()
	if err != nil {
		return nil, err
	}
	var out []markdown.Heading
	for _, h := range headings {
		if h.Level == 2 && h.ID != "" {
			out = append(out, h)
		}
	}
	return out, nil
}

// Backlinks lists what refers to an item, grouped by type.
func (v *view) Backlinks(it *model.Item) []Group {
	return v.backGroups(it)
}

// Related lists items that share areas or countries with it.
func (v *view) Related(it *model.Item) []*model.Item { return v.related(it) }

// Latest returns up to n practices, most recently updated or started
// first, then by title and path (model.CompareItems).
func (v *view) Latest(n int) []*model.Item {
	return newest(v.folder(model.FolderPractices), n, model.CompareItems)
}

// newest returns up to n of items, newest first by entryDate, those of
// one date in the order of tie (a total order). It keeps the newest n as
// they come, each item's date read once, rather than sorting them all:
// the home page and the feed show 100 or fewer of the 80,000 practices
// at 100,000 generated documents, where sorting them (the feed did)
// took 0.7 s of CPU, read each date again at every comparison, and grew
// faster than the number of items.
func newest(items []*model.Item, n int, tie func(a, b *model.Item) int) []*model.Item {
	type dated struct {
		it   *model.Item
		date model.Date
	}
	before := func(a, b dated) bool {
		if c := a.date.Compare(b.date); c != 0 {
			return c > 0
		}
		return tie(a.it, b.it) < 0
	}
	if n <= 0 {
		return nil
	}
	top := make([]dated, 0, min(n, len(items)))
	for _, it := range items {
		d := dated{it, entryDate(it)}
		if len(top) == n && !before(d, top[n-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return before(d, top[i]) })
		if len(top) < n {
			top = append(top, dated{})
		}
		copy(top[i+1:], top[i:len(top)-1])
		top[i] = d
	}
	out := make([]*model.Item, len(top))
	for i, d := range top {
		out[i] = d.it
	}
	return out
}

// Count returns how many items of folder refer to it.
func (v *view) Count(it *model.Item, folder string) int {
	n := 0
	for _, o := range v.back(it) {
		if o.Type.Folder == folder {
			n++
		}
	}
	return n
}

// Facets lists the facets of a type's list page (Presentation.Facets):
// for each field, its values with their counts and pages.
func (v *view) Facets(t *model.Type) []facet {
	var out []facet
	if t == nil {
		return nil
	}
	for _, field := range t.Present.Facets {
		items := v.folder(t.Folder)
		f := facet{Field: field, Heading: v.b.tr.Either("list.by_"+field, "list.by", "field", strings.ToLower(v.b.tr.FieldLabel(field))),
			Label: v.b.tr.TypeT(t, "by_"+field, "list.by_label", "type", v.b.tr.TypeTitle(t), "field", strings.ToLower(v.b.tr.FieldLabel(field)))}
		counts := v.b.valueCount(t.Folder, field, items)
		for _, value := range t.Field(field).Values {
			f.Values = append(f.Values, facetCount{Value: value, Label: v.b.tr.ValuePlural(field, value), Count: counts[value], URL: t.FacetURL(field, value)})
		}
		out = append(out, f)
	}
	return out
}

// ListGroups splits a list page's items into groups by the type's
// Presentation.Group field, in the order the list gives (so a list newest
// first, grouped by date, has the newest year first); items without a
// value come last. It returns nil for a type that is not grouped.
func (v *view) ListGroups(p *Page) []listGroup {
	if p.Type == nil || p.Type.Present.Group == "" {
		return nil
	}
	f := p.Type.Field(p.Type.Present.Group)
	var out []listGroup
	at := map[string]int{}
	var none []*model.Item
	for _, it := range p.Items {
		key, label := v.groupOf(it, f)
		if key == "" {
			none = append(none, it)
			continue
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, listGroup{ID: "group-" + strconv.Itoa(i+1), Label: label})
		}
		out[i].Items = append(out[i].Items, it)
	}
	if len(none) > 0 {
		out = append(out, listGroup{ID: "group-none", Label: v.T("list.ungrouped"), Items: none})
	}
	return out
}

// groupOf is the group an item falls in: a key and its heading.
func (v *view) groupOf(it *model.Item, f *model.Field) (key, label string) {
	switch val := it.Value(f.Name).(type) {
	case nil:
		return "", ""
	case model.Date:
		if val.IsZero() {
			return "", ""
		}
		y := strconv.Itoa(val.Year)
		return y, y
	case bool:
		if val {
			return "yes", v.T("list.yes")
		}
		return "no", v.T("list.no")
	case string:
		switch {
		case val == "":
			return "", ""
		case f.Kind == model.KindEnum:
			return val, v.b.tr.ValuePlural(f.Name, val)
		case f.Kind == model.KindRef:
			if r := v.Ref(f.Ref, val); r != nil {
				return val, r.Title
			}
		}
		return val, val
	default:
		s := fmt.Sprint(val)
		return s, s
	}
}

type listGroup struct {
	ID, Label string
	Items     []*model.Item
}

// facet is one field of a list page's facets.
type facet struct {
	Field, Heading, Label string
	Values                []facetCount
}

type facetCount struct {
	Value, Label, URL string
	Count             int
}

// EditURL links to the item's source file in the repository, or "".
func (v *view) EditURL(it *model.Item) string {
	s := v.Site
	if s.Repository == "" || it == nil {
		return ""
	}
	return strings.TrimSuffix(s.Repository, "/") + "/edit/" + s.Branch + "/" + path.Join(s.ContentDir, it.Path)
}

// isFact reports whether a field is shown in an item's fact box: one value
// or a list of them, but not the words the page shows otherwise (title,
// summary, short), the bookkeeping (draft, updated, order, lang: the page
// marks the item's words with it), nor structures (sources, assessments,
// instruments, criteria...), which have sections of their own.
func isFact(f *model.Field) bool {
	switch f.Name {
	case "title", "summary", "short", "draft", "updated", "order", "lang":
		return false
	}
	return f.Kind != model.KindMap && f.Kind != model.KindObject && (f.Kind != model.KindList || f.Elem.Kind != model.KindObject)
}

// Meta lists an item's fields for its fact box, in schema order.
func (v *view) Meta(it *model.Item) []metaRow {
	var rows []metaRow
	v.useItem(it)
	for _, f := range it.Type.Fields {
		if !isFact(f) {
			continue
		}
		val, ok := it.Field(f.Name)
		if !ok {
			continue
		}
		row := metaRow{Label: v.b.tr.FieldLabel(f.Name)}
		for _, e := range asList(val) {
			row.Values = append(row.Values, v.metaValue(it, f, e))
		}
		if len(row.Values) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

type metaRow struct {
	Label  string
	Values []metaValue
}

type metaValue struct {
	Text, URL string
	External  bool
	Lang      string // the text's language when it is not the page's (an untranslated item's title)
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func (v *view) metaValue(it *model.Item, f *model.Field, val any) metaValue {
	kind, ref := f.Kind, f.Ref
	if f.Kind == model.KindList {
		kind, ref = f.Elem.Kind, f.Elem.Ref
	}
	switch kind {
	case model.KindRef:
		key := fmt.Sprint(val)
		if target := v.Ref(ref, key); target != nil {
			mv := metaValue{Text: target.Title, URL: v.Rel(target.URL())}
			if v.foreign(target) {
				mv.Lang = target.Lang
			}
			return mv
		}
		return metaValue{Text: key}
	case model.KindEnum:
		s := fmt.Sprint(val)
		if it.Type.Folder == model.FolderPractices && f.Name == "status" {
			return metaValue{Text: v.b.tr.Label(s), URL: v.Rel("/practices/status/" + s + "/")}
		}
		return metaValue{Text: v.b.tr.Label(s)}
	case model.KindBool:
		if val == true {
			return metaValue{Text: v.T("item.yes")}
		}
		return metaValue{Text: v.T("item.no")}
	case model.KindDate:
		if d, ok := model.ParseDate(fmt.Sprint(val)); ok {
			return metaValue{Text: v.b.tr.Date(d)}
		}
	case model.KindURL:
		s := fmt.Sprint(val)
		return metaValue{Text: displayURL(s), URL: s, External: true}
	}
	return metaValue{Text: fmt.Sprint(val)}
}

func displayURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	d := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.Path, "/")
	if utf8.RuneCountInString(d) > 60 {
		// Cut between letters, not inside one: paths in Greek or
		// Cyrillic take two bytes a letter.
		d = string([]rune(d)[:57]) + "…"
	}
	return d
}

// entryDate is the date an item is listed under in feeds and "latest":
// its date, its update, or its start.
func entryDate(it *model.Item) model.Date {
	for _, f := range []string{"date", "updated", "start"} {
		if d := it.Date(f); !d.IsZero() {
			return d
		}
	}
	return model.Date{}
}

// Cards prepares a list of items for the "cards" partial, which needs
// both the items and the view to link them.
func (v *view) Cards(items []*model.Item) cardList { return cardList{V: v, Items: items} }

// GroupCards is Cards for a group of a grouped list page, under its
// heading.
func (v *view) GroupCards(items []*model.Item) cardList {
	return cardList{V: v, Items: items, Grouped: true}
}

type cardList struct {
	V       *view
	Items   []*model.Item
	Grouped bool
}

// Snapshot is the offline copy's stamp, or nil on the live site.
func (v *view) Snapshot() *Snapshot { return v.b.cfg.Snapshot }

// Offline reports whether links name their index.html files.
func (v *view) Offline() bool { return v.b.cfg.Offline }
