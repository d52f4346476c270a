package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// maxSectionsPerHit bounds the sections looked at for one hit: the most a
// body has in a polisee site (generator/markdown.MaxSections), so that
// every hit's best section is among those collected.
const maxSectionsPerHit = 100

// addSections names, on each hit whose page has sections, the section
// that holds the query's words best: the query is asked again of the
// hits' sections, its words as alternatives (a section with more of them
// ranks higher) and its filters and exclusions left out, since they are
// about pages. Words given for a field other than the body look at no
// section.
func (ix *Index) addSections(ctx context.Context, r Request, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	words, err := parseWith(r.Query, r.Langs, rewriter{any: true, section: true})
	if err != nil || words == nil {
		return nil // nothing a section could hold (field filters only, say)
	}
	parents := make([]query.Query, len(hits))
	at := make(map[string]int, len(hits))
	for i, h := range hits {
		t := query.NewTermQuery(h.ID)
		t.SetField(sectionOf)
		parents[i] = t
		at[h.ID] = i
	}
	q := query.NewConjunctionQuery([]query.Query{words, query.NewDisjunctionQuery(parents)})
	reader := segmentReader{seg: ix.sec}
	s, err := q.Searcher(ctx, reader, ix.mapping, search.SearcherOptions{})
	if err != nil {
		return queryError(ctx, err)
	}
	defer s.Close()
	coll := collector.NewTopNCollector(len(hits)*maxSectionsPerHit, 0, nil)
	if err := coll.Collect(ctx, s, reader); err != nil {
		return queryError(ctx, err)
	}
	for _, m := range coll.Results() { // best first
		cut := strings.LastIndex(m.ID, sectionIDMark)
		if cut < 0 {
			continue
		}
		i, ok := at[m.ID[:cut]]
		if !ok || hits[i].Anchor != "" {
			continue
		}
		doc, err := reader.Document(m.ID)
		if err != nil || doc == nil {
			continue
		}
		hits[i].Anchor = m.ID[cut+len(sectionIDMark):]
		doc.VisitFields(func(f index.Field) {
			if tf, ok := f.(index.TextField); ok && f.Name() == sectionHead {
				hits[i].Section = tf.Text()
			}
		})
	}
	return nil
}
