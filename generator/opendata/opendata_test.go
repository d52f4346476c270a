package opendata

import (
	"encoding/json"
	"slices"
	"testing"
)

// A spread column becomes PART_KEY columns, keys taken from every record,
// parts in order; other values keep their column; no cell starts a
// formula; JSON keeps each record's column order.
func TestCSVAndJSON(t *testing.T) {
	records := []Record{
		{Cols: []string{"slug", "assessment", "sources", "tags"}, Vals: map[string]any{
			"slug":       "hu",
			"assessment": Spread{Parts: []string{"score", "note"}, Cells: map[string][]string{"b": {"3", "=cmd"}}, JSON: []string{"b"}},
			"sources":    Text{JSON: []string{"x"}, CSV: "https://a; https://b"},
			"tags":       []any{"one", "-two"},
		}},
		{Cols: []string{"slug", "assessment", "sources", "tags"}, Vals: map[string]any{
			"slug":       "gr",
			"assessment": Spread{Parts: []string{"score", "note"}, Cells: map[string][]string{"a": {"", "none"}}},
		}},
	}
	got, err := CSV(slices.Values(records))
	if err != nil {
		t.Fatal(err)
	}
	want := "slug,score_a,score_b,note_a,note_b,sources,tags\n" +
		"hu,,3,,'=cmd,https://a; https://b,one; '-two\n" +
		"gr,,,none,,,\n"
	if string(got) != want {
		t.Errorf("CSV:\n%s\nwant\n%s", got, want)
	}
	js, err := JSON(slices.Values(records[:1]))
	if err != nil {
		t.Fatal(err)
	}
	if want := "[\n  {\n    \"slug\": \"hu\",\n    \"assessment\": [\n      \"b\"\n    ],\n    \"sources\": [\n      \"x\"\n    ],\n    \"tags\": [\n      \"one\",\n      \"-two\"\n    ]\n  }\n]\n"; string(js) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", js, want)
	}
	// Several records: the bytes of json.MarshalIndent of the rows.
	js, err = JSON(slices.Values(records))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Slug       string   `json:"slug"`
		Assessment any      `json:"assessment"`
		Sources    any      `json:"sources"`
		Tags       []string `json:"tags"`
	}
	wantJS, _ := json.MarshalIndent([]row{{"hu", []string{"b"}, []string{"x"}, []string{"one", "-two"}}, {"gr", nil, nil, nil}}, "", "  ")
	if string(js) != string(wantJS)+"\n" {
		t.Errorf("JSON of two records:\n%s\nwant\n%s", js, wantJS)
	}
	if js, _ := JSON(slices.Values([]Record(nil))); string(js) != "[]\n" {
		t.Errorf("no records: %q", js)
	}
	if c, _ := CSV(slices.Values([]Record(nil))); string(c) != "" {
		t.Errorf("no records, CSV: %q", c)
	}
}
