package textan

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// sameTokens compares Tokenize with bleve's unicode tokenizer on text.
func sameTokens(t *testing.T, text string) {
	t.Helper()
	got := Tokenize([]byte(text))
	want := unicodetok.NewUnicodeTokenizer().Tokenize([]byte(text))
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens, bleve %d: %s against %s", text, len(got), len(want), terms(got), terms(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position || g.Type != w.Type {
			t.Fatalf("%q: token %d is %q %d-%d #%d type %d, bleve's %q %d-%d #%d type %d",
				text, i, g.Term, g.Start, g.End, g.Position, g.Type, w.Term, w.Start, w.End, w.Position, w.Type)
		}
	}
}

func terms(s analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range s {
		b.WriteString("[" + string(t.Term) + "]")
	}
	return b.String()
}

// tokenPieces are what the generated texts are made of: ASCII words,
// numbers and every ASCII joining character, and what makes the
// segmenter read a stretch (letters with accents, Greek, kana, CJK,
// Hangul, combining marks, format characters, invalid bytes).
var tokenPieces = []string{
	"a", "Z", "cluster", "EU", "1", "2024", "3", "_", "__", ".", ",", ";", ":", "'", "\"", " ", "  ", "\n", "\r\n", "\r",
	"\t", "\v", "\f", "-", "/", "(", ")", "!", "?", "#", "@", "&", "%", "+", "=", "*", "~", "`", "|", "\\", "<", ">", "[", "]",
	"{", "}", "$", "^", "\x00", "\x7f",
	"é", "ö", "ş", "πολιτική", "Σ", "カタカナ", "ひらがな", "漢字", "한국", "\u0301", "\u00ad", "\u200d", "\u200b", "\u2019", "\u00a0",
	"\u3000", "\U0001F1EA\U0001F1FA", "\xff", "\xce", "٣", "\u05d0\u05d1", "\u05f3",
}

// TestTokenizeAsBleve: Tokenize gives bleve's unicode tokenizer's tokens
// (the same terms, offsets, positions and types) for texts built from
// tokenPieces, ASCII alone and mixed.
func TestTokenizeAsBleve(t *testing.T) {
	for _, text := range []string{
		"", "a", "e.g. the U.S.A. and 3.14, 1,000.50; don't a:b 1:2 a1.2 1a.b a_b _ __1__a 1._2 ab.. a.1 1.a",
		"Cluster policy in Alföld, 2021–2027: “smart” ‘specialisation’ — see p. 4.",
		"Πολιτική για τα clusters στην Ελλάδα (2014-2020) και café.",
	} {
		sameTokens(t, text)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 60000 {
		pieces := tokenPieces
		if n%2 == 0 {
			pieces = tokenPieces[:50] // ASCII only
		}
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		sameTokens(t, b.String())
	}
}

// FuzzTokenizeAsBleve: the same on any text.
func FuzzTokenizeAsBleve(f *testing.F) {
	for _, s := range []string{"a.b 1,2 c'd", "x é y", "_1_ a_b", "ab.\u00adcd", "1.\u0301 2", "a\xffb c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { sameTokens(t, text) })
}

// tokenizeText is English text of the kind a page's body holds.
var tokenizeText = []byte(strings.Repeat("The cluster programme (2014-2020) funded 42 projects, e.g. joint R&D, "+
	"training and export missions; partners' budgets were EUR 1,250,000.50 in all. See: www.example.eu/report. ", 40))

func BenchmarkTokenize(b *testing.B) {
	b.Run("textan", func(b *testing.B) {
		b.SetBytes(int64(len(tokenizeText)))
		for range b.N {
			Tokenize(tokenizeText)
		}
	})
	b.Run("bleve", func(b *testing.B) {
		tok := unicodetok.NewUnicodeTokenizer()
		b.SetBytes(int64(len(tokenizeText)))
		for range b.N {
			tok.Tokenize(tokenizeText)
		}
	})
}

// TestTokenizeWithScratch: TokenizeWith gives Tokenize's tokens, text
// after text in the same Scratch (long texts take several chunks); Reset
// drops every reference to the last text; and once the scratch has grown
// to a text's size, tokenizing it again allocates nothing.
func TestTokenizeWithScratch(t *testing.T) {
	var s Scratch
	rng := rand.New(rand.NewPCG(5, 6))
	texts := []string{string(tokenizeText), "", "one two", string(tokenizeText[:300])}
	for range 300 {
		var b strings.Builder
		for range 1 + rng.IntN(200) {
			b.WriteString(tokenPieces[rng.IntN(len(tokenPieces))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		want := Tokenize([]byte(text))
		got := TokenizeWith(&s, []byte(text))
		if terms(got) != terms(want) || len(got) != len(want) {
			t.Fatalf("%q: TokenizeWith gives %s, Tokenize %s", text, terms(got), terms(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position || g.Type != w.Type {
				t.Fatalf("%q: token %d is %+v, Tokenize's %+v", text, i, *got[i], *want[i])
			}
		}
		s.Reset()
		for _, c := range s.chunks {
			for _, tok := range c[:cap(c)] {
				if tok.Term != nil || tok.Position != 0 {
					t.Fatalf("after Reset, a chunk still holds %+v", tok)
				}
			}
		}
		for _, tok := range s.words.stream[:cap(s.words.stream)] {
			if tok != nil {
				t.Fatalf("after Reset, the stream still holds %+v", *tok)
			}
		}
	}
	if len(s.chunks) < 2 {
		t.Fatalf("the long text took %d chunks; the test needs several", len(s.chunks))
	}
	allocs := testing.AllocsPerRun(20, func() {
		TokenizeWith(&s, tokenizeText)
		s.Reset()
	})
	if allocs != 0 {
		t.Errorf("TokenizeWith allocates %.0f times a text on a grown Scratch, want 0", allocs)
	}
}
