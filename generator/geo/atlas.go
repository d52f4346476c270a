package geo

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The boundaries, as published (see data/README.md).
//
//go:embed data/nuts2021-20m-countries.geojson data/nuts2021-20m-level2.geojson data/nuts2021-20m-level3.geojson
var data embed.FS

// Version is the NUTS version of the boundaries.
const Version = 2021

// Pt is a projected point: ETRS89-LAEA easting and northing in metres.
type Pt struct{ X, Y float64 }

// Shape is one territory of the boundaries: a country (its NUTS 0 code,
// or its ISO code for a country outside NUTS: BA, MD, UA), a NUTS 2 or a
// NUTS 3 region, projected.
type Shape struct {
	Code  string // EL30, EL, BA
	Name  string // the name in the data (national language, Latin script)
	Level int    // 0 for countries, 2 or 3
	// Rings are the outer rings and holes of every polygon, projected;
	// SVG's even-odd rule draws them.
	Rings [][]Pt
	Box   Box
}

// Box is a rectangle in projected metres.
type Box struct{ MinX, MinY, MaxX, MaxY float64 }

// Empty reports a box that holds nothing.
func (b Box) Empty() bool { return b.MaxX < b.MinX || b.MaxY < b.MinY }

// Union is the smallest box holding both.
func (b Box) Union(o Box) Box {
	if b.Empty() {
		return o
	}
	if o.Empty() {
		return b
	}
	return Box{min(b.MinX, o.MinX), min(b.MinY, o.MinY), max(b.MaxX, o.MaxX), max(b.MaxY, o.MaxY)}
}

// Intersects reports whether two boxes overlap.
func (b Box) Intersects(o Box) bool {
	return !b.Empty() && !o.Empty() && b.MinX <= o.MaxX && o.MinX <= b.MaxX && b.MinY <= o.MaxY && o.MinY <= b.MaxY
}

// Grow widens a box by a fraction of its larger side on every side.
func (b Box) Grow(f float64) Box {
	m := f * max(b.MaxX-b.MinX, b.MaxY-b.MinY)
	return Box{b.MinX - m, b.MinY - m, b.MaxX + m, b.MaxY + m}
}

var emptyBox = Box{1, 1, 0, 0}

// Atlas holds every shape of the boundaries by code.
type Atlas struct {
	Countries map[string]*Shape // by NUTS 0 or ISO code
	Regions   map[string]*Shape // NUTS 2 and NUTS 3, by code
	// Gap is the area the boundaries leave blank between Serbia,
	// Montenegro, Albania and North Macedonia, where Kosovo lies (see
	// gapBetween); nil if their outlines do not close around one.
	Gap *Shape
}

var (
	atlasOnce sync.Once
	atlas     *Atlas
	atlasErr  error
)

// Load parses and projects the embedded boundaries, once per process.
func Load() (*Atlas, error) {
	atlasOnce.Do(func() { atlas, atlasErr = load() })
	return atlas, atlasErr
}

// MustLoad is Load for callers that cannot go on without the boundaries,
// which are part of the program.
func MustLoad() *Atlas {
	a, err := Load()
	if err != nil {
		panic(err)
	}
	return a
}

func load() (*Atlas, error) {
	a := &Atlas{Countries: map[string]*Shape{}, Regions: map[string]*Shape{}}
	for _, f := range []struct {
		file  string
		level int
		into  map[string]*Shape
	}{
		{"countries", 0, a.Countries}, {"level2", 2, a.Regions}, {"level3", 3, a.Regions},
	} {
		name := "data/nuts2021-20m-" + f.file + ".geojson"
		raw, err := data.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var fc struct {
			Features []struct {
				Properties struct{ ID, Na string }
				Geometry   struct {
					Type        string
					Coordinates json.RawMessage
				}
			}
		}
		if err := json.Unmarshal(raw, &fc); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		for _, ft := range fc.Features {
			var polys [][][][2]float64
			switch ft.Geometry.Type {
			case "Polygon":
				var p [][][2]float64
				err = json.Unmarshal(ft.Geometry.Coordinates, &p)
				polys = [][][][2]float64{p}
			case "MultiPolygon":
				err = json.Unmarshal(ft.Geometry.Coordinates, &polys)
			default:
				err = fmt.Errorf("geometry %s", ft.Geometry.Type)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %v", name, ft.Properties.ID, err)
			}
			s := &Shape{Code: ft.Properties.ID, Name: ft.Properties.Na, Level: f.level, Box: emptyBox}
			for _, poly := range polys {
				for _, ring := range poly {
					r := make([]Pt, len(ring))
					for i, c := range ring {
						x, y := Project(c[0], c[1])
						r[i] = Pt{x, y}
						s.Box = s.Box.Union(Box{x, y, x, y})
					}
					s.Rings = append(s.Rings, r)
				}
			}
			f.into[s.Code] = s
		}
	}
	a.Gap = gapBetween(KosovoBox.Grow(0.05), a.Countries["RS"], a.Countries["ME"], a.Countries["AL"], a.Countries["MK"])
	return a, nil
}

