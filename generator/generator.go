// Package generator turns a content tree into the static site. One call,
// Build, does it all; Check stops after validation; Preview rebuilds
// incrementally for polisee serve.
//
// The pipeline runs one way, each step in its own package where it has one:
//
//   - load and validate: package model reads site.yaml, schema.yaml (the
//     site's own types) and the Markdown files, checks them against the
//     schema and resolves references;
//   - relate: back-links and related items (pages.go), for the types whose
//     presentation asks for them;
//   - index: the search index of every page in every language (package
//     search; searchdocs.go says what is searchable);
//   - render: bodies (package markdown), then pages with html/template
//     (a copy, internal/gotemplate, that calls through reflect less; theme
//     from package themes), in the words of package i18n, through
//     the view a template sees (render.go; the knowledge-base views of
//     package kb, kbviews.go), whose every read of the content is
//     recorded for Preview (uses.go);
//   - write: the pages, the feeds and the sitemap (package feeds), the
//     open data (package opendata), all into one new folder swapped in at
//     the end (package output).
//
// What varies by content type is declared with the type (model.Type's
// Presentation), not named here. Output is a pure function of the content
// and the theme: the same input gives the same bytes, whatever the
// machine, the time zone or the file times.
package generator

import (
	"bytes"
	"context"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/i18n"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/markdown"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/generator/output"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
	"github.com/clusterpolisee/polisee/search"
	"github.com/clusterpolisee/polisee/themes"
)

// Config is everything a build needs.
type Config struct {
	// Src is the content tree; SrcRoot is how its paths appear in messages
	// (e.g. "content"); SrcDir is its folder on disk, if any, which the
	// output may never replace.
	Src     fs.FS
	SrcRoot string
	SrcDir  string
	// Out is the output folder (default "public").
	Out string
	// Theme replaces files of the default theme when set; ThemeRoot is
	// its folder as given, which names the theme's files in messages.
	Theme     fs.FS
	ThemeRoot string
	// BaseURL overrides base_url of the site configuration.
	BaseURL string
	// Drafts includes items marked draft: true.
	Drafts bool
	// Offline makes every link to a folder name its index.html, and adds
	// the search engine and index as classic scripts, so that the site and
	// its search work when opened from disk.
	Offline bool
	// MaxFileSize overrides the per-file size cap.
	MaxFileSize int64
	// Engine is the compiled browser search engine (package
	// search/engine). Without it the search page says that search is
	// not part of this build; the index is written all the same.
	Engine *SearchEngine
	// IndexParts says when the browser's index comes in parts
	// (search.WriteParts), which the search page fetches as its queries
	// need them: IndexPartsBySize (""), the default, when the whole index
	// is larger than PartsFrom bytes; IndexPartsAlways; IndexPartsNever.
	// Offline copies and polisee serve never write parts.
	IndexParts string
	// Logf, if set, receives progress messages.
	Logf func(format string, args ...any)
	// Progress, if set, hears of each stage of Build as it goes (see
	// Stage); it may be called from several goroutines, one at a time.
	Progress func(Stage)
	// Preview is a build for polisee serve: no precompressed files, which
	// a local server does not need.
	Preview bool
	// Snapshot, set for offline copies, is stamped on every page. A
	// missing date becomes the newest date in the content, so the stamp
	// never depends on the clock.
	Snapshot *Snapshot
}

// The values of Config.IndexParts.
const (
	IndexPartsBySize = ""
	IndexPartsAlways = "always"
	IndexPartsNever  = "never"
)

// PartsFrom is the size of the whole index above which a build cuts it
// into parts (Config.IndexParts). Below it, the search page's first
// result comes sooner from the whole index, fetched while the engine
// downloads, than from parts fetched in two rounds once the engine has
// started: 80 ms sooner cold and 40 ms warm at the median of six visits
// on the generated 1,000-document site (an index of 1.7 MB, 0.45 MB
// brotli); at 3,000 documents (5.1 MB) the parts were already about 100
// ms sooner cold and 70 ms warm, and at 10,000 (15 MB) 400 ms and more.
// The crossover lies between 1.7 and 5.1 MB; 4 MB is a choice within
// that range. See the README's Search section.
const PartsFrom = 4 << 20

