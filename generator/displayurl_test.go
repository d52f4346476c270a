package generator

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDisplayURLCutsBetweenLetters: a long address is shortened to 57
// letters and an ellipsis, never inside a letter, so that a source in
// Greek or Cyrillic stays valid UTF-8 on the page.
func TestDisplayURLCutsBetweenLetters(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://www.example.org/path/", "example.org/path"},
		{"not a url", "not a url"},
		{"https://bsecluster.org/" + strings.Repeat("пилотен-", 10), "bsecluster.org/" + string([]rune(strings.Repeat("пилотен-", 10))[:42]) + "…"},
		{"https://example.gr/" + strings.Repeat("α", 45), "example.gr/" + strings.Repeat("α", 45)}, // 56 letters: whole
	} {
		got := displayURL(c.in)
		if got != c.want || !utf8.ValidString(got) || utf8.RuneCountInString(got) > 60 {
			t.Errorf("displayURL(%q) = %q (valid %v, %d letters), want %q", c.in, got, utf8.ValidString(got), utf8.RuneCountInString(got), c.want)
		}
	}
}
