package generator_test

import (
	"strings"
	"testing"
)

// criteriaSet is an assessment framework for one area, as content.
const criteriaSet = `
-- assessment/innovation-rd.md --
---
title: Innovation criteria
summary: What an innovation policy for clusters does.
area: innovation-rd
criteria:
  - {id: rd-funding, text: It funds joint R&D of cluster members.}
  - {id: labs, text: It opens research infrastructure to clusters.}
  - {id: monitoring, text: It monitors what the funded projects achieve.}
sources: [https://example.org/factsheet]
---
`

// TestAssessmentChecks: where an area has criteria, a profile judges them
// with evidence from its own sources, each once, and writes no score by
// hand; every mistake is reported on its file.
func TestAssessmentChecks(t *testing.T) {
	profile := func(judgements, assessment string) string {
		return `
-- profiles/hu.md --
---
title: Hungary
summary: The policy.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd, sustainability]
assessment:
` + assessment + `
judgements:
` + judgements + `
sources: [https://example.org/hu]
---
`
	}
	good := `  innovation-rd:
    - {criterion: rd-funding, state: met, source: "https://example.org/hu", where: p. 4, note: Grants fund joint R&D.}
    - {criterion: labs, state: unknown}`
	if got := checkMessages(t, criteriaSet+profile(good, "  sustainability: {note: No source rates it.}")); got != "" {
		t.Fatalf("a good profile: %s", got)
	}
	for _, c := range []struct{ name, judgements, assessment, want string }{
		{"unknown criterion", "  innovation-rd:\n    - {criterion: rd-fundng, state: unknown}", "  sustainability: {}",
			`content/profiles/hu.md:11:3: innovation-rd: "rd-fundng" is not a criterion of content/assessment/innovation-rd.md (did you mean "rd-funding"?)`},
		{"no evidence", "  innovation-rd:\n    - {criterion: labs, state: partly}", "  sustainability: {}",
			`content/profiles/hu.md:11:3: innovation-rd: "labs" is judged partly without its evidence`},
		{"foreign source", "  innovation-rd:\n    - {criterion: labs, state: met, source: \"https://example.org/other\", note: Open labs.}", "  sustainability: {}",
			`content/profiles/hu.md:11:3: innovation-rd: the evidence for "labs" cites https://example.org/other, which is not among the profile's sources`},
		{"judged twice", "  innovation-rd:\n    - {criterion: labs, state: unknown}\n    - {criterion: labs, state: unknown}", "  sustainability: {}",
			`content/profiles/hu.md:11:3: innovation-rd: criterion "labs" is judged twice`},
		{"no framework", "  sustainability:\n    - {criterion: labs, state: unknown}", "  sustainability: {}",
			`content/profiles/hu.md:11:3: judgements of "sustainability": the site has no assessment framework for it`},
		{"score by hand", good, "  innovation-rd: {score: 3}",
			`content/profiles/hu.md:9:3: the score of "innovation-rd" comes from its criteria (content/assessment/innovation-rd.md): remove score`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := checkMessages(t, criteriaSet+profile(c.judgements, c.assessment))
			if !strings.HasPrefix(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	// Without a framework, a hand-written score stays valid.
	if got := checkMessages(t, profile("  {}", "  innovation-rd: {score: 3}")); got != "" {
		t.Errorf("a score without a framework: %s", got)
	}
}