// Snapshot says which state of the content an offline copy holds.
type Snapshot struct {
	Date    string // YYYY-MM-DD
	Version string // e.g. a Git commit
	LiveURL string // where the live site is; the base URL when empty
}

// SearchEngine is the browser's search engine: WebAssembly and the Go
// runtime's loader script, and optionally the WebAssembly already
// compressed (gzip, brotli) so that builds need not compress it again.
type SearchEngine struct {
	Wasm, ExecJS   []byte
	WasmGz, WasmBr []byte
}

// Site is the result of a build.
type Site struct {
	Content *model.Content
	// Pages are the pages in the default language; Translated, those of
	// each other language, under its folder (see languages.go).
	Pages      []*Page
	Translated map[string][]*Page
	Files      []string // written files, slash-separated, sorted
	Warnings   diag.List
	Snapshot   *Snapshot // as stamped, with its date filled in
}

// builder holds the state of one build.
type builder struct {
	cfg      Config
	progress *progress // Build's stages (nil: none reported)
	indexed  int       // documents in the search index
	content  *model.Content
	bodies   map[*model.Item]*body
	byPath   map[string]*model.Item // content path -> item
	urls     map[string]string      // lowercased site path -> canonical
	urlList  []string
	// fixedPaths are the site paths of fixedFiles, noted by planPages
	// (isFixedFile).
	fixedPaths map[string]bool
	pages      []*Page
	rel        relations
	theme      fs.FS
	// lang is the language of the pages this builder makes, and prefix
	// the folder they go in: "" for the default language, "/el" for el.
	lang, prefix string
	tr           *i18n.Translator            // UI strings of lang (i18n.go)
	trs          map[string]*i18n.Translator // UI strings of every language of the site
	// trees are the builders of every language, the default (this one)
	// first; set on the default builder by languageTrees.
	trees []*builder
	// anchorWarnings are the body links to parts of pages that the
	// rendered pages lack (anchorCheck), found by write.
	anchorWarnings diag.List

	// search names the files of the browser search, shared by every
	// language's builder; set before pages are rendered (searchfiles.go).
	search *searchNames
	// engineScripts are the theme's scripts that start the engine, by
	// their content-named path in the site (searchNames.nameScripts).
	engineScripts map[string][]byte
	// keep says where bodies are kept; store holds them in a build, but
	// for their plain texts, which texts holds: only the index reads
	// them, and the render stage reuses the memory their file took
	// once it is released (write closes it after the index).
	keep  keepBodies
	store *bodyStore
	texts *bodyStore

	lessonsOnce sync.Once              // fills lessons, on first use
	lessons     map[string][]kb.Lesson // practices and pilots by area, most tested first (kb.RankLessons)
	// lessonCounts counts each area's lessons by the countries they name
	// (kb.CountLessons), filled with lessons.
	lessonCounts map[string]map[string]int
	regionsOnce  sync.Once               // fills regions, on first use
	regions      *kb.RegionCounts        // practices by NUTS 2 region (kb.CountByRegion)
	localOnce    sync.Once               // fills local, on first use
	local        map[string]*kb.LocalSet // practices and pilots by country (compare.go)
	// assetFiles are the theme's static files as the site has them, and
	// assetNames each one's name with its content hash (assets, Asset);
	// made once.
	assetsOnce sync.Once
	assetFiles map[string][]byte
	assetNames map[string]string
	assetsErr  error
	// compareBy holds the profiles by country when the comparison is cut
	// by country (compare.go), filled once; compareURLs then gives each
	// profile's compare page.
	compareOnce sync.Once
	compareBy   []compareGroup
	compareURLs map[*model.Item]string
	// listed holds each folder's items in their list order, sorted on
	// first use (sortedFolder): pages ask for whole lists (every
	// country's map reads every practice), and sorting them for each
	// page grew with pages times items.
	listedMu sync.Mutex
	listed   map[string][]*model.Item
	// valueCounts counts a folder's items by the value of a field (key:
	// folder and field), counted on first use (valueCount): every page
	// of a long list shows its type's facets.
	valueCountsMu sync.Mutex
	valueCounts   map[[2]string]map[string]int
	// frames holds the frame blocks' HTML by frameKey (frame.go).
	frames sync.Map
}

