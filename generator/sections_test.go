package generator_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search"
	"github.com/clusterpolisee/polisee/search/engine"
)

// withEngine is the browser engine the binary carries, for a build that
// writes the search page's files.
func withEngine() *generator.SearchEngine {
	e := engine.Get()
	return &generator.SearchEngine{Wasm: e.Wasm, ExecJS: e.ExecJS, WasmGz: e.WasmGz, WasmBr: e.WasmBr}
}

// A build writes the index of the pages' sections beside the pages'
// index, named by its content, and its pages name it; hits found through
// both name the section that holds the words.
func TestBuildWritesSectionsIndex(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), SrcRoot: "content", Out: out, Engine: withEngine()}); err != nil {
		t.Fatal(err)
	}
	var meta struct{ Index, Sections string }
	data, err := os.ReadFile(filepath.Join(out, "search", "meta.json"))
	if err == nil {
		err = json.Unmarshal(data, &meta)
	}
	if err != nil || meta.Sections == "" {
		t.Fatalf("meta.json names no sections' index: %+v, %v", meta, err)
	}
	page := read(t, out, "practices/mi-cluster/index.html")
	contains(t, page, `data-sections="search/`+meta.Sections+`"`, "the page names the sections' index")
	for _, name := range []string{meta.Sections, meta.Sections + ".br", meta.Sections + ".gz"} {
		if _, err := os.Stat(filepath.Join(out, "search", name)); err != nil {
			t.Errorf("search/%s: %v", name, err)
		}
	}
	ix, err := search.Open(builtIndex(t, out))
	if err != nil {
		t.Fatal(err)
	}
	sections, err := os.ReadFile(filepath.Join(out, "search", meta.Sections))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.OpenSections(sections); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), search.Request{Query: "growth", Langs: []string{"en"}})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Anchor != "evidence-of-success" || res.Hits[0].Section != "Evidence of success" {
		t.Errorf("growth: %+v, %v; want mi-Cluster in its section Evidence of success", res, err)
	}
	if err := ix.OpenSections(sections[:len(sections)/2]); err == nil {
		t.Errorf("half a sections' index opened without an error")
	}
}

// serve renders its pages before their index: they name the sections'
// index by its fixed name, which the index step then writes.
func TestPreviewNamesSectionsIndex(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	p := generator.NewPreview(generator.Config{Src: site(t, base), SrcRoot: "content", Out: out, Engine: withEngine()})
	ctx := context.Background()
	if _, err := p.Build(ctx, generator.Change{}); err != nil {
		t.Fatal(err)
	}
	contains(t, read(t, out, "practices/mi-cluster/index.html"), `data-sections="search/sections.zap"`, "the preview's page names the sections' index")
	if err := p.Index(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "search", "sections.zap")); err != nil {
		t.Errorf("the preview wrote no sections' index: %v", err)
	}
}
