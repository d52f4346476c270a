package generator_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
)

// mapSite adds to base: a NUTS 3 region inside Attiki named by a second
// practice (Attiki then counts 2), a NUTS 3 region of Kentriki Makedonia,
// whose NUTS 2 region has no page (its map region links to a search), a
// Hungarian region coded in NUTS 2016 (listed without a shape), a
// regional profile of Attiki and a national one of Hungary, both scored
// on innovation.
const mapSite = `
-- regions/el301.md --
---
title: Voreios Tomeas Athinon
nuts: EL301
country: GR
---
-- regions/el522.md --
---
title: Thessaloniki
nuts: EL522
country: GR
nuts_version: 2021
---
-- regions/hu10.md --
---
title: Kozep-Magyarorszag
nuts: HU10
country: HU
nuts_version: 2016
---
-- practices/north-athens.md --
---
title: North Athens
summary: A practice in a NUTS 3 region.
countries: [GR]
regions: [EL301]
areas: [innovation-rd]
level: local
status: identified
sources: [https://example.org/na]
---
-- practices/thessaloniki.md --
---
title: Thessaloniki
summary: A practice in a NUTS 3 region whose NUTS 2 region has no page.
countries: [GR]
regions: [EL522]
areas: [innovation-rd]
level: local
status: identified
sources: [https://example.org/th]
---
-- profiles/attiki.md --
---
title: Attiki cluster policy
summary: The region's policy.
scope: region
country: GR
region: EL30
period: 2014-2020
areas: [innovation-rd]
assessment:
  innovation-rd: {score: 3, note: Good.}
sources: [https://example.org/attiki]
---
-- profiles/hungary.md --
---
title: Hungarian cluster policy
summary: The national policy.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd]
assessment:
  innovation-rd: {score: 2, note: Fair.}
sources: [https://example.org/hu]
---
`

