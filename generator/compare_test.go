package generator_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/clusterpolisee/polisee/generator"
)

// scored is a site with three scored profiles and one without a score, a
// pilot, a mechanism, a factsheet and a strategy that builds on evidence.
const scored = `
-- countries/at.md --
---
title: Austria
iso2: AT
---
-- profiles/gr-national.md --
---
title: Greece national policy
summary: National.
scope: country
country: GR
period: 2007-2013
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd: {score: 4, note: Strong R&D grants.}
  sustainability: {score: 2, note: Few eco measures.}
instruments:
  - {name: Cluster grants, kind: grant, budget_eur: 2500000, start: 2008, end: 2013}
  - {name: Cluster label, kind: label}
sources: [https://example.org/gr]
---
Text.
-- profiles/attica.md --
---
title: Attica regional policy
summary: Regional.
scope: region
country: GR
region: EL30
period: 2014-2020
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd: {score: 1, note: Weak.}
  sustainability: {note: Only a note <b>here</b>.}
sources: [https://example.org/el30]
---
-- profiles/hu-pole.md --
---
title: Hungary pole programme
summary: Poles.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd]
assessment:
  innovation-rd: {score: 3, note: Accreditation.}
sources: [https://example.org/hu]
---
-- profiles/at-none.md --
---
title: Austria unscored
summary: No scores.
scope: country
country: AT
period: "2015"
areas: [sustainability]
assessment:
  sustainability: {note: Not rated by any source.}
sources: [https://example.org/at]
---
-- pilots/gr-pilot.md --
---
title: Greek pilot
summary: A pilot.
lead: corallia
countries: [GR]
areas: [innovation-rd]
status: completed
mechanism: innov-mech
---
-- mechanisms/innov-mech.md --
---
title: Innovation mechanism
summary: A mechanism.
area: innovation-rd
---
-- documents/factsheet-innovation.md --
---
title: Innovation factsheet
summary: The factsheet.
kind: factsheet
date: 2014-10
areas: [innovation-rd]
---
-- documents/strategy.md --
---
title: Joint strategy
summary: The strategy.
kind: joint-strategy
date: 2014
builds_on:
  practices: [mi-cluster]
  profiles: [gr-national]
  pilots: [gr-pilot]
---
`

// rowCells returns, for the table with the given id, the text of each
// body row's cells (th and td), with the row's data-profile.
func rowCells(t *testing.T, page, id string) map[string][]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var table *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" && attr(n, "id") == id {
			table = n
		}
		for c := n.FirstChild; c != nil && table == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if table == nil {
		t.Fatalf("no table #%s", id)
	}
	rows := map[string][]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && attr(n, "data-profile") != "" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					cells = append(cells, strings.Join(strings.Fields(textOf(c)), " "))
				}
			}
			rows[attr(n, "data-profile")] = cells
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(table)
	return rows
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
		if c.Type == html.ElementNode {
			b.WriteString(" ") // the test compares words, not spacing
		}
	}
	return b.String()
}

