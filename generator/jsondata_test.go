package generator_test

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestJSONDataIsIndentedJSON: the open data files are JSON indented by
// two spaces, as json.MarshalIndent writes it, with a final newline; each
// row's keys come in schema order, nested lists and objects indented in
// turn, and an empty type gives "[]". The expected text is written out by
// hand, not computed.
func TestJSONDataIsIndentedJSON(t *testing.T) {
	out, _ := build(t, with(t, `
-- profiles/hu.md --
---
title: Η πολιτική της Ουγγαρίας
summary: Three tiers.
scope: country
country: HU
period: 2007-2013
areas: [innovation-rd, sustainability]
assessment:
  innovation-rd: {score: 3, note: "Accreditation drives \"R&D\" grants <b>."}
  sustainability: {note: No source rates it.}
instruments:
  - {name: Pole programme, kind: grant, budget_eur: 1500000, start: 2008, end: 2013}
sources: [https://example.org/hu]
---
Overview.
`))
	profiles := read(t, out, "data/profiles.json")
	contains(t, profiles, `[
  {
    "slug": "hu",
    "url": "profiles/hu/",
    "title": "Η πολιτική της Ουγγαρίας",
    "summary": "Three tiers.",
    "scope": "country",
    "country": "HU",
    "region": null,
    "period": "2007-2013",
    "previous": null,
    "areas": [
      "innovation-rd",
      "sustainability"
    ],
    "assessment": [
      {
        "area": "innovation-rd",
        "score": 3,
        "note": "Accreditation drives \"R\u0026D\" grants \u003cb\u003e."
      },
      {
        "area": "sustainability",
        "score": null,
        "note": "No source rates it."
      }
    ],
    "judgements": null,
    "instruments": [
      {
        "name": "Pole programme",
        "kind": "grant",
        "budget_eur": 1500000,
        "start": 2008,
        "end": 2013
      }
    ],
    "updated": null,
    "sources": [
      {
        "title": "https://example.org/hu",
        "url": "https://example.org/hu"
      }
    ],
`, "data/profiles.json")
	if !bytes.HasSuffix([]byte(profiles), []byte("\n  }\n]\n")) {
		t.Errorf("data/profiles.json does not end with the last row's brace and the list's:\n%s", profiles)
	}

	practices := read(t, out, "data/practices.json")
	contains(t, practices, "[\n  {\n    \"slug\": \"accreditation\",\n", "data/practices.json")
	contains(t, practices, "\n  },\n  {\n    \"slug\": \"mi-cluster\",\n", "data/practices.json")
	for name, data := range map[string]string{"data/profiles.json": profiles, "data/practices.json": practices} {
		if !json.Valid([]byte(data)) {
			t.Errorf("%s is not valid JSON", name)
			continue
		}
		// Indenting the compact form again changes nothing.
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if indented.String()+"\n" != data {
			t.Errorf("%s is not indented by two spaces throughout:\n%.600s", name, data)
		}
	}

	empty, _ := build(t, with(t, ""))
	if got := read(t, empty, "data/profiles.json"); got != "[]\n" {
		t.Errorf("no profiles: data/profiles.json = %q; want %q", got, "[]\n")
	}
}
