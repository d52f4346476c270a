package snippet

import (
	"encoding/binary"
	"html"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlhl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
)

// bleveHighlighter is the highlighter polisee used before this package.
var bleveHighlighter = sync.OnceValue(func() highlight.Highlighter {
	hl, err := registry.NewCache().HighlighterNamed(htmlhl.Name)
	if err != nil {
		panic(err)
	}
	return hl
})

// bleveBest is what bleve's default HTML highlighter made of text and locs
// in polisee's search: the first of BestFragmentsInField(..., 1), or "" if
// there was none. panicked reports that bleve panicked.
func bleveBest(text string, locs []Location) (out string, panicked bool) {
	defer func() {
		if recover() != nil {
			out, panicked = "", true
		}
	}()
	tlm := search.TermLocationMap{}
	for _, l := range locs {
		tlm[l.Term] = append(tlm[l.Term], &search.Location{Pos: l.Pos, Start: l.Start, End: l.End})
	}
	dm := &search.DocumentMatch{ID: "id", Locations: search.FieldTermLocationMap{"summary": tlm}}
	doc := document.NewDocument("id").AddField(document.NewTextField("summary", nil, []byte(text)))
	if frags := bleveHighlighter().BestFragmentsInField(dm, doc, "summary", 1); len(frags) > 0 {
		return frags[0], false
	}
	return "", false
}

// compare checks Best against bleve on one case. Where bleve panics, Best
// must return "" (and not panic), which the caller shows as no snippet:
// the whole text, escaped. That is the one difference allowed, and it is
// a bleve bug: it slices the text with offsets it has not checked (a
// start or end of 2^63 or more, which it turns into a negative int; a
// location to be marked that ends before it starts).
func compare(t *testing.T, name, text string, locs []Location) {
	t.Helper()
	want, panicked := bleveBest(text, locs)
	var got string
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("%s: Best(%q, %v) panicked: %v", name, text, locs, p)
			}
		}()
		got = Best(text, locs)
	}()
	if got != want {
		t.Fatalf("%s: Best(%q, %v)\n got %q\nwant %q (bleve panicked: %v)", name, text, locs, got, want, panicked)
	}
}

// wordLocations returns the locations of every whole occurrence of each
// term in text, words being separated by spaces, as a tokenizer would.
func wordLocations(text string, terms ...string) []Location {
	var locs []Location
	pos, at := uint64(0), 0
	for _, w := range strings.Split(text, " ") {
		pos++
		for _, term := range terms {
			if strings.Trim(w, ".,;:!?()\"'<>&") == term {
				s := at + strings.Index(w, term)
				locs = append(locs, Location{Term: term, Pos: pos, Start: uint64(s), End: uint64(s + len(term))})
			}
		}
		at += len(w) + 1
	}
	return locs
}

