package kb

import (
	"net/url"
	"strings"

	"github.com/clusterpolisee/polisee/generator/chart"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// The home page's dashboard: good practices counted by thematic area and
// country, as a heat map. A cell links to the search page with the query
// that lists exactly its practices (type, area and country filters) when
// the site has browser search, and to the area's page otherwise; the row
// and column headings of the table beside it link to the area and
// country pages.

// HeatData is the dashboard's data: one row per area, one column per
// country.
type HeatData struct {
	Areas     []*model.Item
	Countries []*model.Item
	Rows      []HeatRow
	Total     int
	SVG       template.HTML
}

type HeatRow struct {
	Area  *model.Item
	Cells []HeatCell
	Total int
}

type HeatCell struct {
	Country *model.Item
	Count   int
	URL     string // relative to the page
	Label   string
}

// Heat counts the practices of every area in every country.
func Heat(v Page) *HeatData {
	areas := v.Items(model.FolderAreas)
	countries := v.Items(model.FolderCountries)
	practices := v.Items(model.FolderPractices)
	if len(areas) == 0 || len(countries) == 0 {
		return nil
	}
	count := map[[2]string]int{}
	total := 0
	for _, p := range practices {
		total++
		for _, a := range p.Strings("areas") {
			for _, c := range p.Countries() {
				count[[2]string{a, c}]++
			}
		}
	}
	d := &HeatData{Areas: areas, Countries: countries, Total: total}
	m := chart.HeatMap{ID: "heatmap", Title: v.Words().T("home.heat_chart_title"), Desc: v.Words().T("home.heat_chart_desc")}
	for _, c := range countries {
		m.Cols = append(m.Cols, c.Key())
	}
	for _, a := range areas {
		row := HeatRow{Area: a}
		var cells []chart.Cell
		for _, c := range countries {
			n := count[[2]string{a.Slug, c.Key()}]
			cell := HeatCell{Country: c, Count: n, Label: v.Words().Tn("home.heat_cell", n, "area", areaShort(a), "country", c.Title)}
			if n > 0 {
				cell.URL = cellURL(v, a, c)
			}
			row.Cells = append(row.Cells, cell)
			row.Total += n
			cells = append(cells, chart.Cell{Count: n, URL: cell.URL, Label: cell.Label})
		}
		d.Rows = append(d.Rows, row)
		m.Rows = append(m.Rows, areaShort(a))
		m.Cells = append(m.Cells, cells)
	}
	d.SVG = template.HTML(m.SVG())
	return d
}

// cellURL is where a heat map cell leads: the practices of one area in one
// country, found by the search page, or the area page when the site has no
// browser search.
func cellURL(v Page, a, c *model.Item) string {
	if !v.SearchEnabled() {
		return v.Rel(a.URL())
	}
	q := "type:practice area:" + a.Slug + " country:" + c.Key()
	return v.Rel("/search/") + "?q=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
}
