package kb

import (
	"sort"
	"strconv"
	"strings"

	"github.com/clusterpolisee/polisee/generator/chart"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// The comparison of policy profiles (/compare/): a matrix of the profiles
// against every thematic area, and a side-by-side table of the profiles
// (area by area, instruments, period) whose columns a script narrows to
// the two or three a reader picks. Without the script both tables are
// whole and readable; the filters and the picker are an enhancement. A
// site with more profiles than one page holds compares each country's on
// its own pages (the generator decides the pages).

// MaxScore is the top of the assessment scale (1 weak - 4 strong).
const MaxScore = 4

// Score states of a profile on an area.
const (
	scoreScored      = "scored"
	scoreNotAssessed = "not-assessed" // listed by the profile, without a score
	scoreNotCovered  = "not-covered"  // not among the profile's areas
)

// ScoreCell is a profile's score on one area.
type ScoreCell struct {
	Area  *model.Item
	Score int // 1-4; 0 when not scored
	Note  string
	State string // scored, not-assessed or not-covered
	// StateText says what the cell means in words, in the page's
	// language: "3 of 4", "Not assessed", "Not covered".
	StateText string
	// Where the area has criteria: how the profile's judgements count,
	// and the link to them on its page (Evidence; "" without criteria).
	Tally    model.Tally
	Evidence string
}

// Pips draws a score as filled and empty dots (●●●○), so that it reads
// without colour and in print.
func (c ScoreCell) Pips() string {
	n := min(max(c.Score, 0), MaxScore)
	return strings.Repeat("●", n) + strings.Repeat("○", MaxScore-n)
}

// ProfileRow is one profile as the comparison shows it.
type ProfileRow struct {
	Item    *model.Item
	Country *model.Item // nil when it does not resolve
	Region  *model.Item
	Period  string
	// From and To are the years of the period, 0 when it is not a year range.
	From, To    int
	Scores      []ScoreCell // one per area, in area order
	Scored      int         // how many areas have a score
	Instruments []model.Instrument
}

// Place names where the profile applies: its region, or its country.
func (r ProfileRow) Place() string {
	if r.Region != nil {
		return r.Region.Title
	}
	if r.Country != nil {
		return r.Country.Title
	}
	return strings.ToUpper(r.Item.String("country"))
}

// CountryCode is the profile's ISO country code.
func (r ProfileRow) CountryCode() string { return strings.ToUpper(r.Item.String("country")) }

// CompareData is what a compare page shows.
type CompareData struct {
	Areas     []*model.Item
	Profiles  []ProfileRow
	Countries []Option
	Years     []int // every year some profile's period covers, for the period filter
	Scored    int   // profiles with at least one score
	// Groups are set instead of Profiles on the page that lists the
	// countries, when the comparison is cut by country: each country's
	// compare page. Total counts the profiles of them all.
	Groups []CountryGroup
	Total  int
}

// CountryGroup is a country's compare page, as the list of countries
// shows it.
type CountryGroup struct {
	Country  *model.Item
	URL      string // site path of its first page
	Profiles int
	Scored   int // profiles with at least one score
}

type Option struct{ Value, Label string }

// Compare gathers the profiles (in their order) against every area.
func Compare(v Page, profiles []*model.Item) CompareData {
	areas := v.Items(model.FolderAreas)
	d := CompareData{Areas: areas, Total: len(profiles)}
	countries := map[string]string{}
	years := map[int]bool{}
	for _, p := range profiles {
		r := row(v, p, areas)
		d.Profiles = append(d.Profiles, r)
		if r.Scored > 0 {
			d.Scored++
		}
		if r.Country != nil {
			countries[r.CountryCode()] = r.Country.Title
		} else {
			countries[r.CountryCode()] = r.CountryCode()
		}
		if r.From > 0 && r.To-r.From < 100 {
			for y := r.From; y <= r.To; y++ {
				years[y] = true
			}
		}
	}
	for code, title := range countries {
		d.Countries = append(d.Countries, Option{Value: code, Label: title})
	}
	sort.Slice(d.Countries, func(i, j int) bool { return d.Countries[i].Label < d.Countries[j].Label })
	for y := range years {
		d.Years = append(d.Years, y)
	}
	sort.Ints(d.Years)
	return d
}

// ProfileRow reads one profile against the areas (in their order).
func row(v Page, p *model.Item, areas []*model.Item) ProfileRow {
	r := ProfileRow{Item: p, Period: p.String("period"), Instruments: p.Instruments()}
	r.From, r.To = periodYears(r.Period)
	r.Country = v.Ref(model.FolderCountries, p.String("country"))
	if reg := p.String("region"); reg != "" {
		r.Region = v.Ref(model.FolderRegions, reg)
	}
	scores := map[string]AreaScore{}
	for _, s := range Scores(v, p) {
		scores[s.Area] = s
	}
	covered := map[string]bool{}
	for _, a := range p.Strings("areas") {
		covered[a] = true
	}
	for _, a := range areas {
		c := ScoreCell{Area: a, State: scoreNotCovered}
		if s, ok := scores[a.Slug]; ok {
			c.Note = s.Note
			c.State = scoreNotAssessed
			if s.Derived() {
				c.Tally = s.Tally
				c.Evidence = v.Rel(p.URL()) + "#" + CriteriaAnchor(a.Slug)
			}
			if s.Score > 0 {
				c.Score, c.State = s.Score, scoreScored
				r.Scored++
			}
		} else if covered[a.Slug] {
			c.State = scoreNotAssessed
		}
		switch c.State {
		case scoreNotAssessed:
			c.StateText = v.Words().T("score.not_assessed")
		case scoreNotCovered:
			c.StateText = v.Words().T("score.not_covered")
		default:
			c.StateText = v.Words().T("score.of_max", "score", c.Score, "max", MaxScore)
		}
		r.Scores = append(r.Scores, c)
	}
	return r
}

// periodYears reads a period such as "2007-2013" or "2014" as years; 0, 0
// when it is something else.
func periodYears(s string) (from, to int) {
	s = strings.TrimSpace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '–' || r == '/' || r == ' ' })
	year := func(p string) int {
		if len(p) != 4 {
			return 0
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1900 || n > 2200 {
			return 0
		}
		return n
	}
	switch len(parts) {
	case 1:
		if y := year(parts[0]); y > 0 {
			return y, y
		}
	case 2:
		f, t := year(parts[0]), year(parts[1])
		if f > 0 && t >= f {
			return f, t
		}
	}
	return 0, 0
}

