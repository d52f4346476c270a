package generator

import (
	"sort"

	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/model"
)

// compareURL is where the comparison of profiles is published (package kb
// gathers what it shows).
const compareURL = "/compare/"

func (b *builder) comparePage() *Page {
	return &Page{URL: compareURL, Kind: "compare", Title: b.tr.T("compare.title")}
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
			sort.SliceStable(list, func(i, j int) bool {
				a, b := list[i].Item, list[j].Item
				if a.Type != b.Type {
					return a.Type.Folder == model.FolderPractices
				}
				return model.Less(a, b)
			})
			b.local[code] = kb.NewLocalSet(list)
		}
	})
	return b.local[cc]
}
