package zapwrite

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// record is a document of the test's mapping.
type record struct {
	Title   string   `json:"title"`   // stored, with term vectors, in _all
	Body    string   `json:"body"`    // in _all only
	Tags    []string `json:"tags"`    // keyword, stored, doc values: array positions
	Sort    string   `json:"sort"`    // keyword, doc values, not stored
	Note    string   `json:"note"`    // stored only
	Rare    string   `json:"rare"`    // in a few documents only
	Counted string   `json:"counted"` // keyword without frequencies or norms
}

func testMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	dm := mapping.NewDocumentMapping()
	text := func(store, vectors, all bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = standard.Name
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = store, vectors, all, false
		return f
	}
	kw := func(store, dv bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store, f.DocValues, f.IncludeInAll, f.IncludeTermVectors = store, dv, false, false
		return f
	}
	dm.AddFieldMappingsAt("title", text(true, true, true))
	dm.AddFieldMappingsAt("body", text(false, false, true))
	dm.AddFieldMappingsAt("tags", kw(true, true))
	dm.AddFieldMappingsAt("sort", kw(false, true))
	note := mapping.NewTextFieldMapping()
	note.Index, note.Store, note.IncludeInAll = false, true, false
	dm.AddFieldMappingsAt("note", note)
	dm.AddFieldMappingsAt("rare", text(true, false, false))
	counted := kw(false, false)
	counted.SkipFreqNorm = true
	dm.AddFieldMappingsAt("counted", counted)
	m.DefaultMapping = dm
	return m
}

// testDocuments makes n analysed documents whose words repeat with
// different periods, so that some terms are in one document only, some
// in most, and the doc values cross chunks of 1,024 documents.
func testDocuments(t testing.TB, n int) []index.Document {
	m := testMapping()
	words := strings.Fields("cluster policy innovation voucher region smart specialisation pilot network export skills digital")
	var docs []index.Document
	for i := range n {
		r := record{
			Title:   fmt.Sprintf("%s %s %s", words[i%len(words)], words[(i/3)%len(words)], words[i%len(words)]),
			Body:    fmt.Sprintf("%s and %s, item%d, once%d", words[(i*7)%len(words)], words[(i*5+1)%len(words)], i%97, i),
			Tags:    []string{words[i%5], fmt.Sprintf("tag%d", i%3)},
			Note:    fmt.Sprintf("note %d", i),
			Counted: fmt.Sprintf("c%d", i%4),
		}
		if i%4 != 0 {
			r.Sort = fmt.Sprintf("s%04d", (i*37)%1000)
		}
		if i%600 == 5 {
			r.Rare = "seldom seen " + words[i%len(words)]
		}
		if i%2 == 1 {
			r.Tags = append(r.Tags, words[i%5]) // a value twice
		}
		d := document.NewDocument(fmt.Sprintf("doc%05d", i))
		if err := m.MapDocument(d, r); err != nil {
			t.Fatal(err)
		}
		d.AddIDField()
		d.VisitFields(func(f index.Field) {
			if !f.Options().IsIndexed() {
				return
			}
			f.Analyze()
			if d.HasComposite() && f.Name() != "_id" {
				d.VisitComposite(func(cf index.CompositeField) {
					cf.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
				})
			}
		})
		docs = append(docs, d)
	}
	return docs
}

// TestSameBytesAsZapx: a Writer writes what zapx's New writes for one
// batch, and what its Merge writes from the segments of several, byte
// for byte once zapx's fields section is in canonical order.
func TestSameBytesAsZapx(t *testing.T) {
	for _, tc := range []struct{ docs, batch int }{
		{2600, 250}, {2600, 1000}, {2600, 5000}, {7, 3}, {1, 1}, {40, 40},
	} {
		t.Run(fmt.Sprintf("%d in %d", tc.docs, tc.batch), func(t *testing.T) {
			// Each its own documents: zapx changes the term counts
			// of a document's first field of a name when it adds
			// the others' to them.
			want := zapxSegment(t, testDocuments(t, tc.docs), tc.batch)
			var got bytes.Buffer
			tmp := t.TempDir()
			w := New(&got, tmp)
			for i, d := range testDocuments(t, tc.docs) {
				if err := w.Add(d); err != nil {
					t.Fatal(err)
				}
				if (i+1)%tc.batch == 0 {
					w.EndBatch()
					w.EndBatch() // an empty batch: none
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("Close left %d files in the temporary folder", len(left))
			}
			if !bytes.Equal(got.Bytes(), want) {
				i := 0
				for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
					i++
				}
				t.Fatalf("%d bytes, zapx %d; first difference at %d", got.Len(), len(want), i)
			}
		})
	}
}

