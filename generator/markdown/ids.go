package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs names headings for their anchors (#id) as goldmark does,
// lowercase words joined by hyphens, numbered when a name repeats, but
// keeping letters and digits of every script: goldmark keeps ASCII only,
// so that a Greek heading became "-" or "--1". An ASCII heading keeps the
// name goldmark gives it.
type headingIDs struct {
	used map[string]bool
	// last is the number last given to a name that repeats, so that the
	// thousandth "Notes" does not try 999 numbers first.
	last map[string]int
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}, last: map[string]int{}} }

// Generate names a heading (or another node) from its text.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r): // Mn: accents written apart
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		id = "id"
		if kind == ast.KindHeading {
			id = "heading"
		}
	}
	if !s.used[id] {
		s.used[id] = true
		return []byte(id)
	}
	for i := s.last[id] + 1; ; i++ {
		next := id + "-" + strconv.Itoa(i)
		if !s.used[next] {
			s.used[next] = true
			s.last[id] = i
			return []byte(next)
		}
	}
}

// Put takes note of an ID given by hand.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
