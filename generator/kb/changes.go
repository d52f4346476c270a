package kb

import (
	"github.com/clusterpolisee/polisee/generator/model"
)

// What changed between a profile and its previous version (previous:
// slug, e.g. a 2007-2013 policy and its 2014-2020 successor), area by
// area: the score before and after, and how many criteria each meets.

// Change is a profile against its previous version.
type Change struct {
	Previous *model.Item
	Areas    []AreaChange
}

// AreaChange is one area's score before and now; 0 is no score. Trend is
// up, down, same, new (assessed only now), dropped (only before) or
// unscored (neither has a score).
type AreaChange struct {
	Area          *model.Item
	Before, After AreaScore
	Trend         string
}

// Changes compares a profile with its previous version, over every area
// either one assesses, in the areas' order; nil without a previous one.
func Changes(v Page, p *model.Item) *Change {
	prev := v.Ref(model.FolderProfiles, p.String("previous"))
	if prev == nil {
		return nil
	}
	before, after := map[string]AreaScore{}, map[string]AreaScore{}
	for _, s := range Scores(v, prev) {
		before[s.Area] = s
	}
	for _, s := range Scores(v, p) {
		after[s.Area] = s
	}
	c := &Change{Previous: prev}
	for _, a := range v.Items(model.FolderAreas) {
		b, inBefore := before[a.Slug]
		n, inAfter := after[a.Slug]
		if !inBefore && !inAfter {
			continue
		}
		ac := AreaChange{Area: a, Before: b, After: n}
		switch {
		case b.Score == 0 && n.Score == 0:
			ac.Trend = "unscored"
		case b.Score == 0:
			ac.Trend = "new"
		case n.Score == 0:
			ac.Trend = "dropped"
		case n.Score > b.Score:
			ac.Trend = "up"
		case n.Score < b.Score:
			ac.Trend = "down"
		default:
			ac.Trend = "same"
		}
		c.Areas = append(c.Areas, ac)
	}
	return c
}
