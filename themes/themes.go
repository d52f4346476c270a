// Package themes holds the default theme, embedded in the binary so that
// polisee needs no files besides the content. A theme folder on disk
// (polisee build -theme DIR) overrides it file by file.
//
// A theme has layouts/*.html (html/template files: base.html holds the
// page frame and partials; home, list, item, facet, search, compare,
// contributing and 404 fill in "main"; a content type's presentation may
// name more, such as layouts/event.html for its item pages; base.html
// draws the menus and footer as frame blocks, {{.Frame "name"}}, made
// once for the pages of a folder: see generator/frame.go), static/,
// copied to assets/ in the site, and i18n/LANG.yaml,
// the UI strings of each language (en and el complete; see
// generator/i18n.go). A theme folder may add a language's file or
// replace one.
package themes

import (
	"embed"
	"errors"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded tree is fixed at compile time
	}
	return sub
}

// Overlay returns a theme whose files come from top when it has them and
// from base otherwise.
func Overlay(top, base fs.FS) fs.FS { return overlay{top, base} }

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.base.Open(name)
}

// ReadDir merges both trees' entries, top first, so that a theme may add
// static files as well as replace them.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	var firstErr error
	for _, f := range []fs.FS{o.top, o.base} {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if out == nil && firstErr != nil {
		return nil, firstErr
	}
	sortEntries(out)
	return out, nil
}

func sortEntries(e []fs.DirEntry) {
	for i := 1; i < len(e); i++ {
		for j := i; j > 0 && e[j].Name() < e[j-1].Name(); j-- {
			e[j], e[j-1] = e[j-1], e[j]
		}
	}
}
