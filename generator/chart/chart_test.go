package chart_test

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator/chart"
)

// node is a parsed SVG element, enough to check geometry and text.
type node struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*node
}

func parse(t *testing.T, svg string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			n := &node{Name: e.Name.Local, Attr: map[string]string{}}
			for _, a := range e.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(e)
			}
		}
	}
	return root
}

func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func (n *node) text() string {
	s := n.Text
	for _, c := range n.Children {
		s += c.text()
	}
	return s
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return f
}

func TestBarsGeometryAndText(t *testing.T) {
	c := chart.Bars{ID: "c1", Title: "Scores <of> A & B", Desc: "Scores from 1 to 4.", Max: 4, Missing: "Not assessed",
		Bars: []chart.Bar{{Label: "Innovation", Value: 4}, {Label: "Skills", Value: 2}, {Label: "Eco", Value: 0}, {Label: "Finance", Value: 1}}}
	svg := c.SVG()
	root := parse(t, svg)

	if root.Name != "svg" || root.Attr["role"] != "img" || root.Attr["aria-labelledby"] != "c1-title c1-desc" {
		t.Errorf("svg element: %+v", root.Attr)
	}
	titles := root.all("title")
	if len(titles) == 0 || titles[0].Attr["id"] != "c1-title" || titles[0].Text != "Scores <of> A & B" {
		t.Errorf("first <title> = %+v; want the escaped chart title", titles)
	}
	if !strings.Contains(svg, "Scores &lt;of&gt; A &amp; B") {
		t.Error("title text is not escaped")
	}
	if d := root.all("desc"); len(d) != 1 || d[0].Attr["id"] != "c1-desc" {
		t.Errorf("desc = %+v", d)
	}
	if h := num(t, root.Attr["height"]); int(h) != c.Height() {
		t.Errorf("height %v, want %d", h, c.Height())
	}

	// Bars are proportional to their values: a 4 is twice a 2 and four
	// times a 1; a full score fills the track.
	var widths []float64
	for _, r := range root.all("rect") {
		if r.Attr["class"] == "bar" {
			widths = append(widths, num(t, r.Attr["width"]))
		}
	}
	if len(widths) != 3 {
		t.Fatalf("%d bars, want 3 (the missing value has none)", len(widths))
	}
	if widths[0] != chart.BarTrackW || widths[0] != 2*widths[1] || widths[0] != 4*widths[2] {
		t.Errorf("bar widths %v, want %d, half and a quarter of it", widths, chart.BarTrackW)
	}
	// Bars start at the same x and are equally high.
	for _, r := range root.all("rect") {
		if r.Attr["x"] != strconv.Itoa(chart.BarTrackX) || r.Attr["height"] != strconv.Itoa(chart.BarH) {
			t.Errorf("rect %+v: want x=%d height=%d", r.Attr, chart.BarTrackX, chart.BarH)
		}
	}

	// The missing value is drawn as an outline and says so in words.
	var missing []*node
	for _, r := range root.all("rect") {
		if r.Attr["class"] == "missing" {
			missing = append(missing, r)
		}
	}
	if len(missing) != 1 || missing[0].Attr["fill"] != "none" {
		t.Errorf("missing rects %+v; want one outline", missing)
	}
	all := root.text()
	for _, want := range []string{"Innovation", "4 of 4", "2 of 4", "1 of 4", "Eco", "Not assessed", "Eco: Not assessed"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart text lacks %q", want)
		}
	}

	if c.SVG() != svg {
		t.Error("the same chart drew differently twice")
	}
}

func TestBarLen(t *testing.T) {
	for _, tc := range []struct {
		v, max int
		want   float64
	}{{0, 4, 0}, {-1, 4, 0}, {1, 4, chart.BarTrackW / 4.0}, {3, 4, chart.BarTrackW * 3 / 4.0}, {4, 4, chart.BarTrackW}, {9, 4, chart.BarTrackW}, {2, 0, 0}} {
		if got := chart.BarLen(tc.v, tc.max); got != tc.want {
			t.Errorf("BarLen(%d, %d) = %v, want %v", tc.v, tc.max, got, tc.want)
		}
	}
}

