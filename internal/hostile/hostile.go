// Package hostile holds the attack payloads of the hostile-content tests
// (generator/hostile_test.go checks the files a build writes,
// themes/hostile_test.go loads every page in headless Chromium) and a
// content tree that carries them in every field that reaches a page, a
// feed, the sitemap, the open data or the search index.
//
// Every payload that could run sets window.__pwned (or calls alert), so a
// test can tell whether anything ran. Only tests import this package; it
// sits in the module's internal folder, out of the product's packages,
// where both the generator's and the theme's tests can use it.
package hostile

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing/fstest"
)

// Marker is the global a payload sets when it runs.
const Marker = "__pwned"

// Payloads are put into front-matter text fields. Each is short enough
// for the shortest text field that carries it (tags: 60 characters, with
// the place's tag added).
var Payloads = []string{
	`"><script>__pwned=1;alert(1)</script>`,
	`</script><script>__pwned=2</script>`,
	`'><img src=x onerror=__pwned=3>`,
	`<svg onload=__pwned=4>`,
	`</title><script>__pwned=5</script>`,
	`]]><script>__pwned=6</script><![CDATA[`,
	`javascript:__pwned=7`,
	`" onfocus="__pwned=8" autofocus="`,
	`</textarea><script>__pwned=9</script>`,
	`<!--<script>__pwned=10</script>-->`,
	`=HYPERLINK("http://x.example/","__pwned11")`,
	"\u2028</script><script>__pwned=12</script>",
	`{{define "x"}}__pwned13{{end}}`,
	`<iframe srcdoc="<script>parent.__pwned=14</script>">`,
	`&lt;script&gt;__pwned=15&lt;/script&gt;`,
	`<a href="javascript:__pwned=16">x</a>`,
	`<style>*{}</style><script>__pwned=17</script>`,
	`@SUM(1+1)*cmd|' /C calc'!A0 __pwned18`,
	`\"><script>__pwned=19</script>\`,
	`<base href="javascript:__pwned=20//">`,
}

// URLPayloads are appended to an http URL in URL fields (sources,
// website, document url, the repository): they reach href attributes and
// the open data.
var URLPayloads = []string{
	`"><script>__pwned=31</script>`,
	`' onmouseover='__pwned=32`,
	`"onmouseover="__pwned=33`,
	`</script><script>__pwned=34</script>`,
}

// SchemePayloads are whole values of URL fields that must be refused:
// script URLs in every spelling a browser accepts, and URLs without a
// host.
var SchemePayloads = []string{
	`javascript:__pwned=41`,
	`JaVaScRiPt:__pwned=42`,
	` javascript:__pwned=43`,
	"java\tscript:__pwned=44",
	`&#106;avascript:__pwned=45`,
	`vbscript:msgbox(46)`,
	`data:text/html,<script>__pwned=47</script>`,
	`data:image/svg+xml,<svg onload=__pwned=48>`,
	`data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+`,
	`file:///etc/passwd`,
	`//evil.example/x`,
	`https:javascript:__pwned=49`,
	`mailto:`,
	`http://`,
}

