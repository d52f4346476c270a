package generator_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
)

// aboutAims starts an about page whose one heading is "Our aims"
// (#our-aims), on line 4 of its file.
const aboutAims = `
-- pages/about.md --
---
title: About
---
## Our aims
`

// A link to a part of a page (#id) that the page, as rendered, lacks is a
// warning at the link; ids of headings and of the layouts are found; the
// check follows a body's links from its page in each language, since the
// Greek page of the target may have other headings.
func TestBuildWarnsOfMissingAnchors(t *testing.T) {
	src := site(t, base+aboutAims+`[a heading](/practices/accreditation/#evidence-of-success),
[a misspelt one](/practices/accreditation/#evidence),
[the layout's main](/practices/accreditation/#main),
[this page's heading](#our-aims), [nothing here](#our-aim),
[a file](/data/practices.json#x) and [the page alone](/practices/accreditation/).
`)
	_, s := build(t, src)
	want := []string{
		`content/pages/about.md:6:1: warning: link to #evidence: the page /practices/accreditation/ has no part with that id; a heading's id is its text in lowercase, words joined by "-" (## Funding sources is #funding-sources), or link to the page alone`,
		`content/pages/about.md:8:35: warning: link to #our-aim: the page /about/ has no part with that id; a heading's id is its text in lowercase, words joined by "-" (## Funding sources is #funding-sources), or link to the page alone`,
	}
	if got := anchorWarnings(s); !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", join(got), join(want))
	}

	// The same English body on the Greek page of about, which has no
	// translation, lands on the Greek page of the practice, whose
	// headings are Greek.
	el := site(t, base+`
-- pages/about.md --
---
title: About
---
See [the description](/practices/accreditation/#description).
`+greekAccreditation)
	el["site.yaml"].Data = []byte("title: Test site\nlanguages: [en, el]\n")
	out := filepath.Join(t.TempDir(), "public")
	s, err := generator.Build(context.Background(), generator.Config{Src: el, SrcRoot: "content", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{
		`content/pages/about.md:4:5: warning: link to #description: the page /el/practices/accreditation/ has no part with that id; a heading's id is its text in lowercase, words joined by "-" (## Funding sources is #funding-sources), or link to the page alone`,
		// base's practice links to the same heading; its Greek page
		// shows its English body.
		`content/practices/mi-cluster.md:17:63: warning: link to #description: the page /el/practices/accreditation/ has no part with that id; a heading's id is its text in lowercase, words joined by "-" (## Funding sources is #funding-sources), or link to the page alone`,
	}
	if got := anchorWarnings(s); !slices.Equal(got, want) {
		t.Errorf("two languages, warnings:\n%s\nwant:\n%s", join(got), join(want))
	}
}

// anchorWarnings are the build's warnings about links to parts of pages.
func anchorWarnings(s *generator.Site) []string {
	var out []string
	for _, w := range s.Warnings {
		if strings.HasPrefix(w.Msg, "link to #") {
			out = append(out, w.String())
		}
	}
	slices.Sort(out)
	return out
}

func join(l []string) string { return "  " + strings.Join(l, "\n  ") }

// In an offline copy links name the folder's index.html; they land on the
// same pages (a link from a page to itself by its path is index.html#id).
func TestBuildWarnsOfMissingAnchorsOffline(t *testing.T) {
	src := site(t, base+aboutAims+`[a misspelt one](/practices/accreditation/#evidence) and [here](/about/#our-aim).
`)
	out := filepath.Join(t.TempDir(), "offline")
	s, err := generator.Build(context.Background(), generator.Config{Src: src, SrcRoot: "content", Out: out, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	got := anchorWarnings(s)
	if len(got) != 2 || !strings.Contains(got[0], "#evidence: the page /practices/accreditation/") || !strings.Contains(got[1], "#our-aim: the page /about/") {
		t.Errorf("offline copy, warnings:\n%s", join(got))
	}
}
