package engine

import (
	"bytes"
	"io"
	"testing"

	"github.com/andybalholm/brotli"
)

// maxBrotli is the browser engine's budget: the bytes a reader downloads
// once, before the first search, from a host that serves search.wasm.br.
const maxBrotli = 1_000_000

// TestBrotliWithinBudget: the engine a site ships, in the form hosts
// send, is at most 1,000,000 bytes, and is the engine itself.
func TestBrotliWithinBudget(t *testing.T) {
	e := Get()
	if n := len(e.WasmBr); n > maxBrotli {
		t.Errorf("search.wasm.br is %d bytes, %d over the budget of %d: go run ./search/engine/gen -sizes reports what takes the space", n, n-maxBrotli, maxBrotli)
	}
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(e.WasmBr)))
	if err != nil || !bytes.Equal(got, e.Wasm) {
		t.Errorf("search.wasm.br is not search.wasm compressed (err %v)", err)
	}
}
