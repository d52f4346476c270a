package generator

import (
	"slices"
	"sort"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/model"
)

// compareURL is where the comparison of profiles is published (package kb
// gathers what it shows).
const compareURL = "/compare/"

// addComparePages plans the comparison of profiles. While every profile
// fits on one page (listPageSize, as a list), /compare/ compares them
// all. Past that, one page of every profile grew with the profiles times
// the areas (8.4 MB of HTML for 2,000 generated profiles, 85 MB for
// 20,000), so /compare/ lists the countries instead, and each country's
// profiles are compared on their own page (/compare/gr/, where gr is the
// country's slug), cut into pages of listPageSize like a list. Profiles
// of different countries are then compared through their own pages.
func (b *builder) addComparePages(diags *diag.List) {
	b.addPage(&Page{URL: compareURL, Kind: "compare", Title: b.tr.T("compare.title")}, diags)
	groups := b.compareGroups()
	if groups == nil {
		return
	}
	b.compareURLs = map[*model.Item]string{}
	for _, g := range groups {
		page := &Page{URL: compareCountryURL(g.Country), Kind: "compare",
			Title: b.tr.T("compare.country_title", "country", g.Country.Title), CompareCountry: g.Country}
		b.addListPages(page, g.Profiles, diags)
		for i, p := range g.Profiles {
			b.compareURLs[p] = pagedURL(page.URL, i/listPageSize+1)
		}
	}
}

// compareCountryURL is the first compare page of a country's profiles.
func compareCountryURL(country *model.Item) string { return compareURL + country.Slug + "/" }

// compareGroup is a country's profiles, in list order.
type compareGroup struct {
	Country  *model.Item
	Profiles []*model.Item
}

// compareGroups are the profiles by country, the countries in title
// order, when the comparison is cut by country (addComparePages); nil
// otherwise. A profile's country is required and checked, so each
// resolves.
func (b *builder) compareGroups() []compareGroup {
	b.compareOnce.Do(func() {
		profiles := b.sortedFolder(model.FolderProfiles)
		if len(profiles) <= listPageSize {
			return
		}
		at := map[*model.Item]int{}
		for _, p := range profiles {
			c := b.content.Lookup(model.FolderCountries, p.String("country"))
			if c == nil {
				continue
			}
			i, ok := at[c]
			if !ok {
				i = len(b.compareBy)
				at[c] = i
				b.compareBy = append(b.compareBy, compareGroup{Country: c})
			}
			b.compareBy[i].Profiles = append(b.compareBy[i].Profiles, p)
		}
		sort.SliceStable(b.compareBy, func(i, j int) bool { return model.Less(b.compareBy[i].Country, b.compareBy[j].Country) })
	})
	return b.compareBy
}

// localCandidates are the practices and pilots of a country (found among
// what refers to it), practices first, then by title: the order of equals
// in a profile's list. They are gathered once per build for every country.
func (b *builder) localCandidates(cc string) *kb.LocalSet {
	b.localOnce.Do(func() {
		b.local = map[string]*kb.LocalSet{}
		for _, country := range b.content.ByFolder(model.FolderCountries) {
			code := country.Key()
			var list []kb.Local
			for _, it := range b.rel.back[country] {
				if f := it.Type.Folder; (f == model.FolderPractices || f == model.FolderPilots) && kb.ContainsFold(it.Countries(), code) {
					list = append(list, kb.Local{Item: it, Regions: model.Upper(it.Strings("regions")), Areas: it.Strings("areas")})
				}
			}
			slices.SortFunc(list, func(x, y kb.Local) int {
				// Practices first, then pilots; each by title.
				a, b := x.Item, y.Item
				if pa, pb := a.Type.Folder == model.FolderPractices, b.Type.Folder == model.FolderPractices; pa != pb {
					if pa {
						return -1
					}
					return 1
				}
				return model.CompareItems(a, b)
			})
			b.local[code] = kb.NewLocalSet(list)
		}
	})
	return b.local[cc]
}
