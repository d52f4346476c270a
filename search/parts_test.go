package search

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// searchInParts runs a request on an index in parts as the browser does:
// when the search names parts it lacks, they are added and it is asked
// again. It returns the result and the parts fetched, round by round.
func searchInParts(t testing.TB, ix *Index, p *Parts, r Request) (*Result, [][]string, error) {
	t.Helper()
	var rounds [][]string
	for range 20 {
		res, err := ix.Search(context.Background(), r)
		var need *NeedError
		if !errors.As(err, &need) {
			return res, rounds, err
		}
		if len(need.Parts) == 0 {
			t.Fatalf("%q: a NeedError without parts", r.Query)
		}
		for _, name := range need.Parts {
			data, ok := p.Parts[name]
			if !ok {
				t.Fatalf("%q: the search needs %s, which the parts lack", r.Query, name)
			}
			if err := ix.AddPart(name, data); err != nil {
				t.Fatalf("%q: adding %s: %v", r.Query, name, err)
			}
		}
		rounds = append(rounds, need.Parts)
	}
	t.Fatalf("%q: still needing parts after 20 rounds: %v", r.Query, rounds)
	return nil, nil, nil
}

// TestPartsRankAsTheWholeIndex holds the index in parts against the
// whole index, on 10,000 generated documents: every query of the
// generated set, in four kinds of requests, gives the same result (hits,
// scores, order, facets, suggestions), each on an index in parts opened
// afresh, so that it fetches what it needs from nothing.
func TestPartsRankAsTheWholeIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 10,000 documents")
	}
	docs, vocab := generatedDocs(10000, 3)
	data, err := Build(context.Background(), append(docs, TermsDocument(testTerms)), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, layout := range []PartsLayout{DefaultPartsLayout(len(docs)), {ShardBytes: 2 << 10, ChunkDocs: 7}} {
		p, err := WriteParts(data, layout)
		if err != nil {
			t.Fatal(err)
		}
		queries := append(generatedQueries(vocab, 150, 5), "", "clstuer", "polcy innovaton", "tag:wine", "smart spec", "microelec", "εταιρείες")
		compared, fetched, most, mostQ := 0, 0, 0, ""
		for i, text := range queries {
			for _, r := range []Request{
				{Query: text, Langs: []string{"en"}, Shown: "en"},
				{Query: text, Langs: []string{"el", "en"}, Shown: "el", Size: 20},
				{Query: text, Langs: []string{"en"}, Sort: "date", Size: 20},
				{Query: text, Langs: []string{"en", "el"}, Sort: "title", From: 10},
			} {
				want, wantErr := whole.Search(context.Background(), r)
				ix, err := OpenParts(p.Head)
				if err != nil {
					t.Fatal(err)
				}
				got, rounds, err := searchInParts(t, ix, p, r)
				if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
					t.Fatalf("query %d %q %+v: error %v, the whole index's %v", i, text, r, err, wantErr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("query %d %q %+v: in parts\n%+v\nwhole\n%+v", i, text, r, got, want)
				}
				for _, round := range rounds {
					fetched += len(round)
				}
				if len(rounds) > most {
					most, mostQ = len(rounds), text
				}
				compared++
			}
		}
		if compared < 600 {
			t.Fatalf("only %d requests compared", compared)
		}
		t.Logf("layout %+v: %d parts, head %d bytes; %d requests compared, %.1f parts fetched a request, at most %d rounds (%q)", layout, len(p.Parts), len(p.Head), compared, float64(fetched)/float64(compared), most, mostQ)
	}
}

