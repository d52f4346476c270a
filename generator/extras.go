package generator

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/clusterpolisee/polisee/generator/feeds"
	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/generator/opendata"
)

type extraFile struct {
	name string
	make func() ([]byte, error)
	// reads lists the folders whose items (membership and front matter)
	// the file is made of, for polisee serve; nil means every folder.
	// Besides them a file may read only the site configuration.
	reads []string
	// write, when set, writes the file a piece at a time, which a build
	// does rather than hold it whole (see writtenFile); make then gives
	// the same bytes, for polisee serve.
	write func(io.Writer) error
}

// writtenFile is an extra file made by write. The open data are: at
// 100,000 documents the practices' JSON comes to 95 MB, which a build
// held whole, and more while its buffer grew, as the pages rendered.
func writtenFile(name string, write func(io.Writer) error, reads []string) extraFile {
	return extraFile{name: name, reads: reads, write: write, make: func() ([]byte, error) {
		var b bytes.Buffer
		err := write(&b)
		return b.Bytes(), err
	}}
}

// extraFiles are the outputs besides pages: sitemap, feed, open data and
// robots.txt. Each is a pure function of the content.
func (b *builder) extraFiles() []extraFile {
	if b.prefix != "" {
		// A language's own files; the rest are shared.
		return []extraFile{{name: strings.TrimPrefix(b.prefix, "/") + "/feed.xml", make: b.feed, reads: b.feedFolders()}}
	}
	return b.siteFiles()
}

// feedFolders are the folders of the types whose items are in the feeds.
func (b *builder) feedFolders() []string {
	folders := []string{}
	for _, t := range b.content.Schema.Where(func(t *model.Type) bool { return t.Present.Feed }) {
		folders = append(folders, t.Folder)
	}
	return folders
}

// siteFiles are the extra files of the default language, which include
// those every language shares.
func (b *builder) siteFiles() []extraFile {
	return append(append(b.sitemapFiles(), b.fixedFiles()...), b.adminFiles()...)
}

// fixedFiles are siteFiles but the sitemap, whose files depend on the
// number of pages.
func (b *builder) fixedFiles() []extraFile {
	files := []extraFile{
		{name: "feed.xml", make: b.feed, reads: b.feedFolders()},
		{name: "robots.txt", make: b.robots, reads: []string{}},
	}
	// Open data: one JSON and one CSV file per type that has it.
	for _, t := range b.content.Schema.Where(func(t *model.Type) bool { return t.Present.OpenData }) {
		// A profile's scores may come from the criteria of its areas.
		reads := []string{t.Folder, model.FolderAssessment}
		files = append(files,
			writtenFile("data/"+t.Folder+".json", func(w io.Writer) error { return opendata.WriteJSON(w, b.records(t)) }, reads),
			writtenFile("data/"+t.Folder+".csv", func(w io.Writer) error { return opendata.WriteCSV(w, b.records(t), b.spreadRecords(t)) }, reads))
	}
	return files
}

// absURL makes a site path absolute with the base URL; without one it
// becomes relative to the site root, where the feed, the sitemap and
// the data files live.
func (b *builder) absURL(p string) string {
	base := b.content.Site.BaseURL
	if base == "" {
		return strings.TrimPrefix(p, "/")
	}
	return base + strings.TrimPrefix(p, "/")
}

// allExtraFiles are the extra files of every language's pages.
func (b *builder) allExtraFiles() []extraFile {
	files := b.extraFiles()
	for _, t := range b.trees {
		if t != b {
			files = append(files, t.extraFiles()...)
		}
	}
	return files
}

// treeURL is absURL for a page of this builder's language; without a
// base URL it is relative to the language's folder, where its feed is.
func (b *builder) treeURL(p string) string {
	if b.content.Site.BaseURL == "" {
		if p == "/" {
			return "./"
		}
		return strings.TrimPrefix(p, "/")
	}
	return b.absURL(b.prefix + p)
}

// sitemapLimit is the most addresses one sitemap file lists; tests
// lower it.
var sitemapLimit = feeds.SitemapLimit

