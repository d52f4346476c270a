package search

// Typos. A fuzzy term (word~1, and the retry of a word the index lacks)
// matches the index's words within its number of edits, and bleve weighs
// each match by 1/(edits+1). Edits are counted here as a reader makes
// them: a letter added, dropped or changed, or two neighbouring letters
// swapped, which is one slip ("Slovakai" is one edit from "Slovakia" and
// two from "Slovak"), where bleve's own count (Levenshtein's) makes a swap
// two. This is the optimal string alignment distance, over letters
// (runes), not bytes.

// typoDistance is the optimal string alignment distance between a and b,
// or a number above max once it must exceed max.
func typoDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	// Three rows of the table: two back (for swaps), one back, this one.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			best = min(best, d)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
