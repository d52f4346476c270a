package model

// The assessment rule: how a profile's judgements on an area's criteria
// (assessment/AREA.md) become the area's score on the 1-4 scale. It is
// published on the site (the criteria pages and the compare page say it
// in words), and it is the only way a score comes about where the site
// has criteria for the area:
//
//   - a criterion met counts 2 points, partly met 1, not met 0;
//   - an unknown criterion (or one not judged) counts neither way;
//   - a score is given only when enough criteria are known: at least two
//     thirds of them, and at least two;
//   - the score is 1 plus three times the points over the most the known
//     criteria could give, rounded half up: all met gives 4, none 1, half
//     the points 2.5, rounded to 3.
const (
	// MinKnownShare is the share of an area's criteria that must be
	// known for a score (two thirds: MinKnownNum/MinKnownDen).
	MinKnownNum, MinKnownDen = 2, 3
	// MinKnown is the fewest known criteria that give a score.
	MinKnown = 2
)

// Tally counts a profile's judgements on an area's criteria, and the
// score they give (0: too few known).
type Tally struct {
	Criteria                     int
	Met, Partly, NotMet, Unknown int
	Score                        int
}

// Known is how many criteria are judged met, partly or not met.
func (t Tally) Known() int { return t.Met + t.Partly + t.NotMet }

// Judged is one criterion of a framework with a profile's judgement of
// it (state unknown, with no evidence, when the profile does not judge
// it).
type Judged struct {
	Criterion Criterion
	Judgement Judgement
}

// Derive applies the rule to a profile's judgements (of any areas) on a
// criteria set: every criterion of the set in its order, judged, and the
// tally with its score.
func Derive(set *Item, judgements []Judgement) (Tally, []Judged) {
	area := set.String("area")
	by := map[string]Judgement{}
	for _, j := range judgements {
		if j.Area == area {
			by[j.Criterion] = j
		}
	}
	var t Tally
	var out []Judged
	for _, c := range set.Criteria() {
		j, ok := by[c.ID]
		if !ok {
			j = Judgement{Area: area, Criterion: c.ID, State: "unknown"}
		}
		out = append(out, Judged{Criterion: c, Judgement: j})
		t.Criteria++
		switch j.State {
		case "met":
			t.Met++
		case "partly":
			t.Partly++
		case "not-met":
			t.NotMet++
		default:
			t.Unknown++
		}
	}
	t.Score = ScoreOf(t)
	return t, out
}

// ScoreOf is the score a tally gives, 0 when too few criteria are known.
func ScoreOf(t Tally) int {
	known := t.Known()
	if known < MinKnown || known*MinKnownDen < t.Criteria*MinKnownNum {
		return 0
	}
	points := 2*t.Met + t.Partly
	// 1 + round(3 * points / (2 * known)), halves up, in whole numbers.
	return 1 + (3*points+known)/(2*known)
}
