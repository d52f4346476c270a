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
