// Package wasmbuild is left for the tools that still call it: it returns
// the engine built into the program (package search/engine). It is to be
// removed.
package wasmbuild

import (
	"context"

	"github.com/clusterpolisee/polisee/search/engine"
)

// Engine is the compiled search engine and the Go runtime's loader script.
type Engine struct {
	Wasm, ExecJS, WasmGz, WasmBr []byte
}

// Build returns the embedded engine.
func Build(context.Context, func(format string, args ...any)) (*Engine, error) {
	e := engine.Get()
	return &Engine{Wasm: e.Wasm, ExecJS: e.ExecJS, WasmGz: e.WasmGz, WasmBr: e.WasmBr}, nil
}
