package generator

import (
	"slices"
	"sort"
	"strings"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
)

// Page is one HTML page of the site.
type Page struct {
	URL   string // site path, e.g. /practices/slug/
	File  string // output file, e.g. practices/slug/index.html
	Kind  string // home, list, item, facet or 404: the layout that renders it
	Title string
	Item  *model.Item // item pages
	Type  *model.Type // item and list pages
	// Items are what a list or facet page lists.
	Items []*model.Item
	// Facet names the value a facet page selects, e.g. piloted.
	Facet string
}

// The files every site has besides its pages.
var reservedPaths = []string{"/404.html", "/sitemap.xml", "/feed.xml", "/robots.txt", "/assets/", "/data/"}

// homeSlug is the page whose body introduces the site on the home page.
const homeSlug = "home"

func (b *builder) addPage(p *Page, diags *diag.List) {
	owner, pos := "", diag.Pos{}
	if p.Item != nil {
		owner, pos = p.Item.DisplayPath, diag.Pos{Line: 1, Col: 1}
	}
	p.File = outputFile(p.URL)
	if b.claim(p.URL, owner, diags, pos) {
		b.pages = append(b.pages, p)
	}
}

// planPages decides every page of the site and checks that no two share a
// path.
func (b *builder) planPages(diags *diag.List) {
	c := b.content
	b.addPage(&Page{URL: "/", Kind: "home", Title: c.Site.Title}, diags)
	for _, r := range reservedPaths {
		b.claim(r, "", diags, diag.Pos{})
	}
	b.pages = append(b.pages, &Page{URL: "/404.html", File: "404.html", Kind: "404", Title: "Page not found"})
	b.addPage(&Page{URL: "/search/", Kind: "search", Title: "Search"}, diags)
	b.addPage(b.contributingPage(), diags)
	for _, t := range model.Types {
		if t.Folder == "pages" {
			continue
		}
		items := append([]*model.Item(nil), c.ByFolder(t.Folder)...)
		sortForList(t, items)
		b.addPage(&Page{URL: "/" + t.Folder + "/", Kind: "list", Title: t.Title, Type: t, Items: items}, diags)
	}
	practices := model.TypeByFolder("practices")
	for _, status := range model.PracticeStatuses {
		var items []*model.Item
		for _, it := range c.ByFolder("practices") {
			if it.String("status") == status {
				items = append(items, it)
			}
		}
		model.SortItems(items)
		b.addPage(&Page{URL: "/practices/status/" + status + "/", Kind: "facet", Title: "Good practices: " + label(status),
			Type: practices, Items: items, Facet: status}, diags)
	}
	for _, it := range c.Items {
		if !ownPage(it) {
			continue
		}
		b.addPage(&Page{URL: it.URL(), Kind: "item", Title: it.Title, Item: it, Type: it.Type}, diags)
	}
	sort.Strings(b.urlList)
	b.rel = buildRelations(c)
}

// sortForList orders a list page: areas by their order, the rest by title.
func sortForList(t *model.Type, items []*model.Item) {
	model.SortItems(items)
	if t.Field("order") != nil {
		sort.SliceStable(items, func(i, j int) bool {
			oi, oj := items[i].Int("order"), items[j].Int("order")
			if oi == 0 {
				oi = 1 << 20
			}
			if oj == 0 {
				oj = 1 << 20
			}
			return oi < oj
		})
	}
}

// relations are the links between items that pages show: back-links
// (everything that refers to an item) and related items.
type relations struct {
	back    map[*model.Item][]*model.Item
	related map[*model.Item][]*model.Item
}

// Group is a list of items of one type shown on a page.
type Group struct {
	Type  *model.Type
	Items []*model.Item
}

// relatedTypes are the types that show related items.
var relatedTypes = map[string]bool{"practices": true, "profiles": true, "pilots": true}

const maxRelated = 6

