package kb

import (
	"github.com/clusterpolisee/polisee/generator/model"
)

// Strategy documents (joint strategy, sustainability plan, SEE initiative)
// name the evidence they build on in builds_on: good practices, profiles,
// pilots and mechanisms. The document page lists them; each of those pages
// lists the document back, through the ordinary back-links (a builds_on
// entry is a reference like any other).

// buildsOnFolders are the sub-fields of builds_on, in the order shown.
var buildsOnFolders = []string{model.FolderPractices, model.FolderProfiles, model.FolderPilots, model.FolderMechanisms}

// BuildsOn lists what a document builds on, grouped by type.
func BuildsOn(v Page, it *model.Item) []Group {
	m, _ := it.Value("builds_on").(map[string]any)
	if m == nil {
		return nil
	}
	var groups []Group
	for _, folder := range buildsOnFolders {
		l, _ := m[folder].([]any)
		var items []*model.Item
		for _, e := range l {
			key, _ := e.(string)
			if target := v.Ref(folder, key); target != nil {
				items = append(items, target)
			}
		}
		if len(items) > 0 {
			groups = append(groups, Group{Type: v.Schema().Type(folder), Items: items})
		}
	}
	return groups
}

// BacklinksExcept is Backlinks without the given types, for pages that
// show those back-links in their own sections.
func BacklinksExcept(v Page, it *model.Item, folders ...string) []Group {
	var out []Group
	for _, g := range v.BackGroups(it) {
		skip := false
		for _, f := range folders {
			if g.Type.Folder == f {
				skip = true
			}
		}
		if !skip {
			out = append(out, g)
		}
	}
	return out
}

// BacklinkTitle heads a group of back-links on it: documents that refer to
// a practice, profile, pilot or mechanism do so through builds_on.
func BacklinkTitle(v Page, it *model.Item, g Group) string {
	if g.Type.Folder == model.FolderDocuments {
		for _, f := range buildsOnFolders {
			if it.Type.Folder == f {
				return v.Words().T("item.documents_building_on")
			}
		}
	}
	return v.Words().TypeTitle(g.Type)
}
