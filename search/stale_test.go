//go:build unix

package search

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// TestStaleWorkFoldersRemoved: the work folder of a killed build (its
// process gone) is removed by the next build; those of running builds,
// and folders without an owner, stay.
func TestStaleWorkFoldersRemoved(t *testing.T) {
	tmp := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	folders := map[string]string{
		"dead":    strconv.Itoa(gone.Process.Pid),
		"running": strconv.Itoa(os.Getppid()),
		"mine":    strconv.Itoa(os.Getpid()),
		"noowner": "",
	}
	for name, pid := range folders {
		dir := filepath.Join(tmp, workPrefix+name)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "part-00000.zap"), []byte("x"), 0o644)
		if pid != "" {
			os.WriteFile(filepath.Join(dir, ownerFile), []byte(pid), 0o644)
		}
	}
	if _, err := Build(context.Background(), testDocs, tmp); err != nil {
		t.Fatal(err)
	}
	for name := range folders {
		_, err := os.Stat(filepath.Join(tmp, workPrefix+name))
		if exists := err == nil; exists == (name == "dead") {
			t.Errorf("%s: exists %v", name, exists)
		}
	}
	entries, _ := os.ReadDir(tmp)
	if len(entries) != 3 {
		t.Errorf("%d entries left; want the 3 kept folders", len(entries))
	}
}
