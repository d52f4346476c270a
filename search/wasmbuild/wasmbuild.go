// Package wasmbuild compiles the browser's search engine (package
// search/wasm) to WebAssembly with the Go toolchain, and caches the
// result, so that `polisee build` ships a working search page from a fresh
// clone without committing a binary.
//
// bleve's scorch imports go.etcd.io/bbolt, which does not compile for
// js/wasm as released. The search engine never opens a bolt file, so a
// copy of bbolt's source is derived from the module cache into polisee's
// cache folder, its two Unix-only files are excluded from js, and a small
// file of no-op stand-ins is added. The copy is used through a go.work
// file that exists only for this compilation: the native build's module
// graph never sees it.
package wasmbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/clusterpolisee/polisee/generator/output"
)

// Module is the module path of polisee; its source must be on disk.
const Module = "github.com/clusterpolisee/polisee"

// patchVersion changes whenever the bbolt patch below changes.
const patchVersion = "1"

// Engine is the compiled search engine and the Go runtime's loader script.
type Engine struct {
	Wasm   []byte // search.wasm
	ExecJS []byte // wasm_exec.js, from the same Go toolchain
	// WasmGz and WasmBr are search.wasm compressed at the best levels,
	// once, and cached with it: sites ship them for hosts that serve
	// precompressed files.
	WasmGz, WasmBr []byte
}

// Build returns the engine, compiling it when the cache has none for the
// current source and toolchain. logf reports a compilation (it takes a
// minute on two cores).
func Build(ctx context.Context, logf func(format string, args ...any)) (*Engine, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, errors.New("the Go toolchain is needed to compile the browser search engine (install Go, or build with -no-browser-search)")
	}
	root, err := sourceRoot()
	if err != nil {
		return nil, err
	}
	env, err := goEnv(ctx, goBin, root)
	if err != nil {
		return nil, err
	}
	execJS, err := readExecJS(env.GOROOT)
	if err != nil {
		return nil, err
	}
	key, err := cacheKey(root, env.GOVERSION)
	if err != nil {
		return nil, err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	cache = filepath.Join(cache, "polisee")
	out := filepath.Join(cache, "wasm-"+key[:16], "search.wasm")
	if e, err := readCached(out); err == nil {
		e.ExecJS = execJS
		return e, nil
	}
	if logf != nil {
		logf("compiling the browser search engine (once per version; cached in %s)", filepath.Dir(out))
	}
	bolt, err := patchedBolt(ctx, goBin, root, cache)
	if err != nil {
		return nil, err
	}
	if err := compile(ctx, goBin, root, env.GoLine, bolt, out); err != nil {
		return nil, err
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	if logf != nil {
		logf("compressing the browser search engine (once)")
	}
	gz, br, err := output.Precompress(wasm, output.BrotliBest)
	if err != nil {
		return nil, err
	}
	// The compressed forms are written before they are read back as a
	// set; a half-written cache entry is simply redone.
	for name, data := range map[string][]byte{out + ".gz": gz, out + ".br": br} {
		if err := writeAtomic(name, data); err != nil {
			return nil, err
		}
	}
	return &Engine{Wasm: wasm, ExecJS: execJS, WasmGz: gz, WasmBr: br}, nil
}

func readCached(out string) (*Engine, error) {
	var e Engine
	for _, f := range []struct {
		name string
		into *[]byte
	}{{out, &e.Wasm}, {out + ".gz", &e.WasmGz}, {out + ".br", &e.WasmBr}} {
		data, err := os.ReadFile(f.name)
		if err != nil {
			return nil, err
		}
		*f.into = data
	}
	return &e, nil
}

func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// sourceRoot finds polisee's source: POLISEE_SOURCE, or the folder holding
// polisee's go.mod at or above the working directory.
func sourceRoot() (string, error) {
	if dir := os.Getenv("POLISEE_SOURCE"); dir != "" {
		return dir, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && modulePath(data) == Module {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("the browser search engine is compiled from polisee's source, which was not found above %s; run polisee from its repository or set POLISEE_SOURCE", mustGetwd())
		}
		dir = parent
	}
}

func mustGetwd() string {
	wd, _ := os.Getwd()
	return wd
}

var moduleLine = regexp.MustCompile(`(?m)^module\s+(\S+)`)
var goLine = regexp.MustCompile(`(?m)^go\s+(\S+)`)

func modulePath(gomod []byte) string {
	if m := moduleLine.FindSubmatch(gomod); m != nil {
		return string(m[1])
	}
	return ""
}

type goEnvironment struct {
	GOROOT, GOVERSION string
	GoLine            string // the go directive of polisee's go.mod
}

func goEnv(ctx context.Context, goBin, root string) (goEnvironment, error) {
	var env goEnvironment
	cmd := exec.CommandContext(ctx, goBin, "env", "-json", "GOROOT", "GOVERSION")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return env, fmt.Errorf("go env: %w", err)
	}
	if err := json.Unmarshal(out, &env); err != nil {
		return env, fmt.Errorf("go env: %w", err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return env, err
	}
	if m := goLine.FindSubmatch(gomod); m != nil {
		env.GoLine = string(m[1])
	}
	return env, nil
}

func readExecJS(goroot string) ([]byte, error) {
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if data, err := os.ReadFile(filepath.Join(goroot, p)); err == nil {
			return data, nil
		}
	}
	return nil, fmt.Errorf("wasm_exec.js not found in %s", goroot)
}

