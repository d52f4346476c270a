package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchPrintsNoControlCharacters: a body holding terminal escape
// sequences (which bodies may: they are prose) is printed by polisee
// search without them; and check refuses them in front-matter fields.
func TestSearchPrintsNoControlCharacters(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	os.MkdirAll(filepath.Join(src, "pages"), 0o755)
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: T\n"), 0o644)
	os.WriteFile(filepath.Join(src, "pages", "x.md"), []byte("---\ntitle: Escapes\n---\nterminal \x1b]0;owned\x07 escape \x1b[2J sequences \u009b31m here\n"), 0o644)
	var stdout, stderr bytes.Buffer
	out := filepath.Join(dir, "public")
	if err := run(context.Background(), []string{"build", "-src", src, "-out", out, "-no-browser-search"}, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	for _, args := range [][]string{{"search", "-index", filepath.Join(out, "search"), "terminal"}, {"search", "-index", filepath.Join(out, "search"), "-facets", "escape"}} {
		stdout.Reset()
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), "Escapes") {
			t.Fatalf("%v: no result:\n%s", args, stdout.String())
		}
		if i := strings.IndexFunc(stdout.String(), func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f }); i >= 0 {
			t.Errorf("%v: control character in the output: %q", args, stdout.String())
		}
	}
	os.WriteFile(filepath.Join(src, "pages", "y.md"), []byte("---\ntitle: \"a\\e]0;owned\\a\"\n---\n"), 0o644)
	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"check", "-src", src}, &stdout, &stderr); err == nil {
		t.Error("check accepted an escape character in a title")
	}
	if got := stdout.String() + stderr.String(); !strings.Contains(got, "y.md:2:8: title holds the control character U+001B") {
		t.Errorf("check output: %q", got)
	}
}
