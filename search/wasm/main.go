//go:build js && wasm

// Command wasm is the search engine of the site's search page: package
// search compiled to WebAssembly. It exposes one global object, polisee,
// with two functions:
//
//	polisee.open(bytes: Uint8Array): string         // "" or an error message
//	polisee.search(query: string, langs: string, n: number, shown?: string): string // JSON
//
// langs are the languages whose analyzers read the query, comma-separated,
// the reader's first; shown, when given, is the language of the pages
// searched (search.Request.Shown).
// search returns {"total", "hits", "facets"} as package search's Result, or
// {"error": message} for a bad query.
package main

import (
	"context"
	"encoding/json"
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
	opened, err := search.Open(data)
	if err != nil {
		return err.Error()
	}
	if ix != nil {
		ix.Close()
	}
	ix = opened
	return ""
}

func find(_ js.Value, args []js.Value) any {
	if ix == nil {
		return errorJSON("the search index is not open")
	}
	if len(args) < 3 {
		return errorJSON("search takes a query, languages and a count")
	}
	var langs []string
	if l := args[1].String(); l != "" {
		langs = strings.Split(l, ",")
	}
	shown := ""
	if len(args) > 3 && args[3].Type() == js.TypeString {
		shown = args[3].String()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := ix.Search(ctx, search.Request{Query: args[0].String(), Langs: langs, Size: args[2].Int(), Shown: shown})
	if err != nil {
		return errorJSON(err.Error())
	}
	out, err := json.Marshal(res)
	if err != nil {
		return errorJSON(err.Error())
	}
	return string(out)
}

func errorJSON(msg string) string {
	out, _ := json.Marshal(map[string]string{"error": msg})
	return string(out)
}

func main() {
	js.Global().Set("polisee", js.ValueOf(map[string]any{
		"open":   js.FuncOf(open),
		"search": js.FuncOf(find),
	}))
	select {} // keep the functions alive
}
