// Package diag collects the problems found in a content tree so that they
// can be reported all at once, sorted by file and position, in the form
// editors' tools understand: path:line:col: message.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a problem stops a build.
type Severity int

const (
	// Error stops check and build.
	Error Severity = iota
	// Warning is reported but does not fail a build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a file. Line and Col count from 1; Col counts
// characters (runes), not bytes. Line is counted from the top of the file,
// front matter included.
type Pos struct {
	Line, Col int
}

// Diagnostic is one problem in one file.
type Diagnostic struct {
	Path     string // slash-separated path as the user knows it, e.g. content/practices/x.md
	Pos      Pos
	Severity Severity
	Msg      string
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Pos.Line)
		if d.Pos.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Pos.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List is a list of diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf adds an error at path and pos.
func (l *List) Errorf(path string, pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at path and pos.
func (l *List) Warnf(path string, pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Append adds all diagnostics of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by path, line, column, then message, and drops exact
// duplicates.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Warnings returns only the warnings.
func (l List) Warnings() List {
	var out List
	for _, d := range l {
		if d.Severity == Warning {
			out = append(out, d)
		}
	}
	return out
}

// Err returns an error holding the list's errors, or nil if it has none.
// Warnings alone never make an error.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return &ListError{List: errs}
}

// ListError is the error returned by List.Err.
type ListError struct {
	List List
}

func (e *ListError) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// AsList returns the diagnostics carried by err, if it is (or wraps) a
// *ListError.
func AsList(err error) (List, bool) {
	var le *ListError
	if errors.As(err, &le) {
		return le.List, true
	}
	return nil, false
}
