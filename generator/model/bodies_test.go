package model

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// TestBodiesOnDisk: with BodiesOnDisk an item holds no body; ReadBody
// reads the same bytes Load would have kept (after a byte order mark
// too, and a translation's through its localized item), and refuses a
// file that changed since it was loaded, saying so.
func TestBodiesOnDisk(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":              {Data: []byte("title: S\nlanguages: [en, el]\n")},
		"areas/innovation.md":    {Data: []byte("\ufeff---\ntitle: Innovation\nshort: Inno\norder: 1\n---\nEnglish text.\n\n## Part\n")},
		"areas/innovation.el.md": {Data: []byte("---\ntitle: Καινοτομία\nshort: Καιν.\n---\nΕλληνικό κείμενο.\n")},
		"areas/skills.md":        {Data: []byte("---\ntitle: Skills\nshort: Skills\norder: 2\n---\n")},
	}
	kept, onDisk := loadBothWays(t, fsys)
	items := append(append([]*Item(nil), onDisk.Items...), onDisk.Translations...)
	items = append(items, onDisk.Localized("el").Items...)
	want := map[string]string{}
	for _, it := range append(append(kept.Items, kept.Translations...), kept.Localized("el").Items...) {
		want[it.Path+" "+it.Lang] = string(it.Body)
	}
	for _, it := range items {
		if it.Body != nil {
			t.Errorf("%s holds its body in memory", it.Path)
		}
		got, err := it.ReadBody(fsys)
		if err != nil {
			t.Fatalf("%s: %v", it.Path, err)
		}
		if string(got) != want[it.Path+" "+it.Lang] {
			t.Errorf("%s (%s): body %q, want %q", it.Path, it.Lang, got, want[it.Path+" "+it.Lang])
		}
	}
	for _, change := range []string{
		"\ufeff---\ntitle: Innovation\nshort: Inno\norder: 1\n---\nEnglish text?\n\n## Part\n", // same size
		"\ufeff---\ntitle: Innovation\nshort: Inno\norder: 1\n---\nEnglish text, longer.\n\n## Part\n",
		"---\n",
	} {
		fsys["areas/innovation.md"] = &fstest.MapFile{Data: []byte(change)}
		_, err := onDisk.Lookup("areas", "innovation").ReadBody(fsys)
		if err == nil || !strings.Contains(err.Error(), "changed while the site was being built") || !strings.Contains(err.Error(), "build again") {
			t.Errorf("after the file changed to %q: %v, want it refused", change, err)
		}
	}
	delete(fsys, "areas/innovation.md")
	if _, err := onDisk.Lookup("areas", "innovation").ReadBody(fsys); err == nil {
		t.Error("a removed file's body was read")
	}
}

// TestBodiesOnDiskReuseNoFileBytes: with BodiesOnDisk the files are read
// into buffers that serve file after file (loadItem); every item of a
// generated corpus has the same front matter, positions and titles as
// when each file keeps its own bytes, so nothing an item keeps points
// into a buffer used again.
func TestBodiesOnDiskReuseNoFileBytes(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 400, 3); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	kept, onDisk := loadBothWays(t, fsys)
	if len(onDisk.Items) != len(kept.Items) || len(kept.Items) < 400 {
		t.Fatalf("%d items on disk, %d kept", len(onDisk.Items), len(kept.Items))
	}
	for i, it := range onDisk.Items {
		k := kept.Items[i]
		if it.Path != k.Path || it.Title != k.Title || it.Summary != k.Summary || it.SortKey != k.SortKey {
			t.Fatalf("%s: title %q summary %q, kept %s: %q %q", it.Path, it.Title, it.Summary, k.Path, k.Title, k.Summary)
		}
		if !reflect.DeepEqual(it.data, k.data) || !reflect.DeepEqual(it.FieldPos, k.FieldPos) {
			t.Fatalf("%s: front matter %v, kept %v", it.Path, it.data, k.data)
		}
	}
}

// loadBothWays loads fsys with its bodies kept in memory and with them
// left on disk.
func loadBothWays(t *testing.T, fsys fs.FS) (kept, onDisk *Content) {
	t.Helper()
	kept, diags := Load(fsys, Options{Root: "content"})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	onDisk, diags = Load(fsys, Options{Root: "content", BodiesOnDisk: true})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return kept, onDisk
}
