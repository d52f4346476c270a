package i18n

import "testing"

// Counts take the CLDR plural form of the page's language, where its
// strings file gives one: Croatian says 2-4 things with few (and 21 with
// one), Slovenian 2 with two, Romanian 2-19 with few; a form the file
// lacks falls back to other.
func TestPluralForms(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 0, "other"}, {"en", 2, "other"}, {"en", 21, "other"},
		{"el", 1, "one"}, {"el", 5, "other"},
		{"hr", 1, "one"}, {"hr", 3, "few"}, {"hr", 5, "other"}, {"hr", 21, "one"}, {"hr", 22, "few"},
		{"sr", 4, "few"}, {"sl", 2, "two"}, {"sl", 3, "few"}, {"sl", 101, "one"},
		{"ro", 1, "one"}, {"ro", 2, "few"}, {"ro", 20, "other"},
		{"sk", 3, "few"}, {"sk", 5, "other"},
		{"xx-unknown", 1, "one"},
	} {
		if got := pluralForm(c.lang, c.n); got != c.want {
			t.Errorf("pluralForm(%s, %d) = %s; want %s", c.lang, c.n, got, c.want)
		}
	}
	hr := &Translator{lang: "hr", strs: map[string]string{
		"results.one": "{n} rezultat", "results.few": "{n} rezultata", "results.other": "{n} rezultata (other)",
	}}
	for n, want := range map[int]string{1: "1 rezultat", 3: "3 rezultata", 21: "21 rezultat", 5: "5 rezultata (other)"} {
		if got := hr.Tn("results", n); got != want {
			t.Errorf("hr Tn(results, %d) = %q; want %q", n, got, want)
		}
	}
	en := &Translator{lang: "en", strs: map[string]string{"results.one": "{n} result", "results.other": "{n} results"}}
	if got := en.Tn("results", 3); got != "3 results" {
		t.Errorf("en Tn(results, 3) = %q", got)
	}
}
