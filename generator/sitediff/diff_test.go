package sitediff_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/sitediff"
)

// base is a small site that each case changes.
const base = `
-- site.yaml --
title: Test site
languages: [en, el]
-- areas/innovation-rd.md --
---
title: Innovation
short: Innovation
order: 1
---
-- areas/skills-jobs.md --
---
title: Skills and jobs
short: Skills
order: 2
---
-- countries/gr.md --
---
title: Greece
iso2: GR
---
-- countries/hu.md --
---
title: Hungary
iso2: HU
---
-- practices/vouchers.md --
---
title: Innovation vouchers for clusters
summary: Small grants for firms that buy services from a cluster.
countries: [GR]
areas: [innovation-rd]
level: regional
status: identified
sources: [https://example.org/vouchers]
---
## Description
Vouchers of up to 10,000 euro.
## Evidence of success
Forty firms used them.
-- practices/accreditation.md --
---
title: Cluster accreditation
summary: Accredited clusters get funding.
countries: [HU]
areas: [innovation-rd]
level: national
status: piloted
sources: [https://example.org/acc]
---
## Description
A label for clusters.
-- profiles/greece.md --
---
title: Greece cluster policy
summary: The national cluster policy of Greece.
scope: country
country: GR
period: 2014-2020
areas: [innovation-rd, skills-jobs]
assessment:
  innovation-rd: {score: 2, note: Some support.}
  skills-jobs: {note: Not assessed.}
sources: [https://example.org/gr]
---
## Overview
Text.
`

// build builds the base site with the files of change replacing (or, with
// empty text, removing) its own, into a fresh folder.
func build(t *testing.T, change string) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(base)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	for _, f := range txtar.Parse([]byte(change)).Files {
		if strings.TrimSpace(string(f.Data)) == "" {
			delete(fsys, f.Name)
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

func diff(t *testing.T, change string) (*sitediff.Report, string) {
	t.Helper()
	old, cur := build(t, ""), build(t, change)
	r, err := sitediff.Compare(context.Background(), old, cur, sitediff.Options{Link: func(p string) string { return "https://preview.example/" + p }})
	if err != nil {
		t.Fatal(err)
	}
	md := r.Markdown()
	t.Log(md)
	return r, md
}

func want(t *testing.T, md string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(md, l) {
			t.Errorf("summary lacks %q", l)
		}
	}
}

func TestNoChange(t *testing.T) {
	r, md := diff(t, "")
	if len(r.Added)+len(r.Removed)+len(r.Changed)+len(r.Shown)+len(r.Others) != 0 {
		t.Errorf("the same content gives changes: %+v", r)
	}
	want(t, md, sitediff.Marker, "No page changes")
}

func TestAdded(t *testing.T) {
	r, md := diff(t, `
-- practices/label.md --
---
title: Cluster label
summary: A quality label for cluster organisations.
countries: [GR, HU]
areas: [skills-jobs]
level: transnational
status: transferred
sources: [https://example.org/label]
---
## Description
A label.
`)
	if len(r.Added) != 1 || r.Added[0].Path != "practices/label/" {
		t.Fatalf("added %v, want practices/label/", r.Added)
	}
	want(t, md, "1 page added, 0 pages removed, 0 pages changed",
		"- [Cluster label](https://preview.example/practices/label/) (practices)",
		"[Greece](https://preview.example/countries/gr/): “Good practices” changed")
	// The Greek page of the new practice (the English text with a note)
	// is listed with the lists, not described.
	want(t, md, "added: [Cluster label](https://preview.example/el/practices/label/)")
}

func TestRemoved(t *testing.T) {
	r, md := diff(t, "-- practices/accreditation.md --\n")
	if len(r.Removed) != 1 || r.Removed[0].Path != "practices/accreditation/" {
		t.Fatalf("removed %v", r.Removed)
	}
	want(t, md, "0 pages added, 1 page removed", "- Cluster accreditation (practices, was `/practices/accreditation/`)")
}

func TestFieldsAndSections(t *testing.T) {
	r, md := diff(t, `
-- practices/vouchers.md --
---
title: Innovation vouchers for clusters
summary: Small grants for firms that buy services from a cluster or a university.
countries: [GR, HU]
areas: [innovation-rd]
level: regional
status: piloted
sources: [https://example.org/vouchers]
---
## Description
Vouchers of up to 20,000 euro.
## Resources needed
A small team.
`)
	if len(r.Changed) != 1 {
		t.Fatalf("changed %d pages, want 1: %+v", len(r.Changed), r.Changed)
	}
	want(t, md,
		"- [Innovation vouchers for clusters](https://preview.example/practices/vouchers/) (practices)",
		"  - summary: “Small grants for firms that buy services from a cluster.” → “Small grants for firms that buy services from a cluster or a university.”",
		"  - Countries: “Greece” → “Greece, Hungary”",
		"  - Status: “Identified” → “Piloted”",
		"  - sections: “Description” changed; “Resources needed” added; “Evidence of success” removed")
}

func TestScores(t *testing.T) {
	r, md := diff(t, `
-- profiles/greece.md --
---
title: Greece cluster policy
summary: The national cluster policy of Greece.
scope: country
country: GR
period: 2014-2020
areas: [innovation-rd, skills-jobs]
assessment:
  innovation-rd: {score: 3, note: Some support.}
  skills-jobs: {score: 1, note: Little.}
sources: [https://example.org/gr]
---
## Overview
Text.
`)
	if len(r.Matrix) != 2 {
		t.Fatalf("matrix moves %v, want 2", r.Matrix)
	}
	want(t, md, "**Compare matrix**",
		"| [Greece cluster policy](https://preview.example/profiles/greece/) | innovation-rd | 2 | 3 |",
		"| [Greece cluster policy](https://preview.example/profiles/greece/) | skills-jobs | – | 1 |",
		"  - score of innovation-rd: 2 → 3")
}

// TestSearch: a new title moves the practice in the search for its words.
func TestSearch(t *testing.T) {
	r, md := diff(t, `
-- practices/accreditation.md --
---
title: Innovation vouchers for clusters in Hungary
summary: Accredited clusters get funding.
countries: [HU]
areas: [innovation-rd]
level: national
status: piloted
sources: [https://example.org/acc]
---
## Description
A label for clusters.
`)
	var found bool
	for _, s := range r.Search {
		if s.Path == "practices/accreditation/" && s.New == 1 && s.Old != 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("search: %+v; want practices/accreditation/ first for its new title", r.Search)
	}
	want(t, md, "**Search**", "| Innovation vouchers for clusters in Hungary | `/practices/accreditation/` |")
}

// TestTranslation: a translation changes the Greek page only, listed
// with the other languages' pages.
func TestTranslation(t *testing.T) {
	r, md := diff(t, `
-- practices/vouchers.el.md --
---
title: Κουπόνια καινοτομίας
summary: Μικρές επιχορηγήσεις.
---
## Περιγραφή
Κουπόνια.
## Αποτελέσματα
Σαράντα επιχειρήσεις.
`)
	if len(r.Changed)+len(r.Added) != 0 {
		t.Errorf("a translation changes English pages: %+v %+v", r.Changed, r.Added)
	}
	want(t, md, "changed: [Κουπόνια καινοτομίας](https://preview.example/el/practices/vouchers/)")
}
