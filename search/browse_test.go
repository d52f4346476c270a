package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// browseDocs: two languages, dates, and a glossary term with its Greek
// name and an alias.
var browseDocs = []Document{
	{ID: "practices/b", URL: "practices/b/", Type: "practice", Title: "Cluster vouchers", Summary: "Small grants for cluster members.", Lang: "en", Shown: []string{"en", "el"}, Date: "2014"},
	{ID: "practices/a", URL: "practices/a/", Type: "practice", Title: "Ágora of clusters", Summary: "A meeting place for firms.", Lang: "en", Shown: []string{"en", "el"}, Date: "2019-05-01"},
	{ID: "glossary/cluster", URL: "glossary/cluster/", Type: "term", Title: "Cluster", Summary: "A group of firms and institutions in one field and place.", Lang: "en", Shown: []string{"en"}},
	{ID: "glossary/cluster.el", URL: "el/glossary/cluster/", Type: "term", Title: "Συνεργατικός σχηματισμός (cluster)", Summary: "Ομάδα επιχειρήσεων και φορέων.", Lang: "el", Shown: []string{"el"}},
	{ID: "documents/s3", URL: "documents/s3/", Type: "document", Title: "Regional innovation strategy", Summary: "How the region chose its priorities.", Lang: "en", Shown: []string{"en", "el"}, Date: "2016-02"},
	TermsDocument([]Term{
		{IDs: []string{"glossary/cluster", "glossary/cluster.el"}, Names: []string{"Cluster", "Συνεργατικός σχηματισμός (cluster)"}},
		{Names: []string{"Smart specialisation strategy", "Στρατηγική έξυπνης εξειδίκευσης", "regional innovation strategy"}},
	}),
}

func openBrowse(t *testing.T) *Index {
	t.Helper()
	data, err := Build(context.Background(), browseDocs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// An empty query lists every page of the language, newest first (pages
// without a date last, by ID), with facets; it can be ordered by title
// (accents folded) or relevance. The terms document is never a hit.
func TestBrowse(t *testing.T) {
	ix := openBrowse(t)
	if ix.Len() != len(browseDocs)-1 {
		t.Errorf("Len = %d; want the %d pages, without the terms document", ix.Len(), len(browseDocs)-1)
	}
	ctx := context.Background()
	for _, c := range []struct{ sort, shown, want string }{
		{"", "en", "practices/a documents/s3 practices/b glossary/cluster"},
		{"date", "en", "practices/a documents/s3 practices/b glossary/cluster"},
		{"title", "en", "practices/a glossary/cluster practices/b documents/s3"},
		{"", "el", "practices/a documents/s3 practices/b glossary/cluster.el"},
		{"", "", "practices/a documents/s3 practices/b glossary/cluster glossary/cluster.el"},
	} {
		r, err := ix.Search(ctx, Request{Query: " ", Sort: c.sort, Shown: c.shown, Langs: []string{"en", "el"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(r); got != c.want {
			t.Errorf("browse sort %q shown %q: %s; want %s", c.sort, c.shown, got, c.want)
		}
		if len(r.Facets["type"]) == 0 {
			t.Errorf("browse sort %q: no facets", c.sort)
		}
	}
	if _, err := ix.Search(ctx, Request{Query: "cluster", Sort: "size"}); !errors.Is(err, ErrQuery) {
		t.Errorf("an unknown order: %v; want a query error", err)
	}
	r, err := ix.Search(ctx, Request{Query: "cluster", Sort: "title"})
	if err != nil || ids(r) != "practices/a glossary/cluster practices/b glossary/cluster.el" {
		t.Errorf("cluster by title: %v %v", ids(r), err)
	}
}

// A query naming a glossary term in one language finds the pages that
// name it in another, below those with the reader's own words; an alias
// counts as a name; quotes, or Exact, keep the words as written.
func TestCrossLanguageTerms(t *testing.T) {
	ix := openBrowse(t)
	ctx := context.Background()
	en := []string{"en", "el"}
	for _, c := range []struct {
		q     string
		exact bool
		want  string
	}{
		{"συνεργατικός σχηματισμός", false, "glossary/cluster practices/a practices/b"},
		{"συνεργατικοι σχηματισμοι", false, "glossary/cluster practices/a practices/b"}, // inflected, unaccented
		{"συνεργατικός σχηματισμός", true, ""},
		{`"συνεργατικός σχηματισμός"`, false, ""},
		{"smart specialisation strategy", false, "documents/s3"}, // through the alias
	} {
		r, err := ix.Search(ctx, Request{Query: c.q, Langs: en, Shown: "en", Exact: c.exact})
		if err != nil {
			t.Fatal(err)
		}
		if r.Near || r.Partial {
			r = &Result{} // the retries are not what this test is about
		}
		got := strings.Fields(ids(r))
		slices.Sort(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q (exact %v): %q; want %q (in any order)", c.q, c.exact, got, c.want)
		}
	}
	// A query that is a term's name puts the term's page first.
	r, err := ix.Search(ctx, Request{Query: "Συνεργατικοί σχηματισμοί", Langs: en, Shown: "en"})
	if err != nil || len(r.Hits) == 0 || r.Hits[0].ID != "glossary/cluster" {
		t.Errorf("the term's page is not first: %v %v", ids(r), err)
	}
	// The reader's own words rank above the other names.
	r, err = ix.Search(ctx, Request{Query: "cluster vouchers", Langs: []string{"el", "en"}, Shown: "el", Exact: false})
	if err != nil || len(r.Hits) == 0 || r.Hits[0].ID != "practices/b" {
		t.Errorf("cluster vouchers on the Greek pages: %v %v", ids(r), err)
	}
}
