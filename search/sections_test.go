package search

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// sectionDocs: a practice with sections, one in Greek with a section, and
// a page without sections.
func sectionDocs(withSections bool) []Document {
	docs := []Document{
		{ID: "practices/vouchers", URL: "practices/vouchers/", Type: "practice", Lang: "en", Shown: []string{"en", "el"},
			Title: "Innovation vouchers for cluster members", Summary: "Small grants that buy research services.",
			Body: "Intro.\nDescription\nThe agency pays research institutes for services to firms.\nFunding\nThe regional operational programme co-financed the grants, up to 10,000 euro each.\nLessons\nKeep the forms short; firms value speed over size.\n",
			Sections: []Section{
				{Anchor: "description", Heading: "Description", Text: "Description\nThe agency pays research institutes for services to firms.\n"},
				{Anchor: "funding", Heading: "Funding", Text: "Funding\nThe regional operational programme co-financed the grants, up to 10,000 euro each.\n"},
				{Anchor: "lessons", Heading: "Lessons", Text: "Lessons\nKeep the forms short; firms value speed over size.\n"},
			}},
		{ID: "practices/mentoring", URL: "practices/mentoring/", Type: "practice", Lang: "el", Shown: []string{"el", "en"},
			Title: "Καθοδήγηση συνεργατικών σχηματισμών", Summary: "Σύμβουλοι για τους φορείς διαχείρισης.",
			Body: "Περιγραφή\nΈμπειροι σύμβουλοι βοηθούν τους διαχειριστές.\nΧρηματοδότηση\nΤο πρόγραμμα χρηματοδότησε τις επισκέψεις.\n",
			Sections: []Section{
				{Anchor: "περιγραφή", Heading: "Περιγραφή", Text: "Περιγραφή\nΈμπειροι σύμβουλοι βοηθούν τους διαχειριστές.\n"},
				{Anchor: "χρηματοδότηση", Heading: "Χρηματοδότηση", Text: "Χρηματοδότηση\nΤο πρόγραμμα χρηματοδότησε τις επισκέψεις.\n"},
			}},
		{ID: "documents/strategy", URL: "documents/strategy/", Type: "document", Lang: "en", Shown: []string{"en", "el"},
			Title: "Regional strategy", Summary: "Priorities for research and firms.", Body: "The programme co-financed research.\n"},
	}
	if !withSections {
		for i := range docs {
			docs[i].Sections = nil
		}
	}
	return docs
}

