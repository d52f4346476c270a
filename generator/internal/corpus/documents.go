package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// bodySize is the typical body of a document, in bytes: about the size of
// the starter content's longer practices.
const bodySize = 7000

var (
	practiceLevels = []string{"national", "regional", "local"}
	instrumentKind = []string{"grant", "voucher", "loan", "guarantee", "equity", "tax", "network",
		"label", "training", "advisory", "infrastructure", "other"}
	periods = []string{"2007-2013", "2014-2020", "2021-2027"}
	sectors = []string{"A01", "C10", "C13", "C14", "C20", "C21", "C22", "C25", "C26", "C27", "C28",
		"C29", "D35", "H49", "I55", "J58", "J62", "J63", "M71", "M72"}
	tagWords = []string{"vouchers", "accreditation", "internationalisation", "eco-innovation", "training",
		"smart-specialisation", "r-and-d", "export", "digitalisation", "start-ups", "circular-economy",
		"cluster-management", "matchmaking", "public-procurement"}
)

// weighted returns an index into weights, drawn in proportion to them.
func weighted(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// scaled jitters the body size by up to 15% either way.
func scaled(r *rand.Rand, size int) int {
	return size * (85 + r.IntN(31)) / 100
}

func areaSlugs(l []area) []string {
	out := make([]string, len(l))
	for i, a := range l {
		out[i] = a.slug
	}
	return out
}

func isoCodes(l []country) []string {
	out := make([]string, len(l))
	for i, c := range l {
		out[i] = c.iso2()
	}
	return out
}

func titles(l []country) string {
	out := make([]string, len(l))
	for i, c := range l {
		out[i] = c.title
	}
	return strings.Join(out, ", ")
}

func (c *corpus) practice(i int) []byte {
	r := c.rng(streamPractice, i)
	slug := practiceSlug(i)
	ctrs := sample(r, countries, 1+weighted(r, 7, 2, 1))
	var regs []string
	for _, ct := range ctrs {
		if rs := regionsOf(ct.slug); r.IntN(5) < 3 {
			regs = append(regs, pick(r, rs).nuts)
		}
	}
	ars := sample(r, areas, 1+r.IntN(3))
	place := titles(ctrs)
	if len(regs) > 0 {
		place = regionTitle(regs[0])
	}

	var d doc
	d.str("title", fmt.Sprintf("%s for %s clusters in %s", pick(r, instrumentWords), pick(r, sectorWords), place))
	d.str("summary", prose{r: r}.sentences("In "+place+", ", 300))
	d.list("countries", isoCodes(ctrs))
	d.list("regions", regs)
	d.list("areas", areaSlugs(ars))
	if len(ctrs) > 1 {
		d.str("level", "transnational")
	} else {
		d.str("level", pick(r, practiceLevels))
	}
	d.str("status", []string{"identified", "piloted", "transferred"}[weighted(r, 5, 3, 2)])
	if owners := c.orgsIn(ctrs[0].slug); r.IntN(5) > 0 {
		d.str("owner", pick(r, owners).slug)
	}
	start := 2005 + r.IntN(16)
	d.str("start", strconv.Itoa(start))
	if r.IntN(5) < 2 {
		d.str("end", strconv.Itoa(start+1+r.IntN(5)))
	}
	d.list("sectors", sample(r, sectors, 1+r.IntN(3)))
	if c.profiles > 0 && r.IntN(10) < 3 {
		d.str("profile", profileSlug(1+r.IntN(c.profiles)))
	}
	d.list("tags", sample(r, tagWords, 2+r.IntN(3)))
	d.str("updated", fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)))
	d.sources(slug, 1+r.IntN(3))

	c.practiceBody(r, &d, i, ctrs[0], ars[0])
	return d.bytes()
}

