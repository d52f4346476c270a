package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/search"
)

// The benchmark times search.Build on generator.SearchDocuments; they must
// give the index the build ships, or it times another index.
func TestSearchDocumentsMatchGenerator(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "public")
	cfg := generator.Config{Src: content.Starter(), SrcRoot: "content", Out: out}
	if _, err := generator.Build(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	docs, err := generator.SearchDocuments(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := search.Build(ctx, docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files, err := benchkit.PoliseeFiles(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(files.Index)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("generator.SearchDocuments gives another index than the build's")
	}
}

// -index-parts takes polisee build's words for generator.Config.IndexParts.
func TestIndexPartsFlag(t *testing.T) {
	for word, want := range map[string]string{"auto": generator.IndexPartsBySize, "always": generator.IndexPartsAlways, "never": generator.IndexPartsNever} {
		o, err := parseFlags([]string{"-index-parts", word}, io.Discard)
		if err != nil || o.parts != want {
			t.Errorf("-index-parts %s: parts %q, %v; want %q", word, o.parts, err, want)
		}
	}
	if o, err := parseFlags(nil, io.Discard); err != nil || o.parts != generator.IndexPartsBySize {
		t.Errorf("no -index-parts: parts %q, %v; want by size", o.parts, err)
	}
	if _, err := parseFlags([]string{"-index-parts", "sometimes"}, io.Discard); err == nil || !strings.Contains(err.Error(), "sometimes") {
		t.Errorf("-index-parts sometimes: error %v, want one naming the word", err)
	}
}
