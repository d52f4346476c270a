package markdown

import (
	"strings"
	"testing"
	"time"
)

func TestGuardContainerDepth(t *testing.T) {
	deep := strings.Repeat("- ", MaxQuoteDepth+1) + "a"
	for _, tc := range []struct {
		line  string
		depth int
		lists bool
	}{
		{"> > a", 2, false},
		{"- a", 1, true},
		{"- > 1. > a", 4, true},
		{"1) 2) x", 2, true},
		{"- - -", 0, false},
		{"> * * *", 1, false},
		{"-a", 0, false},
		{"2024. was a year", 1, true},
		{"12345678901. a", 0, false},
		{"1.5 a", 0, false},
		{deep, MaxQuoteDepth + 1, true},
	} {
		d, l := containerDepth([]byte(tc.line))
		if d != tc.depth || l != tc.lists {
			t.Errorf("%q: depth %d lists %v; want %d %v", tc.line, d, l, tc.depth, tc.lists)
		}
	}
	if p := Guard([]byte("text\n\n" + deep + "\n")); p == nil || p.Offset != 6 || !strings.Contains(p.Msg, "lists and blockquotes nested 33 deep") {
		t.Errorf("Guard(deep list) = %+v", p)
	}
	if p := Guard([]byte(strings.Repeat("- ", MaxQuoteDepth) + "a\n" + strings.Repeat("- - - - -\n", 100))); p != nil {
		t.Errorf("Guard refused lists at the cap and thematic breaks: %+v", p)
	}
}

// TestGuardKeepsParsingFast: at the depth cap, goldmark parses a line
// of nested list markers quickly; one nesting past the cap is refused,
// where goldmark's time grows with the square of the depth (2 ms at
// 1,000 levels, 100 ms at 8,000, half a minute at the 130,000 a file
// under the size cap holds).
func TestGuardKeepsParsingFast(t *testing.T) {
	line := strings.Repeat("- ", MaxQuoteDepth) + "a\n"
	src := []byte(strings.Repeat(line+"\n", (MaxBlockBytes-1)/(len(line)+1)))
	if p := Guard(src); p != nil {
		t.Fatalf("refused: %+v", p)
	}
	start := time.Now()
	Parse(src)
	t.Logf("%d KiB of lists %d deep parsed in %v", len(src)>>10, MaxQuoteDepth, time.Since(start))
}
