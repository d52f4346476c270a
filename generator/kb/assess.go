package kb

import (
	"github.com/clusterpolisee/polisee/generator/model"
)

// AreaScore is a profile's standing on one area: its score on the 1-4
// scale (0 when it has none), derived from its judgements where the site
// has criteria for the area (model.Derive), else as written; the note of
// its assessment; and, with criteria, every criterion as judged.
type AreaScore struct {
	Area      string
	Score     int
	Note      string
	Framework *model.Item // the area's criteria set; nil without one
	Tally     model.Tally
	Judged    []model.Judged
}

// Derived reports a score that comes from criteria, not from a hand.
func (s AreaScore) Derived() bool { return s.Framework != nil }

// Scores lists a profile's standing on the areas it assesses (in the
// order of its assessment), then on those it judges or lists that have
// criteria: unjudged criteria count as unknown.
func Scores(v Page, p *model.Item) []AreaScore {
	return ScoresWith(p, v.Items(model.FolderAssessment))
}

// ScoresWith is Scores with the site's criteria sets given.
func ScoresWith(p *model.Item, sets []*model.Item) []AreaScore {
	frameworks := map[string]*model.Item{}
	for _, set := range sets {
		frameworks[set.String("area")] = set
	}
	judgements := p.Judgements()
	var out []AreaScore
	seen := map[string]bool{}
	add := func(area, note string, score int) {
		if seen[area] {
			return
		}
		seen[area] = true
		s := AreaScore{Area: area, Score: score, Note: note}
		if set := frameworks[area]; set != nil {
			s.Framework = set
			s.Tally, s.Judged = model.Derive(set, judgements)
			s.Score = s.Tally.Score
		}
		out = append(out, s)
	}
	for _, e := range p.Assessment() {
		add(e.Area, e.Note, e.Score)
	}
	for _, j := range judgements {
		add(j.Area, "", 0)
	}
	for _, a := range p.Strings("areas") {
		if frameworks[a] != nil {
			add(a, "", 0)
		}
	}
	return out
}

// CriteriaAnchor is the id of a profile page's section on an area's
// criteria, which the compare page and charts link to.
func CriteriaAnchor(area string) string { return "criteria-" + area }

// Profiled is one profile as a criteria set's page shows it: its
// standing on the set's area.
type Profiled struct {
	Item  *model.Item
	Score AreaScore
}

// AssessedBy lists the profiles that cover or judge the area of a
// criteria set, with their standing, in list order.
func AssessedBy(v Page, set *model.Item) []Profiled {
	area := set.String("area")
	var out []Profiled
	for _, p := range v.Items(model.FolderProfiles) {
		for _, s := range Scores(v, p) {
			if s.Area == area {
				out = append(out, Profiled{Item: p, Score: s})
			}
		}
	}
	return out
}
