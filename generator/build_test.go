package generator_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
)

func TestBuildWritesEveryPage(t *testing.T) {
	out, s := build(t, site(t, base))
	for _, name := range []string{
		"index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "assets/style.css",
		"practices/index.html", "practices/mi-cluster/index.html", "practices/accreditation/index.html",
		"practices/status/identified/index.html", "practices/status/piloted/index.html", "practices/status/transferred/index.html",
		"areas/index.html", "areas/innovation-rd/index.html", "countries/gr/index.html", "regions/el30/index.html",
		"organisations/corallia/index.html", "profiles/index.html",
		"data/practices.json", "data/practices.csv", "data/profiles.json", "data/profiles.csv",
	} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	contains(t, read(t, out, "404.html"), `href="/assets/`+hashedAsset(t, out, "style.css")+`"`, "404 without a base URL links from the root")
	if len(s.Content.Items) != 8 {
		t.Errorf("items = %d, want 8", len(s.Content.Items))
	}
}

func TestPracticePage(t *testing.T) {
	out, _ := build(t, site(t, base))
	page := read(t, out, "practices/mi-cluster/index.html")
	// Links are relative, and .md links become page links with their fragment.
	contains(t, page, `href="../../organisations/corallia/"`, "site-path link")
	contains(t, page, `href="../accreditation/#description"`, "relative .md link")
	contains(t, page, `href="../../assets/`+hashedAsset(t, out, "style.css")+`"`, "stylesheet")
	for _, section := range []string{"Description", "Resources needed", "Evidence of success", "Difficulties encountered", "Potential for transfer"} {
		contains(t, page, ">"+section+"</h2>", "section "+section)
	}
	contains(t, page, `<a href="https://example.org/mi" rel="noopener">Source</a>`, "sources")
	contains(t, page, `<a href="../../countries/gr/">Greece</a>`, "country fact")
	contains(t, page, `<a href="../status/identified/">Identified</a>`, "status facet link")
	// Related: accreditation shares an area.
	contains(t, page, `href="../accreditation/">Cluster accreditation</a>`, "related")
	// Browsing needs no script: the one script element loads search, deferred.
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%d script elements; want only the search script", n)
	}
	contains(t, page, `<script src="../../assets/`+hashedAsset(t, out, "search.js")+`" defer`, "search script")
	contains(t, page, `<form class="site-search" role="search" action="../../search/" method="get">`, "search box")
}

func TestBackLinksAndFacets(t *testing.T) {
	out, _ := build(t, site(t, base))
	country := read(t, out, "countries/gr/index.html")
	contains(t, country, `href="../../regions/el30/">Attiki</a>`, "country lists its regions")
	contains(t, country, `href="../../organisations/corallia/">Corallia</a>`, "country lists its organisations")
	contains(t, country, `href="../../practices/mi-cluster/">mi-Cluster</a>`, "country lists its practices")
	notContains(t, country, "Cluster accreditation", "a Hungarian practice on the Greek page")

	area := read(t, out, "areas/sustainability/index.html")
	contains(t, area, "Cluster accreditation", "area lists its practices")
	notContains(t, area, ">mi-Cluster<", "practice of another area")

	piloted := read(t, out, "practices/status/piloted/index.html")
	contains(t, piloted, "Cluster accreditation", "status facet")
	notContains(t, piloted, ">mi-Cluster<", "status facet lists only its status")

	homeIntro := with(t, "-- pages/home.md --\n---\ntitle: Welcome\n---\nSee [the practices](/practices/) and [mi-Cluster](../practices/mi-cluster.md).\n")
	outIntro, _ := build(t, homeIntro)
	intro := read(t, outIntro, "index.html")
	contains(t, intro, `<a href="practices/">the practices</a>`, "home introduction links from the site root")
	contains(t, intro, `<a href="practices/mi-cluster/">mi-Cluster</a>`, "home introduction links from the site root")
	if _, err := os.Stat(filepath.Join(outIntro, "home")); err == nil {
		t.Error("pages/home.md was also published at /home/")
	}
	home := read(t, out, "index.html")
	contains(t, home, `href="areas/innovation-rd/"`, "home leads into the areas")
	contains(t, home, `href="countries/gr/">Greece</a>`, "home lists the countries")
	contains(t, home, `href="practices/mi-cluster/">mi-Cluster</a>`, "home lists the latest practices")
}