func TestBestAsBleveHandWritten(t *testing.T) {
	filler := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	long := filler(40, "lorem") + " needle " + filler(60, "ipsum") + " haystack " + filler(80, "dolor") + " needle end"
	greek := "Η πολιτική συνοχής της Ευρωπαϊκής Ένωσης στηρίζει τις περιφέρειες· οι πολιτικές της Επιτροπής για τα Ταμεία " +
		filler(50, "ανάπτυξη") + " και η πολιτική της Ελλάδας."
	ten30 := strings.Repeat("abcdefghi ", 30)
	escapes := `Tom & Jerry's <b>"grants"</b> > all & more 'quoted' <script>alert("x")</script> grants`
	cases := []struct {
		name string
		text string
		locs []Location
	}{
		{"empty text, no locations", "", nil},
		{"empty text, location at 0", "", []Location{{Term: "a", Start: 0, End: 0}}},
		{"empty text, location beyond", "", []Location{{Term: "a", Start: 3, End: 5}}},
		{"no locations, short", "a short summary", nil},
		{"no locations, long", long, nil},
		{"no locations, escapes", escapes, nil},
		{"match at start", "grants for regions", wordLocations("grants for regions", "grants")},
		{"match at end", "regions get grants", wordLocations("regions get grants", "grants")},
		{"match in the middle", "regions get grants today", wordLocations("regions get grants today", "grants")},
		{"whole text", "grants", []Location{{Term: "grants", Start: 0, End: 6}}},
		{"several matches", "the grants and the regions and the grants", wordLocations("the grants and the regions and the grants", "grants", "regions")},
		{"same term twice", "a b a b a", wordLocations("a b a b a", "a")},
		{"two terms, one token", "cohesion policy", []Location{{Term: "cohesion", Start: 0, End: 8}, {Term: "cohes", Start: 0, End: 8}}},
		{"overlapping with the first", "abcdefghij", []Location{{Term: "x", Start: 0, End: 5}, {Term: "y", Start: 3, End: 8}}},
		{"overlap shrinks the first", "abcdefghij", []Location{{Term: "x", Start: 0, End: 8}, {Term: "y", Start: 3, End: 5}}},
		{"later overlaps not merged", "abcdefghijklmnopqrst", []Location{{Term: "x", Start: 0, End: 2}, {Term: "y", Start: 10, End: 15}, {Term: "z", Start: 12, End: 18}}},
		{"empty first location", "abcdefghij", []Location{{Term: "x", Start: 3, End: 3}, {Term: "y", Start: 4, End: 6}}},
		{"empty location inside the first", "abcdefghij", []Location{{Term: "x", Start: 3, End: 6}, {Term: "y", Start: 4, End: 4}}},
		{"same token, two terms, far", long, []Location{{Term: "a", Start: 400, End: 406}, {Term: "b", Start: 400, End: 406}, {Term: "a", Start: 10, End: 15}}},
		{"adjacent locations", "abcdefghij", []Location{{Term: "x", Start: 0, End: 3}, {Term: "y", Start: 3, End: 6}}},
		// The window of x stops growing backwards at the end of a, so
		// that it does not take in a's text again.
		{"window stops at the previous location", ten30, []Location{{Term: "a", Start: 150, End: 155}, {Term: "x", Start: 160, End: 400}, {Term: "b", Start: 280, End: 285}, {Term: "c", Start: 290, End: 295}}},
		// y starts inside x: no room before it, so its window is not
		// moved back to centre z.
		{"starts inside the previous location", ten30, []Location{{Term: "x", Start: 0, End: 250}, {Term: "y", Start: 10, End: 12}, {Term: "z", Start: 205, End: 207}}},
		{"long, matches far apart", long, wordLocations(long, "needle", "haystack")},
		{"long, one match far in", long, wordLocations(long, "haystack")},
		{"long, match at the very end", long, wordLocations(long, "end")},
		{"long, match at the very start", long, wordLocations(long, "lorem")[:1]},
		{"greek", greek, wordLocations(greek, "πολιτική", "πολιτικές", "Ελλάδας")},
		{"greek, one far", greek, wordLocations(greek, "Ελλάδας")},
		{"escapes", escapes, wordLocations(escapes, "grants", "Jerry's", "all", "more")},
		{"escapes in a match", escapes, []Location{{Term: "b", Start: 12, End: 20}}},
		{"location ends beyond the text", "grants", []Location{{Term: "g", Start: 2, End: 9}}},
		{"location starts beyond the text", "grants", []Location{{Term: "g", Start: 7, End: 9}}},
		{"location at the end of the text", "grants", []Location{{Term: "g", Start: 6, End: 6}}},
		{"one in, one beyond", "grants for all", []Location{{Term: "g", Start: 0, End: 6}, {Term: "h", Start: 20, End: 22}}},
		{"invalid UTF-8 after the match", "grants \xff for all", []Location{{Term: "g", Start: 0, End: 6}}},
		{"invalid UTF-8 before the match", "a \xff grants", []Location{{Term: "g", Start: 5, End: 11}}},
		{"invalid UTF-8, no locations", "ab\xffcd", nil},
		{"U+FFFD in the text", "grants \uFFFD for all", []Location{{Term: "g", Start: 0, End: 6}}},
		{"U+FFFD, no locations", "ab\uFFFDcd", nil},
		{"invalid UTF-8, second location good", "\xff grants " + long, []Location{{Term: "x", Start: 0, End: 1}, {Term: "g", Start: 2, End: 8}}},
		// The window is to be moved back over a byte that does not decode:
		// bleve gives it up, and with it the only fragment.
		{"invalid UTF-8 just before the match", "abcd\xffgrants" + long, []Location{{Term: "g", Start: 5, End: 11}}},
		{"U+FFFD just before the match", "abcd\uFFFDgrants" + long, []Location{{Term: "g", Start: 7, End: 13}}},
		{"location inside a rune", "πολιτική", []Location{{Term: "x", Start: 1, End: 4}}},
		{"end before start, not marked", "abcdefghij", []Location{{Term: "x", Start: 0, End: 6}, {Term: "y", Start: 4, End: 2}}},
		{"end before start, marked", "abcdefghij", []Location{{Term: "x", Start: 4, End: 2}}},
		{"start at 2^63", "abc", []Location{{Term: "x", Start: 1 << 63, End: 1<<63 + 1}}},
		{"end at 2^64-1", "abcdef", []Location{{Term: "x", Start: 1, End: math.MaxUint64}}},
		{"end at 2^64-1, then another", "abcdef", []Location{{Term: "x", Start: 1, End: math.MaxUint64}, {Term: "y", Start: 3, End: 4}}},
	}
	for _, c := range cases {
		compare(t, c.name, c.text, c.locs)
	}
	t.Logf("%d hand-written cases", len(cases))
}

