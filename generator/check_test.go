package generator_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator"
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
			`content/practices/x.md:8:8: start must be a date written YYYY, YYYY-MM or YYYY-MM-DD`,
		}},
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

func TestCheckReportsEverythingSorted(t *testing.T) {
	got := checkMessages(t, `
-- practices/b.md --
---
title: B
---
-- practices/a.md --
---
title: A
level: nowhere
---
`)
	lines := strings.Split(got, "\n")
	if len(lines) < 8 {
		t.Fatalf("want every missing field of both files, got:\n%s", got)
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] < lines[i-1] && strings.Split(lines[i], ":")[0] < strings.Split(lines[i-1], ":")[0] {
			t.Errorf("not sorted: %q before %q", lines[i-1], lines[i])
		}
	}
	if !strings.HasPrefix(lines[0], "content/practices/a.md") {
		t.Errorf("first message %q; want a.md first", lines[0])
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

func TestOversizedFileIsRefusedQuickly(t *testing.T) {
	big := "---\ntitle: Big\n---\n" + strings.Repeat("*a **b _c [d](", 200_000)
	start := time.Now()
	got := checkMessages(t, "-- pages/big.md --\n"+big+"\n")
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Logf("check took %v", elapsed) // reported, not asserted: timing is for benchmarks
	}
	contains(t, got, "content/pages/big.md: file is 2.7 MiB; the limit is 512 KiB", "size cap")
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

func TestTranslationInheritsFacts(t *testing.T) {
	got := checkMessages(t, "-- practices/mi-cluster.el.md --\n---\ntitle: Συστάδα\nsummary: Σύντομα.\n---\n## Description\n## Resources needed\n## Evidence of success\n## Difficulties encountered\n## Potential for transfer\n-- site.yaml --\ntitle: T\nlanguages: [en, el]\n")
	if got != "" {
		t.Errorf("a translation with only its words: %s", got)
	}
}
