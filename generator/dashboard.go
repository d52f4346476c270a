package generator

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/clusterpolisee/polisee/generator/chart"
	"github.com/clusterpolisee/polisee/generator/model"
)

// The home page's dashboard: good practices counted by thematic area and
// country, as a heat map. A cell links to the search page with the query
// that lists exactly its practices (type, area and country filters) when
// the site has browser search, and to the area's page otherwise; the row
// and column headings of the table beside it link to the area and
// country pages.

// heatData is the dashboard's data: one row per area, one column per
// country.
type heatData struct {
	Areas     []*model.Item
	Countries []*model.Item
	Rows      []heatRow
	Total     int
	SVG       template.HTML
}

type heatRow struct {
	Area  *model.Item
	Cells []heatCell
	Total int
}

type heatCell struct {
	Country *model.Item
	Count   int
	URL     string // relative to the page
	Label   string
}

// Heat counts the practices of every area in every country.
func (v *view) Heat() *heatData {
	areas := v.Items(model.FolderAreas)
	countries := v.Items(model.FolderCountries)
	practices := v.folder(model.FolderPractices)
	if len(areas) == 0 || len(countries) == 0 {
		return nil
	}
	count := map[[2]string]int{}
	total := 0
	for _, p := range practices {
		total++
		for _, a := range p.Strings("areas") {
			for _, c := range countriesOf(p) {
				count[[2]string{a, c}]++
			}
		}
	}
	d := &heatData{Areas: areas, Countries: countries, Total: total}
	m := chart.HeatMap{ID: "heatmap", Title: v.T("home.heat_chart_title"), Desc: v.T("home.heat_chart_desc")}
	for _, c := range countries {
		m.Cols = append(m.Cols, c.Key())
	}
	for _, a := range areas {
		row := heatRow{Area: a}
		var cells []chart.Cell
		for _, c := range countries {
			n := count[[2]string{a.Slug, c.Key()}]
			cell := heatCell{Country: c, Count: n, Label: v.Tn("home.heat_cell", n, "area", areaShort(a), "country", c.Title)}
			if n > 0 {
				cell.URL = v.cellURL(a, c)
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
func (v *view) cellURL(a, c *model.Item) string {
	if !v.SearchEnabled() {
		return v.Rel(a.URL())
	}
	q := "type:practice area:" + a.Slug + " country:" + c.Key()
	return v.Rel("/search/") + "?q=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
}