func TestCompareMatrix(t *testing.T) {
	out, s := build(t, with(t, scored))
	found := false
	for _, p := range s.Pages {
		if p.URL == "/compare/" && p.Kind == "compare" {
			found = true
		}
	}
	if !found {
		t.Fatal("no compare page planned")
	}
	page := read(t, out, "compare/index.html")
	rows := rowCells(t, page, "matrix")
	if len(rows) != 4 {
		t.Fatalf("matrix has %d profile rows, want 4: %v", len(rows), rows)
	}
	// Columns: profile, where, period, then the areas in their order
	// (innovation-rd, sustainability). A score is its dots, its number
	// and "of 4"; a missing one says why.
	for slug, want := range map[string][]string{
		"gr-national": {"Greece national policy", "Greece GR", "2007-2013", "●●●● 4 of 4", "●●○○ 2 of 4"},
		"attica":      {"Attica regional policy", "Attiki GR", "2014-2020", "●○○○ 1 of 4", "Not assessed"},
		"hu-pole":     {"Hungary pole programme", "Hungary HU", "2007-2013", "●●●○ 3 of 4", "Not covered"},
		"at-none":     {"Austria unscored", "Austria AT", "2015", "Not covered", "Not assessed"},
	} {
		if got := rows[slug]; strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("matrix row %s:\n got %q\nwant %q", slug, got, want)
		}
	}
	// Colour classes go with the numbers.
	contains(t, page, `class="score-cell s4 scored"`, "colour class of a 4")
	contains(t, page, `class="score-cell s0 not-assessed"`, "class of a missing score")
	// Rows carry what the filters need; the filter form waits for the script.
	contains(t, page, `data-profile="attica" data-country="GR" data-from="2014" data-to="2020"`, "filter data")
	contains(t, page, `data-profile="at-none" data-country="AT" data-from="2015" data-to="2015"`, "a one-year period")
	contains(t, page, `<form id="compare-form" class="compare-form" hidden data-strings=`, "the form is hidden without script")
	contains(t, page, `<option value="AT">Austria</option>`, "country filter")
	contains(t, page, `<option value="2020">2020</option>`, "period filter")
	contains(t, page, `<script src="../assets/`+hashedAsset(t, out, "compare.js")+`" defer></script>`, "the enhancement script")
	notContains(t, read(t, out, "index.html"), "compare.js", "the script on other pages")
	contains(t, page, "Only a note &lt;b&gt;here&lt;/b&gt;.", "notes are escaped")
	notContains(t, page, "No profile has a score yet", "the no-score notice on a scored site")
}

func TestCompareSideBySide(t *testing.T) {
	out, _ := build(t, with(t, scored))
	page := read(t, out, "compare/index.html")
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	// Every row of the side-by-side table has one cell per profile, each
	// named by data-profile, so that a script can keep two or three.
	var table *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" && attr(n, "id") == "side-by-side" {
			table = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if table == nil {
		t.Fatal("no side-by-side table")
	}
	byRow := map[string]map[string]string{} // row heading -> profile -> text
	var order []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			head := ""
			cells := map[string]string{}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				if p := attr(c, "data-profile"); p != "" {
					cells[p] = strings.Join(strings.Fields(textOf(c)), " ")
				} else if c.Data == "th" {
					head = strings.Join(strings.Fields(textOf(c)), " ")
				}
			}
			if head == "" {
				head = "(profiles)"
			}
			byRow[head] = cells
			order = append(order, head)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(table)
	wantRows := []string{"(profiles)", "Where", "Period", "Innovation, R&D driven cluster development", "Sustainability", "Instruments", "Sources"}
	if strings.Join(order, "|") != strings.Join(wantRows, "|") {
		t.Errorf("side-by-side rows %q, want %q", order, wantRows)
	}
	for _, r := range wantRows {
		if len(byRow[r]) != 4 {
			t.Errorf("row %q has %d profile cells, want 4: %v", r, len(byRow[r]), byRow[r])
		}
	}
	inno := byRow["Innovation, R&D driven cluster development"]
	if inno["gr-national"] != "●●●● 4 / 4 Strong R&D grants." || inno["at-none"] != "Not covered" {
		t.Errorf("innovation row %q", inno)
	}
	if got := byRow["Sustainability"]["attica"]; got != "Not assessed Only a note <b>here</b>." {
		t.Errorf("a note without a score: %q", got)
	}
	if got := byRow["Instruments"]["gr-national"]; got != "Cluster grants (Grant, 2008–2013, EUR 2,500,000) Cluster label (Label)" {
		t.Errorf("instruments %q", got)
	}
	if got := byRow["Instruments"]["hu-pole"]; got != "None listed" {
		t.Errorf("no instruments: %q", got)
	}
	if got := byRow["Where"]["attica"]; got != "Attiki (Region)" {
		t.Errorf("where %q", got)
	}
}

