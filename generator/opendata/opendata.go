// Package opendata writes a content type's items as open data: a JSON
// array of records and a CSV table with the same columns, for people who
// reuse the knowledge base in spreadsheets and scripts. The generator
// chooses the columns (the type's Presentation.Columns, or every field);
// this package only writes them, the same bytes for the same input.
package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Record is one item: its columns in order, and their values, which
// encoding/json writes as they are, except Text and Spread.
type Record struct {
	Cols []string
	Vals map[string]any
}

// Text is a value whose CSV cell is not its JSON: sources are a list of
// {title, url} in JSON and their URLs in the CSV.
type Text struct {
	JSON any
	CSV  string
}

// Spread is a value the CSV spreads over columns of its own, one per part
// and key, PART_KEY, parts in order and keys sorted across all records:
// a profile's assessment becomes score_AREA columns, then note_AREA ones.
// JSON holds what the JSON file gives.
type Spread struct {
	Parts []string
	Cells map[string][]string // by key: one cell per part, "" for none
	JSON  any
}

// jsonValue is what the JSON file gives for a value.
func jsonValue(v any) any {
	switch v := v.(type) {
	case Text:
		return v.JSON
	case Spread:
		return v.JSON
	}
	return v
}

// JSON writes the records as an indented JSON array, each record's
// columns in its order.
func JSON(records []Record) ([]byte, error) {
	rows := make([]json.RawMessage, 0, len(records))
	for _, r := range records {
		var buf bytes.Buffer
		buf.WriteByte('{')
		for i, c := range r.Cols {
			if i > 0 {
				buf.WriteByte(',')
			}
			k, _ := json.Marshal(c)
			v, err := json.Marshal(jsonValue(r.Vals[c]))
			if err != nil {
				return nil, err
			}
			buf.Write(k)
			buf.WriteByte(':')
			buf.Write(v)
		}
		buf.WriteByte('}')
		rows = append(rows, buf.Bytes())
	}
	// The same bytes as json.MarshalIndent(rows, "", "  "), without
	// reading every row twice.
	var out bytes.Buffer
	out.WriteByte('[')
	for i, row := range rows {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString("\n  ")
		if err := json.Indent(&out, row, "  ", "  "); err != nil {
			return nil, err
		}
	}
	if len(rows) > 0 {
		out.WriteByte('\n')
	}
	out.WriteString("]\n")
	return out.Bytes(), nil
}

// CSV writes one row per record, with the first record's columns: lists
// joined with "; ", a Spread over its columns, objects as JSON in one
// cell, and no cell a spreadsheet would run as a formula.
func CSV(records []Record) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if len(records) == 0 {
		w.Flush()
		return buf.Bytes(), w.Error()
	}
	cols := records[0].Cols
	// The keys of each spread column, across all records.
	keys := map[string][]string{}
	for _, c := range cols {
		seen := map[string]bool{}
		for _, r := range records {
			if s, ok := r.Vals[c].(Spread); ok {
				for k := range s.Cells {
					seen[k] = true
				}
			}
		}
		if len(seen) > 0 {
			for k := range seen {
				keys[c] = append(keys[c], k)
			}
			slices.Sort(keys[c])
		}
	}
	var header []string
	for _, c := range cols {
		if ks, ok := keys[c]; ok {
			for _, part := range spreadParts(records, c) {
				for _, k := range ks {
					header = append(header, part+"_"+k)
				}
			}
			continue
		}
		header = append(header, c)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for _, r := range records {
		var row []string
		for _, c := range cols {
			if ks, ok := keys[c]; ok {
				s, _ := r.Vals[c].(Spread)
				for i := range spreadParts(records, c) {
					for _, k := range ks {
						cell := ""
						if cells := s.Cells[k]; i < len(cells) {
							cell = Safe(cells[i])
						}
						row = append(row, cell)
					}
				}
				continue
			}
			row = append(row, cell(r.Vals[c]))
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// spreadParts are the parts of a spread column, from its first record
// that has them.
func spreadParts(records []Record, col string) []string {
	for _, r := range records {
		if s, ok := r.Vals[col].(Spread); ok && len(s.Parts) > 0 {
			return s.Parts
		}
	}
	return nil
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return Safe(v)
	case Text:
		return Safe(v.CSV)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = cell(e)
		}
		return strings.Join(parts, "; ")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if data, err := json.Marshal(v); err == nil && (bytes.HasPrefix(data, []byte("[")) || bytes.HasPrefix(data, []byte("{"))) {
		return Safe(string(data))
	}
	return fmt.Sprint(v)
}

// Safe keeps spreadsheet programs from running a cell as a formula.
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
