package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// actionlint is the workflow linter the workflows are checked with,
// pinned; go run fetches it through the module proxy.
const actionlint = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// TestWorkflows runs actionlint on this repository's workflows and on
// those polisee init writes.
func TestWorkflows(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: actionlint is fetched and built")
	}
	var files []string
	for _, pattern := range []string{"../../.github/workflows/*.yml", "initsite/github/workflows/*.yml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 4 {
		t.Fatalf("found the workflows %v; expected this repository's and polisee init's", files)
	}
	cmd := exec.Command("go", append([]string{"run", actionlint, "-no-color"}, files...)...)
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	// Without the module proxy (no network) there is no actionlint to run.
	if s := string(out); strings.Contains(s, "dial tcp") || strings.Contains(s, "proxy.golang.org") && !strings.Contains(s, ".yml:") {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cannot fetch actionlint (CI=true: not skipping): %s", out)
		}
		t.Skipf("cannot fetch actionlint: %s", out)
	}
	t.Errorf("actionlint: %v\n%s", err, out)
}
