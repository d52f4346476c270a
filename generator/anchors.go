package generator

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// anchorLink is a link of a body to a part of a page (#id, on another
// page or its own): where the body says it, and the address the body's
// HTML gives it, relative to the page the body is on.
type anchorLink struct {
	file string
	pos  diag.Pos
	href string // relative, with its #fragment
}

// anchorCheck finds the links of bodies to parts of pages that those
// pages lack. The ids a page has are known only once it is rendered (the
// layouts make ids of their own besides the headings'), so build checks
// the rendered pages: each link is followed from every page its body is
// on, in each language, since the page it lands on may differ in its
// headings. check, which renders nothing, leaves anchors out.
type anchorCheck struct {
	// uses are the links to check, by the site path of the page they land
	// on in its language's tree (/el/practices/x/).
	uses map[string][]anchorUse
	mu   sync.Mutex
	ids  map[string]map[string]bool // the ids of the landing pages, once rendered
}

type anchorUse struct {
	link anchorLink
	frag string // the id, unescaped
}

// newAnchorCheck collects the fragment links of the bodies of the item
// pages of every tree; nil when there are none.
func newAnchorCheck(trees []*builder) *anchorCheck {
	c := &anchorCheck{uses: map[string][]anchorUse{}, ids: map[string]map[string]bool{}}
	for _, t := range trees {
		pages := make(map[string]bool, len(t.pages))
		for _, p := range t.pages {
			pages[p.URL] = true
		}
		for _, it := range t.content.Items {
			bd := t.bodies[it]
			if bd == nil || len(bd.anchors) == 0 || !pages[pageURL(it)] {
				continue
			}
			from := t.prefix + pageURL(it)
			for _, a := range bd.anchors {
				landing, frag := followLink(from, a.href)
				c.uses[landing] = append(c.uses[landing], anchorUse{link: a, frag: frag})
			}
		}
	}
	if len(c.uses) == 0 {
		return nil
	}
	return c
}

// followLink returns the site path of the page a relative link from the
// page at from lands on, and its fragment's id unescaped. href has a
// fragment (resolveLinks records no other), and names a folder with a
// trailing slash, as relURL writes it.
func followLink(from, href string) (landing, frag string) {
	target, frag, _ := strings.Cut(href, "#")
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	target = strings.TrimSuffix(target, "index.html") // offline copies name the file
	if target == "" {
		return from, frag
	}
	landing = path.Join(from, target)
	if strings.HasSuffix(target, "/") {
		landing = strings.TrimSuffix(landing, "/") + "/"
	}
	return landing, frag
}

// idAttr matches an element's id in the HTML html/template writes.
var idAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// observe notes the ids of a page, if a link lands on it; site is the
// page's site path in its tree. Safe for concurrent use.
func (c *anchorCheck) observe(site string, page []byte) {
	if c == nil || c.uses[site] == nil {
		return
	}
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllSubmatch(page, -1) {
		ids[html.UnescapeString(string(m[1]))] = true
	}
	c.mu.Lock()
	c.ids[site] = ids
	c.mu.Unlock()
}

// warnings are the links whose page has no part of their id. A link that
// lands on no rendered page (a file, or no page of the site) is left to
// the link check of the bodies.
func (c *anchorCheck) warnings() diag.List {
	if c == nil {
		return nil
	}
	var out diag.List
	seen := map[string]bool{}
	sites := make([]string, 0, len(c.uses))
	for site := range c.uses {
		sites = append(sites, site)
	}
	sort.Strings(sites)
	for _, site := range sites {
		ids := c.ids[site]
		if ids == nil {
			continue
		}
		for _, u := range c.uses[site] {
			if ids[u.frag] {
				continue
			}
			key := fmt.Sprint(u.link.file, u.link.pos, site, u.frag)
			if seen[key] {
				continue
			}
			seen[key] = true
			out.Warnf(u.link.file, u.link.pos, "link to #%s: the page %s has no part with that id; a heading's id is its text in lowercase, words joined by \"-\" (## Funding sources is #funding-sources), or link to the page alone", u.frag, site)
		}
	}
	return out
}
