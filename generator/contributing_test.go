package generator_test

import (
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator/model"
)

// TestContributingPage: the site publishes a contributors page with the
// editors' guide and the schema reference generated from the model, and
// links it from every page's footer.
func TestContributingPage(t *testing.T) {
	out, s := build(t, site(t, base))
	found := false
	for _, p := range s.Pages {
		found = found || (p.URL == "/contributing/" && p.Kind == "contributing")
	}
	if !found {
		t.Fatal("no /contributing/ page of kind contributing")
	}
	page := read(t, out, "contributing/index.html")
	contains(t, page, `<li aria-current="page">Contributing</li>`, "breadcrumbs")
	contains(t, page, "<h1>Contributing</h1>", "heading")
	contains(t, page, `<h2 id="contributing-guide">How to contribute</h2>`, "guide")
	contains(t, page, "pull request", "guide")
	contains(t, page, "<code>polisee check</code>", "guide")
	notContains(t, page, "/new/main/", "a link into a repository the site does not name")

	for _, typ := range model.Types {
		sec := between(t, page, `<section class="prose" aria-labelledby="schema-`+typ.Folder+`">`, "</section>")
		contains(t, sec, `<h3 id="schema-`+typ.Folder+`">`+typ.Title, typ.Folder)
		for _, f := range typ.Fields {
			contains(t, sec, `<th scope="row"><code>`+f.Name+`</code></th>`, typ.Folder+" field "+f.Name)
		}
		for _, h := range typ.Sections {
			contains(t, sec, "<code>## "+h+"</code>", typ.Folder+" body section")
		}
	}
	practices := between(t, page, `aria-labelledby="schema-practices"`, "</section>")
	contains(t, practices, `<tr><th scope="row"><code>level</code></th><td>one of: <code>national</code>, <code>regional</code>, <code>local</code>, <code>transnational</code></td><td>Yes</td>`, "level values")
	contains(t, practices, `<th scope="row"><code>sources[].url</code></th><td>web address (http, https or mailto)</td><td>Yes, in each entry</td>`, "sources")
	profiles := between(t, page, `aria-labelledby="schema-profiles"`, "</section>")
	for _, v := range model.InstrumentKinds {
		contains(t, profiles, "<code>"+v+"</code>", "instrument kinds")
	}
	contains(t, profiles, "<code>assessment.&lt;area&gt;.score</code>", "escaped sub-field name")
	site := between(t, page, `aria-labelledby="schema-site"`, "</section>")
	for _, f := range model.SiteFields {
		contains(t, site, "<code>"+f.Name+"</code>", "site.yaml field")
	}
	contains(t, page, "countries/gr.md", "naming rules")
	contains(t, page, "slug.LANG.md", "naming rules")

	for _, p := range []string{"index.html", "practices/mi-cluster/index.html", "contributing/index.html"} {
		footer := between(t, read(t, out, p), `<footer class="site-footer">`, "</footer>")
		if strings.Count(footer, ">Contributing</a>") != 1 {
			t.Errorf("%s: want one footer link to the contributors page in\n%s", p, footer)
		}
	}
	contains(t, read(t, out, "sitemap.xml"), "<loc>contributing/</loc>", "sitemap")
}

// TestContributingPageRepository: with a repository, the guide links to
// the web editor's new-file form and to CONTRIBUTING.md.
func TestContributingPageRepository(t *testing.T) {
	out, _ := build(t, with(t, `
-- site.yaml --
title: Test site
repository: https://github.com/example/kb/
branch: live
`))
	page := read(t, out, "contributing/index.html")
	contains(t, page, `<a href="https://github.com/example/kb/" rel="noopener">github.com/example/kb</a>`, "repository link")
	contains(t, page, `<a href="https://github.com/example/kb/new/live/content/practices" rel="noopener">`, "new-file link")
	contains(t, page, `<a href="https://github.com/example/kb/blob/live/CONTRIBUTING.md" rel="noopener">`, "guide link")
}

// TestContributingPageFromContent: pages/contributing.md replaces the
// built-in guide (its title and text), not the schema reference, and is
// not published a second time.
func TestContributingPageFromContent(t *testing.T) {
	out, s := build(t, with(t, `
-- pages/contributing.md --
---
title: Join the editors
summary: Write to <the editors> first.
---
## Before you start

Ask [the Greek partner](/countries/gr/) for an account.
-- pages/about.md --
---
title: About
---
See [how to contribute](contributing.md) or [here](/contributing/).
`))
	n := 0
	for _, p := range s.Pages {
		if p.URL == "/contributing/" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d pages at /contributing/, want 1", n)
	}
	page := read(t, out, "contributing/index.html")
	contains(t, page, "<h1>Join the editors</h1>", "title from the content")
	contains(t, page, `<p class="lead">Write to &lt;the editors&gt; first.</p>`, "escaped summary")
	contains(t, page, `Ask <a href="../countries/gr/">the Greek partner</a> for an account.`, "body from the content")
	notContains(t, page, "To add a good practice", "built-in guide")
	contains(t, page, `<th scope="row"><code>level</code></th>`, "schema reference")
	about := read(t, out, "about/index.html")
	contains(t, about, `<a href="../contributing/">how to contribute</a>`, "relative link to the page")
	footer := between(t, about, `<footer class="site-footer">`, "</footer>")
	if strings.Count(footer, "contributing/") != 1 || !strings.Contains(footer, ">Join the editors</a>") {
		t.Errorf("footer: want one link titled Join the editors in\n%s", footer)
	}
}

// between returns the text after start up to the next end.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %q in\n%s", start, clip(s))
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		s = s[:j]
	}
	return s
}
