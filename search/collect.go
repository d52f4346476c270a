package search

import (
	"bytes"
	"cmp"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Collecting: the matches of a query become the hits of one page of
// results, in the order asked for, and the facets count all of them.

// maxFacetValues is how many values of a facet a result lists, the most
// frequent first.
const maxFacetValues = 50

// errNoWordLists is the error of a query in a language whose word lists
// the index lacks: one written by an older polisee, or for a site without
// pages in that language.
func errNoWordLists(analyzer string) error {
	return fmt.Errorf("the search index holds no word lists for the analyzer %s (pages in that language, or an index written by an older polisee); rebuild the site with this version of polisee", analyzer)
}

// analyze reads text with the named analyzer.
func (ix *Index) analyze(name, text string) (analysis.TokenStream, error) {
	a := ix.analyzer(name)
	if a == nil {
		return nil, errNoWordLists(name)
	}
	return a.Analyze([]byte(text)), nil
}

// top orders matches by sortBy ("relevance", "date" or "title") and
// returns those from from to from+size. Ties go to the lower document
// number, which follows the IDs (Build numbers documents in ID order):
// the order depends on nothing but the index.
func (ix *Index) top(ms []match, sortBy string, from, size int) ([]match, error) {
	var order func(a, b match) int
	switch sortBy {
	case "date", "title":
		field, desc := "date", true
		if sortBy == "title" {
			field, desc = "sorttitle", false
		}
		keys, err := ix.sortKeys(field, ms)
		if err != nil {
			return nil, err
		}
		order = func(a, b match) int {
			ka, kb := keys[a.doc], keys[b.doc]
			switch {
			case ka == nil && kb == nil:
			case ka == nil: // no value: last
				return 1
			case kb == nil:
				return -1
			default:
				c := bytes.Compare(ka, kb)
				if desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			return cmp.Compare(a.doc, b.doc)
		}
	default:
		order = func(a, b match) int {
			if c := cmp.Compare(b.score, a.score); c != 0 {
				return c
			}
			return cmp.Compare(a.doc, b.doc)
		}
	}
	from = min(max(from, 0), len(ms))
	end := min(from+max(size, 0), len(ms))
	return firstInOrder(ms, end, order)[from:], nil
}

// firstInOrder returns the first n of ms in order (a total order), in
// order. When n is small beside len(ms), as a page of hits is beside a
// large site's matches, it keeps the n best in a heap as it reads ms
// instead of sorting them all; either way ms is reordered in place.
func firstInOrder(ms []match, n int, order func(a, b match) int) []match {
	if n >= len(ms)/8 {
		sortMatches(ms, order)
		return ms[:n]
	}
	// ms[:n] is a heap whose root is the worst of the n best so far.
	worse := func(i, j int) bool { return order(ms[i], ms[j]) > 0 }
	down := func(i int) {
		for {
			w := i
			if l := 2*i + 1; l < n && worse(l, w) {
				w = l
			}
			if r := 2*i + 2; r < n && worse(r, w) {
				w = r
			}
			if w == i {
				return
			}
			ms[i], ms[w] = ms[w], ms[i]
			i = w
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := n; i < len(ms); i++ {
		if n > 0 && order(ms[i], ms[0]) < 0 {
			ms[0], ms[i] = ms[i], ms[0]
			down(0)
		}
	}
	sortMatches(ms[:n], order)
	return ms[:n]
}

// sortMatches sorts ms in order. The engine's sorts go through package
// sort rather than the generic slices.SortFunc, which compiles a whole
// sort for each element type: the WebAssembly engine is smaller by them.
// Every order sorted here is total, so the result is the same.
func sortMatches(ms []match, order func(a, b match) int) {
	sort.Slice(ms, func(i, j int) bool { return order(ms[i], ms[j]) < 0 })
}

// sortKeys are the values of a sort field of the matched documents.
func (ix *Index) sortKeys(field string, ms []match) (map[uint64][]byte, error) {
	f, err := ix.dv.field(field)
	if err != nil || f == nil {
		return nil, err
	}
	keys := make(map[uint64][]byte, len(ms))
	for _, m := range ms {
		if ords := f.of(m.doc); len(ords) > 0 {
			keys[m.doc] = f.terms[ords[0]]
		}
	}
	return keys, nil
}

// of is the term numbers of document d.
func (f *docValueField) of(d uint64) []uint32 {
	if d+1 >= uint64(len(f.start)) {
		return nil
	}
	return f.ords[f.start[d]:f.start[d+1]]
}

// facets counts the values of each facet field over all the matches:
// the most frequent first, ties in the values' order.
func (ix *Index) facets(ms []match) (map[string][]FacetCount, error) {
	out := make(map[string][]FacetCount, len(FacetFields))
	for _, name := range FacetFields {
		counts := []FacetCount{}
		f, err := ix.dv.field(name)
		if err != nil {
			return nil, err
		}
		if f != nil {
			n := make([]int, len(f.terms))
			for _, m := range ms {
				for _, o := range f.of(m.doc) {
					n[o]++
				}
			}
			for o, c := range n {
				if c > 0 {
					counts = append(counts, FacetCount{Value: string(f.terms[o]), Count: c})
				}
			}
			sort.Slice(counts, func(i, j int) bool {
				a, b := counts[i], counts[j]
				if a.Count != b.Count {
					return a.Count > b.Count
				}
				return a.Value < b.Value
			})
			counts = counts[:min(len(counts), maxFacetValues)]
		}
		out[name] = counts
	}
	return out, nil
}

// storedFields are a document's ID and its stored text fields.
func storedFields(src source, doc uint64) (id string, fields map[string]string, err error) {
	fields = map[string]string{}
	err = src.stored(doc, func(name string, typ byte, value []byte) bool {
		switch {
		case name == "_id":
			id = string(value)
		case typ == 't':
			fields[name] = string(value)
		}
		return true
	})
	return id, fields, err
}