// TestWritePartsToStreams: WritePartsTo gives put each of WriteParts's
// parts once, and returns its head, whatever the number of keys encoded
// at a time; an error from put stops the cut and is returned.
func TestWritePartsToStreams(t *testing.T) {
	docs, _ := generatedDocs(300, 4)
	data, err := Build(context.Background(), docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	layout := PartsLayout{ShardBytes: 1 << 10, ChunkDocs: 4} // 75 chunks: more than one batch of them
	want, err := WriteParts(data, layout)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { keyBatch = n }(keyBatch)
	for _, batch := range []int{1, 7, 1 << 20} {
		keyBatch = batch
		got := map[string][]byte{}
		head, err := WritePartsTo(data, layout, func(name string, b []byte) error {
			if _, twice := got[name]; twice {
				t.Errorf("batch %d: part %s given twice", batch, name)
			}
			got[name] = b
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(head, want.Head) {
			t.Errorf("batch %d: the head differs from WriteParts's", batch)
		}
		if len(got) != len(want.Parts) {
			t.Errorf("batch %d: %d parts, WriteParts made %d", batch, len(got), len(want.Parts))
		}
		for name, b := range want.Parts {
			if !bytes.Equal(got[name], b) {
				t.Errorf("batch %d: part %s differs or is missing", batch, name)
			}
		}
	}
	full := errors.New("no space left on device")
	calls := 0
	_, err = WritePartsTo(data, layout, func(string, []byte) error {
		if calls++; calls == 3 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) || calls != 3 {
		t.Errorf("put failed on its third part: WritePartsTo returned %v after %d calls", err, calls)
	}
}

// TestPartsRefuseDamage: a damaged head or part is an error naming it,
// never a crash.
func TestPartsRefuseDamage(t *testing.T) {
	docs, _ := generatedDocs(300, 4)
	data, err := Build(context.Background(), docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := WriteParts(data, PartsLayout{ShardBytes: 1 << 10, ChunkDocs: 16})
	if err != nil {
		t.Fatal(err)
	}
	for cut := range len(p.Head) {
		if _, err := OpenParts(p.Head[:cut]); err == nil {
			t.Fatalf("a head cut at %d of %d bytes opened", cut, len(p.Head))
		}
	}
	ix, err := OpenParts(p.Head)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range p.Parts {
		for _, cut := range []int{0, 1, len(b) / 2, len(b) - 1} {
			err := ix.AddPart(name, b[:cut])
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), name) {
				t.Errorf("part %s cut at %d: %v does not say the part is damaged", name, cut, err)
			}
		}
		flipped := slices.Clone(b)
		flipped[len(b)/2] ^= 1
		if err := ix.AddPart(name, flipped); !errors.Is(err, ErrCorrupt) {
			t.Errorf("part %s with a byte changed: %v", name, err)
		}
	}
	for i := range p.Head {
		flipped := slices.Clone(p.Head)
		flipped[i] ^= 0x10
		if _, err := OpenParts(flipped); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("a head with byte %d changed: %v", i, err)
		}
	}
	newer := append([]byte(partsFormat+"3\n"), p.Head[len(partsMagic):]...)
	if _, err := OpenParts(newer); err == nil || !strings.Contains(err.Error(), "another version of polisee") {
		t.Errorf("a head of another version: %v", err)
	}
	if err := ix.AddPart("nothing", nil); err == nil {
		t.Error("a part the head does not name was taken")
	}
}

// buildWithSections builds both indexes of docs and the glossary's terms,
// and opens the whole pages' index with its sections.
func buildWithSections(t *testing.T, docs []Document) (pages, sections []byte, whole *Index) {
	t.Helper()
	pages, sections, err := BuildBoth(context.Background(), append(docs, TermsDocument(testTerms)), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if whole, err = Open(pages); err != nil {
		t.Fatal(err)
	}
	if err := whole.OpenSections(sections); err != nil {
		t.Fatal(err)
	}
	return pages, sections, whole
}

// TestSectionsPartsLeaveOutPageIDsFromWords: the words of the sections'
// index in parts (SectionsPartsLayout) hold the sections' words but not
// their pages' IDs (sectionof), in which no query looks for a prefix, a
// pattern or a misspelling; the shards and chunks are the same. (The
// queries, prefixes and misspellings among them, run on these parts in
// TestSectionsInPartsAsWhole.)
func TestSectionsPartsLeaveOutPageIDsFromWords(t *testing.T) {
	docs, _ := generatedDocs(300, 5)
	_, sections, _ := buildWithSections(t, docs)
	n, err := CountDocuments(sections)
	if err != nil {
		t.Fatal(err)
	}
	all, err := WriteParts(sections, DefaultPartsLayout(n))
	if err != nil {
		t.Fatal(err)
	}
	cut, err := WriteParts(sections, SectionsPartsLayout(n))
	if err != nil {
		t.Fatal(err)
	}
	for name := range all.Parts {
		if !strings.HasPrefix(name, "w.") && cut.Parts[name] == nil {
			t.Errorf("part %s is not among the sections' parts", name)
		}
	}
	withSections := 0
	for _, d := range docs {
		if ids, _ := d.sectionDocuments(); len(ids) > 0 {
			withSections++
		}
	}
	for _, c := range []struct {
		parts    *Parts
		pageIDs  int
		sections bool
	}{{all, withSections, false}, {cut, 0, true}} {
		src, err := openPartsHead(c.parts.Head)
		if err != nil {
			t.Fatal(err)
		}
		if err := src.add(src.words, c.parts.Parts[src.words]); err != nil {
			t.Fatal(err)
		}
		count := func(field string) (n int) {
			src.walk(field, nil, nil, func(string) (bool, error) { n++; return true, nil })
			return n
		}
		if n := count(sectionText); n == 0 {
			t.Errorf("sections' layout %v: no word of the sections among the words", c.sections)
		}
		if n := count(sectionOf); n != c.pageIDs {
			t.Errorf("sections' layout %v: %d pages' IDs among the words, want %d", c.sections, n, c.pageIDs)
		}
	}
}

// TestSectionsInPartsAsWhole holds the sections in parts against the
// whole sections' index: on 3,000 generated documents with sections,
// every query names the same section on the same hits, fetching the
// sections' parts a query needs after the pages' parts, and only a few
// of them.
func TestSectionsInPartsAsWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 3,000 documents")
	}
	docs, vocab := generatedDocs(3000, 5)
	pages, sections, whole := buildWithSections(t, docs)
	pp, err := WriteParts(pages, DefaultPartsLayout(len(docs)))
	if err != nil {
		t.Fatal(err)
	}
	sectionDocs := 0
	for _, d := range docs {
		sectionDocs += len(d.Sections)
	}
	sp, err := WriteParts(sections, SectionsPartsLayout(sectionDocs))
	if err != nil {
		t.Fatal(err)
	}
	both := &Parts{Parts: maps.Clone(pp.Parts)}
	maps.Copy(both.Parts, sp.Parts)

	ix, err := OpenParts(pp.Head)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.OpenSections(sp.Head); err != nil {
		t.Fatal(err)
	}
	named, sectionParts, compared := 0, 0, 0
	for i, text := range append(generatedQueries(vocab, 120, 9), "cluster policy", "innovation", "συστάδες") {
		for _, r := range []Request{
			{Query: text, Langs: []string{"en"}, Shown: "en"},
			{Query: text, Langs: []string{"en"}, Sort: "date", Size: 20},
		} {
			want, wantErr := whole.Search(context.Background(), r)
			got, rounds, err := searchInParts(t, ix, both, r)
			if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
				t.Fatalf("query %d %q: error %v, the whole index's %v", i, text, err, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("query %d %q %+v: in parts\n%+v\nwhole\n%+v", i, text, r, got, want)
			}
			compared++
			if got == nil {
				continue
			}
			for _, h := range got.Hits {
				if h.Anchor != "" {
					named++
				}
			}
			for _, round := range rounds {
				for _, name := range round {
					if _, ok := sp.Parts[name]; ok {
						sectionParts++
					}
				}
			}
		}
	}
	// Without their sections (NoSections), the hits are the same and no
	// part of the sections is read: a fresh index needs the pages' only.
	fresh, err := OpenParts(pp.Head)
	if err != nil {
		t.Fatal(err)
	}
	if err := fresh.OpenSections(sp.Head); err != nil {
		t.Fatal(err)
	}
	r := Request{Query: "cluster policy", Langs: []string{"en"}, Shown: "en", NoSections: true}
	bare, rounds, err := searchInParts(t, fresh, both, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, round := range rounds {
		for _, name := range round {
			if _, ok := sp.Parts[name]; ok {
				t.Errorf("a search without sections read the sections' part %s", name)
			}
		}
	}
	r.NoSections = false
	full, err := whole.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	withAnchor := 0
	for i, h := range full.Hits {
		if h.Anchor != "" {
			withAnchor++
		}
		h.Anchor, h.Section = "", ""
		if !reflect.DeepEqual(h, bare.Hits[i]) {
			t.Errorf("hit %d without sections: %+v, with them: %+v", i, bare.Hits[i], full.Hits[i])
		}
	}
	if withAnchor == 0 || len(full.Hits) != len(bare.Hits) {
		t.Errorf("%d hits with sections, %d of them naming one; %d without", len(full.Hits), withAnchor, len(bare.Hits))
	}

	// The hits name sections often enough for the comparison to count.
	if named < compared {
		t.Fatalf("only %d hits named a section over %d requests", named, compared)
	}
	perQuery := float64(sectionParts) / float64(compared)
	if perQuery > 30 {
		t.Errorf("%.1f of the sections' parts fetched a request: more than the hits' sections need", perQuery)
	}
	t.Logf("%d requests, %d hits naming a section; %d sections' parts of %d fetched, %.1f a request", compared, named, sectionParts, len(sp.Parts), perQuery)
}

// BenchmarkWritePartsSections cuts the sections' index of 3,000 generated
// documents into parts.
func BenchmarkWritePartsSections(b *testing.B) {
	docs, _ := generatedDocs(3000, 5)
	_, sections, err := BuildBoth(context.Background(), docs, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	n, _ := CountDocuments(sections)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := WriteParts(sections, DefaultPartsLayout(n)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPartsBundle: where the chunks fit in PartsLayout.BundleBytes, the
// parts hold them once more as one bundle, which the head names for the
// pages' index and the sections' alike (Index.Bundles). Added, it loads
// every chunk: queries then fetch postings only and rank as on the whole
// index. Past the bound, or with BundleBytes 0, there is none; a bundle
// whose bytes are not those its name says is refused.
func TestPartsBundle(t *testing.T) {
	docs, vocab := generatedDocs(600, 8)
	pages, sections, whole := buildWithSections(t, docs)
	layout := PartsLayout{ShardBytes: 2 << 10, ChunkDocs: 8, BundleBytes: 8 << 20}
	pp, err := WriteParts(pages, layout)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := WriteParts(sections, layout)
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(p *Parts) map[string][]string {
		out := map[string][]string{}
		for name := range p.Parts {
			kind := name[:strings.IndexByte(name, '.')]
			out[kind] = append(out[kind], name)
		}
		return out
	}
	pk, sk := kinds(pp), kinds(sp)
	if len(pk["b"]) != 1 || len(sk["b"]) != 1 {
		t.Fatalf("bundles: pages %v, sections %v; want one each", pk["b"], sk["b"])
	}
	chunkBytes := 0
	for _, c := range pk["c"] {
		chunkBytes += len(pp.Parts[c])
	}
	if n := len(pp.Parts[pk["b"][0]]); n < chunkBytes || n > chunkBytes+4*len(pk["c"])+4 {
		t.Errorf("the pages' bundle is %d bytes; its %d chunks come to %d", n, len(pk["c"]), chunkBytes)
	}
	both := &Parts{Parts: maps.Clone(pp.Parts)}
	maps.Copy(both.Parts, sp.Parts)

	ix, err := OpenParts(pp.Head)
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Bundles(); !slices.Equal(got, pk["b"]) {
		t.Errorf("Bundles before the sections = %v, want %v", got, pk["b"])
	}
	if err := ix.OpenSections(sp.Head); err != nil {
		t.Fatal(err)
	}
	if got, want := ix.Bundles(), []string{pk["b"][0], sk["b"][0]}; !slices.Equal(got, want) {
		t.Errorf("Bundles = %v, want %v", got, want)
	}
	// A bundle with another's bytes, or cut short, is refused, and loads
	// nothing.
	if err := ix.AddPart(pk["b"][0], sp.Parts[sk["b"][0]]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("the pages' bundle with the sections' bytes: %v, want ErrCorrupt", err)
	}
	b := pp.Parts[pk["b"][0]]
	if err := ix.AddPart(pk["b"][0], b[:len(b)-1]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("the pages' bundle cut short: %v, want ErrCorrupt", err)
	}
	if got := ix.Bundles(); len(got) != 2 {
		t.Errorf("Bundles after refused bundles = %v, want both still", got)
	}
	for _, name := range ix.Bundles() {
		if err := ix.AddPart(name, both.Parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if got := ix.Bundles(); len(got) != 0 {
		t.Errorf("Bundles once added = %v, want none", got)
	}
	fetched := 0
	for i, text := range append(generatedQueries(vocab, 60, 3), "cluster policy", "clstuer") {
		r := Request{Query: text, Langs: []string{"en"}, Shown: "en", Size: 20}
		want, wantErr := whole.Search(context.Background(), r)
		got, rounds, err := searchInParts(t, ix, both, r)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("query %d %q: error %v, the whole index's %v", i, text, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("query %d %q: with the bundles\n%+v\nwhole\n%+v", i, text, got, want)
		}
		for _, round := range rounds {
			for _, name := range round {
				fetched++
				if strings.HasPrefix(name, "c.") {
					t.Errorf("query %d %q fetched the chunk %s, which the bundle holds", i, text, name)
				}
			}
		}
	}
	if fetched == 0 {
		t.Error("no query fetched a shard: the test reads nothing from parts")
	}

	for _, small := range []PartsLayout{{ShardBytes: 2 << 10, ChunkDocs: 8, BundleBytes: chunkBytes / 2}, {ShardBytes: 2 << 10, ChunkDocs: 8}} {
		p, err := WriteParts(pages, small)
		if err != nil {
			t.Fatal(err)
		}
		if b := kinds(p)["b"]; len(b) != 0 {
			t.Errorf("layout %+v: bundle %v, want none", small, b)
		}
		ix, err := OpenParts(p.Head)
		if err != nil {
			t.Fatal(err)
		}
		if got := ix.Bundles(); len(got) != 0 {
			t.Errorf("layout %+v: Bundles = %v, want none", small, got)
		}
	}
}

// TestWritePartsEvictingGivesBackAsItReads: a cut of a mapped index
// evicts its pages while it reads the index through, before the first
// part, and makes the same parts as WriteParts all the same.
func TestWritePartsEvictingGivesBackAsItReads(t *testing.T) {
	docs, _ := generatedDocs(300, 4)
	segs, err := BuildSegments(context.Background(), docs, nil, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer segs.Close()
	layout := PartsLayout{ShardBytes: 1 << 10, ChunkDocs: 4}
	want, err := WriteParts(bytes.Clone(segs.Pages), layout)
	if err != nil {
		t.Fatal(err)
	}
	evicted, beforeFirst := 0, -1
	got := map[string][]byte{}
	head, err := WritePartsEvicting(segs.Pages, layout, func(name string, b []byte) error {
		if beforeFirst < 0 {
			beforeFirst = evicted
		}
		got[name] = b
		return nil
	}, func() { evicted++; segs.Evict() })
	if err != nil {
		t.Fatal(err)
	}
	if beforeFirst < 2 {
		t.Errorf("the cut evicted %d times before its first part; want at least 2 (after the stored fields, after each field's terms)", beforeFirst)
	}
	if !bytes.Equal(head, want.Head) || len(got) != len(want.Parts) {
		t.Errorf("head or parts differ from WriteParts's: %d parts, want %d", len(got), len(want.Parts))
	}
	for name, b := range want.Parts {
		if !bytes.Equal(got[name], b) {
			t.Errorf("part %s differs or is missing", name)
		}
	}
}

// BenchmarkBuildBoth builds the pages' and the sections' indexes of
// 3,000 generated documents with sections.
func BenchmarkBuildBoth(b *testing.B) {
	docs, _ := generatedDocs(3000, 5)
	b.ReportAllocs()
	for range b.N {
		if _, _, err := BuildBoth(context.Background(), docs, b.TempDir()); err != nil {
			b.Fatal(err)
		}
	}
}
