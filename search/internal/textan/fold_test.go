package textan

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfdFold is Fold by its definition: invalid bytes read as U+FFFD, one
// a byte, as a range loop reads them (x/text's NFD copies them as they
// are, and may leave the character after one undecomposed); then NFD
// through x/text, but for the CJK compatibility ideographs, which stay
// as they are; non-spacing marks dropped, the rest lowercased, final
// sigma as sigma.
func nfdFold(s string) string {
	var b, run strings.Builder
	flush := func() {
		for _, r := range norm.NFD.String(run.String()) {
			switch {
			case unicode.Is(unicode.Mn, r):
			case r == 'ς':
				b.WriteRune('σ')
			default:
				b.WriteRune(unicode.ToLower(r))
			}
		}
		run.Reset()
	}
	for _, r := range s {
		if compatIdeograph(r) {
			// A starter: NFD reorders nothing across it.
			flush()
			b.WriteRune(r)
			continue
		}
		run.WriteRune(r)
	}
	flush()
	return b.String()
}

// compatIdeograph reports whether r is a CJK compatibility ideograph:
// an ideograph with a canonical decomposition.
func compatIdeograph(r rune) bool {
	return unicode.Is(unicode.Ideographic, r) && norm.NFD.String(string(r)) != string(r)
}

// reorderable reports whether s holds a mark that Fold keeps but NFD may
// move (a combining class other than 0, and not a non-spacing mark):
// Fold does not reorder those (see Fold).
func reorderable(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) && norm.NFD.PropertiesString(string(r)).CCC() != 0 {
			return true
		}
	}
	return false
}

// TestFoldIsNFD: Fold gives what its definition gives for every
// character, and for texts that mix letters, marks, Hangul and invalid
// bytes. It fails when foldTable is out of date: go generate
// ./search/internal/textan writes it again.
func TestFoldIsNFD(t *testing.T) {
	bad := 0
	for r := rune(0); r <= unicode.MaxRune && bad < 10; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got, want := Fold(s), nfdFold(s); got != want {
			t.Errorf("Fold(%q) (%U) = %q, want %q", s, r, got, want)
			bad++
		}
	}
	pieces := []string{"a", "A", "É", "e\u0301", "\u0301", "\u0323\u0302", "ệ", "Ω", "Ώ", "ΐ", "ς", "Σ", "ǅ", "İ",
		"한", "각", "ᄀ", "ﬀ", "Å", "Å", "ǖ", "\xff", "\xe2\x82", " ", "1", "ש\u05bc", "\ufb2c", "\u0f73", "\u0344",
		"\U0001d15e", "\U0002f800", "ḯ", "ṩ", "ђ", "й", "ї", "ă", "ș", "ț", "\u0340", "\u1e9b"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Fold(s), nfdFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzFoldIsNFD: Fold gives what its definition gives, but where NFD
// would reorder marks that Fold keeps.
func FuzzFoldIsNFD(f *testing.F) {
	for _, s := range []string{"Ελληνικά", "café", "Đorđe", "e\u0301\u0323", "한국어", "a\xffb", "ǅemal"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if reorderable(s) {
			t.Skip("NFD may reorder marks that Fold keeps")
		}
		if got, want := Fold(s), nfdFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzFoldPlainLower: the shortcut for ASCII without capitals gives what
// the full folding gives, and is taken for no other text.
func FuzzFoldPlainLower(f *testing.F) {
	for _, s := range []string{"cluster", "Cluster", "ασ", "café", "e\u0301", "", "a\x80b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plainLower(s) {
			return
		}
		if f := nfdFold(s); f != s {
			t.Errorf("%q is taken as plain lowercase, but folds to %q", s, f)
		}
	})
}

// TestRomanianCedillaTerm: comma-below letters become cedilla ones,
// everything else, invalid bytes included, stays as it is.
func TestRomanianCedillaTerm(t *testing.T) {
	for in, want := range map[string]string{
		"și": "şi", "națiune": "naţiune", "ȘȚ": "ŞŢ", "şi": "şi", "si": "si", "ș\xffț": "ş\xffţ", "": "",
	} {
		if got := string(RomanianCedillaTerm([]byte(in))); got != want {
			t.Errorf("RomanianCedillaTerm(%q) = %q, want %q", in, got, want)
		}
	}
}