// buildRelations walks every reference once (back-links) and uses inverted
// indexes by country and area (related items), so the cost grows with the
// number of references, not with the square of the number of items.
func buildRelations(c *model.Content) relations {
	r := relations{back: map[*model.Item][]*model.Item{}, related: map[*model.Item][]*model.Item{}}
	for _, it := range c.Items {
		seen := map[*model.Item]bool{}
		for _, ref := range it.Refs() {
			target := c.Lookup(ref.Folder, ref.Key)
			if target == nil || target == it || seen[target] {
				continue
			}
			seen[target] = true
			r.back[target] = append(r.back[target], it)
		}
	}

	// Candidates are the items that share a country and an area with the
	// item (the pairs' buckets hold about n/66 items each for 11 countries
	// and 6 areas); when those are fewer than maxRelated, items sharing
	// only an area or only a country fill in. Scanning every item that
	// shares an area would cost n squared over six.
	byPair := map[string][]*model.Item{}
	byArea := map[string][]*model.Item{}
	byCountry := map[string][]*model.Item{}
	type keys struct{ areas, countries []string }
	keysOf := map[*model.Item]keys{}
	for _, it := range c.Items {
		if !relatedTypes[it.Type.Folder] {
			continue
		}
		k := keys{areas: it.Strings("areas"), countries: countriesOf(it)}
		keysOf[it] = k
		for _, a := range k.areas {
			byArea[a] = append(byArea[a], it)
			for _, cc := range k.countries {
				byPair[cc+" "+a] = append(byPair[cc+" "+a], it)
			}
		}
		for _, cc := range k.countries {
			byCountry[cc] = append(byCountry[cc], it)
		}
	}
	score := func(a, b keys) int {
		n := 0
		for _, x := range a.areas {
			if slices.Contains(b.areas, x) {
				n++
			}
		}
		for _, x := range a.countries {
			if slices.Contains(b.countries, x) {
				n += 2
			}
		}
		return n
	}
	for _, it := range c.Items {
		if !relatedTypes[it.Type.Folder] {
			continue
		}
		k := keysOf[it]
		scores := map[*model.Item]int{}
		add := func(bucket []*model.Item, limit int) {
			for _, o := range bucket {
				if len(scores) >= limit {
					return
				}
				if _, seen := scores[o]; !seen && o != it {
					scores[o] = score(k, keysOf[o])
				}
			}
		}
		for _, a := range k.areas {
			for _, cc := range k.countries {
				add(byPair[cc+" "+a], 1<<30)
			}
		}
		for _, cc := range k.countries {
			add(byCountry[cc], len(scores)+maxRelated)
		}
		for _, a := range k.areas {
			add(byArea[a], len(scores)+maxRelated)
		}
		r.related[it] = topScored(scores, maxRelated)
	}
	return r
}

func countriesOf(it *model.Item) []string {
	if it.Has("countries") {
		return upper(it.Strings("countries"))
	}
	if cc := it.String("country"); cc != "" {
		return []string{strings.ToUpper(cc)}
	}
	return nil
}

func upper(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strings.ToUpper(s)
	}
	return out
}

// topScored returns the n best-scored items; ties go by title, then path,
// so the result never depends on map order. It keeps only the best n as it
// goes: related items are computed for every item, so this runs often.
func topScored(score map[*model.Item]int, n int) []*model.Item {
	better := func(a, b *model.Item) bool {
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return model.Less(a, b)
	}
	top := make([]*model.Item, 0, n+1)
	for it := range score {
		if len(top) == n && !better(it, top[n-1]) {
			continue
		}
		i := len(top)
		top = append(top, it)
		for ; i > 0 && better(it, top[i-1]); i-- {
			top[i] = top[i-1]
		}
		top[i] = it
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// backGroups returns what refers to it, grouped by type in site order.
func (r relations) backGroups(it *model.Item) []Group {
	byType := map[*model.Type][]*model.Item{}
	for _, o := range r.back[it] {
		byType[o.Type] = append(byType[o.Type], o)
	}
	var groups []Group
	for _, t := range model.Types {
		if items := byType[t]; len(items) > 0 {
			items = append([]*model.Item(nil), items...)
			sortForList(t, items)
			groups = append(groups, Group{Type: t, Items: items})
		}
	}
	return groups
}
