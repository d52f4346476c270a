package textan

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

//go:generate go run ./foldgen

// foldStep is polisee's polisee_fold filter (package search).
func foldStep(t *analysis.Token) bool {
	t.Term = FoldTerm(t.Term)
	return true
}

// FoldTerm is Fold on a token's term: the term itself when folding
// leaves it as it is (ASCII without capitals: most words of most pages),
// else a new slice.
func FoldTerm(term []byte) []byte {
	if plainLower(term) {
		return term
	}
	return []byte(Fold(string(term)))
}

// plainLower reports whether b is ASCII without capitals, which Fold
// leaves as it is.
func plainLower[T string | []byte](b T) bool {
	for i := 0; i < len(b); i++ {
		if c := b[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// Fold is the folding every analyzer applies (package search's Fold):
// the text's canonical decomposition (Unicode's NFD) without its
// non-spacing marks (accents, tonos, dialytika, háček...), lowercased,
// with Greek final sigma as sigma. Invalid bytes come out as U+FFFD.
//
// The decompositions are read from foldTable (see foldgen), which holds
// what each decomposable character folds to, so that the browser's
// engine needs no normalization library (x/text's took 39 KB of its
// brotli bytes; the table takes 1.2 KB). Fold departs from NFD twice:
//   - It leaves the CJK compatibility ideographs (U+F900 to U+FAD9 and
//     U+2F800 to U+2FA1D, the duplicates that old East Asian encodings
//     needed) as they are, where NFD gives the unified ideograph of each:
//     their thousand entries would take 2.2 KB more of the engine.
//   - It decomposes one character at a time. NFD also puts the
//     combining marks after a letter in a canonical order, which for
//     the marks Fold keeps (spacing marks such as the musical symbols'
//     stems and flags, and a few viramas) it does not: a text with two
//     such marks of different classes out of that order keeps its order.
func Fold(s string) string {
	if plainLower(s) {
		return s
	}
	folds := foldTableMap()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= hangulFirst && r <= hangulLast:
			writeHangul(&b, r)
		case r == 'ς':
			b.WriteRune('σ')
		case r < 0xC0:
			// Latin-1's first 0xC0 characters have no decomposition and
			// no non-spacing mark.
			b.WriteRune(unicode.ToLower(r))
		default:
			if f, ok := folds[r]; ok {
				b.WriteString(f)
			} else if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// foldTableMap is foldTable read into a map, once.
var foldTableMap = sync.OnceValue(func() map[rune]string {
	m := make(map[rune]string, foldEntries)
	r := rune(0)
	for i := 0; i < len(foldTable); {
		delta, n := utf8.DecodeRuneInString(foldTable[i:])
		i += n
		count, n := utf8.DecodeRuneInString(foldTable[i:])
		i += n
		start := i
		for ; count > 0; count-- {
			_, n := utf8.DecodeRuneInString(foldTable[i:])
			i += n
		}
		r += delta
		m[r] = foldTable[start:i]
	}
	return m
})

// The Hangul syllables and the jamo they decompose to, by rule (The
// Unicode Standard, section 3.12): a leading consonant, a vowel and, but
// for every 28th syllable, a trailing consonant.
const (
	hangulFirst  = 0xAC00
	hangulLast   = 0xD7A3
	jamoLeading  = 0x1100
	jamoVowel    = 0x1161
	jamoTrailing = 0x11A7
	hangulVowels = 21
	hangulTrails = 28
)

func writeHangul(b *strings.Builder, r rune) {
	i := r - hangulFirst
	b.WriteRune(jamoLeading + i/(hangulVowels*hangulTrails))
	b.WriteRune(jamoVowel + i%(hangulVowels*hangulTrails)/hangulTrails)
	if t := i % hangulTrails; t != 0 {
		b.WriteRune(jamoTrailing + t)
	}
}
