package benchkit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search"
	"github.com/clusterpolisee/polisee/search/engine"
)

// Engine is the browser search engine the polisee binary carries, for
// the tools that build a site in-process with generator.Build.
func Engine() *generator.SearchEngine {
	e := engine.Get()
	return &generator.SearchEngine{Wasm: e.Wasm, ExecJS: e.ExecJS, WasmGz: e.WasmGz, WasmBr: e.WasmBr}
}

// SearchFiles are the paths, from the site's root and without a leading
// slash, of the files polisee's browser search loads, e.g.
// search/search.0123456789ab.wasm: their names carry a hash of their
// content. Wasm and ExecJS are "" in a site built without the engine.
// Loader is the site's script that starts the engine (search-engine.js,
// content-named in the search folder since the search page names it in
// data-loader; assets/search-engine.js before). Worker is the worker's
// script the search page names (data-worker), which carries wasm_exec.js
// and search-engine.js before its own code; "" in sites from before it
// was named.
//
// Sections is the sections' index the search page names (data-sections),
// which it fetches only after its first results are shown; "" when none.
//
// Head is the head of the index in parts that the page opens over http
// (data-head), in the folder of the parts; "" when the site has none.
type SearchFiles struct {
	Wasm, ExecJS, Index, Loader string
	Worker, Sections            string
	Head                        string
}

// URLs are the files' addresses on a server of the site's root, for the
// scripts run in the browser.
// A site whose index comes in parts has its head as the index, and the
// parts' folder as parts ("" for a whole index).
func (f SearchFiles) URLs() map[string]string {
	u := map[string]string{"wasm": "/" + f.Wasm, "exec": "/" + f.ExecJS, "index": "/" + f.Index, "loader": "/" + f.Loader, "parts": ""}
	if f.Head != "" {
		u["index"], u["parts"] = "/"+f.Head, "/"+path.Dir(f.Head)+"/"
	}
	return u
}

// searchMeta is what PoliseeFiles reads of search/meta.json.
type searchMeta struct {
	Format int    `json:"format"`
	Index  string `json:"index"`
	Engine string `json:"engine"`
}

// PoliseeFiles finds the search files of the site built into public:
// the index and the engine that search/meta.json names, and the loader
// script that the default language's search page names in its search.js
// tag (data-exec), which must load the same engine and index (data-wasm,
// data-index). A site of an earlier format, without names in meta.json,
// has search.wasm, wasm_exec.js and index.zap. The error wraps
// fs.ErrNotExist when the site has no search index.
func PoliseeFiles(public string) (SearchFiles, error) {
	dir := filepath.Join(public, generator.SearchDir)
	data, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return SearchFiles{}, err
	}
	var meta searchMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return SearchFiles{}, fmt.Errorf("%s/meta.json: %w", generator.SearchDir, err)
	}
	f := SearchFiles{Index: meta.Index}
	if f.Index == "" {
		f.Index = search.IndexFile
	}
	f.Index = path.Join(generator.SearchDir, f.Index)
	switch {
	case meta.Engine != "":
		f.Wasm = path.Join(generator.SearchDir, meta.Engine)
	case meta.Format < 3:
		f.Wasm = path.Join(generator.SearchDir, "search.wasm")
	}
	page, err := scriptFiles(filepath.Join(dir, "index.html"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return SearchFiles{}, err
	}
	if page.ExecJS != "" {
		f.ExecJS = page.ExecJS
	} else if f.Wasm != "" {
		f.ExecJS = path.Join(generator.SearchDir, "wasm_exec.js")
	}
	f.Sections, f.Worker, f.Head = page.Sections, page.Worker, page.Head
	if f.Loader = page.Loader; f.Loader == "" && f.Wasm != "" {
		f.Loader = "assets/search-engine.js" // before the search page named it
	}
	if page.Wasm != "" && page.Wasm != f.Wasm || page.Index != "" && page.Index != f.Index {
		return SearchFiles{}, fmt.Errorf("the search page loads %s and %s, %s/meta.json names %s and %s",
			page.Wasm, page.Index, generator.SearchDir, f.Wasm, f.Index)
	}
	if f.Wasm != "" {
		for _, p := range []string{f.Wasm, f.ExecJS, f.Loader, f.Worker} {
			if p == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(p))); err != nil {
				return SearchFiles{}, fmt.Errorf("the engine's file: %w", err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(f.Index))); err != nil {
		return SearchFiles{}, fmt.Errorf("the index: %w", err)
	}
	if f.Head != "" {
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(f.Head))); err != nil {
			return SearchFiles{}, fmt.Errorf("the head of the index in parts: %w", err)
		}
	}
	return f, nil
}

// PartsSize is the size of the index in parts whose head is head: the
// head and every part in its folder (their .br files, or brotli made
// here), and the number of parts.
func PartsSize(head string) (Size, int, error) {
	entries, err := os.ReadDir(filepath.Dir(head))
	if err != nil {
		return Size{}, 0, err
	}
	var total Size
	n := 0
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || !e.Type().IsRegular() {
			continue
		}
		s, err := FileSize(filepath.Join(filepath.Dir(head), name))
		if err != nil {
			return Size{}, 0, err
		}
		total = total.Add(s)
		n++
	}
	return total, n - 1, nil
}

// scriptFiles reads the data-wasm, data-exec, data-loader, data-worker,
// data-index and data-sections attributes of the first script element of
// a page that has data-wasm.
func scriptFiles(page string) (SearchFiles, error) {
	data, err := os.ReadFile(page)
	if err != nil {
		return SearchFiles{}, err
	}
	z := html.NewTokenizer(strings.NewReader(string(data)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return SearchFiles{}, nil // no engine named: an earlier format, or none
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data != "script" {
				continue
			}
			var f SearchFiles
			for _, a := range t.Attr {
				switch a.Key {
				case "data-wasm":
					f.Wasm = a.Val
				case "data-exec":
					f.ExecJS = a.Val
				case "data-index":
					f.Index = a.Val
				case "data-loader":
					f.Loader = a.Val
				case "data-sections":
					f.Sections = a.Val
				case "data-worker":
					f.Worker = a.Val
				case "data-head":
					f.Head = a.Val
				}
			}
			if f.Wasm != "" {
				return f, nil
			}
		}
	}
}
