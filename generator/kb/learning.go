package kb

import (
	"cmp"
	"slices"
	"sort"

	"github.com/clusterpolisee/polisee/generator/chart"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// An area page is a learning path: what the area is about (its body), what
// to read first, how the profiles score on it, its good practices by how
// far they have been tested, its pilots and mechanisms, and its documents.
// Everything comes from the items that refer to the area.

// Path is what an area page shows besides its body.
type Path struct {
	ReadFirst []Reason
	// Ranked are the profiles with a score on the area, best first;
	// NotAssessed those that list the area without a score.
	Ranked      []RankedProfile
	NotAssessed []*model.Item
	Chart       template.HTML // the ranked profiles as bars; empty when none is scored
	ChartCut    bool          // the chart shows only the best maxChartBars
	Map         *MapData      // the ranked profiles' territories, shaded by score; nil when none has a shape
	Practices   []StatusGroup // one per practice status, in the schema's order
	Pilots      []*model.Item
	Mechanisms  []*model.Item
	Documents   []*model.Item
	// Other are the remaining back-links (e.g. organisations), by type.
	Other []Group
}

type Reason struct {
	Item *model.Item
	Why  string
}

type RankedProfile struct {
	Item  *model.Item
	Score int
	Note  string
}

type StatusGroup struct {
	Status, Label, URL string
	Items              []*model.Item
}

// maxReadFirst caps the "what to read first" list; maxChartBars the
// ranked chart (the table beside it lists every profile).
const (
	maxReadFirst = 5
	maxChartBars = 30
)

// LearningPath gathers an area's learning path.
func LearningPath(v Page, area *model.Item) *Path {
	back := v.Back(area)
	lp := &Path{}
	g := lp.gather(v, area, back)
	for _, s := range model.PracticeStatuses {
		items := g.byStatus[s]
		model.SortItems(items)
		lp.Practices = append(lp.Practices, StatusGroup{Status: s, Label: v.Words().ValuePlural("status", s), URL: v.Schema().Type(model.FolderPractices).FacetURL("status", s), Items: items})
	}
	lp.ReadFirst = readFirst(v, lp, g)
	lp.Chart, lp.ChartCut = areaChart(v, area, lp.Ranked, len(lp.NotAssessed))
	lp.Map = AreaMap(v, area, lp.Ranked)
	return lp
}

// areaLinks are the items that refer to an area which its learning path
// shows apart: practices by status, and factsheets before other documents.
type areaLinks struct {
	byStatus              map[string][]*model.Item
	factsheets, otherDocs []*model.Item
}

// gather sorts the items that refer to area into lp's lists, each in its
// order: profiles ranked by their score on the area (the unscored apart),
// pilots and mechanisms, documents (the factsheets first, then the others
// newest first) and the remaining types. It returns what the rest of the
// path needs besides.
func (lp *Path) gather(v Page, area *model.Item, back []*model.Item) areaLinks {
	g := areaLinks{byStatus: map[string][]*model.Item{}}
	others := map[*model.Type][]*model.Item{}
	for _, it := range back {
		switch it.Type.Folder {
		case model.FolderPractices:
			g.byStatus[it.String("status")] = append(g.byStatus[it.String("status")], it)
		case model.FolderProfiles:
			var s AreaScore
			found := false
			for _, e := range Scores(v, it) {
				if e.Area == area.Slug {
					s, found = e, true
				}
			}
			if found && s.Score > 0 {
				lp.Ranked = append(lp.Ranked, RankedProfile{Item: it, Score: s.Score, Note: s.Note})
			} else {
				lp.NotAssessed = append(lp.NotAssessed, it)
			}
		case model.FolderPilots:
			lp.Pilots = append(lp.Pilots, it)
		case model.FolderMechanisms:
			lp.Mechanisms = append(lp.Mechanisms, it)
		case model.FolderDocuments:
			if it.String("kind") == "factsheet" {
				g.factsheets = append(g.factsheets, it)
			} else {
				g.otherDocs = append(g.otherDocs, it)
			}
		default:
			others[it.Type] = append(others[it.Type], it)
		}
	}
	for _, l := range [][]*model.Item{lp.NotAssessed, lp.Pilots, lp.Mechanisms, g.factsheets, g.otherDocs} {
		model.SortItems(l)
	}
	slices.SortFunc(lp.Ranked, func(a, b RankedProfile) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return model.CompareItems(a.Item, b.Item)
	})
	sort.SliceStable(g.otherDocs, func(i, j int) bool {
		return g.otherDocs[i].Date("date").Compare(g.otherDocs[j].Date("date")) > 0
	})
	lp.Documents = append(append(lp.Documents, g.factsheets...), g.otherDocs...)
	for _, t := range v.Schema().Types {
		if items := others[t]; len(items) > 0 {
			t.SortList(items)
			lp.Other = append(lp.Other, Group{Type: t, Items: items})
		}
	}
	return g
}

