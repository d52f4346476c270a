package diag

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

// strs gives the diagnostics of l as their strings.
func strs(l List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	return out
}

// TestString: path:line:col: message, the parts of the position that are
// known, and "warning: " before a warning's message.
func TestString(t *testing.T) {
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Path: "content/a.md", Pos: Pos{Line: 7, Col: 3}, Msg: "bad"}, "content/a.md:7:3: bad"},
		{Diagnostic{Path: "content/a.md", Pos: Pos{Line: 7}, Msg: "bad"}, "content/a.md:7: bad"},
		{Diagnostic{Path: "content/a.md", Msg: "too big"}, "content/a.md: too big"},
		{Diagnostic{Path: "content/a.md", Pos: Pos{Line: 2, Col: 1}, Severity: Warning, Msg: "odd"}, "content/a.md:2:1: warning: odd"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("String() = %q; want %q", got, c.want)
		}
	}
}

// TestSortOrdersByPathLineColumnMessage: lines and columns sort as
// numbers (9 before 10), ties by message; exact duplicates go, but the
// same message as an error and as a warning stays twice.
func TestSortOrdersByPathLineColumnMessage(t *testing.T) {
	var l List
	l.Errorf("b.md", Pos{Line: 1, Col: 1}, "first of b")
	l.Errorf("a.md", Pos{Line: 10, Col: 1}, "line 10")
	l.Errorf("a.md", Pos{Line: 9, Col: 12}, "line 9, col 12")
	l.Errorf("a.md", Pos{Line: 9, Col: 2}, "line 9, col 2")
	l.Errorf("a.md", Pos{Line: 9, Col: 2}, "line 9, col 2")
	l.Warnf("a.md", Pos{Line: 9, Col: 2}, "line 9, col 2")
	l.Errorf("a.md", Pos{Line: 9, Col: 2}, "another at line 9, col 2")
	l.Errorf("a.md", Pos{}, "the whole file")
	l.Sort()
	want := []string{
		"a.md: the whole file",
		"a.md:9:2: another at line 9, col 2",
		"a.md:9:2: line 9, col 2",
		"a.md:9:2: warning: line 9, col 2",
		"a.md:9:12: line 9, col 12",
		"a.md:10:1: line 10",
		"b.md:1:1: first of b",
	}
	if got := strs(l); !slices.Equal(got, want) {
		t.Errorf("sorted:\n%q\nwant\n%q", got, want)
	}
}

// TestSeverities: warnings are kept apart from errors and never make an
// error on their own.
func TestSeverities(t *testing.T) {
	var l List
	l.Warnf("a.md", Pos{Line: 1}, "w")
	if l.HasErrors() || l.Err() != nil || len(l.Errors()) != 0 {
		t.Errorf("a warning alone: HasErrors %v, Err %v, Errors %v", l.HasErrors(), l.Err(), l.Errors())
	}
	l.Errorf("a.md", Pos{Line: 2}, "e")
	if !l.HasErrors() {
		t.Error("HasErrors is false with an error")
	}
	if got := strs(l.Errors()); !slices.Equal(got, []string{"a.md:2: e"}) {
		t.Errorf("Errors() = %q", got)
	}
	if got := strs(l.Warnings()); !slices.Equal(got, []string{"a.md:1: warning: w"}) {
		t.Errorf("Warnings() = %q", got)
	}
	var other List
	other.Errorf("0.md", Pos{}, "x")
	l.Append(other)
	if len(l) != 3 || l[2].Path != "0.md" {
		t.Errorf("Append: %q", strs(l))
	}
}

// TestErrCarriesTheSortedErrors: Err holds only the errors, sorted, one
// per line, and AsList finds them through wrapping.
func TestErrCarriesTheSortedErrors(t *testing.T) {
	var l List
	l.Errorf("b.md", Pos{Line: 3, Col: 1}, "later")
	l.Warnf("a.md", Pos{Line: 1, Col: 1}, "only a warning")
	l.Errorf("a.md", Pos{Line: 20, Col: 4}, "earlier")
	err := l.Err()
	if err == nil {
		t.Fatal("Err() is nil with two errors")
	}
	if want := "a.md:20:4: earlier\nb.md:3:1: later"; err.Error() != want {
		t.Errorf("Err():\n%s\nwant\n%s", err, want)
	}
	got, ok := AsList(fmt.Errorf("building: %w", err))
	if !ok || !slices.Equal(strs(got), []string{"a.md:20:4: earlier", "b.md:3:1: later"}) {
		t.Errorf("AsList of a wrapped error = %q, %v", strs(got), ok)
	}
	if _, ok := AsList(errors.New("plain")); ok {
		t.Error("AsList found a list in a plain error")
	}
}
