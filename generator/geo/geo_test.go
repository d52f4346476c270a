package geo

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestProject: the projection's origin lands on the false easting and
// northing, and the worked example of EPSG Guidance Note 7-2 (method
// 9820, ETRS89 / ETRS-LAEA: 50°N 5°E gives E 3,962,799.45 m,
// N 2,999,718.85 m) comes out to the centimetre. The example is the
// EPSG's own figure, computed independently of this code.
func TestProject(t *testing.T) {
	for _, c := range []struct{ lon, lat, x, y float64 }{
		{10, 52, 4321000, 3210000},
		{5, 50, 3962799.45, 2999718.85},
	} {
		x, y := Project(c.lon, c.lat)
		if math.Abs(x-c.x) > 0.01 || math.Abs(y-c.y) > 0.01 {
			t.Errorf("Project(%v, %v) = (%.3f, %.3f), want (%.2f, %.2f)", c.lon, c.lat, x, y, c.x, c.y)
		}
	}
	// East of the centre is east; north is north; equal steps in
	// longitude either side of the central meridian are symmetric.
	xe, ye := Project(12, 52)
	xw, yw := Project(8, 52)
	if !(xe > laeaFE && xw < laeaFE) || math.Abs((xe-laeaFE)-(laeaFE-xw)) > 1e-6 || math.Abs(ye-yw) > 1e-6 {
		t.Errorf("not symmetric about 10°E: (%v, %v) and (%v, %v)", xe, ye, xw, yw)
	}
}

func TestAtlas(t *testing.T) {
	a := MustLoad()
	if n := len(a.Countries); n != 23 {
		t.Errorf("%d countries, want 23 (data/README.md)", n)
	}
	var n2, n3 int
	for _, s := range a.Regions {
		if s.Level == 2 {
			n2++
		} else {
			n3++
		}
	}
	if n2 != 82 || n3 != 362 {
		t.Errorf("%d NUTS 2 and %d NUTS 3 regions, want 82 and 362", n2, n3)
	}
	for code, want := range map[string]bool{"EL30": true, "EL301": true, "EL3": true, "EL": true, "EL39": false, "GR30": false, "DE11": false, "ME": false, "EL5": true} {
		if got := a.Known(code); got != want {
			t.Errorf("Known(%s) = %v, want %v", code, got, want)
		}
	}
	// Athens (23.73°E 37.98°N) lies in the box of Attiki.
	x, y := Project(23.73, 37.98)
	if b := a.Regions["EL30"].Box; x < b.MinX || x > b.MaxX || y < b.MinY || y > b.MaxY {
		t.Errorf("Athens (%v, %v) is outside the box of EL30 %+v", x, y, b)
	}
}

// homeLike draws every NUTS 2 region of the eleven countries, with the
// neighbours as context, as the home page does.
func homeLike() Map {
	a := MustLoad()
	frame := emptyBox
	for _, c := range []string{"AL", "AT", "BG", "EL", "HR", "HU", "IT", "RO", "RS", "SI", "SK"} {
		frame = frame.Union(a.Countries[c].Box)
	}
	frame = frame.Grow(0.02)
	m := Map{ID: "m", Title: "Title", Desc: "Desc", Width: 720, Frame: frame, Kosovo: "Kosovo*"}
	var cs, rs []string
	for c := range a.Countries {
		cs = append(cs, c)
	}
	for c, s := range a.Regions {
		if s.Level == 2 {
			rs = append(rs, c)
		}
	}
	sort.Strings(cs)
	sort.Strings(rs)
	for _, c := range cs {
		m.Context = append(m.Context, a.Countries[c])
	}
	for i, c := range rs {
		m.Areas = append(m.Areas, Area{Shape: a.Regions[c], Label: s(c) + ": 12 good practices", URL: "../regions/" + strings.ToLower(c) + "/", Shade: i % 5, Text: "12"})
	}
	return m
}

func s(c string) string { return "Region " + c + " (" + c + ")" }

// TestMapDeterministic: the same map twice is the same bytes, and a map
// with every NUTS 2 region, a link, a title and a figure on each, stays
// within the home page's budget of 60 KB.
func TestMapDeterministic(t *testing.T) {
	m := homeLike()
	one, two := m.SVG(), homeLike().SVG()
	if one != two {
		t.Fatal("the same map drew different bytes")
	}
	if len(one) > 60*1024 {
		t.Errorf("the full NUTS 2 map is %d bytes; the budget is 60 KB", len(one))
	}
	if n := strings.Count(one, "<title>"); n != 82 {
		t.Errorf("%d region titles, want 82", n)
	}
	if !strings.Contains(one, ">Kosovo*</text>") {
		t.Error("no Kosovo label, though the frame takes it in")
	}
	// Path data are whole numbers only.
	for _, d := range regexp.MustCompile(` d="([^"]*)"`).FindAllStringSubmatch(one, -1) {
		if strings.ContainsAny(d[1], ".eE") {
			t.Fatalf("path data with a fraction: %.80s", d[1])
		}
	}
	t.Logf("full NUTS 2 map: %d bytes, %d by %d pixels", len(one), m.Width, m.Height())
}

