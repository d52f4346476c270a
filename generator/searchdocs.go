package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/clusterpolisee/polisee/generator/internal/workers"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/search"
)

// SearchDir is where the index goes in the site.
const SearchDir = "search"

// searchDocuments maps every item page to a search document: search knows
// nothing of pages, so the generator decides what is searchable.
//
// On a multilingual site each version of an item is a document of its
// own, in its language: an original in the default language (ID
// practices/x), one written in another (lang: el), a translation
// (practices/x.el). Each is made from the pages of its language, and
// says which languages' pages show it (Document.Shown): its own, and
// every language it has no translation into, whose pages fall back to
// it. A document's URL is its page's path as in the default language;
// the search page of each language puts it under its own folder.
//
// The documents come without their text: bodies.fill gives it.
func (b *builder) searchDocuments() (docs []search.Document, bodies docBodies) {
	trees := b.trees
	if trees == nil {
		trees = []*builder{b}
	}
	shown := map[string][]string{} // page URL and item language -> languages whose pages show it
	for _, t := range trees {
		for _, p := range t.pages {
			if p.Item != nil {
				key := p.URL + " " + p.Item.Lang
				shown[key] = append(shown[key], t.lang)
			}
		}
	}
	// The documents are made on all cores (reading the items only): one
	// goroutine took about a second at 100,000 documents.
	type itemPage struct {
		t *builder
		p *Page
	}
	var todo []itemPage
	for _, t := range trees {
		for _, p := range t.pages {
			if p.Item != nil && p.Item.Lang == t.lang {
				todo = append(todo, itemPage{t, p})
			}
		}
	}
	docs = make([]search.Document, len(todo), len(todo)+1)
	workers.Each(len(todo), func(i int) {
		docs[i] = todo[i].t.searchDocument(todo[i].p.Item)
	})
	bodies = make(map[string]*body, len(todo))
	for i, tp := range todo {
		docs[i].Shown = shown[tp.p.URL+" "+tp.t.lang]
		if bd := tp.t.bodies[tp.p.Item]; bd != nil {
			bodies[docs[i].ID] = bd
		}
	}
	if terms := b.searchTerms(); len(terms) > 0 {
		docs = append(docs, search.TermsDocument(terms))
	}
	return docs, bodies
}

// searchTerms are the terms named by the items of a type that names
// terms (model.Type.Terms): the IDs of an item's documents, and its title
// in every language and its aliases, in file order, the original first.
func (b *builder) searchTerms() []search.Term {
	byKey := map[string]int{}
	var terms []search.Term
	add := func(it *model.Item) {
		key := it.Type.Folder + "/" + it.Slug
		i, ok := byKey[key]
		if !ok {
			i = len(terms)
			byKey[key] = i
			terms = append(terms, search.Term{})
		}
		terms[i].IDs = append(terms[i].IDs, docID(it))
		terms[i].Names = append(terms[i].Names, it.Title)
		terms[i].Names = append(terms[i].Names, it.Strings("aliases")...)
	}
	c := b.content.Base() // the originals, whatever the default language's pages show
	for _, it := range c.Items {
		if it.Type.Terms {
			add(it)
		}
	}
	for _, it := range c.Translations {
		if _, ok := byKey[it.Type.Folder+"/"+it.Slug]; ok {
			add(it)
		}
	}
	return terms
}

// docID is the ID of an item's search document: its path without .md
// (practices/x, practices/x.el).
func docID(it *model.Item) string { return strings.TrimSuffix(it.Path, ".md") }

