package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
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

// TestParkRestoresStarterContent: the starter content's front matter,
// parked and restored, is the same as loaded, item by item and in every
// language; while parked, no item holds any; a localized copy shares
// its values with its original and its translation again, as Localized
// made it, rather than holding copies of them.
func TestParkRestoresStarterContent(t *testing.T) {
	load := func() *Content {
		c, diags := Load(content.Starter(), Options{Root: "content"})
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	parked, want := load(), load()
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
		if it.Data != nil {
			t.Fatalf("%s still holds its front matter while parked", it.DisplayPath)
		}
	}
	if len(p.locs) != locs {
		t.Errorf("%d localized copies made again from their original, want %d", len(p.locs), locs)
	}
	if err := p.Restore(string(data)); err != nil {
		t.Fatal(err)
	}
	for i, it := range items {
		if !reflect.DeepEqual(it.Data, wantItems[i].Data) {
			t.Errorf("%s (%s): restored %v, loaded %v", it.DisplayPath, it.Lang, it.Data, wantItems[i].Data)
		}
	}
	shared := 0
	for _, it := range items {
		if it.Original == nil {
			continue
		}
		for k, v := range it.Original.Data {
			l, ok := v.([]any)
			if !ok || len(l) == 0 || k == "lang" {
				continue
			}
			if got, ok := it.Data[k].([]any); ok && len(got) > 0 && &got[0] == &l[0] {
				shared++
			}
		}
	}
	if shared == 0 {
		t.Error("no localized copy shares a list with its original after restoring")
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
	it := &Item{Path: "practices/x.md", Data: copyOf()}
	odd := &Item{Path: "practices/y.md", Data: map[string]any{"title": "Y", "odd": struct{}{}}}
	p, parked := park([]*Item{it, odd, it})
	if it.Data != nil {
		t.Fatal("the item keeps its values while parked")
	}
	if odd.Data == nil || odd.Data["title"] != "Y" {
		t.Fatalf("an item with a value of another kind was parked: %v", odd.Data)
	}
	if err := p.Restore(string(parked)); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(it.Data, data) {
		t.Errorf("restored %v\nwant %v", it.Data, data)
	}
	// The same values always make the same bytes (map order aside).
	_, again := park([]*Item{{Path: "practices/x.md", Data: copyOf()}})
	if string(again) != string(parked) {
		t.Error("the same values parked twice make different bytes")
	}
}

// TestRestoreRefusesDamagedBytes: bytes cut short or changed give an
// error or values, never a panic or a hang.
func TestRestoreRefusesDamagedBytes(t *testing.T) {
	data := map[string]any{"title": "T", "list": []any{"a", 1, map[string]any{"k": Date{Year: 2020}}}, "m": []MapEntry{{"x", 1.5}}}
	item := func() *Item {
		return &Item{Path: "p.md", Data: map[string]any{"title": data["title"], "list": data["list"], "m": data["m"]}}
	}
	p, good := park([]*Item{item()})
	for n := range len(good) {
		if err := p.Restore(string(good[:n])); err == nil {
			t.Errorf("bytes cut to %d of %d restored without an error", n, len(good))
		}
	}
	if err := p.Restore(string(good) + "x"); err == nil {
		t.Error("bytes left over restored without an error")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		bad := []byte(string(good))
		for range 1 + rng.IntN(3) {
			bad[rng.IntN(len(bad))] = byte(rng.IntN(256))
		}
		p.Restore(string(bad)) // must return
	}
}

// TestParkWritesPieces: front matter larger than a piece is written in
// several (chunks encoded and decoded on several goroutines), which put
// together restore every item; an item with a value of a kind the
// encoding does not know, in the middle of a chunk, keeps its values
// and leaves the others in step.
func TestParkWritesPieces(t *testing.T) {
	var items, want []*Item
	for i := range 3000 {
		data := map[string]any{"title": fmt.Sprintf("Practice %d", i), "note": strings.Repeat("text ", 120+i%7), "areas": []any{"innovation-rd", i}}
		if i%700 == 300 {
			data["odd"] = struct{ X int }{i}
		}
		items = append(items, &Item{Path: fmt.Sprintf("practices/p-%d.md", i), Data: data})
		want = append(want, &Item{Data: maps.Clone(data)})
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
		if kept := i%700 == 300; (it.Data != nil) != kept {
			t.Fatalf("%s: front matter %v while parked", it.Path, it.Data)
		}
	}
	if err := p.Restore(string(data)); err != nil {
		t.Fatal(err)
	}
	for i, it := range items {
		if !reflect.DeepEqual(it.Data, want[i].Data) {
			t.Fatalf("%s: restored %v, want %v", it.Path, it.Data, want[i].Data)
		}
	}
}
