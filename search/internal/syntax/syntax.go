// Package syntax reads what a reader types into the search box: words,
// "phrases", prefix* and wild?card words, word~N (within N edits),
// field:value, +required and -excluded parts, and part^N boosts.
//
// The language is bleve's query-string syntax, the one polisee has always
// accepted, read the way bleve's own parser reads it (where a word ends,
// what a backslash escapes, which characters are operators). polisee
// parses it itself so that the browser's search engine does not carry
// bleve's query package, and so that a mistake is reported in words a
// reader understands, with where it is.
//
// Parse says what the reader asked for and nothing more: the search
// package decides what a field or a word means (analyzers, boosts,
// limits). Boosts (word^2) are read and checked, then dropped: field
// boosts alone rank the hits.
package syntax

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Occur is how a part takes part in the search.
type Occur uint8

const (
	// Should is a part written with no sign. The search package decides
	// whether such parts are all required (the default) or alternatives.
	Should  Occur = iota
	Must          // +part
	MustNot       // -part
)

// Kind is what a part's text is.
type Kind uint8

const (
	Word     Kind = iota // words to analyse (a number too)
	Phrase               // "words in this order"
	Wildcard             // a word with * or ?
	Regexp               // /a regular expression/
	Range                // field:>value, field:<=value
)

// Part is one part of a query, as written.
type Part struct {
	Occur Occur
	Field string // before the colon; "" when none
	Kind  Kind
	// Text is the word, phrase, pattern or expression, without quotes
	// or slashes; for a Range, the bound.
	Text string
	// Fuzziness is N of word~N (word~ is word~1); 0 without a tilde.
	// It is not checked: a negative or large N is for the caller to
	// refuse.
	Fuzziness int
}

// Error is a mistake in a query, with where it is.
type Error struct {
	Pos int // the character (counted from 1) where the mistake is found
	Msg string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s (at character %d)", e.Msg, e.Pos)
}

// Parse reads a query. An empty query has no parts and no error.
func Parse(text string) ([]Part, error) {
	toks, err := lex(text)
	if err != nil {
		return nil, err
	}
	p := parser{toks: toks}
	var parts []Part
	for !p.done() {
		part, err := p.part()
		if err != nil {
			return nil, err
		}
		parts = append(parts, part)
	}
	return parts, nil
}

type tokenKind uint8

const (
	tString tokenKind = iota
	tPhrase
	tPlus
	tMinus
	tColon
	tGreater
	tLess
	tEqual
	tBoost // ^N, Text holds N
	tTilde // ~N, Text holds N
)

type token struct {
	kind tokenKind
	text string
	pos  int // character, from 1
}

// describe names a token in an error message.
func (t token) describe() string {
	switch t.kind {
	case tString:
		return strconv.Quote(t.text)
	case tPhrase:
		return "the phrase " + strconv.Quote(t.text)
	case tBoost:
		return "^" + t.text
	case tTilde:
		return "~" + t.text
	}
	return strconv.Quote(string(operators[t.kind]))
}

var operators = map[tokenKind]rune{tPlus: '+', tMinus: '-', tColon: ':', tGreater: '>', tLess: '<', tEqual: '='}

// reserved are the characters a backslash turns into plain letters; a
// backslash before any other character is kept, as bleve keeps it.
const reserved = "+-=&|><!(){}[]^\"~*?:\\/ "

func unescape(r rune) string {
	if strings.ContainsRune(reserved, r) {
		return string(r)
	}
	return `\` + string(r)
}

// lex splits a query into tokens. A word runs until a space, a colon, a
// ^ or a ~; + - : > < = are operators where a part starts (inside a word
// they are letters); "..." is a phrase; \ escapes the next character.
func lex(text string) ([]token, error) {
	rs := []rune(text)
	var toks []token
	for i := 0; i < len(rs); {
		start := i
		r := rs[i]
		switch {
		case r == '"':
			s, next, ok := until(rs, i+1, func(r rune) bool { return r == '"' })
			if !ok {
				return nil, &Error{Pos: start + 1, Msg: `a quote is not closed; add the closing "`}
			}
			toks = append(toks, token{tPhrase, s, start + 1})
			i = next + 1
		case r == '^' || r == '~':
			s, next, _ := until(rs, i+1, func(r rune) bool { return r == ' ' })
			if s == "" {
				s = "1"
			}
			kind := tBoost
			if r == '~' {
				kind = tTilde
			}
			toks = append(toks, token{kind, s, start + 1})
			i = next
		case strings.ContainsRune("+-:><=", r):
			kinds := map[rune]tokenKind{'+': tPlus, '-': tMinus, ':': tColon, '>': tGreater, '<': tLess, '=': tEqual}
			toks = append(toks, token{kinds[r], string(r), start + 1})
			i++
		case unicode.IsSpace(r):
			i++
		default:
			s, next, _ := until(rs, i, func(r rune) bool { return strings.ContainsRune(" :^~", r) })
			if s != "" { // a lone backslash at the end
				toks = append(toks, token{tString, s, start + 1})
			}
			i = next
		}
	}
	return toks, nil
}

