// Package sitediff tells what a change does to a built site: it compares
// two sites that polisee build wrote and describes, in Markdown for a pull
// request, the pages added, removed and changed (with the fields,
// sections and scores that changed), how the compare matrix moves, and
// where the changed pages now rank in search.
//
// It reads what a reader sees, not the sources: each page's main content
// (its title, key facts, lead and sections), the open data of profiles
// for the scores, and the search index. Things outside a page's main
// content (asset names, the header and footer) do not make a page
// "changed".
package sitediff

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is what a reader sees of one page.
type Page struct {
	Path  string // site path of the page's folder: "practices/x/", "" for the home page
	Title string
	Lang  string
	// Kind is the content type of an item's page (its article's
	// item-TYPE class), empty for lists and other pages.
	Kind    string
	Lead    string
	Fields  []Field
	Section []Section
	// Parts are the other headed parts of the page (related items,
	// back-links, lists), by heading.
	Parts []Section
	// sum is a hash of the page's main content, text and links.
	sum [32]byte
}

// Field is one key fact of an item's page.
type Field struct{ Name, Value string }

// Section is one second-level section of a page's text.
type Section struct{ Heading, Text string }

// skipped are the folders of a site that hold no pages to compare.
var skipped = map[string]bool{"admin": true, "assets": true, "search": true, "data": true}

// readSite reads every page (index.html) of a built site.
func readSite(dir string) (map[string]*Page, error) {
	pages := map[string]*Page{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if skipped[rel] {
				return filepath.SkipDir
			}
			return nil
		}
		if path.Base(rel) != "index.html" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pg, err := parsePage(data)
		if err != nil {
			return err
		}
		pg.Path = strings.TrimSuffix(rel, "index.html")
		pages[pg.Path] = pg
		return nil
	})
	return pages, err
}

// parsePage reads the main content of a page.
func parsePage(data []byte) (*Page, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	pg := &Page{}
	if h := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Html }); h != nil {
		pg.Lang = attr(h, "lang")
	}
	main := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Main })
	if main == nil {
		main = doc
	}
	var sum bytes.Buffer
	summarize(main, &sum)
	pg.sum = sha256.Sum256(sum.Bytes())
	if h1 := find(main, is(atom.H1)); h1 != nil {
		pg.Title = text(h1)
	} else if t := find(doc, is(atom.Title)); t != nil {
		pg.Title = text(t)
	}
	if a := find(main, func(n *html.Node) bool { return n.DataAtom == atom.Article && hasClass(n, "item") }); a != nil {
		for _, c := range strings.Fields(attr(a, "class")) {
			if k, ok := strings.CutPrefix(c, "item-"); ok {
				pg.Kind = k
			}
		}
	}
	if lead := find(main, func(n *html.Node) bool { return n.DataAtom == atom.P && hasClass(n, "lead") }); lead != nil {
		pg.Lead = text(lead)
	}
	if facts := find(main, func(n *html.Node) bool { return hasClass(n, "facts") }); facts != nil {
		pg.Fields = readFacts(facts)
	}
	if prose := find(main, func(n *html.Node) bool { return hasClass(n, "prose") }); prose != nil {
		pg.Section = readSections(prose)
	}
	pg.Parts = readParts(main)
	return pg, nil
}

// readFacts reads the dt/dd pairs of a facts list.
func readFacts(n *html.Node) []Field {
	var out []Field
	var name string
	walk(n, func(c *html.Node) bool {
		switch c.DataAtom {
		case atom.Dt:
			name = text(c)
			return false
		case atom.Dd:
			out = append(out, Field{Name: name, Value: text(c)})
			return false
		}
		return true
	})
	return out
}

// readSections splits a page's text at its second-level headings; the
// text before the first is the section without a heading.
func readSections(prose *html.Node) []Section {
	var out []Section
	cur := Section{}
	var b strings.Builder
	flush := func() {
		cur.Text = strings.Join(strings.Fields(b.String()), " ")
		if cur.Heading != "" || cur.Text != "" {
			out = append(out, cur)
		}
		b.Reset()
	}
	for c := prose.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.H2 {
			flush()
			cur = Section{Heading: text(c)}
			continue
		}
		var sum bytes.Buffer
		summarize(c, &sum)
		b.WriteString(sum.String())
		b.WriteByte(' ')
	}
	flush()
	return out
}

// readParts reads the sections of a page outside its text that have a
// heading of their own.
func readParts(main *html.Node) []Section {
	var out []Section
	walk(main, func(c *html.Node) bool {
		if hasClass(c, "prose") || hasClass(c, "toc") {
			return false
		}
		if c.DataAtom != atom.Section && c.DataAtom != atom.Aside {
			return true
		}
		h := find(c, func(n *html.Node) bool { return n.DataAtom == atom.H2 || n.DataAtom == atom.H3 })
		if h == nil {
			return true
		}
		var sum bytes.Buffer
		summarize(c, &sum)
		out = append(out, Section{Heading: text(h), Text: strings.Join(strings.Fields(sum.String()), " ")})
		return false
	})
	return out
}

// summarize writes a node's text and the targets of its links: what a
// reader can see or follow.
func summarize(n *html.Node, w *bytes.Buffer) {
	walk(n, func(c *html.Node) bool {
		switch c.Type {
		case html.TextNode:
			w.WriteString(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Template:
				return false
			case atom.A:
				w.WriteString(" <" + attr(c, "href") + "> ")
			case atom.Img:
				w.WriteString(" [" + attr(c, "src") + " " + attr(c, "alt") + "] ")
			}
		}
		return true
	})
}

func walk(n *html.Node, visit func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if visit(c) {
			walk(c, visit)
		}
	}
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) bool {
		if found != nil {
			return false
		}
		if c.Type == html.ElementNode && match(c) {
			found = c
			return false
		}
		return true
	})
	return found
}

func is(a atom.Atom) func(*html.Node) bool { return func(n *html.Node) bool { return n.DataAtom == a } }

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// text is a node's text with its white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return c.DataAtom != atom.Script && c.DataAtom != atom.Style
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
