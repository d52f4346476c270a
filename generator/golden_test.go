package generator_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenPracticePage compares a whole rendered practice page of the
// default theme with testdata/golden/practice.html. After an intended
// theme change, run: go test ./generator -run Golden -update
func TestGoldenPracticePage(t *testing.T) {
	out, _ := build(t, site(t, base))
	got := read(t, out, "practices/mi-cluster/index.html")
	golden := filepath.Join("testdata", "golden", "practice.html")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("practice page differs from %s; if the change is intended, run with -update.\n--- got ---\n%s", golden, got)
	}
}
