package generator

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator/model"
)

// TestLatestIsTheSortedFirst checks that the home page's latest practices,
// kept as they come, are the first of all the practices sorted by date,
// newest first, then by title and path: the generated practices share
// dates (a year of days for hundreds of them), so ties are ordered too.
// The feed's newest, ties by path, are checked the same way.
func TestLatestIsTheSortedFirst(t *testing.T) {
	b := preparedCorpus(t, 800, 3, nil)
	v := b.view(&Page{Kind: "home"})
	all := append([]*model.Item(nil), v.folder(model.FolderPractices)...)
	model.SortItems(all)
	sort.SliceStable(all, func(i, j int) bool { return entryDate(all[i]).Compare(entryDate(all[j])) > 0 })
	ties := 0
	for i := 1; i < len(all); i++ {
		if entryDate(all[i]) == entryDate(all[i-1]) {
			ties++
		}
	}
	if len(all) < 100 || ties < 50 {
		t.Fatalf("%d practices, %d sharing a date with the one before: too few to test the order", len(all), ties)
	}
	for _, n := range []int{-1, 0, 1, 6, 57, len(all), len(all) + 5} {
		want := all[:min(max(n, 0), len(all))]
		if got := v.Latest(n); !slices.Equal(got, want) {
			t.Errorf("Latest(%d): %d items, differing from the sorted first %d", n, len(got), len(want))
		}
	}
	// The feed's order: date, then path.
	byPath := func(a, b *model.Item) int { return strings.Compare(a.Path, b.Path) }
	slices.SortFunc(all, func(a, b *model.Item) int {
		if c := entryDate(a).Compare(entryDate(b)); c != 0 {
			return -c
		}
		return byPath(a, b)
	})
	for _, n := range []int{1, 100, len(all)} {
		if got := newest(v.folder(model.FolderPractices), n, byPath); !slices.Equal(got, all[:n]) {
			t.Errorf("newest(%d) by date and path: %d items, differing from the sorted first %d", n, len(got), n)
		}
	}
}
