package generator_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
)

// greekSite is a small site whose default language is Greek: its pages
// speak Greek around Greek content.
const greekSite = `
-- site.yaml --
title: Βάση γνώσης
languages: [el, en]
-- areas/innovation-rd.md --
---
title: Καινοτομία και Ε&Α
short: Καινοτομία
order: 1
---
Για την καινοτομία.
-- areas/sustainability.md --
---
title: Βιωσιμότητα
short: Βιωσιμότητα
order: 2
---
-- countries/gr.md --
---
title: Ελλάδα
iso2: GR
nuts_prefix: EL
eu: true
---
-- regions/el30.md --
---
title: Αττική
nuts: EL30
country: GR
---
-- organisations/corallia.md --
---
title: Corallia
country: GR
kind: cluster-organisation
region: EL30
role: partner
---
-- practices/mi-cluster.md --
---
title: mi-Cluster
summary: Μια συστάδα μικροηλεκτρονικής.
countries: [GR]
regions: [EL30]
areas: [innovation-rd]
level: national
status: piloted
owner: corallia
start: 2006-03
updated: 2026-11-27
sources:
  - title: Πηγή
    url: https://example.org/mi
---
## Description
Κείμενο.
## Resources needed
## Evidence of success
## Difficulties encountered
## Potential for transfer
-- profiles/gr-2014.md --
---
title: Ελλάδα 2014-2020
summary: Η πολιτική για τις συστάδες στην Ελλάδα.
scope: country
country: GR
period: 2014-2020
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd:
    note: Σημείωση.
instruments:
  - name: Μέτρο
    kind: grant
    budget_eur: 5186352
    start: 2008
    end: 2011
sources: [https://example.org/p]
---
Κείμενο.
-- documents/factsheet.md --
---
title: Ενημερωτικό
summary: Δελτίο.
kind: factsheet
date: 2014-10
areas: [innovation-rd]
---
`

// TestGreekSite: with languages: [el, en] every page's UI is Greek: known
// strings are there (navigation, headings, a status, a date, an amount)
// and no sample of the English UI is left.
func TestGreekSite(t *testing.T) {
	out, s := build(t, site(t, greekSite))
	for _, w := range s.Warnings {
		if strings.Contains(w.Msg, "UI strings") {
			t.Errorf("unexpected warning: %v", w)
		}
	}
	pages := map[string][]string{
		"index.html": {`<html lang="el">`, "Θεματικοί τομείς", "Πρόσφατες καλές πρακτικές", "Χώρες-εταίροι",
			"Καλές πρακτικές ανά τομέα και χώρα", ">Καλές πρακτικές</a>", ">Προφίλ πολιτικής</a>", ">Σύγκριση</a>",
			"Μετάβαση στο περιεχόμενο", "1 καλή πρακτική", "Πιλοτικά εφαρμοσμένη", "Ανοιχτά δεδομένα", ">Συνεισφορά</a>"},
		"practices/index.html":                {"<h1>Καλές πρακτικές</h1>", "Ανά κατάσταση", "1 καταχώριση", "Εντοπισμένες", "Πιλοτικά εφαρμοσμένες", "Αρχική"},
		"practices/status/piloted/index.html": {"Καλές πρακτικές: Πιλοτικά εφαρμοσμένες", "1 πρακτική"},
		"practices/mi-cluster/index.html": {"Βασικά στοιχεία", "<dt>Κατάσταση</dt>", ">Πιλοτικά εφαρμοσμένη</a>", "<dt>Επίπεδο</dt><dd>Εθνικό</dd>",
			"<dt>Έναρξη</dt><dd>Μάρτιος 2006</dd>", `Τελευταία ενημέρωση: <time datetime="2026-11-27">27 Νοεμβρίου 2026</time>.`,
			"<h2 id=\"sources-heading\">Πηγές</h2>", "<p class=\"kind\">Καλή πρακτική</p>"},
		"profiles/gr-2014/index.html": {"Αξιολόγηση ανά θεματικό τομέα", "Δεν έχει αξιολογηθεί", "Μέσα πολιτικής", "5.186.352\u00a0€",
			"Επιχορήγηση", "<dt>Εμβέλεια</dt><dd>Χώρα</dd>"},
		"areas/innovation-rd/index.html": {"Τι να διαβάσετε πρώτα", "το ενημερωτικό δελτίο πολιτικής του τομέα",
			`<time datetime="2014-10">Οκτώβριος 2014</time>`, "Πώς βαθμολογούνται τα προφίλ πολιτικής", "<strong>δεν έχουν αξιολογηθεί</strong>"},
		"search/index.html": {"<h1>Αναζήτηση</h1>", "Πρέπει να υπάρχει κάθε λέξη", `"no_results":"Κανένα αποτέλεσμα για «{q}»."`,
			`"piloted":"Πιλοτικά εφαρμοσμένη"`, `"practice":"Καλή πρακτική"`},
		"compare/index.html": {"<h1>Σύγκριση προφίλ πολιτικής</h1>", "Πώς διαβάζονται οι βαθμολογίες", "Δεν καλύπτεται",
			"Δίπλα-δίπλα", "Όλες οι χώρες", "5.186.352\u00a0€", "2008–2011"},
		"404.html":                {"Η σελίδα δεν βρέθηκε"},
		"contributing/index.html": {"Πώς να συνεισφέρετε", "Αναφορά σχήματος", "Πεδία του είδους «καλή πρακτική»", "<th scope=\"col\">Υποχρεωτικό</th>"},
	}
	// Samples of the English UI: none may remain on these pages.
	english := []string{"Skip to content", "Search the knowledge base", ">Search<", "Thematic areas", "Latest good practices",
		"Partner countries", "Good practices", "good practice", "Policy profiles", ">Compare<", ">Home<", "Breadcrumb", `aria-label="Main"`,
		"Key facts", ">Sources<", ">Related<", "Last updated", "Not assessed", "Not covered", ">Feed<", "Open data",
		"entries", "entry", "By status", "Instruments", "Every word must appear", ">Filters<", ">Results<", "Side by side",
		"How to read the scores", ">Identified", ">Piloted", ">National<", ">Yes<", ">No<", "November", "October", "EUR ",
		"Page not found", "Contributing", "What to read first", "Schema reference", " of 4"}
	for name, want := range pages {
		html := read(t, out, name)
		for _, w := range want {
			contains(t, html, w, name)
		}
		samples := english
		if name == "contributing/index.html" {
			// The schema reference's field descriptions come from the model
			// and stay English (the page says so); its own words do not.
			samples = []string{"How to contribute", "Schema reference", "Files and names", "Site configuration",
				">Field<", ">Required<", ">Description<", "Published at", "To add a good practice", "Propose the change"}
		}
		for _, e := range samples {
			if name == "search/index.html" && (e == "Good practices" || e == "Policy profiles") {
				continue // the search engineer's facet labels (SearchLabels) name types in English; search.js prefers ours
			}
			notContains(t, html, e, name)
		}
	}
}

