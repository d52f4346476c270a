// Package feeds writes the files that tell machines about a site: the
// Atom feed of its newest items, the sitemap (split into an index and
// parts past the sitemaps.org limit) and robots.txt. The generator says
// what goes in them (entries, addresses); this package only writes them,
// the same bytes for the same input.
package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/clusterpolisee/polisee/generator/model"
)

// Feed is an Atom feed.
type Feed struct {
	Lang, Title, ID string
	Link, Self      string // the site's (or language's) home and the feed's address
	Author          string
	Entries         []Entry // newest first
}

// Entry is one item of a feed. A zero Updated date is written as 1970.
type Entry struct {
	Title, ID, Link, Summary string
	Lang                     string // when not the feed's language
	Category                 string
	Updated                  model.Date
}

// Atom writes a feed; it is updated as of its newest entry, never the
// clock.
func Atom(f Feed) ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type category struct {
		Term string `xml:"term,attr"`
	}
	type entry struct {
		Lang    string     `xml:"xml:lang,attr,omitempty"`
		Title   string     `xml:"title"`
		ID      string     `xml:"id"`
		Link    link       `xml:"link"`
		Updated string     `xml:"updated"`
		Summary string     `xml:"summary"`
		Cat     []category `xml:"category"`
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
	out := feed{NS: "http://www.w3.org/2005/Atom", Lang: f.Lang, Title: f.Title, ID: f.ID,
		Links: []link{{Href: f.Link}, {Href: f.Self, Rel: "self"}}}
	out.Author.Name = f.Author
	newest := model.Date{Year: 1970}
	for _, e := range f.Entries {
		d := e.Updated
		if d.IsZero() {
			d = model.Date{Year: 1970}
		}
		if d.Compare(newest) > 0 {
			newest = d
		}
		out.Entries = append(out.Entries, entry{Lang: e.Lang, Title: e.Title, ID: e.ID, Link: link{Href: e.Link},
			Updated: atomDate(d), Summary: e.Summary, Cat: []category{{e.Category}}})
	}
	out.Updated = atomDate(newest)
	return marshalXML(out)
}

// atomDate writes a date, as precise as it is, as an Atom timestamp.
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

// SitemapLimit is the most addresses one sitemap file may list
// (sitemaps.org).
const SitemapLimit = 50000

// URL is one address of a sitemap, with its versions in every language
// on a multilingual site.
type URL struct {
	Loc, LastMod string
	Alternates   []Alternate
}

// Alternate is a version of a page in one language.
type Alternate struct{ Lang, Href string }

// Sitemap writes a sitemap of urls; multilingual declares the xhtml
// namespace of the alternates.
func Sitemap(urls []URL, multilingual bool) ([]byte, error) {
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
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	if multilingual {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, u := range urls {
		e := urlEntry{Loc: u.Loc, LastMod: u.LastMod}
		for _, a := range u.Alternates {
			e.Alt = append(e.Alt, alternate{Rel: "alternate", HrefLang: a.Lang, Href: a.Href})
		}
		set.URLs = append(set.URLs, e)
	}
	return marshalXML(set)
}

// SitemapIndex lists the parts of a sitemap too long for one file.
func SitemapIndex(parts []string) ([]byte, error) {
	type entry struct {
		Loc string `xml:"loc"`
	}
	type index struct {
		XMLName xml.Name `xml:"sitemapindex"`
		NS      string   `xml:"xmlns,attr"`
		Maps    []entry  `xml:"sitemap"`
	}
	ix := index{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range parts {
		ix.Maps = append(ix.Maps, entry{Loc: p})
	}
	return marshalXML(ix)
}

// Robots writes robots.txt: everything allowed, and the sitemap's
// address when the site has one.
func Robots(sitemap string) []byte {
	var buf bytes.Buffer
	buf.WriteString("User-agent: *\nAllow: /\n")
	if sitemap != "" {
		fmt.Fprintf(&buf, "Sitemap: %s\n", sitemap)
	}
	return buf.Bytes()
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
