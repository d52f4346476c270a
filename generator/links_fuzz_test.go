package generator

import (
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator/model"
)

// sitePathOf turns arbitrary text into a site path such as pages make:
// "/" and segments of safe characters, ending in "/" (a folder) or in a
// file name.
func sitePathOf(s string, dir bool) string {
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		seg = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
				return r
			}
			return -1
		}, strings.ToLower(seg))
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	p := "/" + strings.Join(segs, "/")
	if dir && p != "/" {
		p += "/"
	}
	if !dir && len(segs) > 0 {
		p += ".html"
	}
	return p
}

// FuzzRelURL: a relative link from one page to another, resolved by a
// browser against the page's address, leads to the other page, under any
// base path; with index files, to its index.html.
func FuzzRelURL(f *testing.F) {
	for _, s := range [][5]string{
		{"practices/x", "practices/y", "", "1", "1"},
		{"", "", "", "1", "1"},
		{"a/b/c", "", "#top", "1", "1"},
		{"", "a/b", "#x", "1", "0"},
		{"practices/status/piloted", "practices", "", "1", "1"},
		{"a", "a/b/c", "", "0", "1"},
		{"feed", "sitemap", "", "0", "0"},
		{"x/y", "x/y", "#a-b", "1", "1"},
	} {
		f.Add(s[0], s[1], s[2], s[3] == "1", s[4] == "1")
	}
	f.Fuzz(func(t *testing.T, from, to, frag string, fromDir, toDir bool) {
		from, to = sitePathOf(from, fromDir), sitePathOf(to, toDir)
		frag = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r == '-' {
				return r
			}
			return -1
		}, frag)
		if frag != "" { // an empty fragment ("#") is dropped by net/url
			frag = "#" + frag
		}
		for _, indexFiles := range []bool{false, true} {
			rel := relURL(from, to+frag, indexFiles)
			if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "//") || strings.Contains(rel, ":") {
				t.Fatalf("relURL(%q, %q) = %q: not a relative link", from, to+frag, rel)
			}
			for _, base := range []string{"https://example.org", "https://example.org/sub/dir", "file:///home/u/site"} {
				page, _ := url.Parse(base + from)
				r, err := url.Parse(rel)
				if err != nil {
					t.Fatalf("relURL(%q, %q) = %q: %v", from, to, rel, err)
				}
				got := page.ResolveReference(r).String()
				want := base + to
				if indexFiles && strings.HasSuffix(to, "/") {
					want += "index.html"
				}
				want += frag
				if got != want {
					t.Fatalf("relURL(%q, %q, %v) = %q, which from %s leads to %s; want %s", from, to+frag, indexFiles, rel, base+from, got, want)
				}
			}
		}
	})
}

var browserSchemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// FuzzScheme: when a browser would read a scheme in a link, scheme()
// reads the same one (or, for a scheme with a dot, none), so that a
// script URL cannot pass the check by its spelling. (A browser drops leading and trailing spaces and control
// characters, and tabs and newlines anywhere.)
func FuzzScheme(f *testing.F) {
	for _, s := range []string{"javascript:x", " JaVaScRiPt:x", "java\tscript:x", "\x01javascript:x", "java\nscript:x",
		"https://x", "/a:b", "a/b:c", "#x:y", "?q=a:b", "mailto:a@b", "data:text/html,x", "vbscript:x", "x.y:z", "\u00a0javascript:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		u := strings.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
		u = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, u)
		m := browserSchemeRE.FindStringSubmatch(u)
		if m == nil {
			return
		}
		want := strings.ToLower(m[1])
		got := scheme(dest)
		// scheme() stops at a dot: "x.y:z" is taken for a path, which
		// no page has (file names are slugs), so the link is refused
		// all the same. No script-running scheme has a dot.
		if got != want && !(got == "" && strings.Contains(want, ".")) {
			t.Fatalf("scheme(%q) = %q; a browser reads %q", dest, got, want)
		}
	})
}

// FuzzOutputFile: whatever name a content file has, an item the loader
// accepts maps to an output file inside the output folder: a relative
// path with no ".." and no backslash, ending in index.html.
func FuzzOutputFile(f *testing.F) {
	for _, s := range []string{"about", "..", "a..b", "x.el", "CON", "a/b", "a\\b", "é", "-", "a-b-c-1", "%2e%2e", ".hidden", "x.md"} {
		f.Add("pages", s)
		f.Add("practices", s)
	}
	f.Fuzz(func(t *testing.T, folder, name string) {
		if model.TypeByFolder(folder) == nil || strings.ContainsAny(name, "/\x00") || name == "" || name == "." || name == ".." {
			return
		}
		p := folder + "/" + name + ".md"
		if !fsValid(p) {
			return
		}
		fsys := fstest.MapFS{
			"site.yaml": {Data: []byte("title: T\n")},
			p:           {Data: []byte("---\ntitle: T\n---\n")},
		}
		c, _ := model.Load(fsys, model.Options{Drafts: true})
		if c == nil {
			return
		}
		for _, it := range append(append([]*model.Item(nil), c.Items...), c.Translations...) {
			for _, u := range []string{it.URL(), pageURL(it)} {
				out := outputFile(u)
				if !filepath.IsLocal(filepath.FromSlash(out)) || strings.Contains(out, "\\") || strings.HasPrefix(out, "/") || strings.Contains("/"+out+"/", "/../") || !strings.HasSuffix(out, "index.html") {
					t.Fatalf("%s: URL %q maps to output file %q", p, u, out)
				}
			}
		}
	})
}

// fsValid reports whether p is a path fs.FS accepts.
func fsValid(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// relURLBySplit is relURL as it was written first, cutting both paths
// with strings.Split: FuzzRelURLAsSplit holds relURL to it.
func relURLBySplit(from, to string, indexFiles bool) string {
	to, frag, fromDir := linkEnds(from, to)
	fs := strings.Split(strings.Trim(fromDir, "/"), "/")
	if fromDir == "/" {
		fs = nil
	}
	isDir := strings.HasSuffix(to, "/")
	ts := strings.Split(strings.Trim(to, "/"), "/")
	if to == "/" {
		ts = nil
	}
	common := 0
	for common < len(fs) && common < len(ts) && fs[common] == ts[common] {
		common++
	}
	var b strings.Builder
	for i := common; i < len(fs); i++ {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(ts[common:], "/"))
	if isDir && len(ts) > common {
		b.WriteByte('/')
	}
	s := b.String()
	if isDir && indexFiles {
		s += "index.html"
	}
	if s == "" {
		s = "./"
	}
	return s + frag
}

// FuzzRelURLAsSplit: relURL gives what relURLBySplit gives for any two
// strings, paths or not (doubled and missing slashes, dots, fragments).
func FuzzRelURLAsSplit(f *testing.F) {
	for _, s := range [][2]string{
		{"/practices/x/", "/practices/y/"}, {"/", "/"}, {"/a/b/c/", "/#top"},
		{"/", "/a/b#x"}, {"/a//b/", "/a//c/"}, {"", ""}, {"//", "//"},
		{"/a/b.html", "/a/c.html"}, {"a", "a/"}, {"/x/y/", "/x/y/#a-b"},
		{"/a/../b/", "/a/./b/"}, {"/feed.xml", "/sitemap.xml"}, {"/a/b/", "/a/b"},
	} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, from, to string, indexFiles bool) {
		if got, want := relURL(from, to, indexFiles), relURLBySplit(from, to, indexFiles); got != want {
			t.Fatalf("relURL(%q, %q, %v) = %q, by Split %q", from, to, indexFiles, got, want)
		}
	})
}