// TestBestTiesAsOneOfBleve covers the one case Best does not reproduce
// exactly: locations that start at the same byte and end at different
// bytes, which bleve orders by Go's random map iteration over terms. Best
// keeps them in the order given, so with two terms its snippet must be
// one of those bleve makes when run often enough.
func TestBestTiesAsOneOfBleve(t *testing.T) {
	cases := []struct {
		text string
		locs []Location
	}{
		{"abcdefghij", []Location{{Term: "x", Start: 3, End: 3}, {Term: "y", Start: 3, End: 6}}},
		{"abcdefghij", []Location{{Term: "y", Start: 3, End: 6}, {Term: "x", Start: 3, End: 3}}},
		{"abcdefghij", []Location{{Term: "x", Start: 0, End: 8}, {Term: "y", Start: 0, End: 2}}},
		{"abcdefghij", []Location{{Term: "y", Start: 0, End: 2}, {Term: "x", Start: 0, End: 8}}},
	}
	for _, c := range cases {
		seen := map[string]bool{}
		for range 200 {
			out, _ := bleveBest(c.text, c.locs)
			seen[out] = true
		}
		if got := Best(c.text, c.locs); !seen[got] {
			t.Errorf("Best(%q, %v) = %q, bleve made only %v", c.text, c.locs, got, seen)
		}
		if len(seen) < 2 {
			t.Logf("bleve made one snippet only for %v: %v", c.locs, seen)
		}
	}
}

// words are what random texts are made of: ASCII, Greek, Cyrillic, CJK,
// emoji, and words with the characters HTML escaping changes.
var words = []string{
	"the", "grants", "regions", "cohesion", "policy", "fund", "a", "of",
	"πολιτική", "συνοχής", "Ελλάδα", "περιφέρειες", "Ниш", "политика",
	"Alföld", "Zagreb", "日本語", "テスト", "😀", "naïve",
	"<b>", "&amp;", `"quoted"`, "it's", "x<y", "a&b", ">", "'",
}

// randomCase is a text of random words and the locations of a few of its
// words (whole words, as a tokenizer finds them), sometimes with a second
// term on the same word, as a fuzzy and an exact term would be.
func randomCase(r *rand.Rand) (string, []Location) {
	n := r.IntN(400)
	if r.IntN(3) == 0 {
		n = r.IntN(30)
	}
	var b strings.Builder
	type word struct{ start, end int }
	var ws []word
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString([]string{" ", " ", " ", ", ", ". ", " - ", "\n"}[r.IntN(7)])
		}
		w := words[r.IntN(len(words))]
		ws = append(ws, word{b.Len(), b.Len() + len(w)})
		b.WriteString(w)
	}
	text := b.String()
	var locs []Location
	nterms := r.IntN(4)
	for t := 0; t < nterms; t++ {
		term := words[r.IntN(len(words))]
		for i, w := range ws {
			if text[w.start:w.end] == term {
				locs = append(locs, Location{Term: term, Pos: uint64(i + 1), Start: uint64(w.start), End: uint64(w.end)})
				if r.IntN(5) == 0 {
					locs = append(locs, Location{Term: term + "~", Pos: uint64(i + 1), Start: uint64(w.start), End: uint64(w.end)})
				}
			}
		}
	}
	// Some random words as terms too, wherever they are.
	for k := r.IntN(3); k > 0 && len(ws) > 0; k-- {
		i := r.IntN(len(ws))
		w := ws[i]
		locs = append(locs, Location{Term: text[w.start:w.end], Pos: uint64(i + 1), Start: uint64(w.start), End: uint64(w.end)})
	}
	r.Shuffle(len(locs), func(i, j int) { locs[i], locs[j] = locs[j], locs[i] })
	return text, locs
}

func TestBestAsBleveRandom(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(1, 2))
	withLocs := 0
	for i := 0; i < n; i++ {
		text, locs := randomCase(r)
		if len(locs) > 0 {
			withLocs++
		}
		compare(t, "random", text, locs)
	}
	t.Logf("%d random cases, %d with locations", n, withLocs)
}

