package markdown

import (
	"bytes"
	"fmt"
)

// Limits on the shapes that make Markdown parsing slow. goldmark's time
// grows with the square of some inputs — links left open within one
// paragraph, blockquotes nested thousands deep — so a file under the size
// cap could still take minutes. No real page comes near these limits.
const (
	MaxQuoteDepth    = 32
	MaxLinksPerBlock = 1000
	MaxBlockBytes    = 256 << 10
)

// Problem is a body that the guard refuses, at a byte offset.
type Problem struct {
	Offset int
	Msg    string
}

// Guard checks a body for the shapes above before it is parsed.
func Guard(src []byte) *Problem {
	blockStart, blockLinks := -1, 0
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		if len(bytes.TrimSpace(line)) == 0 {
			blockStart, blockLinks = -1, 0
		} else {
			if blockStart < 0 {
				blockStart = off
			}
			if depth := quoteDepth(line); depth > MaxQuoteDepth {
				return &Problem{off, fmt.Sprintf("blockquotes nested %d deep; at most %d levels are allowed", depth, MaxQuoteDepth)}
			}
			blockLinks += bytes.Count(line, []byte("]("))
			if blockLinks > MaxLinksPerBlock {
				return &Problem{blockStart, fmt.Sprintf("this paragraph has more than %d links; split it with blank lines", MaxLinksPerBlock)}
			}
			if end-blockStart > MaxBlockBytes {
				return &Problem{blockStart, fmt.Sprintf("this paragraph is longer than %d KiB; split it with blank lines", MaxBlockBytes>>10)}
			}
		}
		off = end + 1
	}
	return nil
}

// quoteDepth counts the blockquote markers at the start of a line.
func quoteDepth(line []byte) int {
	depth := 0
	for _, c := range line {
		switch c {
		case '>':
			depth++
		case ' ', '\t':
		default:
			return depth
		}
	}
	return depth
}
