package kb

import (
	"slices"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

// The practices and pilots of a country, as its profiles rank them. A
// profile page lists the maxLocal best (ProfileLocal): those of the
// profile's region first, then those sharing most of its areas, ties in
// the country's order (practices first, then by title). Scanning every
// candidate for every profile costs the profiles times the practices of
// a country, which grows with the square of the site; a LocalSet groups
// the candidates once per country by the areas they name, overall and
// within each region, so that a profile's best come from merging the
// heads of a few groups.

// Local is a practice or pilot of a country, as profiles rank it.
type Local struct {
	Item    *model.Item
	Regions []string // uppercase NUTS codes
	Areas   []string
}

// LocalSet is the practices and pilots of one country, in their order,
// grouped for ranking.
type LocalSet struct {
	List     []Local
	groups   []localGroup            // every candidate, by its areas
	byRegion map[string][]localGroup // the candidates in each region, by their areas
}

// localGroup is the candidates that name the same areas (as often, in
// any order), by their position in LocalSet.List, in increasing order.
type localGroup struct {
	areas   []string
	members []int32
}

// NewLocalSet groups a country's practices and pilots, given in the
// order that settles ties.
func NewLocalSet(list []Local) *LocalSet {
	s := &LocalSet{List: list, byRegion: map[string][]localGroup{}}
	overall := map[string]int{}
	inRegion := map[string]map[string]int{}
	for i, c := range list {
		// The rank counts an area as often as it is named, in any order.
		key := strings.Join(slices.Sorted(slices.Values(c.Areas)), "\x00")
		s.groups = addToGroup(s.groups, overall, key, c.Areas, int32(i))
		for k, r := range c.Regions {
			if slices.Contains(c.Regions[:k], r) {
				continue // a region named twice
			}
			if inRegion[r] == nil {
				inRegion[r] = map[string]int{}
			}
			s.byRegion[r] = addToGroup(s.byRegion[r], inRegion[r], key, c.Areas, int32(i))
		}
	}
	return s
}

func addToGroup(groups []localGroup, index map[string]int, key string, areas []string, i int32) []localGroup {
	k, ok := index[key]
	if !ok {
		k = len(groups)
		index[key] = k
		groups = append(groups, localGroup{areas: areas})
	}
	groups[k].members = append(groups[k].members, i)
	return groups
}

// rankedLocal is a candidate, by its position in the list, with its rank:
// 100 for being in the profile's region, plus one for each of its areas
// the profile names.
type rankedLocal struct {
	pos  int32
	rank int
}

// best returns up to n candidates, the highest ranked first and, among
// equals, the earlier in the list: the profile's region's (region, an
// uppercase NUTS code, or "" for none), then the others.
func (s *LocalSet) best(region string, areas map[string]bool, n int) []rankedLocal {
	var out []rankedLocal
	if region != "" {
		out = takeBest(out, s.byRegion[region], areas, 100, n, nil)
	}
	if len(out) < n {
		var skip func(int32) bool
		if region != "" && len(s.byRegion[region]) > 0 {
			skip = func(i int32) bool { return slices.Contains(s.List[i].Regions, region) }
		}
		out = takeBest(out, s.groups, areas, 0, n, skip)
	}
	return out
}

// takeBest appends to out, until it holds n, the members of groups, the
// groups of most shared areas first, each level's members in the list's
// order; skip, if set, leaves candidates out.
func takeBest(out []rankedLocal, groups []localGroup, areas map[string]bool, base, n int, skip func(int32) bool) []rankedLocal {
	type level struct {
		g    int
		rank int
	}
	levels := make([]level, len(groups))
	for k, g := range groups {
		rank := base
		for _, a := range g.areas {
			if areas[a] {
				rank++
			}
		}
		levels[k] = level{k, rank}
	}
	slices.SortStableFunc(levels, func(a, b level) int { return b.rank - a.rank })
	for start := 0; start < len(levels) && len(out) < n; {
		end := start + 1
		for end < len(levels) && levels[end].rank == levels[start].rank {
			end++
		}
		// The level's groups, merged in the list's order.
		lists := make([][]int32, 0, end-start)
		for _, l := range levels[start:end] {
			lists = append(lists, groups[l.g].members)
		}
		for _, i := range MergeAscending(lists, n-len(out), skip) {
			out = append(out, rankedLocal{i, levels[start].rank})
		}
		start = end
	}
	return out
}
