package output

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzTxPath: whatever path a build asks to write, Tx.path refuses it or
// names a file strictly inside the folder being written.
func FuzzTxPath(f *testing.F) {
	for _, s := range []string{"index.html", "a/b/index.html", "../x", "a/../../x", "/etc/passwd", "a\\..\\x", "", ".", "a/./b", "..", "a/..", "C:/x", "a\x00b", "./../x", "a//b"} {
		f.Add(s)
	}
	tx := &Tx{dir: "/srv/site/public", tmp: "/srv/site/.public.polisee-tmp-1"}
	f.Fuzz(func(t *testing.T, rel string) {
		p, err := tx.path(rel)
		if err != nil {
			return
		}
		inside, err := filepath.Rel(tx.tmp, p)
		if err != nil || !filepath.IsLocal(inside) || inside == "." || inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) {
			t.Fatalf("path(%q) = %q, outside %s", rel, p, tx.tmp)
		}
	})
}
