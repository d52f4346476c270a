package generator

import (
	"sort"
	"strings"
	"sync"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
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

	r.related = relatedItems(c)
	return r
}

// relatedItems scores, for every practice, profile and pilot, every other
// one that shares an area (1 each) or a country (2 each), and keeps the
// best maxRelated, ties going to title order. Candidates are ranked once in
// that order, so scores go into a dense slice indexed by rank and the best
// are kept by insertion: no map and no sort per item, which kept an exact
// answer at about a second of CPU for 10,000 items.
func relatedItems(c *model.Content) map[*model.Item][]*model.Item {
	var cands []*model.Item
	for _, it := range c.Items {
		if relatedTypes[it.Type.Folder] {
			cands = append(cands, it)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return model.Less(cands[i], cands[j]) })
	byArea := map[string][]int32{}
	byCountry := map[string][]int32{}
	areas := make([][]string, len(cands))
	countries := make([][]string, len(cands))
	for i, it := range cands {
		areas[i], countries[i] = it.Strings("areas"), countriesOf(it)
		for _, a := range areas[i] {
			byArea[a] = append(byArea[a], int32(i))
		}
		for _, cc := range countries[i] {
			byCountry[cc] = append(byCountry[cc], int32(i))
		}
	}
	out := make([][]*model.Item, len(cands))
	pool := sync.Pool{New: func() any { s := make([]int32, len(cands)); return &s }}
	workers.Each(len(cands), func(i int) {
		sp := pool.Get().(*[]int32)
		score := *sp
		var touched []int32
		add := func(list []int32, w int32) {
			for _, o := range list {
				if score[o] == 0 {
					touched = append(touched, o)
				}
				score[o] += w
			}
		}
		for _, a := range areas[i] {
			add(byArea[a], 1)
		}
		for _, cc := range countries[i] {
			add(byCountry[cc], 2)
		}
		better := func(a, b int32) bool { return score[a] > score[b] || (score[a] == score[b] && a < b) }
		var best [maxRelated]int32
		n := 0
		for _, o := range touched {
			if int(o) == i || (n == maxRelated && !better(o, best[n-1])) {
				continue
			}
			j := min(n, maxRelated-1)
			for j > 0 && better(o, best[j-1]) {
				best[j] = best[j-1]
				j--
			}
			best[j] = o
			n = min(n+1, maxRelated)
		}
		items := make([]*model.Item, n)
		for k := range n {
			items[k] = cands[best[k]]
		}
		out[i] = items
		for _, o := range touched {
			score[o] = 0
		}
		pool.Put(sp)
	})
	related := make(map[*model.Item][]*model.Item, len(cands))
	for i, it := range cands {
		related[it] = out[i]
	}
	return related
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
