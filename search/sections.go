package search

import (
	"context"
	"strings"
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
	words, err := ix.parse(r.Query, r.Langs, rewriter{any: true, section: true})
	if err != nil || words == nil {
		return nil // nothing a section could hold (field filters only, say)
	}
	parents := make([]qnode, len(hits))
	at := make(map[string]int, len(hits))
	for i, h := range hits {
		parents[i] = &termQ{field: sectionOf, term: h.ID, boost: 1}
		at[h.ID] = i
	}
	q := &andQ{parts: []qnode{words, &orQ{parts: parents}}}
	p := planner{seg: ix.sec, analyze: ix.analyze}
	s, err := p.plan(q)
	if err != nil {
		return queryError(ctx, err)
	}
	parts, _ := ix.sec.(*partsSource)
	if parts != nil {
		parts.checkpoint() // the postings, before scoring
	}
	ms, err := s.matches()
	if err != nil {
		return queryError(ctx, err)
	}
	best, err := ix.top(ms, "", 0, len(hits)*maxSectionsPerHit)
	if err != nil {
		return err
	}
	if parts != nil {
		// Every chunk at once, in one round: a page's sections are
		// neighbours (sorted by ID), so the hits of a page of results
		// read a few chunks.
		docs := make([]uint64, len(best))
		for i, m := range best {
			docs[i] = m.doc
		}
		parts.needDocs(docs)
		parts.checkpoint()
	}
	for _, m := range best { // best first
		id, fields, err := storedFields(ix.sec, m.doc)
		if err != nil {
			continue
		}
		cut := strings.LastIndex(id, sectionIDMark)
		if cut < 0 {
			continue
		}
		i, ok := at[id[:cut]]
		if !ok || hits[i].Anchor != "" {
			continue
		}
		hits[i].Anchor = id[cut+len(sectionIDMark):]
		hits[i].Section = fields[sectionHead]
	}
	return nil
}
