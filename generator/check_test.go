package generator_test

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
)

// checkMessages runs Check and returns every message, one per line.
func checkMessages(t testing.TB, archive string) string {
	t.Helper()
	list := generator.Check(context.Background(), generator.Config{Src: with(t, archive), SrcRoot: "content"})
	var lines []string
	for _, d := range list {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

func TestCheckReportsPositions(t *testing.T) {
	for _, tc := range []struct {
		name, archive string
		want          []string
	}{
		{"unknown area with suggestion", `
-- practices/x.md --
---
title: X
summary: S
countries: [GR]
areas: [sustainability, inovation-rd]
level: national
status: identified
sources: [https://example.org]
---
`, []string{`content/practices/x.md:5:25: unknown area "inovation-rd" (did you mean "innovation-rd"?)`}},
		{"unknown field with suggestion", `
-- practices/x.md --
---
tittle: X
title: X
summary: S
countries: [GR]
areas: [sustainability]
level: national
status: identified
sources: [https://example.org]
---
`, []string{`content/practices/x.md:2:1: unknown field "tittle" (did you mean "title"?)`}},
		{"missing required fields and wrong types", `
-- practices/x.md --
---
title: X
countries: GR
areas: [sustainability]
level: regonal
status: identified
draft: "yes"
start: 2014-13
sources: [https://example.org]
---
`, []string{
			`content/practices/x.md:1:1: missing required field "summary"`,
			`content/practices/x.md:3:12: countries must be a list, e.g. [a, b], got text "GR"`,
			`content/practices/x.md:5:8: unknown level "regonal" (did you mean "regional"?)`,
			`content/practices/x.md:7:8: draft must be true or false, got text "yes"`,
			`content/practices/x.md:8:8: start "2014-13" is no such date: the month must be 01 to 12, and the day one that the month has`,
		}},
		{"a date written right that the calendar does not have", `
-- practices/x.md --
---
title: X
summary: S
countries: [GR]
areas: [sustainability]
level: national
status: identified
start: 2015-02-30
end: 2016-02
sources: [https://example.org]
---
`, []string{`content/practices/x.md:8:8: start "2015-02-30" is no such date: the month must be 01 to 12, and the day one that the month has`}},
		{"unclosed front matter is an error at its first line", `
-- practices/x.md --

---
title: X
summary: never closed
`, []string{`content/practices/x.md:2:1: front matter is opened here but never closed`}},
		{"missing front matter", `
-- pages/about.md --
# About
`, []string{`content/pages/about.md:1:1: no front matter`}},
		{"invalid YAML", `
-- pages/about.md --
---
title: About
summary: [unclosed
---
`, []string{`content/pages/about.md:`, `invalid YAML front matter`}},
		{"cross references resolve", `
-- practices/x.md --
---
title: X
summary: S
countries: [GR, XX]
regions: [EL31]
areas: [sustainability]
level: national
status: identified
owner: coralia
pilot: nothing
sources: [https://example.org]
---
`, []string{
			`content/practices/x.md:4:17: unknown country "XX"`,
			`content/practices/x.md:5:11: unknown region "EL31" (did you mean "EL30"?)`,
			`content/practices/x.md:9:8: unknown organisation "coralia" (did you mean "corallia"?)`,
			`content/practices/x.md:10:8: unknown pilot "nothing"`,
		}},
		{"body links resolve, lines count from the top of the file", `
-- pages/about.md --
---
title: About
---
Intro line.

See [a practice](/practices/mi-clustr/) and [a file](../practices/none.md)
and [ok](/practices/mi-cluster/).
`, []string{
			`content/pages/about.md:6:5: link "/practices/mi-clustr/" points at no page of the site; write a site path such as /practices/slug/ or a relative path to a .md file (did you mean /practices/mi-cluster/?)`,
			`content/pages/about.md:6:45: link "../practices/none.md" points at no page`,
		}},
		{"an image on the site's disk cannot be: it is asked for by its address", `
-- pages/about.md --
---
title: About
---
![A chart](chart.png)
`, []string{
			`content/pages/about.md:4:1: image "chart.png" is not part of the site, whose content is pages only: give the image's full address (https://...)`,
		}},
		{"an empty heading is reported on its line", "-- pages/about.md --\n---\ntitle: About\n---\nIntro.\n\n## \n\n```\n##\n```\n\n##\n",
			[]string{
				`content/pages/about.md:6:1: warning: empty heading: write its text after the #, or remove the line`,
				`content/pages/about.md:12:1: warning: empty heading: write its text after the #, or remove the line`,
			}},
		{"a page cannot take a folder of the site's own files, which are named", `
-- pages/data.md --
---
title: Data
---
-- pages/assets.md --
---
title: Assets
---
`, []string{
			`content/pages/assets.md:1:1: this page would be written to /assets/, which the folder of the site's styles and scripts already uses; rename the file`,
			`content/pages/data.md:1:1: this page would be written to /data/, which the folder of the open data already uses; rename the file`,
		}},
		{"script URLs and raw HTML are refused", `
-- pages/about.md --
---
title: About
---
[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) ![z](data:text/html;base64,AAAA)

<script>alert(1)</script>
`, []string{
			`content/pages/about.md:4:1: link to a javascript: URL is not allowed`,
			`content/pages/about.md:4:26: link to a javascript: URL is not allowed`,
			`content/pages/about.md:4:51: image to a data: URL is not allowed`,
			`content/pages/about.md:6:1: raw HTML is not allowed`,
		}},
		{"NUTS prefix must match the country", `
-- regions/gr30.md --
---
title: Wrong prefix
nuts: GR30
country: GR
---
`, []string{`content/regions/gr30.md:3:7: NUTS code "GR30" does not start with "EL", the NUTS prefix of GR`}},
		{"a country without nuts_prefix is named where its prefix can be given", `
-- countries/gr.md --
---
title: Greece
iso2: GR
---
`, []string{`content/regions/el30.md:3:7: NUTS code "EL30" does not start with "GR", the NUTS prefix of GR: correct the code or the country; if GR's NUTS codes start with other letters (e.g. EL for GR), give them as nuts_prefix in content/countries/gr.md`}},
		{"output paths collide, case-insensitively too", `
-- pages/practices.md --
---
title: Clashes with the list page
---
-- practices/Mi-Cluster.md --
---
title: Bad name
---
`, []string{
			`content/pages/practices.md:1:1: this page would be written to /practices/, which the list page already uses`,
			`content/practices/Mi-Cluster.md: file name "Mi-Cluster.md" is not a valid slug`,
		}},
		{"region must belong to a listed country", `
-- practices/x.md --
---
title: X
summary: S
countries: [HU]
regions: [EL30]
areas: [sustainability]
level: national
status: identified
sources: [https://example.org]
---
`, []string{`content/practices/x.md:5:10: region EL30 is in GR, which is not listed in countries`}},
		{"orphan translation and mismatched facts", `
-- practices/ghost.el.md --
---
title: Φάντασμα
---
-- practices/mi-cluster.el.md --
---
title: mi-Cluster
countries: [HU]
---
-- site.yaml --
title: T
languages: [en, el]
`, []string{
			`content/practices/ghost.el.md:1:1: translation without an original`,
			`content/practices/mi-cluster.el.md:3:12: countries differs from the original`,
		}},
		{"a translation inherits facts it leaves out, but needs its own words", `
-- practices/mi-cluster.el.md --
---
summary: Σύντομα.
---
-- site.yaml --
title: T
languages: [en, el]
`, []string{`content/practices/mi-cluster.el.md:1:1: missing required field "title"`}},
		{"TOML and JSON front matter", `
-- pages/toml.md --
+++
title = "TOML page"
colour = "red"
+++
-- pages/json.md --
---json
{"title": "JSON page", "summry": "x"}
---
`, []string{
			`content/pages/json.md:2:24: unknown field "summry" (did you mean "summary"?)`,
			`content/pages/toml.md:3:1: unknown field "colour"`,
		}},
		{"required lists need an entry; practices need sources", `
-- practices/x.md --
---
title: X
summary: S
countries: []
areas: [sustainability]
level: national
status: identified
---
`, []string{
			`content/practices/x.md:1:1: missing required field "sources"`,
			`content/practices/x.md:4:1: required field "countries" is empty: give at least one entry`,
		}},
		{"a stray carriage return is refused where it is", "-- pages/cr.md --\n---\ntitle: A\rB\n---\n",
			[]string{`content/pages/cr.md:2:9: stray carriage return (CR) character`}},
		{"YAML aliases are refused", `
-- pages/bomb.md --
---
title: &a Bomb
summary: *a
---
`, []string{`content/pages/bomb.md:2:8: YAML anchors and aliases`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := checkMessages(t, tc.archive)
			for _, w := range tc.want {
				contains(t, got, w, "messages")
			}
		})
	}
}

// TestCheckReportsEverythingSorted: check reports every problem of every
// file, sorted by file, then by line and column as numbers (line 8 before
// line 10), then by message, whatever order they were found in: the
// unknown field on line 10 is found while the front matter is read, the
// unknown area on line 6 later, when references are resolved.
func TestCheckReportsEverythingSorted(t *testing.T) {
	list := generator.Check(context.Background(), generator.Config{Src: with(t, `
-- practices/b.md --
---
title: B
---
-- practices/a.md --
---
title: A
sources: [https://example.org]
status: nowhere
level: nowhere
areas: [nowhere]
regions: [XX99]
countries: [XX]
summary: S
tittle: typo
---
## Description
See [the missing one](/practices/missing/).
## Resources needed
## Evidence of success
## Difficulties encountered
## Potential for transfer
`), SrcRoot: "content"})
	lines := map[string]map[int]bool{}
	last := map[string]diag.Diagnostic{}
	for i, d := range list {
		if lines[d.Path] == nil {
			lines[d.Path] = map[int]bool{}
		}
		lines[d.Path][d.Pos.Line] = true
		if i > 0 && list[i-1].Path > d.Path {
			t.Errorf("files not sorted: %q before %q", list[i-1], d)
		}
		if p, ok := last[d.Path]; ok && cmp.Or(cmp.Compare(p.Pos.Line, d.Pos.Line), cmp.Compare(p.Pos.Col, d.Pos.Col), strings.Compare(p.Msg, d.Msg)) > 0 {
			t.Errorf("not sorted within %s: %q before %q", d.Path, p, d)
		}
		last[d.Path] = d
	}
	a := lines["content/practices/a.md"]
	if len(a) < 5 || !a[8] || !a[10] || !a[13] || len(lines["content/practices/b.md"]) == 0 || len(lines) != 2 {
		t.Errorf("want problems on several lines of a.md, 8, 10 and 13 among them, and in b.md; got:\n%s", list.Err())
	}
	if len(list) > 0 && list[0].Path != "content/practices/a.md" {
		t.Errorf("first message %q; want a.md first", list[0])
	}
}

// TestCRLFAndBOM: a file saved with Windows line endings and a byte-order
// mark loads, and its links resolve. (The starter content itself is
// checked by cmd/polisee's starter script.)
func TestCRLFAndBOM(t *testing.T) {
	got := checkMessages(t, "-- pages/crlf.md --\n\ufeff---\r\ntitle: CRLF\r\n---\r\nBody [link](/practices/mi-cluster/)\r\n")
	if got != "" {
		t.Errorf("CRLF + BOM file: %s", got)
	}
}

// TestOversizedFileIsRefusedReadingAtMostTheLimit: a file over the size
// cap is an error that says so, and is never read past the cap: one whose
// size is known up front is refused by it, and one that grows while it is
// read (its size said small) is cut off at the cap.
func TestOversizedFileIsRefusedReadingAtMostTheLimit(t *testing.T) {
	fsys := meteredFS{fs: with(t, ""), read: map[string]int64{}, grows: "pages/grows.md", mu: &sync.Mutex{}}
	fsys.fs["pages/big.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Big\n---\n" + strings.Repeat("*a **b _c [d](", 200_000)), Mode: 0o644}
	fsys.fs["pages/grows.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Grows\n---\n"), Mode: 0o644}
	var got []string
	for _, d := range generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"}) {
		got = append(got, d.String())
	}
	for _, want := range []string{
		"content/pages/big.md: file is 2.7 MiB; the limit is 512 KiB: split it into several pages",
		"content/pages/grows.md: file is larger than the limit of 512 KiB: split it into several pages",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("want %q among\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, name := range []string{"pages/big.md", "pages/grows.md"} {
		if n := fsys.read[name]; n > model.DefaultMaxFileSize+1 {
			t.Errorf("%s: %d bytes read; the limit is %d", name, n, model.DefaultMaxFileSize)
		}
	}
	if fsys.read["pages/grows.md"] == 0 {
		t.Error("the growing file was not read at all: the test no longer covers reading")
	}
}

