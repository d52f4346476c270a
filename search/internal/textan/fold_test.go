package textan

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

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
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		if b.String() != s {
			t.Errorf("%q is taken as plain lowercase, but folds to %q", s, b.String())
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
