package search

import (
	"context"
	"fmt"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
)

// The doc value table gives every document's terms, field by field, as
// the segment's own doc values do.
func TestDocValueTableMatchesSegment(t *testing.T) {
	docs := append(append([]Document(nil), browseDocs...), sectionDocs(true)...)
	docs = append(docs, Document{ID: "practices/many", URL: "practices/many/", Type: "practice", Lang: "en", Title: "Many", Summary: "Codes.",
		Areas: []string{"a", "b", "c"}, Countries: []string{"HU", "AT"}, Regions: []string{"HU33", "AT12"}, Tags: []string{"x", "y"},
		Shown: []string{"en", "el"}, Year: 2014, Status: "piloted", Level: "regional", Date: "2014-03"})
	data, err := Build(context.Background(), docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	table := ix.dv
	fields := docValueFields()
	fromTable, err := table.reader(fields)
	if err != nil {
		t.Fatal(err)
	}
	fromSegment := &docValueReader{seg: ix.zap, fields: fields}
	values := 0
	for n := range ix.zap.Count() {
		id := index.NewIndexInternalID(nil, n)
		var a, b []string
		if err := fromTable.VisitDocValues(id, func(f string, term []byte) { a = append(a, f+"="+string(term)) }); err != nil {
			t.Fatal(err)
		}
		if err := fromSegment.VisitDocValues(id, func(f string, term []byte) { b = append(b, f+"="+string(term)) }); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(sorted(a)) != fmt.Sprint(sorted(b)) {
			t.Errorf("document %d: the table has %v, the segment %v", n, a, b)
		}
		values += len(a)
	}
	if values < 3*len(docs) {
		t.Errorf("only %d values in %d documents: the comparison saw too little", values, len(docs))
	}
}