func TestBarsAllMissingAndLongLabels(t *testing.T) {
	long := strings.Repeat("Very long profile name ", 5)
	svg := chart.Bars{ID: "c2", Title: "T", Max: 4, Missing: "Not assessed", Bars: []chart.Bar{{Label: long}, {Label: "B"}}}.SVG()
	root := parse(t, svg)
	for _, r := range root.all("rect") {
		if r.Attr["class"] == "bar" {
			t.Errorf("a bar drawn for a missing value: %+v", r.Attr)
		}
	}
	if n := strings.Count(root.text(), "Not assessed"); n < 2 {
		t.Errorf("%d 'Not assessed' texts, want one per row at least", n)
	}
	// The visible label is cut; the row's <title> keeps it whole.
	var labels []string
	for _, tx := range root.all("text") {
		if tx.Attr["text-anchor"] == "end" {
			labels = append(labels, tx.Text)
		}
	}
	if len(labels) != 2 || !strings.HasSuffix(labels[0], "…") || len([]rune(labels[0])) > 30 {
		t.Errorf("labels %q; want the long one cut to 30 characters", labels)
	}
	if !strings.Contains(root.text(), long+": Not assessed") {
		t.Error("the row title does not carry the whole label")
	}
}

func TestHeatMap(t *testing.T) {
	m := chart.HeatMap{ID: "h", Title: "Practices", Desc: "Counts.", Rows: []string{"Innovation", "Eco"}, Cols: []string{"GR", "HU", "AT"},
		Cells: [][]chart.Cell{
			{{Count: 4, URL: "search/?q=a&b", Label: "Innovation in Greece: 4"}, {Count: 1, URL: "x/", Label: "Innovation in Hungary: 1"}, {Count: 0, URL: "never/", Label: "Innovation in Austria: 0"}},
			{{Count: 2, URL: "y/", Label: "Eco in Greece: 2"}, {}, {Count: 0, Label: "Eco in Austria: 0"}},
		}}
	svg := m.SVG()
	root := parse(t, svg)
	if root.Attr["role"] != "group" || root.Attr["aria-labelledby"] != "h-title" || root.Attr["aria-describedby"] != "h-desc" {
		t.Errorf("svg attributes %+v", root.Attr)
	}
	if w, h := num(t, root.Attr["width"]), num(t, root.Attr["height"]); int(w) != m.Width() || int(h) != m.Height() {
		t.Errorf("size %vx%v, want %dx%d", w, h, m.Width(), m.Height())
	}
	links := root.all("a")
	if len(links) != 3 {
		t.Fatalf("%d links, want 3 (zero cells never link)", len(links))
	}
	if links[0].Attr["href"] != "search/?q=a&b" || links[0].Attr["aria-label"] != "Innovation in Greece: 4" {
		t.Errorf("first link %+v", links[0].Attr)
	}
	if !strings.Contains(svg, `href="search/?q=a&amp;b"`) {
		t.Error("the link is not escaped")
	}
	// Every cell writes its count, so the map reads without colour.
	var counts []string
	for _, tx := range root.all("text") {
		if tx.Attr["aria-hidden"] == "true" {
			counts = append(counts, tx.Text)
		}
	}
	if strings.Join(counts, ",") != "4,1,0,2,0,0" {
		t.Errorf("cell counts %v", counts)
	}
	// Shades grow with the count; zero is white; the largest the darkest.
	rects := root.all("rect")
	if rects[0].Attr["fill"] != chart.Shades[len(chart.Shades)-1] || rects[2].Attr["fill"] != chart.Shades[0] {
		t.Errorf("fills %s (4) and %s (0)", rects[0].Attr["fill"], rects[2].Attr["fill"])
	}
	for n := 1; n < 10; n++ {
		if chart.Shade(n, 10) > chart.Shade(n+1, 10) {
			t.Errorf("Shade(%d) > Shade(%d)", n, n+1)
		}
	}
	if chart.Shade(0, 5) != 0 || chart.Shade(5, 5) != len(chart.Shades)-1 || chart.Shade(1, 5) == 0 {
		t.Error("Shade: zero must be blank, the maximum the darkest, and one not blank")
	}
}
