package template

import (
	"strings"
	"testing"
	"unicode/utf8"

	text "github.com/clusterpolisee/polisee/internal/gotemplate/text"
)

// stringFormCases are strings each escaper treats differently: markup,
// quotes, spaces, NUL, invalid UTF-8, URLs safe and not, and text that
// needs no escaping (which a form returns as it is).
var stringFormCases = []string{
	"", "plain words", "Smart Specialisation", "<b>bold</b> & 'quoted' \"too\"",
	"a=b c\td\ne`f", "\x00nul", "\xff\xfe broken", "Θεσσαλονίκη – ünïcödé",
	"/practices/x/", "https://example.org/a?b=c&d=e#f", "javascript:alert(1)",
	"mailto:a@b.org", "vbscript:x", "../up/é path", "%zz%41", "a\u2028b\u2029",
	"<!-- c -->", "{{.}}", " leading and trailing ", "&amp;",
}

// TestStringFormsMatchEscapers checks that each escaper's string form
// gives what the escaper gives for a plain string, and that text's direct
// call takes it.
func TestStringFormsMatchEscapers(t *testing.T) {
	escapers := map[string]func(...any) string{
		"htmlEscaper": htmlEscaper, "attrEscaper": attrEscaper, "rcdataEscaper": rcdataEscaper,
		"htmlNospaceEscaper": htmlNospaceEscaper, "urlFilter": urlFilter,
		"urlEscaper": urlEscaper, "urlNormalizer": urlNormalizer,
	}
	for name, esc := range escapers {
		form := text.StringFormOf(esc)
		if form == nil {
			t.Errorf("%s has no string form", name)
			continue
		}
		for _, s := range stringFormCases {
			if got, want := form(s), esc(s); got != want {
				t.Errorf("%s(%q): form %q, escaper %q", name, s, got, want)
			}
		}
	}
}

// FuzzStringForms compares the forms with their escapers on any string.
func FuzzStringForms(f *testing.F) {
	for _, s := range stringFormCases {
		f.Add(s)
	}
	escapers := []func(...any) string{htmlEscaper, attrEscaper, rcdataEscaper, htmlNospaceEscaper, urlFilter, urlEscaper, urlNormalizer}
	f.Fuzz(func(t *testing.T, s string) {
		for _, esc := range escapers {
			if got, want := text.StringFormOf(esc)(s), esc(s); got != want {
				t.Fatalf("%q: form %q, escaper %q (valid UTF-8: %v)", s, got, want, utf8.ValidString(s))
			}
		}
	})
}

// TestTypedStringsKeepTheirEscaping checks that values of html/template's
// string types, which the forms would escape as plain text, still go
// through the escapers: HTML is printed as it is, a URL is not filtered.
func TestTypedStringsKeepTheirEscaping(t *testing.T) {
	tmpl := Must(New("t").Parse(`<p>{{.H}}|{{.S}}</p><a href="{{.U}}">x</a><a href="{{.S2}}">y</a>`))
	var b strings.Builder
	data := map[string]any{"H": HTML("<i>ok</i>"), "S": "<i>no</i>", "U": URL("javascript:ok()"), "S2": "javascript:no()"}
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	want := `<p><i>ok</i>|&lt;i&gt;no&lt;/i&gt;</p><a href="javascript:ok%28%29">x</a><a href="#ZgotmplZ">y</a>`
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}
