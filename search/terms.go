package search

import (
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Cross-language terms. The site's glossary pairs each term with its
// translations (a term and its translation files) and with the aliases
// editors give it. The index carries these groups in one document of its
// own (TermsDocument), which no query finds; when the words of a query
// contain a name of a term, the query also finds the pages that have
// one of the term's other names in its place: on the
// English pages "συνεργατικός σχηματισμός" finds what "cluster" finds,
// and on the Greek ones "cluster policy" finds "πολιτική για τους
// συνεργατικούς σχηματισμούς". Names are compared as the analyzers of
// the query's languages read them, so inflected forms (συνεργατικοί
// σχηματισμοί) and unaccented ones match. A term in quotes is taken as
// written: "cluster" finds only cluster.

// termsID is the ID of the document that carries the term groups.
const termsID = "\x00terms"

// maxTermQueries bounds the queries one search runs with other names.
const maxTermQueries = 6

// Term is one term: the IDs of the documents that define it (its page
// in each language) and its names (its title in each language, and its
// aliases).
type Term struct {
	IDs, Names []string
}

// term is a Term as the index holds it.
type term struct {
	ids   []string
	names []string
}

// TermsDocument is the document that carries the cross-language terms
// into the index. Hand it to Build with the other documents.
func TermsDocument(terms []Term) Document {
	var b strings.Builder
	for _, t := range terms {
		var names []string
		for _, n := range t.Names {
			if n = cleanName(n); n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			continue
		}
		// A line: the IDs, separated by spaces, then each name after a
		// tab.
		b.WriteString(strings.Join(strings.Fields(strings.Join(t.IDs, " ")), " "))
		for _, n := range names {
			b.WriteString("\t" + n)
		}
		b.WriteByte('\n')
	}
	return Document{ID: termsID, Lang: "", Terms: b.String()}
}

// cleanName is a term's name without its bracketed parts, such as
// "(S3)", tabs or line breaks.
func cleanName(s string) string {
	return strings.Join(strings.Fields(withoutBrackets(s)), " ")
}

// withoutBrackets removes each part of s in brackets, with the spaces
// before it: "Smart specialisation (S3)" is "Smart specialisation". An
// opening bracket that is never closed stays.
func withoutBrackets(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			break
		}
		shut := strings.IndexByte(s[open:], ')')
		if shut < 0 {
			break
		}
		b.WriteString(strings.TrimRight(s[:open], " \t\n\f\r"))
		s = s[open+shut+1:]
	}
	b.WriteString(s)
	return b.String()
}

// parseTerms reads the terms document.
func parseTerms(text string) []term {
	var terms []term
	for _, line := range strings.Split(text, "\n") {
		if parts := strings.Split(line, "\t"); len(parts) > 1 {
			terms = append(terms, term{ids: strings.Fields(parts[0]), names: parts[1:]})
		}
	}
	return terms
}

// termAlternatives returns the query text with each name of a term it
// contains replaced by the term's other names, at most maxTermQueries of
// them, and the IDs of the pages of the terms the query names as a whole
// (a reader who types a term wants its definition); nil when the text
// names no term or is not plain words.
func (ix *Index) termAlternatives(text string, langs []string) (out, defined []string) {
	if len(ix.terms) == 0 || plainWords(text) == nil {
		return nil, nil
	}
	seen := map[string]bool{text: true}
	for _, name := range analyzersFor(langs) {
		a := ix.analyzer(name)
		if a == nil {
			continue
		}
		words := a.Analyze([]byte(text))
		for _, t := range ix.terms {
			for _, n := range t.names {
				name := a.Analyze([]byte(n))
				start, end, ok := contains(words, name)
				if !ok {
					continue
				}
				if len(name) == len(words) {
					defined = append(defined, t.ids...)
				}
				for _, other := range t.names {
					alt := text[:start] + other + text[end:]
					if other != n && !seen[alt] && len(out) < maxTermQueries {
						seen[alt] = true
						out = append(out, alt)
					}
				}
			}
		}
	}
	sort.Strings(out)
	slices.Sort(defined)
	return out, slices.Compact(defined)
}

// contains reports where the tokens of a name stand, one after the other,
// among the tokens of a query: the byte span in the query's text.
func contains(words, name analysis.TokenStream) (start, end int, ok bool) {
	if len(name) == 0 || len(name) > len(words) {
		return 0, 0, false
	}
next:
	for i := 0; i+len(name) <= len(words); i++ {
		for k, t := range name {
			if string(words[i+k].Term) != string(t.Term) {
				continue next
			}
		}
		return words[i].Start, words[i+len(name)-1].End, true
	}
	return 0, 0, false
}

// definedWeight is the weight added to the page of a term the query
// names as a whole.
const definedWeight = 8

// withTerms joins a parsed query with the parsed alternatives, and
// favours the pages that define a term the query names. An alternative
// weighs as the reader's own words do: its words' field boosts only.
// (Earlier code gave it a boost of 0.5, which bleve ignored on a query of
// several parts; leaving it out keeps the ranking as it was.)
func (ix *Index) withTerms(q qnode, alts, defined []string, langs []string) qnode {
	qs := []qnode{q}
	for _, alt := range alts {
		if aq, err := ix.parse(alt, langs, rewriter{}); err == nil {
			qs = append(qs, aq)
		}
	}
	if len(qs) > 1 {
		q = &orQ{parts: qs}
	}
	if len(defined) > 0 {
		q = newBool([]qnode{q}, []qnode{&idsQ{ids: defined, boost: definedWeight}}, nil)
	}
	return q
}
