package main

import (
	"io"
	"testing"
)

// Pagefind's result URLs become the judged set's page addresses.
func TestPagefindAddress(t *testing.T) {
	for in, want := range map[string]string{
		"/practices/x/":               "practices/x/",
		"/el/practices/x/":            "el/practices/x/",
		"/el/practices/x/index.html":  "el/practices/x/",
		"/glossary/cluster/#see-also": "glossary/cluster/",
		"/about/?q=1":                 "about/",
	} {
		if got := pagefindAddress(in); got != want {
			t.Errorf("pagefindAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

// Each language's queries run on a page of that language, whose <html
// lang> picks Pagefind's index.
func TestPageOf(t *testing.T) {
	langs := []string{"en", "el"}
	if got := pageOf("en", langs); got != "/404.html" {
		t.Errorf("default language: %q", got)
	}
	if got := pageOf("el", langs); got != "/el/404.html" {
		t.Errorf("el: %q", got)
	}
}

func TestParseFlags(t *testing.T) {
	o, err := parseFlags(nil, io.Discard)
	if err != nil || o.judged != "search/testdata/judged.yaml" || o.pagefind != "pagefind" || !o.browser {
		t.Errorf("defaults: %+v, %v", o, err)
	}
	if _, err := parseFlags([]string{"extra"}, io.Discard); err == nil {
		t.Error("an argument is accepted")
	}
}
