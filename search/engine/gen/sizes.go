package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// reportSizes writes what takes the space of the engine compiled into
// wasmFile with its function names: the committed engine's bytes, raw
// and brotli; the compiled code and the data (the Go runtime's function
// tables, type descriptors, strings, Unicode tables); and the code of
// each package, largest first, as the WebAssembly name section
// attributes its functions. Function sizes are bytes before compression.
func reportSizes(ctx context.Context, root, modfile, wasmFile string, w io.Writer) error {
	data, err := os.ReadFile(wasmFile)
	if err != nil {
		return err
	}
	m, err := readModule(data)
	if err != nil {
		return fmt.Errorf("%s: %w", wasmFile, err)
	}
	cmd := exec.CommandContext(ctx, "go", "list", "-modfile="+modfile, "-deps", "-f", "{{.ImportPath}}", enginePkg)
	cmd.Dir = root
	cmd.Env = engineEnv()
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list the engine's packages: %w", err)
	}
	// The name section writes each character of a function's name other
	// than a letter, digit, dot or underscore as an underscore
	// (github.com/blevesearch/zapx/v17.(*Segment).Dictionary as
	// github.com_blevesearch_zapx_v17.__Segment_.Dictionary), and the
	// engine's own package as main.
	byMangled := map[string]string{"main": enginePkg[2:] + " (main)", "type_": "(compiler-made equality functions)"}
	for _, path := range strings.Fields(string(out)) {
		byMangled[wasmName(path)] = path
	}
	perPackage := map[string]int{}
	code := 0
	for i, size := range m.bodies {
		code += size
		name := m.names[m.imported+i]
		pkg := "(other)"
		// The longest package path the name starts with, then a dot.
		for j := len(name) - 1; j > 0; j-- {
			if name[j] == '.' {
				if path, ok := byMangled[name[:j]]; ok {
					pkg = path
					break
				}
			}
		}
		perPackage[pkg] += size
	}
	stripped, err := os.ReadFile(filepath.Join(root, outDir, "search.wasm"))
	if err != nil {
		return err
	}
	br, err := os.ReadFile(filepath.Join(root, outDir, "search.wasm.br"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "committed engine: %d bytes, %d brotli\n", len(stripped), len(br))
	fmt.Fprintf(w, "this build: code %d bytes in %d functions, data %d bytes\n", code, len(m.bodies), m.data)
	pkgs := make([]string, 0, len(perPackage))
	for p := range perPackage {
		pkgs = append(pkgs, p)
	}
	sort.Slice(pkgs, func(a, b int) bool {
		if perPackage[pkgs[a]] != perPackage[pkgs[b]] {
			return perPackage[pkgs[a]] > perPackage[pkgs[b]]
		}
		return pkgs[a] < pkgs[b]
	})
	fmt.Fprintln(w, "code by package, bytes:")
	for _, p := range pkgs {
		fmt.Fprintf(w, "%9d  %s\n", perPackage[p], p)
	}
	return nil
}

// wasmName is name as the name section writes it (see reportSizes).
func wasmName(name string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || r == '_' {
			return r
		}
		return '_'
	}, name)
}

// module is what reportSizes reads of a WebAssembly module.
type module struct {
	imported int            // functions imported, which come first in the numbering
	bodies   []int          // the size of each defined function's body
	names    map[int]string // function names, by number
	data     int            // the data section's size
}

// readModule reads the sections of a WebAssembly binary that
// reportSizes needs (the format: webassembly.github.io/spec, "Binary
// Format").
func readModule(b []byte) (*module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly module")
	}
	m := &module{names: map[int]string{}}
	r := &reader{b: b, i: 8}
	for r.i < len(b) && r.err == nil {
		id := r.byte()
		size := r.uint()
		if r.err != nil || size > len(b)-r.i {
			return nil, errors.New("a section runs past the end")
		}
		sec := &reader{b: b[r.i : r.i+size]}
		r.i += size
		switch id {
		case 2: // imports: count the functions
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				sec.skip(sec.uint()) // module
				sec.skip(sec.uint()) // name
				switch sec.byte() {
				case 0: // function: its type index
					sec.uint()
					m.imported++
				case 1: // table: element type, limits
					sec.byte()
					sec.limits()
				case 2: // memory: limits
					sec.limits()
				case 3: // global: type, mutability
					sec.skip(2)
				}
			}
		case 10: // code
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				size := sec.uint()
				m.bodies = append(m.bodies, size)
				sec.skip(size)
			}
		case 11: // data
			m.data = size
		case 0: // custom: the name section's function names
			if string(sec.bytes(sec.uint())) != "name" {
				continue
			}
			for sec.i < len(sec.b) && sec.err == nil {
				kind := sec.byte()
				sub := &reader{b: sec.bytes(sec.uint())}
				if kind != 1 {
					continue
				}
				for n := sub.uint(); n > 0 && sub.err == nil; n-- {
					idx := sub.uint()
					m.names[idx] = string(sub.bytes(sub.uint()))
				}
				if sub.err != nil {
					return nil, sub.err
				}
			}
		}
		if sec.err != nil {
			return nil, fmt.Errorf("section %d: %w", id, sec.err)
		}
	}
	if len(m.names) == 0 {
		return nil, errors.New("no function names (built with -s?)")
	}
	return m, r.err
}

// reader reads a section's bytes, keeping the first error.
type reader struct {
	b   []byte
	i   int
	err error
}

var errShort = errors.New("the module ends early")

func (r *reader) byte() byte {
	if r.err != nil || r.i >= len(r.b) {
		r.err = errShort
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

// uint reads an unsigned LEB128 number.
func (r *reader) uint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 || v > 1<<31 {
		r.err = errShort
		return 0
	}
	r.i += n
	return int(v)
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b)-r.i {
		r.err = errShort
		return nil
	}
	r.i += n
	return r.b[r.i-n : r.i]
}

func (r *reader) skip(n int) { r.bytes(n) }

// limits skips a table's or memory's limits: a flag, a minimum and,
// with flag 1, a maximum.
func (r *reader) limits() {
	if r.byte()&1 == 1 {
		r.uint()
	}
	r.uint()
}
