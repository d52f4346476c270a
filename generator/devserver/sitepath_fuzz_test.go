package devserver

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSitePath: a request path is refused, or becomes a file name inside
// the site: relative, clean, without "..", backslashes, NUL bytes or any
// dotfile segment; and a path that names a folder is served its
// index.html.
func FuzzSitePath(f *testing.F) {
	for _, s := range []string{"/", "/index.html", "/practices/x/", "/../etc/passwd", "/a/../b", "/.polisee-output", "/a/.git/config",
		"/%2e%2e/x", "/a\\..\\b", "/a\x00", "//x", "/a//b/", "/./x", "/assets/style.css", "relative", "", "/.", "/a/.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		name, ok := sitePath(p)
		if !ok {
			return
		}
		switch {
		case name == "" || !filepath.IsLocal(filepath.FromSlash(name)) || strings.ContainsAny(name, "\\\x00"):
			t.Fatalf("sitePath(%q) = %q: not a file name inside the site", p, name)
		case path.Clean(name) != name:
			t.Fatalf("sitePath(%q) = %q: not clean", p, name)
		}
		for _, seg := range strings.Split(name, "/") {
			if seg == ".." || strings.HasPrefix(seg, ".") {
				t.Fatalf("sitePath(%q) = %q: segment %q", p, name, seg)
			}
		}
		if strings.HasSuffix(p, "/") && !strings.HasSuffix(name, "index.html") {
			t.Fatalf("sitePath(%q) = %q: a folder not served its index.html", p, name)
		}
	})
}