// fuzzLocations reads locations in a text of n bytes from the fuzzer's
// bytes, 5 bytes each: a term (one of four, in the low bits of the first
// byte), a start (two bytes, taken modulo n+8, so sometimes beyond the
// text) and a signed length (so sometimes ending before the start); with
// the top bit of the first byte, the fifth byte may make the start or the
// end 2^63 or more.
//
// Locations that start where an earlier one starts but end elsewhere are
// dropped: bleve orders those by Go's random map iteration and an unstable
// sort, so its own output for them is not reproducible (see Best).
func fuzzLocations(n int, b []byte) []Location {
	var locs []Location
	starts := map[uint64]uint64{}
	for ; len(b) >= 5; b = b[5:] {
		term := []string{"a", "b", "c", "d"}[b[0]&3]
		start := uint64(binary.LittleEndian.Uint16(b[1:3])) % uint64(n+8)
		end := start + uint64(int64(int8(b[3])))
		if b[0]&0x80 != 0 {
			switch b[4] & 3 {
			case 0:
				start += 1 << 63
			case 1:
				end = math.MaxUint64 - uint64(b[4]>>2)
			case 2:
				end += 1 << 63
			}
		}
		if e, ok := starts[start]; ok && e != end {
			continue
		}
		starts[start] = end
		locs = append(locs, Location{Term: term, Pos: uint64(len(locs)), Start: start, End: end})
	}
	return locs
}

// FuzzBestAsBleve compares Best with bleve on any text (invalid UTF-8
// included), repeated up to 64 times so that it is often longer than a
// fragment, and any locations. The only difference allowed is where bleve
// panics (an offset of 2^63 or more; a location to be marked that ends
// before it starts): Best then returns "".
func FuzzBestAsBleve(f *testing.F) {
	loc := func(term byte, start uint16, length int8) []byte {
		return []byte{term, byte(start), byte(start >> 8), byte(length), 0}
	}
	cat := func(bs ...[]byte) []byte { return slices.Concat(bs...) }
	f.Add("grants for regions", uint8(0), loc(0, 0, 6))
	f.Add("regions get grants", uint8(0), cat(loc(0, 12, 6), loc(1, 0, 7)))
	f.Add("lorem ipsum ", uint8(50), cat(loc(0, 600, 6), loc(1, 6, 5), loc(2, 300, 5)))
	f.Add("Η πολιτική συνοχής ανάπτυξη ", uint8(20), cat(loc(0, 3, 16), loc(0, 386, 16), loc(1, 500, 10)))
	f.Add(`Tom & Jerry's <b>"grants"</b>`, uint8(1), loc(2, 18, 6))
	f.Add("ab\xffcd grants", uint8(3), loc(0, 6, 6))
	f.Add("", uint8(0), []byte{})
	f.Add("abcdefghij", uint8(0), cat(loc(0, 0, 5), loc(1, 3, 5)))
	f.Add("abcdefghi ", uint8(29), cat(loc(0, 150, 5), loc(1, 160, 127), loc(2, 280, 5), loc(3, 290, 5)))
	f.Fuzz(func(t *testing.T, text string, repeat uint8, b []byte) {
		text = strings.Repeat(text, 1+int(repeat%64))
		compare(t, "fuzz", text, fuzzLocations(len(text), b))
	})
}

// TestBestNeverPanics feeds Best locations of every kind that does not fit
// the text, and compares with bleve where bleve's output is reproducible.
func TestBestNeverPanics(t *testing.T) {
	texts := []string{"", "a", "πολ", "ab\xffcd", strings.Repeat("x ", 300)}
	offsets := []uint64{0, 1, 2, 3, 5, 100, 599, 600, 601, 1 << 31, 1 << 32, 1<<63 - 1, 1 << 63, math.MaxUint64}
	n := 0
	for _, text := range texts {
		for _, s := range offsets {
			for _, e := range offsets {
				for _, s2 := range offsets[:6] {
					locs := []Location{{Term: "a", Start: s, End: e}, {Term: "b", Start: s2, End: s2 + 2}}
					if s != s2 || e == s2+2 {
						compare(t, "out of range", text, locs)
					} else {
						Best(text, locs)
					}
					compare(t, "out of range", text, locs[:1])
					n++
				}
			}
		}
	}
	t.Logf("%d location sets", n)
}

// FuzzEscapeAsHTML checks that Escape is html.EscapeString, on any bytes.
func FuzzEscapeAsHTML(f *testing.F) {
	for _, s := range []string{"", "plain", `Tom & Jerry's <b>"grants"</b>`, "ab\xffcd<", "&&&<<>>\"\"''", "πολιτική & Ниш"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Escape(s), html.EscapeString(s); got != want {
			t.Fatalf("Escape(%q) = %q, want %q", s, got, want)
		}
	})
}
