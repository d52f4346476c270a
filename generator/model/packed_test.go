package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/clusterpolisee/polisee/content"
)

// pack packs an item's front matter, as a build's load does.
func pack(t *testing.T, it *Item) {
	t.Helper()
	p, ok := packFields(it.data)
	if !ok {
		t.Fatalf("%s: the front matter has a value the encoding does not know", it.Path)
	}
	it.data, it.packed = nil, p
}

// everyItem is every item a build reads: the originals, the translations
// and the localized copies of every language.
func everyItem(c *Content) []*Item {
	items := append(append([]*Item(nil), c.Items...), c.Translations...)
	for _, lang := range c.Site.Languages {
		items = append(items, c.Localized(lang).Items...)
	}
	return items
}

// loadStarter loads the starter content, its front matter packed or
// not, and returns it with the problems found (warnings: no errors).
func loadStarter(t *testing.T, packed bool) (*Content, string) {
	t.Helper()
	c, diags := Load(content.Starter(), Options{Root: "content", PackFrontMatter: packed})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return c, fmt.Sprint(diags)
}

// TestLoadPacksStarterContent: the starter content loaded packed reads
// the same as loaded into maps, item by item, field by field and in
// every language, through every accessor; no item holds a map, each
// holds one whole object, keys in order; a localized copy reads its
// translation's fields, then its original's, rather than holding a
// merged copy. Loading reports the same problems either way.
func TestLoadPacksStarterContent(t *testing.T) {
	packed, packedDiags := loadStarter(t, true)
	want, wantDiags := loadStarter(t, false)
	if packedDiags != wantDiags {
		t.Errorf("loaded packed: %s\nloaded into maps: %s", packedDiags, wantDiags)
	}
	items, wantItems := everyItem(packed), everyItem(want)
	if n := len(packed.Site.Languages); n < 2 {
		t.Fatalf("the starter content has %d languages; the test needs translations", n)
	}
	if len(items) != len(wantItems) {
		t.Fatalf("%d items packed, %d loaded into maps", len(items), len(wantItems))
	}
	locs := 0
	for i, it := range items {
		w := wantItems[i]
		if it.data != nil {
			t.Fatalf("%s (%s) holds a map when loaded packed", it.DisplayPath, it.Lang)
		}
		if it.Original != nil && it.packedFrom != nil {
			locs++
		} else if err := checkPacked(it.packed); err != nil {
			t.Fatalf("%s (%s): %v", it.DisplayPath, it.Lang, err)
		}
		if got := it.Fields(); !reflect.DeepEqual(got, w.data) {
			t.Errorf("%s (%s): packed %v, loaded %v", it.DisplayPath, it.Lang, got, w.data)
		}
		if it.Title != w.Title || it.Summary != w.Summary || it.Lang != w.Lang || it.Updated != w.Updated || it.SortKey != w.SortKey {
			t.Errorf("%s (%s): title, summary, lang, updated or sort key differ when packed", it.DisplayPath, it.Lang)
		}
		sameFields(t, it, w)
	}
	if locs == 0 {
		t.Fatal("no localized copy reads through its translation")
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

// TestPackValueKinds: every kind of value the front matter decodes to
// comes back equal, nested in lists, objects and maps, through every
// accessor; a kind it never decodes to is refused.
func TestPackValueKinds(t *testing.T) {
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
	it := &Item{Path: "practices/x.md", data: maps.Clone(data)}
	pack(t, it)
	if err := checkPacked(it.packed); err != nil {
		t.Fatal(err)
	}
	if got := it.Fields(); !reflect.DeepEqual(got, data) {
		t.Errorf("packed %v\nwant %v", got, data)
	}
	sameFields(t, it, &Item{Path: it.Path, data: data})
	// The same values always make the same bytes (map order aside).
	if again, _ := packFields(maps.Clone(data)); again != it.packed {
		t.Error("the same values packed twice make different bytes")
	}
	if _, ok := packFields(map[string]any{"title": "Y", "odd": struct{}{}}); ok {
		t.Error("a value of another kind was packed")
	}
}

// TestPackedReadsDamagedBytes: fields read from bytes cut short, run
// over or changed return, without a panic or a hang; checkPacked finds
// a cut, bytes left over, and changed bytes.
func TestPackedReadsDamagedBytes(t *testing.T) {
	good, ok := packFields(map[string]any{"title": "T", "list": []any{"a", 1, map[string]any{"k": Date{Year: 2020}}}, "m": []MapEntry{{"x", 1.5}}})
	if !ok {
		t.Fatal("not packed")
	}
	read := func(p string) {
		it := &Item{Path: "p.md", packed: p}
		it.Fields()
		for _, k := range []string{"title", "list", "m", "x"} {
			it.String(k)
			it.Strings(k)
			it.Field(k)
			it.Has(k)
		}
	}
	for n := range len(good) {
		if checkPacked(good[:n]) == nil {
			t.Errorf("bytes cut to %d of %d pass the check", n, len(good))
		}
		read(good[:n])
	}
	if checkPacked(good+"x") == nil {
		t.Error("bytes left over pass the check")
	}
	refused := 0
	for i := range good {
		bad := []byte(good)
		bad[i] ^= 0x80
		if checkPacked(string(bad)) != nil {
			refused++
		}
		read(string(bad))
	}
	if refused == 0 {
		t.Error("no changed byte was found")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		bad := []byte(good)
		for range 1 + rng.IntN(3) {
			bad[rng.IntN(len(bad))] = byte(rng.IntN(256))
		}
		read(string(bad))
	}
}

// TestPackedCopyReadsThrough: a localized copy of packed items takes
// its translation's fields first, then its original's, but not the
// original's lang, as localizedData merges them.
func TestPackedCopyReadsThrough(t *testing.T) {
	orig := &Item{Path: "practices/x.md", Lang: "de", data: map[string]any{"title": "Cluster", "lang": "de", "areas": []any{"skills-jobs"}}}
	tr := &Item{Path: "practices/x.el.md", Lang: "el", data: map[string]any{"title": "Σύμπλεγμα"}}
	want := localizedData(orig, tr)
	pack(t, orig)
	pack(t, tr)
	loc := localize(orig, tr)
	if loc.packedFrom != tr || loc.data != nil || loc.packed != "" {
		t.Fatalf("the copy reads through %v, holds %v and %q", loc.packedFrom, loc.data, loc.packed)
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

// checkPacked reports whether p is one whole encoded object, keys in
// order, and nothing after it.
func checkPacked(p string) error {
	d := packedReader{data: p}
	if len(p) == 0 || p[0] != tagObject {
		return errPacked
	}
	d.at = 1
	n, err := d.count()
	if err != nil {
		return err
	}
	prev := ""
	for i := range n {
		k, err := d.string()
		if err != nil || (i > 0 && k <= prev) {
			return errPacked
		}
		prev = k
		l, err := d.entryLength()
		if err != nil {
			return err
		}
		end := d.at + l
		if err := d.skip(); err != nil {
			return err
		}
		if d.at != end {
			return errPacked
		}
	}
	if d.at != len(p) {
		return errPacked
	}
	return nil
}
