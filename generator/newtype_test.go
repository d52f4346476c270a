package generator_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clusterpolisee/polisee/generator"
)

// newTypeSite reads testdata/newtype/events.txtar: the content, the theme
// folder (its i18n files) and the extra layout.
func newTypeSite(t *testing.T) (src, theme, layout fstest.MapFS) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "newtype", "events.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	src, theme, layout = fstest.MapFS{}, fstest.MapFS{}, fstest.MapFS{}
	for _, f := range a.Files {
		dir, name, _ := strings.Cut(f.Name, "/")
		m := map[string]fstest.MapFS{"content": src, "theme": theme, "layout": layout}[dir]
		if m == nil {
			t.Fatalf("%s is not under content/, theme/ or layout/", f.Name)
		}
		m[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return src, theme, layout
}

func buildWith(t *testing.T, src, theme fstest.MapFS) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	s, err := generator.Build(context.Background(), generator.Config{Src: src, SrcRoot: "content", Out: out, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings: %v", s.Warnings)
	}
	return out
}

var (
	navLinks  = regexp.MustCompile(`(?s)<nav class="main".*?</nav>`)
	cardTitle = regexp.MustCompile(`<li class="card">\s*<h[23]><a href="[^"]*"[^>]*>([^<]*)</a>`)
)

// TestNewContentType adds a content type, events, with a schema entry,
// two i18n files and content, and no Go: every part of its declared
// presentation shows on the built site.
func TestNewContentType(t *testing.T) {
	src, theme, layout := newTypeSite(t)
	out := buildWith(t, src, theme)

	// The menu: after the built-in entries (nav: 7), in both languages.
	home := read(t, out, "index.html")
	nav := navLinks.FindString(home)
	contains(t, nav, `<a href="events/">Events</a>`, "menu")
	if i, j := strings.Index(nav, "areas/"), strings.Index(nav, "events/"); i < 0 || j < i {
		t.Errorf("menu: want events after areas:\n%s", nav)
	}
	contains(t, navLinks.FindString(read(t, out, "el/index.html")), `>Εκδηλώσεις</a>`, "Greek menu")

	// The list: newest first (order: -date), grouped by year (group: date).
	list := read(t, out, "events/index.html")
	contains(t, list, "A meeting, workshop or conference of the network.", "list page's lead")
	var titles []string
	for _, m := range cardTitle.FindAllStringSubmatch(list, -1) {
		titles = append(titles, m[1])
	}
	if got, want := strings.Join(titles, " | "), "Study visit to Styria | Peer review workshop | Kick-off meeting"; got != want {
		t.Errorf("list order: got %s, want %s", got, want)
	}
	if i, j := strings.Index(list, `>2013</h2>`), strings.Index(list, `>2011</h2>`); i < 0 || j < i {
		t.Errorf("groups: want 2013 then 2011 headings in\n%s", clip(list))
	}

	// The facets: a page per format, linked from the list, in its words.
	contains(t, list, `<h2>By format</h2>`, "facet heading")
	contains(t, list, `aria-label="Events by format"`, "facet label")
	contains(t, list, `<a href="format/workshop/">Workshops <span class="n">1</span></a>`, "facet link")
	facet := read(t, out, "events/format/study-visit/index.html")
	contains(t, facet, "<h1>Events: Study visits</h1>", "facet page title")
	contains(t, facet, `<p class="count">1 event</p>`, "facet page count")
	contains(t, read(t, out, "el/events/format/conference/index.html"), "<h1>Εκδηλώσεις: Συνέδρια</h1>", "Greek facet page")

	// The item pages, in the default item layout, with their references.
	item := read(t, out, "events/kick-off/index.html")
	contains(t, item, "<h1", "item page")
	contains(t, item, "Kick-off meeting", "item title")
	contains(t, item, `href="../../organisations/corallia/"`, "link to the host")
	contains(t, read(t, out, "el/events/peer-review/index.html"), "Εργαστήριο αξιολόγησης από ομοτίμους", "Greek item page")
	// The host lists the event among what refers to it.
	contains(t, read(t, out, "organisations/corallia/index.html"), `href="../../events/kick-off/"`, "back-link")

	// The feed: the events, newest first.
	feed := read(t, out, "feed.xml")
	if i, j := strings.Index(feed, "Study visit to Styria"), strings.Index(feed, "Kick-off meeting"); i < 0 || j < i {
		t.Errorf("feed: want both events, newest first:\n%s", clip(feed))
	}
	contains(t, feed, "<updated>2013-10-02T00:00:00Z</updated>", "feed date")

	// Open data: the declared columns, after slug and url.
	var rows []map[string]any
	if err := json.Unmarshal([]byte(read(t, out, "data/events.json")), &rows); err != nil || len(rows) != 3 {
		t.Fatalf("data/events.json: %v, %d rows", err, len(rows))
	}
	for _, r := range rows {
		if len(r) != 7 || r["slug"] == nil || r["url"] == nil || r["summary"] != nil {
			t.Errorf("data/events.json: want slug, url and the five columns, got %v", r)
		}
	}
	csv := read(t, out, "data/events.csv")
	if first, _, _ := strings.Cut(csv, "\n"); first != "slug,url,title,date,format,place,areas" {
		t.Errorf("data/events.csv header: %q", first)
	}
	contains(t, csv, "kick-off,https://events.example.org/events/kick-off/,Kick-off meeting,2011-11-15,conference,Athens,innovation-rd", "CSV row")

	// The sitemap lists the pages; search indexes them.
	contains(t, read(t, out, "sitemap.xml"), "https://events.example.org/events/kick-off/", "sitemap")

	t.Run("layout", func(t *testing.T) {
		// A type names a layout of its own; the theme folder adds it.
		src := maps(src)
		src["schema.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(src["schema.yaml"].Data), "    facets: [format]\n", "    facets: [format]\n    layout: event\n", 1))}
		theme := maps(theme)
		theme["layouts/event.html"] = layout["event.html"]
		out := buildWith(t, src, theme)
		item := read(t, out, "events/kick-off/index.html")
		contains(t, item, `<p class="event-when"><time datetime="2011-11-15">15 November 2011</time> · Conference · Athens</p>`, "the type's layout")
		notContains(t, read(t, out, "organisations/corallia/index.html"), `event-when`, "other types' pages")

		// Without the layout file, the build says which file is missing.
		delete(theme, "layouts/event.html")
		_, err := generator.Build(context.Background(), generator.Config{Src: src, SrcRoot: "content", Out: filepath.Join(t.TempDir(), "public"), Theme: theme})
		if err == nil || !strings.Contains(err.Error(), "no layouts/event.html, the layout schema.yaml names for events/") {
			t.Errorf("missing layout: %v", err)
		}
	})
}

func maps(m fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestSchemaFileErrors: each mistake in schema.yaml is reported at its
// line and column, with what to do, and the rest of the content is still
// checked.
func TestSchemaFileErrors(t *testing.T) {
	src, _, _ := newTypeSite(t)
	good := string(src["schema.yaml"].Data)
	cases := []struct {
		name, old, new string
		want           string // file:line:col: message (start)
	}{
		{"unknown key", "    nav: 7\n", "    nav: 7\n    menu: 2\n",
			`content/schema.yaml:26:5: unknown field "menu"`},
		{"bad kind", "kind: enum\n", "kind: choice\n",
			`content/schema.yaml:13:15: unknown kind "choice"; use one of: bool, date, enum`},
		{"ref to no folder", "ref: organisations}\n", "ref: organisation}\n",
			`content/schema.yaml:18:33: ref "host" points to "organisation", which is no content folder`},
		{"built-in folder", "folder: events", "folder: practices",
			`content/schema.yaml:2:5: folder "practices" is a built-in type`},
		{"no title", "{name: title, kind: string, required: true, doc: name of the event}", "{name: name, kind: string, required: true}",
			`content/schema.yaml:8:5: type "events" has no field title`},
		{"enum without values", "        values: [workshop, conference, study-visit]\n", "",
			`content/schema.yaml:13:9: enum "format" needs values`},
		{"list without of", "{name: areas, kind: list, of: ref, ref: areas}", "{name: areas, kind: list, ref: areas}",
			`content/schema.yaml:17:23: list "areas" needs of`},
		{"order by unknown field", "order: -date", "order: -day",
			`content/schema.yaml:29:5: order: "events" has no field "day"; its fields are: title`},
		{"facet not an enum", "facets: [format]", "facets: [place]",
			`content/schema.yaml:31:5: facets: "place" is a text`},
		{"columns without open data", "    open_data: true\n", "",
			`content/schema.yaml:27:5: columns are those of the open data`},
		{"common field declared", "      - {name: place, kind: string}\n", "      - {name: tags, kind: string}\n",
			`content/schema.yaml:8:5: field "tags" comes with every type`},
		{"not YAML", "    nav: 7\n", "    nav: [7\n",
			`content/schema.yaml:25:10: invalid YAML`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(good, c.old) {
				t.Fatalf("the test site has no %q", c.old)
			}
			fsys := maps(src)
			fsys["schema.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(good, c.old, c.new, 1))}
			diags := generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"})
			var got []string
			for _, d := range diags.Errors() {
				got = append(got, d.String())
			}
			if len(got) == 0 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("got\n%s\nwant first %s", strings.Join(got, "\n"), c.want)
			}
			// The events are not checked against a broken declaration,
			// but the rest of the content is.
			for _, d := range diags {
				if strings.HasPrefix(d.Path, "content/areas/") {
					t.Errorf("unexpected problem in valid content: %v", d)
				}
			}
		})
	}
}