// sitemapFiles are sitemap.xml, listing every page in every language, or,
// past sitemapLimit addresses, sitemap.xml as an index of the files
// sitemap-1.xml, sitemap-2.xml... that list them.
func (b *builder) sitemapFiles() []extraFile {
	n := 0
	for _, p := range b.pages {
		if p.Kind != "404" {
			n++
		}
	}
	n *= len(b.content.Site.Languages)
	multilingual := len(b.content.Site.Languages) > 1
	if n <= sitemapLimit {
		return []extraFile{{name: "sitemap.xml", make: func() ([]byte, error) { return feeds.Sitemap(b.sitemapURLs(0, n), multilingual) }}}
	}
	parts := (n + sitemapLimit - 1) / sitemapLimit
	var locs []string
	for i := range parts {
		locs = append(locs, b.absURL(fmt.Sprintf("/sitemap-%d.xml", i+1)))
	}
	files := []extraFile{{name: "sitemap.xml", make: func() ([]byte, error) { return feeds.SitemapIndex(locs) }}}
	for i := range parts {
		files = append(files, extraFile{name: fmt.Sprintf("sitemap-%d.xml", i+1), make: func() ([]byte, error) {
			return feeds.Sitemap(b.sitemapURLs(i*sitemapLimit, min(n, (i+1)*sitemapLimit)), multilingual)
		}})
	}
	return files
}

