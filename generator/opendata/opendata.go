// Package opendata writes a content type's items as open data: a JSON
// array of records and a CSV table with the same columns, for people who
// reuse the knowledge base in spreadsheets and scripts. The generator
// chooses the columns (the type's Presentation.Columns, or every field);
// this package only writes them, the same bytes for the same input.
package opendata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
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

// WriteJSON writes the records to w as an indented JSON array, each
// record's columns in its order. It reads the records once, one at a
// time, and keeps none of them, nor what it wrote: at 100,000 documents
// the records of the practices and the rows made of them had come to
// several hundred megabytes, and the practices' file is 95 MB.
func WriteJSON(w io.Writer, records iter.Seq[Record]) error {
	out := bufio.NewWriterSize(w, 64<<10)
	var row, indented bytes.Buffer
	out.WriteByte('[')
	n := 0
	for r := range records {
		row.Reset()
		row.WriteByte('{')
		for i, c := range r.Cols {
			if i > 0 {
				row.WriteByte(',')
			}
			k, _ := json.Marshal(c)
			v, err := json.Marshal(jsonValue(r.Vals[c]))
			if err != nil {
				return err
			}
			row.Write(k)
			row.WriteByte(':')
			row.Write(v)
		}
		row.WriteByte('}')
		// The same bytes as json.MarshalIndent of the rows, "" and "  ".
		if n > 0 {
			out.WriteByte(',')
		}
		out.WriteString("\n  ")
		indented.Reset()
		if err := json.Indent(&indented, row.Bytes(), "  ", "  "); err != nil {
			return err
		}
		if _, err := out.Write(indented.Bytes()); err != nil {
			return err
		}
		n++
	}
	if n > 0 {
		out.WriteByte('\n')
	}
	out.WriteString("]\n")
	return out.Flush()
}

// WriteCSV writes one row per record to dst, with the first record's
// columns: lists joined with "; ", a Spread over its columns, objects as
// JSON in one cell, and no cell a spreadsheet would run as a formula.
// The header needs a Spread's keys across all records before the first
// row, so spreads is read through first: the same records, each with at
// least the values of its columns that may hold a Spread (the others may
// be left out, as making them costs); nil when no column may. Both are
// read one record at a time, and none is kept. (The CSV read its
// records whole twice before: the practices' records, which hold no
// Spread, were made three times for their two files, 4.1 s of CPU at
// 100,000 generated documents.)
func WriteCSV(dst io.Writer, records, spreads iter.Seq[Record]) error {
	w := csv.NewWriter(dst)
	// The keys of each spread column across all records, and its parts
	// from the first record that has them.
	seen := map[string]map[string]bool{}
	parts := map[string][]string{}
	if spreads != nil {
		for r := range spreads {
			for _, c := range r.Cols {
				s, ok := r.Vals[c].(Spread)
				if !ok {
					continue
				}
				if seen[c] == nil {
					seen[c] = map[string]bool{}
				}
				for k := range s.Cells {
					seen[c][k] = true
				}
				if _, ok := parts[c]; !ok && len(s.Parts) > 0 {
					parts[c] = s.Parts
				}
			}
		}
	}
	keys := map[string][]string{}
	for c, ks := range seen {
		if len(ks) > 0 {
			keys[c] = slices.Sorted(maps.Keys(ks))
		}
	}
	var cols, row []string
	for r := range records {
		if cols == nil {
			cols = r.Cols
			if err := w.Write(csvHeader(cols, keys, parts)); err != nil {
				return err
			}
		}
		row = row[:0]
		for _, c := range cols {
			if ks, ok := keys[c]; ok {
				s, _ := r.Vals[c].(Spread)
				for i := range parts[c] {
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
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvHeader is the CSV's first row: the columns, each spread column as
// PART_KEY for its parts and keys.
func csvHeader(cols []string, keys, parts map[string][]string) []string {
	var header []string
	for _, c := range cols {
		if ks, ok := keys[c]; ok {
			for _, part := range parts[c] {
				for _, k := range ks {
					header = append(header, part+"_"+k)
				}
			}
			continue
		}
		header = append(header, c)
	}
	return header
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
