package generator

import (
	"path"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

// The contributors page, /contributing/: a short guide for editors and
// the schema reference, generated from the model (model.Schema) so that it
// says exactly what check accepts. A content page pages/contributing.md,
// when there is one, replaces the built-in guide with its own title and
// text; the schema reference follows it all the same.

// contributingSlug is the free page whose body replaces the built-in
// guide on the contributors page.
const contributingSlug = "contributing"

// contributingURL is where the contributors page is published.
const contributingURL = "/contributing/"

// contributingPage plans the contributors page.
func (b *builder) contributingPage() *Page {
	p := &Page{URL: contributingURL, Kind: "contributing", Title: b.tr.T("contrib.title")}
	if it := b.content.Lookup(model.FolderPages, contributingSlug); it != nil {
		p.Item, p.Type, p.Title = it, it.Type, it.Title
	}
	return p
}

// ownPage reports whether an item's body is shown on a page of its own
// (not on the home page or the contributors page).
func ownPage(it *model.Item) bool {
	return it.Type.Folder != model.FolderPages || (it.Slug != homeSlug && it.Slug != contributingSlug)
}

// Schema is the schema reference, for the contributors page.
func (v *view) Schema() model.SchemaDoc { return v.schema().Doc() }

// RepoFile links to a file or folder of the repository's branch, on the
// repository's web site (GitHub-style addresses), or "" when the site
// names no repository. how is "blob" (read a file), "tree" (a folder) or
// "new" (the web editor's new-file form in a folder).
func (v *view) RepoFile(how, file string) string {
	s := v.Site
	if s.Repository == "" {
		return ""
	}
	return strings.TrimSuffix(s.Repository, "/") + "/" + how + "/" + s.Branch + "/" + strings.TrimPrefix(file, "/")
}

// ContentPath is the path of a content folder or file in the repository,
// e.g. content/practices.
func (v *view) ContentPath(p string) string { return path.Join(v.Site.ContentDir, p) }

// FieldTable prepares a table of fields for the "schema-fields" template.
func (v *view) FieldTable(caption string, fields []model.FieldDoc) fieldTable {
	return fieldTable{Caption: caption, Fields: fields}
}

type fieldTable struct {
	Caption string
	Fields  []model.FieldDoc
}
