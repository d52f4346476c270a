package generator

import (
	"net/url"
	"reflect"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

// maxListed is the most entries one list on an area's, country's,
// region's or organisation's page shows. Past it the page says how many
// there are and links to the search page, filtered to them: those pages
// listed everything that names them, 20 MB of HTML per area page and
// 0.9 MB per organisation's at 100,000 generated documents.
const maxListed = 50

// searchFilter is the search field and value that select the entries of
// folder's type that name an item: the area, country, region or
// organisation of a search document (see searchDocument), which it takes
// from the fields below (an organisation from every field that refers to
// organisations). It returns "" when no search field selects them: for
// items of other types, and for types without those fields (they may
// refer to the item through another). Their lists are not cut.
func (v *view) searchFilter(it *model.Item, folder string) (field, value string) {
	t := v.schema().Type(folder)
	if it == nil || t == nil {
		return "", ""
	}
	var fields []string
	switch it.Type.Folder {
	case model.FolderAreas:
		field, value, fields = "area", it.Slug, []string{"areas", "area"}
	case model.FolderCountries:
		field, value, fields = "country", it.Key(), []string{"countries", "country"}
	case model.FolderRegions:
		field, value, fields = "region", it.Key(), []string{"regions", "region"}
	case model.FolderOrganisations:
		if len(t.Referring(model.FolderOrganisations)) > 0 {
			return "organisation", it.Key()
		}
	}
	for _, f := range fields {
		if t.Field(f) != nil {
			return field, value
		}
	}
	return "", ""
}

// Listed is the part of list (a slice of entries of folder's type) that
// its page shows: the first maxListed entries when search can find the
// rest (searchFilter), else all of them.
func (v *view) Listed(it *model.Item, folder string, list any) any {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice || rv.Len() <= maxListed {
		return list
	}
	if field, _ := v.searchFilter(it, folder); field == "" {
		return list
	}
	return rv.Slice(0, maxListed).Interface()
}

// moreLink says how much of a list a page shows, and links to the search
// for all of it.
type moreLink struct {
	Text, LinkText, URL string
}

// More is the note under a list of total entries of folder's type that
// Listed cut on its page, with the search for them all, narrowed by
// the field and value pairs in and (e.g. "status", "piloted"); nil when
// the list was not cut.
func (v *view) More(it *model.Item, total int, folder string, and ...string) *moreLink {
	field, value := v.searchFilter(it, folder)
	if total <= maxListed || field == "" {
		return nil
	}
	t := v.schema().Type(folder)
	q := []string{"type:" + t.Singular, field + ":" + strings.ToLower(value)}
	for i := 0; i+1 < len(and); i += 2 {
		q = append(q, and[i]+":"+and[i+1])
	}
	return &moreLink{
		Text:     v.T("more.listed", "shown", maxListed, "n", total),
		LinkText: v.T("more.search"),
		URL:      v.Rel("/search/") + "?q=" + strings.ReplaceAll(url.QueryEscape(strings.Join(q, " ")), "+", "%20"),
	}
}
