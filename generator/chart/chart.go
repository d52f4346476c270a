// Package chart draws the site's charts as inline SVG at build time: pure
// functions from values to markup, with no script, so a chart reads the
// same in a browser, in print and in an offline copy.
//
// Every chart names itself for assistive technology (role and
// aria-labelledby pointing at its <title> and <desc>), writes every value
// as text beside its mark (so it reads without colour), and comes with a
// text alternative: the pages put the same values in a table next to it.
// Output is deterministic: the same values give the same bytes. All text
// is escaped.
package chart

import (
	"html"
	"strconv"
	"strings"
)

// Geometry of a bar chart, in SVG user units (pixels at 100%).
const (
	BarWidth    = 640 // whole chart
	BarLabelW   = 240 // label column
	BarTrackX   = BarLabelW + 10
	BarTrackW   = 300 // length of a full-score bar
	BarRowH     = 30
	BarH        = 18
	barTop      = 8
	barAxisH    = 26
	barMaxLabel = 30 // characters of a label before it is cut with "…"
)

// Bar is one row of a bar chart.
type Bar struct {
	Label string // shown left of the bar; cut when long (the full text is in the row's <title>)
	Value int    // 0 is a missing value, drawn as the chart's Missing text
	// Text is what the row says about its value, e.g. "3 of 4"; empty
	// gives "Value of Max".
	Text string
}

// Bars is a horizontal bar chart of whole numbers from 1 to Max.
type Bars struct {
	ID      string // unique in the page; prefixes the ids of <title> and <desc>
	Title   string
	Desc    string
	Max     int
	Missing string // what a row without a value says, e.g. "Not assessed"
	Bars    []Bar
}

// BarLen is the length of a bar for value v on a scale to max: proportional,
// 0 for missing or out-of-scale values.
func BarLen(v, max int) float64 {
	if v <= 0 || max <= 0 {
		return 0
	}
	if v > max {
		v = max
	}
	return float64(BarTrackW) * float64(v) / float64(max)
}

// Height is the chart's height for its number of rows.
func (c Bars) Height() int { return barTop + len(c.Bars)*BarRowH + barAxisH }

