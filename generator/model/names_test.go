package model

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestWindowsDeviceNamesRefused: a page named after a Windows device
// could not be saved on Windows, nor an offline copy unzipped there.
func TestWindowsDeviceNamesRefused(t *testing.T) {
	for _, name := range []string{"con", "nul", "aux", "prn", "com1", "lpt9"} {
		fsys := fstest.MapFS{"glossary/" + name + ".md": {Data: []byte("---\ntitle: T\nsummary: s\n---\n")}}
		_, diags := Load(fsys, Options{Root: "content"})
		if err := diags.Err(); err == nil || !strings.Contains(err.Error(), "content/glossary/"+name+".md: file name \""+name+".md\" is a device name on Windows") {
			t.Errorf("%s.md: %v", name, diags)
		}
	}
	for _, name := range []string{"console", "com", "com0", "lpt10", "null"} {
		fsys := fstest.MapFS{"glossary/" + name + ".md": {Data: []byte("---\ntitle: T\nsummary: s\n---\n")}}
		if _, diags := Load(fsys, Options{}); diags.Err() != nil {
			t.Errorf("%s.md refused: %v", name, diags)
		}
	}
}

// TestDefaultLanguageSuffix: slug.el.md beside slug.md, when el is the
// default language, is one page said twice: a clear error at the suffixed
// file; alone, slug.el.md is the page.
func TestDefaultLanguageSuffix(t *testing.T) {
	term := []byte("---\ntitle: T\nsummary: s\n---\n")
	site := []byte("title: S\nlanguages: [el, en]\n")
	fsys := fstest.MapFS{"site.yaml": {Data: site}, "glossary/x.md": {Data: term}, "glossary/x.el.md": {Data: term}}
	_, diags := Load(fsys, Options{Root: "content"})
	err := diags.Err()
	if err == nil || !strings.Contains(err.Error(), `content/glossary/x.el.md:1:1: "el" is the site's default language (the first of languages in site.yaml), and glossary/x.md is already the page in it`) {
		t.Errorf("x.el.md beside x.md with el the default: %v", err)
	}
	if strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("more than the one error: %v", err)
	}
	alone := fstest.MapFS{"site.yaml": {Data: site}, "glossary/x.el.md": {Data: term}}
	c, diags := Load(alone, Options{})
	if err := diags.Err(); err != nil || len(c.ByFolder("glossary")) != 1 {
		t.Errorf("x.el.md alone with el the default: %v", err)
	}
}
