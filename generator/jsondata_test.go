package generator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
	"github.com/clusterpolisee/polisee/generator/model"
)

// TestJSONDataIsIndentedJSON: the open data files are exactly what
// json.MarshalIndent makes of their rows, for the practices and profiles
// of a generated corpus (nested sources, assessments, instruments) and
// for an empty list.
func TestJSONDataIsIndentedJSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(dir, 40, 5); err != nil {
		t.Fatal(err)
	}
	c, diags := model.Load(os.DirFS(dir), model.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b := &builder{content: c}
	for _, folder := range []string{"practices", "profiles", "pilots"} {
		recs := b.records(folder)
		got, err := jsonData(recs)
		if err != nil {
			t.Fatal(err)
		}
		var rows []json.RawMessage
		for _, r := range recs {
			m := map[string]any{}
			for _, c := range r.cols {
				m[c] = r.vals[c]
			}
			row, err := json.Marshal(orderedRow{r.cols, m})
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, row)
		}
		if rows == nil {
			rows = []json.RawMessage{}
		}
		want, err := json.MarshalIndent(rows, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		if string(got) != string(want) {
			t.Errorf("%s: %d bytes differ from json.MarshalIndent's %d:\n%.300s\nwant\n%.300s", folder, len(got), len(want), got, want)
		}
		if len(recs) == 0 && string(got) != "[]\n" {
			t.Errorf("%s: empty list written %q", folder, got)
		}
	}
}

// orderedRow marshals a record's values in column order.
type orderedRow struct {
	cols []string
	vals map[string]any
}

func (o orderedRow) MarshalJSON() ([]byte, error) {
	out := []byte{'{'}
	for i, c := range o.cols {
		if i > 0 {
			out = append(out, ',')
		}
		k, _ := json.Marshal(c)
		v, err := json.Marshal(o.vals[c])
		if err != nil {
			return nil, err
		}
		out = append(append(append(out, k...), ':'), v...)
	}
	return append(out, '}'), nil
}
