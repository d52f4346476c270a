package generator

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
	"github.com/clusterpolisee/polisee/generator/kb"
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
	// Items are what a list or facet page lists: on a list cut into
	// pages (Pager), this page's share.
	Items []*model.Item
	// Pager places a list or facet page among the pages its list is cut
	// into; nil on other pages.
	Pager *Pager
	// FacetField and Facet name the field and the value a facet page
	// selects, e.g. status and piloted.
	FacetField, Facet string
	// CompareCountry is the country whose profiles a compare page
	// compares, when the comparison is cut by country (compare.go).
	CompareCountry *model.Item
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
	p.URL, p.File = urlAndFile(b.prefix, p.URL)
	p.Lang = b.lang
	if b.claim(p.URL, owner, diags, pos) {
		b.pages = append(b.pages, p)
	}
}

// urlAndFile returns url and the file that serves it in the language at
// prefix (outputFile(prefix+url)). A folder's page gets both in one
// string, "/practices/x/" inside "/practices/x/index.html": the build keeps
// every page's to its end, and one object is less for the collector to
// mark in every collection than two.
func urlAndFile(prefix, url string) (string, string) {
	first := url // where prefix+url starts, without making it
	if prefix != "" {
		first = prefix
	}
	if !strings.HasSuffix(url, "/") || !strings.HasPrefix(first, "/") {
		return url, outputFile(prefix + url)
	}
	s := prefix + url + "index.html"
	return s[len(prefix) : len(prefix)+len(url)], s[1:]
}

