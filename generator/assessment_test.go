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

// TestDerivedScores: a profile's score on an area with criteria comes
// from its judgements by the published rule, and the profile page, the
// compare page, the area's learning path, the criteria page and the open
// data all show it and lead to the evidence.
func TestDerivedScores(t *testing.T) {
	out, _ := build(t, with(t, criteriaSet+`
-- profiles/hu.md --
---
title: Hungary's cluster policy
summary: Accredited clusters.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd]
assessment:
  innovation-rd: {note: From the accreditation reports.}
judgements:
  innovation-rd:
    - {criterion: rd-funding, state: met, source: "https://example.org/hu", where: p. 4, note: Grants fund joint R&D of members.}
    - {criterion: labs, state: partly, source: "https://example.org/hu", where: p. 7, note: Some labs open to clusters.}
    - {criterion: monitoring, state: unknown}
sources: [https://example.org/hu]
---
Overview.
-- profiles/gr.md --
---
title: Greece's cluster policy
summary: Few known.
scope: country
country: GR
period: 2007-2013
areas: [innovation-rd]
judgements:
  innovation-rd:
    - {criterion: rd-funding, state: met, source: "https://example.org/gr", note: Grants.}
sources: [https://example.org/gr]
---
Overview.
`))
	// 3 of 4 points over two known criteria: 1 + 3 × 3/4 = 3.25, so 3.
	profile := read(t, out, "profiles/hu/index.html")
	contains(t, profile, `<span class="score score-3"><span class="pips" aria-hidden="true">●●●○</span> 3 / 4</span> <a href="#criteria-innovation-rd">2 of 3 criteria known</a>`, "profile's score and its criteria")
	contains(t, profile, `<h3 id="criteria-innovation-rd">Innovation, R&amp;D driven cluster development: the criteria</h3>`, "criteria section")
	contains(t, profile, `<td class="judged partly">Partly met</td>`, "a judgement")
	contains(t, profile, `Grants fund joint R&amp;D of members. <a href="https://example.org/hu" rel="noopener">example.org/hu</a> (p. 4)`, "evidence")
	contains(t, profile, `<td class="judged unknown">Unknown</td>`, "an unjudged criterion")
	// One of three known: no score.
	contains(t, read(t, out, "profiles/gr/index.html"), "Too few criteria are known for a score.", "too few known")

	compare := read(t, out, "compare/index.html")
	contains(t, compare, `<a href="../profiles/hu/#criteria-innovation-rd"><span class="pips" aria-hidden="true">●●●○</span> <span class="n">3</span>`, "compare cell linking to the evidence")
	contains(t, compare, "How a score is derived:", "the rule on the compare page")

	criteria := read(t, out, "assessment/innovation-rd/index.html")
	contains(t, criteria, "It funds joint R&amp;D of cluster members.", "a criterion")
	contains(t, criteria, "How a score is derived:", "the rule")
	contains(t, criteria, `<td>1 met, 1 partly, 0 not met, 1 unknown</td>`, "a profile's tally")
	contains(t, read(t, out, "areas/innovation-rd/index.html"), "Hungary", "learning path ranks the derived score")

	csv := read(t, out, "data/profiles.csv")
	contains(t, csv, "score_innovation-rd", "CSV score column")
	if !strings.Contains(csv, "hu,profiles/hu/") || !strings.Contains(strings.SplitN(csv[strings.Index(csv, "hu,profiles/hu/"):], "\n", 2)[0], ",3,") {
		t.Errorf("CSV: want the derived 3 on hu's row:\n%s", csv)
	}
	contains(t, read(t, out, "data/profiles.json"), `"criterion": "labs",`, "judgements in the JSON")
}

// TestGapsLeadElsewhere: a profile weak on an area (here a criterion not
// met) lists the practices of other countries on it, the piloted one
// before the one only identified, and never its own country's; the
// compare page links to the gap.
func TestGapsLeadElsewhere(t *testing.T) {
	out, _ := build(t, with(t, criteriaSet+`
-- profiles/gr.md --
---
title: Greece's cluster policy
summary: Few labs.
scope: country
country: GR
period: 2007-2013
areas: [innovation-rd]
judgements:
  innovation-rd:
    - {criterion: rd-funding, state: met, source: "https://example.org/gr", note: Grants.}
    - {criterion: labs, state: not-met, source: "https://example.org/gr", note: No open labs.}
sources: [https://example.org/gr]
---
Overview.
-- practices/extra-piloted.md --
---
title: A piloted practice in Hungary
summary: Piloted.
countries: [HU]
areas: [innovation-rd]
level: national
status: piloted
sources: [https://example.org/p]
---
## Description
## Resources needed
## Evidence of success
## Difficulties encountered
## Potential for transfer
`))
	page := read(t, out, "profiles/gr/index.html")
	contains(t, page, `<h3 id="gap-innovation-rd">`, "the gap")
	contains(t, page, "1 criterion not met: It opens research infrastructure to clusters.", "why it is a gap")
	i, j := strings.Index(page, "A piloted practice in Hungary"), strings.Index(page, "Tested in a pilot; from HU.")
	if i < 0 || j < i {
		t.Errorf("want the Hungarian piloted practice with its reason:\n%s", clip(page[strings.Index(page, `class="gaps"`):]))
	}
	gaps := page[strings.Index(page, `class="gaps"`):strings.Index(page, `class="local"`)]
	notContains(t, gaps, "practices/mi-cluster/", "the profile's own country's practice among the gaps")
	contains(t, read(t, out, "compare/index.html"), `<a href="../profiles/gr/#gap-innovation-rd">Innovation</a>`, "compare page link to the gap")
}

