// Package search builds the site's full-text index and answers queries on
// it. The same code runs in `polisee search`, in `polisee serve` and,
// compiled to WebAssembly, in the reader's browser, so a query ranks the
// same everywhere.
//
// The index is built once, at build time, with bleve's analyzers and
// indexing, as a single zap segment (Build, numbering documents in ID
// order so that the same content gives the same bytes), and shipped as
// plain bytes, with the pages' sections in a second segment that the
// browser fetches after its first results (BuildBoth). Opening them never
// touches the file system. For a large site the browser reads the pages'
// segment in parts that it fetches as queries need them (WriteParts,
// OpenParts: see parts.go); queries read either form through one
// interface (source.go), so they rank the same on both.
//
// Queries are polisee's own code, in steps: the query text is read by
// package internal/syntax, rewritten into parts per field and language
// (query.go), planned into scorers over the segment (plan.go, score.go:
// bleve's TF-IDF, so hits rank exactly as they did when bleve's searchers
// ran them), and collected into a page of hits with facets (collect.go).
// The browser's engine thus carries neither bleve's searchers nor its
// collector. search knows nothing of pages: the generator hands it
// Documents.
package search

import (
	"strconv"
	"strings"
)

// Document is what the index knows of one page.
type Document struct {
	ID        string   `json:"id"`
	URL       string   `json:"url"`
	Type      string   `json:"type"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Body      string   `json:"body"`
	Areas     []string `json:"areas,omitempty"`
	Countries []string `json:"countries,omitempty"`
	Regions   []string `json:"regions,omitempty"`
	// Organisations are the organisations a document names (an
	// organisation's own page names itself), by key: organisation:x
	// finds them.
	Organisations []string `json:"organisations,omitempty"`
	Status        string   `json:"status,omitempty"`
	Level         string   `json:"level,omitempty"`
	Year          int      `json:"year,omitempty"`
	Lang          string   `json:"lang"`
	Tags          []string `json:"tags,omitempty"`
	// Shown lists the languages whose pages show this document: its own
	// and, for a page in the default language, every language it has no
	// translation into (those pages fall back to it). A request for one
	// language's pages (Request.Shown) finds only these.
	Shown []string `json:"shown,omitempty"`
	// Date orders the browsing of everything, newest first:
	// YYYY-MM-DD, YYYY-MM or YYYY (see Request.Sort).
	Date string `json:"date,omitempty"`
	// Terms is set on the one document TermsDocument makes.
	Terms string `json:"terms,omitempty"`
	// WordLists is set by Build on that document (see wordLists):
	// callers leave it empty.
	WordLists string `json:"wordlists,omitempty"`
	// Sections are the parts of the body under its headings. A hit
	// says which of them holds the query's words best (Hit.Section).
	Sections []Section `json:"sections,omitempty"`
}

// Section is the part of a document's body under one heading: the
// heading's anchor in the page (its id), its words, and the text
// (heading included) up to the next section.
//
// Sections go into an index of their own (BuildBoth), apart from
// the pages' (Build): it is as large again as the pages' index, since it
// holds the bodies' words a second time, and a reader's browser fetches
// it after the first results, which do not wait for it. Each section is
// a document with the ID DOCUMENT#ANCHOR (stored, not indexed: see
// storedID) and the fields sectionof (the ID of its page's document),
// heading (stored) and section (its text, analysed in the document's
// language, like the body: no positions, not stored). Once the hits of a query are known, the query's words are
// looked for in their sections (Index.OpenSections).
type Section struct {
	Anchor  string `json:"anchor"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// The fields of a section document (see Section).
const (
	sectionOf     = "sectionof"
	sectionHead   = "heading"
	sectionText   = "section"
	sectionIDMark = "#"
)

// sectionIndexed is the shape a Section takes in bleve.
type sectionIndexed struct {
	Type      string   `json:"-"`
	SectionOf []string `json:"sectionof"`
	Heading   string   `json:"heading"`
	Section   string   `json:"section"`
}

// BleveType makes bleve pick the section mapping of the page's language.
func (s sectionIndexed) BleveType() string { return s.Type }

// sectionType names the document mapping of sections in a language.
func sectionType(lang string) string {
	if _, ok := languageAnalyzer(lang); !ok {
		lang = ""
	}
	return "section:" + lang
}

// sectionDocuments are the documents of d's sections.
func (d Document) sectionDocuments() (ids []string, docs []sectionIndexed) {
	for _, s := range d.Sections {
		if s.Anchor == "" || strings.TrimSpace(s.Text) == "" {
			continue
		}
		ids = append(ids, d.ID+sectionIDMark+s.Anchor)
		docs = append(docs, sectionIndexed{Type: sectionType(d.Lang), SectionOf: []string{d.ID}, Heading: s.Heading, Section: s.Text})
	}
	return ids, docs
}

// indexed is the shape a Document takes in bleve. Codes are lists so that
// an empty one adds no term (and no empty facet value); the year is a
// code too, so it facets like the others.
type indexed struct {
	URL       string   `json:"url"`
	Type      []string `json:"type"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Body      string   `json:"body"`
	Areas     []string `json:"area"`
	Countries []string `json:"country"`
	Regions   []string `json:"region"`
	Orgs      []string `json:"organisation"`
	Status    []string `json:"status"`
	Level     []string `json:"level"`
	Year      []string `json:"year"`
	Lang      string   `json:"lang"`
	Tags      []string `json:"tag"`
	TagWords  string   `json:"tagwords"`
	Shown     []string `json:"shown"`
	Date      []string `json:"date"`
	SortTitle []string `json:"sorttitle"`
	Terms     string   `json:"terms"`
	WordLists string   `json:"wordlists"`
}

// lower is codes as keywordValue writes them in a query.
func lower(codes []string) []string {
	if len(codes) == 0 {
		return nil
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = strings.ToLower(c)
	}
	return out
}

func code(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func (d Document) indexed() indexed {
	year := ""
	if d.Year != 0 {
		year = strconv.Itoa(d.Year)
	}
	return indexed{URL: d.URL, Type: code(d.Type), Title: d.Title, Summary: d.Summary, Body: d.Body,
		Areas: d.Areas, Countries: d.Countries, Regions: d.Regions, Orgs: lower(d.Organisations), Status: code(d.Status), Level: code(d.Level),
		Year: code(year), Lang: d.Lang, Tags: d.Tags, TagWords: strings.Join(d.Tags, " "), Shown: d.Shown,
		Date: code(d.Date), SortTitle: code(Fold(d.Title)), Terms: d.Terms, WordLists: d.WordLists}
}

// TextFields are searched by words without a field name, with their
// boosts: a match in the title counts most. tagwords holds an item's tags
// as words (train-the-trainers as train, the, trainers), weighed as the
// summary; the tag field keeps them whole, for tag:x and the facets.
var TextFields = []struct {
	Name  string
	Boost float64
}{{"title", 4}, {"summary", 2}, {"tagwords", 2}, {"body", 1}}

// FacetFields are the fields results are counted by.
var FacetFields = []string{"type", "area", "country", "region", "status", "year"}

// keywordFields hold codes matched exactly; fieldAliases lets readers
// write the singular or plural.
var keywordFields = []string{"type", "area", "country", "region", "organisation", "status", "level", "year", "lang", "tag", "shown"}

// sortFields are kept for ordering only: the date, and the title folded
// (lowercase, no accents), so that browsing by title is alphabetical in
// every language.
var sortFields = []string{"date", "sorttitle"}

var fieldAliases = map[string]string{
	"areas": "area", "countries": "country", "regions": "region", "tags": "tag", "kind": "type",
	"organisations": "organisation", "organization": "organisation", "organizations": "organisation",
}
