package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestBuildRoundsInterleaveTheSizes: polisee's builds run round by
// round, every size (smallest first) and variant in each round, each
// into a new folder, and every build is kept for the notes.
func TestBuildRoundsInterleaveTheSizes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in polisee is a shell script")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "builds.log")
	// A stand-in for polisee: it notes its arguments and makes the
	// output folder, as a build would.
	bin := filepath.Join(dir, "polisee")
	script := "#!/bin/sh\necho \"$*\" >> " + log + "\nfor a; do out=$a; done\nmkdir -p \"$out\"\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	o := options{runs: 2, variants: [][]string{nil, {"-no-browser-search"}}}
	var works []*sizeWork
	for _, n := range []string{"10", "100"} {
		w := &sizeWork{dir: filepath.Join(dir, n), content: filepath.Join(dir, n, "content")}
		w.logf = func(string, ...any) {}
		works = append(works, w)
	}
	if err := buildRounds(context.Background(), o, works, tools{polisee: bin}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		got = append(got, strings.ReplaceAll(line, dir+string(filepath.Separator), ""))
	}
	want := []string{
		"build -src 10/content -out 10/public.1",
		"build -no-browser-search -src 10/content -out 10/public.2",
		"build -src 100/content -out 100/public.1",
		"build -no-browser-search -src 100/content -out 100/public.2",
		"build -src 10/content -out 10/public.3",
		"build -no-browser-search -src 10/content -out 10/public.4",
		"build -src 100/content -out 100/public.3",
		"build -no-browser-search -src 100/content -out 100/public.4",
	}
	if !slices.Equal(got, want) {
		t.Errorf("builds, in order:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range works {
		if len(w.builds) != 2 || len(w.builds[0]) != 2 || len(w.builds[1]) != 2 {
			t.Fatalf("builds kept %v: want 2 variants of 2 rounds", w.builds)
		}
		if w.builds[1][1].out != filepath.Join(w.dir, "public.4") || w.builds[1][1].use.Wall <= 0 {
			t.Errorf("last build %+v", w.builds[1][1])
		}
	}
}
