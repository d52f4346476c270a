package textan

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
)

// tokenize splits input into words as bleve's "unicode" tokenizer does:
// the segments of the Unicode word segmenter (UAX #29) that have a type
// (letters, numbers, ideographs, kana; not spaces or punctuation) are the
// tokens, numbered from 1, with their byte offsets in input. Each term is
// a piece of input, capped so that no filter can write past it.
func tokenize(input []byte) analysis.TokenStream {
	if stream, ok := tokenizeSimple(input); ok {
		return stream
	}
	seg := segment.NewWordSegmenterDirect(input)
	var words []analysis.Token
	start := 0
	for seg.Segment() {
		b := seg.Bytes()
		end := start + len(b)
		if typ := seg.Type(); typ != segment.None {
			words = append(words, analysis.Token{
				Term:     b[:len(b):len(b)],
				Start:    start,
				End:      end,
				Position: len(words) + 1,
				Type:     tokenType(typ),
			})
		}
		start = end
	}
	stream := make(analysis.TokenStream, len(words))
	for i := range words {
		stream[i] = &words[i]
	}
	return stream
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

// tokenizeSimple tokenizes the usual query, ASCII words and numbers
// between spaces, without the Unicode word segmenter, whose one large
// function the browser would otherwise compile before the first
// results. For such text UAX #29 gives each run of letters and each run
// of digits as a word; a run that mixes them, and any other byte, is
// left to the segmenter (ok false).
func tokenizeSimple(input []byte) (analysis.TokenStream, bool) {
	var words []analysis.Token
	for i := 0; i < len(input); {
		c := input[i]
		if c == ' ' {
			i++
			continue
		}
		start, digits, letters := i, 0, 0
		for ; i < len(input) && input[i] != ' '; i++ {
			switch c := input[i]; {
			case c >= '0' && c <= '9':
				digits++
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
				letters++
			default:
				return nil, false
			}
		}
		if digits > 0 && letters > 0 {
			return nil, false
		}
		typ := analysis.AlphaNumeric
		if digits > 0 {
			typ = analysis.Numeric
		}
		words = append(words, analysis.Token{
			Term:     input[start:i:i],
			Start:    start,
			End:      i,
			Position: len(words) + 1,
			Type:     typ,
		})
	}
	stream := make(analysis.TokenStream, len(words))
	for i := range words {
		stream[i] = &words[i]
	}
	return stream, true
}