// Row is one profile against every area, for its own page.
func Row(v Page, p *model.Item) ProfileRow {
	return row(v, p, v.Items(model.FolderAreas))
}

// ProfileChart draws a profile's scores per area as a bar chart: every
// area the profile covers, unscored ones drawn as "not assessed". It is
// empty when no area has a score (the page then says so in words).
func ProfileChart(v Page, p *model.Item) template.HTML {
	r := Row(v, p)
	if r.Scored == 0 {
		return ""
	}
	c := chart.Bars{ID: "assessment-chart", Max: MaxScore, Missing: v.Words().T("score.not_assessed"),
		Title: v.Words().T("profile.chart_title", "title", p.Title),
		Desc:  v.Words().Tn("profile.chart_desc", r.Scored)}
	for _, s := range r.Scores {
		if s.State == scoreNotCovered {
			continue
		}
		c.Bars = append(c.Bars, chart.Bar{Label: areaShort(s.Area), Value: s.Score, Text: ScoreText(v, s.Score)})
	}
	return template.HTML(c.SVG())
}

// areaShort is an area's short label, or its title.
func areaShort(a *model.Item) string {
	if s := a.String("short"); s != "" {
		return s
	}
	return a.Title
}

// AreaShort is an area's short label, or its title.
func AreaShort(a *model.Item) string { return areaShort(a) }

// LocalItem is a practice or pilot in a profile's country, with the areas
// it shares with the profile.
type LocalItem struct {
	Item        *model.Item
	SameRegion  bool
	SharedAreas []*model.Item
}

// maxLocal is how many practices and pilots of its country a profile page
// lists; the country's page lists them all.
const maxLocal = 10

// ProfileLocal lists the practices and pilots of a profile's country: those
// of its region first, then those sharing most areas, then practices
// before pilots, then by title; at most maxLocal of them
// (ProfileLocalTotal counts them all).
func ProfileLocal(v Page, p *model.Item) []LocalItem {
	items, _ := profileLocal(v, p)
	return items
}

// ProfileLocalTotal is how many practices and pilots the profile's country
// has.
func ProfileLocalTotal(v Page, p *model.Item) int {
	if set := v.LocalIn(strings.ToUpper(p.String("country"))); set != nil {
		return len(set.List)
	}
	return 0
}

// profileLocal picks the best maxLocal candidates of the profile's country
// (LocalSet), and counts them all.
func profileLocal(v Page, p *model.Item) ([]LocalItem, int) {
	set := v.LocalIn(strings.ToUpper(p.String("country")))
	if set == nil {
		return nil, 0
	}
	pAreas := map[string]bool{}
	for _, a := range p.Strings("areas") {
		pAreas[a] = true
	}
	for _, s := range p.Assessment() {
		pAreas[s.Area] = true
	}
	best := set.best(strings.ToUpper(p.String("region")), pAreas, maxLocal)
	out := make([]LocalItem, len(best))
	for i, r := range best {
		c := set.List[r.pos]
		li := LocalItem{Item: c.Item, SameRegion: r.rank >= 100}
		for _, a := range c.Areas {
			if pAreas[a] {
				if ai := v.Ref(model.FolderAreas, a); ai != nil {
					li.SharedAreas = append(li.SharedAreas, ai)
				}
			}
		}
		out[i] = li
	}
	return out, len(set.List)
}

func ContainsFold(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}