// TestSnap: snapping rounds to the grid, drops repeated and collinear
// points, and gives neighbours the same shared boundary.
func TestSnap(t *testing.T) {
	got := snap([]Pt{{0.2, 0}, {5, 0.3}, {10, 0}, {10, 0.4}, {10, 10}, {0, 10}, {0, 0}})
	want := []Pt{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	if len(got) != len(want) {
		t.Fatalf("snap = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("snap = %v, want %v", got, want)
		}
	}
	// Two squares sharing the edge x=5.3: both edges snap to x=5.
	left := snap([]Pt{{0, 0}, {5.3, 0}, {5.3, 4.6}, {0, 4.6}})
	right := snap([]Pt{{5.3, 0}, {9, 0}, {9, 4.6}, {5.3, 4.6}})
	if left[1].X != right[0].X || left[2].X != right[3].X {
		t.Errorf("shared edge snapped apart: %v and %v", left, right)
	}
}

// TestClip: a ring that crosses the frame keeps its inside; one wholly
// outside vanishes.
func TestClip(t *testing.T) {
	box := Box{0, 0, 10, 10}
	in := clip([]Pt{{-5, 2}, {5, 2}, {5, 8}, {-5, 8}}, box)
	for _, p := range in {
		if p.X < 0 || p.X > 10 || p.Y < 0 || p.Y > 10 {
			t.Errorf("clipped point %v outside %v", p, box)
		}
	}
	if a := math.Abs(area(in)); a != 30 {
		t.Errorf("clipped area %v, want 30", a)
	}
	if out := clip([]Pt{{20, 20}, {30, 20}, {30, 30}}, box); len(out) != 0 {
		t.Errorf("a ring outside the frame left %v", out)
	}
}

// BenchmarkLoad measures parsing and projecting the boundaries, which a
// build does once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHomeMap measures drawing the largest map, every NUTS 2 region.
func BenchmarkHomeMap(b *testing.B) {
	m := homeLike()
	for b.Loop() {
		_ = m.SVG()
	}
}

// TestLabelPoint: a region's figure is written inside it, also around a
// hole (Lower Austria around Vienna).
func TestLabelPoint(t *testing.T) {
	a := MustLoad()
	m := Map{Width: 720, Frame: a.Countries["AT"].Box.Grow(0.04)}
	pr := m.projector()
	for _, code := range []string{"AT12", "AT13", "EL30", "HR03", "ITC4"} {
		s := a.Regions[code]
		q := pr.labelPoint(s)
		in := false
		for _, ring := range s.Rings {
			r := make([]Pt, len(ring))
			for i, g := range ring {
				x, y := pr.px(g)
				r[i] = Pt{x, y}
			}
			if inside(q, r) {
				in = !in
			}
		}
		if !in {
			t.Errorf("%s: label at %v is outside the region", code, q)
		}
	}
}

// TestGap: the boundaries leave one gap between Serbia, Montenegro,
// Albania and North Macedonia, where Kosovo lies (about 20.0-21.8°E,
// 41.85-43.27°N); the maps hatch it.
func TestGap(t *testing.T) {
	g := MustLoad().Gap
	if g == nil {
		t.Fatal("no gap found")
	}
	want := KosovoBox
	if !g.Box.Intersects(want) || g.Box.MinX < want.Grow(0.05).MinX || g.Box.MaxX > want.Grow(0.05).MaxX {
		t.Errorf("gap box %+v, want about %+v", g.Box, want)
	}
	if n := len(g.Rings[0]); n < 20 {
		t.Errorf("gap ring of %d points", n)
	}
	// Pristina (21.17°E 42.67°N) is inside it.
	x, y := Project(21.17, 42.67)
	if !inside(Pt{x, y}, g.Rings[0]) {
		t.Error("Pristina is outside the gap")
	}
	svg := homeLike().SVG()
	if !strings.Contains(svg, `fill="url(#m-hatch)"`) || !strings.Contains(svg, `<pattern id="m-hatch"`) {
		t.Error("the home map does not hatch the gap")
	}
}
