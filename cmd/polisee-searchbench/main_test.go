package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
