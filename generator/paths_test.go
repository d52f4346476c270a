package generator_test

// Paths: content file names that are not slugs, pages that would claim
// the site's own files, symbolic links of every kind, and output folders
// that would replace or write into the content, the project or the home
// folder, also when reached through a symbolic link. Each is refused with
// a clear message, and the files around stay as they were. (More cases
// sit in promises_test.go and cmd/polisee/testdata/script/build_safety.txtar.)

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
)

func TestFileNamesThatAreNotSlugs(t *testing.T) {
	page := []byte("---\ntitle: X\n---\n")
	for _, name := range []string{
		"pages/..md", "pages/...md", "pages/a..b.md", "pages/.hidden.md", "pages/-x.md", "pages/x-.md",
		"pages/About.md", "pages/ABOUT.md", "pages/ａbout.md", "pages/café.md", "pages/a\u202eb.md",
		"pages/a\u200bb.md", "pages/a b.md", "pages/a%2f..%2fb.md", "pages/a\\b.md", "pages/a:b.md",
		"pages/x.EL.md", "pages/x.el.el.md", "pages/%2e%2e.md", "pages/a\tb.md",
	} {
		fsys := with(t, "")
		fsys[name] = &fstest.MapFile{Data: page}
		list := generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"})
		got := fmt.Sprint(list)
		if strings.HasPrefix(filepath.Base(name), ".") {
			// Dotfiles are ignored, as editors' tools leave them about.
			out, _ := build(t, fsys)
			if _, err := os.Stat(filepath.Join(out, "hidden")); err == nil {
				t.Errorf("%s: published", name)
			}
			continue
		}
		if !strings.Contains(got, "content/"+name) || !(strings.Contains(got, "not a valid slug") || strings.Contains(got, "not a language code")) {
			t.Errorf("%q: not refused as a file name: %s", name, got)
		}
	}
}

func TestPagesCannotClaimSiteFiles(t *testing.T) {
	for _, name := range []string{"pages/assets.md", "pages/data.md", "pages/search.md", "pages/practices.md"} {
		fsys := with(t, "-- "+name+" --\n---\ntitle: Clash\n---\n")
		list := generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"})
		if list.Err() == nil {
			t.Errorf("%s: accepted, though its page would take a path the site needs", name)
			continue
		}
		if got := fmt.Sprint(list); !strings.Contains(got, "content/"+name) {
			t.Errorf("%s: the error does not name the file: %s", name, got)
		}
	}
}

