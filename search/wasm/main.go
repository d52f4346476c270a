//go:build js && wasm

// Command wasm is the search engine of the site's search page: package
// search compiled to WebAssembly. It exposes one global object, polisee,
// with five functions:
//
//	polisee.open(bytes: Uint8Array): string // "" or an error message
//	polisee.addPart(name: string, bytes: Uint8Array): string // "" or an error message
//	polisee.bundles(): string[] // parts worth fetching once the first results are shown
//	polisee.sections(bytes: Uint8Array): string // the sections' index, once open
//	polisee.search(query: string, langs: string, n: number, shown?: string, sort?: string, exact?: boolean, noSections?: boolean): object
//
// open takes the whole index (index.HASH.zap) or the head of the index
// in parts (search.OpenParts). On an index in parts, search answers
// {need: [names]} when the query reads parts not added yet: fetch each
// from the parts' folder, add it with addPart, and search again
// (polisee_search in search-engine.js does this). bundles names the
// parts that hold the stored fields of every hit (search.Index.Bundles),
// where the build wrote them: fetched and added after the first results
// (polisee_prefetch), they spare later queries a fetch per hit.
//
// langs are the languages whose analyzers read the query, comma-separated,
// the reader's first; shown, when given, is the language of the pages
// searched (search.Request.Shown); sort is relevance, date or title
// (search.Request.Sort); exact leaves out the other names of glossary
// terms; noSections leaves the hits without their sections
// (search.Request.NoSections). search returns an object shaped as package search's Result in
// JSON ({total, hits, facets, near, suggestion, partial}; a hit's section
// and anchor once the sections are open), or {error} for a bad query.
package main

import (
	"context"
	"errors"
	"strings"
	"syscall/js"
	"time"

	"github.com/clusterpolisee/polisee/search"
)

var ix *search.Index

func open(_ js.Value, args []js.Value) any {
	if len(args) != 1 {
		return "open takes the index bytes"
	}
	data := make([]byte, args[0].Get("length").Int())
	js.CopyBytesToGo(data, args[0])
	openIndex := search.Open
	if search.IsPartsHead(data) {
		openIndex = search.OpenParts
	}
	opened, err := openIndex(data)
	if err != nil {
		return err.Error()
	}
	if ix != nil {
		ix.Close()
	}
	ix = opened
	return ""
}

// addPart adds a part of an index in parts.
func addPart(_ js.Value, args []js.Value) any {
	return addToIndex(args, 2, "addPart takes a part's name and bytes", func(data []byte) error {
		return ix.AddPart(args[0].String(), data)
	})
}

// bundles names the parts to fetch after the first results
// (Index.Bundles).
func bundles(_ js.Value, _ []js.Value) any {
	out := []any{}
	if ix != nil {
		for _, b := range ix.Bundles() {
			out = append(out, b)
		}
	}
	return out
}

// openSections adds the index of the pages' sections to the open index.
func openSections(_ js.Value, args []js.Value) any {
	return addToIndex(args, 1, "sections takes the sections' index bytes", func(data []byte) error {
		return ix.OpenSections(data)
	})
}

// addToIndex checks that an index is open and that there are n
// arguments, and gives add the bytes of the last; it returns "" or an
// error message.
func addToIndex(args []js.Value, n int, usage string, add func(data []byte) error) any {
	if ix == nil {
		return "the search index is not open"
	}
	if len(args) != n {
		return usage
	}
	data := make([]byte, args[n-1].Get("length").Int())
	js.CopyBytesToGo(data, args[n-1])
	if err := add(data); err != nil {
		return err.Error()
	}
	return ""
}

func find(_ js.Value, args []js.Value) any {
	if ix == nil {
		return errorValue("the search index is not open")
	}
	if len(args) < 3 {
		return errorValue("search takes a query, languages and a count")
	}
	var langs []string
	if l := args[1].String(); l != "" {
		langs = strings.Split(l, ",")
	}
	shown, sort, exact := "", "", false
	if len(args) > 3 && args[3].Type() == js.TypeString {
		shown = args[3].String()
	}
	if len(args) > 4 && args[4].Type() == js.TypeString {
		sort = args[4].String()
	}
	if len(args) > 5 && args[5].Type() == js.TypeBoolean {
		exact = args[5].Bool()
	}
	noSections := len(args) > 6 && args[6].Type() == js.TypeBoolean && args[6].Bool()
	ctx := deadline{Context: context.Background(), at: time.Now().Add(10 * time.Second)}
	res, err := ix.Search(ctx, search.Request{Query: args[0].String(), Langs: langs, Size: args[2].Int(), Shown: shown, Sort: sort, Exact: exact, NoSections: noSections})
	var need *search.NeedError
	if errors.As(err, &need) {
		names := make([]any, len(need.Parts))
		for i, n := range need.Parts {
			names[i] = n
		}
		return js.ValueOf(map[string]any{"need": names})
	}
	if err != nil {
		return errorValue(err.Error())
	}
	return resultValue(res)
}

// deadline is a context that expires at a time, checked when asked
// (package search checks Err; nothing waits on Done). context.WithTimeout
// would do the same with a timer and cancellation, which brought 82 KB
// of code and data into the engine (11 KB brotli).
type deadline struct {
	context.Context
	at time.Time
}

func (d deadline) Deadline() (time.Time, bool) { return d.at, true }

func (d deadline) Err() error {
	if time.Now().After(d.at) {
		return context.DeadlineExceeded
	}
	return nil
}

// resultValue is the result as a JavaScript object: its JSON
// (Result.AppendJSON), read by JavaScript's JSON.parse in one call.
func resultValue(res *search.Result) js.Value {
	return js.Global().Get("JSON").Call("parse", string(res.AppendJSON(nil)))
}

func errorValue(msg string) js.Value {
	return js.ValueOf(map[string]any{"error": msg})
}

func main() {
	js.Global().Set("polisee", js.ValueOf(map[string]any{
		"open":     js.FuncOf(open),
		"addPart":  js.FuncOf(addPart),
		"bundles":  js.FuncOf(bundles),
		"sections": js.FuncOf(openSections),
		"search":   js.FuncOf(find),
	}))
	select {} // keep the functions alive
}
