package feeds

import (
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator/model"
)

// The feed is updated as of its newest entry (dates as precise as they
// are, a missing one as 1970), and says an entry's language when it is
// not the feed's.
func TestAtom(t *testing.T) {
	data, err := Atom(Feed{Lang: "en", Title: "T", ID: "urn:t", Link: "./", Self: "feed.xml", Author: "T", Entries: []Entry{
		{Title: "A", ID: "urn:a", Link: "a/", Updated: model.Date{Year: 2013, Month: 5}, Category: "event"},
		{Title: "B", ID: "urn:b", Link: "b/", Lang: "el", Category: "event"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`,
		"  <updated>2013-05-01T00:00:00Z</updated>\n  <author>",
		`<entry xml:lang="el">`,
		"<updated>1970-01-01T00:00:00Z</updated>",
		`<link href="feed.xml" rel="self"></link>`,
		`<category term="event"></category>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("want %q in\n%s", want, s)
		}
	}
}

// A multilingual sitemap names every version of a page; robots.txt names
// the sitemap only when there is an address for it.
func TestSitemapAndRobots(t *testing.T) {
	data, err := Sitemap([]URL{{Loc: "https://x/a/", LastMod: "2024-01-02", Alternates: []Alternate{{"en", "https://x/a/"}, {"el", "https://x/el/a/"}}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`xmlns:xhtml="http://www.w3.org/1999/xhtml"`, `<lastmod>2024-01-02</lastmod>`, `<xhtml:link rel="alternate" hreflang="el" href="https://x/el/a/"></xhtml:link>`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("want %q in\n%s", want, data)
		}
	}
	if data, _ := Sitemap([]URL{{Loc: "a/"}}, false); strings.Contains(string(data), "xhtml") {
		t.Errorf("one language: no xhtml namespace:\n%s", data)
	}
	if got := string(Robots("")); got != "User-agent: *\nAllow: /\n" {
		t.Errorf("robots without sitemap: %q", got)
	}
	if got := string(Robots("https://x/sitemap.xml")); !strings.HasSuffix(got, "Sitemap: https://x/sitemap.xml\n") {
		t.Errorf("robots: %q", got)
	}
	ix, _ := SitemapIndex([]string{"https://x/sitemap-1.xml"})
	if !strings.Contains(string(ix), "<sitemapindex") || !strings.Contains(string(ix), "<loc>https://x/sitemap-1.xml</loc>") {
		t.Errorf("index:\n%s", ix)
	}
}
