package kb

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/clusterpolisee/polisee/generator/model"
)

// localRank is a candidate's rank for a profile of region and areas, as
// the package defines it (rankedLocal).
func localRank(c Local, region string, areas map[string]bool) int {
	rank := 0
	if region != "" && slices.Contains(c.Regions, region) {
		rank = 100
	}
	for _, a := range c.Areas {
		if areas[a] {
			rank++
		}
	}
	return rank
}

// scanBest ranks every candidate and sorts them: the definition that
// LocalSet.best must meet, by brute force.
func scanBest(list []Local, region string, areas map[string]bool, n int) []rankedLocal {
	all := make([]rankedLocal, len(list))
	for i, c := range list {
		rank := localRank(c, region, areas)
		all[i] = rankedLocal{int32(i), rank}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].rank > all[j].rank })
	return all[:min(n, len(all))]
}

// randomLocals makes n candidates with regions and areas drawn from
// small pools, some named twice, some with none.
func randomLocals(r *rand.Rand, n int) []Local {
	regions := []string{"HU11", "HU12", "HU21", "HU22", "HU23"}
	areas := []string{"a", "b", "c", "d", "e", "f"}
	list := make([]Local, n)
	for i := range list {
		l := Local{Item: &model.Item{Slug: fmt.Sprint(i)}}
		for range r.IntN(3) {
			l.Regions = append(l.Regions, regions[r.IntN(len(regions))])
		}
		for range r.IntN(4) {
			l.Areas = append(l.Areas, areas[r.IntN(len(areas))])
		}
		list[i] = l
	}
	return list
}

// LocalSet.best gives what ranking every candidate gives, for sets of
// every size around maxLocal and beyond, regions with few and many
// candidates, and none.
func TestLocalSetRanksAsAScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	queries := 0
	for _, n := range []int{0, 1, 3, 9, 10, 11, 25, 200} {
		for range 20 {
			list := randomLocals(r, n)
			set := NewLocalSet(list)
			for _, region := range []string{"", "HU11", "HU23", "RO11"} {
				areas := map[string]bool{}
				for _, a := range []string{"a", "b", "c", "d", "e", "f", "z"} {
					if r.IntN(3) == 0 {
						areas[a] = true
					}
				}
				got := set.best(region, areas, maxLocal)
				want := scanBest(list, region, areas, maxLocal)
				if old := onePassBest(list, region, areas, maxLocal); !slices.Equal(old, want) {
					t.Fatalf("the one-pass ranking differs from the scan: %v, want %v", old, want)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%d candidates, region %q, areas %v:\ngot  %v\nwant %v", n, region, areas, got, want)
				}
				queries++
			}
		}
	}
	t.Logf("%d rankings compared", queries)
}

// BenchmarkProfileLocal ranks a country's candidates for as many
// profiles as there are candidates over five: the profiles of a generated
// site grow with its practices, so a scan of every candidate per profile
// grows with the square of the site, and LocalSet should not.
func BenchmarkProfileLocal(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			list := randomLocals(r, n)
			areas := map[string]bool{"a": true, "d": true}
			b.ResetTimer()
			for range b.N {
				set := NewLocalSet(list)
				for p := range n / 5 {
					set.best([]string{"", "HU11", "HU22"}[p%3], areas, maxLocal)
				}
			}
		})
	}
}

// onePassBest is how profiles were ranked before LocalSet: one pass over
// every candidate of the country, keeping the best n.
func onePassBest(list []Local, region string, areas map[string]bool, n int) []rankedLocal {
	var best []rankedLocal
	for i, c := range list {
		rank := localRank(c, region, areas)
		if len(best) == n && rank <= best[n-1].rank {
			continue
		}
		j := len(best)
		if j < n {
			best = append(best, rankedLocal{})
		} else {
			j = n - 1
		}
		for j > 0 && rank > best[j-1].rank {
			best[j] = best[j-1]
			j--
		}
		best[j] = rankedLocal{int32(i), rank}
	}
	return best
}

// BenchmarkProfileLocalOnePass is BenchmarkProfileLocal with the one
// pass per profile that LocalSet replaced, for comparison.
func BenchmarkProfileLocalOnePass(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			list := randomLocals(r, n)
			areas := map[string]bool{"a": true, "d": true}
			b.ResetTimer()
			for range b.N {
				for p := range n / 5 {
					onePassBest(list, []string{"", "HU11", "HU22"}[p%3], areas, maxLocal)
				}
			}
		})
	}
}
