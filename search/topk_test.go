package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// byScore is the relevance order of Index.top: higher scores first, ties
// to the lower document number.
func byScore(a, b match) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.doc, b.doc)
}

// firstInOrder gives what a full sort gives, for every page size, with
// many equal scores (ties go to the document number), empty input and
// sizes past the end.
func TestFirstInOrderAsSort(t *testing.T) {
	order := byScore
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 7, 20, 100, 1000, 5000} {
		for trial := 0; trial < 20; trial++ {
			ms := make([]match, size)
			for i := range ms {
				ms[i] = match{doc: uint64(r.IntN(size*3 + 1)), score: float64(r.IntN(5))}
			}
			want := slices.Clone(ms)
			slices.SortFunc(want, order)
			for _, n := range []int{0, 1, 10, 20, size / 9, size / 8, size / 2, size} {
				if n > size {
					continue
				}
				got := firstInOrder(slices.Clone(ms), n, order)
				if !slices.EqualFunc(got, want[:n], func(a, b match) bool { return a.doc == b.doc && a.score == b.score }) {
					t.Fatalf("%d matches, first %d: got %v, want %v", size, n, got, want[:n])
				}
			}
		}
	}
}

func BenchmarkFirstInOrder(b *testing.B) {
	order := byScore
	r := rand.New(rand.NewPCG(1, 2))
	ms := make([]match, 100_000)
	for i := range ms {
		ms[i] = match{doc: uint64(i), score: r.Float64()}
	}
	for _, way := range []struct {
		name string
		n    int
	}{{"heap, 20 of 100k", 20}, {"sort, all of 100k", len(ms)}} {
		b.Run(way.name, func(b *testing.B) {
			work := make([]match, len(ms))
			for b.Loop() {
				copy(work, ms)
				firstInOrder(work, way.n, order)
			}
		})
	}
}