// Check loads and validates the content, bodies and links included, and
// returns every problem found, sorted. It writes nothing.
func Check(ctx context.Context, cfg Config) diag.List {
	_, diags := prepare(ctx, cfg, prepareOptions{bodies: bodiesDropped})
	return diags
}

// Build checks the content and, when it has no errors, writes the site.
// Content errors come back as a *diag.ListError (see diag.AsList); warnings
// are in Site.Warnings.
func Build(ctx context.Context, cfg Config) (*Site, error) {
	if cfg.Out == "" {
		cfg.Out = "public"
	}
	pr := &progress{report: cfg.Progress}
	pr.begin("load", "items", 0)
	opts := prepareOptions{bodies: bodiesStored}
	if cfg.Preview {
		opts.bodies = bodiesInMemory
	}
	b, diags := prepare(ctx, cfg, opts)
	if b != nil {
		defer b.store.close()
		defer b.texts.close()
	}
	if err := diags.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pr.end(len(b.content.Items))
	b.progress = pr
	pr.begin("relate", "items", 0)
	b.rel = buildRelations(b.content)
	trees := b.languageTrees()
	if !cfg.Preview {
		for _, t := range trees {
			t.content.ForgetChecked()
		}
	}
	pr.end(len(b.content.Items))
	tx, err := output.Begin(ctx, cfg.Out, output.Options{Forbidden: []string{cfg.SrcDir}, Waiting: func() {
		if cfg.Logf != nil {
			cfg.Logf("waiting for another build writing %s to finish", cfg.Out)
		}
	}})
	if err != nil {
		return nil, err
	}
	files, err := b.write(ctx, tx)
	if err != nil {
		tx.Abort()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		tx.Abort()
		return nil, err
	}
	pr.begin("write", "files", len(files))
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	pr.end(len(files))
	diags.Append(b.anchorWarnings)
	site := &Site{Content: b.content, Pages: b.pages, Files: files, Warnings: diags.Warnings(), Snapshot: b.cfg.Snapshot}
	for _, t := range trees[1:] {
		if site.Translated == nil {
			site.Translated = map[string][]*Page{}
		}
		site.Translated[t.lang] = t.pages
	}
	return site, nil
}

// prepareOptions let polisee serve reuse the work of its last build.
type prepareOptions struct {
	// cache keeps parsed files between loads.
	cache *model.Cache
	// reuse, when set, is called once the pages are planned; the function
	// it returns gives the body of an unchanged item from the last build.
	reuse func(b *builder) func(it *model.Item) (*body, bool)
	// bodies says what becomes of the rendered bodies.
	bodies keepBodies
}

// keepBodies says where a build keeps its rendered bodies.
type keepBodies int

const (
	// bodiesInMemory keeps them in memory, and the Markdown too, for
	// polisee serve to tell what changed and reuse the rest.
	bodiesInMemory keepBodies = iota
	// bodiesStored writes them to a temporary file (bodyStore), for a
	// build; the Markdown stays in its files (model.Options.BodiesOnDisk).
	bodiesStored
	// bodiesDropped keeps only what checking needs: their problems.
	bodiesDropped
)

