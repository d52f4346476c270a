package generator

import (
	"sort"
	"strings"

	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/model"
)

// What a page reads.
//
// polisee serve re-renders only the pages a change touches. To know which,
// every view method that hands a template something of the content records
// it on the page being rendered:
//
//   - useItem: the front matter of one item (its title, summary, fields);
//   - useBody: the rendered body of one item;
//   - useFolder: which items a folder holds and all their front matter
//     (lists, counts, "latest"); useFolderIn: the same for the items of
//     a folder in one country;
//   - useRelations: the back-links and related items of one item.
//
// On the pages of a language other than the default, an item is its
// translation over its original (model.Content.Localized): it records both
// files. A translation added or removed counts as a change of its
// original (see Preview.Build).
//
// The page's own item and the items a list or facet page lists are
// recorded by the renderer. Every other read goes through the accessors
// below (folder, folderIn, lookup, back, related, body), which record
// what they hand out: a view method never reaches the builder's content,
// relations or bodies itself (TestViewsReadThroughAccessors holds every
// view method to that), so it cannot forget to record. The preview tests
// compare incremental builds with full ones besides.
type uses map[string]struct{}

// folder hands out the published items of a folder (in slug order) and
// records their membership and front matter.
func (v *view) folder(folder string) []*model.Item {
	v.useFolder(folder)
	return v.b.content.ByFolder(folder)
}

// hasItems reports whether a folder has items. It records nothing: which
// folders have items shows in every page's menus, and a change there
// makes polisee serve render every page (see nonEmpty).
func (v *view) hasItems(folder string) bool { return len(v.b.content.ByFolder(folder)) > 0 }

// lookup finds an item by folder and key, recording the item, or the
// folder while it lacks it.
func (v *view) lookup(folder, key string) *model.Item {
	it := v.b.content.Lookup(folder, key)
	if it == nil {
		// Found once the folder gains the item.
		v.useFolder(folder)
	}
	v.useItem(it)
	return it
}

// back hands out what refers to an item, and related its related items,
// recording the relations and the items.
func (v *view) back(it *model.Item) []*model.Item {
	v.useRelations(it)
	v.useItems(v.b.rel.back[it])
	return v.b.rel.back[it]
}

func (v *view) related(it *model.Item) []*model.Item {
	v.useRelations(it)
	v.useItems(v.b.rel.related[it])
	return v.b.rel.related[it]
}

// backGroups is back grouped by type, in schema order.
func (v *view) backGroups(it *model.Item) []Group {
	v.useRelations(it)
	groups := v.b.rel.backGroups(it)
	for _, g := range groups {
		v.useItems(g.Items)
	}
	return groups
}

// body hands out an item's rendered body, or nil, recording it.
func (v *view) body(it *model.Item) *body {
	v.useBody(it)
	return v.b.bodies[it]
}

// localIn hands out the practices and pilots of a country (see
// localCandidates), recording them.
func (v *view) localIn(cc string) *kb.LocalSet {
	v.useFolderIn(model.FolderPractices, cc)
	v.useFolderIn(model.FolderPilots, cc)
	return v.b.localCandidates(cc)
}

// lessons hands out the practices and pilots on an area, the most tested
// first, ranked once per build (kb.RankLessons); it records the area's
// relations and the two folders, whose items' status, title and
// countries set the order.
func (v *view) lessons(area *model.Item) []kb.Lesson {
	v.useRelations(area)
	v.useFolder(model.FolderPractices)
	v.useFolder(model.FolderPilots)
	v.b.lessonsOnce.Do(func() {
		v.b.lessons = kb.RankLessons(v.b.content.ByFolder(model.FolderAreas), func(it *model.Item) []*model.Item { return v.b.rel.back[it] })
		v.b.lessonCounts = kb.CountLessons(v.b.lessons)
	})
	return v.b.lessons[area.Slug]
}

// regionCounts hands out the practices of every region
// (kb.CountByRegion), counted once per build. A page that records what it
// reads (polisee serve) counts them itself, recording the practices and
// the regions they name.
func (v *view) regionCounts() *kb.RegionCounts {
	if v.uses != nil {
		return kb.CountByRegion(v.kb())
	}
	v.b.regionsOnce.Do(func() { v.b.regions = kb.CountByRegion(v.kb()) })
	return v.b.regions
}

// lessonsNaming counts the area's lessons that name the country, from
// the same ranking as lessons, recording what lessons records.
func (v *view) lessonsNaming(area *model.Item, country string) int {
	v.lessons(area)
	return v.b.lessonCounts[area.Slug][strings.ToUpper(country)]
}

// schema is the site's content types. A change to them makes polisee
// serve render every page, so reading them records nothing.
func (v *view) schema() *model.Schema { return v.b.content.Schema }

// use records key. The helpers below make their keys only for a page
// that records (polisee serve's): a build's pages record nothing, and
// made every key for nothing (a string for every item a page shows: at
// 100,000 documents 0.9 s of the render's CPU, at 10,000 a quarter of an
// area page's allocations).
func (v *view) use(key string) {
	if v.uses != nil {
		v.uses[key] = struct{}{}
	}
}

func (v *view) useItem(it *model.Item) {
	if it != nil && v.uses != nil {
		v.use(itemKey(it))
		if it.Original != nil {
			// A translated item: its facts are the original's.
			v.use(itemKey(it.Original))
		}
	}
}

func (v *view) useItems(items []*model.Item) {
	if v.uses == nil {
		return
	}
	for _, it := range items {
		v.useItem(it)
	}
}

func (v *view) useBody(it *model.Item) {
	if it != nil && v.uses != nil {
		v.use(bodyKey(it))
	}
}

func (v *view) useFolder(folder string) {
	if v.uses != nil {
		v.use(folderKey(folder))
	}
}

// useFolderIn records the items of a folder that are in one country
// (their membership and front matter), for views that list only those.
func (v *view) useFolderIn(folder, country string) {
	if v.uses != nil {
		v.use(folderInKey(folder, country))
	}
}

func (v *view) useRelations(it *model.Item) {
	if it != nil && v.uses != nil {
		v.use(relKey(it))
	}
}

func itemKey(it *model.Item) string  { return itemPathKey(it.Path) }
func itemPathKey(path string) string { return "f:" + path }
func bodyKey(it *model.Item) string  { return bodyPathKey(it.Path) }
func bodyPathKey(path string) string { return "b:" + path }
func relKey(it *model.Item) string   { return relPathKey(it.Path) }
func relPathKey(path string) string  { return "r:" + path }
func folderInKey(folder, country string) string {
	return "d:" + folder + "@" + strings.ToUpper(country)
}
func folderKey(folder string) string { return "d:" + folder }

// sorted lists the keys, for storing with the page.
func (u uses) sorted() []string {
	out := make([]string, 0, len(u))
	for k := range u {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
