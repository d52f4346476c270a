package markdown

import (
	"bytes"
	"fmt"
)

// Limits on the shapes that make Markdown parsing slow. goldmark's time
// grows with the square of some inputs — links left open within one
// paragraph, blockquotes or lists nested thousands deep on one line
// ("- - - - a") — so a file under the size cap could still take minutes.
// No real page comes near these limits.
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
			if depth, lists := containerDepth(line); depth > MaxQuoteDepth {
				what := "blockquotes"
				if lists {
					what = "lists and blockquotes"
				}
				return &Problem{off, fmt.Sprintf("%s nested %d deep; at most %d levels are allowed", what, depth, MaxQuoteDepth)}
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

// containerDepth counts the blockquote and list markers that open
// containers at the start of a line ("> - 1. > a" opens four); lists
// reports whether list markers are among them. goldmark's time grows
// with the square of this depth. A thematic break ("- - -") opens none.
func containerDepth(line []byte) (depth int, lists bool) {
	// Whether the line ends in a thematic break is decided once, at the
	// first list marker: deciding it at every marker would take time
	// growing with the square of the line's length.
	checked := false
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			if !checked {
				checked = true
				if thematicBreak(line[i:]) {
					return depth, lists
				}
			}
			depth++
			lists = true
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j-i > 9 || j == len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return depth, lists
			}
			depth++
			lists = true
			i = j + 1
		default:
			return depth, lists
		}
	}
	return depth, lists
}

// thematicBreak reports whether the rest of a line is a thematic break:
// three or more of one of -, * or _, with only spaces and tabs between.
func thematicBreak(rest []byte) bool {
	var mark byte
	n := 0
	for _, c := range bytes.TrimRight(rest, " \t\r") {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark = c
			n++
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
}