func TestOpenDataAndFeeds(t *testing.T) {
	fsys := with(t, `
-- profiles/hu.md --
---
title: Hungarian cluster policy
summary: Three tiers.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd: {score: 3, note: Accreditation drives R&D grants.}
  sustainability: {note: No source rates it.}
instruments:
  - {name: Pole programme, kind: grant, budget_eur: 1500000, start: 2008, end: 2013}
sources: [https://example.org/hu]
---
Overview.
`)
	out, _ := build(t, fsys)
	var practices []map[string]any
	if err := json.Unmarshal([]byte(read(t, out, "data/practices.json")), &practices); err != nil {
		t.Fatal(err)
	}
	if len(practices) != 2 || practices[1]["slug"] != "mi-cluster" || practices[1]["owner"] != "corallia" {
		t.Errorf("practices.json = %v", practices)
	}
	var profiles []struct {
		Assessment []struct {
			Area  string
			Score *int
		}
		Instruments []struct {
			Name      string
			BudgetEUR float64 `json:"budget_eur"`
		}
	}
	if err := json.Unmarshal([]byte(read(t, out, "data/profiles.json")), &profiles); err != nil {
		t.Fatal(err)
	}
	if len(profiles) != 1 || *profiles[0].Assessment[0].Score != 3 || profiles[0].Assessment[1].Score != nil || profiles[0].Instruments[0].BudgetEUR != 1500000 {
		t.Errorf("profiles.json = %+v", profiles)
	}
	rows, err := csv.NewReader(strings.NewReader(read(t, out, "data/profiles.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(rows[0], ",")
	contains(t, header, "score_innovation-rd,score_sustainability", "one score column per area")
	if len(rows) != 2 {
		t.Errorf("profiles.csv has %d rows", len(rows))
	}
	page := read(t, out, "profiles/hu/index.html")
	contains(t, page, "3 / 4", "score shown")
	contains(t, page, "Not assessed", "missing score shown as not assessed")
	contains(t, page, "EUR 1,500,000", "budget")

	if got := feedTitles(t, out, "feed.xml"); len(got) != 2 || got[0] != "mi-Cluster" {
		t.Errorf("feed entries = %q; want the two practices, newest first", got)
	}
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, out, "sitemap.xml")), &sitemap); err != nil {
		t.Fatal(err)
	}
	if len(sitemap.URLs) < 10 {
		t.Errorf("sitemap has %d URLs", len(sitemap.URLs))
	}
}

// TestFeedHoldsTheNewest: past the feed's limit (lowered here), the
// feed keeps the newest entries.
func TestFeedHoldsTheNewest(t *testing.T) {
	defer generator.SetFeedLimit(1)()
	out, _ := build(t, site(t, base))
	if got := feedTitles(t, out, "feed.xml"); len(got) != 1 || got[0] != "mi-Cluster" {
		t.Errorf("feed entries = %q; want the newest practice alone", got)
	}
}

// feedTitles reads the titles of a feed's entries, in order.
func feedTitles(t *testing.T, out, name string) []string {
	t.Helper()
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(read(t, out, name)), &feed); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
	}
	return titles
}

func TestBaseURLMakesSitemapAbsolute(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	_, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: out, BaseURL: "https://example.org/kb"})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, read(t, out, "sitemap.xml"), "<loc>https://example.org/kb/practices/mi-cluster/</loc>", "sitemap")
	contains(t, read(t, out, "robots.txt"), "Sitemap: https://example.org/kb/sitemap.xml", "robots")
	// The 404 page is served at any address: its links are absolute.
	contains(t, read(t, out, "404.html"), `href="https://example.org/kb/assets/`+hashedAsset(t, out, "style.css")+`"`, "404 stylesheet")
	// Pages stay relative.
	notContains(t, read(t, out, "practices/mi-cluster/index.html"), `href="https://example.org/kb/organisations`, "relative links")
}

func TestDraftsAreLeftOut(t *testing.T) {
	fsys := with(t, `
-- practices/draft.md --
---
title: Work in progress
summary: Not ready.
countries: [GR]
areas: [innovation-rd]
level: local
status: identified
draft: true
sources: [https://example.org]
---
`)
	out, _ := build(t, fsys)
	if _, err := os.Stat(filepath.Join(out, "practices/draft/index.html")); err == nil {
		t.Error("a draft was published")
	}
	outD := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: fsys, Out: outD, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outD, "practices/draft/index.html")); err != nil {
		t.Error("-drafts did not publish the draft")
	}
}

func TestThemeOverride(t *testing.T) {
	theme := site(t, `
-- static/extra.css --
body{}
-- layouts/404.html --
{{define "main"}}<p>Custom not found</p>{{end}}
`)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: out, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	contains(t, read(t, out, "404.html"), "Custom not found", "overridden layout")
	read(t, out, "assets/extra.css")
	read(t, out, "assets/style.css") // the default theme's files remain
}

