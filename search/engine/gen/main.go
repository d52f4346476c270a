// Command gen compiles the browser's search engine (package search/wasm)
// to WebAssembly and writes it, with the Go runtime's loader script and
// the engine's brotli and gzip forms, into package engine's folder, where
// go:embed puts them into the polisee binary. Run it through
//
//	go generate ./search/engine
//
// from the module's root; with -sizes (go run ./search/engine/gen
// -sizes) it writes nothing and reports what takes the engine's space,
// package by package. It refuses any Go version but the one go.mod's
// toolchain line names, so that regenerating gives the same bytes; CI
// regenerates the engine and fails when the committed files differ.
//
// bleve's util package imports go.etcd.io/bbolt, which does not compile
// for js/wasm. The compilation uses a temporary copy of go.mod (-modfile)
// that replaces bbolt with ../bboltstub, a module of polisee's own whose
// functions all fail: the engine never opens a bolt file. It replaces
// github.com/json-iterator/go the same way, with ../jsoniterstub, which
// answers with encoding/json: bleve's geo packages use it for GeoJSON
// shapes, which polisee's index never holds. The module's own go.mod,
// and every native build, keep the real modules.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/clusterpolisee/polisee/generator/output"
)

// Paths, from the module's root.
const (
	enginePkg = "./search/wasm"
	outDir    = "search/engine"
)

// stubs replace modules in the engine's build only: bbolt does not
// compile for js/wasm, and json-iterator would add about 0.1 MB that no
// query uses (see each stub's go.mod). Paths are from the module's root.
var stubs = []struct{ module, dir string }{
	{"go.etcd.io/bbolt", "./search/engine/bboltstub"},
	{"github.com/json-iterator/go", "./search/engine/jsoniterstub"},
}

var sizes = flag.Bool("sizes", false, "write nothing: build the engine with its function names and report what takes its space, package by package")

func main() {
	flag.Parse()
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "search/engine/gen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	want := regexp.MustCompile(`(?m)^toolchain\s+(\S+)\s*$`).FindSubmatch(goMod)
	if want == nil {
		return fmt.Errorf("go.mod has no toolchain line: the engine is generated with the toolchain it names")
	}
	have, err := goEnv(ctx, root, "GOVERSION")
	if err != nil {
		return err
	}
	if have != string(want[1]) {
		return fmt.Errorf("this is %s; the engine is generated with %s (go.mod's toolchain line), so that the same source gives the same bytes: run GOTOOLCHAIN=%s go generate ./search/engine", have, want[1], want[1])
	}
	goroot, err := goEnv(ctx, root, "GOROOT")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "polisee-engine-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// The temporary go.mod differs from the module's by the stubs'
	// replacements only. A relative replacement path is read from the
	// module's root, and is recorded as written in the engine's build
	// information, so the bytes do not depend on where the source is.
	modfile := filepath.Join(tmp, "engine.mod")
	mod := append([]byte(nil), goMod...)
	for _, s := range stubs {
		mod = fmt.Appendf(mod, "\nreplace %s => %s\n", s.module, s.dir)
	}
	if err := os.WriteFile(modfile, mod, 0o644); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "engine.sum"), sum, 0o644); err != nil {
		return err
	}
	if *sizes {
		// The same build, but with the function names kept.
		wasmFile, err := compile(ctx, root, modfile, tmp, "-ldflags=-buildid=")
		if err != nil {
			return err
		}
		return reportSizes(ctx, root, modfile, wasmFile, os.Stdout)
	}
	wasmFile, err := compile(ctx, root, modfile, tmp, "-ldflags=-s -w -buildid=")
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(wasmFile)
	if err != nil {
		return err
	}
	execJS, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return fmt.Errorf("the Go runtime's loader script: %w", err)
	}
	// Brotli's largest window (16 MB): the engine is 4.9 MB, and its
	// repeats farther apart than the default 4 MB window took 1.1 KB more.
	gz, br, err := output.PrecompressWith(wasm, brotli.WriterOptions{Quality: output.BrotliBest, LGWin: 24})
	if err != nil {
		return err
	}
	dir := filepath.Join(root, outDir)
	for name, data := range map[string][]byte{
		"search.wasm": wasm, "search.wasm.gz": gz, "search.wasm.br": br, "wasm_exec.js": execJS,
	} {
		if err := writeIfChanged(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "search engine: %d bytes, %d gzip, %d brotli\n", len(wasm), len(gz), len(br))
	return nil
}

// compile builds the engine into dir with the given -ldflags, and returns
// the file's path.
func compile(ctx context.Context, root, modfile, dir, ldflags string) (string, error) {
	wasmFile := filepath.Join(dir, "search.wasm")
	cmd := exec.CommandContext(ctx, "go", "build", "-modfile="+modfile, "-trimpath", "-buildvcs=false",
		ldflags, "-o", wasmFile, enginePkg)
	cmd.Dir = root
	cmd.Env = engineEnv()
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("compile the engine: %w", err)
	}
	return wasmFile, nil
}

// engineEnv is the environment of the engine's build.
func engineEnv() []string {
	return append(cleanEnv(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=", "GOWASM=")
}

// cleanEnv is the environment without the settings that would change
// what go build writes.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOWASM", "GOEXPERIMENT", "GOWORK":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOWORK=off")
}

func goEnv(ctx context.Context, dir, name string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot is the folder of polisee's go.mod, above the working folder
// (go generate runs this in search/engine).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module github.com/clusterpolisee/polisee\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("polisee's go.mod not found above the working folder; run go generate ./search/engine from the source tree")
		}
		dir = parent
	}
}

func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
