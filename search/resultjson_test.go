package search

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// A result written by AppendJSON reads back, with encoding/json, as the
// same result, with every key of a hit there even when empty, and the
// facets in the order of their names.
func TestResultAppendJSON(t *testing.T) {
	tricky := "quote \" backslash \\ newline \n tab \t nul \x00 unit \x1f del \x7f <mark>x</mark> & Ελληνικά 🙂 \u2028 end"
	res := &Result{
		Total: 1234,
		Hits: []Hit{
			{ID: "practices/a", URL: "/practices/a/", Type: "practices", Title: tricky, Snippet: "<mark>cluster</mark> policy", Score: 0.123456789012345, Lang: "el", Section: "Results", Anchor: "results"},
			{ID: "b", URL: "/b/", Type: "pages", Title: "", Snippet: "", Score: 1e-7},
		},
		Facets: map[string][]FacetCount{
			"type":    {{Value: "practices", Count: 10}, {Value: "profiles", Count: 2}},
			"area":    {{Value: tricky, Count: 1}},
			"country": {},
		},
		Near: true, Suggestion: "cluster policy", Partial: false,
	}
	text := res.AppendJSON([]byte("prefix:"))
	if !strings.HasPrefix(string(text), "prefix:") {
		t.Fatalf("AppendJSON did not append: %q", text)
	}
	text = text[len("prefix:"):]
	if !json.Valid(text) {
		t.Fatalf("not JSON: %s", text)
	}
	var back Result
	if err := json.Unmarshal(text, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, res) {
		t.Errorf("read back as\n%+v\nwant\n%+v", back, *res)
	}
	var raw map[string]any
	if err := json.Unmarshal(text, &raw); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"total", "hits", "facets", "near", "suggestion", "partial"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("no %q in %s", key, text)
		}
	}
	second := raw["hits"].([]any)[1].(map[string]any)
	for _, key := range []string{"id", "url", "type", "title", "snippet", "score", "lang", "section", "anchor"} {
		if _, ok := second[key]; !ok {
			t.Errorf("the second hit has no %q: %v", key, second)
		}
	}
	if a, c, ty := strings.Index(string(text), `"area":`), strings.Index(string(text), `"country":`), strings.Index(string(text), `"type":[`); !(a < c && c < ty) {
		t.Errorf("facets not in the order of their names: %s", text)
	}
	// Nothing: no hits, no facets.
	empty := (&Result{}).AppendJSON(nil)
	if want := `{"total":0,"hits":[],"facets":{},"near":false,"suggestion":"","partial":false}`; string(empty) != want {
		t.Errorf("empty result: %s, want %s", empty, want)
	}
}

// Bytes that are not UTF-8 become U+FFFD, one for each, and the text
// stays JSON.
func TestAppendJSONStringInvalidUTF8(t *testing.T) {
	got := appendJSONString(nil, "a\xffb\xc3(\xe2\x82")
	var s string
	if err := json.Unmarshal(got, &s); err != nil {
		t.Fatalf("%q: %v", got, err)
	}
	if want := "a\ufffdb\ufffd(\ufffd\ufffd"; s != want {
		t.Errorf("got %q, want %q", s, want)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\\n\x00", "Ελληνικά", "\xff\xfe", "a\u2028b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q gave %q: %v", s, got, err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("%q read back as %q", s, back)
		}
		if !utf8.ValidString(s) && !utf8.ValidString(back) {
			t.Fatalf("%q read back as invalid UTF-8 %q", s, back)
		}
	})
}
