package search

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// TestBuildBothSharesAnalysis: analysing each section's text once for
// both indexes gives the bytes that analysing it twice gives, over
// several batches, with bodies whose sections are not their tail (left
// whole) among them; and Build's pages index is BuildBoth's.
func TestBuildBothSharesAnalysis(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	batchSize = 7
	docs := numberedCopies(40, func(i int, d *Document) {
		// Vary the words so that terms differ between batches.
		d.Body = strings.ReplaceAll(d.Body, "grants", fmt.Sprintf("grants%d", i%5))
		for k := range d.Sections {
			d.Sections[k].Text = strings.ReplaceAll(d.Sections[k].Text, "grants", fmt.Sprintf("grants%d", i%5))
		}
		if i%9 == 4 && len(d.Sections) > 1 {
			// A body that its sections do not end: analysed whole.
			d.Body += "Postscript after the sections.\n"
		}
	})
	if got := bodyParts(docs[0]); len(got) != 4 || got[0] != "Intro.\n" || strings.Join(got, "") != docs[0].Body {
		t.Fatalf("bodyParts of %s = %q; want the intro and three sections, which make the body", docs[0].ID, got)
	}
	if got := bodyParts(docs[3*4]); got != nil || !strings.HasSuffix(docs[3*4].Body, "Postscript after the sections.\n") {
		t.Fatalf("bodyParts of a body with text after its sections = %q; want nil", got)
	}
	ctx := context.Background()
	pages, sections, err := BuildBoth(ctx, docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pages2, sections2, err := inHeap(build(ctx, docs, nil, t.TempDir(), true, false))
	if err != nil {
		t.Fatal(err)
	}
	// BuildSegments gives the same bytes from files it removed already
	// (mapped, where the system allows).
	work := t.TempDir()
	segs, err := BuildSegments(ctx, docs, nil, work)
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("BuildSegments left %d files in its folder", len(left))
	}
	if !bytes.Equal(segs.Pages, pages) || !bytes.Equal(segs.Sections, sections) {
		t.Errorf("BuildSegments: %d and %d bytes, unlike BuildBoth's %d and %d", len(segs.Pages), len(segs.Sections), len(pages), len(sections))
	}
	// Evicted, the bytes read the same (from the files, removed but
	// still mapped), and the writers give them whole.
	segs.Evict()
	var wp, ws bytes.Buffer
	if err := segs.WritePages(&wp); err != nil {
		t.Fatal(err)
	}
	if err := segs.WriteSections(&ws); err != nil {
		t.Fatal(err)
	}
	segs.Evict()
	if !bytes.Equal(segs.Pages, pages) || !bytes.Equal(segs.Sections, sections) || !bytes.Equal(wp.Bytes(), pages) || !bytes.Equal(ws.Bytes(), sections) {
		t.Errorf("after Evict: %d and %d bytes mapped, %d and %d written; want BuildBoth's %d and %d", len(segs.Pages), len(segs.Sections), wp.Len(), ws.Len(), len(pages), len(sections))
	}
	segs.Close()
	if segs.Pages != nil || segs.Sections != nil {
		t.Error("Close left the segments' bytes in place")
	}
	alone, err := Build(ctx, docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pages, pages2) || !bytes.Equal(pages, alone) {
		t.Errorf("pages index: %d bytes with shared analysis, %d without, %d from Build; want the same bytes", len(pages), len(pages2), len(alone))
	}
	if len(sections) == 0 || !bytes.Equal(sections, sections2) {
		t.Errorf("sections index: %d bytes with shared analysis, %d without; want the same bytes", len(sections), len(sections2))
	}
	// And the indexes answer.
	ix, err := Open(pages)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.OpenSections(sections); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, Request{Query: "grants3", Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 8 { // i = 3, 8, 13, ..., 38: the one English document with grants each
		t.Errorf("grants3: %d hits, want 8", res.Total)
	}
	for _, h := range res.Hits {
		if h.Anchor != "funding" {
			t.Errorf("grants3: hit %s names the section %q, want funding", h.ID, h.Anchor)
		}
	}
}

// TestTermCountsAsBleve: termCounts gives the terms and counts that
// bleve's analysis.TokenFrequency gives for a field without term vectors,
// with and without counts, over texts with many repeated words, in the
// order each term is first found; and the map made from them is bleve's.
func TestTermCountsAsBleve(t *testing.T) {
	words := strings.Fields("cluster policy cluster innovation vouchers Cluster policy regional smart smart smart specialisation ΚΑΙ και")
	for n := range 60 {
		var tokens analysis.TokenStream
		for i := range n * 7 {
			w := words[(i*i+n)%len(words)]
			tokens = append(tokens, &analysis.Token{Term: []byte(w), Position: i + 1})
		}
		for _, opts := range []index.FieldIndexingOptions{index.IndexField, index.IndexField | index.SkipFreqNorm} {
			want := analysis.TokenFrequency(tokens, nil, opts)
			got := termCounts(tokens, !opts.SkipFreqNorm())
			if len(got.keys) != len(want) || len(got.counts) != len(want) {
				t.Fatalf("%d tokens: %d terms, want %d", len(tokens), len(got.keys), len(want))
			}
			seen := map[string]bool{}
			for i, k := range got.keys {
				w := want[k]
				if w == nil || seen[k] || int(got.counts[i]) != w.Frequency() {
					t.Fatalf("%d tokens, term %q: count %d, want %+v", len(tokens), k, got.counts[i], w)
				}
				seen[k] = true
			}
			if len(got.keys) > 0 && got.keys[0] != string(tokens[0].Term) {
				t.Fatalf("first term %q, want the first token's %q", got.keys[0], tokens[0].Term)
			}
			m := got.frequencies()
			for k, w := range want {
				g := m[k]
				if g == nil || !bytes.Equal(g.Term, w.Term) || g.Frequency() != w.Frequency() || len(g.Locations) != 0 {
					t.Fatalf("%d tokens, term %q: map has %+v, want %+v", len(tokens), k, g, w)
				}
			}
		}
	}
}

// TestAllFieldStaysEmpty: composed as scorch composes it, every mapped
// document's _all field is empty, in every language, for pages and
// sections, so analyze may leave it alone.
func TestAllFieldStaysEmpty(t *testing.T) {
	m, err := Mapping()
	if err != nil {
		t.Fatal(err)
	}
	docs := withWordLists(numberedCopies(1, func(int, *Document) {}))
	for _, l := range languages {
		docs = append(docs, Document{ID: "x-" + l.code, Lang: l.code, Type: "practice", Title: "Title words", Summary: "Summary words", Body: "Body words", Tags: []string{"tag"}, Areas: []string{"area"}})
	}
	checked := 0
	for _, d := range docs {
		ids, sections := d.sectionDocuments()
		values := []any{d.indexed()}
		names := []string{d.ID}
		for i := range ids {
			values, names = append(values, sections[i]), append(names, ids[i])
		}
		for i, v := range values {
			doc := document.NewDocument(names[i])
			if err := m.MapDocument(doc, v); err != nil {
				t.Fatal(err)
			}
			doc.AddIDField()
			doc.VisitFields(func(f index.Field) {
				if !f.Options().IsIndexed() {
					return
				}
				f.Analyze()
				if doc.HasComposite() && f.Name() != "_id" {
					doc.VisitComposite(func(cf index.CompositeField) {
						cf.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
					})
				}
			})
			doc.VisitComposite(func(cf index.CompositeField) {
				checked++
				if cf.AnalyzedLength() != 0 || len(cf.AnalyzedTokenFrequencies()) != 0 {
					t.Errorf("%s: composite field %s has %d words", names[i], cf.Name(), cf.AnalyzedLength())
				}
			})
		}
	}
	if checked < len(docs) {
		t.Fatalf("%d composite fields checked for %d documents", checked, len(docs))
	}
}

// numberedCopies makes n copies of sectionDocs(true), the i-th's IDs
// ending in -i, each changed by vary.
func numberedCopies(n int, vary func(i int, d *Document)) []Document {
	var docs []Document
	for i := range n {
		for _, d := range sectionDocs(true) {
			d.ID = fmt.Sprintf("%s-%02d", d.ID, i)
			d.URL = d.ID + "/"
			vary(i, &d)
			docs = append(docs, d)
		}
	}
	return docs
}

// TestWrittenDirectAsZapx: the segments zapwrite writes in one pass are,
// byte for byte, those zapx makes a batch at a time and merges (or, for
// one batch, writes alone), over several batch sizes: one batch, batches
// that end inside a page's sections, a batch of one document.
func TestWrittenDirectAsZapx(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	saved := writeSegments
	defer func() { writeSegments = saved }()
	docs := numberedCopies(30, func(i int, d *Document) {
		d.Body = strings.ReplaceAll(d.Body, "grants", fmt.Sprintf("grants%d", i%5))
		for k := range d.Sections {
			d.Sections[k].Text = strings.ReplaceAll(d.Sections[k].Text, "grants", fmt.Sprintf("grants%d", i%5))
		}
		if i%3 == 1 {
			d.Body += fmt.Sprintf("A word of its own: only%d.\n", i)
		}
		if i%4 == 2 {
			d.Tags = append(d.Tags, fmt.Sprintf("tag%d", i), "shared tag")
		}
		if n := len(d.Sections); n > 0 && strings.HasSuffix(d.Body, d.Sections[n-1].Text) {
			// A word in one section of one page, once: the sections
			// index has terms in one document too.
			solo := fmt.Sprintf("Solo%s.\n", strings.NewReplacer("/", "", "-", "").Replace(d.ID))
			d.Sections[n-1].Text += solo
			d.Body += solo
		}
	})
	ctx := context.Background()
	sections := 0
	for _, d := range docs {
		sections += len(d.Sections)
	}
	// One batch of pages with more sections than a batch holds: zapx
	// makes one sections segment all the same, which is not merged.
	if sections <= len(docs)+1 {
		t.Fatalf("%d sections for %d documents: the test wants more", sections, len(docs))
	}
	for _, n := range []int{1000, 7, 1, 64, len(docs) + 1} {
		batchSize = n
		writeSegments = zapxSegments
		pages, sections, err := BuildBoth(ctx, docs, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		writeSegments = buildDirect
		pages2, sections2, err := BuildBoth(ctx, docs, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(pages, pages2) {
			t.Errorf("batches of %d: pages index %d bytes written directly, %d by zapx; first difference at %d", n, len(pages2), len(pages), firstDiff(pages, pages2))
		}
		if !bytes.Equal(sections, sections2) {
			t.Errorf("batches of %d: sections index %d bytes written directly, %d by zapx; first difference at %d", n, len(sections2), len(sections), firstDiff(sections, sections2))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
