package geo

import (
	"html"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Fills of the map. Shades are the steps of a count or score, lightest
// first (the heat map's: readable in grey as in colour); context is the
// fill of the countries drawn for orientation.
var Shades = []string{"#ffffff", "#dbe8f5", "#a9c8e8", "#5f95c9", "#0b4f8a"}

const (
	contextFill   = "#eceff3"
	contextStroke = "#aab2bd"
	areaStroke    = "#59636f"
	strongStroke  = "#1b1f24"
	// Highlight is the shade index a region page gives its region.
	Highlight = 4
)

// Area is one territory a map shows with its figure.
type Area struct {
	Shape *Shape
	// Label is the territory's <title> (and its link's name): its name,
	// code and figure, e.g. "Attiki (EL30): 3 good practices".
	Label string
	URL   string // where it links to; "" for no link
	Shade int    // index into Shades
	// Text is written on the territory, e.g. its count ("3"); "" for none.
	Text string
	// Strong draws a heavier outline (e.g. a region with a profile, or
	// the region a page is about).
	Strong bool
}

// Map is an inline SVG map in ETRS89-LAEA.
type Map struct {
	ID, Title, Desc string
	Width           int // in pixels; the height follows the frame
	Frame           Box // what the map shows, projected
	Context         []*Shape
	Areas           []Area
	// Kosovo, when not empty, is written where Kosovo lies if the frame
	// takes it in (e.g. "Kosovo*"). The boundaries have no shape for it:
	// the map hatches the gap its neighbours' borders leave (Atlas.Gap),
	// in grey like the context, and the page says why under the map.
	Kosovo string
}

// detail is the number of grid steps per pixel: coordinates are written
// as whole numbers of half pixels, which keeps the paths short (relative
// moves of one or two digits) and the output exact.
const detail = 2

// ShowsKosovo reports whether the frame takes in where Kosovo lies.
func (m Map) ShowsKosovo() bool { return m.Frame.Intersects(KosovoBox) }

// Height is the map's height in pixels.
func (m Map) Height() int {
	return int(math.Ceil((m.Frame.MaxY - m.Frame.MinY) * m.scale()))
}

func (m Map) scale() float64 { return float64(m.Width) / (m.Frame.MaxX - m.Frame.MinX) }

// SVG draws the map: the context countries, then each area, shaded, with
// its <title>, its text and its link. A map with links is a group of
// them (role="group"); one without is an image (role="img").
func (m Map) SVG() string {
	var b strings.Builder
	w, h := m.Width, m.Height()
	role := "img"
	for _, a := range m.Areas {
		if a.URL != "" {
			role = "group"
		}
	}
	id := esc(m.ID)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="map" id="` + id + `" width="` + itoa(w) + `" height="` + itoa(h) +
		`" viewBox="0 0 ` + itoa(w*detail) + ` ` + itoa(h*detail) + `" role="` + role + `" aria-labelledby="` + id + `-title"`)
	b.WriteString(` aria-describedby="` + id + `-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`)
	b.WriteString(`<title id="` + id + `-title">` + esc(m.Title) + `</title><desc id="` + id + `-desc">` + esc(m.Desc) + `</desc>`)
	pr := m.projector()
	kosovo := m.Kosovo != "" && m.ShowsKosovo()
	var gap *Shape
	if kosovo {
		gap = MustLoad().Gap
	}
	if gap != nil {
		b.WriteString(`<defs><pattern id="` + id + `-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
			`<rect width="8" height="8" fill="` + contextFill + `"/><path d="M0 0v8" stroke="` + contextStroke + `" stroke-width="3"/></pattern></defs>`)
	}
	if len(m.Context) > 0 || gap != nil {
		b.WriteString(`<g aria-hidden="true" fill="` + contextFill + `" stroke="` + contextStroke + `" stroke-width="2" stroke-linejoin="round">`)
		for _, s := range m.Context {
			if d := pr.path(s); d != "" {
				b.WriteString(`<path d="` + d + `"/>`)
			}
		}
		if d := pr.path(gap); d != "" {
			b.WriteString(`<path d="` + d + `" fill="url(#` + id + `-hatch)" stroke="none"/>`)
		}
		b.WriteString(`</g>`)
	}
	type label struct {
		at   Pt
		text string
		ink  string
	}
	var labels []label
	b.WriteString(`<g stroke="` + areaStroke + `" stroke-width="2" stroke-linejoin="round" fill-rule="evenodd">`)
	var strong []string
	for _, a := range m.Areas {
		d := pr.path(a.Shape)
		if d == "" {
			continue
		}
		shade := min(max(a.Shade, 0), len(Shades)-1)
		p := `<path d="` + d + `" fill="` + Shades[shade] + `"/>`
		t := `<title>` + esc(a.Label) + `</title>`
		if a.URL != "" {
			b.WriteString(`<a href="` + esc(a.URL) + `" aria-label="` + esc(a.Label) + `">` + t + p + `</a>`)
		} else if role == "group" {
			b.WriteString(`<g aria-hidden="true">` + t + p + `</g>`)
		} else {
			b.WriteString(`<g>` + t + p + `</g>`)
		}
		if a.Strong {
			strong = append(strong, d)
		}
		if a.Text != "" {
			ink := "#1b1f24"
			if shade >= 3 {
				ink = "#ffffff"
			}
			labels = append(labels, label{pr.labelPoint(a.Shape), a.Text, ink})
		}
	}
	b.WriteString(`</g>`)
	if len(strong) > 0 {
		// Heavier outlines on top, so that no neighbour covers them; they,
		// and the figures, let a pointer through to the links below.
		b.WriteString(`<g aria-hidden="true" pointer-events="none" fill="none" stroke="` + strongStroke + `" stroke-width="5" stroke-linejoin="round">`)
		for _, d := range strong {
			b.WriteString(`<path d="` + d + `"/>`)
		}
		b.WriteString(`</g>`)
	}
	if kosovo {
		x, y := pr.px(KosovoLabel)
		at := Pt{x, y}
		if gap != nil {
			at = pr.labelPoint(gap)
		}
		labels = append(labels, label{at, m.Kosovo, "#1b1f24"})
	}
	if len(labels) > 0 {
		b.WriteString(`<g aria-hidden="true" pointer-events="none" font-size="` + itoa(12*detail) + `" font-weight="700" text-anchor="middle">`)
		for _, l := range labels {
			b.WriteString(`<text x="` + itoa(int(math.Round(l.at.X))) + `" y="` + itoa(int(math.Round(l.at.Y))+4*detail) + `" fill="` + l.ink + `">` + esc(l.text) + `</text>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// projector turns projected metres into grid units of the map.
type projector struct {
	minX, maxY, s float64
	clip          Box // in grid units: the frame and a margin
}

func (m Map) projector() projector {
	s := m.scale() * detail
	w, h := float64(m.Width*detail), float64(m.Height()*detail)
	const margin = 8
	return projector{minX: m.Frame.MinX, maxY: m.Frame.MaxY, s: s, clip: Box{-margin, -margin, w + margin, h + margin}}
}

func (p projector) px(q Pt) (float64, float64) {
	return (q.X - p.minX) * p.s, (p.maxY - q.Y) * p.s
}

// path writes a shape's rings as SVG path data: each ring clipped to the
// frame, snapped to the grid, without repeated or collinear points, and
// dropped when it is too small to see. Coordinates after the first of a
// ring are relative, whole numbers.
func (p projector) path(s *Shape) string {
	if s == nil {
		return ""
	}
	var b strings.Builder
	for _, ring := range s.Rings {
		pts := make([]Pt, len(ring))
		for i, q := range ring {
			x, y := p.px(q)
			pts[i] = Pt{x, y}
		}
		pts = clip(pts, p.clip)
		r := snap(pts)
		if len(r) < 3 || math.Abs(area(r)) < minRingArea {
			continue
		}
		b.WriteString("M" + itoa(int(r[0].X)) + " " + itoa(int(r[0].Y)))
		b.WriteString("l")
		for i := 1; i < len(r); i++ {
			dx, dy := int(r[i].X-r[i-1].X), int(r[i].Y-r[i-1].Y)
			if i > 1 && dx >= 0 {
				b.WriteByte(' ')
			}
			b.WriteString(itoa(dx))
			if dy >= 0 {
				b.WriteByte(' ')
			}
			b.WriteString(itoa(dy))
		}
		b.WriteString("z")
	}
	return b.String()
}

// minRingArea is the smallest ring drawn, in square grid units (a few
// square pixels): smaller islands vanish at the map's scale.
const minRingArea = 6 * detail * detail

// snap rounds a ring's points to the grid and drops the points that
// repeat the one before or lie on the line between their neighbours; the
// ring is left open (the path closes it). Rounding is the only
// simplification: neighbours share their boundary's points in the data,
// so they share them after snapping, and no gap or overlap opens between
// them.
func snap(pts []Pt) []Pt {
	var out []Pt
	for _, q := range pts {
		r := Pt{math.Round(q.X), math.Round(q.Y)}
		if len(out) > 0 && out[len(out)-1] == r {
			continue
		}
		out = append(out, r)
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	// Collinear points (and spikes that turn straight back).
	var keep []Pt
	for _, c := range out {
		for len(keep) >= 2 && cross(keep[len(keep)-2], keep[len(keep)-1], c) == 0 {
			keep = keep[:len(keep)-1]
		}
		keep = append(keep, c)
	}
	for len(keep) >= 3 && cross(keep[len(keep)-2], keep[len(keep)-1], keep[0]) == 0 {
		keep = keep[:len(keep)-1]
	}
	for len(keep) >= 3 && cross(keep[len(keep)-1], keep[0], keep[1]) == 0 {
		keep = keep[1:]
	}
	out = keep
	return out
}

// area is a ring's signed area (shoelace).
func area(r []Pt) float64 {
	s := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].X*r[j].Y - r[j].X*r[i].Y
	}
	return s / 2
}

// clip cuts a ring to a rectangle (Sutherland-Hodgman): what lies outside
// runs along the rectangle's edges, outside the visible frame.
func clip(pts []Pt, b Box) []Pt {
	edges := []struct {
		in  func(Pt) bool
		cut func(a, c Pt) Pt
	}{
		{func(q Pt) bool { return q.X >= b.MinX }, func(a, c Pt) Pt { return atX(a, c, b.MinX) }},
		{func(q Pt) bool { return q.X <= b.MaxX }, func(a, c Pt) Pt { return atX(a, c, b.MaxX) }},
		{func(q Pt) bool { return q.Y >= b.MinY }, func(a, c Pt) Pt { return atY(a, c, b.MinY) }},
		{func(q Pt) bool { return q.Y <= b.MaxY }, func(a, c Pt) Pt { return atY(a, c, b.MaxY) }},
	}
	for _, e := range edges {
		if len(pts) == 0 {
			return nil
		}
		var out []Pt
		prev := pts[len(pts)-1]
		for _, cur := range pts {
			switch {
			case e.in(cur) && e.in(prev):
				out = append(out, cur)
			case e.in(cur):
				out = append(out, e.cut(prev, cur), cur)
			case e.in(prev):
				out = append(out, e.cut(prev, cur))
			}
			prev = cur
		}
		pts = out
	}
	return pts
}

func atX(a, c Pt, x float64) Pt {
	t := (x - a.X) / (c.X - a.X)
	return Pt{x, a.Y + t*(c.Y-a.Y)}
}

func atY(a, c Pt, y float64) Pt {
	t := (y - a.Y) / (c.Y - a.Y)
	return Pt{a.X + t*(c.X-a.X), y}
}

// labelPoint is where a shape's text goes, in grid units: the centroid of
// its largest ring, or, when that falls outside the shape (a crescent, or
// a region around a hole such as Lower Austria around Vienna), the middle
// of the shape's widest run along the centroid's row (rings read by the
// even-odd rule, as they are drawn).
func (p projector) labelPoint(s *Shape) Pt {
	var best []Pt
	var rings [][]Pt
	bestA := -1.0
	for _, ring := range s.Rings {
		r := make([]Pt, len(ring))
		for i, q := range ring {
			x, y := p.px(q)
			r[i] = Pt{x, y}
		}
		rings = append(rings, r)
		if a := math.Abs(area(r)); a > bestA {
			best, bestA = r, a
		}
	}
	if len(best) == 0 {
		return Pt{}
	}
	c := centroid(best)
	in := false
	for _, r := range rings {
		if inside(c, r) {
			in = !in
		}
	}
	if in {
		return c
	}
	var xs []float64
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a.Y <= c.Y) != (b.Y <= c.Y) {
				xs = append(xs, a.X+(c.Y-a.Y)/(b.Y-a.Y)*(b.X-a.X))
			}
		}
	}
	sort.Float64s(xs)
	bestW := -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bestW {
			bestW, c.X = w, (xs[i]+xs[i+1])/2
		}
	}
	return c
}

func centroid(r []Pt) Pt {
	var cx, cy, a float64
	for i := range r {
		j := (i + 1) % len(r)
		f := r[i].X*r[j].Y - r[j].X*r[i].Y
		cx += (r[i].X + r[j].X) * f
		cy += (r[i].Y + r[j].Y) * f
		a += f
	}
	if a == 0 {
		return r[0]
	}
	return Pt{cx / (3 * a), cy / (3 * a)}
}

func inside(q Pt, r []Pt) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		if (r[i].Y > q.Y) != (r[j].Y > q.Y) && q.X < (r[j].X-r[i].X)*(q.Y-r[i].Y)/(r[j].Y-r[i].Y)+r[i].X {
			in = !in
		}
	}
	return in
}

// cross is twice the signed area of the triangle a, c, n: zero when the
// three lie on one line.
func cross(a, c, n Pt) float64 { return (c.X-a.X)*(n.Y-a.Y) - (c.Y-a.Y)*(n.X-a.X) }

func esc(s string) string { return html.EscapeString(s) }

func itoa(n int) string { return strconv.Itoa(n) }