// practiceBody writes the five sections of the good-practice template,
// with links to the area, the country and a few other practices.
func (c *corpus) practiceBody(r *rand.Rand, d *doc, self int, ct country, ar area) {
	p := prose{r: r, b: &d.body}
	size := scaled(r, bodySize)
	others := c.practiceLinks(r, self, 2+r.IntN(3))
	half := len(others) / 2
	description := append([]string{
		fmt.Sprintf("It belongs to the area [%s](/areas/%s/) and runs in [%s](/countries/%s/).", ar.short, ar.slug, ct.title, ct.slug),
	}, others[:half]...)
	p.section("Description", size*37/100, description, false)
	p.section("Resources needed", size*14/100, nil, false)
	p.section("Evidence of success", size*20/100, nil, true)
	p.section("Difficulties encountered", size*14/100, nil, false)
	p.section("Potential for transfer", size*15/100, others[half:], false)
}

// practiceLinks returns sentences that link to n other practices, as site
// paths, the form editors use most.
func (c *corpus) practiceLinks(r *rand.Rand, self, n int) []string {
	if c.practices == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		j := 1 + r.IntN(c.practices)
		if j == self && c.practices > 1 {
			j = j%c.practices + 1
		}
		s := practiceSlug(j)
		out = append(out, fmt.Sprintf("Compare with [practice %s](/practices/%s/).", s, s))
	}
	return out
}

func (c *corpus) profile(i int) []byte {
	r := c.rng(streamProfile, i)
	slug := profileSlug(i)
	ct := pick(r, countries)
	ars := sample(r, areas, 2+r.IntN(4))
	period := pick(r, periods)

	var d doc
	scope, where := "country", ct.title
	var reg region
	if r.IntN(5) < 2 {
		reg = pick(r, regionsOf(ct.slug))
		scope, where = "region", reg.title
	}
	d.str("title", fmt.Sprintf("%s: cluster policy %s (%d)", where, period, i))
	d.str("summary", prose{r: r}.sentences("The cluster policy of "+where+" in "+period+": ", 450))
	d.str("scope", scope)
	d.str("country", ct.iso2())
	if scope == "region" {
		d.str("region", reg.nuts)
	}
	d.str("period", period)
	d.list("areas", areaSlugs(ars))
	d.fm.WriteString("assessment:\n")
	for _, a := range ars {
		d.fm.WriteString("  " + a.slug + ":\n")
		if r.IntN(20) < 17 {
			d.fm.WriteString("    score: " + strconv.Itoa(1+r.IntN(4)) + "\n")
		}
		d.fm.WriteString("    note: " + q(prose{r: r}.sentences("", 400)) + "\n")
	}
	writeInstruments(r, &d, ct, 1+r.IntN(5))
	d.list("tags", sample(r, tagWords, 2+r.IntN(3)))
	d.str("updated", fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)))
	d.sources(slug, 2+r.IntN(4))

	p := prose{r: r, b: &d.body}
	size := scaled(r, bodySize)
	links := c.practiceLinks(r, 0, 2+r.IntN(3))
	p.section("Overview", size*42/100, links, false)
	p.section("Instruments", size*25/100, nil, true)
	p.section("Assessment", size*18/100, nil, false)
	p.section("Sources and limits", size*15/100, nil, false)
	return d.bytes()
}

func writeInstruments(r *rand.Rand, d *doc, ct country, n int) {
	d.fm.WriteString("instruments:\n")
	for range n {
		d.fm.WriteString("  - name: " + q(pick(r, instrumentWords)+" ("+ct.title+")") + "\n")
		d.fm.WriteString("    kind: " + pick(r, instrumentKind) + "\n")
		if r.IntN(10) < 7 {
			d.fm.WriteString("    budget_eur: " + strconv.Itoa((1+r.IntN(50))*100_000) + "\n")
		}
		start := 2007 + r.IntN(14)
		d.fm.WriteString("    start: " + strconv.Itoa(start) + "\n")
		d.fm.WriteString("    end: " + strconv.Itoa(start+r.IntN(8)) + "\n")
	}
}

func regionTitle(nuts string) string {
	for _, r := range regions {
		if r.nuts == nuts {
			return r.title
		}
	}
	return nuts
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