// mapSVG is the map of an id on a page.
func mapSVG(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<svg [^>]*id="` + id + `".*?</svg>`).FindString(page)
	if m == "" {
		t.Fatalf("no map %s in the page:\n%s", id, clip(page))
	}
	return m
}

const credit = "© EuroGeographics for the administrative boundaries"

// TestMaps: the home, country, region and area pages draw their maps,
// with a title per region naming it, its code and its figure, links to
// the region's page (or a search for its practices), the same figures in
// the table beside, the credit and the note on Kosovo.
func TestMaps(t *testing.T) {
	out, _ := build(t, with(t, mapSite))

	home := read(t, out, "index.html")
	svg := mapSVG(t, home, "map-home")
	contains(t, svg, `role="group"`, "home map")
	contains(t, svg, `<title id="map-home-title">Good practices per NUTS 2 region</title>`, "home map")
	// Attiki: mi-cluster names EL30, north-athens EL301 inside it.
	contains(t, svg, `<a href="regions/el30/" aria-label="Attiki (EL30): 2 good practices"><title>Attiki (EL30): 2 good practices</title>`, "home map")
	contains(t, home, `<tr><th scope="row"><a href="regions/el30/">Attiki</a></th><td>EL30</td><td>2</td></tr>`, "home table")
	// Kentriki Makedonia has no page: its region links to the country's
	// page on a site without browser search, to the search for its
	// practices on one with it.
	contains(t, svg, `<a href="countries/gr/" aria-label="Kentriki Makedonia (EL52): 1 good practice">`, "home map")
	contains(t, home, `<td>EL52</td><td>1</td>`, "home table")
	// Regions without practices have a title and no link; the table
	// leaves them out.
	contains(t, svg, `<title>Budapest (HU11): 0 good practices</title>`, "home map")
	notContains(t, home, `<td>HU11</td>`, "home table")
	if n := strings.Count(svg, "<title>"); n != 13+8 {
		t.Errorf("home map: %d region titles, want one per NUTS 2 region of GR and HU (21)", n)
	}
	if n := strings.Count(svg, "<a "); n != 2 {
		t.Errorf("home map: %d links, want 2", n)
	}
	contains(t, home, credit, "home map credit")
	contains(t, home, "Kosovo* is hatched: the boundary data has no shape for it, so the map shows the area that its neighbours&#39; borders leave.", "home map note")
	contains(t, svg, `fill="url(#map-home-hatch)"`, "home map: Kosovo hatched")
	contains(t, svg, `>Kosovo*</text>`, "home map")

	gr := read(t, out, "countries/gr/index.html")
	svg = mapSVG(t, gr, "map-country")
	contains(t, svg, `<a href="../../regions/el30/" aria-label="Attiki (EL30): 2 good practices, 1 regional profile">`, "Greece's map")
	contains(t, gr, `<tr><th scope="row"><a href="../../regions/el30/">Attiki</a></th><td>EL30</td><td>2</td><td>1</td></tr>`, "Greece's table")
	contains(t, gr, `<tr><th scope="row">Ipeiros</th><td>EL54</td><td>0</td><td>0</td></tr>`, "Greece's table")
	contains(t, gr, credit, "Greece's map credit")
	hu := read(t, out, "countries/hu/index.html")
	contains(t, hu, `1 national profile covers the whole country: <a href="../../profiles/hungary/">Hungary, 2007-2013</a>`, "Hungary's national profile")
	contains(t, hu, `<a href="../../regions/hu10/">Kozep-Magyarorszag</a> (HU10, NUTS 2016)`, "Hungary's unmapped region")

	el30 := read(t, out, "regions/el30/index.html")
	svg = mapSVG(t, el30, "map-region")
	contains(t, svg, `role="img"`, "Attiki's map")
	contains(t, svg, `<title id="map-region-title">Where Attiki lies in Greece</title>`, "Attiki's map")
	contains(t, svg, `<g><title>Attiki (EL30)</title>`, "Attiki's map")
	contains(t, el30, credit, "Attiki's map credit")
	el301 := read(t, out, "regions/el301/index.html")
	contains(t, mapSVG(t, el301, "map-region"), `<g><title>Voreios Tomeas Athinon (EL301)</title>`, "a NUTS 3 region's map")
	hu10 := read(t, out, "regions/hu10/index.html")
	notContains(t, hu10, `class="map"`, "a NUTS 2016 region's page")
	contains(t, hu10, "No map: the site draws NUTS 2021 boundaries, and this region is coded in NUTS 2016.", "a NUTS 2016 region's page")

	area := read(t, out, "areas/innovation-rd/index.html")
	svg = mapSVG(t, area, "map-area")
	contains(t, svg, `<a href="../../profiles/attiki/" aria-label="Attiki (EL30): 3 of 4, Attiki, 2014-2020">`, "the area's map")
	contains(t, svg, `<a href="../../profiles/hungary/" aria-label="Hungary (HU): 2 of 4, Hungary, 2007-2013">`, "the area's map")
	contains(t, area, `<tr><th scope="row">Attiki</th><td>EL30</td><td><a href="../../profiles/attiki/">Attiki, 2014-2020</a></td>`, "the area's map table")
	contains(t, area, credit, "the area's map credit")

	// With browser search, a region without a page links to the search
	// for its practices.
	out = filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: with(t, mapSite), SrcRoot: "content", Out: out, Engine: withEngine()}); err != nil {
		t.Fatal(err)
	}
	contains(t, mapSVG(t, read(t, out, "index.html"), "map-home"), `<a href="search/?q=type%3Apractice%20region%3AEL522" aria-label="Kentriki Makedonia (EL52): 1 good practice">`, "home map with search")
}

// TestMapsDeterministic: two builds write the same maps.
func TestMapsDeterministic(t *testing.T) {
	a, _ := build(t, with(t, mapSite))
	b, _ := build(t, with(t, mapSite))
	for _, p := range []string{"index.html", "countries/gr/index.html", "regions/el30/index.html", "areas/innovation-rd/index.html"} {
		if read(t, a, p) != read(t, b, p) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestNUTSChecks: a NUTS 2021 code the boundaries do not know is an error
// at its nuts field that says what to do; a region of another NUTS
// version is a warning at its nuts_version.
func TestNUTSChecks(t *testing.T) {
	got := checkMessages(t, `
-- regions/el39.md --
---
title: Nowhere
nuts: EL39
country: GR
---
`)
	want := `content/regions/el39.md:3:7: "EL39" is not a NUTS 2021 region of the map boundaries (no nuts_version is given, so NUTS 2021 is assumed), which hold the NUTS 2 and 3 regions of AL, AT, BG, EL, HR, HU, IT, RO, RS, SI, SK: correct the code (did you mean "EL30"?), or, if it is a code of another NUTS version, give that version in nuts_version (the region is then listed without a shape)`
	if got != want {
		t.Errorf("unknown code:\ngot  %s\nwant %s", got, want)
	}
	got = checkMessages(t, `
-- countries/de.md --
---
title: Germany
iso2: DE
---
-- regions/de11.md --
---
title: Stuttgart
nuts: DE11
country: DE
nuts_version: 2021
---
`)
	if !strings.Contains(got, `content/regions/de11.md:3:7: "DE11" is not a NUTS 2021 region of the map boundaries, which hold`) {
		t.Errorf("a code outside the boundaries: %s", got)
	}
	// A code of another country's prefix is model's error alone.
	if got := checkMessages(t, "-- regions/gr30.md --\n---\ntitle: Wrong prefix\nnuts: GR30\ncountry: GR\n---\n"); got != `content/regions/gr30.md:3:7: NUTS code "GR30" does not start with "EL", the NUTS prefix of GR` {
		t.Errorf("a code with the wrong prefix: %s", got)
	}
	got = checkMessages(t, `
-- regions/hu10.md --
---
title: Kozep-Magyarorszag
nuts: HU10
country: HU
nuts_version: 2016
---
`)
	want = `content/regions/hu10.md:5:15: warning: region HU10 is coded in NUTS 2016: it is listed without a shape, since the maps draw the NUTS 2021 boundaries; give its NUTS 2021 code to map it`
	if got != want {
		t.Errorf("another version:\ngot  %s\nwant %s", got, want)
	}
	// NUTS 1 and NUTS 3 codes of the boundaries pass.
	if got := checkMessages(t, "-- regions/el3.md --\n---\ntitle: Attiki group\nnuts: EL3\ncountry: GR\n---\n-- regions/el301.md --\n---\ntitle: North Athens\nnuts: EL301\ncountry: GR\n---\n"); got != "" {
		t.Errorf("known NUTS 1 and 3 codes: %s", got)
	}
}

// TestStarterMaps: on the starter site, the home map stays within its
// budget of 60 KB, every region it links names the count that the table
// beside gives, and the Greek pages carry the maps with the credit in
// Greek. It logs each map's size.
func TestStarterMaps(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: content.Starter(), SrcRoot: "content", Out: out, Engine: withEngine()}); err != nil {
		t.Fatal(err)
	}
	home := read(t, out, "index.html")
	svg := mapSVG(t, home, "map-home")
	const budget = 60 * 1024
	if len(svg) > budget {
		t.Errorf("the home map is %d bytes; the budget is %d", len(svg), budget)
	}
	t.Logf("home map: %d bytes", len(svg))
	links := regexp.MustCompile(`<a href="([^"]*)" aria-label="[^"]* \(([A-Z0-9]+)\): (\d+) good practices?">`).FindAllStringSubmatch(svg, -1)
	if len(links) < 5 {
		t.Fatalf("the home map links %d regions; the starter has practices in more", len(links))
	}
	for _, l := range links {
		row := `<a href="` + l[1] + `">`
		contains(t, home, row, "the home table's link for "+l[2])
		contains(t, home, `<td>`+l[2]+`</td><td>`+l[3]+`</td></tr>`, "the home table's count for "+l[2])
	}
	for _, p := range []struct{ file, id string }{
		{"countries/gr/index.html", "map-country"}, {"countries/rs/index.html", "map-country"},
		{"regions/el30/index.html", "map-region"}, {"areas/innovation-rd/index.html", "map-area"},
		{"el/index.html", "map-home"}, {"el/countries/gr/index.html", "map-country"},
	} {
		page := read(t, out, p.file)
		t.Logf("%s: %d bytes", p.file, len(mapSVG(t, page, p.id)))
		if strings.HasPrefix(p.file, "el/") {
			contains(t, page, "© EuroGeographics για τα διοικητικά όρια", p.file)
		} else {
			contains(t, page, credit, p.file)
		}
	}
	// Serbia's map takes in Kosovo, which the boundaries have no shape for.
	contains(t, read(t, out, "countries/rs/index.html"), "UNSCR 1244/1999", "Serbia's map note")
}

// TestMapsSkipOtherVersions: a region of another NUTS version whose code
// is also a NUTS 2021 code (a code reused across versions) neither names
// nor counts for the NUTS 2021 region of that code: a practice in it
// counts for no region, and the map calls the region by the boundaries'
// name.
func TestMapsSkipOtherVersions(t *testing.T) {
	out, _ := build(t, with(t, `
-- regions/hu11.md --
---
title: An older HU11
nuts: HU11
country: HU
nuts_version: 2013
---
-- practices/old.md --
---
title: Old
summary: A practice in a region of an older version.
countries: [HU]
regions: [HU11]
areas: [innovation-rd]
level: local
status: identified
sources: [https://example.org/old]
---
`))
	svg := mapSVG(t, read(t, out, "index.html"), "map-home")
	contains(t, svg, `<title>Budapest (HU11): 0 good practices</title>`, "home map")
}