// cacheKey hashes everything the engine is compiled from.
func cacheKey(root, goVersion string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "go %s\npatch %s\n", goVersion, patchVersion)
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", f, len(data))
		h.Write(data)
	}
	err := filepath.WalkDir(filepath.Join(root, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// boltJS stands in for bbolt's Unix file locking and memory mapping under
// js/wasm, where the search engine never opens a bolt database.
const boltJS = `//go:build js

package bbolt

import (
	"errors"
	"time"
)

const maxMapSize = 0x7FFFFFFF

const maxAllocSize = 0x7FFFFFFF

var errNoMmap = errors.New("bbolt: files cannot be memory-mapped in WebAssembly")

func flock(db *DB, exclusive bool, timeout time.Duration) error { return nil }

func funlock(db *DB) error { return nil }

func mmap(db *DB, sz int) error { return errNoMmap }

func munmap(db *DB) error { return nil }

func mlock(db *DB, fileSize int) error { return nil }

func munlock(db *DB, fileSize int) error { return nil }
`

// patchedBolt derives the js-capable copy of bbolt from the module cache
// and returns its folder and version.
func patchedBolt(ctx context.Context, goBin, root, cache string) (boltCopy, error) {
	var bc boltCopy
	cmd := exec.CommandContext(ctx, goBin, "mod", "download", "-json", "go.etcd.io/bbolt")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return bc, fmt.Errorf("go mod download go.etcd.io/bbolt: %w", exitDetail(err))
	}
	var mod struct{ Version, Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return bc, fmt.Errorf("go mod download go.etcd.io/bbolt: no folder in %q", out)
	}
	bc.version = mod.Version
	bc.dir = filepath.Join(cache, "bbolt-"+mod.Version+"-js-"+patchVersion)
	if _, err := os.Stat(filepath.Join(bc.dir, "bolt_js.go")); err == nil {
		return bc, nil
	}
	tmp, err := os.MkdirTemp(cache, "bbolt-tmp-")
	if err != nil {
		if err := os.MkdirAll(cache, 0o755); err != nil {
			return bc, err
		}
		if tmp, err = os.MkdirTemp(cache, "bbolt-tmp-"); err != nil {
			return bc, err
		}
	}
	defer os.RemoveAll(tmp)
	err = filepath.WalkDir(mod.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(mod.Dir, p)
		name := d.Name()
		if d.IsDir() {
			if name == "testdata" || name == "cmd" {
				return fs.SkipDir
			}
			return os.MkdirAll(filepath.Join(tmp, rel), 0o755)
		}
		if !(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") || name == "go.mod" || name == "go.sum") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "bolt_unix.go" || rel == "mlock_unix.go" {
			if data, err = excludeJS(data); err != nil {
				return fmt.Errorf("bbolt %s %s: %w", mod.Version, rel, err)
			}
		}
		return os.WriteFile(filepath.Join(tmp, rel), data, 0o644)
	})
	if err != nil {
		return bc, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "bolt_js.go"), []byte(boltJS), 0o644); err != nil {
		return bc, err
	}
	if err := os.Rename(tmp, bc.dir); err != nil && !errors.Is(err, fs.ErrExist) {
		if _, statErr := os.Stat(filepath.Join(bc.dir, "bolt_js.go")); statErr != nil {
			return bc, err
		}
	}
	return bc, nil
}

type boltCopy struct{ dir, version string }

// excludeJS adds "&& !js" to a file's build constraint.
func excludeJS(src []byte) ([]byte, error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !bytes.HasPrefix(first, []byte("//go:build ")) {
		return nil, errors.New("no build constraint on the first line")
	}
	return append(append([]byte(nil), []byte(fmt.Sprintf("//go:build (%s) && !js", bytes.TrimPrefix(first, []byte("//go:build "))))...), append([]byte("\n"), rest...)...), nil
}

func compile(ctx context.Context, goBin, root, goVersion string, bolt boltCopy, out string) error {
	work, err := os.MkdirTemp("", "polisee-wasm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if goVersion == "" {
		goVersion = "1.22"
	}
	gowork := fmt.Sprintf("go %s\n\nuse %s\n\nreplace go.etcd.io/bbolt %s => %s\n", goVersion, strconv(root), bolt.version, strconv(bolt.dir))
	workFile := filepath.Join(work, "go.work")
	if err := os.WriteFile(workFile, []byte(gowork), 0o644); err != nil {
		return err
	}
	tmpOut := filepath.Join(work, "search.wasm")
	cmd := exec.CommandContext(ctx, goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", tmpOut, "./search/wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK="+workFile, "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("compile the browser search engine: %v\n%s", err, stderr.String())
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.Rename(tmpOut, out)
}

func strconv(s string) string {
	if strings.ContainsAny(s, " \t\"") {
		return fmt.Sprintf("%q", s)
	}
	return s
}

func exitDetail(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%v: %s", err, bytes.TrimSpace(ee.Stderr))
	}
	return err
}
