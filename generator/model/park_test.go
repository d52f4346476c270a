package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/content"
)

// park is ParkData with the pieces put together.
func park(items []*Item) (*Parked, []byte) {
	var data []byte
	p := ParkData(items, func(b []byte) { data = append(data, b...) })
	return p, data
}

// parkable is every item a build parks: the originals, the translations
// and the localized copies of every language.
func parkable(c *Content) []*Item {
	items := append(append([]*Item(nil), c.Items...), c.Translations...)
	for _, lang := range c.Site.Languages {
		items = append(items, c.Localized(lang).Items...)
	}
	return items
}

// loadStarter loads the starter content.
func loadStarter(t *testing.T) *Content {
	t.Helper()
	c, diags := Load(content.Starter(), Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestParkPacksStarterContent: the starter content's front matter,
// parked and packed, reads the same as loaded, item by item, field by
// field and in every language, through every accessor; while parked, no
// item holds any; a localized copy reads its translation's fields, then
// its original's, rather than holding a merged copy.
func TestParkPacksStarterContent(t *testing.T) {
	parked, want := loadStarter(t), loadStarter(t)
	items, wantItems := parkable(parked), parkable(want)
	if n := len(parked.Site.Languages); n < 2 {
		t.Fatalf("the starter content has %d languages; the test needs translations", n)
	}
	locs := 0
	for _, it := range items {
		if it.Original != nil {
			locs++
		}
	}
	if locs == 0 {
		t.Fatal("no localized copy among the items")
	}
	p, data := park(items)
	for _, it := range items {
		if it.data != nil {
			t.Fatalf("%s still holds its front matter while parked", it.DisplayPath)
		}
	}
	if len(p.locs) != locs {
		t.Errorf("%d localized copies read through their original, want %d", len(p.locs), locs)
	}
	if err := p.Pack(string(data)); err != nil {
		t.Fatal(err)
	}
	for i, it := range items {
		w := wantItems[i]
		if it.data != nil {
			t.Fatalf("%s holds a map once packed", it.DisplayPath)
		}
		if got := it.Fields(); !reflect.DeepEqual(got, w.data) {
			t.Errorf("%s (%s): packed %v, loaded %v", it.DisplayPath, it.Lang, got, w.data)
		}
		sameFields(t, it, w)
	}
}

// sameFields checks that every accessor reads the same from got as from
// want, for each of want's fields and one it lacks.
func sameFields(t *testing.T, got, want *Item) {
	t.Helper()
	names := append(slices.Collect(maps.Keys(want.data)), "no-such-field")
	for _, k := range names {
		gv, gok := got.Field(k)
		wv, wok := want.Field(k)
		switch {
		case gok != wok || !reflect.DeepEqual(gv, wv):
			t.Errorf("%s: Field(%q) = %v, %v; want %v, %v", want.DisplayPath, k, gv, gok, wv, wok)
		case got.Has(k) != want.Has(k), got.String(k) != want.String(k), got.Int(k) != want.Int(k),
			got.Bool(k) != want.Bool(k), got.Date(k) != want.Date(k), !slices.Equal(got.Strings(k), want.Strings(k)):
			t.Errorf("%s: the accessors of %q read %v, %q, %d, %v, %v, %q; want %v, %q, %d, %v, %v, %q", want.DisplayPath, k,
				got.Has(k), got.String(k), got.Int(k), got.Bool(k), got.Date(k), got.Strings(k),
				want.Has(k), want.String(k), want.Int(k), want.Bool(k), want.Date(k), want.Strings(k))
		}
	}
	if !reflect.DeepEqual(got.Sources(), want.Sources()) || !reflect.DeepEqual(got.Assessment(), want.Assessment()) ||
		!reflect.DeepEqual(got.Instruments(), want.Instruments()) || !reflect.DeepEqual(got.Judgements(), want.Judgements()) ||
		!reflect.DeepEqual(got.Criteria(), want.Criteria()) || !slices.Equal(got.Countries(), want.Countries()) {
		t.Errorf("%s: the structured accessors read otherwise once packed", want.DisplayPath)
	}
}

// TestLocalizedAfterPack: content localized from packed items reads
// its translation's fields, then its original's (but lang), as content
// localized from the maps does.
func TestLocalizedAfterPack(t *testing.T) {
	parked, want := loadStarter(t), loadStarter(t)
	base := append(append([]*Item(nil), parked.Items...), parked.Translations...)
	p, data := park(base)
	if err := p.Pack(string(data)); err != nil {
		t.Fatal(err)
	}
	lang := parked.Site.Languages[1]
	got, wantItems := parked.Localized(lang).Items, want.Localized(lang).Items
	locs := 0
	for i, it := range got {
		if it.Original != nil {
			locs++
		}
		if f := it.Fields(); !reflect.DeepEqual(f, wantItems[i].data) {
			t.Errorf("%s (%s): %v, want %v", it.DisplayPath, it.Lang, f, wantItems[i].data)
		}
		sameFields(t, it, wantItems[i])
	}
	if locs == 0 {
		t.Fatalf("no localized copy in %s", lang)
	}
}

// TestParkValueKinds: every kind of value the front matter decodes to
// comes back equal, nested in lists, objects and maps; an item holding a
// kind it never decodes to keeps its values, unparked.
func TestParkValueKinds(t *testing.T) {
	long := string(make([]byte, 300))
	data := map[string]any{
		"title":  "Σύμπλεγμα — cluster",
		"long":   long,
		"empty":  "",
		"count":  -42,
		"big":    1 << 40,
		"share":  0.125,
		"tiny":   -1.5e-300,
		"yes":    true,
		"no":     false,
		"when":   Date{Year: 2021, Month: 3},
		"day":    Date{Year: 1999, Month: 12, Day: 31},
		"nil":    nil,
		"list":   []any{"a", "a", 3, []any{}, map[string]any{"url": "https://example.org/x", "title": "X"}},
		"none":   []any{},
		"object": map[string]any{"by": "someone", "date": Date{Year: 2024}},
		"scores": []MapEntry{{"b", map[string]any{"score": 2}}, {"a", map[string]any{"score": 3, "note": long}}},
	}
	copyOf := func() map[string]any {
		m := make(map[string]any, len(data))
		for k, v := range data {
			m[k] = v
		}
		return m
	}
	it := &Item{Path: "practices/x.md", data: copyOf()}
	odd := &Item{Path: "practices/y.md", data: map[string]any{"title": "Y", "odd": struct{}{}}}
	p, parked := park([]*Item{it, odd, it})
	if it.data != nil {
		t.Fatal("the item keeps its values while parked")
	}
	if odd.data == nil || odd.data["title"] != "Y" {
		t.Fatalf("an item with a value of another kind was parked: %v", odd.data)
	}
	if err := p.Pack(string(parked)); err != nil {
		t.Fatal(err)
	}
	if got := it.Fields(); !reflect.DeepEqual(got, data) {
		t.Errorf("packed %v\nwant %v", got, data)
	}
	sameFields(t, it, &Item{Path: it.Path, data: data})
	// The same values always make the same bytes (map order aside).
	_, again := park([]*Item{{Path: "practices/x.md", data: copyOf()}})
	if string(again) != string(parked) {
		t.Error("the same values parked twice make different bytes")
	}
}

// TestPackRefusesDamagedBytes: bytes cut short, run over or changed
// give an error, or fields read without a panic or a hang.
func TestPackRefusesDamagedBytes(t *testing.T) {
	data := map[string]any{"title": "T", "list": []any{"a", 1, map[string]any{"k": Date{Year: 2020}}}, "m": []MapEntry{{"x", 1.5}}}
	item := func() *Item {
		return &Item{Path: "p.md", data: map[string]any{"title": data["title"], "list": data["list"], "m": data["m"]}}
	}
	p, good := park([]*Item{item()})
	for n := range len(good) {
		if err := p.Pack(string(good[:n])); err == nil {
			t.Errorf("bytes cut to %d of %d packed without an error", n, len(good))
		}
	}
	if err := p.Pack(string(good) + "x"); err == nil {
		t.Error("bytes left over packed without an error")
	}
	// Every one-byte change of a length, a count or a tag is found.
	refused := 0
	for i := range good {
		bad := []byte(string(good))
		bad[i] ^= 0x80
		if p.Pack(string(bad)) != nil {
			refused++
		}
	}
	if refused == 0 {
		t.Error("no changed byte was refused")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		it := item()
		p, good := park([]*Item{it})
		bad := []byte(string(good))
		for range 1 + rng.IntN(3) {
			bad[rng.IntN(len(bad))] = byte(rng.IntN(256))
		}
		if p.Pack(string(bad)) == nil { // must return, and then read
			it.Fields()
			for _, k := range []string{"title", "list", "m", "x"} {
				it.String(k)
				it.Strings(k)
				it.Field(k)
			}
		}
	}
}

// TestParkWritesPieces: front matter larger than a piece is written in
// several (chunks encoded and checked on several goroutines), which put
// together give every item back; an item with a value of a kind the
// encoding does not know, in the middle of a chunk, keeps its values
// and leaves the others in step.
func TestParkWritesPieces(t *testing.T) {
	var items, want []*Item
	for i := range 3000 {
		data := map[string]any{"title": fmt.Sprintf("Practice %d", i), "note": strings.Repeat("text ", 120+i%7), "areas": []any{"innovation-rd", i}}
		if i%700 == 300 {
			data["odd"] = struct{ X int }{i}
		}
		items = append(items, &Item{Path: fmt.Sprintf("practices/p-%d.md", i), data: data})
		want = append(want, &Item{data: maps.Clone(data)})
	}
	var data []byte
	pieces := 0
	p := ParkData(items, func(b []byte) {
		pieces++
		data = append(data, b...)
	})
	if pieces < 2 {
		t.Fatalf("%d bytes written in %d piece(s), want several", len(data), pieces)
	}
	for i, it := range items {
		if kept := i%700 == 300; (it.data != nil) != kept {
			t.Fatalf("%s: front matter %v while parked", it.Path, it.data)
		}
	}
	if err := p.Pack(string(data)); err != nil {
		t.Fatal(err)
	}
	for i, it := range items {
		if got := it.Fields(); !reflect.DeepEqual(got, want[i].data) {
			t.Fatalf("%s: packed %v, want %v", it.Path, got, want[i].data)
		}
	}
}

// TestPackedCopyReadsThrough: a localized copy of packed items takes
// its translation's fields first, then its original's, but not the
// original's lang, as localizedData merges them.
func TestPackedCopyReadsThrough(t *testing.T) {
	orig := &Item{Path: "practices/x.md", Lang: "de", data: map[string]any{"title": "Cluster", "lang": "de", "areas": []any{"skills-jobs"}}}
	tr := &Item{Path: "practices/x.el.md", Lang: "el", data: map[string]any{"title": "Σύμπλεγμα"}}
	loc := localize(orig, tr)
	want := localizedData(orig, tr)
	p, data := park([]*Item{orig, tr, loc})
	if err := p.Pack(string(data)); err != nil {
		t.Fatal(err)
	}
	if len(p.locs) != 1 || loc.packedFrom != tr {
		t.Fatalf("the copy reads through %v (%d copies)", loc.packedFrom, len(p.locs))
	}
	if got := loc.Fields(); !reflect.DeepEqual(got, want) {
		t.Errorf("the copy's fields %v, want %v", got, want)
	}
	if v, ok := loc.Field("lang"); ok {
		t.Errorf("the copy inherits the original's lang %v", v)
	}
	if loc.String("title") != "Σύμπλεγμα" || !slices.Equal(loc.Strings("areas"), []string{"skills-jobs"}) {
		t.Errorf("the copy reads title %q, areas %q", loc.String("title"), loc.Strings("areas"))
	}
}
