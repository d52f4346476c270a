//go:build !js

package search

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// The index mapping is needed to build an index only: queries read the
// segment with polisee's own code and analyzers (analysis.go), so the
// browser's engine, which never builds, carries no mapping.

// Mapping returns the index mapping: one document mapping per language,
// chosen by the lang field, each analysing text with that language's
// analyzer. Only what results display is stored: URL, type, title,
// summary and language. The body is indexed only: not stored, no doc values and no
// term positions. Positions would let "phrases" match word for word in
// bodies, but they cost as much as the text itself (at 1,000 documents
// the index was 6.9 MB raw, 2.95 MB brotli with them, 1.6 MB and 0.38 MB
// without), and the whole index is downloaded before the first result. A
// phrase is matched exactly in titles and summaries, and as all of its
// words in bodies. Sections (see Section) have mappings of their own.
func Mapping() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	m.TypeField = "lang"
	m.DefaultAnalyzer = plainAnalyzer
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	m.DefaultMapping = docMapping(plainAnalyzer)
	m.AddDocumentMapping(sectionType(""), sectionMapping(plainAnalyzer))
	for _, l := range languages {
		m.AddDocumentMapping(l.code, docMapping(l.analyzer))
		m.AddDocumentMapping(sectionType(l.code), sectionMapping(l.analyzer))
	}
	return m, nil
}

// sectionMapping maps a section document (see Section).
func sectionMapping(analyzer string) *mapping.DocumentMapping {
	dm := mapping.NewDocumentMapping()
	dm.Dynamic = false
	dm.AddFieldMappingsAt(sectionText, textField(analyzer, false, false))
	dm.AddFieldMappingsAt(sectionOf, keywordField(false, false))
	dm.AddFieldMappingsAt(sectionHead, storedField())
	return dm
}

func docMapping(analyzer string) *mapping.DocumentMapping {
	dm := mapping.NewDocumentMapping()
	dm.Dynamic = false
	dm.AddFieldMappingsAt("title", textField(analyzer, true, true))
	dm.AddFieldMappingsAt("summary", textField(analyzer, true, true))
	dm.AddFieldMappingsAt("body", textField(analyzer, false, false))
	dm.AddFieldMappingsAt("tagwords", textField(analyzer, false, false))
	dm.AddFieldMappingsAt("url", storedField())
	dm.AddFieldMappingsAt("terms", storedField())
	dm.AddFieldMappingsAt(wordListsField, storedField())
	for _, name := range sortFields {
		dm.AddFieldMappingsAt(name, keywordField(false, true))
	}
	for _, name := range keywordFields {
		dm.AddFieldMappingsAt(name, keywordField(name == "type" || name == "lang", true))
	}
	return dm
}

// textField is a field of words read by analyzer, stored or not, with
// term vectors (positions, for phrases and highlighting) or not.
func textField(analyzer string, store, vectors bool) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = store
	f.IncludeTermVectors = vectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// keywordField is a field of codes matched whole, stored or not, with doc
// values (for facets and sorting) or not.
func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = store
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = docValues
	return f
}

// storedField is a field kept for display only: not indexed.
func storedField() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// IndexFile is the name of the index inside the site's search folder.
const IndexFile = "index.zap"

// SectionsFile is the name of the sections' index (BuildBoth) beside
// it.
const SectionsFile = "sections.zap"

// addAnalyzers registers the analyzers in an index mapping, in a fixed
// order.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	for _, name := range analyzerNames() {
		if err := m.AddCustomTokenFilter(filtersName(name), filtersConfig(name)); err != nil {
			return err
		}
		if err := m.AddCustomAnalyzer(name, analyzerConfig(name)); err != nil {
			return err
		}
	}
	return nil
}
