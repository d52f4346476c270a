package model

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yaml.v3 says where a syntax error is only as "line N" in its message,
// and the number is not always the line of the mistake:
//   - its scanner errors count lines from 1 and are right;
//   - its parser errors count from 0 (one line early), and name the line
//     of the enclosing collection rather than the offending token when
//     that collection starts after the first line;
//   - an error on the first line carries no line at all.
//
// yamlErrorPos works out the line an editor must fix, with a column where
// one can be known, so that check and the pull-request annotation point at
// the mistake itself.

// yamlParserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner: only these report a zero-based line.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlFlowProblems are the parser errors of a flow collection ([...] or
// {...}) that is not finished.
var yamlFlowProblems = map[string]bool{
	"did not find expected ',' or ']'": true,
	"did not find expected ',' or '}'": true,
}

// maxPrefixBytes bounds the work of locating a parser error by parsing
// prefixes of the front matter, so that a huge block with a mistake still
// gets its answer quickly (at the line yaml.v3 names, then).
const maxPrefixBytes = 4 << 20

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlErrorPos turns an error of yaml.Unmarshal over raw into a position
// inside raw (line 1 is raw's first line) and the message without its
// "yaml: line N:" prefix. json is true for JSON front matter, which
// yaml.v3 parses too; its flow collections span lines as a rule, so only
// the line yaml.v3 names is used there.
func yamlErrorPos(raw []byte, err error, json bool) (line, col int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	named := 0 // the line yaml.v3 names, 1-based; 0 when it names none
	if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
		named, _ = strconv.Atoi(sm[1])
		msg = err.Error()[len(sm[0]):]
	}
	parser := yamlParserProblems[msg]
	switch {
	case named == 0:
		line = 1
	case parser:
		line = named + 1
	default:
		line = named
	}
	if lines := yamlLines(raw); lines != nil {
		line = lines(line)
	}
	if msg == yamlUnclosedQuote && !json {
		// yaml.v3 names the line the quoted text starts on, or, when that
		// is the first, the last line: find the quote that is left open.
		if l, ok := firstBadLine(raw); ok {
			if c, q, ok := unclosedQuote(lineText(raw, l)); ok {
				return l, c, fmt.Sprintf("%s (the quote %c opened here is not closed: end the text with %c)", msg, q, q)
			}
		}
	}
	if named > 0 && !parser {
		return line, 1, msg // a scanner error: its line is right
	}
	if !json {
		if l, ok := firstBadLine(raw); ok {
			line = l
		}
	}
	line = min(line, bytes.Count(raw, []byte("\n"))+1)
	col = 1
	text := lineText(raw, line)
	if i := len(text) - len(strings.TrimLeft(text, " \t")); i < len(text) {
		col = utf8.RuneCountInString(text[:i]) + 1
	}
	if yamlFlowProblems[msg] {
		if c, opener, ok := unclosedOpener(text); ok {
			closer := map[byte]string{'[': "]", '{': "}"}[opener]
			return line, c, fmt.Sprintf("%s (the %q opened here is not closed: end it with %q, and separate its entries with commas)", msg, string(opener), closer)
		}
	}
	return line, col, msg
}

// firstBadLine finds the line after the longest prefix of raw (in whole
// lines) that parses: the line whose text starts what cannot be parsed.
// A flow collection left open is found on the line that opens it, and a
// key out of line on its own line, wherever yaml.v3 noticed them. It
// gives up (false) past maxPrefixBytes of work.
func firstBadLine(raw []byte) (int, bool) {
	ends := []int{0} // ends[k] is the length of the prefix of k lines
	for i, c := range raw {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if ends[len(ends)-1] != len(raw) {
		ends = append(ends, len(raw))
	}
	work := 0
	for k := len(ends) - 2; k >= 0; k-- {
		if work += ends[k]; work > maxPrefixBytes {
			return 0, false
		}
		var n yaml.Node
		if yaml.Unmarshal(raw[:ends[k]], &n) == nil {
			return k + 1, true
		}
	}
	return 1, true
}

// lineText is line n (1-based) of raw without its line end.
func lineText(raw []byte, n int) string {
	lines := strings.Split(string(raw), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[n-1], "\r")
}

// unclosedOpener finds the column (1-based, in characters) of the
// outermost [ or { on a YAML line that the line leaves open, and which
// of the two it is. Brackets
// count only where a flow collection can start (a value after "key: ",
// "- " or the indentation) or inside one; quoted strings and comments are
// skipped.
func unclosedOpener(text string) (col int, opener byte, ok bool) {
	var open []int // byte offsets of the openers still open
	start := true  // at a place where a value may begin
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			i = len(text)
			continue
		case start && (c == '"' || c == '\''):
			i = skipQuoted(text, i)
			start = false
			continue
		case (c == '[' || c == '{') && (start || len(open) > 0):
			open = append(open, i)
			start = true
			continue
		case (c == ']' || c == '}') && len(open) > 0:
			open = open[:len(open)-1]
		case c == ',' && len(open) > 0:
			start = true
			continue
		case (c == ':' || c == '-' && start) && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
			start = true // after "key:", or a sequence entry's "-"
			continue
		}
		start = false
	}
	if len(open) == 0 {
		return 0, 0, false
	}
	return utf8.RuneCountInString(text[:open[0]]) + 1, text[open[0]], true
}

// yamlUnclosedQuote is yaml.v3's error for a quoted text that the front
// matter never closes.
const yamlUnclosedQuote = "found unexpected end of stream"

// unclosedQuote finds the column (1-based, in characters) of a quote that
// starts a value on a YAML line and is not closed on it, and which quote
// it is.
func unclosedQuote(text string) (col int, quote byte, ok bool) {
	start := true // at a place where a value may begin
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			return 0, 0, false
		case start && (c == '"' || c == '\''):
			j := skipQuoted(text, i)
			if j == len(text) {
				return utf8.RuneCountInString(text[:i]) + 1, c, true
			}
			i = j
			start = false
			continue
		case c == '[' || c == '{' || c == ',':
			start = true
			continue
		case (c == ':' || c == '-' && start) && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
			start = true
			continue
		}
		start = false
	}
	return 0, 0, false
}

// skipQuoted returns the offset of the quote closing the quoted string
// that opens at i (or the end of text when it is not closed on the line).
func skipQuoted(text string, i int) int {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch {
		case q == '"' && text[j] == '\\':
			j++
		case text[j] == q && q == '\'' && j+1 < len(text) && text[j+1] == '\'':
			j++ // '' is a quote inside a single-quoted string
		case text[j] == q:
			return j
		}
	}
	return len(text)
}

// YAMLErrorPos is yamlErrorPos for a YAML file of another kind (a
// theme's translation file): where in raw an editor must fix what
// yaml.Unmarshal refused, and the message without yaml.v3's prefix.
func YAMLErrorPos(raw []byte, err error) (line, col int, msg string) {
	return yamlErrorPos(raw, err, false)
}
