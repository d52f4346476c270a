package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestReadModule: the reader finds every defined function's body, their
// names, and the data, in a small program compiled to WebAssembly.
func TestReadModule(t *testing.T) {
	dir := t.TempDir()
	src := "package main\n\nfunc main() { println(helloFromTest(3)) }\n\n//go:noinline\nfunc helloFromTest(n int) int { return n * 7 }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.org/hello\n\ngo 1.21\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wasm := filepath.Join(dir, "hello.wasm")
	cmd := exec.Command("go", "build", "-o", wasm, ".")
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	m, err := readModule(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.bodies) < 100 || m.data == 0 {
		t.Fatalf("%d functions and %d bytes of data: too few for a Go program", len(m.bodies), m.data)
	}
	found := false
	for i, size := range m.bodies {
		if name := m.names[m.imported+i]; name == "main.helloFromTest" {
			found = size > 0
		}
	}
	if !found {
		t.Error("main.helloFromTest is not among the named functions")
	}
	if wasmName("github.com/a-b/c.(*T).M") != "github.com_a_b_c.__T_.M" {
		t.Errorf("wasmName = %q", wasmName("github.com/a-b/c.(*T).M"))
	}
	// Cut anywhere, the module gives an error, not a panic.
	for _, n := range []int{0, 7, 9, 100, len(data) / 2, len(data) - 1} {
		if _, err := readModule(data[:n]); err == nil {
			t.Errorf("the module cut at %d bytes read without an error", n)
		}
	}
}