// searchDocument is the search document of one item page.
func (b *builder) searchDocument(it *model.Item) search.Document {
	d := search.Document{
		ID:      docID(it),
		URL:     it.URL(),
		Type:    it.Type.Singular,
		Title:   it.Title,
		Summary: it.Summary,
		Status:  it.String("status"),
		Level:   it.String("level"),
		Year:    itemYear(it),
		Lang:    it.Lang,
		Tags:    it.Strings("tags"),
		Date:    itemDate(it).String(),
	}
	d.Areas = it.Strings("areas")
	if a := it.String("area"); a != "" {
		d.Areas = append(d.Areas, a)
	}
	if it.Type.Folder == model.FolderAreas {
		d.Areas = []string{it.Slug}
	}
	d.Countries = it.Countries()
	if it.Type.Folder == model.FolderCountries {
		d.Countries = []string{it.Key()}
	}
	d.Regions = model.Upper(it.Strings("regions"))
	if r := it.String("region"); r != "" {
		d.Regions = append(d.Regions, strings.ToUpper(r))
	}
	if it.Type.Folder == model.FolderRegions {
		d.Regions = []string{it.Key()}
	}
	for _, f := range it.Type.Referring(model.FolderOrganisations) {
		if f.Kind == model.KindList {
			d.Organisations = append(d.Organisations, it.Strings(f.Name)...)
		} else if o := it.String(f.Name); o != "" {
			d.Organisations = append(d.Organisations, o)
		}
	}
	if it.Type.Folder == model.FolderOrganisations {
		d.Organisations = []string{it.Key()}
	}
	return d
}

// docBodies are the bodies of search documents, by document ID.
type docBodies map[string]*body

// fill sets d's Body and Sections from its body, if it has one.
func (bodies docBodies) fill(d *search.Document) error {
	bd := bodies[d.ID]
	if bd == nil {
		return nil
	}
	text, err := bd.text()
	if err != nil {
		return err
	}
	d.Body = text
	_, sections, err := bd.outline()
	if err != nil {
		return err
	}
	for _, s := range sections {
		if s.Start < 0 || s.Start > s.End || s.End > len(text) {
			// Only a damaged store gives this: its outlines are written
			// with the text they cut.
			return fmt.Errorf("%s: a section does not fit the body's text (%d-%d of %d bytes): build again", d.ID, s.Start, s.End, len(text))
		}
		d.Sections = append(d.Sections, search.Section{Anchor: s.ID, Heading: s.Heading, Text: text[s.Start:s.End]})
	}
	return nil
}

// itemDate is the date pages are browsed by, newest first: when a
// document was published, a practice started or a profile's period
// began (the year a reader filters by, to the day where it is known).
// Pages without one (areas, countries, terms) come after those with.
func itemDate(it *model.Item) model.Date {
	for _, f := range []string{"date", "start"} {
		if d := it.Date(f); !d.IsZero() {
			return d
		}
	}
	return model.Date{Year: itemYear(it)}
}

// itemYear is the year a reader filters by: when a document was
// published, a practice started, or a profile's period began.
func itemYear(it *model.Item) int {
	for _, f := range []string{"date", "start"} {
		if d := it.Date(f); !d.IsZero() {
			return d.Year
		}
	}
	if p := it.String("period"); len(p) >= 4 {
		if y, err := strconv.Atoi(p[:4]); err == nil && y > 1000 {
			return y
		}
	}
	return 0
}

// searchMeta describes the index for the programs that open it. Format 2
// added Document.Shown, which a multilingual search filters on; format 3
// named the files by their content (IndexFile, relative to the search
// folder).
type searchMeta struct {
	Format    int      `json:"format"`
	Documents int      `json:"documents"`
	Languages []string `json:"languages"`
	IndexFile string   `json:"index"`
	// SectionsFile is the index of the pages' sections, when they have
	// any (search.BuildBoth).
	SectionsFile string `json:"sections,omitempty"`
	Engine       string `json:"engine,omitempty"`
	// Head is the head of the index in parts (parts/HEAD), which the
	// search page opens over http; none in serve and offline copies.
	Head string `json:"head,omitempty"`
	// SectionsHead is the head of the sections' index in parts, which
	// the search page opens over http when the pages' index is in parts.
	SectionsHead string `json:"sections_head,omitempty"`
}

// searchFiles builds the index and its description, names them in
// b.search (over http, by their content: see searchNames) and gives them
// to put, which may be called from several goroutines at once, and
// which in a build (not Preview) may not keep the bytes it is given. A
// build gives the two whole indexes to putWith instead, which writes
// them a piece at a time (see search.Segments.Evict); nil, put has them.
func (b *builder) searchFiles(ctx context.Context, put func(name string, data []byte) error, putWith func(name string, write func(io.Writer) error) error) error {
	docs, bodies := b.searchDocuments()
	if len(docs) == 0 {
		return nil
	}
	return b.indexFiles(ctx, docs, bodies, put, putWith)
}