// zapxSegment is what zapx writes for docs in batches of batch: New for
// each, then Merge when there are several, canonicalised.
func zapxSegment(t *testing.T, docs []index.Document, batch int) []byte {
	dir := t.TempDir()
	plugin := &zapx.ZapPlugin{}
	var segs []segment.Segment
	var paths []string
	for start := 0; start < len(docs); start += batch {
		seg, _, err := plugin.New(docs[start:min(start+batch, len(docs))])
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("%d.zap", start))
		if err := zapx.PersistSegmentBase(seg.(*zapx.SegmentBase), p); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	final := paths[0]
	if len(paths) > 1 {
		for _, p := range paths {
			s, err := plugin.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			segs = append(segs, s)
		}
		final = filepath.Join(dir, "merged.zap")
		if _, _, err := plugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), final, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(final)
	if err != nil {
		t.Fatal(err)
	}
	canonical(t, data)
	return data
}

// canonical sorts each field's list of (section, address) pairs, the one
// part zapx writes in map order, and sets the checksum again.
func canonical(t *testing.T, data []byte) {
	const footer = 4 + 8 + 8 + 8 + 4 + 4 + 4 // id length, docs, two offsets, chunk mode, version, crc
	at := len(data) - footer
	if binary.BigEndian.Uint32(data[at:]) != 0 {
		t.Fatal("zapx wrote a writer id")
	}
	pos := int(binary.BigEndian.Uint64(data[at+4+8+8:]))
	numFields, n := binary.Uvarint(data[pos:])
	pos += n
	for range numFields {
		f := int(binary.BigEndian.Uint64(data[pos:]))
		pos += 8
		nameLen, n := binary.Uvarint(data[f:])
		f += n + int(nameLen)
		_, n = binary.Uvarint(data[f:]) // options
		f += n
		num, n := binary.Uvarint(data[f:])
		f += n
		pairs := make([][]byte, num)
		for k := range pairs {
			pairs[k] = bytes.Clone(data[f+k*10 : f+k*10+10])
		}
		sort.Slice(pairs, func(a, b int) bool { return bytes.Compare(pairs[a][:2], pairs[b][:2]) < 0 })
		for k, p := range pairs {
			copy(data[f+k*10:], p)
		}
	}
	binary.BigEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(data[:len(data)-4]))
}

// A document without a stored _id field, or with a field of a kind the
// Writer does not write, is refused, naming what is wrong; Abandon
// removes the temporary file.
func TestRefused(t *testing.T) {
	tmp := t.TempDir()
	w := New(&bytes.Buffer{}, tmp)
	if err := w.Add(testDocuments(t, 1)[0]); err != nil {
		t.Fatal(err)
	}
	geo := document.NewDocument("g")
	geo.AddIDField()
	geo.AddField(document.NewGeoPointField("where", nil, 19.0, 47.5))
	if err := w.Add(geo); err != nil {
		t.Errorf("a geographic point (numeric terms) is refused: %v", err)
	}
	noID := document.NewDocument("x")
	noID.AddField(document.NewTextField("title", nil, []byte("words")))
	if err := w.Add(noID); err == nil || !strings.Contains(err.Error(), "_id") {
		t.Errorf("a document without _id: %v", err)
	}
	if err := w.Add(geo); err == nil || w.Close() == nil {
		t.Error("the Writer took a document, or closed, after an error")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 1 {
		t.Fatalf("%d files in the temporary folder, want the stored fields' one", len(left))
	}
	w.Abandon()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Abandon left %d files", len(left))
	}
	if err := New(&bytes.Buffer{}, tmp).Close(); err == nil {
		t.Error("Close with no documents gave no error")
	}
}