// prepare runs everything up to rendering: load, validate, parse bodies,
// plan pages and check links. Relations (back-links, related items) are
// left to the caller: checking needs none.
func prepare(ctx context.Context, cfg Config, opts prepareOptions) (*builder, diag.List) {
	if cfg.Src == nil {
		var l diag.List
		l.Errorf(cfg.SrcRoot, diag.Pos{}, "no content folder given")
		return nil, l
	}
	content, diags := model.Load(cfg.Src, model.Options{Root: cfg.SrcRoot, Drafts: cfg.Drafts, MaxFileSize: cfg.MaxFileSize, Cache: opts.cache, BodiesOnDisk: opts.bodies != bodiesInMemory, PackFrontMatter: opts.bodies != bodiesInMemory && !cfg.Preview})
	if content == nil {
		return nil, diags
	}
	checkNUTS(content, &diags)
	if !cfg.Preview {
		// Checked: a build reports nothing more at a field's position.
		content.ForgetPositions()
	}
	if cfg.BaseURL != "" {
		content.Site.BaseURL = cfg.BaseURL
	}
	if content.Site.BaseURL != "" && !strings.HasSuffix(content.Site.BaseURL, "/") {
		content.Site.BaseURL += "/"
	}
	if cfg.Snapshot != nil {
		snap := *cfg.Snapshot
		if snap.Date == "" {
			snap.Date = newestDate(content).String()
		}
		if snap.LiveURL == "" {
			snap.LiveURL = content.Site.BaseURL
		}
		cfg.Snapshot = &snap
	}
	// The default language's pages show the content as it is, but for
	// the items written in another language (lang) that have a
	// translation into it; the other languages localize from the same
	// content (languageTree).
	b := &builder{cfg: cfg, content: content.Localized(content.Site.DefaultLanguage()), byPath: map[string]*model.Item{}, urls: map[string]string{}, search: &searchNames{}}
	b.search.nameEngine(cfg.Engine)
	b.theme = themes.Default()
	if cfg.Theme != nil {
		b.theme = themes.Overlay(cfg.Theme, themes.Default())
	}
	scripts, err := b.search.nameScripts(cfg.Engine, b.theme)
	if err != nil {
		diags.Errorf(cfg.SrcRoot, diag.Pos{}, "%v", err)
		return nil, diags
	}
	b.engineScripts = scripts
	b.lang = content.Site.DefaultLanguage()
	b.trs = i18n.Load(cfg.Theme, cfg.ThemeRoot, cfg.Src, cfg.SrcRoot, &content.Site, &diags)
	b.tr = b.trs[b.lang]
	all := append(append([]*model.Item(nil), content.Items...), content.Translations...)
	for _, it := range all {
		b.byPath[it.Path] = it
	}
	if ctx.Err() != nil {
		diags.Errorf(cfg.SrcRoot, diag.Pos{}, "%v", ctx.Err())
		return nil, diags
	}

	b.planPages(&diags)
	b.keep = opts.bodies
	if opts.bodies == bodiesStored {
		store, err := newBodyStore()
		if err != nil {
			diags.Errorf(cfg.SrcRoot, diag.Pos{}, "%v", err)
			return nil, diags
		}
		texts, err := newBodyStore()
		if err != nil {
			store.close()
			diags.Errorf(cfg.SrcRoot, diag.Pos{}, "%v", err)
			return nil, diags
		}
		b.store, b.texts = store, texts
	}

	// Parse, check and render every body on all cores. Only the rendered
	// HTML, the plain text and the headings are kept (a build keeps the
	// first two on disk: see bodyStore): the syntax trees of thousands of
	// pages would hold hundreds of megabytes until the end.
	var reuse func(*model.Item) (*body, bool)
	if opts.reuse != nil {
		reuse = opts.reuse(b)
	}
	// A build keeps its bodies to its end, in one array: one object for
	// the collector to mark in every collection, not one for each item.
	// A preview makes each on its own: the next preview may keep some,
	// and one kept would keep the whole array.
	bodies := make([]*body, len(all))
	var made []body
	if reuse == nil {
		made = make([]body, len(all))
	}
	workers.Each(len(all), func(i int) {
		if reuse != nil {
			if bd, ok := reuse(all[i]); ok {
				bodies[i] = bd
				return
			}
			bodies[i] = b.prepareBody(all[i])
			return
		}
		b.prepareBodyInto(&made[i], all[i])
		bodies[i] = &made[i]
	})
	for _, s := range []*bodyStore{b.store, b.texts} {
		if err := s.seal(); err != nil {
			b.store.close()
			b.texts.close()
			diags.Errorf(cfg.SrcRoot, diag.Pos{}, "%v", err)
			return nil, diags
		}
	}
	b.bodies = make(map[*model.Item]*body, len(all))
	for i, it := range all {
		b.bodies[it] = bodies[i]
		diags.Append(bodies[i].diags)
		if cfg.Preview && len(bodies[i].Sections) > 0 {
			// serve renders pages before their index: they name the
			// sections' index by its fixed name (see searchNames).
			b.search.Sections = SearchDir + "/" + search.SectionsFile
		}
	}
	for _, it := range b.content.Items {
		if it.Original != nil {
			// Translated into the default language: the translation's body.
			b.bodies[it] = b.bodies[b.byPath[it.Path]]
		}
	}
	diags.Sort()
	return b, diags
}