// meteredFS counts the bytes read from each file of fs. The file named
// grows says its size is small but, once its data is read, goes on with
// more, up to 64 MiB.
type meteredFS struct {
	fs    fstest.MapFS
	read  map[string]int64
	grows string
	mu    *sync.Mutex // files are read on several goroutines
}

func (m meteredFS) Open(name string) (fs.File, error) {
	f, err := m.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || info.IsDir() {
		return f, err
	}
	return &meteredFile{File: f, name: name, m: m}, nil
}

// meteredFile is an open file of a meteredFS.
type meteredFile struct {
	fs.File
	name  string
	m     meteredFS
	extra int64
}

func (f *meteredFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if err == io.EOF && f.name == f.m.grows && f.extra < 64<<20 {
		n = copy(p, bytes.Repeat([]byte("a"), min(len(p), 64<<20-int(f.extra))))
		f.extra += int64(n)
		err = nil
	}
	f.m.mu.Lock()
	f.m.read[f.name] += int64(n)
	f.m.mu.Unlock()
	return n, err
}

// TestSlowMarkdownShapesAreRefused covers inputs on which Markdown parsing
// takes the square of their size: they get an error instead of a minutes-
// long build. (Their timing is measured by BenchmarkPathologicalShapes.)
func TestSlowMarkdownShapesAreRefused(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"open links":  {strings.Repeat("[a](", 100_000), "content/pages/p.md:4:1: this paragraph has more than 1000 links"},
		"open images": {strings.Repeat("![a](", 80_000), "content/pages/p.md:4:1: this paragraph has more than 1000 links"},
		"deep quotes": {"text\n\n" + strings.Repeat("> ", 200_000) + "x", "content/pages/p.md:6:1: blockquotes nested 200000 deep"},
		"long block":  {strings.Repeat("word ", 60_000), "content/pages/p.md:4:1: this paragraph is longer than 256 KiB"},
	} {
		t.Run(name, func(t *testing.T) {
			got := checkMessages(t, "-- pages/p.md --\n---\ntitle: P\n---\n"+tc.body+"\n")
			contains(t, got, tc.want, "messages")
		})
	}
}

