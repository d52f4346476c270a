package i18n

import (
	"strings"
	"testing"
)

// replacePlaceholders gives what strings.Replacer gives, on texts with
// braces in every place a placeholder's scan could trip on.
func TestReplacePlaceholders(t *testing.T) {
	texts := []string{
		"", "plain", "{n}", "{n} results", "{a}{b}", "{{n}}", "{n", "n}", "}{n}{",
		"{a} and {b} of {a}", "{unknown} {n}", "{ {n}", "{}", "{x{n}}", "a{n}b{n}c",
	}
	pairSets := [][]string{
		nil,
		{"{n}", "3"},
		{"{n}", "{a}", "{a}", "A"},
		{"{a}", "1", "{a}", "2", "{b}", "<b>"},
		{"{}", "empty", "{n}", "N"},
		{"{x{n}", "brace", "{n}", "N"},
	}
	for _, pairs := range pairSets {
		for _, s := range texts {
			want := strings.NewReplacer(pairs...).Replace(s)
			if got := replacePlaceholders(s, pairs); got != want {
				t.Errorf("replacePlaceholders(%q, %q) = %q; want %q", s, pairs, got, want)
			}
		}
	}
}

func FuzzReplacePlaceholders(f *testing.F) {
	f.Add("{a} of {b}", "a", "b", "1")
	f.Add("{{a}}{", "a", "a", "}")
	f.Fuzz(func(t *testing.T, s, name1, name2, val string) {
		pairs := []string{"{" + name1 + "}", val, "{" + name2 + "}", val + "2"}
		want := strings.NewReplacer(pairs...).Replace(s)
		if got := replacePlaceholders(s, pairs); got != want {
			t.Errorf("replacePlaceholders(%q, %q) = %q; want %q", s, pairs, got, want)
		}
	})
}

// A text with two placeholders, as the layouts fill on every page.
func BenchmarkFill(b *testing.B) {
	tr := &Translator{lang: "en", strs: map[string]string{"site.feed_title": "{site}: practices and documents of {n} countries"}}
	for b.Loop() {
		tr.T("site.feed_title", "site", "ClusterPoliSEE", "n", "12")
	}
}