// SVG draws the chart.
func (c Bars) SVG() string {
	var b strings.Builder
	h := c.Height()
	open(&b, c.ID, "chart chart-bars", BarWidth, h, "img")
	head(&b, c.ID, c.Title, c.Desc)
	max := c.Max
	if max <= 0 {
		max = 1
	}
	// Grid lines and the scale, under the bars.
	plotBottom := barTop + len(c.Bars)*BarRowH
	b.WriteString(`<g class="grid" aria-hidden="true">`)
	for i := 0; i <= max; i++ {
		x := BarTrackX + BarLen(i, max)
		b.WriteString(`<line x1="` + num(x) + `" y1="` + itoa(barTop) + `" x2="` + num(x) + `" y2="` + itoa(plotBottom) + `" stroke="#d5dae1"/>`)
		b.WriteString(`<text x="` + num(x) + `" y="` + itoa(plotBottom+17) + `" text-anchor="middle" font-size="12" fill="#4a5360">` + itoa(i) + `</text>`)
	}
	b.WriteString(`</g>`)
	for i, r := range c.Bars {
		y := barTop + i*BarRowH
		by := y + (BarRowH-BarH)/2
		ty := y + BarRowH/2 + 5
		b.WriteString(`<g class="row">`)
		b.WriteString(`<title>` + esc(r.Label) + `: ` + esc(c.valueText(r)) + `</title>`)
		b.WriteString(`<text x="` + itoa(BarLabelW) + `" y="` + itoa(ty) + `" text-anchor="end" font-size="13" fill="currentColor">` + esc(cut(r.Label, barMaxLabel)) + `</text>`)
		if r.Value > 0 {
			w := BarLen(r.Value, max)
			b.WriteString(`<rect class="bar" x="` + itoa(BarTrackX) + `" y="` + itoa(by) + `" width="` + num(w) + `" height="` + itoa(BarH) + `" fill="#0b4f8a"/>`)
			b.WriteString(`<text x="` + num(BarTrackX+w+6) + `" y="` + itoa(ty) + `" font-size="13" font-weight="700" fill="currentColor">` + esc(c.valueText(r)) + `</text>`)
		} else {
			b.WriteString(`<rect class="missing" x="` + itoa(BarTrackX) + `" y="` + itoa(by) + `" width="` + itoa(BarTrackW) + `" height="` + itoa(BarH) + `" fill="none" stroke="#8a94a3" stroke-dasharray="4 3"/>`)
			b.WriteString(`<text x="` + itoa(BarTrackX+8) + `" y="` + itoa(ty) + `" font-size="13" font-style="italic" fill="#4a5360">` + esc(c.valueText(r)) + `</text>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func (c Bars) valueText(r Bar) string {
	if r.Value <= 0 {
		if c.Missing == "" {
			return "no value"
		}
		return c.Missing
	}
	if r.Text != "" {
		return r.Text
	}
	return itoa(r.Value) + " of " + itoa(c.Max)
}

// Geometry of a heat map.
const (
	HeatLabelW = 190 // row label column
	HeatCell   = 44  // side of a cell
	heatTop    = 30  // column labels
	heatGap    = 2
)

// Cell is one cell of a heat map.
type Cell struct {
	Count int
	URL   string // where the cell links to; "" for none (cells with a zero count never link)
	Label string // what the cell is, read by assistive technology, e.g. "Innovation in Greece: 2 practices"
}

// HeatMap is a grid of counts, shaded by count, each count written in its
// cell.
type HeatMap struct {
	ID, Title, Desc string
	Rows, Cols      []string // labels: rows at the left, columns on top (keep them short)
	Cells           [][]Cell // [row][col]
}

// Shades are the fills of the heat map, lightest first; Shade picks one.
var Shades = []string{"#ffffff", "#dbe8f5", "#a9c8e8", "#5f95c9", "#0b4f8a"}

// Shade is the index into Shades for a count on a scale to max: 0 for
// zero, then four steps of equal width.
func Shade(n, max int) int {
	if n <= 0 || max <= 0 {
		return 0
	}
	if n >= max {
		return len(Shades) - 1
	}
	s := 1 + (n-1)*(len(Shades)-1)/max
	if s >= len(Shades) {
		s = len(Shades) - 1
	}
	return s
}

// Width and Height are the heat map's size.
func (m HeatMap) Width() int  { return HeatLabelW + 8 + len(m.Cols)*HeatCell }
func (m HeatMap) Height() int { return heatTop + len(m.Rows)*HeatCell + 4 }

// SVG draws the heat map. Cells that link are links named by their Label;
// the chart is a group of them, so it is not role="img".
func (m HeatMap) SVG() string {
	var b strings.Builder
	open(&b, m.ID, "chart chart-heat", m.Width(), m.Height(), "group")
	head(&b, m.ID, m.Title, m.Desc)
	max := 0
	for _, row := range m.Cells {
		for _, c := range row {
			if c.Count > max {
				max = c.Count
			}
		}
	}
	x0 := HeatLabelW + 8
	b.WriteString(`<g aria-hidden="true">`)
	for j, l := range m.Cols {
		b.WriteString(`<text x="` + itoa(x0+j*HeatCell+HeatCell/2) + `" y="` + itoa(heatTop-10) + `" text-anchor="middle" font-size="13" font-weight="700" fill="currentColor">` + esc(cut(l, 6)) + `</text>`)
	}
	for i, l := range m.Rows {
		b.WriteString(`<text x="` + itoa(HeatLabelW) + `" y="` + itoa(heatTop+i*HeatCell+HeatCell/2+5) + `" text-anchor="end" font-size="13" fill="currentColor">` + esc(cut(l, 28)) + `</text>`)
	}
	b.WriteString(`</g><g font-size="14" text-anchor="middle">`)
	for i := range m.Rows {
		for j := range m.Cols {
			var c Cell
			if i < len(m.Cells) && j < len(m.Cells[i]) {
				c = m.Cells[i][j]
			}
			x, y := x0+j*HeatCell, heatTop+i*HeatCell
			s := Shade(c.Count, max)
			ink := "#1b1f24"
			if s >= 3 {
				ink = "#ffffff"
			}
			cell := `<rect x="` + itoa(x+heatGap/2) + `" y="` + itoa(y+heatGap/2) + `" width="` + itoa(HeatCell-heatGap) + `" height="` + itoa(HeatCell-heatGap) + `" fill="` + Shades[s] + `" stroke="#8a94a3" stroke-width="1"/>` +
				`<text x="` + itoa(x+HeatCell/2) + `" y="` + itoa(y+HeatCell/2+5) + `"` + weight(c.Count) + ` fill="` + ink + `" aria-hidden="true">` + itoa(c.Count) + `</text>`
			if c.URL != "" && c.Count > 0 {
				b.WriteString(`<a class="cell shade-` + itoa(s) + `" href="` + esc(c.URL) + `" aria-label="` + esc(c.Label) + `"><title>` + esc(c.Label) + `</title>` + cell + `</a>`)
			} else {
				// An empty cell: no link, no tooltip, hidden from assistive
				// technology (the links and the table carry the counts).
				b.WriteString(`<g aria-hidden="true">` + cell + `</g>`)
			}
		}
	}
	b.WriteString(`</g></svg>`)
	return b.String()
}

func weight(n int) string {
	if n > 0 {
		return ` font-weight="700"`
	}
	return ""
}

func open(b *strings.Builder, id, class string, w, h int, role string) {
	labelled := esc(id) + `-title`
	if role == "img" {
		labelled += ` ` + esc(id) + `-desc`
	}
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="` + class + `" id="` + esc(id) + `" width="` + itoa(w) + `" height="` + itoa(h) +
		`" viewBox="0 0 ` + itoa(w) + ` ` + itoa(h) + `" role="` + role + `" aria-labelledby="` + labelled + `"`)
	if role != "img" {
		b.WriteString(` aria-describedby="` + esc(id) + `-desc"`)
	}
	b.WriteString(` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`)
}

func head(b *strings.Builder, id, title, desc string) {
	b.WriteString(`<title id="` + esc(id) + `-title">` + esc(title) + `</title>`)
	b.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(desc) + `</desc>`)
}

// cut shortens s to at most n characters, ending with "…".
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " ,:;-") + "…"
}

func esc(s string) string { return html.EscapeString(s) }

func itoa(n int) string { return strconv.Itoa(n) }

// num writes a coordinate with at most one decimal.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}
