// Package relevance measures how well a search answers the judged reader
// queries of search/testdata/judged.yaml: it reads the set, runs each
// query through polisee's search as the search page of the query's
// language does, and scores a tool's ranked answers with the mean
// reciprocal rank (MRR), recall@10 and the top-5 hit rate, overall and
// per kind of query.
//
// search/judged_test.go holds polisee to a floor on the set;
// cmd/polisee-relevance runs the same set through polisee and Pagefind on
// one built site and prints both side by side.
package relevance

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// TopN is how many results count: a query is answered when an expected
// page is among its first TopN results.
const TopN = 10

// Kinds are the kinds of query the set holds, in the order reports list
// them.
var Kinds = []string{"name", "accent", "multiword", "question", "typo", "prefix", "greek-inflection", "cross-language", "tag", "field"}

// Query is one judged query.
type Query struct {
	Query string `yaml:"query"`
	// Lang is the language of the search page the query is typed into.
	Lang string `yaml:"lang"`
	Kind string `yaml:"kind"`
	Note string `yaml:"note"`
	// Expect lists the right answers as page addresses relative to the
	// site root (practices/x/, el/practices/x/), in any order.
	Expect []string `yaml:"expect"`
}

// Load reads a judged set from a file.
func Load(path string) ([]Query, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	qs, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return qs, nil
}

// Parse reads a judged set and checks it: unknown fields, an unknown
// kind, a query without a note or expected pages, an address that is not
// a page path (no leading slash, ending in a slash) and a query listed
// twice for one language are errors. CheckLanguages checks the languages
// against a site's.
func Parse(data []byte) ([]Query, error) {
	var set struct {
		Queries []Query `yaml:"queries"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&set); err != nil {
		return nil, err
	}
	if len(set.Queries) == 0 {
		return nil, errors.New("no queries")
	}
	var errs []error
	seen := map[[2]string]bool{}
	for i, q := range set.Queries {
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("query %d (%q, %s): %s", i+1, q.Query, q.Lang, fmt.Sprintf(format, args...)))
		}
		switch {
		case strings.TrimSpace(q.Query) == "":
			bad("empty query")
		case q.Lang == "":
			bad("no lang")
		case !slices.Contains(Kinds, q.Kind):
			bad("kind %q is none of %s", q.Kind, strings.Join(Kinds, ", "))
		case strings.TrimSpace(q.Note) == "":
			bad("no note")
		case len(q.Expect) == 0:
			bad("no expected page")
		}
		key := [2]string{q.Query, q.Lang}
		if seen[key] {
			bad("listed twice")
		}
		seen[key] = true
		for _, u := range q.Expect {
			if strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || strings.Contains(u, "//") {
				bad("expected %q is not a page address such as practices/x/", u)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return set.Queries, nil
}

// CheckLanguages checks that every query's language is one of the
// site's (the default first), and that its expected pages are in that
// language's folder: el/... for el, no language folder for the default.
func CheckLanguages(qs []Query, languages []string) error {
	if len(languages) == 0 {
		return errors.New("no site languages")
	}
	var errs []error
	for i, q := range qs {
		if !slices.Contains(languages, q.Lang) {
			errs = append(errs, fmt.Errorf("query %d (%q): lang %q is not one of the site's (%s)", i+1, q.Query, q.Lang, strings.Join(languages, ", ")))
			continue
		}
		for _, u := range q.Expect {
			folder, _, _ := strings.Cut(u, "/")
			inOther := slices.Contains(languages[1:], folder)
			if q.Lang == languages[0] && inOther || q.Lang != languages[0] && folder != q.Lang {
				errs = append(errs, fmt.Errorf("query %d (%q, %s): expected %q is not a page of the %s search page's language", i+1, q.Query, q.Lang, u, q.Lang))
			}
		}
	}
	return errors.Join(errs...)
}

// Outcome is what a tool answered to one query.
type Outcome struct {
	Query Query
	Got   []string // page addresses, best first
	Rank  int      // of the first expected page within the first TopN, from 1; 0 when none
}

// NewOutcome ranks a tool's answer to q.
func NewOutcome(q Query, got []string) Outcome {
	return Outcome{Query: q, Got: got, Rank: Rank(q.Expect, got)}
}

// Rank returns the position (from 1) of the first page of got, within its
// first TopN, that expect lists; 0 when there is none.
func Rank(expect, got []string) int {
	for i, u := range got[:min(len(got), TopN)] {
		if slices.Contains(expect, u) {
			return i + 1
		}
	}
	return 0
}

// Figures are the scores of a tool on a set of queries.
type Figures struct {
	N int // queries
	// MRR is the mean of 1/rank of the first expected page within the
	// top 10 (0 for a query without one).
	MRR float64
	// Recall10 and Top5 are the fractions of queries with an expected
	// page within the first 10 and the first 5 results.
	Recall10, Top5 float64
}

// Score computes the figures of a list of outcomes.
func Score(outs []Outcome) Figures {
	f := Figures{N: len(outs)}
	if f.N == 0 {
		return f
	}
	var rr float64
	var in10, in5 int
	for _, o := range outs {
		if o.Rank == 0 {
			continue
		}
		rr += 1 / float64(o.Rank)
		in10++
		if o.Rank <= 5 {
			in5++
		}
	}
	n := float64(f.N)
	f.MRR, f.Recall10, f.Top5 = rr/n, float64(in10)/n, float64(in5)/n
	return f
}

// Filter returns the outcomes whose query keep accepts.
func Filter(outs []Outcome, keep func(Query) bool) []Outcome {
	var out []Outcome
	for _, o := range outs {
		if keep(o.Query) {
			out = append(out, o)
		}
	}
	return out
}

// OfKind accepts the queries of one kind.
func OfKind(kind string) func(Query) bool {
	return func(q Query) bool { return q.Kind == kind }
}
