package model

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// TestDirFSLoadsAsOsDirFS: a generated corpus (and a file with a byte
// order mark, and an empty one) loaded through DirFS gives the items,
// bodies and messages os.DirFS gives.
func TestDirFSLoadsAsOsDirFS(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 300, 5); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "areas", "bom.md"), []byte("\ufeff---\ntitle: With a mark\nshort: Mark\norder: 9\n---\nBody after a mark.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "areas", "empty.md"), nil, 0o644)
	want, wantDiags := Load(os.DirFS(dir), Options{Root: "content", BodiesOnDisk: true})
	fast := DirFS(dir)
	got, gotDiags := Load(fast, Options{Root: "content", BodiesOnDisk: true})
	if w, g := fmt.Sprint(wantDiags.Err()), fmt.Sprint(gotDiags.Err()); w != g || !strings.Contains(g, "empty.md") {
		t.Fatalf("messages through DirFS:\n%s\nthrough os.DirFS:\n%s", g, w)
	}
	if len(got.Items) != len(want.Items) || len(got.Items) < 300 {
		t.Fatalf("%d items through DirFS, %d through os.DirFS", len(got.Items), len(want.Items))
	}
	var buf []byte
	for i, it := range got.Items {
		w := want.Items[i]
		if it.Path != w.Path || it.Title != w.Title || !reflect.DeepEqual(it.data, w.data) || !reflect.DeepEqual(it.FieldPos, w.FieldPos) {
			t.Fatalf("%s: %q %v, through os.DirFS %s: %q %v", it.Path, it.Title, it.data, w.Path, w.Title, w.data)
		}
		body, err := it.ReadBodyInto(fast, &buf)
		if err != nil {
			t.Fatal(err)
		}
		wbody, err := w.ReadBody(os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, wbody) {
			t.Fatalf("%s: body %q, through os.DirFS %q", it.Path, body, wbody)
		}
	}
}

// TestDirFSFileChanged: a file that grew past its listed size is read
// whole (on past the room the buffer leaves), one that grew past the
// limit is refused, and a body whose file grew or shrank since the load
// is refused, as through os.DirFS.
func TestDirFSFileChanged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.md")
	write := func(s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := "---\ntitle: X\n---\n" + strings.Repeat("word ", 400)
	write(long)
	var into bytes.Buffer
	for _, listed := range []int64{2, int64(len(long)) - 100, int64(len(long)), int64(len(long)) + 50} {
		got, err := readCapped(DirFS(dir), "x.md", listed, 1<<20, &into)
		if err != nil || string(got) != long {
			t.Errorf("listed at %d bytes: read %d bytes (%v), want %d", listed, len(got), err, len(long))
		}
	}
	if _, err := readCapped(DirFS(dir), "x.md", 2, 1000, nil); err == nil || !strings.Contains(err.Error(), "larger than the limit") {
		t.Errorf("a file grown past the limit: %v", err)
	}

	write("---\ntitle: X\nshort: X\norder: 1\n---\nBody.\n")
	if err := os.MkdirAll(filepath.Join(dir, "c", "areas"), 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "c")
	if err := os.Rename(p, filepath.Join(site, "areas", "x.md")); err != nil {
		t.Fatal(err)
	}
	c, diags := Load(DirFS(site), Options{BodiesOnDisk: true})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	it := c.Lookup("areas", "x")
	if body, err := it.ReadBody(DirFS(site)); err != nil || string(body) != "Body.\n" {
		t.Fatalf("body %q (%v)", body, err)
	}
	for _, change := range []string{"---\ntitle: X\nshort: X\norder: 1\n---\nBody.\nMore.\n", "---\ntitle: X\n---\n"} {
		os.WriteFile(filepath.Join(site, "areas", "x.md"), []byte(change), 0o644)
		if _, err := it.ReadBody(DirFS(site)); err == nil || !strings.Contains(err.Error(), "changed while the site was being built") {
			t.Errorf("after the file became %q: %v", change, err)
		}
	}
}