// readFirst picks what to read first on an area: its factsheet, then
// practices that went furthest (transferred, then piloted), then the
// mechanism, the pilots, and identified practices while fewer than two
// are picked; at most maxReadFirst in all.
func readFirst(v Page, lp *Path, g areaLinks) []Reason {
	var out []Reason
	add := func(it *model.Item, why string) {
		if len(out) < maxReadFirst {
			out = append(out, Reason{Item: it, Why: why})
		}
	}
	for _, d := range g.factsheets {
		add(d, v.Words().T("area.why_factsheet"))
	}
	for _, p := range g.byStatus["transferred"] {
		add(p, v.Words().T("area.why_transferred"))
	}
	for _, p := range g.byStatus["piloted"] {
		add(p, v.Words().T("area.why_piloted"))
	}
	for _, m := range lp.Mechanisms {
		add(m, v.Words().T("area.why_mechanism"))
	}
	for _, p := range lp.Pilots {
		add(p, v.Words().T("area.why_pilot"))
	}
	if len(out) < 2 {
		for _, p := range g.byStatus["identified"] {
			add(p, v.Words().T("area.why_identified"))
		}
	}
	return out
}

// areaChart draws the ranked profiles of an area as bars, the best
// maxChartBars of them (cut reports that some were left out); notAssessed
// counts those that cover the area without a score, for the description.
// It is empty when no profile is scored.
func areaChart(v Page, area *model.Item, ranked []RankedProfile, notAssessed int) (svg template.HTML, cut bool) {
	if len(ranked) == 0 {
		return "", false
	}
	shown := ranked
	what := v.Words().Tn("area.chart_what", len(ranked))
	if len(shown) > maxChartBars {
		shown = shown[:maxChartBars]
		what = v.Words().T("area.chart_what_cut", "shown", maxChartBars, "n", len(ranked))
		cut = true
	}
	c := chart.Bars{ID: "area-scores", Max: MaxScore, Missing: v.Words().T("score.not_assessed"),
		Title: v.Words().T("area.chart_title", "area", area.Title),
		Desc:  v.Words().Tn("area.chart_desc", notAssessed, "what", what)}
	for _, r := range shown {
		c.Bars = append(c.Bars, chart.Bar{Label: profileLabel(v, r.Item), Value: r.Score, Text: ScoreText(v, r.Score)})
	}
	return template.HTML(c.SVG()), cut
}

// profileLabel names a profile briefly for a chart: its region or country,
// and its period.
func profileLabel(v Page, p *model.Item) string {
	name := ""
	if reg := p.String("region"); reg != "" {
		if r := v.Ref(model.FolderRegions, reg); r != nil {
			name = r.Title
		}
	}
	if name == "" {
		if c := v.Ref(model.FolderCountries, p.String("country")); c != nil {
			name = c.Title
		} else {
			name = p.Title
		}
	}
	if per := p.String("period"); per != "" {
		name += ", " + per
	}
	return name
}

// ProfileLabel is profileLabel for templates.
func ProfileLabel(v Page, p *model.Item) string { return profileLabel(v, p) }
