package generator

import (
	"net/url"
	"path"
	"strings"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/markdown"
	"github.com/clusterpolisee/polisee/generator/model"
)

// relURL returns the link from the page at site path from to the site path
// to, relative so that the site works under any base path and from disk.
// With indexFiles, links to folders name their index.html, as browsers
// opening files from disk need.
func relURL(from, to string, indexFiles bool) string {
	// The paths are walked a segment at a time, as strings.Split would
	// cut them, and the link is written once: a page makes one for every
	// link it shows.
	to, frag, fromDir := linkEnds(from, to)
	fs, fn := strings.Trim(fromDir, "/"), strings.Count(strings.Trim(fromDir, "/"), "/")+1
	if fromDir == "/" {
		fs, fn = "", 0
	}
	isDir := strings.HasSuffix(to, "/")
	ts, tn := strings.Trim(to, "/"), strings.Count(strings.Trim(to, "/"), "/")+1
	if to == "/" {
		ts, tn = "", 0
	}
	// common segments lead the two; rest is what of ts follows them.
	common, rest := 0, ts
	for f := fs; common < fn && common < tn; common++ {
		fseg, fnext, _ := strings.Cut(f, "/")
		tseg, tnext, _ := strings.Cut(rest, "/")
		if fseg != tseg {
			break
		}
		f, rest = fnext, tnext
	}
	up := fn - common
	var b strings.Builder
	b.Grow(3*up + len(rest) + len("/index.html") + len(frag))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(rest)
	if isDir && tn > common {
		b.WriteByte('/')
	}
	if isDir && indexFiles {
		b.WriteString("index.html")
	}
	if b.Len() == 0 {
		b.WriteString("./")
	}
	b.WriteString(frag)
	return b.String()
}

// linkEnds is what relURL links: to without its #fragment, the
// fragment, and the folder of the page at from, ending in "/".
func linkEnds(from, to string) (target, frag, fromDir string) {
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	fromDir = from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = path.Dir(fromDir)
		if !strings.HasSuffix(fromDir, "/") {
			fromDir += "/"
		}
	}
	return to, frag, fromDir
}

// safeSchemes are the URL schemes a body may link to; everything else
// (javascript:, data:, vbscript:, file: ...) is refused.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// scheme returns the lowercased scheme of a URL as a browser would read it:
// control characters and whitespace are ignored.
func scheme(dest string) string {
	var b strings.Builder
	for _, r := range dest {
		switch {
		case r == ':':
			return strings.ToLower(b.String())
		case r <= ' ' || r == 0x7f:
			continue
		case r == '/' || r == '?' || r == '#' || r == '.':
			return ""
		default:
			b.WriteRune(r)
		}
	}
	return ""
}

