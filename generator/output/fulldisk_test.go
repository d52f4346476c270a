//go:build linux

package output_test

// A full disk: the build fails with an error that says so, the previous
// site stays as it was, and no partial folder is left behind. As root the
// output sits on a 2 MiB tmpfs mounted for the test; and in every run a
// subprocess builds under RLIMIT_FSIZE (writes past the limit fail with
// EFBIG), which needs no privilege.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
)

func smallSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":      {Data: []byte("title: Small\n")},
		"pages/about.md": {Data: []byte("---\ntitle: About\n---\nHello.\n")},
	}
}

// largeSite is about 4 MB of pages: more than the tmpfs holds, and with
// a search index larger than the file size limit below.
func largeSite() fstest.MapFS {
	fsys := smallSite()
	for i := range 300 {
		var b strings.Builder
		for j := range 700 {
			fmt.Fprintf(&b, "word%d-%d ", i, j)
		}
		fsys[fmt.Sprintf("glossary/term-%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Term %d\nsummary: A term.\n---\n%s\n", i, b.String()))}
	}
	return fsys
}

func manifest(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameManifest(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// leftovers lists the build folders left beside the output.
func leftovers(dir string) []string {
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "polisee-") {
			names = append(names, e.Name())
		}
	}
	return names
}

func build(fsys fs.FS, out string) error {
	_, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out})
	return err
}

// checkFailure checks what a failed build left: the error, the previous
// site, no build folder.
func checkFailure(t *testing.T, err error, want syscall.Errno, disk, out string, before map[string]string) {
	t.Helper()
	switch {
	case err == nil:
		t.Fatal("the build succeeded on a full disk")
	case !strings.Contains(err.Error(), want.Error()):
		t.Errorf("error %q does not say %q", err, want.Error())
	}
	t.Logf("the build failed with: %v", err)
	if !sameManifest(before, manifest(t, out)) {
		t.Error("the previous site changed")
	}
	if l := leftovers(disk); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestFullDiskTmpfs(t *testing.T) {
	disk := filepath.Join(t.TempDir(), "disk")
	os.MkdirAll(disk, 0o755)
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, "size=2m"); err != nil {
		// Not a silent skip: TestFullDiskFileSizeLimit, which needs no
		// privilege, runs in every run, CI included.
		t.Skipf("mounting a 2 MiB tmpfs needs root (CAP_SYS_ADMIN): %v; TestFullDiskFileSizeLimit covers a full disk without it", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(disk, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", disk, err)
		}
	})
	out := filepath.Join(disk, "public")
	if err := build(smallSite(), out); err != nil {
		t.Fatalf("the small site does not fit: %v", err)
	}
	before := manifest(t, out)
	err := build(largeSite(), out)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %v is not ENOSPC", err)
	}
	checkFailure(t, err, syscall.ENOSPC, disk, out, before)
	// The space is given back: the small site builds again.
	if err := build(smallSite(), out); err != nil {
		t.Errorf("after the failure, the small site does not build: %v", err)
	}
	if l := leftovers(disk); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestFullDiskFileSizeLimit(t *testing.T) {
	disk := t.TempDir()
	out := filepath.Join(disk, "public")
	if err := build(smallSite(), out); err != nil {
		t.Fatal(err)
	}
	before := manifest(t, out)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLimitedBuild$")
	cmd.Env = append(os.Environ(), "POLISEE_HELPER_LIMITED="+out)
	data, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the build under a 64 KiB file size limit succeeded:\n%s", data)
	}
	msg := string(data)
	if !strings.Contains(msg, "POLISEE_BUILD_ERROR") {
		t.Fatalf("the subprocess did not report a build error:\n%s", msg)
	}
	checkFailure(t, errors.New(msg), syscall.EFBIG, disk, out, before)
}

// TestHelperLimitedBuild builds the large site with writes limited to
// 64 KiB a file; it does nothing in a normal run.
func TestHelperLimitedBuild(t *testing.T) {
	out := os.Getenv("POLISEE_HELPER_LIMITED")
	if out == "" {
		return
	}
	signal.Ignore(syscall.SIGXFSZ) // writes past the limit fail with EFBIG instead of killing the process
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	lim.Cur = 64 << 10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	if err := build(largeSite(), out); err != nil {
		t.Fatalf("POLISEE_BUILD_ERROR %v", err)
	}
}