// body is what the pages and the index need of an item's Markdown.
type body struct {
	HTML     template.HTML
	Text     string
	Headings []markdown.Heading
	// Sections are the parts of Text under the headings a reader jumps
	// to, for search to say where in a page a query's words are.
	Sections []markdown.Section
	// (A build keeps Headings and Sections in the store too: see
	// outline.)
	// diags are the body's problems (warnings, in a good build).
	diags diag.List
	// siteLinks reports whether the body links to pages of the site: its
	// HTML then depends on which pages exist.
	siteLinks bool
	// sharedLinks reports whether it links to a file every language
	// shares (the open data, say): its links then differ in each
	// language's pages.
	sharedLinks bool
	// anchors are its links to parts of pages (#id), checked once the
	// pages are rendered.
	anchors []anchorLink
	// store, when set, holds HTML, Headings and Sections, and texts
	// Text, which are then empty: see html, text and outline
	// (bodystore.go).
	store, texts                          *bodyStore
	storedHTML, storedText, storedOutline storedText
}

// prepareBody guards against slow shapes, parses, checks links and
// sections, rewrites links and renders one body, which it keeps as b.keep
// says.
func (b *builder) prepareBody(it *model.Item) *body {
	bd := new(body)
	b.prepareBodyInto(bd, it)
	return bd
}

// prepareBodyInto is prepareBody setting *bd.
func (b *builder) prepareBodyInto(bd *body, it *model.Item) {
	var diags diag.List
	if it.Body == nil {
		// Left in its file (model.Options.BodiesOnDisk): read it for
		// this, and let it go after.
		// Into a buffer the next body reuses: nothing made from the
		// body keeps its bytes (the HTML, the text, the links and the
		// headings are copies; TestStoredBodiesAsInMemory).
		file := bodyFiles.Get().(*[]byte)
		defer bodyFiles.Put(file)
		src, err := it.ReadBodyInto(b.cfg.Src, file)
		if err != nil {
			diags.Errorf(it.DisplayPath, diag.Pos{}, "%v", err)
			*bd = body{diags: diags}
			return
		}
		it.Body = src
		defer func() { it.Body = nil }()
	}
	if p := markdown.Guard(it.Body); p != nil {
		pos := model.PosAt(it.Body, p.Offset)
		pos.Line += it.BodyLine - 1
		diags.Errorf(it.DisplayPath, pos, "%s", p.Msg)
		*bd = body{diags: diags}
		return
	}
	doc := markdown.Parse(it.Body)
	siteLinks, sharedLinks, anchors := b.resolveLinks(it, doc, &diags)
	b.checkSections(it, doc, &diags)
	checkHeadings(it, doc, &diags)
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer putPageBuffer(buf)
	if err := doc.Render(buf); err != nil {
		diags.Errorf(it.DisplayPath, diag.Pos{Line: it.BodyLine, Col: 1}, "cannot render the body: %v", err)
	}
	// The body was checked and rendered without raw HTML; goldmark's
	// renderer escapes text and drops dangerous URLs.
	*bd = body{diags: diags, siteLinks: siteLinks, sharedLinks: sharedLinks, anchors: anchors}
	switch b.keep {
	case bodiesInMemory:
		text, sections := doc.TextSections()
		bd.HTML, bd.Text = template.HTML(buf.String()), text
		bd.Headings, bd.Sections = doc.Headings, sections
	case bodiesStored:
		// The text goes to its store through a buffer the next body
		// reuses.
		text := pageBuffers.Get().(*bytes.Buffer)
		text.Reset()
		defer putPageBuffer(text)
		sections := doc.WriteTextSections(text)
		bd.store, bd.texts = b.store, b.texts
		bd.storedHTML, bd.storedText = b.store.putBytes(buf.Bytes()), b.texts.putBytes(text.Bytes())
		if len(doc.Headings) > 0 || len(sections) > 0 {
			bd.storedOutline = b.store.putBytes(encodeOutline(doc.Headings, sections))
		}
	}
}

// bodyFiles are the buffers prepareBody reads bodies into.
var bodyFiles = sync.Pool{New: func() any { return new([]byte) }}

