// The tests sit in package corpus_test because they run the generator,
// which the benchmarks of package generator import this package for.
package corpus_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

func TestWritePassesCheck(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	diags := generator.Check(context.Background(), generator.Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir})
	for _, d := range diags {
		t.Log(d.String())
	}
	if diags.HasErrors() {
		t.Fatalf("check found %d errors in the corpus", len(diags.Errors()))
	}
	if len(diags) > 0 {
		t.Errorf("check found %d warnings in the corpus; it should be clean", len(diags))
	}
}

func TestWriteCounts(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"areas": 6, "countries": 11, "practices": 160, "profiles": 40}
	for folder, n := range want {
		entries, err := os.ReadDir(filepath.Join(dir, folder))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != n {
			t.Errorf("%s: %d files, want %d", folder, len(entries), n)
		}
	}
	orgs, _ := os.ReadDir(filepath.Join(dir, "organisations"))
	if len(orgs) < 40 || len(orgs) > 60 {
		t.Errorf("%d organisations, want about 50", len(orgs))
	}
}

func TestBodySize(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 50, 7); err != nil {
		t.Fatal(err)
	}
	for _, folder := range []string{"practices", "profiles"} {
		files, _ := filepath.Glob(filepath.Join(dir, folder, "*.md"))
		total := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
			total += len(body)
		}
		if avg := total / len(files); avg < 6000 || avg > 8500 {
			t.Errorf("%s: average body %d bytes, want about 7 KB", folder, avg)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b, other := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed int64
	}{{a, 42}, {b, 42}, {other, 43}} {
		if err := corpus.Write(w.dir, 30, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !sameTree(t, a, b) {
		t.Error("two corpora written with the same seed differ")
	}
	if sameTree(t, a, other) {
		t.Error("corpora written with different seeds are identical")
	}
}

func TestWriteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Write(dir, 1, 1); err == nil {
		t.Error("Write into a non-empty folder succeeded")
	}
}

// sameTree reports whether two folders hold the same files with the same
// bytes.
func sameTree(t *testing.T, a, b string) bool {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[rel] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	fa, fb := read(a), read(b)
	if len(fa) != len(fb) {
		return false
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			return false
		}
	}
	return true
}
