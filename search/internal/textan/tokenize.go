package textan

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
)

// Tokenize splits input into words as bleve's "unicode" tokenizer does:
// the segments of the Unicode word segmenter (UAX #29) that have a type
// (letters, numbers, ideographs, kana; not spaces or punctuation) are the
// tokens, numbered from 1, with their byte offsets in input. Each term is
// a piece of input, capped so that no filter can write past it.
//
// ASCII text is split here (asciiWord), not by the segmenter: its one
// large function took 8% of an index build's CPU (13% with bleve's
// tokenizer around it), and the browser would compile it before the
// first results. A stretch with other bytes in it
// goes to the segmenter, from the start of the word it touches to a
// space (before which UAX #29 always breaks). Input with invalid
// UTF-8 goes to the segmenter whole.
func Tokenize(input []byte) analysis.TokenStream {
	return tokenize(&tokens{stream: make(analysis.TokenStream, 0, len(input)/6+1)}, input)
}

// Scratch is memory that TokenizeWith reuses from one text to the next:
// the tokens of a text that is analysed only to count its words are
// garbage as soon as they are counted, and at 10,000 documents they were
// an eighth of all that an index's build allocated. A Scratch is for one
// goroutine at a time.
type Scratch struct {
	words  tokens
	chunks [][]analysis.Token // every chunk made, to be used again
	next   int                // the next of chunks to use
}

// TokenizeWith is Tokenize with the tokens in s's memory: they are valid
// until s.Reset, which the caller must call before s is used again.
func TokenizeWith(s *Scratch, input []byte) analysis.TokenStream {
	s.words.stream = s.words.stream[:0]
	s.words.chunk = nil
	s.words.scratch = s
	return tokenize(&s.words, input)
}

// Reset lets go of the last text's tokens, and of the text (their terms
// point into it), keeping the memory for the next.
func (s *Scratch) Reset() {
	for _, c := range s.chunks[:s.next] {
		clear(c[:cap(c)])
	}
	s.next = 0
	clear(s.words.stream)
	s.words.stream = s.words.stream[:0]
	s.words.chunk = nil
}

// chunk gives a chunk with room for at least n tokens, one made before
// when there is one.
func (s *Scratch) chunk(n int) []analysis.Token {
	if s.next < len(s.chunks) {
		c := s.chunks[s.next]
		s.next++
		return c[:0]
	}
	c := make([]analysis.Token, 0, max(n, 1024))
	s.chunks = append(s.chunks, c)
	s.next++
	return c
}

func tokenize(words *tokens, input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		segmentWords(words, input, 0)
		return words.stream
	}
	for i := 0; i < len(input); {
		c := input[i]
		if c >= utf8.RuneSelf {
			i = segmentStretch(words, input, i)
			continue
		}
		if wordByte(c) == 0 {
			i++ // a space or punctuation: no word
			continue
		}
		end, typ, ok := asciiWord(input, i)
		if !ok {
			i = segmentStretch(words, input, i)
			continue
		}
		words.add(input, i, end, typ)
		i = end
	}
	return words.stream
}

// tokens is a token stream being made. Its tokens are allocated in
// chunks (up to 1,024 at a time), as bleve's tokenizer does, so that none
// is copied as the stream grows.
type tokens struct {
	stream  analysis.TokenStream
	chunk   []analysis.Token
	scratch *Scratch // where chunks come from, when set
}

// add appends the token input[start:end], its term capped so that no
// filter can write past it.
func (t *tokens) add(input []byte, start, end int, typ analysis.TokenType) {
	if len(t.chunk) == cap(t.chunk) {
		// About one word in six bytes of the text left, at most 1,024.
		n := min((len(input)-start)/6+16, 1024)
		if t.scratch != nil {
			t.chunk = t.scratch.chunk(n)
		} else {
			t.chunk = make([]analysis.Token, 0, n)
		}
	}
	t.chunk = append(t.chunk, analysis.Token{
		Term:     input[start:end:end],
		Start:    start,
		End:      end,
		Position: len(t.stream) + 1,
		Type:     typ,
	})
	t.stream = append(t.stream, &t.chunk[len(t.chunk)-1])
}

