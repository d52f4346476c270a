package generator_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/themes"
)

// The scripts that start the engine are named by their content in the
// search folder, as the engine and the index are, so a returning reader's
// browser need not ask the host about them; the worker's file carries the
// Go runtime's loader and search-engine.js before its own code, so that
// it fetches nothing before it can start the engine. The worker fetches
// the engine and the index the page names: no page preloads them (a
// preload made the page's own start later, and reached the worker no
// sooner; see search.js).
func TestSearchPageNamesItsFilesByContent(t *testing.T) {
	for _, offline := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), SrcRoot: "content", Out: out, Engine: withEngine(), Offline: offline, IndexParts: generator.IndexPartsAlways}); err != nil {
			t.Fatal(err)
		}
		page := read(t, out, "search/index.html")
		tag := regexp.MustCompile(`<script src="\.\./assets/` + regexp.QuoteMeta(hashedAsset(t, out, "search.js")) + `"[^>]*>`).FindString(page)
		theme := func(name string) []byte {
			data, err := fs.ReadFile(themes.Default(), "static/"+name)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		worker := bytes.Join([][]byte{withEngine().ExecJS, theme("search-engine.js"), theme("search-worker.js")}, []byte("\n"))
		for _, s := range []struct {
			attr, theme string
			want        []byte
		}{{"data-worker", "search-worker.js", worker}, {"data-loader", "search-engine.js", theme("search-engine.js")}} {
			m := regexp.MustCompile(s.attr + `="(search/` + regexp.QuoteMeta(s.theme[:len(s.theme)-3]) + `\.[0-9a-f]{12}\.js)"`).FindStringSubmatch(tag)
			if m == nil {
				t.Errorf("offline=%v: the search script names no content-named %s in %s: %s", offline, s.theme, s.attr, tag)
				continue
			}
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m[1])))
			if err != nil {
				t.Error(err)
				continue
			}
			if !bytes.Equal(got, s.want) {
				t.Errorf("%s is not what the theme's %s should give", m[1], s.theme)
			}
		}
		wasm := regexp.MustCompile(`data-wasm="([^"]+)"`).FindStringSubmatch(tag)
		index := regexp.MustCompile(`data-index="([^"]+)"`).FindStringSubmatch(tag)
		if wasm == nil || index == nil {
			t.Fatalf("no engine or index named: %s", tag)
		}
		// Over http the page opens the index in parts: its head, named by
		// its content, with the parts' folder. An offline copy has none.
		head := regexp.MustCompile(`data-head="(search/parts/head\.[0-9a-f]{12}\.bin)" data-parts="search/parts/"`).FindStringSubmatch(tag)
		if offline != (head == nil) {
			t.Fatalf("offline=%v: the search script names the head of the index in parts as %v: %s", offline, head, tag)
		}
		if head != nil {
			index = head // what the page fetches
		}
		// The sections come in parts with the pages: the page names their
		// head, and the whole sections' index has no compressed copies,
		// which only a page would read.
		sections := regexp.MustCompile(`data-sections="([^"]+)"`).FindStringSubmatch(tag)
		if sections == nil {
			t.Fatalf("offline=%v: the search script names no sections: %s", offline, tag)
		}
		inParts := regexp.MustCompile(`^search/parts/sections\.[0-9a-f]{12}\.bin$`).MatchString(sections[1])
		if inParts == offline {
			t.Errorf("offline=%v: the page names the sections %s", offline, sections[1])
		}
		if inParts {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(sections[1]))); err != nil {
				t.Errorf("the sections' head: %v", err)
			}
			if br, _ := filepath.Glob(filepath.Join(out, "search", "sections.*.zap.br")); len(br) != 0 {
				t.Errorf("the whole sections' index has a compressed copy: %v", br)
			}
		}
		for _, name := range []string{wasm[1], index[1]} {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
				t.Errorf("offline=%v: the page names %s: %v", offline, name, err)
			}
		}
		notContains(t, page, `rel="preload"`, "the search page")
		notContains(t, read(t, out, "practices/mi-cluster/index.html"), `rel="preload"`, "a practice page")
	}
}

// TestIndexPartsBySize: a site's index comes in parts when it is larger
// than generator.PartsFrom, unless the build says always or never; the
// search page names the head only when there are parts.
func TestIndexPartsBySize(t *testing.T) {
	for _, c := range []struct {
		mode  string
		parts bool
	}{{generator.IndexPartsBySize, false}, {generator.IndexPartsAlways, true}, {generator.IndexPartsNever, false}} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), SrcRoot: "content", Out: out, Engine: withEngine(), IndexParts: c.mode}); err != nil {
			t.Fatal(err)
		}
		heads, _ := filepath.Glob(filepath.Join(out, "search", "parts", "head.*.bin"))
		page := read(t, out, "search/index.html")
		if c.parts != (len(heads) == 1) || c.parts != strings.Contains(page, "data-head=") {
			t.Errorf("IndexParts %q: heads %v, the page names one: %v; want parts: %v", c.mode, heads, strings.Contains(page, "data-head="), c.parts)
		}
		// Without parts the whole index comes compressed for the page.
		if _, err := os.Stat(filepath.Join(out, "search", "meta.json")); err != nil {
			t.Fatal(err)
		}
		zaps, _ := filepath.Glob(filepath.Join(out, "search", "index.*.zap.br"))
		if c.parts == (len(zaps) == 1) {
			t.Errorf("IndexParts %q: compressed whole index %v", c.mode, zaps)
		}
	}
	_, err := generator.Build(context.Background(), generator.Config{Src: site(t, base), SrcRoot: "content", Out: filepath.Join(t.TempDir(), "public"), Engine: withEngine(), IndexParts: "sometimes"})
	if err == nil || !strings.Contains(err.Error(), "sometimes") {
		t.Errorf("IndexParts \"sometimes\": %v", err)
	}
}
