package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestSortListAsStableSorts: SortItems and SortList, which sort with a
// quicker sort than a stable one, give the order the stable sorts gave
// (by title and path; then, for an order field, by it, items without it
// last), whatever the order of the list they are given, titles and
// values repeating included.
func TestSortListAsStableSorts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	titles := []string{"alpha", "Beta", "beta", "gamma", "Delta"}
	var items []*Item
	for i := range 300 {
		it := &Item{Path: fmt.Sprintf("practices/p-%03d.md", r.IntN(1000)*1000+i), data: map[string]any{}}
		it.Title = titles[r.IntN(len(titles))]
		it.SortKey = strings.ToLower(it.Title)
		switch r.IntN(4) {
		case 0: // no value: last
		case 1:
			it.data["year"] = 0 // counts as none
		default:
			it.data["year"] = 2000 + r.IntN(5)
		}
		items = append(items, it)
	}
	// The stable sorts SortItems and SortList made before.
	oldSortItems := func(l []*Item) {
		sort.SliceStable(l, func(i, j int) bool {
			if l[i].SortKey != l[j].SortKey {
				return l[i].SortKey < l[j].SortKey
			}
			return l[i].Path < l[j].Path
		})
	}
	oldSortList := func(l []*Item, name string, desc bool) {
		oldSortItems(l)
		sort.SliceStable(l, func(i, j int) bool {
			a, b := l[i].data[name], l[j].data[name]
			if isZero(a) || isZero(b) {
				return !isZero(a) && isZero(b)
			}
			c := compareValues(a, b)
			if desc {
				return c > 0
			}
			return c < 0
		})
	}
	typ := &Type{Folder: "practices", Fields: []*Field{{Name: "year", Kind: KindYear}}}
	for round := range 20 {
		r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		want := slices.Clone(items)
		oldSortItems(want)
		got := slices.Clone(items)
		SortItems(got)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: SortItems differs from the stable sort by title and path", round)
		}
		for _, order := range []string{"year", "-year", "title", ""} {
			typ.Present.Order = order
			name, desc := order, false
			if order != "" && order[0] == '-' {
				name, desc = order[1:], true
			}
			want := slices.Clone(items)
			if name == "year" {
				oldSortList(want, name, desc)
			} else {
				oldSortItems(want)
			}
			got := slices.Clone(items)
			typ.SortList(got)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, order %q: SortList differs from the stable sorts", round, order)
			}
		}
	}
}

// BenchmarkSortItems sorts 80,000 items (the practices of the
// 100,000-document generated corpus) by title and path, with SortItems
// and with the stable sort it replaced.
func BenchmarkSortItems(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	items := make([]*Item, 80_000)
	for i := range items {
		title := fmt.Sprintf("practice %d", r.IntN(20_000))
		items[i] = &Item{Title: title, SortKey: title, Path: fmt.Sprintf("practices/p-%05d.md", i)}
	}
	for _, bench := range []struct {
		name string
		sort func([]*Item)
	}{
		{"SortItems", SortItems},
		{"SliceStable", func(l []*Item) { sort.SliceStable(l, func(i, j int) bool { return Less(l[i], l[j]) }) }},
	} {
		b.Run(bench.name, func(b *testing.B) {
			l := make([]*Item, len(items))
			for b.Loop() {
				copy(l, items)
				bench.sort(l)
			}
		})
	}
}