// segmentStretch gives the segmenter input from start, a word's start or
// a byte over 0x7F after a word's end, up to the first space that an
// ASCII character follows (so that a Greek paragraph is one stretch), and
// returns where the stretch ends.
func segmentStretch(words *tokens, input []byte, start int) int {
	end := start + 1
	for end < len(input) && (input[end] != ' ' || end+1 < len(input) && input[end+1] >= utf8.RuneSelf) {
		end++
	}
	segmentWords(words, input[:end], start)
	return end
}

// segmentWords adds the words the segmenter finds in input[from:].
func segmentWords(words *tokens, input []byte, from int) {
	seg := segment.NewWordSegmenterDirect(input[from:])
	start := from
	for seg.Segment() {
		end := start + len(seg.Bytes())
		if typ := seg.Type(); typ != segment.None {
			words.add(input, start, end, tokenType(typ))
		}
		start = end
	}
}

// tokenType is the token type bleve gives a segment type: ideographs and
// kana are Ideographic, numbers Numeric, everything else AlphaNumeric.
func tokenType(segmentType int) analysis.TokenType {
	switch segmentType {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// The ASCII characters' word-break classes (UAX #29, as the segmenter
// has them).
const (
	wbLetter     = 1 << iota // A-Z a-z: ALetter
	wbDigit                  // 0-9: Numeric
	wbUnderscore             // _: ExtendNumLet
	wbMidLetter              // joins two letters: : (MidLetter), . (MidNumLet), ' (Single_Quote)
	wbMidNum                 // joins two digits: , ; (MidNum), . (MidNumLet), ' (Single_Quote)
)

func wordByte(c byte) int {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return wbLetter
	case '0' <= c && c <= '9':
		return wbDigit
	case c == '_':
		return wbUnderscore
	}
	return 0
}

func midByte(c byte) int {
	switch c {
	case ':':
		return wbMidLetter
	case ',', ';':
		return wbMidNum
	case '.', '\'':
		return wbMidLetter | wbMidNum
	}
	return 0
}

// asciiWord reads the word starting at input[start], a letter, digit or
// underscore, as the segmenter reads it: letters, digits and underscores
// run together (WB5, WB8 to WB10, WB13a and b), a letter and a letter
// join across one MidLetter (WB6, WB7), a digit and a digit across one
// MidNum (WB11, WB12). The word is a number (Numeric) when it has digits
// and no letter, else AlphaNumeric (an underscore alone is a word). ok is
// false when the word meets a byte over 0x7F: the segmenter reads it.
func asciiWord(input []byte, start int) (end int, typ analysis.TokenType, ok bool) {
	letters, digits := false, false
	i := start
	for i < len(input) {
		c := input[i]
		if c >= utf8.RuneSelf {
			return 0, 0, false
		}
		if k := wordByte(c); k != 0 {
			letters = letters || k == wbLetter
			digits = digits || k == wbDigit
			i++
			continue
		}
		// A middle character joins only what is of the same kind on both
		// sides.
		m := midByte(c)
		if m == 0 || i+1 >= len(input) {
			break
		}
		next := input[i+1]
		if next >= utf8.RuneSelf {
			return 0, 0, false
		}
		prev := wordByte(input[i-1])
		if prev == wbLetter && m&wbMidLetter != 0 && wordByte(next) == wbLetter ||
			prev == wbDigit && m&wbMidNum != 0 && wordByte(next) == wbDigit {
			i += 2
			continue
		}
		break
	}
	// What follows the word may still join it: a non-spacing mark or a
	// format character (WB4) is not ASCII, and is checked above only when
	// it comes next.
	if i < len(input) && input[i] >= utf8.RuneSelf {
		return 0, 0, false
	}
	typ = analysis.AlphaNumeric
	if digits && !letters {
		typ = analysis.Numeric
	}
	return i, typ, true
}
