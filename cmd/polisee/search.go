package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/clusterpolisee/polisee/search"
)

// searchUsage heads the flags in polisee search -h.
const searchUsage = `Usage: polisee search [flags] QUERY

QUERY is written as in the site's search box: words, "phrases", prefix*,
word~1, -word to leave pages out, field:value. A query that starts with -
goes after --, or the flags would take it: polisee search -- '-cluster policy'.

Flags:
`

// searchTimeout bounds one query from the command line.
const searchTimeout = 10 * time.Second

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("search", stderr)
	dir := fl.String("index", "public/search", "folder of the search index written by polisee build")
	asJSON := fl.Bool("json", false, "print hits and facet counts as JSON")
	n := fl.Int("n", 10, "number of results (at most 100)")
	facets := fl.Bool("facets", false, "print counts by type, area, country, region, status and year")
	lang := fl.String("lang", "", "language of the pages to search, then other languages whose analyzers read the query, comma-separated (default: the site's languages, the default first)")
	order := fl.String("sort", "", "order of the results: relevance (the default), date (newest first; the default for an empty query) or title")
	exact := fl.Bool("exact", false, "search the words as written, without the other names of glossary terms")
	fl.Usage = func() {
		fmt.Fprint(stderr, searchUsage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errReported
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(stderr, "polisee search: give a query, e.g. polisee search 'cluster accreditation country:HU' ('' lists every page)")
		return errReported
	}
	if *order != "" && !slices.Contains(search.Sorts, *order) {
		return fmt.Errorf("-sort %s: use one of: %s", *order, strings.Join(search.Sorts, ", "))
	}
	if *n < 1 {
		return fmt.Errorf("-n %d: give a number of results from 1 to 100", *n)
	}
	text := strings.Join(fl.Args(), " ")
	meta := readSearchMeta(*dir)
	langs := meta.Languages
	if *lang != "" {
		// The languages asked for first, then the site's others: the
		// pages of one language show pages of the default one too.
		langs = strings.Split(*lang, ",")
		for _, l := range meta.Languages {
			if !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
	}
	// On a multilingual site every page exists in every language: search
	// the pages of the first language asked for (its translations, and
	// the default language's pages it has none of), so that a page is
	// found once, and print where that language's page is.
	if *lang != "" && len(meta.Languages) > 0 && !slices.Contains(meta.Languages, langs[0]) {
		return fmt.Errorf("-lang %s: the site has no pages in %q; its languages are %s", *lang, langs[0], strings.Join(meta.Languages, ", "))
	}
	shown, pagePrefix := "", ""
	if meta.Format >= 2 && len(meta.Languages) > 1 && len(langs) > 0 {
		shown = langs[0]
		if shown != meta.Languages[0] {
			pagePrefix = shown + "/"
		}
	}
	ix, err := openSearchIndex(*dir, meta)
	if err != nil {
		return err
	}
	defer ix.Close()
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	res, err := ix.Search(ctx, search.Request{Query: text, Size: *n, Langs: langs, Shown: shown, Sort: *order, Exact: *exact})
	if err != nil {
		return err
	}
	for i := range res.Hits {
		res.Hits[i].URL = "/" + pagePrefix + strings.TrimPrefix(res.Hits[i].URL, "/")
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printResult(stdout, text, shown, res, *facets)
	return nil
}

// searchMeta is what search/meta.json says of a site's index.
type searchMeta struct {
	Format    int      `json:"format"`
	Languages []string `json:"languages"`
	Index     string   `json:"index"`
	Sections  string   `json:"sections"`
}

// readSearchMeta reads the search folder's meta.json; a site built before
// there was one has none, and an empty meta.
func readSearchMeta(dir string) searchMeta {
	var meta searchMeta
	if m, err := os.ReadFile(filepath.Join(dir, "meta.json")); err == nil {
		_ = json.Unmarshal(m, &meta)
	}
	return meta
}

// openSearchIndex opens the index of the search folder dir, and the index
// of its pages' sections when the site has one (hits then say where in a
// page the words are; a search works without it).
func openSearchIndex(dir string, meta searchMeta) (*search.Index, error) {
	// Since format 3 the index is named by its content (meta.json says
	// which file); earlier sites have index.zap.
	indexFile := filepath.Join(dir, search.IndexFile)
	if name := meta.Index; isIndexName(name) {
		indexFile = filepath.Join(dir, name)
	}
	data, err := os.ReadFile(indexFile)
	if err != nil {
		return nil, fmt.Errorf("search index: %w (run polisee build first, or point -index at a site's search folder)", err)
	}
	ix, err := search.Open(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", indexFile, err)
	}
	if name := meta.Sections; isIndexName(name) {
		sectionsFile := filepath.Join(dir, name)
		sections, err := os.ReadFile(sectionsFile)
		if err != nil {
			return nil, fmt.Errorf("search index of sections: %w (run polisee build again)", err)
		}
		if err := ix.OpenSections(sections); err != nil {
			return nil, fmt.Errorf("%s: %w", sectionsFile, err)
		}
	}
	return ix, nil
}

// isIndexName reports whether meta.json names an index file of its own
// folder.
func isIndexName(name string) bool {
	return name != "" && name == filepath.Base(name) && strings.HasSuffix(name, ".zap")
}

// printResult prints a search's result for people: what was found, each
// hit with its address, section and snippet, and, with facets, the counts.
func printResult(stdout io.Writer, text, shown string, res *search.Result, facets bool) {
	switch {
	case strings.TrimSpace(text) == "":
		fmt.Fprintf(stdout, "%d page%s\n\n", res.Total, plural(res.Total))
	case len(res.Hits) == 0:
		fmt.Fprintf(stdout, "no results for %q\n", text)
	case res.Near:
		fmt.Fprintf(stdout, "no results for %q; %d result%s for words close to it: %q\n\n", text, res.Total, plural(res.Total), printable(res.Suggestion))
	case res.Partial:
		fmt.Fprintf(stdout, "no page has every word of %q; %d partial match%s, most words first\n\n", text, res.Total, map[bool]string{true: "", false: "es"}[res.Total == 1])
	default:
		fmt.Fprintf(stdout, "%d result%s for %q\n\n", res.Total, plural(res.Total), text)
	}
	for i, h := range res.Hits {
		kind := h.Type
		if shown != "" && h.Lang != "" && h.Lang != shown {
			kind += ", in " + h.Lang // a page of the language asked for shows it untranslated
		}
		fmt.Fprintf(stdout, "%d. %s (%s)\n   %s\n", i+1, printable(h.Title), printable(kind), printable(strings.TrimPrefix(h.URL, "/")))
		if h.Anchor != "" {
			fmt.Fprintf(stdout, "   in the section %q: %s#%s\n", printable(h.Section), printable(strings.TrimPrefix(h.URL, "/")), printable(h.Anchor))
		}
		if h.Snippet != "" {
			fmt.Fprintf(stdout, "   %s\n", printable(plainSnippet(h.Snippet)))
		}
	}
	if facets {
		fmt.Fprintln(stdout)
		for _, name := range search.FacetFields {
			counts := res.Facets[name]
			if len(counts) == 0 {
				continue
			}
			var parts []string
			for _, c := range counts {
				parts = append(parts, fmt.Sprintf("%s %d", printable(c.Value), c.Count))
			}
			fmt.Fprintf(stdout, "%s: %s\n", name, strings.Join(parts, ", "))
		}
	}
}

// plainSnippet turns a highlighted HTML snippet into text, with matches
// between asterisks.
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "*", "</mark>", "*").Replace(s)
	return html.UnescapeString(s)
}

// printable replaces control characters, which content may carry in its
// bodies, so that the index cannot send escape sequences to a terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return '\uFFFD'
		}
		return r
	}, s)
}