// TestTranslationInheritsFacts: a translation that gives only its words
// passes check, and its page shows the original's facts (countries, areas,
// status, regions, owner, start, sources, updated) beside its own words;
// the Greek list of identified practices holds it under its Greek title.
func TestTranslationInheritsFacts(t *testing.T) {
	archive := "-- practices/mi-cluster.el.md --\n---\ntitle: Συστάδα\nsummary: Σύντομα.\n---\n## Description\n## Resources needed\n## Evidence of success\n## Difficulties encountered\n## Potential for transfer\n-- site.yaml --\ntitle: T\nlanguages: [en, el]\n"
	if got := checkMessages(t, archive); got != "" {
		t.Errorf("a translation with only its words: %s", got)
	}
	out, _ := build(t, with(t, archive))
	page := read(t, out, "el/practices/mi-cluster/index.html")
	contains(t, page, "<h1>Συστάδα</h1>", "the translation's page")
	for _, fact := range []string{
		`<a href="../../countries/gr/" lang="en">Greece</a>`,
		`<a href="../../areas/innovation-rd/" lang="en">`,
		`<a href="../status/identified/">`,
		`<a href="../../regions/el30/" lang="en">Attiki</a>`,
		`<a href="../../organisations/corallia/" lang="en">Corallia</a>`,
		`<dd>2006</dd>`,
		`<a href="https://example.org/mi" rel="noopener">Source</a>`,
		`<time datetime="2026-11-01">`,
	} {
		contains(t, page, fact, "the translation's page, an inherited fact")
	}
	contains(t, read(t, out, "el/practices/status/identified/index.html"), "Συστάδα", "the Greek list of identified practices")
}
