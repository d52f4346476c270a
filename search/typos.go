package search

import (
	index "github.com/blevesearch/bleve_index_api"
)

// Typos. A fuzzy term (word~1, and the retry of a word the index lacks)
// matches the index's words within its number of edits, and bleve weighs
// each match by 1/(edits+1). Edits are counted here as a reader makes
// them: a letter added, dropped or changed, or two neighbouring letters
// swapped, which is one slip ("Slovakai" is one edit from "Slovakia" and
// two from "Slovak"), where bleve's own count (Levenshtein's) makes a swap
// two. This is the optimal string alignment distance, over letters
// (runes), not bytes.

var (
	_ index.IndexReaderFuzzy = segmentReader{}
	_ index.FuzzyAutomaton   = typoMatcher{}
)

// typoMatcher matches the words within max edits of a word.
type typoMatcher struct {
	word []rune
	max  int
}

// MatchAndDistance reports whether term is within the matcher's edits of
// its word, and how many edits it is.
func (m typoMatcher) MatchAndDistance(term string) (bool, uint8) {
	d := typoDistance(m.word, []rune(term), m.max)
	return d <= m.max, uint8(min(d, 255))
}

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

// typoDict is the words of a field's dictionary within a matcher's edits,
// with their number of edits.
type typoDict struct {
	index.FieldDict
	m typoMatcher
}

func (d typoDict) Next() (*index.DictEntry, error) {
	for {
		e, err := d.FieldDict.Next()
		if e == nil || err != nil {
			return e, err
		}
		if ok, n := d.m.MatchAndDistance(e.Term); ok {
			e.EditDistance = n
			return e, nil
		}
	}
}

func (r segmentReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	d, _, err := r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	return d, err
}

// FieldDictFuzzyAutomaton looks at the words that start with prefix only
// (bleve passes the first letters a fuzzy term keeps).
func (r segmentReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	var d index.FieldDict
	var err error
	if prefix != "" {
		d, err = r.FieldDictPrefix(field, []byte(prefix))
	} else {
		d, err = r.FieldDict(field)
	}
	if err != nil {
		return nil, nil, err
	}
	m := typoMatcher{word: []rune(term), max: fuzziness}
	return typoDict{d, m}, m, nil
}
