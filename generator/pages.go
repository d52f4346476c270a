package generator

import (
	"sort"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
	"github.com/clusterpolisee/polisee/generator/model"
)

// Page is one HTML page of the site.
type Page struct {
	// URL is the page's path as in the default language, e.g.
	// /practices/slug/; a page in another language is at the same path
	// under the language's folder (/el/practices/slug/), which File
	// names.
	URL   string
	File  string // output file, e.g. practices/slug/index.html or el/practices/slug/index.html
	Lang  string // language of the page
	Kind  string // home, list, item, facet, search, contributing, compare or 404: the layout that renders it
	Title string
	Item  *model.Item // item pages
	Type  *model.Type // item and list pages
	// Items are what a list or facet page lists.
	Items []*model.Item
	// FacetField and Facet name the field and the value a facet page
	// selects, e.g. status and piloted.
	FacetField, Facet string
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
	p.File = outputFile(b.prefix + p.URL)
	p.Lang = b.lang
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
	for _, lang := range c.Site.Languages[1:] {
		b.claim("/"+lang+"/", "", diags, diag.Pos{})
	}
	b.pages = append(b.pages, &Page{URL: "/404.html", File: outputFile(b.prefix + "/404.html"), Lang: b.lang, Kind: "404", Title: b.tr.T("notfound.title")})
	b.addPage(&Page{URL: "/search/", Kind: "search", Title: b.tr.T("search.title")}, diags)
	b.addPage(b.contributingPage(), diags)
	b.addPage(b.comparePage(), diags)
	for _, t := range c.Schema.Types {
		if t.Present.AtRoot {
			continue
		}
		items := append([]*model.Item(nil), c.ByFolder(t.Folder)...)
		t.SortList(items)
		b.addPage(&Page{URL: "/" + t.Folder + "/", Kind: "list", Title: b.tr.TypeTitle(t), Type: t, Items: items}, diags)
		for _, field := range t.Present.Facets {
			for _, value := range t.Field(field).Values {
				var items []*model.Item
				for _, it := range c.ByFolder(t.Folder) {
					if it.String(field) == value {
						items = append(items, it)
					}
				}
				t.SortList(items)
				b.addPage(&Page{URL: t.FacetURL(field, value), Kind: "facet", Title: b.tr.FacetTitle(t, field, value),
					Type: t, Items: items, FacetField: field, Facet: value}, diags)
			}
		}
	}
	for _, it := range c.Items {
		if !ownPage(it) {
			continue
		}
		b.addPage(&Page{URL: it.URL(), Kind: "item", Title: it.Title, Item: it, Type: it.Type}, diags)
	}
	sort.Strings(b.urlList)
}

// relations are the links between items that pages show: back-links
// (everything that refers to an item) and related items.
type relations struct {
	schema  *model.Schema
	back    map[*model.Item][]*model.Item
	related map[*model.Item][]*model.Item
}

const maxRelated = 6

// buildRelations walks every reference once (back-links) and uses inverted
// indexes by country and area (related items), so the cost grows with the
// number of references, not with the square of the number of items.
func buildRelations(c *model.Content) relations {
	r := relations{schema: c.Schema, back: map[*model.Item][]*model.Item{}, related: map[*model.Item][]*model.Item{}}
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
// best maxRelated, ties going to title order.
//
// Candidates are ranked once in title order, and each area and country
// has the ranks of its items in increasing order. For one item, the lists
// of its areas and countries are merged in rank order: each rank comes up
// once, with its exact score, and better-ranked ties come first, so a
// candidate enters the best only with a higher score. The merge stops as
// soon as the best are full with the highest score the lists left could
// still give. With a few areas over thousands of items that happens early,
// which keeps related items exact and near-linear in time.
func relatedItems(c *model.Content) map[*model.Item][]*model.Item {
	var cands []*model.Item
	for _, it := range c.Items {
		if it.Type.Present.Related {
			cands = append(cands, it)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return model.Less(cands[i], cands[j]) })
	byArea := map[string][]int32{}
	byCountry := map[string][]int32{}
	areas := make([][]string, len(cands))
	countries := make([][]string, len(cands))
	for i, it := range cands {
		areas[i], countries[i] = it.Strings("areas"), it.Countries()
		for _, a := range areas[i] {
			byArea[a] = append(byArea[a], int32(i))
		}
		for _, cc := range countries[i] {
			byCountry[cc] = append(byCountry[cc], int32(i))
		}
	}
	out := make([][]*model.Item, len(cands))
	workers.Each(len(cands), func(i int) {
		var lists []weighted
		for _, a := range areas[i] {
			lists = append(lists, weighted{byArea[a], 1})
		}
		for _, cc := range countries[i] {
			lists = append(lists, weighted{byCountry[cc], 2})
		}
		best := bestRanked(lists, int32(i))
		items := make([]*model.Item, len(best))
		for k, r := range best {
			items[k] = cands[r]
		}
		out[i] = items
	})
	related := make(map[*model.Item][]*model.Item, len(cands))
	for i, it := range cands {
		related[it] = out[i]
	}
	return related
}

// weighted is a list of ranks, in increasing order, with the score that
// being in it gives.
type weighted struct {
	ranks  []int32
	weight int32
}

// bestRanked returns up to maxRelated ranks, other than self, with the
// highest total weight over lists, lower ranks first among equals.
func bestRanked(lists []weighted, self int32) []int32 {
	pos := make([]int, len(lists))
	left := int32(0) // the most a rank not yet seen can score
	for _, l := range lists {
		if len(l.ranks) > 0 {
			left += l.weight
		}
	}
	var best [maxRelated]int32
	var score [maxRelated]int32
	n := 0
	for left > 0 && (n < maxRelated || score[n-1] < left) {
		// The lowest rank at the head of any list, and its score.
		r := int32(-1)
		for k, l := range lists {
			if pos[k] < len(l.ranks) && (r < 0 || l.ranks[pos[k]] < r) {
				r = l.ranks[pos[k]]
			}
		}
		s := int32(0)
		for k, l := range lists {
			if pos[k] < len(l.ranks) && l.ranks[pos[k]] == r {
				s += l.weight
				pos[k]++
				if pos[k] == len(l.ranks) {
					left -= l.weight
				}
			}
		}
		if r == self || (n == maxRelated && s <= score[n-1]) {
			continue
		}
		j := min(n, maxRelated-1)
		for j > 0 && s > score[j-1] {
			best[j], score[j] = best[j-1], score[j-1]
			j--
		}
		best[j], score[j] = r, s
		n = min(n+1, maxRelated)
	}
	return append([]int32(nil), best[:n]...)
}

// backGroups returns what refers to it, grouped by type in site order.
func (r relations) backGroups(it *model.Item) []Group {
	byType := map[*model.Type][]*model.Item{}
	for _, o := range r.back[it] {
		byType[o.Type] = append(byType[o.Type], o)
	}
	var groups []Group
	for _, t := range r.schema.Types {
		if items := byType[t]; len(items) > 0 {
			items = append([]*model.Item(nil), items...)
			t.SortList(items)
			groups = append(groups, Group{Type: t, Items: items})
		}
	}
	return groups
}
