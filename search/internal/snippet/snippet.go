// Package snippet makes the snippet a search hit shows: a window of about
// 200 characters of a stored text field, chosen where most of the query's
// terms occur, with the matched words wrapped in <mark>...</mark> and the
// rest escaped for HTML.
//
// It reproduces, byte for byte, what bleve's default HTML highlighter
// (bleve v2.6.3: the "html" highlighter, that is the simple highlighter
// with the simple fragmenter of 200 runes, the simple fragment scorer and
// the html formatter) returns for one field and the best fragment, so
// that hits show the same snippets as they did when bleve made them.
// polisee has its own copy so that the browser's search engine does not
// carry bleve's highlight and registry packages, which bring
// encoding/json, fmt, reflect and regexp with them. The package depends
// only on slices, strings and unicode/utf8; it escapes text itself (Escape)
// rather than with package html, whose replacer adds about 28 KB
// (brotli) to a js/wasm build where Escape adds under 1 KB.
//
// The behaviour copied includes bleve's quirks, since a snippet that
// changed would be a visible change; each is noted where the code does it.
package snippet

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Location is where one term of the query matched in the field's text.
// Start and End are byte offsets into the text, End exclusive, as the
// index records them. Term is the indexed term that matched: a term counts
// once in a fragment's score however often it occurs there.
type Location struct {
	Term string
	// Pos is the term's position (its word number) in the field. It does
	// not affect the snippet, as it does not in bleve; it is here so that
	// a hit's locations can be passed on as the index gives them.
	Pos        uint64
	Start, End uint64
}