// resolveLinks checks every link of one body and rewrites internal ones to
// relative links. urls maps lowercased site paths to their canonical form.
// It reports whether the body has links to pages of the site (resolved or
// not), which depend on what pages exist, and whether it links to files
// that every language shares, which depend on the language of the page;
// and it returns the links to parts of pages (#id), which build checks
// once the pages are rendered (anchorCheck).
func (b *builder) resolveLinks(it *model.Item, doc *markdown.Doc, diags *diag.List) (siteLinks, sharedLinks bool, anchors []anchorLink) {
	pos := func(offset int) diag.Pos {
		p := model.PosAt(it.Body, offset)
		p.Line += it.BodyLine - 1
		return p
	}
	for _, off := range doc.RawHTML {
		diags.Errorf(it.DisplayPath, pos(off), "raw HTML is not allowed in content; write it in Markdown (it would be dropped from the page)")
	}
	for _, l := range doc.Links {
		dest := strings.TrimSpace(l.Dest)
		what := "link"
		if l.Kind == markdown.KindImage {
			what = "image"
		}
		if s := scheme(dest); s != "" {
			if !safeSchemes[s] {
				diags.Errorf(it.DisplayPath, pos(l.Offset), "%s to a %s: URL is not allowed; use an http(s) or mailto link", what, s)
				l.SetDest("")
			}
			continue
		}
		if strings.HasPrefix(dest, "//") {
			diags.Errorf(it.DisplayPath, pos(l.Offset), "%s %q has no scheme; write https://...", what, dest)
			continue
		}
		if dest == "" {
			continue
		}
		if strings.HasPrefix(dest, "#") {
			if l.Kind == markdown.KindLink && len(dest) > 1 {
				anchors = append(anchors, anchorLink{file: it.DisplayPath, pos: pos(l.Offset), href: dest})
			}
			continue
		}
		siteLinks = true
		target, ok := b.internalTarget(it, dest)
		if !ok && l.Kind == markdown.KindImage {
			diags.Errorf(it.DisplayPath, pos(l.Offset), "image %q is not part of the site, whose content is pages only: give the image's full address (https://...)", dest)
			continue
		}
		if !ok {
			diags.Errorf(it.DisplayPath, pos(l.Offset), "%s %q points at no page of the site; write a site path such as /practices/slug/ or a relative path to a .md file%s", what, dest, b.suggestURL(dest))
			continue
		}
		if b.shared(target) {
			sharedLinks = true
		}
		href := relURL(b.prefix+pageURL(it), b.inTree(target), b.cfg.Offline)
		l.SetDest(href)
		if l.Kind == markdown.KindLink && strings.Contains(href, "#") {
			anchors = append(anchors, anchorLink{file: it.DisplayPath, pos: pos(l.Offset), href: href})
		}
	}
	return siteLinks, sharedLinks, anchors
}

// internalTarget resolves a site path (/practices/x/) or a relative path to
// a content file (../practices/x.md) to a canonical site path.
func (b *builder) internalTarget(it *model.Item, dest string) (string, bool) {
	frag := ""
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		dest, frag = dest[:i], dest[i:]
	}
	if i := strings.IndexByte(dest, '?'); i >= 0 {
		dest = dest[:i]
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	if strings.HasSuffix(dest, ".md") {
		p := dest
		if !strings.HasPrefix(p, "/") {
			p = path.Join(path.Dir(it.Path), p)
		}
		p = strings.TrimPrefix(path.Clean(p), "/")
		target := b.byPath[p]
		if target == nil {
			return "", false
		}
		return target.URL() + frag, true
	}
	if !strings.HasPrefix(dest, "/") {
		return "", false
	}
	p := path.Clean(dest)
	// A page in a given language: /el/about/.
	if lang := b.languageFolder(p + "/"); lang != "" {
		target, ok := b.internalTarget(it, strings.TrimPrefix(p, "/"+lang)+"/"+frag)
		if !ok || b.shared(target) {
			return "", false
		}
		return "/" + lang + target, true
	}
	// The open data, the feed, the sitemap: the default language's
	// names; a page in another language links to its own feed.
	if p == "/sitemap.xml" {
		return p + frag, true
	}
	if b.isFixedFile(p) {
		return p + frag, true
	}
	if p != "/" && !strings.Contains(path.Base(p), ".") {
		p += "/"
	}
	canon, ok := b.urls[strings.ToLower(p)]
	if !ok {
		return "", false
	}
	return canon + frag, true
}

// isFixedFile reports whether p (/feed.xml) is one of fixedFiles, by
// the paths planPages noted: the bodies ask for every link to a site
// path, and making the list of fixed files for each took 452 MB of
// allocations in a load of 100,000 generated documents.
func (b *builder) isFixedFile(p string) bool {
	return b.fixedPaths[p]
}

func (b *builder) suggestURL(dest string) string {
	d := strings.ToLower(strings.TrimSuffix(dest, ".md"))
	if !strings.HasPrefix(d, "/") {
		d = "/" + strings.TrimLeft(d, "./")
	}
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	if best := model.Suggest(d, b.urlList); best != "" {
		return " (did you mean " + best + "?)"
	}
	return ""
}

// pageURL is where an item's body appears: its own page, or the home page
// for the page that introduces the site.
func pageURL(it *model.Item) string {
	if it.Type.Folder == model.FolderPages && it.Slug == homeSlug {
		return "/"
	}
	return it.URL()
}
