package generator_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestKilledBuildsLeaveNoTemporaryFolders kills builds at random moments
// with a private temporary folder (TMPDIR): after each kill the output is
// the previous site or the whole new one, and after the next complete
// build neither the temporary folder (the search index's work folders)
// nor the output's parent holds anything a killed build left.
func TestKilledBuildsLeaveNoTemporaryFolders(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds in subprocesses")
	}
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	os.MkdirAll(tmp, 0o755)
	large := site(t, base)
	for i := range 600 {
		large[fmt.Sprintf("glossary/term-%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Term %d\nsummary: A term.\n---\n%s\n", i, strings.Repeat(fmt.Sprintf("Words %d and more words. ", i), 200)))}
	}
	wantOut, _ := build(t, large)
	want := manifest(t, wantOut)
	src := filepath.Join(dir, "large")
	writeTree(t, src, large)
	out := filepath.Join(dir, "public")
	run := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$")
		cmd.Env = append(os.Environ(), "POLISEE_HELPER_BUILD="+src+"|"+out, "TMPDIR="+tmp)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	start := time.Now()
	if err := run().Wait(); err != nil {
		t.Fatal(err)
	}
	window := time.Since(start)
	rng := rand.New(rand.NewPCG(3, 4))
	const trials = 16
	leftTmp, leftBeside, complete := 0, 0, 0
	for trial := range trials {
		cmd := run()
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if d := diffManifests(want, manifest(t, out)); len(d) > 0 {
			t.Fatalf("trial %d: the output is not the complete site: %d files differ", trial, len(d))
		}
		complete++
		if m, _ := filepath.Glob(filepath.Join(tmp, "polisee-index-*")); len(m) > 0 {
			leftTmp++
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), "polisee-") {
				leftBeside++
				break
			}
		}
	}
	// One more complete build clears what the killed ones left.
	if err := run().Wait(); err != nil {
		t.Fatal(err)
	}
	assertNoLeftovers(t, dir)
	if m, _ := filepath.Glob(filepath.Join(tmp, "*")); len(m) > 0 {
		t.Errorf("left in the temporary folder after the next build: %v", m)
	}
	t.Logf("%d kill trials within %v: the output was the complete site after each (%d); %d kills left a search work folder in TMPDIR and %d a build folder beside the output, all removed by the next build",
		trials, window.Round(time.Millisecond), complete, leftTmp, leftBeside)
}