// planPages decides every page of the site and checks that no two share a
// path; it notes the fixed files' paths too (isFixedFile).
func (b *builder) planPages(diags *diag.List) {
	c := b.content
	b.fixedPaths = map[string]bool{}
	for _, f := range b.fixedFiles() {
		b.fixedPaths["/"+f.name] = true
	}
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
	b.addComparePages(diags)
	for _, t := range c.Schema.Types {
		if t.Present.AtRoot {
			continue
		}
		sorted := b.sortedFolder(t.Folder)
		b.addListPages(&Page{URL: "/" + t.Folder + "/", Kind: "list", Title: b.tr.TypeTitle(t), Type: t}, slices.Clone(sorted), diags)
		for _, field := range t.Present.Facets {
			for _, value := range t.Field(field).Values {
				var items []*model.Item // in list order, as sorted is
				for _, it := range sorted {
					if it.String(field) == value {
						items = append(items, it)
					}
				}
				b.addListPages(&Page{URL: t.FacetURL(field, value), Kind: "facet", Title: b.tr.FacetTitle(t, field, value),
					Type: t, FacetField: field, Facet: value}, items, diags)
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

// listPageSize is the most items one list or facet page shows; a longer
// list goes on over numbered pages (/practices/page/2/). A hundred cards
// make a page of about 50 KB; one page for all of 80,000 generated
// practices was 41 MB. Tests lower it.
var listPageSize = 100

// Pager is where a list or facet page stands among the pages its list is
// cut into. The URLs are paths as in the default language.
type Pager struct {
	Number, Count           int    // this page's number, from 1, and how many pages
	Total                   int    // items on all the pages
	First, Prev, Next, Last string // "" where there is none, it is this page, or Prev or Next is it
}

// pagedURL is the address of page n of the list at base.
func pagedURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// addListPages adds the list or facet page first, listing items: on one
// page, or cut into pages of listPageSize (first.URL, then
// first.URL/page/2/...), each a copy of first with its share of the items.
func (b *builder) addListPages(first *Page, items []*model.Item, diags *diag.List) {
	count := max(1, (len(items)+listPageSize-1)/listPageSize)
	base := first.URL
	for n := 1; n <= count; n++ {
		p := *first
		p.URL = pagedURL(base, n)
		p.Items = items[(n-1)*listPageSize : min(n*listPageSize, len(items))]
		p.Pager = &Pager{Number: n, Count: count, Total: len(items)}
		if n > 1 {
			p.Title = b.tr.T("pager.title", "title", first.Title, "n", n, "count", count)
			p.Pager.Prev = pagedURL(base, n-1)
		}
		if n > 2 { // on page 2 the previous page is the first
			p.Pager.First = base
		}
		if n < count {
			p.Pager.Next = pagedURL(base, n+1)
		}
		if n < count-1 { // on the last but one the next page is the last
			p.Pager.Last = pagedURL(base, count)
		}
		b.addPage(&p, diags)
	}
}

// relations are the links between items that pages show: back-links
// (everything that refers to an item) and related items.
type relations struct {
	schema  *model.Schema
	back    map[*model.Item][]*model.Item
	related map[*model.Item][]*model.Item
	// grouped holds backGroups' answers, made once per item: an area's
	// page asks for them twice and sorted, at 100,000 documents, its
	// 30,000 practices each time (see backGroups).
	grouped *groupMemo
}

// groupMemo is backGroups' memo, shared by the copies of a relations.
type groupMemo struct {
	mu     sync.Mutex
	groups map[*model.Item][]Group
}

const maxRelated = 6

func newGroupMemo() *groupMemo { return &groupMemo{groups: map[*model.Item][]Group{}} }

// buildRelations walks every reference once (back-links) and uses inverted
// indexes by country and area (related items), so the cost grows with the
// number of references, not with the square of the number of items.
func buildRelations(c *model.Content) relations {
	r := relations{schema: c.Schema, back: map[*model.Item][]*model.Item{}, related: map[*model.Item][]*model.Item{}, grouped: newGroupMemo()}
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
// A candidate's score depends only on the set of areas and the set of
// countries it names, so the candidates, ranked once in title order, are
// grouped by the two (relatedIndex), and the best are found once for each
// group. For one group, each set of areas and each set of countries is
// scored once; the groups are then visited from the highest total score
// down, and each score's groups merged in rank order, until the best are
// full. The cost grows with the groups times the sets, which a site's
// areas and countries bound, not with the square of the items: merging
// every candidate's area and country lists, as it once did, took 0.5 s
// at 10,000 generated documents and 5.9 s at 40,000; searching once for
// every candidate, 0.3 s and 6.3 s at 10,000 and 100,000 (62 area sets,
// 231 country sets and 7,359 groups at 100,000).
func relatedItems(c *model.Content) map[*model.Item][]*model.Item {
	var cands []*model.Item
	for _, it := range c.Items {
		if it.Type.Present.Related {
			cands = append(cands, it)
		}
	}
	model.SortItems(cands)
	ix := relatedIndex{groups: map[[2]int32][]int32{}}
	areaKeys, countryKeys := map[string]int32{}, map[string]int32{}
	// Candidates naming the same areas and countries have the same
	// related items but for themselves: each group's best are found once,
	// one more than needed, and each candidate leaves itself out. At
	// 100,000 generated documents that is 7,359 searches instead of
	// 100,000.
	type group struct {
		areas, countries []string // as its first candidate names them
		best             []int32
	}
	var groups []group
	groupOf := make([]int, len(cands))
	groupIDs := map[[2]int32]int{}
	for i, it := range cands {
		areas, countries := it.Strings("areas"), it.Countries()
		key := [2]int32{setID(&ix.areaSets, areaKeys, areas), setID(&ix.countrySets, countryKeys, countries)}
		g, ok := groupIDs[key]
		if !ok {
			g = len(groups)
			groupIDs[key] = g
			groups = append(groups, group{areas: areas, countries: countries})
		}
		groupOf[i] = g
		ix.groups[key] = append(ix.groups[key], int32(i))
	}
	workers.Each(len(groups), func(g int) {
		groups[g].best = ix.best(groups[g].areas, groups[g].countries, maxRelated+1)
	})
	// Every candidate's list is a part of one array, kept to the build's
	// end: one object for the collector to mark rather than one for
	// each candidate. Each list's capacity is its length, so that an
	// append to one cannot write into the next.
	related := make(map[*model.Item][]*model.Item, len(cands))
	all := make([]*model.Item, 0, len(cands)*maxRelated)
	for i, it := range cands {
		start := len(all)
		for _, r := range groups[groupOf[i]].best {
			if r != int32(i) && len(all)-start < maxRelated {
				all = append(all, cands[r])
			}
		}
		related[it] = all[start:len(all):len(all)]
	}
	return related
}

// relatedIndex groups the candidates for related items by the set of
// areas and the set of countries they name.
type relatedIndex struct {
	areaSets, countrySets [][]string
	// groups holds, by area set and country set, the ranks of the
	// candidates naming them, in increasing order.
	groups map[[2]int32][]int32
}

// setID numbers a set of values (in any order), adding it to sets when new.
func setID(sets *[][]string, ids map[string]int32, values []string) int32 {
	key := strings.Join(slices.Sorted(slices.Values(values)), "\x00")
	id, ok := ids[key]
	if !ok {
		id = int32(len(*sets))
		ids[key] = id
		*sets = append(*sets, values)
	}
	return id
}

// best returns up to n ranks with the highest score for an item naming
// areas and countries, lower ranks first among equals. Candidates sharing
// nothing with it score 0 and are never related.
func (ix *relatedIndex) best(areas, countries []string, n int) []int32 {
	byArea, byCountry := bySharing(ix.areaSets, areas), bySharing(ix.countrySets, countries)
	var best []int32
	var level [][]int32
	for score := len(areas) + 2*len(countries); score > 0 && len(best) < n; score-- {
		level = level[:0]
		for na := min(score, len(areas)); na >= 0; na-- {
			nc := (score - na) / 2
			if (score-na)%2 != 0 || nc > len(countries) {
				continue
			}
			for _, a := range byArea[na] {
				for _, cc := range byCountry[nc] {
					if g := ix.groups[[2]int32{a, cc}]; len(g) > 0 {
						level = append(level, g)
					}
				}
			}
		}
		best = append(best, kb.MergeAscending(level, n-len(best), nil)...)
	}
	return best
}

// bySharing lists the numbers of sets by how many of values each holds:
// the sets holding k of them are at index k.
func bySharing(sets [][]string, values []string) [][]int32 {
	out := make([][]int32, len(values)+1)
	for id, set := range sets {
		n := 0
		for _, v := range values {
			if slices.Contains(set, v) {
				n++
			}
		}
		out[n] = append(out[n], int32(id))
	}
	return out
}

// backGroups returns what refers to it, grouped by type in site order,
// each group sorted as its type lists items. The groups are made once per
// item and shared: callers must not change them.
func (r relations) backGroups(it *model.Item) []Group {
	if r.grouped == nil {
		return r.groupBack(it)
	}
	r.grouped.mu.Lock()
	groups, ok := r.grouped.groups[it]
	r.grouped.mu.Unlock()
	if ok {
		return groups
	}
	// Two pages may group the same item at once: either's groups are
	// right, and the first one kept is kept.
	groups = r.groupBack(it)
	r.grouped.mu.Lock()
	defer r.grouped.mu.Unlock()
	if kept, ok := r.grouped.groups[it]; ok {
		return kept
	}
	r.grouped.groups[it] = groups
	return groups
}

// groupBack is backGroups without the memo.
func (r relations) groupBack(it *model.Item) []Group {
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