// BodyRefused are Markdown bodies that check must refuse, each with an
// error on its line: script URLs in links, images, autolinks and
// reference definitions, and raw HTML.
var BodyRefused = []string{
	`[x](javascript:__pwned=51)`,
	`[x](JaVaScRiPt:__pwned=52)`,
	`[x](&#106;avascript:__pwned=53)`,
	`[x](&#x6A;avascript:__pwned=54)`,
	`[x](java&#x09;script:__pwned=55)`,
	`[x](<java script:__pwned=56>)`,
	`[x](< javascript:__pwned=57>)`,
	`[x](javascript%3A__pwned=58)`,
	`[x](vbscript:msgbox(59))`,
	`[x](VBScript:msgbox(60))`,
	`[x](data:text/html,<script>__pwned=61</script>)`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`[x](data:image/svg+xml,<svg/onload=__pwned=62>)`,
	`![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
	`![x](javascript:__pwned=63)`,
	`![x](data:text/html,<script>__pwned=64</script>)`,
	`<javascript:__pwned=65>`,
	`<JAVASCRIPT:__pwned=66>`,
	`<vbscript:msgbox(67)>`,
	`<data:text/html,__pwned=68>`,
	"[x][r]\n\n[r]: javascript:__pwned=69",
	"![x][r]\n\n[r]: data:text/html,__pwned=70",
	"[r]\n\n[r]: <vbscript:msgbox(71)>",
	`[x](file:///etc/passwd)`,
	`[x](//evil.example/)`,
	`<script>__pwned=72</script>`,
	`<img src="x" onerror="__pwned=73">`,
	`text <span onmouseover="__pwned=74">x</span>`,
	`<a href="javascript:__pwned=75">x</a>`,
	`<iframe src="javascript:__pwned=76"></iframe>`,
	`<svg><script>__pwned=77</script></svg>`,
	"<details open ontoggle=__pwned=78>",
	"<!-- --><script>__pwned=79</script>",
	"[^1]\n\n[^1]: <script>__pwned=80</script>",
	"| a |\n|---|\n| <img src=\"x\" onerror=\"__pwned=81\"> |",
	"- <script>__pwned=82</script>",
	"> <script>__pwned=83</script>",
	"[x](javascript:__pwned=84 \"title\")",
	"[x](\x01javascript:__pwned=85)",
}

// BodyAccepted are bodies check lets through, because what they hold is
// text or a harmless http link: they must render as text or as a plain
// link, never as active content.
var BodyAccepted = []string{
	"## Heading {#x onclick=__pwned=91}",
	"## Heading {onclick=\"__pwned=92\" .cls}",
	"Setext heading {#y onmouseover=__pwned=93}\n---",
	`[x](https://example.org/"onmouseover="__pwned=94)`,
	`[x](https://example.org/ "\" onmouseover=\"__pwned=95")`,
	`![" onerror="__pwned=96](https://example.org/x.png)`,
	`<https://example.org/?a="onmouseover="__pwned=97>`,
	`https://example.org/?a="><svg/onload=__pwned=98>`,
	`www.example.org/"onmouseover="__pwned=99`,
	"`<script>__pwned=100</script>`",
	"```js\" onload=\"__pwned=101\n<script>__pwned=101</script>\n```",
	"    <script>__pwned=102</script>",
	`&lt;script&gt;__pwned=103&lt;/script&gt;`,
	`\<script>__pwned=104\</script>`,
	"*emphasis <* script>__pwned=105",
	"[x]: https://example.org/\"onmouseover=\"__pwned=106\n\n[x]",
	`[x](https://example.org/ 'a" onmouseover="__pwned=107')`,
	"| h |\n|---|\n| `<script>__pwned=108</script>` |",
	"~~<~~script>__pwned=109",
	"[javascript:__pwned=110](https://example.org/)",
	// Not HTML in CommonMark (an unquoted attribute value holds "="):
	// shown as text.
	"<img src=x onerror=__pwned=111>",
	"| a |\n|---|\n| <img src=x onerror=__pwned=112> |",
}

// Place is one front-matter field of one file that receives a payload.
type Place struct {
	File, Field string
}

// Tag names a place inside a payload, so that a test can tell which
// places reached which output.
func Tag(i int) string { return fmt.Sprintf("Q%02dQ", i) }

// quote writes s as a YAML scalar (YAML reads JSON strings).
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// Site returns a content tree with one item of every type in which every
// text field that reaches a page carries payload p (tagged with its
// place), and URL fields carry the URL payload u; and the places it used.
// bodies, when set, are the Markdown bodies of extra pages. The tree
// passes check: it is what an editor could publish.
func Site(p, u string, bodies []string) (fstest.MapFS, []Place) {
	return SiteWith(func(int) string { return p }, u, bodies)
}

// SiteWith is Site with the payload of each place chosen by its number
// (from 1), so that one site can carry many payloads.
func SiteWith(payload func(n int) string, u string, bodies []string) (fstest.MapFS, []Place) {
	var places []Place
	n := 0
	v := func(file, field string) string {
		n++
		places = append(places, Place{file, field})
		return quote(payload(n) + Tag(n))
	}
	url := func(file, field string) string {
		n++
		places = append(places, Place{file, field})
		return quote("https://example.org/" + Tag(n) + "/?q=" + u)
	}
	files := map[string]string{}
	add := func(name string, fields ...string) {
		files[name] = "---\n" + strings.Join(fields, "\n") + "\n---\n"
	}
	s := "site.yaml"
	files[s] = strings.Join([]string{
		"title: " + v(s, "title"),
		"description: " + v(s, "description"),
		"repository: " + url(s, "repository"),
		"branch: " + v(s, "branch"),
		"content_dir: " + v(s, "content_dir"),
		"languages: [en]",
	}, "\n") + "\n"
	f := "areas/innovation-rd.md"
	add(f, "title: "+v(f, "title"), "short: "+v(f, "short"), "summary: "+v(f, "summary"), "order: 1")
	f = "countries/gr.md"
	add(f, "title: "+v(f, "title"), "iso2: GR", "nuts_prefix: EL", "summary: "+v(f, "summary"))
	f = "regions/el30.md"
	add(f, "title: "+v(f, "title"), "nuts: EL30", "country: GR", "summary: "+v(f, "summary"))
	f = "organisations/org.md"
	add(f, "title: "+v(f, "title"), "country: GR", "kind: cluster-organisation", "region: EL30",
		"role: partner", "website: "+url(f, "website"), "summary: "+v(f, "summary"))
	source := func(f string) string {
		return "sources:\n  - title: " + v(f, "sources.title") + "\n    url: " + url(f, "sources.url")
	}
	f = "practices/practice.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"), "countries: [GR]", "regions: [EL30]",
		"areas: [innovation-rd]", "level: regional", "status: piloted", "owner: org", "pilot: pilot",
		"profile: profile", "start: 2010", "updated: 2020-01-02",
		"tags: ["+v(f, "tags")+"]", source(f))
	f = "profiles/profile.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"), "scope: country", "country: GR",
		"period: "+v(f, "period"), "areas: [innovation-rd]",
		"assessment:\n  innovation-rd: {score: 3, note: "+v(f, "assessment.note")+"}",
		"instruments:\n  - {name: "+v(f, "instruments.name")+", kind: grant, budget_eur: 1000, start: 2010, end: 2012}",
		source(f))
	f = "pilots/pilot.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"), "lead: org", "countries: [GR]",
		"areas: [innovation-rd]", "status: running", "mechanism: mechanism", "period: "+v(f, "period"))
	f = "mechanisms/mechanism.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"), "area: innovation-rd",
		"steps: ["+v(f, "steps")+"]", "tools: ["+v(f, "tools")+"]", "tested_by: [pilot]")
	f = "documents/document.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"), "kind: report", "date: 2019-05",
		"authors: [org]", "areas: [innovation-rd]", "url: "+url(f, "url"))
	f = "glossary/term.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"))
	f = "pages/about.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"))
	f = "pages/home.md"
	add(f, "title: "+v(f, "title"), "summary: "+v(f, "summary"))
	for i, b := range bodies {
		files[fmt.Sprintf("pages/body-%02d.md", i)] = fmt.Sprintf("---\ntitle: Body %d\n---\nBefore.\n\n%s\n\nAfter.\n", i, b)
	}
	fsys := fstest.MapFS{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fsys[name] = &fstest.MapFile{Data: []byte(files[name]), Mode: 0o644}
	}
	return fsys, places
}

// BodySite is a minimal valid site with one page whose body is body, at
// pages/x.md; the body starts on line BodyLine.
func BodySite(body string) fstest.MapFS {
	fsys, _ := Site("plain", "plain", nil)
	fsys["pages/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\n" + body + "\n"), Mode: 0o644}
	return fsys
}

// BodyLine is the line of pages/x.md on which BodySite's body starts.
const BodyLine = 4
