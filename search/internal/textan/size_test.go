package textan

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWasmSize compiles three small programs for js/wasm, as the browser's
// engine is compiled (-ldflags="-s -w", bbolt and json-iterator replaced by
// polisee's stubs): none, which only echoes its arguments; textan, which
// builds every analyzer of this package; bleve, which builds the same
// analyzers through bleve's registry. It logs their sizes, raw and after
// brotli -q 11 (when the brotli command is installed), and fails if this
// package's analyzers do not save at least 150 KB raw over bleve's. It
// compiles for a minute or more, so it runs only with TEXTAN_WASM_SIZE=1:
//
//	TEXTAN_WASM_SIZE=1 go test -run TestWasmSize -v ./search/internal/textan/
func TestWasmSize(t *testing.T) {
	if os.Getenv("TEXTAN_WASM_SIZE") != "1" {
		t.Skip("set TEXTAN_WASM_SIZE=1 to compile the js/wasm programs")
	}
	root, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	goMod := strings.TrimSpace(string(root))
	dir := filepath.Dir(goMod)
	tmp := t.TempDir()
	mod, err := os.ReadFile(goMod)
	if err != nil {
		t.Fatal(err)
	}
	mod = append(mod, "\nreplace go.etcd.io/bbolt => ./search/engine/bboltstub\n"+
		"replace github.com/json-iterator/go => ./search/engine/jsoniterstub\n"...)
	modfile := filepath.Join(tmp, "size.mod")
	if err := os.WriteFile(modfile, mod, 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "size.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	brotli, _ := exec.LookPath("brotli")
	sizes := map[string][2]int{}
	for _, prog := range []string{"none", "textan", "bleve"} {
		out := filepath.Join(tmp, prog+".wasm")
		cmd := exec.Command("go", "build", "-modfile="+modfile, "-trimpath", "-ldflags=-s -w",
			"-o", out, "./search/internal/textan/testdata/wasmsize/"+prog)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("compile %s: %v\n%s", prog, err, msg)
		}
		raw, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		br := -1
		if brotli != "" {
			if msg, err := exec.Command(brotli, "-q", "11", "-f", "-o", out+".br", out).CombinedOutput(); err != nil {
				t.Fatalf("brotli: %v\n%s", err, msg)
			}
			st, err := os.Stat(out + ".br")
			if err != nil {
				t.Fatal(err)
			}
			br = int(st.Size())
		}
		sizes[prog] = [2]int{int(raw.Size()), br}
	}
	var report bytes.Buffer
	for _, prog := range []string{"none", "textan", "bleve"} {
		s := sizes[prog]
		fmt.Fprintf(&report, "%-7s %9d bytes raw %8d brotli; over none: %8d raw %8d brotli\n",
			prog, s[0], s[1], s[0]-sizes["none"][0], s[1]-sizes["none"][1])
	}
	t.Log("\n" + report.String())
	if saved := sizes["bleve"][0] - sizes["textan"][0]; saved < 150_000 {
		t.Errorf("textan saves %d bytes raw over bleve's registry, want at least 150000", saved)
	}
}
