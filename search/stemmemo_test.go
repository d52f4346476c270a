//go:build !js

package search

import (
	"fmt"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// TestStemMemo: the remembering stemmer gives bleve's Porter stems, for
// terms seen for the first time and again, from several goroutines, and
// past its limit; keyword tokens stay as they are.
func TestStemMemo(t *testing.T) {
	words := []string{"clusters", "policies", "regional", "innovation", "innovating", "transferred", "é", "naïve", "σύμπλεγμα", "a", "running", "ponies", "caresses", "generalizations"}
	for i := range 300 {
		words = append(words, fmt.Sprintf("word%dings", i))
	}
	tokens := func() analysis.TokenStream {
		var ts analysis.TokenStream
		for i, w := range words {
			ts = append(ts, &analysis.Token{Term: []byte(w), Position: i + 1})
		}
		ts = append(ts, &analysis.Token{Term: []byte("running"), KeyWord: true})
		return ts
	}
	want := porter.NewPorterStemmer().Filter(tokens())
	m := &stemMemo{}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				got := m.Filter(tokens())
				for i := range want {
					if string(got[i].Term) != string(want[i].Term) {
						t.Errorf("goroutine %d, round %d: %q stems to %q; bleve's porter gives %q", g, round, words[min(i, len(words)-1)], got[i].Term, want[i].Term)
					}
				}
			}
		}()
	}
	wg.Wait()
	if n := m.stems.Len(); n == 0 || n > len(words) {
		t.Errorf("%d stems remembered for %d words", n, len(words))
	}
	// Past 256 stems the memo publishes a frozen map, read with no lock
	// (package readmostly's tests hold its other promises); each of its
	// stems is bleve's.
	frozen := m.stems.Frozen()
	if frozen == nil {
		t.Fatalf("%d stems remembered and none frozen", m.stems.Len())
	}
	for w, stem := range frozen {
		if want := porter.NewPorterStemmer().Filter(analysis.TokenStream{{Term: []byte(w)}})[0].Term; string(stem) != string(want) {
			t.Errorf("frozen %q: %q, want %q", w, stem, want)
		}
	}
	full := &stemMemo{limit: 1}
	full.Filter(tokens()[:1]) // one stem: the memo is full
	got := full.Filter(tokens())
	for i := range want {
		if string(got[i].Term) != string(want[i].Term) {
			t.Errorf("past the limit: %q stems to %q; want %q", words[min(i, len(words)-1)], got[i].Term, want[i].Term)
		}
	}
	if n := full.stems.Len(); n != 1 {
		t.Errorf("a memo full at one stem remembers %d", n)
	}
}
