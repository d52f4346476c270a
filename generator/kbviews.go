package generator

import (
	"github.com/clusterpolisee/polisee/generator/i18n"
	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// The knowledge-base views (package kb) as the layouts call them: each
// hands kb the page through kbPage, whose reads are the view's recording
// accessors (uses.go).

// Group is a list of items of one type shown on a page.
type Group = kb.Group

// kbPage is a view as package kb reads it.
type kbPage struct{ v *view }

func (p kbPage) Items(folder string) []*model.Item    { return p.v.Items(folder) }
func (p kbPage) Ref(folder, key string) *model.Item   { return p.v.lookup(folder, key) }
func (p kbPage) Back(it *model.Item) []*model.Item    { return p.v.back(it) }
func (p kbPage) BackGroups(it *model.Item) []kb.Group { return p.v.backGroups(it) }
func (p kbPage) LocalIn(country string) *kb.LocalSet  { return p.v.localIn(country) }
func (p kbPage) Lessons(area *model.Item) []kb.Lesson { return p.v.lessons(area) }
func (p kbPage) LessonsNaming(area *model.Item, country string) int {
	return p.v.lessonsNaming(area, country)
}
func (p kbPage) RegionCounts() *kb.RegionCounts { return p.v.regionCounts() }
func (p kbPage) Schema() *model.Schema          { return p.v.schema() }
func (p kbPage) Words() *i18n.Translator        { return p.v.b.tr }
func (p kbPage) Rel(sitePath string) string     { return p.v.Rel(sitePath) }
func (p kbPage) SearchEnabled() bool            { return p.v.SearchEnabled() }

func (v *view) kb() kbPage { return kbPage{v} }

// Compare gathers what a compare page shows: every profile against every
// area, or, when the comparison is cut by country (compare.go), the
// page's profiles, or on /compare/ the countries' pages.
func (v *view) Compare() kb.CompareData {
	if v.Page.CompareCountry != nil || v.b.compareGroups() == nil {
		return kb.Compare(v.kb(), v.compared())
	}
	d := kb.CompareData{Areas: v.Items(model.FolderAreas), Total: len(v.Items(model.FolderProfiles))}
	for _, g := range v.b.compareGroups() {
		v.useItem(g.Country)
		c := kb.CountryGroup{Country: g.Country, URL: compareCountryURL(g.Country), Profiles: len(g.Profiles)}
		for _, p := range g.Profiles {
			if kb.Row(v.kb(), p).Scored > 0 {
				c.Scored++
			}
		}
		if c.Scored > 0 {
			d.Scored++
		}
		d.Groups = append(d.Groups, c)
	}
	return d
}

// compared are the profiles a compare page compares: its share of its
// country's, every profile, or none on the list of countries.
func (v *view) compared() []*model.Item {
	switch {
	case v.Page.CompareCountry != nil:
		// Which profiles the country's pages hold, and in what order,
		// follows from the country's profiles.
		for _, cc := range v.Page.Items[0].Countries() {
			v.useFolderIn(model.FolderProfiles, cc)
		}
		return v.Page.Items
	case v.b.compareGroups() == nil:
		return v.Items(model.FolderProfiles)
	}
	return nil
}

// CompareURL is the compare page that holds a profile: /compare/, or its
// country's page when the comparison is cut by country.
func (v *view) CompareURL(p *model.Item) string {
	// The page that holds a profile follows from every profile: whether
	// the comparison is cut, and the profile's place in its country.
	v.useFolder(model.FolderProfiles)
	if u, ok := v.b.compareURLs[p]; ok {
		return u
	}
	return compareURL
}

// ProfileRow is one profile against every area, for its own page.
func (v *view) ProfileRow(p *model.Item) kb.ProfileRow { return kb.Row(v.kb(), p) }

// ProfileChart draws a profile's scores per area.
func (v *view) ProfileChart(p *model.Item) template.HTML { return kb.ProfileChart(v.kb(), p) }

// AreaShort is an area's short label, or its title.
func (v *view) AreaShort(a *model.Item) string { v.useItem(a); return kb.AreaShort(a) }

// ProfileLocal lists the practices and pilots of a profile's country, the
// most relevant first; ProfileLocalTotal counts them all.
func (v *view) ProfileLocal(p *model.Item) []kb.LocalItem { return kb.ProfileLocal(v.kb(), p) }
func (v *view) ProfileLocalTotal(p *model.Item) int       { return kb.ProfileLocalTotal(v.kb(), p) }

// LearningPath gathers an area's learning path.
func (v *view) LearningPath(area *model.Item) *kb.Path { return kb.LearningPath(v.kb(), area) }

// ProfileLabel names a profile briefly: its place and period.
func (v *view) ProfileLabel(p *model.Item) string { return kb.ProfileLabel(v.kb(), p) }

// Heat counts the practices of every area in every country (home page).
func (v *view) Heat() *kb.HeatData { return kb.Heat(v.kb()) }

// BuildsOn lists what a document builds on, grouped by type.
func (v *view) BuildsOn(it *model.Item) []kb.Group { return kb.BuildsOn(v.kb(), it) }

// BacklinksExcept is Backlinks without the given types.
func (v *view) BacklinksExcept(it *model.Item, folders ...string) []kb.Group {
	return kb.BacklinksExcept(v.kb(), it, folders...)
}

// BacklinkTitle heads a group of back-links on it.
func (v *view) BacklinkTitle(it *model.Item, g kb.Group) string {
	return kb.BacklinkTitle(v.kb(), it, g)
}

// ProfileScores is a profile's standing on each area it assesses, with
// the criteria behind a derived score; nothing for an item of a type
// whose schema has no assessment field, whose areas are not assessed.
func (v *view) ProfileScores(p *model.Item) []kb.AreaScore {
	if p.Type == nil || p.Type.Field("assessment") == nil {
		return nil
	}
	return kb.Scores(v.kb(), p)
}

// Judged hands the "criteria-judged" partial the view and one area's
// standing.
func (v *view) Judged(s kb.AreaScore) judgedBlock { return judgedBlock{V: v, S: s} }

type judgedBlock struct {
	V *view
	S kb.AreaScore
}

// AssessedBy lists the profiles assessed on a criteria set's area.
func (v *view) AssessedBy(set *model.Item) []kb.Profiled { return kb.AssessedBy(v.kb(), set) }

// CriteriaAnchor is the id of a profile page's section on an area's
// criteria.
func (v *view) CriteriaAnchor(area string) string { return kb.CriteriaAnchor(area) }

// SchemaType is the content type stored in folder, or nil.
func (v *view) SchemaType(folder string) *model.Type { return v.schema().Type(folder) }

// HasCriteria reports whether the site has an assessment framework.
func (v *view) HasCriteria() bool { return len(v.Items(model.FolderAssessment)) > 0 }

// Gaps lists a profile's weak areas with what worked elsewhere; AllGaps
// those of the profiles a compare page compares; GapAnchor a gap's id.
func (v *view) Gaps(p *model.Item) []kb.Gap  { return kb.Gaps(v.kb(), p) }
func (v *view) AllGaps() []kb.ProfileGaps    { return kb.AllGaps(v.kb(), v.compared()) }
func (v *view) GapAnchor(area string) string { return kb.GapAnchor(area) }

// Changes compares a profile with its previous version, or is nil.
func (v *view) Changes(p *model.Item) *kb.Change { return kb.Changes(v.kb(), p) }

// HomeMap, CountryMap and RegionMap are the maps of the home, country
// and region pages (an area's is in its LearningPath); nil for none.
func (v *view) HomeMap() *kb.MapData                  { return kb.HomeMap(v.kb()) }
func (v *view) CountryMap(it *model.Item) *kb.MapData { return kb.CountryMap(v.kb(), it) }
func (v *view) RegionMap(it *model.Item) *kb.MapData  { return kb.RegionMap(v.kb(), it) }

// MapBlock hands the "map-figure" partial the view, a map and the first
// words of its caption.
func (v *view) MapBlock(d *kb.MapData, caption string) mapBlock {
	return mapBlock{V: v, D: d, Caption: caption}
}

type mapBlock struct {
	V       *view
	D       *kb.MapData
	Caption string
}