// indexFiles is searchFiles once the documents are made.
func (b *builder) indexFiles(ctx context.Context, docs []search.Document, bodies docBodies, put func(name string, data []byte) error, putWith func(name string, write func(io.Writer) error) error) error {
	b.indexed = len(docs)
	// docs is not used once the index has it: the index keeps a copy in
	// its own order, which it lets go a batch at a time, and this one
	// need not be held beside it.
	// The index reads the bodies' text a batch at a time: from the
	// bodies' store in a build, from memory in polisee serve. A build
	// gives put the index's bytes only until it returns (output.Tx
	// writes them as it is given them), so they can stay in their files,
	// out of the heap (search.Segments); polisee serve keeps them.
	var data, sections []byte
	var segs *search.Segments // nil in polisee serve
	var err error
	if b.cfg.Preview {
		data, sections, err = search.BuildBothFilling(ctx, docs, bodies.fill, "")
	} else {
		if segs, err = search.BuildSegments(ctx, docs, bodies.fill, ""); err == nil {
			defer segs.Close()
			data, sections = segs.Pages, segs.Sections
		}
	}
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	names := b.search
	names.nameEngine(b.cfg.Engine)
	names.Sections = ""
	if sections != nil {
		names.Sections = SearchDir + "/" + search.SectionsFile
	}
	var evict func()
	if segs != nil {
		evict = segs.Evict
	}
	if !b.cfg.Preview {
		names.Index = SearchDir + "/" + contentNameEvicting(search.IndexFile, data, evict)
		if sections != nil {
			names.Sections = SearchDir + "/" + contentNameEvicting(search.SectionsFile, sections, evict)
		}
	}
	meta := searchMeta{Format: 3, Documents: b.indexed, Languages: b.content.Site.Languages, IndexFile: path.Base(names.Index)}
	if names.Sections != "" {
		meta.SectionsFile = path.Base(names.Sections)
	}
	if names.Wasm != "" {
		meta.Engine = path.Base(names.Wasm)
	}
	head, err := partFiles(data, b.indexed, b.cfg, put, evict)
	if err != nil {
		return err
	}
	names.Head, names.PartsDir, names.SectionsHead = head, "", ""
	if head != "" {
		names.PartsDir = partsDir + "/"
		meta.Head = strings.TrimPrefix(head, SearchDir+"/")
		// In parts, the whole files are for polisee search alone, with no
		// compressed copies: each is written, and let go, as soon as it
		// is cut, so that the two are not held together (at 100,000
		// documents, 138 and 154 MB, at the build's peak).
		if segs != nil && putWith != nil {
			err = putWith(names.Index, segs.WritePages)
		} else {
			err = put(names.Index, data)
		}
		if err != nil {
			return err
		}
		data = nil
		if segs != nil {
			segs.ClosePages()
		}
		if sections != nil {
			if names.SectionsHead, err = sectionPartFiles(sections, put, evict); err != nil {
				return err
			}
			meta.SectionsHead = strings.TrimPrefix(names.SectionsHead, SearchDir+"/")
			if segs != nil && putWith != nil {
				err = putWith(names.Sections, segs.WriteSections)
			} else {
				err = put(names.Sections, sections)
			}
			if err != nil {
				return err
			}
			sections = nil
		}
	}
	files, err := engineFiles(b.cfg.Engine, data, sections, names, b.cfg)
	if err != nil {
		return err
	}
	metaJSON, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	files[SearchDir+"/meta.json"] = append(metaJSON, '\n')
	for p, data := range b.engineScripts {
		files[p] = data
	}
	for _, p := range sortedKeys(files) {
		if err := put(p, files[p]); err != nil {
			return err
		}
	}
	return nil
}

// SearchDocuments returns the documents a build would index, without
// writing anything: for tools that measure or inspect the index.
func SearchDocuments(ctx context.Context, cfg Config) ([]search.Document, error) {
	b, diags := prepare(ctx, cfg, prepareOptions{})
	if err := diags.Err(); err != nil {
		return nil, err
	}
	b.plainLanguageTrees() // documents need pages and bodies, not relations
	docs, bodies := b.searchDocuments()
	for i := range docs {
		if err := bodies.fill(&docs[i]); err != nil {
			return nil, err
		}
	}
	return docs, nil
}