// sitemapURLs lists the addresses from..to of every page in every
// language, languages in site order and pages in path order. On a
// multilingual site each names the page's versions in all languages
// (every language has the same pages).
func (b *builder) sitemapURLs(from, to int) []feeds.URL {
	site := &b.content.Site
	pages := append([]*Page(nil), b.pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	var out []feeds.URL
	k := -1
	for _, lang := range site.Languages {
		for _, p := range pages {
			if p.Kind == "404" {
				continue
			}
			if k++; k < from || k >= to {
				continue
			}
			u := feeds.URL{Loc: b.absURL(treePrefix(site, lang) + p.URL)}
			if p.Item != nil && !p.Item.Updated.IsZero() && p.Item.Updated.Day != 0 {
				u.LastMod = p.Item.Updated.String()
			}
			if len(site.Languages) > 1 {
				for _, alt := range site.Languages {
					u.Alternates = append(u.Alternates, feeds.Alternate{Lang: alt, Href: b.absURL(treePrefix(site, alt) + p.URL)})
				}
			}
			out = append(out, u)
		}
	}
	return out
}

// feed is the Atom feed of the types whose presentation puts them in it
// (practices and documents in the starter), newest first. Entry dates
// come from the content, never from the clock.
func (b *builder) feed() ([]byte, error) {
	var items []*model.Item
	for _, folder := range b.feedFolders() {
		items = append(items, b.content.ByFolder(folder)...)
	}
	// No two items share a path: with it, a total order.
	items = newest(items, feedLimit, func(a, b *model.Item) int { return strings.Compare(a.Path, b.Path) })
	site := b.content.Site
	f := feeds.Feed{Lang: b.lang, Title: site.Title, ID: b.feedID("/"), Link: b.treeURL("/"), Self: b.treeURL("/feed.xml"), Author: site.Title}
	if b.prefix != "" {
		f.Title = site.Title + " (" + b.languageName(b.lang) + ")"
	}
	for _, it := range items {
		e := feeds.Entry{Title: it.Title, ID: b.feedID(it.URL()), Link: b.treeURL(it.URL()), Updated: entryDate(it), Summary: it.Summary, Category: it.Type.Singular}
		if it.Lang != b.lang {
			e.Lang = it.Lang
		}
		f.Entries = append(f.Entries, e)
	}
	return feeds.Atom(f)
}

// feedLimit is the most entries a feed holds: the newest. A feed is
// fetched again and again by every reader that follows it, and tells
// what is new; with every practice and document in it, the feed of the
// 100,000-document generated corpus was 43 MB. The sitemap and the open
// data list everything. Tests lower it.
var feedLimit = 100

// feedID is a permanent id for an entry: its absolute URL, or a tag URI
// when the site has no base URL.
func (b *builder) feedID(p string) string {
	p = b.prefix + p
	if b.content.Site.BaseURL != "" {
		return b.absURL(p)
	}
	return "urn:polisee:" + strings.Trim(strings.ReplaceAll(p, "/", ":"), ":")
}

func (b *builder) robots() ([]byte, error) {
	if b.content.Site.BaseURL == "" {
		return feeds.Robots(""), nil
	}
	return feeds.Robots(b.absURL("/sitemap.xml")), nil
}

// records flattens the items of a type into open-data records, with the
// type's Presentation.Columns, or every field of the schema, as columns,
// in schema order, after slug and url. They are made one at a time, as
// the open data files read them (every record shares the columns), so
// that no file holds a copy of every item's fields.
func (b *builder) records(t *model.Type) iter.Seq[opendata.Record] {
	return b.recordsWith(t, func(string) bool { return true })
}

// spreadField is the one field recordValue gives as an opendata.Spread
// (a profile's assessment, score_AREA and note_AREA columns in the CSV).
const spreadField = "assessment"

// spreadRecords are the records of t with the values of its columns that
// recordValue gives as an opendata.Spread only, for the CSV's header
// (opendata.WriteCSV): nil when it has none of them.
func (b *builder) spreadRecords(t *model.Type) iter.Seq[opendata.Record] {
	spreads := func(name string) bool { return name == spreadField }
	if !slices.ContainsFunc(t.Fields, func(f *model.Field) bool { return spreads(f.Name) }) {
		return nil
	}
	return b.recordsWith(t, spreads)
}

// recordsWith is records with the values of the fields that want
// accepts, the other columns left without.
func (b *builder) recordsWith(t *model.Type, want func(field string) bool) iter.Seq[opendata.Record] {
	cols := []string{"slug", "url"}
	var fields []*model.Field
	for _, f := range t.Fields {
		if f.Name == "draft" || (len(t.Present.Columns) > 0 && !slices.Contains(t.Present.Columns, f.Name)) {
			continue
		}
		cols = append(cols, f.Name)
		if want(f.Name) {
			fields = append(fields, f)
		}
	}
	return func(yield func(opendata.Record) bool) {
		for _, it := range b.content.ByFolder(t.Folder) {
			r := opendata.Record{Cols: cols, Vals: make(map[string]any, len(fields)+2)}
			r.Vals["slug"], r.Vals["url"] = it.Slug, b.absURL(it.URL())
			for _, f := range fields {
				r.Vals[f.Name] = b.recordValue(it, f)
			}
			if !yield(r) {
				return
			}
		}
	}
}

// recordValue is a field of an item as open data gives it: the sources as
// {title, url} (their URLs in the CSV), a profile's assessment as {area,
// score, note} entries (score_AREA and note_AREA columns in the CSV; a
// score derived from the area's criteria where the site has them), its
// judgements and instruments as objects, dates as text.
func (b *builder) recordValue(it *model.Item, f *model.Field) any {
	switch f.Name {
	case "lang":
		return it.Lang // the language of the record's words
	case "sources":
		var urls []string
		for _, s := range it.Sources() {
			urls = append(urls, s.URL)
		}
		return opendata.Text{JSON: it.Sources(), CSV: strings.Join(urls, "; ")}
	case "reviewed":
		m, ok := it.Value(f.Name).(map[string]any)
		if !ok {
			return nil
		}
		d, _ := m["date"].(model.Date)
		by := fmt.Sprint(m["by"])
		return opendata.Text{JSON: map[string]string{"by": by, "date": d.String()}, CSV: by + ", " + d.String()}
	case spreadField:
		type score struct {
			Area  string `json:"area"`
			Score *int   `json:"score"`
			Note  string `json:"note,omitempty"`
		}
		var scores []score
		spread := opendata.Spread{Parts: []string{"score", "note"}, Cells: map[string][]string{}}
		for _, s := range kb.ScoresWith(it, b.content.ByFolder(model.FolderAssessment)) {
			sc := score{Area: s.Area, Note: s.Note}
			cell := ""
			if s.Score > 0 {
				n := s.Score
				sc.Score = &n
				cell = strconv.Itoa(n)
			}
			scores = append(scores, sc)
			spread.Cells[s.Area] = []string{cell, s.Note}
		}
		spread.JSON = scores
		return spread
	case "judgements":
		type judgement struct {
			Area      string `json:"area"`
			Criterion string `json:"criterion"`
			State     string `json:"state"`
			Source    string `json:"source,omitempty"`
			Where     string `json:"where,omitempty"`
			Note      string `json:"note,omitempty"`
		}
		var out []judgement
		for _, j := range it.Judgements() {
			out = append(out, judgement(j))
		}
		if out == nil {
			return nil
		}
		return out
	case "instruments":
		type instrument struct {
			Name      string   `json:"name"`
			Kind      string   `json:"kind"`
			BudgetEUR *float64 `json:"budget_eur,omitempty"`
			Start     int      `json:"start,omitempty"`
			End       int      `json:"end,omitempty"`
		}
		var ins []instrument
		for _, in := range it.Instruments() {
			i := instrument{Name: in.Name, Kind: in.Kind, Start: in.Start, End: in.End}
			if in.BudgetEUR > 0 {
				v := in.BudgetEUR
				i.BudgetEUR = &v
			}
			ins = append(ins, i)
		}
		return ins
	}
	switch v := it.Value(f.Name).(type) {
	case nil:
		return nil
	case model.Date:
		return v.String()
	case []any, map[string]any:
		return plainData(v)
	default:
		return v
	}
}

// plainData is a list or mapping of front matter with its dates as
// text, for JSON and CSV.
func plainData(v any) any {
	switch v := v.(type) {
	case model.Date:
		return v.String()
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plainData(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = plainData(e)
		}
		return out
	}
	return v
}