// openDocs opens the index of docs and the index of their sections.
func openDocs(t *testing.T, docs []Document) *Index {
	t.Helper()
	ctx := context.Background()
	data, sections, err := BuildBoth(ctx, docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if sections != nil {
		if err := ix.OpenSections(sections); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// A hit names the section that holds the query's words best; a page
// without sections, or whose sections hold none of the words, names none.
func TestHitsNameTheirSection(t *testing.T) {
	ix := openDocs(t, sectionDocs(true))
	if ix.Len() != 3 {
		t.Errorf("Len = %d; want the 3 pages", ix.Len())
	}
	ctx := context.Background()
	for _, c := range []struct {
		q, langs string
		want     map[string]string // hit ID -> anchor ("" for none)
	}{
		{"operational programme", "en", map[string]string{"practices/vouchers": "funding"}},
		{"co-financed", "en", map[string]string{"practices/vouchers": "funding", "documents/strategy": ""}},
		{"forms speed", "en", map[string]string{"practices/vouchers": "lessons"}},
		{"research firms", "en", map[string]string{"practices/vouchers": "description", "documents/strategy": ""}},
		{"vouchers", "en", map[string]string{"practices/vouchers": ""}}, // title only
		{"vouchers speed", "en", map[string]string{"practices/vouchers": "lessons"}},
		{`"forms short" country:xx`, "en", map[string]string{}},
		{"χρηματοδοτηση", "el,en", map[string]string{"practices/mentoring": "χρηματοδότηση"}}, // folded and stemmed, as the body
		{"title:vouchers", "en", map[string]string{"practices/vouchers": ""}},
		{"voucher~1 -speed", "en", map[string]string{}},
	} {
		r, err := ix.Search(ctx, Request{Query: c.q, Langs: strings.Split(c.langs, ",")})
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		got := map[string]string{}
		for _, h := range r.Hits {
			got[h.ID] = h.Anchor
			if (h.Anchor == "") != (h.Section == "") {
				t.Errorf("%q: hit %s has anchor %q and section %q", c.q, h.ID, h.Anchor, h.Section)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: sections %v; want %v", c.q, got, c.want)
		}
	}
	r, err := ix.Search(ctx, Request{Query: "forms", Langs: []string{"en"}})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].Section != "Lessons" || r.Hits[0].Lang != "en" {
		t.Errorf("forms: %+v, %v; want the vouchers page, in the section Lessons, in English", r, err)
	}
	r, err = ix.Search(ctx, Request{Query: "σύμβουλοι", Langs: []string{"el"}})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].Lang != "el" || r.Hits[0].Section != "Περιγραφή" {
		t.Errorf("σύμβουλοι: %+v, %v; want the Greek page, in Greek, in the section Περιγραφή", r, err)
	}
}

// Sections change no page's index, and no hit or score: the same
// queries give the same hits with the same scores with and without them;
// until the sections are open, hits name none.
func TestSectionsChangeNoRanking(t *testing.T) {
	ctx := context.Background()
	a, err := Build(ctx, sectionDocs(true), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(ctx, sectionDocs(false), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("the pages' index differs with sections (%d bytes) and without (%d)", len(a), len(b))
	}
	if _, s, err := BuildBoth(ctx, sectionDocs(false), t.TempDir()); s != nil || err != nil {
		t.Errorf("BuildBoth's sections without sections = %d bytes, %v; want nil", len(s), err)
	}
	pagesOnly, err := Open(a)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pagesOnly.Search(ctx, Request{Query: "forms", Langs: []string{"en"}})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].Anchor != "" {
		t.Errorf("forms, sections not open: %+v, %v; want one hit naming no section", r, err)
	}
	with, without := openDocs(t, sectionDocs(true)), openDocs(t, sectionDocs(false))
	for _, q := range []string{"", "programme", "research", "firms research", "co-financed", "type:practice", "lang:el", "χρηματοδότηση", "forms~1", "fund*", "\"regional strategy\"", "how to fund research"} {
		for _, shown := range []string{"", "en"} {
			req := Request{Query: q, Langs: []string{"en", "el"}, Shown: shown}
			a, err := with.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			b, err := without.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
				t.Errorf("%q shown %q: %d hits (%d) with sections, %d (%d) without", q, shown, len(a.Hits), a.Total, len(b.Hits), b.Total)
				continue
			}
			for i := range a.Hits {
				if strings.Contains(a.Hits[i].ID, sectionIDMark) {
					t.Errorf("%q: a section is a hit: %s", q, a.Hits[i].ID)
				}
				if a.Hits[i].ID != b.Hits[i].ID || a.Hits[i].Score != b.Hits[i].Score {
					t.Errorf("%q shown %q hit %d: %s %v with sections, %s %v without", q, shown, i, a.Hits[i].ID, a.Hits[i].Score, b.Hits[i].ID, b.Hits[i].Score)
				}
			}
			if fmt.Sprint(a.Facets) != fmt.Sprint(b.Facets) {
				t.Errorf("%q: facets %v with sections, %v without", q, a.Facets, b.Facets)
			}
		}
	}
}

// TestSectionIDsAreStoredNotIndexed: a section's document stores its ID
// (DOCUMENT#ANCHOR), which names the section of a hit, but does not
// index it: no query looks a section up by its ID, and the sections of
// a site are several times its pages. The pages' IDs stay indexed.
func TestSectionIDsAreStoredNotIndexed(t *testing.T) {
	pages, sections, err := BuildBoth(context.Background(), sectionDocs(true), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	countIDs := func(data []byte) (terms int, stored []string) {
		seg, n, err := openSegment(data)
		if err != nil {
			t.Fatal(err)
		}
		src := zapSource{seg}
		if err := src.walk("_id", nil, nil, func(string) (bool, error) { terms++; return true, nil }); err != nil {
			t.Fatal(err)
		}
		for d := range n {
			id, _, err := storedFields(src, d)
			if err != nil {
				t.Fatal(err)
			}
			stored = append(stored, id)
		}
		return terms, stored
	}
	terms, ids := countIDs(sections)
	if terms != 0 {
		t.Errorf("the sections' index has %d ID terms, want none", terms)
	}
	want := []string{"practices/mentoring#περιγραφή", "practices/mentoring#χρηματοδότηση", "practices/vouchers#description", "practices/vouchers#funding", "practices/vouchers#lessons"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("sections' stored IDs %q, want %q", ids, want)
	}
	if terms, ids := countIDs(pages); terms != len(ids) || terms == 0 {
		t.Errorf("the pages' index has %d ID terms for %d documents", terms, len(ids))
	}
}
