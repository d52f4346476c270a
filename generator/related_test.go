package generator

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
	"github.com/clusterpolisee/polisee/generator/model"
)

// TestRelatedItemsMatchBruteForce compares the merged, early-stopping
// ranking of related items with scoring every pair, on a generated corpus
// of 600 documents.
func TestRelatedItemsMatchBruteForce(t *testing.T) {
	c := loadedCorpus(t, 600)
	got := relatedItems(c)

	var cands []*model.Item
	for _, it := range c.Items {
		if it.Type.Present.Related {
			cands = append(cands, it)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return model.Less(cands[i], cands[j]) })
	shared := func(a, b []string) int {
		n := 0
		for _, x := range a {
			for _, y := range b {
				if x == y {
					n++
				}
			}
		}
		return n
	}
	checked, nonEmpty := 0, 0
	for i, it := range cands {
		type scored struct{ rank, score int }
		var all []scored
		for j, o := range cands {
			if j == i {
				continue
			}
			s := shared(it.Strings("areas"), o.Strings("areas")) + 2*shared(it.Countries(), o.Countries())
			if s > 0 {
				all = append(all, scored{j, s})
			}
		}
		sort.SliceStable(all, func(a, b int) bool { return all[a].score > all[b].score })
		var want []*model.Item
		for _, s := range all[:min(len(all), maxRelated)] {
			want = append(want, cands[s.rank])
		}
		if cap(got[it]) != len(got[it]) {
			// The lists share one array: an append to one must not
			// write into the next.
			t.Fatalf("related items of %s: capacity %d, length %d", it.Path, cap(got[it]), len(got[it]))
		}
		if !slices.Equal(got[it], want) {
			t.Fatalf("related items of %s differ:\n got %v\nwant %v", it.Path, paths(got[it]), paths(want))
		}
		checked++
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if checked != 600 || nonEmpty < 590 {
		t.Errorf("checked %d items, %d with related items; want 600 and nearly all", checked, nonEmpty)
	}
}

func paths(items []*model.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Path)
	}
	return out
}

// BenchmarkRelatedItems ranks the related items of a generated corpus of
// 10,000 and 40,000 documents (the corpus is written and loaded before
// the clock starts). Set POLISEE_BENCH_CONTENT_40K to a folder holding
// `corpuswrite -n 40000` output to include the larger one, and
// POLISEE_BENCH_CONTENT_100K to one of 100,000.
func BenchmarkRelatedItems(b *testing.B) {
	sizes := map[int]string{10000: ""}
	if dir := os.Getenv("POLISEE_BENCH_CONTENT_40K"); dir != "" {
		sizes[40000] = dir
	}
	if dir := os.Getenv("POLISEE_BENCH_CONTENT_100K"); dir != "" {
		sizes[100000] = dir
	}
	for _, n := range []int{10000, 40000, 100000} {
		dir, ok := sizes[n]
		if !ok {
			continue
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			src := dir
			if src == "" {
				src = filepath.Join(b.TempDir(), "content")
				if err := corpus.Write(src, n, 1); err != nil {
					b.Fatal(err)
				}
			}
			c, diags := model.Load(os.DirFS(src), model.Options{})
			if err := diags.Err(); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				relatedItems(c)
			}
		})
	}
}

// TestBackGroupsMadeOnce checks backGroups' memo on a generated corpus:
// every item's groups are those made without it, the second answer is
// the first one kept (not sorted again), and relations carried over to a
// rebuild (remap) with an edited item group its new item, not the one it
// replaced.
func TestBackGroupsMadeOnce(t *testing.T) {
	c := loadedCorpus(t, 600)
	r := buildRelations(c)
	var big *model.Item
	for _, it := range c.Items {
		got := r.backGroups(it)
		if want := r.groupBack(it); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: memo gave %v, want %v", it.Path, got, want)
		}
		again := r.backGroups(it)
		if len(got) > 0 && &again[0] != &got[0] {
			t.Fatalf("%s: grouped again rather than kept", it.Path)
		}
		if n := len(r.back[it]); n > 20 && (big == nil || n > len(r.back[big])) {
			big = it
		}
	}
	if big == nil {
		t.Fatal("no item with more than 20 back-links in the corpus")
	}

	// An edited practice that refers to big is a new item with the
	// same path.
	var old *model.Item
	for _, o := range r.back[big] {
		if o.Type.Folder == model.FolderPractices {
			old = o
			break
		}
	}
	edited := *old
	byPath := map[string]*model.Item{}
	now := map[string]*model.Item{}
	for _, it := range c.Items {
		byPath[it.Path], now[it.Path] = it, it
	}
	now[old.Path] = &edited
	moved := r.remap(byPath, now)
	found := false
	for _, g := range moved.backGroups(big) {
		for _, o := range g.Items {
			if o == old {
				t.Fatalf("the rebuild's groups hold the replaced item %s", old.Path)
			}
			found = found || o == &edited
		}
	}
	if !found {
		t.Fatalf("the rebuild's groups of %s miss the edited %s", big.Path, old.Path)
	}
}

// loadedCorpus generates a corpus of n documents and loads it.
func loadedCorpus(t *testing.T, n int) *model.Content {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(dir, n, 3); err != nil {
		t.Fatal(err)
	}
	c, diags := model.Load(os.DirFS(dir), model.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}