// TestFrameBlocks: a theme's frame block (.Frame) is drawn once for the
// pages of a folder, yet a link in it to a page of that folder comes out
// right on each page, and a block that reads the page is an error that
// names it.
func TestFrameBlocks(t *testing.T) {
	theme := site(t, `
-- layouts/item.html --
{{define "main"}}<p id="probe">{{.Frame "probe"}}</p>{{end}}
{{define "probe"}}<a id="one" href="{{.Rel "/practices/mi-cluster/"}}">mi-Cluster</a> <a id="up" href="{{.Rel "/areas/"}}">{{.T "site.home"}}</a> {{.Page.Kind}}{{end}}
`)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: out, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	contains(t, read(t, out, "practices/mi-cluster/index.html"), `<a id="one" href="./">mi-Cluster</a> <a id="up" href="../../areas/">Home</a> item`, "the page's own link")
	contains(t, read(t, out, "practices/accreditation/index.html"), `<a id="one" href="../mi-cluster/">mi-Cluster</a> <a id="up" href="../../areas/">Home</a> item`, "a sibling's link")
	contains(t, read(t, out, "areas/innovation-rd/index.html"), `<a id="one" href="../../practices/mi-cluster/">`, "a link from another folder")

	bad := site(t, `
-- layouts/item.html --
{{define "main"}}{{.Frame "title"}}{{end}}
{{define "title"}}<h1>{{.Page.Title}}</h1>{{end}}
`)
	_, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: filepath.Join(t.TempDir(), "public"), Theme: bad})
	if err == nil || !strings.Contains(err.Error(), `frame block "title"`) || !strings.Contains(err.Error(), "Title") {
		t.Fatalf("a frame block that reads the page's title: got %v, want an error naming the block and the field", err)
	}
}

// TestLayoutReadsFieldsByName: a layout reads any front-matter field
// with .Value, in a build as in a preview; one that names .Data, which
// a build does not fill, stops the build with an error naming the layout
// line and what to write instead.
func TestLayoutReadsFieldsByName(t *testing.T) {
	theme := site(t, `
-- layouts/item.html --
{{define "main"}}<p id="probe">{{.Page.Item.Value "title"}} {{range .Page.Item.Value "countries"}}[{{.}}]{{end}}</p>{{end}}
`)
	for _, preview := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: out, Theme: theme, Preview: preview}); err != nil {
			t.Fatal(err)
		}
		if !preview {
			contains(t, read(t, out, "practices/mi-cluster/index.html"), `<p id="probe">mi-Cluster [GR]</p>`, "the fields read by name")
		}
	}
	bad := site(t, `
-- layouts/item.html --
{{define "main"}}{{.Page.Item.Data.title}}{{end}}
`)
	_, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: filepath.Join(t.TempDir(), "public"), Theme: bad})
	if err == nil || !strings.Contains(err.Error(), "item.html:1:") || !strings.Contains(err.Error(), `.Value "name"`) {
		t.Fatalf("a layout naming .Data: got %v, want an error at its line saying to use .Value", err)
	}
}

func TestOfflineLinksNameIndexFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), Out: out, Offline: true}); err != nil {
		t.Fatal(err)
	}
	page := read(t, out, "practices/mi-cluster/index.html")
	contains(t, page, `href="../../organisations/corallia/index.html"`, "offline link")
	contains(t, page, `href="../accreditation/index.html#description"`, "offline link with fragment")
}

// TestRelatedRanking: sharing a country counts 2, an area 1; the best come
// first, and an item sharing two countries but no area beats one sharing
// a country and an area.
func TestRelatedRanking(t *testing.T) {
	practice := func(slug, title, areas, countries string) string {
		return "-- practices/" + slug + ".md --\n---\ntitle: " + title + "\nsummary: S\ncountries: [" + countries +
			"]\nareas: [" + areas + "]\nlevel: local\nstatus: identified\nsources: [https://example.org]\n---\n"
	}
	fsys := with(t, practice("a", "Alpha", "innovation-rd", "GR, HU")+
		practice("b", "Bravo", "sustainability", "GR, HU")+ // 4
		practice("c", "Charlie", "innovation-rd", "GR")+ // 3
		practice("d", "Delta", "innovation-rd", "HU")) // 3, after Charlie by title
	out, _ := build(t, fsys)
	page := read(t, out, "practices/a/index.html")
	related := page[strings.Index(page, `id="related-heading"`):]
	order := []string{">Bravo<", ">Charlie<", ">Delta<", ">mi-Cluster<"}
	last := -1
	for _, title := range order {
		i := strings.Index(related, title)
		if i < 0 || i < last {
			t.Fatalf("related items not in order %v:\n%s", order, clip(related))
		}
		last = i
	}
}