func TestProfilePageChart(t *testing.T) {
	out, _ := build(t, with(t, scored))
	page := read(t, out, "profiles/gr-national/index.html")
	svg := regexp.MustCompile(`(?s)<svg[^>]*id="assessment-chart".*?</svg>`).FindString(page)
	if svg == "" {
		t.Fatalf("no assessment chart on a scored profile:\n%s", clip(page))
	}
	contains(t, svg, `role="img" aria-labelledby="assessment-chart-title assessment-chart-desc"`, "chart names itself")
	contains(t, svg, "Innovation: 4 of 4", "row title")
	contains(t, svg, `width="300" height="18"`, "a full-score bar fills the track")
	contains(t, svg, `width="150" height="18"`, "a 2 is half of it")
	contains(t, page, "Compare it with the other profiles", "link to compare")
	// Practices and pilots of the same country, with the shared areas.
	contains(t, page, `Good practices and pilots in Greece`, "local section")
	contains(t, page, `mi-Cluster</a> <span class="badge">Practice</span>`, "a practice of the country")
	contains(t, page, `Greek pilot</a> <span class="badge">Pilot</span>`, "a pilot of the country")
	contains(t, page, "Documents that build on it", "back-link from a strategy")

	region := read(t, out, "profiles/attica/index.html")
	contains(t, region, `mi-Cluster</a> <span class="badge">Practice</span> <span class="badge">same region</span>`, "same region first")
	contains(t, region, "Eco: Not assessed", "a scored profile draws unscored areas as not assessed")

	none := read(t, out, "profiles/at-none/index.html")
	notContains(t, none, "<svg", "a chart for a profile without scores")
	contains(t, none, "No area of this profile has a score yet", "says so in words")
	contains(t, none, "No good practice or pilot of this country has been added yet.", "empty local section")
}

func TestAreaLearningPath(t *testing.T) {
	out, _ := build(t, with(t, scored))
	page := read(t, out, "areas/innovation-rd/index.html")
	// Ranked chart: 4, 3, 1, in that order.
	svg := regexp.MustCompile(`(?s)<svg[^>]*id="area-scores".*?</svg>`).FindString(page)
	if svg == "" {
		t.Fatal("no ranked chart")
	}
	titles := regexp.MustCompile(`<g class="row"><title>([^<]*)</title>`).FindAllStringSubmatch(svg, -1)
	var got []string
	for _, m := range titles {
		got = append(got, m[1])
	}
	want := []string{"Greece, 2007-2013: 4 of 4", "Hungary, 2007-2013: 3 of 4", "Attiki, 2014-2020: 1 of 4"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ranked rows %q, want %q", got, want)
	}
	// What to read first: the factsheet, then the piloted practice, then the mechanism, then the pilot.
	first := regexp.MustCompile(`(?s)<section class="read-first".*?</section>`).FindString(page)
	order := regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a>`).FindAllStringSubmatch(first, -1)
	got = nil
	for _, m := range order {
		got = append(got, m[1])
	}
	want = []string{"Innovation factsheet", "Cluster accreditation", "Innovation mechanism", "Greek pilot"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("read first %q, want %q", got, want)
	}
	// Practices grouped by status, in the schema's order, empty ones said so.
	practices := regexp.MustCompile(`(?s)<section class="area-practices".*?</section>`).FindString(page)
	groups := regexp.MustCompile(`(?s)<h3><a[^>]*>(\w+)</a> <span class="n">\((\d+)\)</span></h3>`).FindAllStringSubmatch(practices, -1)
	got = nil
	for _, m := range groups {
		got = append(got, m[1]+"="+m[2])
	}
	if strings.Join(got, ",") != "Identified=1,Piloted=1,Transferred=0" {
		t.Errorf("status groups %q", got)
	}
	contains(t, practices, "None yet.", "an empty status group")
	if strings.Index(practices, "mi-Cluster") > strings.Index(practices, "Cluster accreditation") {
		t.Error("mi-Cluster (identified) should come before the piloted practice")
	}
	contains(t, page, `<section class="area-pilots"`, "pilots and mechanisms")
	contains(t, page, `Innovation factsheet</a> <span class="badge">Factsheet</span> <span class="summary"><time datetime="2014-10">October 2014</time></span>`, "documents")
	// The generic back-link sections do not repeat what the path shows.
	notContains(t, page, `<section class="backlinks">
    <h2>Good practices</h2>`, "a repeated practices section")

	// Sustainability: one scored profile ranked, two listed as not assessed.
	eco := read(t, out, "areas/sustainability/index.html")
	scores := regexp.MustCompile(`(?s)<section class="area-scores".*?</section>`).FindString(eco)
	contains(t, scores, "Greece, 2007-2013", "the scored profile")
	contains(t, scores, `Also covering the area, <strong>not assessed</strong>:`, "the unscored ones, listed")
	contains(t, scores, `Attica regional policy</a> <span class="score none">Not assessed</span>`, "a listed profile without score")
	contains(t, scores, `Austria unscored</a> <span class="score none">Not assessed</span>`, "a profile without any score")
}

func TestNoScoresAnywhere(t *testing.T) {
	out, _ := build(t, with(t, `
-- profiles/hu.md --
---
title: Hungary
summary: S.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd]
assessment:
  innovation-rd: {note: No source rates it.}
