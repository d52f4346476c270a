package generator_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/clusterpolisee/polisee/content"
	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/output"
)

// manifest maps every file of a folder to the hash of its bytes.
func manifest(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func diffManifests(a, b map[string]string) []string {
	var diffs []string
	for k, v := range a {
		if b[k] != v {
			diffs = append(diffs, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, k)
		}
	}
	sort.Strings(diffs)
	return diffs
}

// TestSameInputSameBytes builds the starter content under different
// GOMAXPROCS, time zones and file times and compares every byte.
func TestSameInputSameBytes(t *testing.T) {
	starter := fstest.MapFS{}
	err := fs.WalkDir(content.Starter(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.Starter(), p)
		starter[p] = &fstest.MapFile{Data: data, Mode: 0o644, ModTime: time.Unix(1_600_000_000, 0)}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	buildWith := func(procs int, tz string, mtime time.Time) map[string]string {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		loc, err := time.LoadLocation(tz)
		if err != nil {
			loc = time.FixedZone(tz, 5*3600)
		}
		oldLocal := time.Local
		time.Local = loc
		defer func() { time.Local = oldLocal }()
		for _, f := range starter {
			f.ModTime = mtime
		}
		out, _ := build(t, starter)
		return manifest(t, out)
	}
	first := buildWith(1, "UTC", time.Unix(0, 0))
	if len(first) < 100 {
		t.Fatalf("starter site has only %d files", len(first))
	}
	for _, run := range []struct {
		procs int
		tz    string
	}{{4, "Asia/Tokyo"}, {2, "America/Los_Angeles"}, {8, "Europe/Athens"}} {
		got := buildWith(run.procs, run.tz, time.Now())
		if d := diffManifests(first, got); len(d) > 0 {
			t.Errorf("GOMAXPROCS=%d TZ=%s: %d files differ, e.g. %v", run.procs, run.tz, len(d), d[:min(5, len(d))])
		}
	}
}

func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := generator.Config{Src: site(t, base), Out: out}
	if _, err := generator.Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	before := manifest(t, out)
	broken := with(t, "-- practices/mi-cluster.md --\n---\ntitle: Broken\n---\n")
	cfg.Src = broken
	if _, err := generator.Build(context.Background(), cfg); err == nil {
		t.Fatal("broken content built")
	}
	if d := diffManifests(before, manifest(t, out)); len(d) > 0 {
		t.Errorf("a failed build changed %v", d)
	}
	// A cancelled build leaves it too, and no temporary folder behind.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg.Src = site(t, base)
	if _, err := generator.Build(ctx, cfg); err == nil {
		t.Fatal("a cancelled build succeeded")
	}
	if d := diffManifests(before, manifest(t, out)); len(d) > 0 {
		t.Errorf("a cancelled build changed %v", d)
	}
	assertNoLeftovers(t, filepath.Dir(out))
}

func assertNoLeftovers(t testing.TB, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "polisee-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestBuildWaitsForAnotherBuild: a build into a folder that another build
// is writing says that it waits, leaves the other's folder alone, and
// builds once the other is done.
func TestBuildWaitsForAnotherBuild(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "public")
	other, err := output.Begin(ctx, out, output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	said := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		_, err := generator.Build(ctx, generator.Config{Src: site(t, base), Out: out, Logf: func(format string, args ...any) {
			select {
			case said <- fmt.Sprintf(format, args...):
			default:
			}
		}})
		done <- err
	}()
	select {
	case msg := <-said:
		if want := "waiting for another build writing " + out + " to finish"; msg != want {
			t.Errorf("the waiting build says %q, want %q", msg, want)
		}
	case err := <-done:
		t.Fatalf("the build did not wait for the other one: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("the build neither waited nor finished")
	}
	if _, err := os.Stat(other.Dir()); err != nil {
		t.Fatalf("the other build's folder: %v", err)
	}
	other.Abort()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	read(t, out, "index.html")
	assertNoLeftovers(t, filepath.Dir(out))
}

func TestNoStaleFilesAfterDelete(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	fsys := site(t, base)
	if _, err := generator.Build(context.Background(), generator.Config{Src: fsys, Out: out}); err != nil {
		t.Fatal(err)
	}
	read(t, out, "practices/accreditation/index.html")
	delete(fsys, "practices/accreditation.md")
	// The remaining practice links to it: drop the link too.
	fsys["practices/mi-cluster.md"].Data = []byte(strings.Replace(string(fsys["practices/mi-cluster.md"].Data), "[the other](../practices/accreditation.md#description)", "the other", 1))
	if _, err := generator.Build(context.Background(), generator.Config{Src: fsys, Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "practices/accreditation")); err == nil {
		t.Error("the deleted practice's page is still there")
	}
	assertNoLeftovers(t, filepath.Dir(out))
}

// TestKilledBuildKeepsPreviousSite kills build processes at random
// moments while the content alternates between two versions: after each
// kill the output is the site before the build or the whole new one.
func TestKilledBuildKeepsPreviousSite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds in subprocesses")
	}
	dir := t.TempDir()
	small := site(t, base)
	large := site(t, base)
	for i := range 400 {
		large[fmt.Sprintf("glossary/term-%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Term %d\nsummary: A term.\n---\n%s\n", i, strings.Repeat("Words and more words. ", 300)))}
	}
	versions := []fstest.MapFS{small, large}
	var want [2]map[string]string
	for i, v := range versions {
		out, _ := build(t, v)
		want[i] = manifest(t, out)
	}
	srcs := [2]string{filepath.Join(dir, "small"), filepath.Join(dir, "large")}
	for i, v := range versions {
		writeTree(t, srcs[i], v)
	}
	out := filepath.Join(dir, "public")
	run := func(src string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$")
		cmd.Env = append(os.Environ(), "POLISEE_HELPER_BUILD="+src+"|"+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// Time one whole build of the large version to aim the kills.
	start := time.Now()
	if err := run(srcs[1]).Wait(); err != nil {
		t.Fatal(err)
	}
	window := time.Since(start) * 3 / 2
	current := 1
	rng := rand.New(rand.NewPCG(1, 2))
	kept, replaced := 0, 0
	for trial := range 12 {
		target := 1 - current
		cmd := run(srcs[target])
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got := manifest(t, out)
		switch {
		case len(diffManifests(want[current], got)) == 0:
			kept++
		case len(diffManifests(want[target], got)) == 0:
			replaced++
			current = target
		default:
			t.Fatalf("trial %d: the output is neither the previous site nor the whole new one (%d files)", trial, len(got))
		}
	}
	t.Logf("12 kill trials within %v: %d kept the previous site, %d had the complete new one", window, kept, replaced)
	// The next build clears what killed builds left behind.
	if err := run(srcs[0]).Wait(); err != nil {
		t.Fatal(err)
	}
	assertNoLeftovers(t, dir)
}

// TestHelperBuild is the build run (and killed) by
// TestKilledBuildKeepsPreviousSite; it does nothing in a normal run.
func TestHelperBuild(t *testing.T) {
	spec := os.Getenv("POLISEE_HELPER_BUILD")
	if spec == "" {
		return
	}
	src, out, _ := strings.Cut(spec, "|")
	if _, err := generator.Build(context.Background(), generator.Config{Src: os.DirFS(src), Out: out}); err != nil {
		t.Fatal(err)
	}
}

func writeTree(t testing.TB, dir string, fsys fstest.MapFS) {
	t.Helper()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUntrustedFieldsAreEscaped(t *testing.T) {
	payload := `\"><script>alert(1)</script><img src=x onerror=alert(2)>`
	fsys := with(t, `
-- practices/evil.md --
---
title: "`+payload+`"
summary: "`+payload+`"
countries: [GR]
areas: [innovation-rd]
level: local
status: identified
tags: ["`+payload+`"]
sources:
  - title: "`+payload+`"
    url: "https://example.org/?q=\"><script>alert(3)</script>"
---
Text with [a link](https://example.org/"onmouseover="alert(4)) and **bold**.
`)
	out, _ := build(t, fsys)
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, _ := os.ReadFile(p)
		for _, problem := range activeContent(string(data)) {
			t.Errorf("%s: %s", p, problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("checked only %d pages", pages)
	}
	contains(t, read(t, out, "practices/evil/index.html"), "&lt;script&gt;alert(1)&lt;/script&gt;", "the payload shown as text")
}

// themeScript reports whether a script element is one the theme writes:
// the search script or the compare page's script (external files in
// assets/, named by their content), or a JSON data block.
func themeScript(tok html.Token) bool {
	if len(tok.Attr) == 0 {
		return false
	}
	a := tok.Attr[0]
	return (a.Key == "src" && themeScriptSrc.MatchString(a.Val)) ||
		(a.Key == "type" && a.Val == "application/json")
}

// themeScriptSrc is where the theme's scripts are: their copies named by
// their content.
var themeScriptSrc = regexp.MustCompile(`assets/(search|compare)\.[0-9a-f]{12}\.js$`)

// activeContent lists what in a page could run script: script elements,
// event-handler attributes and script URLs.
func activeContent(page string) []string {
	var problems []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data == "script" && themeScript(tok) {
			// The theme's own search script, or a JSON data block: check
			// that nothing follows it inside the element.
			if z.Next() == html.TextToken && tok.Attr[0].Key == "src" && strings.TrimSpace(string(z.Text())) != "" {
				problems = append(problems, "inline code in the theme's script element")
			}
			continue
		}
		if tok.Data == "script" || tok.Data == "iframe" || tok.Data == "object" || tok.Data == "embed" {
			problems = append(problems, "element <"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			v := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				problems = append(problems, "attribute "+a.Key+" on <"+tok.Data+">")
			case (a.Key == "href" || a.Key == "src" || a.Key == "action") &&
				(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html")):
				problems = append(problems, a.Key+"="+a.Val)
			}
		}
	}
}

func TestSymlinksAreNotFollowed(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	writeTree(t, src, site(t, base))
	secret := filepath.Join(dir, "secret.md")
	os.WriteFile(secret, []byte("---\ntitle: Secret\n---\nprivate"), 0o644)
	os.MkdirAll(filepath.Join(src, "pages"), 0o755) // base has no pages/: without it the link fails and the test skipped
	if err := os.Symlink(secret, filepath.Join(src, "pages", "leak.md")); err != nil {
		t.Skip("symlinks not supported here:", err)
	}
	os.Symlink(src, filepath.Join(src, "glossary")) // a loop
	list := generator.Check(context.Background(), generator.Config{Src: os.DirFS(src), SrcRoot: "content"})
	got := fmt.Sprint(list)
	contains(t, got, "content/pages/leak.md: symbolic links are not followed", "file link")
	contains(t, got, "content/glossary: symbolic links are not followed", "folder link")
}

func TestOutputFolderIsProtected(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	writeTree(t, src, site(t, base))
	sentinel := filepath.Join(dir, "mine", "keep.txt")
	os.MkdirAll(filepath.Dir(sentinel), 0o755)
	os.WriteFile(sentinel, []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644)
	for _, tc := range []struct{ out, want string }{
		{src, "which the build reads"},
		{filepath.Join(src, "public"), "inside"},
		{dir, "which the build reads"},
		{filepath.Dir(sentinel), "was not written by polisee"},
		{"/", "holds more than a site"},
	} {
		_, err := generator.Build(context.Background(), generator.Config{Src: os.DirFS(src), SrcDir: src, Out: tc.out})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("out=%s: err = %v; want %q", tc.out, err, tc.want)
		}
	}
	if data, _ := os.ReadFile(sentinel); string(data) != "mine" {
		t.Error("the sentinel file outside the output was touched")
	}
	if home, err := os.UserHomeDir(); err == nil {
		if _, err := generator.Build(context.Background(), generator.Config{Src: os.DirFS(src), SrcDir: src, Out: home}); err == nil {
			t.Error("the home folder was accepted as output")
		}
	}
}
