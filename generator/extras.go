package generator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

type extraFile struct {
	name string
	make func() ([]byte, error)
	// reads lists the folders whose items (membership and front matter)
	// the file is made of, for polisee serve; nil means every folder.
	// Besides them a file may read only the site configuration.
	reads []string
}

// extraFiles are the outputs besides pages: sitemap, feed, open data and
// robots.txt. Each is a pure function of the content.
func (b *builder) extraFiles() []extraFile {
	if b.prefix != "" {
		// A language's own files; the rest are shared.
		return []extraFile{{strings.TrimPrefix(b.prefix, "/") + "/feed.xml", b.feed, b.feedFolders()}}
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
func (b *builder) siteFiles() []extraFile { return append(b.sitemapFiles(), b.fixedFiles()...) }

// fixedFiles are siteFiles but the sitemap, whose files depend on the
// number of pages.
func (b *builder) fixedFiles() []extraFile {
	files := []extraFile{
		{"feed.xml", b.feed, b.feedFolders()},
		{"robots.txt", b.robots, []string{}},
	}
	// Open data: one JSON and one CSV file per type that has it.
	for _, t := range b.content.Schema.Where(func(t *model.Type) bool { return t.Present.OpenData }) {
		reads := []string{t.Folder}
		files = append(files,
			extraFile{"data/" + t.Folder + ".json", func() ([]byte, error) { return jsonData(b.records(t)) }, reads},
			extraFile{"data/" + t.Folder + ".csv", func() ([]byte, error) { return csvData(b.records(t)) }, reads})
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

// sitemapLimit is the most addresses one sitemap file may list
// (sitemaps.org).
var sitemapLimit = 50000

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
	if n <= sitemapLimit {
		return []extraFile{{"sitemap.xml", func() ([]byte, error) { return b.sitemap(0, n) }, nil}}
	}
	parts := (n + sitemapLimit - 1) / sitemapLimit
	files := []extraFile{{"sitemap.xml", func() ([]byte, error) { return b.sitemapIndex(parts) }, nil}}
	for i := range parts {
		files = append(files, extraFile{fmt.Sprintf("sitemap-%d.xml", i+1), func() ([]byte, error) {
			return b.sitemap(i*sitemapLimit, min(n, (i+1)*sitemapLimit))
		}, nil})
	}
	return files
}

// sitemapIndex lists the parts of a sitemap too long for one file.
func (b *builder) sitemapIndex(parts int) ([]byte, error) {
	type entry struct {
		Loc string `xml:"loc"`
	}
	type index struct {
		XMLName xml.Name `xml:"sitemapindex"`
		NS      string   `xml:"xmlns,attr"`
		Maps    []entry  `xml:"sitemap"`
	}
	ix := index{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for i := range parts {
		ix.Maps = append(ix.Maps, entry{Loc: b.absURL(fmt.Sprintf("/sitemap-%d.xml", i+1))})
	}
	return marshalXML(ix)
}

// sitemap lists the addresses from..to of every page in every language,
// languages in site order and pages in path order. On a multilingual site
// each entry names the page's versions in all languages (xhtml:link
// alternates, as search engines read them); every language has the same
// pages.
func (b *builder) sitemap(from, to int) ([]byte, error) {
	type alternate struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type urlEntry struct {
		Loc     string      `xml:"loc"`
		LastMod string      `xml:"lastmod,omitempty"`
		Alt     []alternate `xml:"xhtml:link"`
	}
	type urlset struct {
		XMLName xml.Name   `xml:"urlset"`
		NS      string     `xml:"xmlns,attr"`
		XHTML   string     `xml:"xmlns:xhtml,attr,omitempty"`
		URLs    []urlEntry `xml:"url"`
	}
	site := &b.content.Site
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	if len(site.Languages) > 1 {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	pages := append([]*Page(nil), b.pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	k := -1
	for _, lang := range site.Languages {
		for _, p := range pages {
			if p.Kind == "404" {
				continue
			}
			if k++; k < from || k >= to {
				continue
			}
			e := urlEntry{Loc: b.absURL(treePrefix(site, lang) + p.URL)}
			if p.Item != nil && !p.Item.Updated.IsZero() && p.Item.Updated.Day != 0 {
				e.LastMod = p.Item.Updated.String()
			}
			if len(site.Languages) > 1 {
				for _, alt := range site.Languages {
					e.Alt = append(e.Alt, alternate{Rel: "alternate", HrefLang: alt, Href: b.absURL(treePrefix(site, alt) + p.URL)})
				}
			}
			set.URLs = append(set.URLs, e)
		}
	}
	return marshalXML(set)
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// feed is an Atom feed of practices and documents, newest first. Entry
// dates come from the content, never from the clock.
func (b *builder) feed() ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		// Lang is the entry's language when it is not the feed's: an
		// item with no translation into it.
		Lang    string `xml:"xml:lang,attr,omitempty"`
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Cat     []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	var items []*model.Item
	for _, folder := range b.feedFolders() {
		items = append(items, b.content.ByFolder(folder)...)
	}
	sort.SliceStable(items, func(i, j int) bool {
		if c := entryDate(items[i]).Compare(entryDate(items[j])); c != 0 {
			return c > 0
		}
		return items[i].Path < items[j].Path
	})
	site := b.content.Site
	f := feed{NS: "http://www.w3.org/2005/Atom", Lang: b.lang, Title: site.Title, ID: b.feedID("/")}
	if b.prefix != "" {
		f.Title = site.Title + " (" + b.languageName(b.lang) + ")"
	}
	f.Author.Name = site.Title
	f.Links = []link{{Href: b.treeURL("/")}, {Href: b.treeURL("/feed.xml"), Rel: "self"}}
	newest := model.Date{Year: 1970}
	for _, it := range items {
		d := entryDate(it)
		if d.IsZero() {
			d = model.Date{Year: 1970}
		}
		if d.Compare(newest) > 0 {
			newest = d
		}
		e := entry{Title: it.Title, ID: b.feedID(it.URL()), Link: link{Href: b.treeURL(it.URL())}, Updated: atomDate(d), Summary: it.Summary}
		if it.Lang != b.lang {
			e.Lang = it.Lang
		}
		e.Cat = append(e.Cat, struct {
			Term string `xml:"term,attr"`
		}{it.Type.Singular})
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomDate(newest)
	return marshalXML(f)
}

// feedID is a permanent id for an entry: its absolute URL, or a tag URI
// when the site has no base URL.
func (b *builder) feedID(p string) string {
	p = b.prefix + p
	if b.content.Site.BaseURL != "" {
		return b.absURL(p)
	}
	return "urn:polisee:" + strings.Trim(strings.ReplaceAll(p, "/", ":"), ":")
}

func atomDate(d model.Date) string {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return fmt.Sprintf("%04d-%02d-%02dT00:00:00Z", d.Year, m, day)
}

func (b *builder) robots() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("User-agent: *\nAllow: /\n")
	if b.content.Site.BaseURL != "" {
		fmt.Fprintf(&buf, "Sitemap: %s\n", b.absURL("/sitemap.xml"))
	}
	return buf.Bytes(), nil
}

// record is one row of open data: ordered columns and JSON values.
type record struct {
	item *model.Item
	cols []string
	vals map[string]any
}

// records flattens the items of a type into open-data records, with the
// type's Presentation.Columns, or every field of the schema, as columns,
// in schema order, after slug and url.
func (b *builder) records(t *model.Type) []record {
	var out []record
	for _, it := range b.content.ByFolder(t.Folder) {
		r := record{item: it, cols: []string{"slug", "url"}, vals: map[string]any{"slug": it.Slug, "url": b.absURL(it.URL())}}
		for _, f := range t.Fields {
			if f.Name == "draft" || (len(t.Present.Columns) > 0 && !slices.Contains(t.Present.Columns, f.Name)) {
				continue
			}
			r.cols = append(r.cols, f.Name)
			switch f.Name {
			case "lang":
				r.vals[f.Name] = it.Lang // the language of the record's words
			case "sources":
				r.vals[f.Name] = it.Sources()
			case "assessment":
				type score struct {
					Area  string `json:"area"`
					Score *int   `json:"score"`
					Note  string `json:"note,omitempty"`
				}
				var scores []score
				for _, s := range it.Assessment() {
					sc := score{Area: s.Area, Note: s.Note}
					if s.Score > 0 {
						n := s.Score
						sc.Score = &n
					}
					scores = append(scores, sc)
				}
				r.vals[f.Name] = scores
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
				r.vals[f.Name] = ins
			default:
				switch v := it.Data[f.Name].(type) {
				case nil:
					r.vals[f.Name] = nil
				case model.Date:
					r.vals[f.Name] = v.String()
				case []any, map[string]any:
					r.vals[f.Name] = plainData(v)
				default:
					r.vals[f.Name] = v
				}
			}
		}
		out = append(out, r)
	}
	return out
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

func jsonData(records []record) ([]byte, error) {
	rows := make([]json.RawMessage, 0, len(records))
	for _, r := range records {
		var buf bytes.Buffer
		buf.WriteByte('{')
		for i, c := range r.cols {
			if i > 0 {
				buf.WriteByte(',')
			}
			k, _ := json.Marshal(c)
			v, err := json.Marshal(r.vals[c])
			if err != nil {
				return nil, err
			}
			buf.Write(k)
			buf.WriteByte(':')
			buf.Write(v)
		}
		buf.WriteByte('}')
		rows = append(rows, buf.Bytes())
	}
	// The same bytes as json.MarshalIndent(rows, "", "  "), without
	// reading every row twice.
	var out bytes.Buffer
	out.WriteByte('[')
	for i, row := range rows {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString("\n  ")
		if err := json.Indent(&out, row, "  ", "  "); err != nil {
			return nil, err
		}
	}
	if len(rows) > 0 {
		out.WriteByte('\n')
	}
	out.WriteString("]\n")
	return out.Bytes(), nil
}

// csvData writes one row per item; lists are joined with "; ", sources
// become their URLs, and a profile's assessment gets one score column per
// area (empty when not assessed), then one note column per area;
// instruments are a JSON array in one cell.
func csvData(records []record) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if len(records) == 0 {
		w.Flush()
		return buf.Bytes(), w.Error()
	}
	var header []string
	areaCols := map[string]bool{}
	for _, r := range records {
		for _, s := range r.item.Assessment() {
			areaCols[s.Area] = true
		}
	}
	areas := sortedKeys(areaCols)
	for _, c := range records[0].cols {
		if c == "assessment" {
			for _, a := range areas {
				header = append(header, "score_"+a)
			}
			for _, a := range areas {
				header = append(header, "note_"+a)
			}
			continue
		}
		header = append(header, c)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for _, r := range records {
		var row []string
		for _, c := range r.cols {
			if c == "assessment" {
				scores, notes := map[string]string{}, map[string]string{}
				for _, s := range r.item.Assessment() {
					if s.Score > 0 {
						scores[s.Area] = strconv.Itoa(s.Score)
					}
					notes[s.Area] = csvSafe(s.Note)
				}
				for _, a := range areas {
					row = append(row, scores[a])
				}
				for _, a := range areas {
					row = append(row, notes[a])
				}
				continue
			}
			row = append(row, csvCell(r.vals[c]))
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return csvSafe(v)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = csvCell(e)
		}
		return strings.Join(parts, "; ")
	case []model.Source:
		parts := make([]string, len(v))
		for i, s := range v {
			parts[i] = csvSafe(s.URL)
		}
		return strings.Join(parts, "; ")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if data, err := json.Marshal(v); err == nil && (bytes.HasPrefix(data, []byte("[")) || bytes.HasPrefix(data, []byte("{"))) {
		return csvSafe(string(data))
	}
	return fmt.Sprint(v)
}

// csvSafe keeps spreadsheet programs from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
