package generator

import (
	"net/url"
	"reflect"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

// maxListed is the most entries one list on an area's, country's or
// region's page shows. Past it the page says how many there are and
// links to the search page, filtered to them: those pages listed
// everything that names them, 20 MB of HTML per area page at 100,000
// generated documents.
const maxListed = 50

// searchFilter is the search field and value that select what names an
// item (the area, country and region of a search document: see
// searchDocument), or "" for items no search field selects; their lists
// are not cut.
func searchFilter(it *model.Item) (field, value string) {
	if it == nil {
		return "", ""
	}
	switch it.Type.Folder {
	case model.FolderAreas:
		return "area", it.Slug
	case model.FolderCountries:
		return "country", it.Key()
	case model.FolderRegions:
		return "region", it.Key()
	}
	return "", ""
}

// Listed is the part of list (a slice) that the page of it shows: the
// first maxListed entries when search can find the rest (searchFilter),
// else all of them.
func (v *view) Listed(it *model.Item, list any) any {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice || rv.Len() <= maxListed {
		return list
	}
	if field, _ := searchFilter(it); field == "" {
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
	field, value := searchFilter(it)
	t := v.schema().Type(folder)
	if total <= maxListed || field == "" || t == nil {
		return nil
	}
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
