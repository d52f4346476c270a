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
