package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate closest to s when it is close enough to be
// a likely typo, or "".
func Suggest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	limit := 2
	if n := utf8.RuneCountInString(s); n <= 3 {
		limit = 1
	} else if n >= 10 {
		limit = 3
	}
	if best == "" || bestDist > limit {
		return ""
	}
	return best
}

// didYouMean formats a suggestion for a message, or "" when there is none.
func didYouMean(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
