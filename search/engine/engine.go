// Package engine holds the browser's search engine, compiled ahead of time
// and embedded in the polisee binary, so that building a site needs no Go
// toolchain, source tree or network: package search/wasm (package search
// with a JavaScript interface) compiled to WebAssembly, its brotli and
// gzip forms, and the Go runtime's loader script of the same Go version.
//
// The files are build output of polisee's own code, written by
//
//	go generate ./search/engine
//
// (see gen), with the Go version of go.mod's toolchain line; CI generates
// them again and fails when they differ from the committed ones.
package engine

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"sync"
)

//go:generate go run ./gen

var (
	//go:embed search.wasm
	wasm []byte
	//go:embed search.wasm.gz
	wasmGz []byte
	//go:embed search.wasm.br
	wasmBr []byte
	//go:embed wasm_exec.js
	execJS []byte
)

// Engine is the compiled engine.
type Engine struct {
	Wasm           []byte // search.wasm
	WasmGz, WasmBr []byte // the same, compressed at the best levels
	ExecJS         []byte // wasm_exec.js, the Go runtime's loader
}

// Get returns the engine. The slices are shared: do not change them.
func Get() Engine {
	return Engine{Wasm: wasm, WasmGz: wasmGz, WasmBr: wasmBr, ExecJS: execJS}
}

// Hash identifies the engine: the first 16 hexadecimal digits of the
// SHA-256 of search.wasm.
var Hash = sync.OnceValue(func() string {
	sum := sha256.Sum256(wasm)
	return hex.EncodeToString(sum[:8])
})