sources: [https://example.org/hu]
---
`))
	page := read(t, out, "compare/index.html")
	contains(t, page, "No profile has a score yet", "the notice")
	if rows := rowCells(t, page, "matrix"); strings.Join(rows["hu"][3:], "|") != "Not assessed|Not covered" {
		t.Errorf("row %q", rows["hu"])
	}
	area := read(t, out, "areas/innovation-rd/index.html")
	notContains(t, area, "<svg", "a chart with nothing to draw")
	contains(t, area, "No profile has a score on this area.", "says so")
	notContains(t, read(t, out, "profiles/hu/index.html"), "<svg", "a profile chart without scores")
}

func TestHomeHeatMap(t *testing.T) {
	out, _ := build(t, with(t, scored))
	page := read(t, out, "index.html")
	svg := regexp.MustCompile(`(?s)<svg[^>]*id="heatmap".*?</svg>`).FindString(page)
	if svg == "" {
		t.Fatal("no heat map")
	}
	// Columns are the countries (AT, GR, HU by title), rows the areas. No
	// engine in this build: cells link to the area page.
	links := regexp.MustCompile(`<a class="cell shade-\d" href="([^"]*)" aria-label="([^"]*)">`).FindAllStringSubmatch(svg, -1)
	var got []string
	for _, m := range links {
		got = append(got, m[2]+" -> "+m[1])
	}
	want := []string{
		"Innovation in Greece: 1 good practice -> areas/innovation-rd/",
		"Innovation in Hungary: 1 good practice -> areas/innovation-rd/",
		"Eco in Hungary: 1 good practice -> areas/sustainability/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("heat map links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	contains(t, page, `<table class="heat-table">`, "the counts as a table")
	contains(t, page, "2 good practices;", "the total")
}

func TestHeatMapLinksToSearch(t *testing.T) {
	out := t.TempDir() + "/public"
	_, err := generator.Build(context.Background(), generator.Config{Src: with(t, scored), SrcRoot: "content", Out: out,
		Engine: &generator.SearchEngine{Wasm: []byte("\x00asm"), ExecJS: []byte("// exec")}})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, read(t, out, "index.html"), `href="search/?q=type%3Apractice%20area%3Ainnovation-rd%20country%3AGR"`, "a cell's search")
}

func TestBuildsOnBackLinks(t *testing.T) {
	out, _ := build(t, with(t, scored))
	doc := read(t, out, "documents/strategy/index.html")
	section := regexp.MustCompile(`(?s)<section class="builds-on".*?</section>`).FindString(doc)
	if section == "" {
		t.Fatal("no builds-on section on the document")
	}
	for _, want := range []string{`<h3>Good practices</h3>`, `href="../../practices/mi-cluster/">mi-Cluster</a>`,
		`<h3>Policy profiles</h3>`, `href="../../profiles/gr-national/">Greece national policy</a>`,
		`<h3>Pilot actions</h3>`, `href="../../pilots/gr-pilot/">Greek pilot</a>`} {
		contains(t, section, want, "builds on")
	}
	notContains(t, doc, "Builds on</dt>", "builds_on in the fact box")
	for _, p := range []string{"practices/mi-cluster", "profiles/gr-national", "pilots/gr-pilot"} {
		page := read(t, out, p+"/index.html")
		contains(t, page, "<h2>Documents that build on it</h2>", p)
		contains(t, page, `href="../../documents/strategy/">Joint strategy</a>`, p)
	}
	// A factsheet's areas are not "building on": the area keeps its heading.
	notContains(t, read(t, out, "practices/accreditation/index.html"), "Documents that build on it", "a practice no document builds on")

	// builds_on is checked like every reference.
	msgs := checkMessages(t, scored+`
-- documents/bad.md --
---
title: Bad
summary: S.
kind: report
date: 2014
builds_on:
  practices: [no-such-practice]
  areas: [innovation-rd]
---
`)
	contains(t, msgs, `content/documents/bad.md:7:15: unknown practice "no-such-practice"`, "unknown reference")
	contains(t, msgs, `content/documents/bad.md:8:3: unknown field "areas"`, "unknown sub-field")
}

func TestProfileCSVNotes(t *testing.T) {
	out, _ := build(t, with(t, scored))
	rows, err := csv.NewReader(strings.NewReader(read(t, out, "data/profiles.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], ",")
	contains(t, head, "score_innovation-rd,score_sustainability,note_innovation-rd,note_sustainability,judgements,instruments", "score and note columns")
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for _, r := range rows[1:] {
		if r[col["slug"]] == "attica" {
			if r[col["score_sustainability"]] != "" || r[col["note_sustainability"]] != "Only a note <b>here</b>." || r[col["score_innovation-rd"]] != "1" {
				t.Errorf("attica row %q", r)
			}
		}
		if r[col["slug"]] == "gr-national" && !strings.Contains(r[col["instruments"]], `"budget_eur":2500000`) {
			t.Errorf("instruments cell %q", r[col["instruments"]])
		}
	}
}

func TestRankedChartIsCapped(t *testing.T) {
	var b strings.Builder
	for i := range 35 {
		fmt.Fprintf(&b, `
-- profiles/p%02d.md --
---
title: Profile %02d
summary: S.
scope: country
country: GR
period: "%d"
areas: [innovation-rd]
assessment:
  innovation-rd: {score: %d}
sources: [https://example.org/p]
---
`, i, i, 2000+i, 1+i%4)
	}
	out, _ := build(t, with(t, b.String()))
	page := read(t, out, "areas/innovation-rd/index.html")
	svg := regexp.MustCompile(`(?s)<svg[^>]*id="area-scores".*?</svg>`).FindString(page)
	if n := strings.Count(svg, `<g class="row">`); n != 30 {
		t.Errorf("the chart has %d rows, want the best 30", n)
	}
	// 8 fours, 9 threes, 9 twos and 9 ones: the best 30 leave out five ones.
	if !strings.Contains(svg, `<g class="row"><title>Greece, 2003: 4 of 4`) || strings.Count(svg, ": 1 of 4</title>") != 4 {
		t.Error("the chart should keep the highest scores")
	}
	contains(t, page, "the chart shows the best 30, the table all 35", "the caption says so")
	table := regexp.MustCompile(`(?s)<section class="area-scores".*?</section>`).FindString(page)
	if n := strings.Count(table, `<tr><th scope="row">`); n != 35 {
		t.Errorf("the table has %d rows, want 35", n)
	}
}

// TestProfileLocalIsCapped: a profile page lists at most ten practices and
// pilots of its country, the best first, and links to the country's page
// for all of them.
func TestProfileLocalIsCapped(t *testing.T) {
	var extra strings.Builder
	extra.WriteString(scored)
	for i := range 12 {
		area := "innovation-rd"
		if i < 2 {
			area = "sustainability"
		}
		fmt.Fprintf(&extra, "-- practices/gr-extra-%02d.md --\n---\ntitle: Greek extra %02d\nsummary: s\ncountries: [GR]\nareas: [%s]\nlevel: national\nstatus: identified\nsources: [https://example.org/%d]\n---\n", i, i, area, i)
	}
	out, _ := build(t, with(t, extra.String()))
	page := read(t, out, "profiles/gr-national/index.html")
	local := regexp.MustCompile(`(?s)<section class="local".*?</section>`).FindString(page)
	if n := strings.Count(local, "<li>"); n != 10 {
		t.Errorf("the local list has %d entries, want 10:\n%s", n, clip(local))
	}
	contains(t, local, `../../countries/gr/">All 14 good practices and pilots of Greece</a>`, "link to all of them")
	notContains(t, local, "Greek extra 11", "a practice beyond the ten best")
}

// TestCompareByCountry: past one page of profiles (the list page size,
// lowered here), /compare/ lists the countries and each country's
// profiles are compared on their own pages, cut like a list; a profile's
// page links to the page that holds it.
func TestCompareByCountry(t *testing.T) {
	defer generator.SetListPageSize(1)()
	out, s := build(t, with(t, scored))
	var urls []string
	for _, p := range s.Pages {
		if p.Kind == "compare" && p.Lang == "en" {
			urls = append(urls, p.URL)
		}
	}
	want := "/compare/ /compare/at/ /compare/gr/ /compare/gr/page/2/ /compare/hu/"
	if got := strings.Join(slices.Sorted(slices.Values(urls)), " "); got != want {
		t.Fatalf("compare pages:\n got %s\nwant %s", got, want)
	}

	overview := read(t, out, "compare/index.html")
	notContains(t, overview, `id="matrix"`, "the list of countries has no matrix")
	notContains(t, overview, `id="side-by-side"`, "the list of countries has no side-by-side table")
	contains(t, overview, "4 policy profiles, compared country by country.", "the count of all profiles")
	for _, li := range []string{
		`<li><a href="at/">Austria</a>: 1 profile</li>`,
		`<li><a href="gr/">Greece</a>: 2 profiles, 2 with scores</li>`,
		`<li><a href="hu/">Hungary</a>: 1 profile, 1 with scores</li>`,
	} {
		contains(t, overview, li, "a country's compare page, counted")
	}
	if i, j := strings.Index(overview, `href="at/"`), strings.Index(overview, `href="hu/"`); i < 0 || j < i {
		t.Error("countries are not in title order")
	}

	gr := read(t, out, "compare/gr/index.html")
	// Profiles in list order (by title): Attica, then Greece national.
	if rows := rowCells(t, gr, "matrix"); len(rows) != 1 || rows["attica"] == nil {
		t.Errorf("first page of Greece: matrix rows %v, want attica alone", rows)
	}
	contains(t, gr, "<h1>Compare policy profiles: Greece</h1>", "the country's title")
	contains(t, gr, `<li><a href="../">Compare</a></li><li aria-current="page">Greece</li>`, "crumbs back to the list of countries")
	contains(t, gr, `<a href="page/2/" rel="next">`, "the pager")
	notContains(t, gr, `id="filter-country"`, "a country filter on one country's page")
	contains(t, gr, `<script src="../../assets/`+hashedAsset(t, out, "compare.js")+`" defer></script>`, "the enhancement script")
	gr2 := read(t, out, "compare/gr/page/2/index.html")
	if rows := rowCells(t, gr2, "matrix"); len(rows) != 1 || rows["gr-national"] == nil {
		t.Errorf("second page of Greece: matrix rows %v, want gr-national alone", rows)
	}
	if rows := rowCells(t, read(t, out, "compare/hu/index.html"), "matrix"); len(rows) != 1 || rows["hu-pole"] == nil {
		t.Errorf("Hungary: matrix rows %v, want hu-pole alone", rows)
	}
	// The gaps listed are the page's own profiles'.
	for _, other := range []string{"hu-pole", "at-none"} {
		notContains(t, gr, `href="../../profiles/`+other+`/`, "another country's profile on Greece's page")
	}

	contains(t, read(t, out, "profiles/gr-national/index.html"), `<a href="../../compare/gr/page/2/">`, "a profile's link to its compare page")
	contains(t, read(t, out, "profiles/hu-pole/index.html"), `<a href="../../compare/hu/">`, "a profile's link to its compare page")
}
