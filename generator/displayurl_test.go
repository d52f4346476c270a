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

// A page's URL and file, made as one string, are what they were as two.
func TestURLAndFile(t *testing.T) {
	for _, c := range []struct{ prefix, url string }{
		{"", "/"}, {"", "/practices/x/"}, {"/el", "/practices/x/"}, {"/el", "/"},
		{"", "/404.html"}, {"/el", "/404.html"}, {"", "/search/"}, {"/pt-br", "/areas/a/page/2/"},
	} {
		url, file := urlAndFile(c.prefix, c.url)
		if url != c.url || file != outputFile(c.prefix+c.url) {
			t.Errorf("urlAndFile(%q, %q) = %q, %q; want %q, %q", c.prefix, c.url, url, file, c.url, outputFile(c.prefix+c.url))
		}
	}
}