// TestPreviousProfile: a profile names the one it succeeds; its page says
// what changed, area by area; check refuses another country's profile and
// a circle.
func TestPreviousProfile(t *testing.T) {
	profiles := func(oldPrev, newCountry string) string {
		return `
-- profiles/hu-2007.md --
---
title: Hungary 2007-2013
summary: Before.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd: {score: 2}
  sustainability: {score: 3}
` + oldPrev + `sources: [https://example.org/a]
---
Before.
-- profiles/hu-2014.md --
---
title: Hungary 2014-2020
summary: After.
scope: country
country: ` + newCountry + `
period: 2014-2020
previous: hu-2007
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd: {score: 3}
  sustainability: {note: Not assessed now.}
sources: [https://example.org/b]
---
After.
`
	}
	out, _ := build(t, with(t, profiles("", "HU")))
	page := read(t, out, "profiles/hu-2014/index.html")
	contains(t, page, `This profile succeeds <a href="../hu-2007/">Hungary 2007-2013</a> (2007-2013).`, "the previous profile")
	contains(t, page, `<td class="trend up">Stronger</td>`, "innovation: 2 then 3")
	contains(t, page, `<td class="trend dropped">Scored only then</td>`, "sustainability: scored only then")
	notContains(t, read(t, out, "profiles/hu-2007/index.html"), `class="changes"`, "the first version's page")

	if got := checkMessages(t, profiles("", "GR")); !strings.Contains(got, `content/profiles/hu-2014.md:7:11: previous "hu-2007" is a profile of HU, not of GR`) {
		t.Errorf("another country: %s", got)
	}
	if got := checkMessages(t, profiles("previous: hu-2014\n", "HU")); !strings.Contains(got, `previous goes round in a circle`) {
		t.Errorf("a circle: %s", got)
	}
}

// TestAssessmentOnlyOnProfiles: the assessment section (scores, criteria
// judged) is a profile's; a practice on an area with criteria has none,
// nor a profile's "not assessed" notice.
func TestAssessmentOnlyOnProfiles(t *testing.T) {
	out, _ := build(t, with(t, criteriaSet))
	page := read(t, out, "practices/mi-cluster/index.html")
	notContains(t, page, `id="assessment-heading"`, "practice page")
	notContains(t, page, "No area of this profile has a score yet", "practice page")
}

// greekJudged is a two-language site with the criteria set and a profile
// that judges three of them: met, not met and unknown.
const greekJudged = criteriaSet + `
-- site.yaml --
title: Test site
languages: [en, el]
-- profiles/hu.md --
---
title: Hungary's cluster policy
summary: Accredited clusters.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd]
judgements:
  innovation-rd:
    - {criterion: rd-funding, state: met, source: "https://example.org/hu", note: Grants.}
    - {criterion: labs, state: not-met, source: "https://example.org/hu", note: None.}
    - {criterion: monitoring, state: unknown}
sources: [https://example.org/hu]
---
Overview.
`

// TestGreekTallyAgrees: the Greek pages count criteria met, partly met,
// not met and unknown in a form that is right for any number, one too
// ("1 ικανοποιούνται" was plural after one).
func TestGreekTallyAgrees(t *testing.T) {
	out, _ := build(t, with(t, greekJudged))
	profile := read(t, out, "el/profiles/hu/index.html")
	contains(t, profile, "Ικανοποιούνται: 1· εν μέρει: 0· δεν ικανοποιούνται: 1· άγνωστα: 1.", "Greek judged lead")
	contains(t, read(t, out, "el/assessment/innovation-rd/index.html"), "<td>ικανοποιούνται: 1, εν μέρει: 0, όχι: 1, άγνωστα: 1</td>", "Greek tally")
}

// TestCriteriaInEnglishOnGreekPages: criteria written only in English are
// marked lang="en" on the Greek pages that show them, so that a screen
// reader reads them as English: in a profile's judged table, among its
// gaps and on the criteria set's own page.
func TestCriteriaInEnglishOnGreekPages(t *testing.T) {
	out, _ := build(t, with(t, greekJudged))
	greek := read(t, out, "el/profiles/hu/index.html")
	contains(t, greek, `<th scope="row" lang="en">It funds joint R&amp;D of cluster members.</th>`, "a judged criterion")
	contains(t, greek, `<span lang="en">It opens research infrastructure to clusters.</span>`, "a gap's criterion")
	contains(t, read(t, out, "el/assessment/innovation-rd/index.html"), `<ol class="criteria-list" lang="en">`, "the criteria set's page")
	english := read(t, out, "profiles/hu/index.html")
	contains(t, english, `<th scope="row">It funds joint R&amp;D of cluster members.</th>`, "the English page")
	notContains(t, english, `lang="en">It `, "the English page")
	contains(t, english, ` It opens research infrastructure to clusters.</p>`, "a gap's criterion on the English page")
}