const (
	// fragmentRunes is how many runes (not bytes) a fragment holds at
	// most: bleve's simple fragmenter's default size.
	fragmentRunes = 200
	// separator marks that the fragment does not reach the start, or the
	// end, of the text.
	separator = "…"
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// span is a location's byte range as bleve handles it: converted to int,
// so that an offset of 2^63 or more is negative (on 64-bit platforms) just
// as it is in bleve. Best never slices the text with such a value.
type span struct {
	start, end int
	term       int  // index of the location's term among the distinct terms
	merged     bool // folded into the first location; not marked by itself
}

// Best returns the snippet bleve's default HTML highlighter makes from
// text and the locations of the terms that matched in it, the best of its
// fragments (bleve's BestFragmentsInField with num 1): the text around the
// matches, at most 200 runes, the matches marked with <mark>...</mark> and
// everything HTML-escaped as html.EscapeString does (Escape); "…" before
// it unless it begins the text, and after it unless it ends the text.
// With no locations it is the text's first 200 runes.
//
// Best returns "" where bleve gives no fragment: when the window of every
// location had to be given up (see window), and for an empty text. A
// caller that shows the whole text, escaped, when there is no fragment
// can therefore test for "", as escaping "" gives "" too:
//
//	s := snippet.Best(summary, locs)
//	if s == "" {
//		s = snippet.Escape(summary)
//	}
//
// Locations need not be sorted. Where bleve would panic on locations that
// do not fit the text (an offset of 2^63 or more, a location that ends
// before it starts and is to be marked), Best returns "" instead.
//
// One case is not bleve's exactly, as bleve's own result is not
// reproducible there: locations that start at the same byte but end at
// different bytes. bleve puts them in the order of Go's (random) map
// iteration over terms, then sorts with an unstable sort; Best keeps
// them in the order given. A tokenizer that cuts the text into words
// never produces such locations.
func Best(text string, locs []Location) string {
	spans, ok := spansOf(locs)
	if !ok {
		return ""
	}
	var frag span
	if len(spans) == 0 {
		frag = leading(text)
	} else {
		var found bool
		frag, found, ok = bestWindow(text, spans)
		if !ok || !found {
			return ""
		}
	}
	mergeIntoFirst(spans)
	return format(text, frag, spans)
}

// spansOf converts the locations to spans sorted by start, numbering
// their terms. It reports false if a location starts at 2^63 or later: as
// an int that is negative, and bleve's fragmenter then slices the text
// with it and panics, whatever the other locations are.
func spansOf(locs []Location) ([]span, bool) {
	spans := make([]span, len(locs))
	var terms []string
	for i, l := range locs {
		s := span{start: int(l.Start), end: int(l.End)}
		if s.start < 0 {
			return nil, false
		}
		s.term = slices.Index(terms, l.Term)
		if s.term < 0 {
			s.term = len(terms)
			terms = append(terms, l.Term)
		}
		spans[i] = s
	}
	sortByStart(spans)
	return spans, true
}

// sortByStart sorts spans by start as bleve does, keeping equal starts in
// the order given (see Best). It is an insertion sort: a field's locations
// are few (one per matching word of a summary) and mostly in order
// already, the rest of Best takes time quadratic in their number anyway,
// and slices.SortStableFunc would add 2 KB (brotli) to a js/wasm build.
func sortByStart(spans []span) {
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].start < spans[j-1].start; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

// leading is the fragment bleve makes when there is no location: the
// text's first 200 runes, stopping early before a rune that does not
// decode (invalid UTF-8, or U+FFFD itself, which bleve cannot tell from
// an invalid byte).
func leading(text string) span {
	end := 0
	for used := 0; end < len(text) && used < fragmentRunes; used++ {
		r, size := utf8.DecodeRuneInString(text[end:])
		if r == utf8.RuneError {
			break
		}
		end += size
	}
	return span{start: 0, end: end}
}

// bestWindow builds the window of each location in turn and returns the
// first one with the highest score. bleve keeps its fragments in a heap
// that pops the highest score first and, among equal scores, the one
// pushed first, so the earliest best window wins. found is false if
// every location's window was given up; ok is false where bleve would
// panic.
func bestWindow(text string, spans []span) (best span, found, ok bool) {
	bestScore := -1
	seen := make([]bool, len(spans)) // per term, for score
	// floor is the end of the previous location that got a window: a
	// window extends backwards only down to it, so that it does not take
	// in the text already shown around that location.
	floor := 0
	for i := range spans {
		w, status := window(text, spans, i, floor)
		switch status {
		case giveUp:
			continue
		case broken:
			return span{}, false, false
		}
		if s := score(w, spans, seen); s > bestScore {
			best, bestScore = w, s
		}
		floor = spans[i].end
	}
	return best, bestScore >= 0, true
}

// windowStatus says how building a location's window went.
type windowStatus uint8

const (
	built  windowStatus = iota
	giveUp              // bleve skips the location: no window from it
	broken              // bleve would panic
)

// window is bleve's simple fragmenter for the location spans[i]: up to
// 200 runes from the location's start onwards, then, if the text ended
// first, back towards floor until it holds 200; then moved back by half
// the smaller of two rooms (the runes after the last location that ends
// inside the window, and the runes between floor and the window), so that
// the matches sit nearer its middle.
//
// As in bleve, a location gives up its window (giveUp) when any rune the
// window walks over does not decode (invalid UTF-8, or U+FFFD itself),
// when it starts beyond the end of the text, or when it is to be moved
// back from the very start of the text.
func window(text string, spans []span, i, floor int) (span, windowStatus) {
	start := spans[i].start
	end := start
	used := 0
	for end < len(text) && used < fragmentRunes {
		r, size := utf8.DecodeRuneInString(text[end:])
		if r == utf8.RuneError {
			return span{}, giveUp
		}
		end += size
		used++
	}
	for start > 0 && used < fragmentRunes {
		if start > len(text) {
			return span{}, giveUp
		}
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if r == utf8.RuneError {
			return span{}, giveUp
		}
		if start-size < floor {
			break
		}
		start -= size
		used++
	}

	// The end of the last location, from this one on in start order,
	// before the first that ends beyond the window. Locations that end
	// before they start can make it lie before the window's start; one
	// ending at 2^63 or later makes it negative, and bleve panics.
	lastEnd := end
	for _, s := range spans[i:] {
		if s.end > end {
			break
		}
		lastEnd = s.end
	}
	if lastEnd < 0 {
		return span{}, broken
	}
	room := utf8.RuneCountInString(text[lastEnd:end])
	if start >= floor {
		if floor < 0 { // the previous location ended at 2^63 or later
			return span{}, broken
		}
		room = min(room, utf8.RuneCountInString(text[floor:start]))
	} else {
		// A location that starts before the previous one ends: bleve
		// counts no room before it.
		room = 0
	}
	for shift := room / 2; shift > 0; shift-- {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if r == utf8.RuneError { // also at the start of the text
			return span{}, giveUp
		}
		start -= size
		r, size = utf8.DecodeLastRuneInString(text[:end])
		if r == utf8.RuneError {
			return span{}, giveUp
		}
		end -= size
	}
	return span{start: start, end: end}, built
}

// score is bleve's simple fragment scorer: the number of distinct terms
// with at least one location wholly inside the window. seen is scratch
// space, one entry per term.
func score(w span, spans []span, seen []bool) int {
	clear(seen)
	n := 0
	for _, s := range spans {
		if s.start >= w.start && s.end <= w.end && !seen[s.term] {
			seen[s.term] = true
			n++
		}
	}
	return n
}

// mergeIntoFirst is bleve's merging of overlapping locations before they
// are marked, quirk included: every location that overlaps the first one
// (in start order) is folded into it, the first taking that location's
// end (which may be nearer than its own), but later locations are never
// merged with each other. Overlapping later locations are sorted out when
// marking: one that starts inside the previous mark is not marked.
func mergeIntoFirst(spans []span) {
	if len(spans) == 0 {
		return
	}
	first := &spans[0]
	for i := 1; i < len(spans); i++ {
		s := &spans[i]
		if overlaps(*first, *s) {
			first.end = s.end
			s.merged = true
		}
	}
}

// overlaps reports whether either span starts inside the other; a span
// that is empty starts inside nothing, but another can start inside it
// only if it is not empty.
func overlaps(a, b span) bool {
	return (b.start >= a.start && b.start < a.end) || (a.start >= b.start && a.start < b.end)
}

// format is bleve's html formatter and the separators around it. Locations
// are marked in start order: one that starts before the end of the
// previous mark (or before the window) is skipped, and marking stops at
// the first one that ends beyond the window, even if later ones would
// fit. It returns "" where bleve would panic, on a location to be marked
// that ends before it starts.
func format(text string, w span, spans []span) string {
	var b strings.Builder
	if w.start != 0 {
		b.WriteString(separator)
	}
	at := w.start
	for _, s := range spans {
		if s.merged || s.start < at {
			continue
		}
		if s.end > w.end {
			break
		}
		if s.start > s.end {
			return ""
		}
		writeEscaped(&b, text[at:s.start])
		b.WriteString(markOpen)
		writeEscaped(&b, text[s.start:s.end])
		b.WriteString(markClose)
		at = s.end
	}
	writeEscaped(&b, text[at:w.end])
	if w.end != len(text) {
		b.WriteString(separator)
	}
	return b.String()
}

// Escape returns s escaped for HTML exactly as html.EscapeString escapes
// it: &, <, >, " and ' become &amp;, &lt;, &gt;, &#34; and &#39;, and
// every other byte, valid UTF-8 or not, is kept as it is.
func Escape(s string) string {
	var b strings.Builder
	writeEscaped(&b, s)
	return b.String()
}

// writeEscaped writes s to b escaped as Escape does, copying the runs of
// bytes between the characters it replaces.
func writeEscaped(b *strings.Builder, s string) {
	done := 0
	for i := 0; i < len(s); i++ {
		var entity string
		switch s[i] {
		case '&':
			entity = "&amp;"
		case '<':
			entity = "&lt;"
		case '>':
			entity = "&gt;"
		case '"':
			entity = "&#34;"
		case '\'':
			entity = "&#39;"
		default:
			continue
		}
		b.WriteString(s[done:i])
		b.WriteString(entity)
		done = i + 1
	}
	b.WriteString(s[done:])
}
