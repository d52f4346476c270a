package kb

import (
	"net/url"
	"sort"
	"strings"

	"github.com/clusterpolisee/polisee/generator/geo"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// The maps (package geo draws them): the home page's good practices per
// NUTS 2 region, a country's regions with their practices and regional
// profiles, where a region lies, and an area's scores by territory.
//
// Counting rule: a practice counts once for a NUTS 2 region when its
// regions field names that region or a NUTS 3 region inside it (a NUTS 3
// code begins with the code of its NUTS 2 region). A practice that names
// only its countries, or a NUTS 1 region, counts for no region. A
// regional profile (scope region) counts for the NUTS 2 region its region
// is or lies in; a national one covers its country.
//
// A map is drawn only for territories the boundaries have: the eleven
// partner countries' NUTS 2021 regions. A region coded in another NUTS
// version (nuts_version other than 2021) has no shape: its country's map
// lists it apart, and its page says why it has no map.

// MapData is a map and the figures it shows, for the table beside it.
type MapData struct {
	SVG    template.HTML
	Rows   []MapRow
	Kosovo bool // the frame takes in Kosovo, which has no shape of its own: say why it is hatched
	// Unmapped are the regions of the territory coded in another NUTS
	// version, listed without a shape.
	Unmapped []*model.Item
	// National are the country's national profiles (country maps).
	National []*model.Item
}

// MapRow is one territory of a map, as the table beside it lists it.
type MapRow struct {
	Code, Name string
	URL        string      // its page, or the search for its practices; "" for none
	Page       *model.Item // the region's page, whose title is Name; nil for the boundaries' name
	Practices  int
	Profiles   int
	// Area maps: one row per scored profile, with its territory (Code
	// empty when it has no shape) and score.
	Profile *model.Item
	Score   int
}

// mapWidth is the width of every map, in pixels.
const mapWidth = 720

// atlas is the boundaries, loaded once.
func atlas() *geo.Atlas { return geo.MustLoad() }

// nutsVersionOK reports whether a region is coded in the boundaries'
// NUTS version: nuts_version 2021, or none (2021 is assumed).
func nutsVersionOK(r *model.Item) bool {
	v := r.Int("nuts_version")
	return v == 0 || v == geo.Version
}

// partnerFrame is the frame around the site's countries that the
// boundaries cover, and their NUTS prefixes, sorted.
func partnerFrame(v Page) (geo.Box, []string) {
	a := atlas()
	box := geo.Box{MinX: 1, MaxX: 0, MinY: 1, MaxY: 0}
	var prefixes []string
	for _, c := range v.Items(model.FolderCountries) {
		p := c.NUTSPrefix()
		if s := a.Countries[p]; s != nil && a.Covers(p) {
			box = box.Union(s.Box)
			prefixes = append(prefixes, p)
		}
	}
	sort.Strings(prefixes)
	return box.Grow(0.02), prefixes
}

// context lists the countries of the boundaries that show in a frame,
// in code order.
func context(frame geo.Box) []*geo.Shape {
	a := atlas()
	var codes []string
	for c, s := range a.Countries {
		if s.Box.Intersects(frame) {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	out := make([]*geo.Shape, len(codes))
	for i, c := range codes {
		out[i] = a.Countries[c]
	}
	return out
}

// nuts2Of is the NUTS 2 region a code is or lies in, when the boundaries
// know it; "" otherwise.
func nuts2Of(code string) string {
	s := atlas().Regions[code]
	switch {
	case s == nil:
		return ""
	case s.Level == 2:
		return code
	default:
		return code[:4]
	}
}

// mappedNUTS2 is the NUTS 2 region that a region named by code is or
// lies in, on the maps: "" when the boundaries do not know it, or when
// the site's region of that code is of another NUTS version (its code
// may stand for another territory in NUTS 2021).
func mappedNUTS2(v Page, code string) string {
	if r := v.Ref(model.FolderRegions, code); r != nil && !nutsVersionOK(r) {
		return ""
	}
	return nuts2Of(code)
}

// RegionCounts are the practices of every NUTS 2 region (the counting
// rule above) and the codes they name in it, as the home and country
// maps show them.
type RegionCounts struct {
	Count map[string]int
	Named map[string]map[string]bool
}

// CountByRegion counts the practices of every region (Page.RegionCounts
// hands the counts out, made once per build: every country page's map
// reads them).
func CountByRegion(v Page) *RegionCounts {
	count, named := map[string]int{}, map[string]map[string]bool{}
	for _, p := range v.Items(model.FolderPractices) {
		seen := map[string]bool{}
		for _, code := range model.Upper(p.Strings("regions")) {
			r := mappedNUTS2(v, code)
			if r == "" {
				continue
			}
			if named[r] == nil {
				named[r] = map[string]bool{}
			}
			named[r][code] = true
			if !seen[r] {
				seen[r] = true
				count[r]++
			}
		}
	}
	return &RegionCounts{Count: count, Named: named}
}

// regionName is a NUTS 2021 region's name and page: its page's title, or
// the boundaries' name when the site has no page of that code in NUTS
// 2021.
func regionName(v Page, code string) (string, *model.Item) {
	if r := v.Ref(model.FolderRegions, code); r != nil && nutsVersionOK(r) {
		return r.Title, r
	}
	if s := atlas().Regions[code]; s != nil {
		return s.Name, nil
	}
	return code, nil
}

// regionURL is where a region of the home map leads: its page; else the
// search for its practices when they all name one code and the site has
// search; else its country's page.
func regionURL(v Page, code string, named map[string]bool, country *model.Item) string {
	if _, r := regionName(v, code); r != nil {
		return v.Rel(r.URL())
	}
	if v.SearchEnabled() && len(named) == 1 {
		for c := range named {
			q := "type:practice region:" + c
			return v.Rel("/search/") + "?q=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
		}
	}
	if country != nil {
		return v.Rel(country.URL())
	}
	return ""
}

// countryByPrefix maps the site's countries by NUTS prefix.
func countryByPrefix(v Page) map[string]*model.Item {
	out := map[string]*model.Item{}
	for _, c := range v.Items(model.FolderCountries) {
		out[c.NUTSPrefix()] = c
	}
	return out
}

// HomeMap is the home page's map: the NUTS 2 regions of the site's
// countries, each shaded by its count of good practices. Nil when the
// boundaries cover none of the site's countries.
func HomeMap(v Page) *MapData {
	frame, prefixes := partnerFrame(v)
	if len(prefixes) == 0 {
		return nil
	}
	a := atlas()
	w := v.Words()
	rc := v.RegionCounts()
	count, named := rc.Count, rc.Named
	countries := countryByPrefix(v)
	maxN := 0
	for _, n := range count {
		maxN = max(maxN, n)
	}
	m := geo.Map{ID: "map-home", Width: mapWidth, Frame: frame, Context: context(frame), Kosovo: w.T("map.kosovo_label"),
		Title: w.T("map.home_title"), Desc: w.T("map.home_desc")}
	d := &MapData{Kosovo: m.ShowsKosovo()}
	for _, p := range prefixes {
		for _, code := range a.Within(p, 2) {
			n := count[code]
			name, page := regionName(v, code)
			ar := geo.Area{Shape: a.Regions[code], Shade: shadeOf(n, maxN),
				Label: w.Tn("map.region_practices", n, "name", name, "code", code)}
			if n > 0 {
				ar.Text = w.Number(n)
				ar.URL = regionURL(v, code, named[code], countries[p])
				d.Rows = append(d.Rows, MapRow{Code: code, Name: name, Page: page, URL: ar.URL, Practices: n})
			}
			m.Areas = append(m.Areas, ar)
		}
	}
	d.SVG = template.HTML(m.SVG())
	return d
}

// shadeOf is the shade of a count on a scale to max (the heat map's
// steps).
func shadeOf(n, maxN int) int {
	if n <= 0 || maxN <= 0 {
		return 0
	}
	if n >= maxN {
		return len(geo.Shades) - 1
	}
	return min(1+(n-1)*(len(geo.Shades)-1)/maxN, len(geo.Shades)-1)
}

// CountryMap is a country page's map: its NUTS 2 regions with their good
// practices (shaded, counted) and regional profiles (outlined), its
// neighbours in grey. Nil when the boundaries do not cover the country.
func CountryMap(v Page, country *model.Item) *MapData {
	a := atlas()
	prefix := country.NUTSPrefix()
	shape := a.Countries[prefix]
	if shape == nil || !a.Covers(prefix) {
		return nil
	}
	w := v.Words()
	rc := v.RegionCounts()
	count, named := rc.Count, rc.Named
	profiles := map[string]int{}
	d := &MapData{}
	for _, p := range v.Items(model.FolderProfiles) {
		if strings.ToUpper(p.String("country")) != country.Key() {
			continue
		}
		if p.String("scope") == "region" {
			if r := mappedNUTS2(v, strings.ToUpper(p.String("region"))); r != "" {
				profiles[r]++
			}
		} else {
			d.National = append(d.National, p)
		}
	}
	for _, r := range v.Items(model.FolderRegions) {
		if strings.ToUpper(r.String("country")) == country.Key() && !nutsVersionOK(r) {
			d.Unmapped = append(d.Unmapped, r)
		}
	}
	codes := a.Within(prefix, 2)
	maxN := 0
	for _, c := range codes {
		maxN = max(maxN, count[c])
	}
	frame := shape.Box.Grow(0.04)
	m := geo.Map{ID: "map-country", Width: mapWidth, Frame: frame, Context: context(frame), Kosovo: w.T("map.kosovo_label"),
		Title: w.T("map.country_title", "country", country.Title), Desc: w.T("map.country_desc", "country", country.Title)}
	d.Kosovo = m.ShowsKosovo()
	for _, code := range codes {
		n, pr := count[code], profiles[code]
		name, page := regionName(v, code)
		label := w.T("map.region_figures", "name", name, "code", code,
			"practices", w.Tn("map.n_practices", n), "profiles", w.Tn("map.n_profiles", pr))
		ar := geo.Area{Shape: a.Regions[code], Shade: shadeOf(n, maxN), Label: label, Strong: pr > 0}
		if n > 0 {
			ar.Text = w.Number(n)
		}
		row := MapRow{Code: code, Name: name, Page: page, Practices: n, Profiles: pr}
		if page != nil {
			row.URL = v.Rel(page.URL())
		} else if n > 0 {
			row.URL = regionURL(v, code, named[code], nil)
		}
		ar.URL = row.URL
		m.Areas = append(m.Areas, ar)
		d.Rows = append(d.Rows, row)
	}
	d.SVG = template.HTML(m.SVG())
	return d
}

// RegionMap is a region page's map: the region, dark and outlined, among
// its country's NUTS 2 regions. Nil when the boundaries have no shape for
// it (another NUTS version, or outside the partner countries).
func RegionMap(v Page, region *model.Item) *MapData {
	if !nutsVersionOK(region) {
		return nil
	}
	a := atlas()
	code := region.Key()
	shape := a.Region(code)
	if shape == nil {
		return nil
	}
	w := v.Words()
	countryName, prefix := "", code[:2]
	if c := v.Ref(model.FolderCountries, region.String("country")); c != nil {
		countryName, prefix = c.Title, c.NUTSPrefix()
	}
	frame := shape.Box.Grow(0.3)
	if cs := a.Countries[prefix]; cs != nil {
		frame = frame.Union(cs.Box.Grow(0.04))
	}
	m := geo.Map{ID: "map-region", Width: mapWidth, Frame: frame, Context: context(frame), Kosovo: w.T("map.kosovo_label"),
		Title: w.T("map.region_title", "name", region.Title, "country", countryName),
		Desc:  w.T("map.region_desc", "name", region.Title, "code", code, "country", countryName)}
	for _, c := range a.Within(prefix, 2) {
		if c == code {
			continue
		}
		name, _ := regionName(v, c)
		m.Areas = append(m.Areas, geo.Area{Shape: a.Regions[c], Label: name + " (" + c + ")"})
	}
	m.Areas = append(m.Areas, geo.Area{Shape: shape, Shade: geo.Highlight, Strong: true, Label: region.Title + " (" + code + ")"})
	return &MapData{SVG: template.HTML(m.SVG()), Kosovo: m.ShowsKosovo(),
		Rows: []MapRow{{Code: code, Name: region.Title}}}
}

// AreaMap is an area page's map: each territory with a scored profile
// (a national profile its country, a regional one its region), shaded
// by the score; where several profiles share a territory, the one of the
// latest period colours it (the table lists them all). Nil when no
// profile is scored or none has a shape.
func AreaMap(v Page, area *model.Item, ranked []RankedProfile) *MapData {
	if len(ranked) == 0 {
		return nil
	}
	frame, prefixes := partnerFrame(v)
	if len(prefixes) == 0 {
		return nil
	}
	a := atlas()
	w := v.Words()
	type terr struct {
		shape *geo.Shape
		name  string
		best  RankedProfile
	}
	byCode := map[string]*terr{}
	d := &MapData{}
	for _, r := range ranked {
		p := r.Item
		var shape *geo.Shape
		var name string
		if p.String("scope") == "region" {
			code := strings.ToUpper(p.String("region"))
			name = code
			if reg := v.Ref(model.FolderRegions, code); reg != nil {
				name = reg.Title
				if nutsVersionOK(reg) {
					shape = a.Region(code)
				}
			}
		} else {
			name = strings.ToUpper(p.String("country"))
			if c := v.Ref(model.FolderCountries, p.String("country")); c != nil {
				shape, name = a.Countries[c.NUTSPrefix()], c.Title
			}
		}
		row := MapRow{Profile: p, Score: r.Score, Name: name}
		if shape == nil {
			d.Rows = append(d.Rows, row)
			continue
		}
		row.Code = shape.Code
		d.Rows = append(d.Rows, row)
		t := byCode[shape.Code]
		if t == nil {
			byCode[shape.Code] = &terr{shape: shape, name: name, best: r}
		} else if p.String("period") > t.best.Item.String("period") {
			t.best = r
		}
	}
	if len(byCode) == 0 {
		return nil
	}
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	// Countries under regions.
	sort.Slice(codes, func(i, j int) bool {
		li, lj := byCode[codes[i]].shape.Level, byCode[codes[j]].shape.Level
		if li != lj {
			return li < lj
		}
		return codes[i] < codes[j]
	})
	m := geo.Map{ID: "map-area", Width: mapWidth, Frame: frame, Context: context(frame), Kosovo: w.T("map.kosovo_label"),
		Title: w.T("map.area_title", "area", area.Title), Desc: w.T("map.area_desc", "area", area.Title)}
	for _, c := range codes {
		t := byCode[c]
		m.Areas = append(m.Areas, geo.Area{Shape: t.shape, Shade: t.best.Score, Strong: t.shape.Level > 0,
			Text: w.Number(t.best.Score), URL: v.Rel(t.best.Item.URL()),
			Label: w.T("map.territory_score", "name", t.name, "code", c, "score", ScoreText(v, t.best.Score), "profile", profileLabel(v, t.best.Item))})
	}
	d.SVG = template.HTML(m.SVG())
	d.Kosovo = m.ShowsKosovo()
	return d
}
