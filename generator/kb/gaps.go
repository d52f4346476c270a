package kb

import (
	"cmp"
	"slices"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

// From a gap to what worked elsewhere. Where a profile is weak on an area
// (a score of 1 or 2, or a criterion not met), its page lists the good
// practices and pilot actions of other countries on that area: those
// transferred first, then those tested in a pilot, then pilot actions,
// then the rest, each with why it is listed.

// Gap is an area where a profile is weak.
type Gap struct {
	Area   *model.Item
	Score  int               // 1 or 2; 0 when the area has no score
	NotMet []model.Criterion // the criteria judged not met
	// Framework is the criteria set NotMet comes from (its language is
	// theirs); nil when the area has no criteria.
	Framework *model.Item
	// Elsewhere are the practices and pilots of other countries on the
	// area, the most tested first, at most maxLessons.
	Elsewhere []Lesson
	// More counts those left out.
	More int
}

// Lesson is a practice or pilot of another country on a gap's area.
type Lesson struct {
	Item *model.Item
	// Why is the reason it is listed: transferred, piloted, pilot or
	// identified (see lessonRank).
	Why string
	// Countries are the uppercase codes of its countries. Lessons naming
	// the same countries share one list: nothing may change it.
	Countries []string
}

const maxLessons = 5

// CountLessons counts, for each area, the lessons that name each country
// (uppercase ISO codes), for Page.LessonsNaming.
func CountLessons(lessons map[string][]Lesson) map[string]map[string]int {
	out := make(map[string]map[string]int, len(lessons))
	for area, list := range lessons {
		n := map[string]int{}
		for _, l := range list {
			seen := map[string]bool{}
			for _, c := range l.Countries {
				c = strings.ToUpper(c)
				if !seen[c] {
					seen[c] = true
					n[c]++
				}
			}
		}
		out[area] = n
	}
	return out
}

// lessonRank orders what worked elsewhere: a practice transferred to
// other places, one piloted, a pilot action, a practice only identified.
func lessonRank(it *model.Item) (rank int, why string) {
	if it.Type.Folder == model.FolderPilots {
		return 2, "pilot"
	}
	switch it.String("status") {
	case "transferred":
		return 0, "transferred"
	case "piloted":
		return 1, "piloted"
	}
	return 3, "identified"
}

// GapAnchor is the id of a gap's section on a profile page.
func GapAnchor(area string) string { return "gap-" + area }

// RankLessons orders, once per build, the practices and pilots that refer
// to each area (back maps an item to what refers to it): the most tested
// first (lessonRank), then by title. Gaps takes the first of another
// country's from them.
func RankLessons(areas []*model.Item, back func(*model.Item) []*model.Item) map[string][]Lesson {
	out := map[string][]Lesson{}
	// The lists are kept to the build's end, one for every practice and
	// pilot: lessons naming the same countries (most name one) share
	// theirs, so that the collector has a few hundred lists to mark in
	// every collection rather than one for each lesson and area.
	countries := map[string][]string{}
	shared := func(l []string) []string {
		key := strings.Join(l, " ")
		if s, ok := countries[key]; ok {
			return s
		}
		countries[key] = l
		return l
	}
	for _, area := range areas {
		type ranked struct {
			Lesson
			rank int
		}
		var cands []ranked
		for _, it := range back(area) {
			if f := it.Type.Folder; f != model.FolderPractices && f != model.FolderPilots {
				continue
			}
			rank, why := lessonRank(it)
			cands = append(cands, ranked{Lesson{Item: it, Why: why, Countries: shared(it.Countries())}, rank})
		}
		slices.SortFunc(cands, func(a, b ranked) int {
			if c := cmp.Compare(a.rank, b.rank); c != 0 {
				return c
			}
			return model.CompareItems(a.Item, b.Item)
		})
		list := make([]Lesson, len(cands))
		for i, c := range cands {
			list[i] = c.Lesson
		}
		out[area.Slug] = list
	}
	return out
}

// Gaps lists a profile's gaps, in the order of its areas' standing, each
// with what worked elsewhere.
func Gaps(v Page, p *model.Item) []Gap {
	country := strings.ToUpper(p.String("country"))
	var out []Gap
	for _, s := range Scores(v, p) {
		var notMet []model.Criterion
		for _, j := range s.Judged {
			if j.Judgement.State == "not-met" {
				notMet = append(notMet, j.Criterion)
			}
		}
		if s.Score != 1 && s.Score != 2 && len(notMet) == 0 {
			continue
		}
		area := v.Ref(model.FolderAreas, s.Area)
		if area == nil {
			continue
		}
		g := Gap{Area: area, Score: s.Score, NotMet: notMet, Framework: s.Framework}
		lessons := v.Lessons(area)
		for _, l := range lessons {
			if len(g.Elsewhere) == maxLessons {
				break
			}
			if !ContainsFold(l.Countries, country) {
				g.Elsewhere = append(g.Elsewhere, l)
			}
		}
		// The rest are counted, not walked: a page costs what it shows.
		g.More = len(lessons) - v.LessonsNaming(area, country) - len(g.Elsewhere)
		out = append(out, g)
	}
	return out
}

// ProfileGaps is one profile's gaps, for the compare page.
type ProfileGaps struct {
	Item *model.Item
	Gaps []Gap
}

// AllGaps lists the gaps of each of the profiles that has some, in their
// order.
func AllGaps(v Page, profiles []*model.Item) []ProfileGaps {
	var out []ProfileGaps
	for _, p := range profiles {
		if g := Gaps(v, p); len(g) > 0 {
			out = append(out, ProfileGaps{Item: p, Gaps: g})
		}
	}
	return out
}
