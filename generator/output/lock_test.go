package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSecondBuildWaits: while one build writes the output, a second one
// into the same folder waits (and says so) instead of removing the first
// one's folder as a leftover; it goes on once the first has committed,
// and both commits succeed.
func TestSecondBuildWaits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	first, err := Begin(ctx, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("a.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	second := make(chan error, 1)
	go func() {
		tx, err := Begin(ctx, out, Options{Waiting: func() { close(waiting) }})
		if err == nil {
			if err = tx.WriteFile("a.html", []byte("second")); err == nil {
				err = tx.Commit()
			}
		}
		second <- err
	}()
	select {
	case <-waiting:
	case err := <-second:
		t.Fatalf("the second build did not wait for the first: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the second build neither waited nor finished")
	}
	// The first build's folder is still there to finish.
	if err := first.WriteFile("search/index.zap", []byte("index")); err != nil {
		t.Fatalf("the first build lost its folder while the second waited: %v", err)
	}
	select {
	case err := <-second:
		t.Fatalf("the second build went on while the first was writing: %v", err)
	case <-time.After(3 * lockPoll):
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatalf("second build: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "a.html")); string(data) != "second" {
		t.Errorf("the output holds %q, want the second build's", data)
	}
	if l := besideOutput(filepath.Dir(out)); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// TestConcurrentBuildsAllSucceed starts several builds into one output
// at once: every one succeeds, and the output is one build's site, whole.
func TestConcurrentBuildsAllSucceed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	const builds, files = 4, 20
	var wg sync.WaitGroup
	errs := make([]error, builds)
	for b := range builds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[b] = writeSite(out, b, files)
		}()
	}
	wg.Wait()
	for b, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", b, err)
		}
	}
	first, err := os.ReadFile(filepath.Join(out, "page-0.html"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		data, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("page-%d.html", i)))
		if err != nil || string(data[:len("build N")]) != string(first[:len("build N")]) {
			t.Errorf("page %d: %q, %v; want the same build as page 0 (%q)", i, data, err, first)
		}
	}
	if l := besideOutput(filepath.Dir(out)); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// writeSite is one build: files pages, written slowly enough that the
// builds overlap.
func writeSite(out string, b, files int) error {
	tx, err := Begin(context.Background(), out, Options{})
	if err != nil {
		return err
	}
	for i := range files {
		if err := tx.WriteFile(fmt.Sprintf("page-%d.html", i), fmt.Appendf(nil, "build %d, page %d", b, i)); err != nil {
			tx.Abort()
			return err
		}
		time.Sleep(time.Millisecond)
	}
	return tx.Commit()
}

// TestWaitEndsWithContext: a build waiting for another one gives up when
// its context is done, and leaves the other's folder alone.
func TestWaitEndsWithContext(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Begin(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	ctx, cancel := context.WithTimeout(context.Background(), 5*lockPoll)
	defer cancel()
	if _, err := Begin(ctx, out, Options{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Begin while another build holds the output: %v, want the context's end", err)
	}
	if _, err := os.Stat(first.Dir()); err != nil {
		t.Errorf("the waiting build touched the other's folder: %v", err)
	}
}

// besideOutput lists what builds left beside the output: build folders
// and lock files.
func besideOutput(dir string) []string {
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "polisee-") {
			names = append(names, e.Name())
		}
	}
	return names
}