// TestLanguageWithoutStrings: a default language the theme has no file
// for gives English pages and a warning at the languages line of
// site.yaml; a theme folder can add the file, and a key it lacks falls
// back to English.
func TestLanguageWithoutStrings(t *testing.T) {
	fsys := site(t, base)
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: Test site\n# Italian first\nlanguages: [it, en]\n"), Mode: 0o644}
	out, s := build(t, fsys)
	found := false
	for _, w := range s.Warnings {
		if w.Path == "content/site.yaml" && w.Pos.Line == 3 && strings.Contains(w.Msg, `"it"`) && strings.Contains(w.Msg, "i18n/it.yaml") {
			found = true
		}
	}
	if !found {
		t.Errorf("want a warning at content/site.yaml:3 about i18n/it.yaml; got %v", s.Warnings)
	}
	home := read(t, out, "index.html")
	contains(t, home, `<html lang="it">`, "home")
	contains(t, home, "Latest good practices", "home")

	// polisee check warns too.
	diags := generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"})
	if len(diags) != 1 || diags[0].Pos.Line != 3 {
		t.Errorf("check: want one warning at line 3, got %v", diags)
	}

	// A theme folder adds Italian, partly.
	theme := fstest.MapFS{"i18n/it.yaml": {Data: []byte("home.latest_heading: Buone pratiche recenti\nsite.home: Inizio\n")}}
	out2 := filepath.Join(t.TempDir(), "public")
	s2, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out2, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	if len(s2.Warnings) != 0 {
		t.Errorf("unexpected warnings: %v", s2.Warnings)
	}
	home = read(t, out2, "index.html")
	contains(t, home, "Buone pratiche recenti", "home with it.yaml")
	contains(t, home, "Partner countries", "home with it.yaml (a missing key falls back to English)")
	notContains(t, home, "Latest good practices", "home with it.yaml")

	// A theme folder's en.yaml may change a few keys: the others stay.
	partial := fstest.MapFS{"i18n/en.yaml": {Data: []byte("home.latest_heading: Newest practices\n")}}
	out3 := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), SrcRoot: "content", Out: out3, Theme: partial}); err != nil {
		t.Fatal(err)
	}
	home = read(t, out3, "index.html")
	contains(t, home, "Newest practices", "home with a partial en.yaml")
	contains(t, home, "Partner countries", "home with a partial en.yaml")

	// A translation file that does not parse is an error.
	bad := fstest.MapFS{"i18n/it.yaml": {Data: []byte("home.latest_heading: [unclosed\n")}}
	if _, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: filepath.Join(t.TempDir(), "p"), Theme: bad}); err == nil || !strings.Contains(err.Error(), "i18n/it.yaml") {
		t.Errorf("want an error naming i18n/it.yaml, got %v", err)
	}
}
