package generator

import (
	"sort"
	"strings"

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
// recorded by the renderer. A method that reads the content without
// recording it would leave a stale page in the preview: the preview tests
// compare every incremental build with a full one.
type uses map[string]struct{}

func (v *view) use(key string) {
	if v.uses != nil {
		v.uses[key] = struct{}{}
	}
}

func (v *view) useItem(it *model.Item) {
	if it != nil {
		v.use(itemKey(it))
		if it.Original != nil {
			// A translated item: its facts are the original's.
			v.use(itemKey(it.Original))
		}
	}
}

func (v *view) useItems(items []*model.Item) {
	for _, it := range items {
		v.useItem(it)
	}
}

func (v *view) useBody(it *model.Item) {
	if it != nil {
		v.use(bodyKey(it))
	}
}

func (v *view) useFolder(folder string) { v.use(folderKey(folder)) }

// useFolderIn records the items of a folder that are in one country
// (their membership and front matter), for views that list only those.
func (v *view) useFolderIn(folder, country string) { v.use(folderInKey(folder, country)) }

func (v *view) useRelations(it *model.Item) {
	if it != nil {
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
