package generator

import (
	"html/template"
	"sort"

	"github.com/clusterpolisee/polisee/generator/chart"
	"github.com/clusterpolisee/polisee/generator/model"
)

// An area page is a learning path: what the area is about (its body), what
// to read first, how the profiles score on it, its good practices by how
// far they have been tested, its pilots and mechanisms, and its documents.
// Everything comes from the items that refer to the area.

// learningPath is what an area page shows besides its body.
type learningPath struct {
	ReadFirst []readFirst
	// Ranked are the profiles with a score on the area, best first;
	// NotAssessed those that list the area without a score.
	Ranked      []rankedProfile
	NotAssessed []*model.Item
	Chart       template.HTML // the ranked profiles as bars; empty when none is scored
	ChartCut    bool          // the chart shows only the best maxChartBars
	Practices   []statusGroup // one per practice status, in the schema's order
	Pilots      []*model.Item
	Mechanisms  []*model.Item
	Documents   []*model.Item
	// Other are the remaining back-links (e.g. organisations), by type.
	Other []Group
}

type readFirst struct {
	Item *model.Item
	Why  string
}

type rankedProfile struct {
	Item  *model.Item
	Score int
	Note  string
}

type statusGroup struct {
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
func (v *view) LearningPath(area *model.Item) *learningPath {
	back := v.back(area)
	lp := &learningPath{}
	g := lp.gather(v.schema(), area, back)
	for _, s := range model.PracticeStatuses {
		items := g.byStatus[s]
		model.SortItems(items)
		lp.Practices = append(lp.Practices, statusGroup{Status: s, Label: v.b.tr.ValuePlural("status", s), URL: facetURL(v.schema().Type(model.FolderPractices), "status", s), Items: items})
	}
	lp.ReadFirst = v.readFirst(lp, g)
	lp.Chart, lp.ChartCut = v.areaChart(area, lp.Ranked, len(lp.NotAssessed))
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
func (lp *learningPath) gather(schema *model.Schema, area *model.Item, back []*model.Item) areaLinks {
	g := areaLinks{byStatus: map[string][]*model.Item{}}
	others := map[*model.Type][]*model.Item{}
	for _, it := range back {
		switch it.Type.Folder {
		case model.FolderPractices:
			g.byStatus[it.String("status")] = append(g.byStatus[it.String("status")], it)
		case model.FolderProfiles:
			var s model.Score
			found := false
			for _, e := range it.Assessment() {
				if e.Area == area.Slug {
					s, found = e, true
				}
			}
			if found && s.Score > 0 {
				lp.Ranked = append(lp.Ranked, rankedProfile{Item: it, Score: s.Score, Note: s.Note})
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
	sort.SliceStable(lp.Ranked, func(i, j int) bool {
		if lp.Ranked[i].Score != lp.Ranked[j].Score {
			return lp.Ranked[i].Score > lp.Ranked[j].Score
		}
		return model.Less(lp.Ranked[i].Item, lp.Ranked[j].Item)
	})
	sort.SliceStable(g.otherDocs, func(i, j int) bool {
		return g.otherDocs[i].Date("date").Compare(g.otherDocs[j].Date("date")) > 0
	})
	lp.Documents = append(append(lp.Documents, g.factsheets...), g.otherDocs...)
	for _, t := range schema.Types {
		if items := others[t]; len(items) > 0 {
			sortForList(t, items)
			lp.Other = append(lp.Other, Group{Type: t, Items: items})
		}
	}
	return g
}

// readFirst picks what to read first on an area: its factsheet, then
// practices that went furthest (transferred, then piloted), then the
// mechanism, the pilots, and identified practices while fewer than two
// are picked; at most maxReadFirst in all.
func (v *view) readFirst(lp *learningPath, g areaLinks) []readFirst {
	var out []readFirst
	add := func(it *model.Item, why string) {
		if len(out) < maxReadFirst {
			out = append(out, readFirst{Item: it, Why: why})
		}
	}
	for _, d := range g.factsheets {
		add(d, v.T("area.why_factsheet"))
	}
	for _, p := range g.byStatus["transferred"] {
		add(p, v.T("area.why_transferred"))
	}
	for _, p := range g.byStatus["piloted"] {
		add(p, v.T("area.why_piloted"))
	}
	for _, m := range lp.Mechanisms {
		add(m, v.T("area.why_mechanism"))
	}
	for _, p := range lp.Pilots {
		add(p, v.T("area.why_pilot"))
	}
	if len(out) < 2 {
		for _, p := range g.byStatus["identified"] {
			add(p, v.T("area.why_identified"))
		}
	}
	return out
}

// areaChart draws the ranked profiles of an area as bars, the best
// maxChartBars of them (cut reports that some were left out); notAssessed
// counts those that cover the area without a score, for the description.
// It is empty when no profile is scored.
func (v *view) areaChart(area *model.Item, ranked []rankedProfile, notAssessed int) (svg template.HTML, cut bool) {
	if len(ranked) == 0 {
		return "", false
	}
	shown := ranked
	what := v.Tn("area.chart_what", len(ranked))
	if len(shown) > maxChartBars {
		shown = shown[:maxChartBars]
		what = v.T("area.chart_what_cut", "shown", maxChartBars, "n", len(ranked))
		cut = true
	}
	c := chart.Bars{ID: "area-scores", Max: maxScore, Missing: v.T("score.not_assessed"),
		Title: v.T("area.chart_title", "area", area.Title),
		Desc:  v.Tn("area.chart_desc", notAssessed, "what", what)}
	for _, r := range shown {
		c.Bars = append(c.Bars, chart.Bar{Label: profileLabel(v, r.Item), Value: r.Score, Text: v.scoreText(r.Score)})
	}
	return template.HTML(c.SVG()), cut
}

// profileLabel names a profile briefly for a chart: its region or country,
// and its period.
func profileLabel(v *view, p *model.Item) string {
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
func (v *view) ProfileLabel(p *model.Item) string { return profileLabel(v, p) }