// newestDate is the latest date any item carries.
func newestDate(c *model.Content) model.Date {
	var newest model.Date
	for _, it := range c.Items {
		for _, f := range []string{"updated", "date"} {
			if d := it.Date(f); d.Compare(newest) > 0 {
				newest = d
			}
		}
	}
	return newest
}

// claim registers a site path, reporting a collision with one already
// taken (compared without case, as on case-insensitive file systems).
func (b *builder) claim(url, owner string, diags *diag.List, pos diag.Pos) bool {
	key := strings.ToLower(url)
	if prev, taken := b.urls[key]; taken {
		diags.Errorf(owner, pos, "this page would be written to %s, which %s already uses; rename the file", url, b.owner(prev))
		return false
	}
	b.urls[key] = url
	b.urlList = append(b.urlList, url)
	return true
}

func (b *builder) owner(url string) string {
	for _, lang := range b.content.Site.Languages[1:] {
		if url == "/"+lang+"/" {
			return "the folder of the pages in " + b.languageName(lang) + " (" + lang + ", a language of " + model.SiteFile + ")"
		}
	}
	switch url {
	case "/assets/":
		return "the folder of the site's styles and scripts"
	case "/data/":
		return "the folder of the open data"
	}
	for _, p := range b.pages {
		if p.URL == url {
			if p.Item != nil {
				return p.Item.DisplayPath
			}
			return "the " + p.Kind + " page"
		}
	}
	return "another page"
}

// checkSections warns when a body lacks the sections its type expects.
func (b *builder) checkSections(it *model.Item, doc *markdown.Doc, diags *diag.List) {
	if len(it.Type.Sections) == 0 {
		return
	}
	if it.Lang != b.content.Site.DefaultLanguage() {
		// A translation names its sections in its own words: count them.
		n := 0
		for _, h := range doc.Headings {
			if h.Level == 2 {
				n++
			}
		}
		if n < len(it.Type.Sections) {
			diags.Warnf(it.DisplayPath, diag.Pos{Line: it.BodyLine, Col: 1}, "%d second-level section%s (##); a %s has %d, in this order: %s, each translated",
				n, plural(n), it.Type.Singular, len(it.Type.Sections), strings.Join(it.Type.Sections, ", "))
		}
		return
	}
	have := map[string]bool{}
	for _, h := range doc.Headings {
		if h.Level == 2 {
			have[strings.ToLower(strings.TrimSpace(h.Text))] = true
		}
	}
	var missing []string
	for _, s := range it.Type.Sections {
		if !have[strings.ToLower(s)] {
			missing = append(missing, "## "+s)
		}
	}
	if len(missing) > 0 {
		diags.Warnf(it.DisplayPath, diag.Pos{Line: it.BodyLine, Col: 1}, "missing section%s %s", plural(len(missing)), strings.Join(missing, ", "))
	}
}

// emptyHeadingLine is a line that makes a heading with no text ("##").
var emptyHeadingLine = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+#*)?[ \t]*$`)

// checkHeadings warns about headings with no text, which the page would
// show as empty headings. The parser does not say where they are: each
// is put on the line of its kind outside fenced code, in order.
func checkHeadings(it *model.Item, doc *markdown.Doc, diags *diag.List) {
	if !slices.ContainsFunc(doc.Headings, func(h markdown.Heading) bool { return strings.TrimSpace(h.Text) == "" }) {
		return // the usual case: no need to read the body line by line
	}
	var lines []int // lines of the body, from 1, that hold an empty heading
	fence := ""
	for i, l := range strings.Split(string(it.Body), "\n") {
		l = strings.TrimSuffix(l, "\r")
		t := strings.TrimLeft(l, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case emptyHeadingLine.MatchString(l):
			lines = append(lines, i+1)
		}
	}
	k := 0
	for _, h := range doc.Headings {
		if strings.TrimSpace(h.Text) != "" {
			continue
		}
		line := 1
		if k < len(lines) {
			line = lines[k]
		}
		k++
		diags.Warnf(it.DisplayPath, diag.Pos{Line: it.BodyLine + line - 1, Col: 1}, "empty heading: write its text after the #, or remove the line")
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// outputFile maps a site path to the file that serves it.
func outputFile(url string) string {
	if strings.HasSuffix(url, "/") {
		return strings.TrimPrefix(url, "/") + "index.html"
	}
	return strings.TrimPrefix(url, "/")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
