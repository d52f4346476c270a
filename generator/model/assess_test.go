package model

import "testing"

// The rule: met 2, partly 1, not met 0 over the known criteria, scaled
// to 1-4 and rounded half up; no score with fewer than two thirds known.
func TestScoreOf(t *testing.T) {
	for _, c := range []struct {
		t    Tally
		want int
	}{
		{Tally{Criteria: 3, Met: 3}, 4},
		{Tally{Criteria: 3, NotMet: 3}, 1},
		{Tally{Criteria: 4, Met: 1, NotMet: 1, Unknown: 2}, 0},            // half known: too few
		{Tally{Criteria: 3, Met: 1, NotMet: 1, Unknown: 1}, 3},            // 2 of 4 points: 2.5, half up
		{Tally{Criteria: 3, Partly: 2, Unknown: 1}, 3},                    // 2 of 4 points
		{Tally{Criteria: 6, Met: 1, Partly: 1, NotMet: 2}, 2},             // 3 of 8: 2.125
		{Tally{Criteria: 6, Met: 3, Partly: 1, Unknown: 2}, 4},            // 7 of 8: 3.625
		{Tally{Criteria: 1, Met: 1}, 0},                                   // one known is never enough
		{Tally{Criteria: 5, Met: 2, Partly: 1, NotMet: 1, Unknown: 1}, 3}, // 5 of 8: 2.875
	} {
		if got := ScoreOf(c.t); got != c.want {
			t.Errorf("%+v: score %d, want %d", c.t, got, c.want)
		}
	}
}

// Derive lists every criterion of the set, judged or not, and counts them.
func TestDerive(t *testing.T) {
	set := &Item{data: map[string]any{"area": "a", "criteria": []any{
		map[string]any{"id": "x", "text": "X"}, map[string]any{"id": "y", "text": "Y"}, map[string]any{"id": "z", "text": "Z"}}}}
	tally, judged := Derive(set, []Judgement{
		{Area: "a", Criterion: "x", State: "met"}, {Area: "a", Criterion: "z", State: "partly"},
		{Area: "b", Criterion: "y", State: "met"}, // another area's
	})
	if tally != (Tally{Criteria: 3, Met: 1, Partly: 1, Unknown: 1, Score: 3}) { // 3 of 4 points: 3.25
		t.Errorf("tally %+v", tally)
	}
	if len(judged) != 3 || judged[1].Criterion.ID != "y" || judged[1].Judgement.State != "unknown" {
		t.Errorf("judged %+v", judged)
	}
}
