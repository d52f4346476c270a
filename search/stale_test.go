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
// process gone) is removed by the next build, whether the process's id is
// in its name or, for folders named the earlier way, in its owner file;
// those of running builds, and folders no one can be told to own, stay.
func TestStaleWorkFoldersRemoved(t *testing.T) {
	tmp := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	dead, running, mine := strconv.Itoa(gone.Process.Pid), strconv.Itoa(os.Getppid()), strconv.Itoa(os.Getpid())
	// Folder name after the prefix → its owner file's text ("" for none)
	// and whether the build must remove it.
	folders := map[string]struct {
		owner  string
		remove bool
	}{
		dead + "-123":    {"", true},
		running + "-123": {"", false},
		mine + "-123":    {"", false},
		"dead":           {dead, true},
		"running":        {running, false},
		"mine":           {mine, false},
		"noowner":        {"", false},
		"emptyowner":     {" ", false},
		"x-123":          {"", false},
	}
	for name, f := range folders {
		dir := filepath.Join(tmp, workPrefix+name)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "part-00000.zap"), []byte("x"), 0o644)
		if f.owner != "" {
			os.WriteFile(filepath.Join(dir, ownerFile), []byte(f.owner), 0o644)
		}
	}
	if _, err := Build(context.Background(), testDocs, tmp); err != nil {
		t.Fatal(err)
	}
	kept := 0
	for name, f := range folders {
		_, err := os.Stat(filepath.Join(tmp, workPrefix+name))
		if exists := err == nil; exists == f.remove {
			t.Errorf("%s: exists %v", name, exists)
		}
		if !f.remove {
			kept++
		}
	}
	entries, _ := os.ReadDir(tmp)
	if len(entries) != kept {
		t.Errorf("%d entries left; want the %d kept folders (the build removes its own)", len(entries), kept)
	}
}

// TestWorkFolderNamedAfterProcess: a build's work folder says its
// process in its name from the moment it is made, so a build killed at
// any point leaves a folder the next build can tell is stale.
func TestWorkFolderNamedAfterProcess(t *testing.T) {
	dir, err := makeWorkFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if pid, ok := workOwner(dir); !ok || pid != os.Getpid() {
		t.Fatalf("%s: owner %d (%v), want %d", filepath.Base(dir), pid, ok, os.Getpid())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a new work folder holds %d files", len(entries))
	}
}