func TestSymlinksOfEveryKind(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	writeTree(t, src, site(t, base))
	outside := filepath.Join(dir, "outside")
	os.MkdirAll(outside, 0o755)
	secret := filepath.Join(outside, "secret.md")
	os.WriteFile(secret, []byte("---\ntitle: Secret\n---\nprivate words"), 0o644)
	os.WriteFile(filepath.Join(outside, "site.yaml"), []byte("title: Not ours\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "pages"), 0o755)
	links := map[string]string{
		"pages/leak.md":     secret,                                                         // a file outside
		"pages/inside.md":   filepath.Join(src, "pages", "..", "areas", "innovation-rd.md"), // a file inside
		"pages/dangling.md": filepath.Join(dir, "nothing.md"),                               // nowhere
		"pages/self.md":     filepath.Join(src, "pages", "self.md"),                         // itself
		"documents":         outside,                                                        // a folder outside
		"glossary":          src,                                                            // a loop
		"mechanisms":        "mechanisms",                                                   // a loop onto itself
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(src, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	os.Rename(filepath.Join(src, "site.yaml"), filepath.Join(dir, "site.yaml.orig"))
	os.Symlink(filepath.Join(outside, "site.yaml"), filepath.Join(src, "site.yaml"))
	out := filepath.Join(dir, "public")
	_, err := generator.Build(context.Background(), generator.Config{Src: os.DirFS(src), SrcRoot: "content", SrcDir: src, Out: out})
	if err == nil {
		t.Fatal("a tree with symbolic links built")
	}
	got := err.Error()
	for _, name := range []string{"pages/leak.md", "pages/inside.md", "pages/dangling.md", "pages/self.md", "documents", "glossary", "mechanisms", "site.yaml"} {
		contains(t, got, "content/"+name+": symbolic links are not followed", name)
	}
	notContains(t, got, "Not ours", "the linked site.yaml was read")
	if _, err := os.Stat(out); err == nil {
		t.Error("the failed build wrote the output")
	}
	if data, _ := os.ReadFile(secret); string(data) != "---\ntitle: Secret\n---\nprivate words" {
		t.Error("the file outside changed")
	}
}

// TestOutputThroughSymlinks: output folders that reach the content, the
// project or the home folder through a symbolic link are refused like the
// folders themselves, and nothing is written there.
func TestOutputThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	project := filepath.Join(dir, "project")
	src := filepath.Join(project, "content")
	writeTree(t, src, site(t, base))
	os.WriteFile(filepath.Join(project, "go.mod"), []byte("module x\n"), 0o644)
	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o755)
	t.Setenv("HOME", home)
	sentinels := map[string]string{
		filepath.Join(src, "pages", "keep.md"): "---\ntitle: Keep\n---\n",
		filepath.Join(project, "keep.txt"):     "project",
		filepath.Join(home, "keep.txt"):        "home",
	}
	for p, text := range sentinels {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := filepath.Join(dir, "links")
	os.MkdirAll(links, 0o755)
	for name, target := range map[string]string{"content": src, "project": project, "home": home, "root": "/"} {
		if err := os.Symlink(target, filepath.Join(links, name)); err != nil {
			t.Fatal(err)
		}
	}
	before := manifest(t, project)
	beforeHome := manifest(t, home)
	for _, out := range []string{
		filepath.Join(links, "content"),           // the content folder, through a link
		filepath.Join(links, "content", "public"), // inside it, through a link
		filepath.Join(links, "content", "pages"),  // a folder of the content, through a link
		filepath.Join(links, "project"),           // the project root, through a link
		filepath.Join(links, "home"),              // the home folder, through a link
		filepath.Join(links, "root"),              // the root, through a link
		filepath.Join(links, "content") + "/.",    // spelled differently
		filepath.Join(src, "..", "content"),       // spelled differently
		filepath.Join(src, "pages", "keep.md"),    // a file
		home,
		filepath.Join(home, ".."),
	} {
		_, err := generator.Build(context.Background(), generator.Config{Src: os.DirFS(src), SrcRoot: "content", SrcDir: src, Out: out})
		if err == nil {
			t.Errorf("out=%s: built", out)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "refusing") && !strings.Contains(msg, "symbolic link") && !strings.Contains(msg, "not a folder") {
			t.Errorf("out=%s: unclear error: %v", out, err)
		}
	}
	if d := append(diffManifests(before, manifest(t, project)), diffManifests(beforeHome, manifest(t, home))...); len(d) > 0 {
		t.Errorf("refused builds changed files: %v", d)
	}
	for p, text := range sentinels {
		if data, _ := os.ReadFile(p); string(data) != text {
			t.Errorf("sentinel %s changed: %q", p, data)
		}
	}
}

// TestOutputPathsStayInside: every file a build writes is inside the
// output folder, whatever the slugs; the slugs that could climb out are
// refused before (TestFileNamesThatAreNotSlugs).
func TestOutputPathsStayInside(t *testing.T) {
	_, s := build(t, with(t, ""))
	if len(s.Files) < 20 {
		t.Fatalf("only %d files", len(s.Files))
	}
	for _, f := range append(append([]string(nil), s.Files...), pageFiles(s)...) {
		if !filepath.IsLocal(filepath.FromSlash(f)) || strings.Contains(f, "\\") || strings.HasPrefix(f, "/") {
			t.Errorf("output path %q leaves the output folder", f)
		}
	}
}

func pageFiles(s *generator.Site) []string {
	var files []string
	for _, p := range s.Pages {
		files = append(files, p.File)
	}
	return files
}