// gapBetween finds the hole the shapes leave inside box: the edges of
// their rings that no other of them shares (their common borders are
// shared point for point, being generalised together) and that lie in
// box, chained into one ring. It is made of the data's own points, not
// drawn by hand; nil when the edges do not close into exactly one ring.
func gapBetween(box Box, shapes ...*Shape) *Shape {
	type edge struct{ a, b Pt }
	key := func(a, b Pt) edge {
		if b.X < a.X || (b.X == a.X && b.Y < a.Y) {
			a, b = b, a
		}
		return edge{a, b}
	}
	in := func(p Pt) bool { return p.X >= box.MinX && p.X <= box.MaxX && p.Y >= box.MinY && p.Y <= box.MaxY }
	count := map[edge]int{}
	var order []edge
	for _, s := range shapes {
		if s == nil {
			return nil
		}
		for _, r := range s.Rings {
			for i := 1; i < len(r); i++ {
				e := key(r[i-1], r[i])
				if count[e] == 0 {
					order = append(order, e)
				}
				count[e]++
			}
		}
	}
	next := map[Pt][]Pt{}
	var start Pt
	n := 0
	for _, e := range order {
		if count[e] != 1 || !in(e.a) || !in(e.b) || e.a == e.b {
			continue
		}
		if n == 0 || e.a.X < start.X || (e.a.X == start.X && e.a.Y < start.Y) {
			start = e.a
		}
		next[e.a] = append(next[e.a], e.b)
		next[e.b] = append(next[e.b], e.a)
		n++
	}
	if n < 3 {
		return nil
	}
	for _, v := range next {
		if len(v) != 2 {
			return nil
		}
	}
	ring := []Pt{start}
	prev, cur := start, next[start][0]
	if p, q := next[start][0], next[start][1]; q.X < p.X || (q.X == p.X && q.Y < p.Y) {
		cur = q // start along the lesser neighbour, whichever order the edges came in
	}
	for cur != start {
		ring = append(ring, cur)
		nb := next[cur]
		nx := nb[0]
		if nx == prev {
			nx = nb[1]
		}
		prev, cur = cur, nx
		if len(ring) > n {
			return nil
		}
	}
	if len(ring) != n {
		return nil // more than one ring
	}
	ring = append(ring, start)
	g := &Shape{Code: "XK", Name: "Kosovo", Rings: [][]Pt{ring}, Box: emptyBox}
	for _, p := range ring {
		g.Box = g.Box.Union(Box{p.X, p.Y, p.X, p.Y})
	}
	return g
}

// Known reports whether the boundaries have a shape for a NUTS code: a
// NUTS 2 or 3 region, a NUTS 1 code as the parent of NUTS 2 regions, or
// the NUTS 0 code of a country whose regions they hold.
func (a *Atlas) Known(code string) bool {
	return a.Region(code) != nil
}

// Within lists the codes of a level (2 or 3) that lie in the region or
// country code (by NUTS prefix), sorted.
func (a *Atlas) Within(code string, level int) []string {
	var out []string
	for c, s := range a.Regions {
		if s.Level == level && strings.HasPrefix(c, code) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// Covers reports whether the boundaries hold the regions of a country,
// given its NUTS prefix (EL for Greece).
func (a *Atlas) Covers(prefix string) bool { return len(a.Within(prefix, 2)) > 0 }

// Region is the shape of a NUTS code: a NUTS 2 or 3 shape as it is, a
// NUTS 1 one as its NUTS 2 regions together, a NUTS 0 one as its
// country; nil when unknown.
func (a *Atlas) Region(code string) *Shape {
	if s := a.Regions[code]; s != nil {
		return s
	}
	if len(code) == 2 && a.Covers(code) {
		return a.Countries[code]
	}
	if len(code) != 3 {
		return nil
	}
	parts := a.Within(code, 2)
	if len(parts) == 0 {
		return nil
	}
	s := &Shape{Code: code, Level: 1, Box: emptyBox}
	for _, c := range parts {
		p := a.Regions[c]
		s.Rings = append(s.Rings, p.Rings...)
		s.Box = s.Box.Union(p.Box)
	}
	return s
}

// KosovoBox is roughly where Kosovo lies (20.0-21.8°E, 41.85-43.27°N),
// projected: the boundaries have no shape for it (data/README.md), so a
// map whose frame takes it in says why it is blank.
var KosovoBox = func() Box {
	b := emptyBox
	for _, c := range [][2]float64{{20.0, 41.85}, {21.8, 41.85}, {20.0, 43.27}, {21.8, 43.27}, {20.9, 41.85}, {20.9, 43.27}} {
		x, y := Project(c[0], c[1])
		b = b.Union(Box{x, y, x, y})
	}
	return b
}()

// KosovoLabel is where a map writes "Kosovo*": about its middle.
var KosovoLabel = func() Pt { x, y := Project(20.9, 42.58); return Pt{x, y} }()