// until reads runes from i up to the first one that stop accepts,
// unescaped, and says where it stopped and whether it found one.
func until(rs []rune, i int, stop func(rune) bool) (string, int, bool) {
	var b strings.Builder
	for ; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\\' && i+1 < len(rs):
			i++
			b.WriteString(unescape(rs[i]))
		case r == '\\':
			// A backslash at the very end escapes nothing; bleve
			// drops it.
		case stop(r):
			return b.String(), i, true
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), i, false
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) done() bool { return p.i >= len(p.toks) }

func (p *parser) peek() (token, bool) {
	if p.done() {
		return token{}, false
	}
	return p.toks[p.i], true
}

// accept takes the next token when it is of kind k.
func (p *parser) accept(k tokenKind) (token, bool) {
	t, ok := p.peek()
	if !ok || t.kind != k {
		return token{}, false
	}
	p.i++
	return t, true
}

// part reads [+|-] base [^N].
func (p *parser) part() (Part, error) {
	var part Part
	if _, ok := p.accept(tPlus); ok {
		part.Occur = Must
	} else if _, ok := p.accept(tMinus); ok {
		part.Occur = MustNot
	}
	if err := p.base(&part); err != nil {
		return Part{}, err
	}
	if b, ok := p.accept(tBoost); ok {
		if _, err := strconv.ParseFloat(b.text, 64); err != nil {
			return Part{}, &Error{Pos: b.pos, Msg: fmt.Sprintf("the boost ^%s is not a number; write word^2", b.text)}
		}
	}
	return part, nil
}

// base reads a word, word~N, "phrase" or field:value.
func (p *parser) base(part *Part) error {
	t, ok := p.peek()
	if !ok {
		last := p.toks[len(p.toks)-1]
		return &Error{Pos: last.pos, Msg: fmt.Sprintf("%s must be followed by a word", last.describe())}
	}
	if t.kind != tString && t.kind != tPhrase {
		return &Error{Pos: t.pos, Msg: fmt.Sprintf("unexpected %s; a word, a \"phrase\" or field:value must come here", t.describe())}
	}
	p.i++
	if _, ok := p.accept(tColon); ok {
		part.Field = t.text
		return p.value(part, t)
	}
	if t.kind == tPhrase {
		part.Kind, part.Text = Phrase, t.text
		return nil
	}
	return p.word(part, t)
}

// word fills part with the word t and its kind, or with word~N: a word
// followed by ~ is a word to match within N edits, whatever letters it
// holds (the analyzers drop * and ?).
func (p *parser) word(part *Part, t token) error {
	part.Kind, part.Text = Word, t.text
	if tilde, ok := p.accept(tTilde); ok {
		n, err := strconv.ParseFloat(tilde.text, 64)
		if err != nil || n != n {
			return &Error{Pos: tilde.pos, Msg: fmt.Sprintf("the fuzziness ~%s is not a number; write word~1 or word~2", tilde.text)}
		}
		part.Fuzziness = int(max(min(n, 1e6), -1e6)) // the caller refuses both ends
		return nil
	}
	switch {
	case strings.HasPrefix(t.text, "/") && strings.HasSuffix(t.text, "/"):
		part.Kind, part.Text = Regexp, strings.TrimSuffix(strings.TrimPrefix(t.text, "/"), "/")
	case strings.ContainsAny(t.text, "*?"):
		part.Kind = Wildcard
	}
	return nil
}

// value reads what follows field: — a word, -number, "phrase" or a
// range (>n, >=n, <n, <=n, with a number or a "date").
func (p *parser) value(part *Part, field token) error {
	missing := &Error{Pos: field.pos, Msg: fmt.Sprintf("%s: has no value after the colon; write field:value, e.g. country:HR", field.text)}
	t, ok := p.peek()
	if !ok {
		return missing
	}
	switch t.kind {
	case tString:
		p.i++
		return p.word(part, t)
	case tPhrase:
		p.i++
		part.Kind, part.Text = Phrase, t.text
		return nil
	case tMinus:
		p.i++
		n, ok := p.accept(tString)
		if !ok || !isNumber(n.text) {
			return &Error{Pos: t.pos, Msg: fmt.Sprintf("%s:- must be followed by a number", field.text)}
		}
		part.Kind, part.Text = Word, "-"+n.text
		return nil
	case tGreater, tLess:
		p.i++
		bound := string(operators[t.kind])
		if _, ok := p.accept(tEqual); ok {
			bound += "="
		}
		neg := ""
		if _, ok := p.accept(tMinus); ok {
			neg = "-"
		}
		v, ok := p.peek()
		if !ok || (v.kind != tString && v.kind != tPhrase) {
			return &Error{Pos: t.pos, Msg: fmt.Sprintf("%s:%s must be followed by a number or a \"date\"", field.text, bound)}
		}
		p.i++
		part.Kind, part.Text = Range, bound+neg+v.text
		return nil
	}
	return missing
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s != "" && unicode.IsDigit(rune(s[0]))
}
