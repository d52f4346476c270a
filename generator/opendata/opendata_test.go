package opendata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
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
	got, err := csvBytes(slices.Values(records))
	if err != nil {
		t.Fatal(err)
	}
	want := "slug,score_a,score_b,note_a,note_b,sources,tags\n" +
		"hu,,3,,'=cmd,https://a; https://b,one; '-two\n" +
		"gr,,,none,,,\n"
	if string(got) != want {
		t.Errorf("CSV:\n%s\nwant\n%s", got, want)
	}
	// The header's pass may read records that hold the spread column
	// alone; without it (nil) nothing spreads.
	var spreads []Record
	for _, r := range records {
		spreads = append(spreads, Record{Cols: r.Cols, Vals: map[string]any{"assessment": r.Vals["assessment"]}})
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, slices.Values(records), slices.Values(spreads)); err != nil || b.String() != want {
		t.Errorf("CSV, the header from the spread columns alone: %v\n%s\nwant\n%s", err, b.String(), want)
	}
	b.Reset()
	if err := WriteCSV(&b, slices.Values(records), nil); err != nil || !strings.HasPrefix(b.String(), "slug,assessment,sources,tags\n") {
		t.Errorf("CSV without the header's pass: %v\n%s", err, b.String())
	}
	js, err := jsonBytes(slices.Values(records[:1]))
	if err != nil {
		t.Fatal(err)
	}
	if want := "[\n  {\n    \"slug\": \"hu\",\n    \"assessment\": [\n      \"b\"\n    ],\n    \"sources\": [\n      \"x\"\n    ],\n    \"tags\": [\n      \"one\",\n      \"-two\"\n    ]\n  }\n]\n"; string(js) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", js, want)
	}
	// Several records: the bytes of json.MarshalIndent of the rows.
	js, err = jsonBytes(slices.Values(records))
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
	if js, _ := jsonBytes(slices.Values([]Record(nil))); string(js) != "[]\n" {
		t.Errorf("no records: %q", js)
	}
	if c, _ := csvBytes(slices.Values([]Record(nil))); string(c) != "" {
		t.Errorf("no records, CSV: %q", c)
	}
}

// jsonBytes and csvBytes are what WriteJSON and WriteCSV write.
func jsonBytes(records iter.Seq[Record]) ([]byte, error) {
	var b bytes.Buffer
	err := WriteJSON(&b, records)
	return b.Bytes(), err
}

func csvBytes(records iter.Seq[Record]) ([]byte, error) {
	var b bytes.Buffer
	err := WriteCSV(&b, records, records)
	return b.Bytes(), err
}

// pieces records the writes it is given; it fails once it has taken
// failAfter bytes, when that is not 0.
type pieces struct {
	writes, total, largest, failAfter int
}

func (p *pieces) Write(b []byte) (int, error) {
	if p.failAfter > 0 && p.total+len(b) > p.failAfter {
		return 0, errFull
	}
	p.writes++
	p.total += len(b)
	p.largest = max(p.largest, len(b))
	return len(b), nil
}

var errFull = errors.New("no space left on device")

// The writers hand their output on as they make it, never holding a whole
// file, and stop at the first failed write.
func TestWritersStream(t *testing.T) {
	var records []Record
	for i := range 5000 {
		records = append(records, Record{Cols: []string{"slug", "summary"}, Vals: map[string]any{
			"slug": fmt.Sprintf("p-%05d", i), "summary": strings.Repeat("A summary of a good practice. ", 10),
		}})
	}
	writeCSV := func(w io.Writer, records iter.Seq[Record]) error { return WriteCSV(w, records, nil) }
	for name, write := range map[string]func(io.Writer, iter.Seq[Record]) error{"JSON": WriteJSON, "CSV": writeCSV} {
		var p pieces
		if err := write(&p, slices.Values(records)); err != nil {
			t.Fatal(err)
		}
		if p.total < 1<<20 || p.largest > 64<<10 {
			t.Errorf("%s: %d bytes in %d writes, the largest %d; want over 1 MB in writes of 64 KB at most", name, p.total, p.writes, p.largest)
		}
		full := pieces{failAfter: 200 << 10}
		if err := write(&full, slices.Values(records)); !errors.Is(err, errFull) {
			t.Errorf("%s to a full disk: %v, want %v", name, err, errFull)
		}
	}
}
