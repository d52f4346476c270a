package benchkit

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/clusterpolisee/polisee/search"
)

// minWordLen keeps out short words: mostly function words, not what
// readers search for.
const minWordLen = 4

// Vocabulary returns the distinct words of the documents' bodies, sorted:
// lowercase ASCII letters only (so both tools read them the same way, with
// no accent folding involved), at least minWordLen long, and not English
// stop words, which polisee's analyzer drops from queries.
func Vocabulary(docs []search.Document) []string {
	stop := stopWords()
	seen := map[string]bool{}
	for _, d := range docs {
		// Words are split at non-letters, not at non-ASCII letters:
		// "Észak" must not give "szak", a word of no document.
		for _, w := range strings.FieldsFunc(strings.ToLower(d.Body), notLetter) {
			if len(w) >= minWordLen && isLowerASCII(w) && !stop[w] {
				seen[w] = true
			}
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

func isLowerASCII(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// stopWords reads bleve's English stop list (snowball format: a word at
// the start of a line, comments after "|").
func stopWords() map[string]bool {
	stop := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(en.EnglishStopWords))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "|")
		for _, w := range strings.Fields(line) {
			stop[w] = true
		}
	}
	return stop
}

// PickQueries draws the cold query (one word) and n timed queries from
// the vocabulary, the same for the same seed: even-numbered queries are
// one word, odd-numbered two distinct words.
func PickQueries(words []string, n int, seed int64) (cold string, queries []string) {
	if len(words) == 0 {
		return "", nil
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x5ea7c4))
	pick := func() string { return words[r.IntN(len(words))] }
	cold = pick()
	for i := range n {
		q := pick()
		if i%2 == 1 && len(words) > 1 {
			second := pick()
			for second == q {
				second = pick()
			}
			q += " " + second
		}
		queries = append(queries, q)
	}
	return cold, queries
}
