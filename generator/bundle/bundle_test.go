package bundle

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeSite(t *testing.T, files map[string]string, mtime time.Time) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, mtime, mtime)
	}
	return dir
}

func TestArchiveIsDeterministic(t *testing.T) {
	files := map[string]string{"index.html": "home", "b/index.html": "b", "a/x.css": "x", "search/search.wasm": "big"}
	opts := Options{Root: "site-2014-10-01", Modified: time.Date(2014, 10, 1, 0, 0, 0, 0, time.UTC),
		Skip: func(rel string) bool { return strings.HasSuffix(rel, ".wasm") }}
	var a, b bytes.Buffer
	if _, err := Write(&a, writeSite(t, files, time.Unix(1, 0)), opts); err != nil {
		t.Fatal(err)
	}
	n, err := Write(&b, writeSite(t, files, time.Now()), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two archives of the same files with different file times differ")
	}
	if n != 3 {
		t.Errorf("%d files packed, want 3 (the .wasm skipped)", n)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(opts.Modified) || f.Mode().Perm() != 0o644 {
			t.Errorf("%s: modified %v, mode %v", f.Name, f.Modified, f.Mode())
		}
	}
	if got := strings.Join(names, " "); got != "site-2014-10-01/a/x.css site-2014-10-01/b/index.html site-2014-10-01/index.html" {
		t.Errorf("entries = %s", got)
	}
}
