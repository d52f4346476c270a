package model

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
)

// DefaultMaxFileSize is the largest content file accepted. Markdown parsing
// is quadratic on some inputs; the cap keeps a build bounded in time.
const DefaultMaxFileSize = 512 << 10

// SiteFile is the name of the site configuration file at the content root,
// and SchemaFile that of the file declaring the site's own content types.
const (
	SiteFile   = "site.yaml"
	SchemaFile = "schema.yaml"
)

// Options control loading.
type Options struct {
	// Root is prefixed to paths in messages ("content" gives
	// content/practices/x.md). It does not affect reading.
	Root string
	// Drafts includes items marked draft: true.
	Drafts bool
	// MaxFileSize overrides DefaultMaxFileSize when positive.
	MaxFileSize int64
	// Cache, when set, keeps parsed files between loads (polisee serve).
	Cache *Cache
	// BodiesOnDisk leaves the items' bodies in their files: an item keeps
	// where its body starts and a checksum of the file, and ReadBody reads
	// the body again when it is needed. A build of a hundred thousand
	// pages then holds the front matter in memory, not the text (768 MB of
	// Markdown at 100,000 documents). Item.Body is nil.
	BodiesOnDisk bool
	// PackFrontMatter keeps each item's front matter as bytes in the
	// packed encoding (packenc.go) from the moment its file is read, not
	// as maps of boxed values: fields are read in place (Item.Field and
	// the accessors). A build's heap then holds bytes the collector does
	// not scan, where maps, lists and boxed strings were the largest part
	// of what it marked through the load and the stages after it. An
	// item whose values the encoding cannot hold keeps them decoded.
	PackFrontMatter bool

	// values is the load's set of names (see valueSet).
	values *valueSet
}

// Site is the validated site configuration.
type Site struct {
	Title       string
	Description string
	BaseURL     string
	Repository  string
	Branch      string
	ContentDir  string
	Languages   []string // the first is the default
	// CMS configures the web editor at /admin/; nil when site.yaml has
	// no cms block.
	CMS *CMS
}

// DefaultLanguage is the site's main language.
func (s *Site) DefaultLanguage() string { return s.Languages[0] }

// Content is a loaded and validated content tree.
type Content struct {
	Site Site
	// Schema is the site's content types: the built-in ones and those
	// its schema.yaml declares.
	Schema *Schema
	// Items are the published originals, grouped by type in the order of
	// Types, each group sorted by slug: items in the default language, and
	// those whose lang field gives another (written in it, with no
	// original in the default language).
	Items []*Item
	// Translations are the translations of Items (slug.el.md), each in
	// another language than its original's.
	Translations []*Item
	// base, on content as one language shows it (Localized), is the
	// content it was made from.
	base     *Content
	byFolder map[string][]*Item
	keys     map[string]map[string]*Item
}

// ByFolder returns the published items of one type, sorted by slug.
func (c *Content) ByFolder(folder string) []*Item { return c.byFolder[folder] }

// Lookup finds an item by type folder and reference key (slug, ISO code,
// NUTS code); it returns nil when there is none.
func (c *Content) Lookup(folder, key string) *Item {
	return c.keys[folder][c.normalizeKey(folder, key)]
}

func (c *Content) normalizeKey(folder, key string) string {
	if t := c.Schema.Type(folder); t != nil && t.KeyField != "" {
		return strings.ToUpper(key)
	}
	return key
}

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	tomlLine    = regexp.MustCompile(`line (\d+)`)
)

type source struct {
	path    string // relative to the content root
	typ     *Type
	slug    string
	lang    string
	size    int64
	modTime time.Time
	isSite  bool
	display string
}

// Load reads every content file of fsys, validates it against the schema
// and resolves cross-references. The returned list holds every problem
// found, sorted; Content is nil only when the tree could not be read at all.
func Load(fsys fs.FS, opts Options) (*Content, diag.List) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	schema, schemaDiags := loadSchema(fsys, opts)
	w := &walker{opts: opts, schema: schema, schemaBroken: schemaDiags.HasErrors(), diags: schemaDiags}
	if err := fs.WalkDir(fsys, ".", w.visit); err != nil {
		w.diags.Errorf(w.display("."), diag.Pos{}, "cannot read the content folder: %v", err)
		return nil, w.diags
	}
	diags, sources := w.diags, w.sources
	c := &Content{Schema: schema, byFolder: map[string][]*Item{}, keys: map[string]map[string]*Item{}}
	c.Site, diags = loadSite(fsys, w.site, opts, diags)

	items := make([]*Item, len(sources))
	fileDiags := make([]diag.List, len(sources))
	cache := opts.Cache.begin(opts, c.Site.DefaultLanguage(), schema)
	opts.values = &valueSet{}
	workers.EachFile(len(sources), func(i int) {
		if it, d, ok := cache.get(sources[i]); ok {
			items[i], fileDiags[i] = it, d
			return
		}
		items[i], fileDiags[i] = loadItem(fsys, sources[i], opts)
	})
	cache.end(sources, items, fileDiags)
	for _, l := range fileDiags {
		diags.Append(l)
	}
	c.place(items, sources, opts.Drafts, &diags)
	c.index(&diags)
	c.validate(&diags)
	diags.Sort()
	return c, diags
}

// walker finds the content files of a tree: site.yaml and the Markdown
// files of the content folders, reporting what does not belong.
type walker struct {
	opts   Options
	schema *Schema
	// schemaBroken is set when schema.yaml has errors.
	schemaBroken bool
	diags        diag.List
	sources      []source
	site         *source // site.yaml, if any
}

// display is how path p of the tree appears in messages.
func (w *walker) display(p string) string {
	if w.opts.Root == "" {
		return p
	}
	return path.Join(w.opts.Root, p)
}

// visit is the fs.WalkDirFunc of the walk: it skips hidden names, refuses
// links, special files, sub-folders and unknown folders, and hands files
// on to file.
func (w *walker) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		w.diags.Errorf(w.display(p), diag.Pos{}, "cannot read: %v", unwrapPath(err))
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if p == "." {
		return nil
	}
	name := d.Name()
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if d.Type()&fs.ModeSymlink != 0 {
		w.diags.Errorf(w.display(p), diag.Pos{}, "symbolic links are not followed; replace the link with the file or folder itself")
		return nil
	}
	if !d.IsDir() && !d.Type().IsRegular() {
		w.diags.Errorf(w.display(p), diag.Pos{}, "not a regular file; content holds only plain files")
		return nil
	}
	if d.IsDir() {
		dir := path.Dir(p)
		if strings.Contains(p, "/") {
			w.diags.Errorf(w.display(p), diag.Pos{}, "sub-folders are not allowed inside %s/; put the file directly in %s/", dir, dir)
			return fs.SkipDir
		}
		if w.schema.Type(name) == nil && w.schemaBroken {
			// Most likely a type of the broken schema.yaml: its
			// problems are reported, and its folder waits for them.
			return fs.SkipDir
		}
		if w.schema.Type(name) == nil {
			folders := w.schema.Folders()
			w.diags.Errorf(w.display(p), diag.Pos{}, "unknown content folder %q%s; the folders are: %s (a site declares more in %s)", name, didYouMean(name, folders), strings.Join(folders, ", "), SchemaFile)
			return fs.SkipDir
		}
		return nil
	}
	info, err := d.Info()
	if err != nil {
		w.diags.Errorf(w.display(p), diag.Pos{}, "cannot read: %v", unwrapPath(err))
		return nil
	}
	w.file(p, info)
	return nil
}

// file takes a plain file of the tree: site.yaml at the top, or an item
// (slug.md, or slug.LANG.md for a translation) in a content folder.
func (w *walker) file(p string, info fs.FileInfo) {
	// The file's path and the path shown to people (under the content
	// folder) share their bytes, as do the slug and the language taken
	// from them: one string for each file, kept to the build's end,
	// where there were two (one object less for the collector to mark
	// in every collection).
	display := w.display(p)
	if strings.HasSuffix(display, p) && (len(display) == len(p) || display[len(display)-len(p)-1] == '/') {
		p = display[len(display)-len(p):]
	}
	dir, base := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		switch {
		case base == SiteFile:
			w.site = &source{path: p, size: info.Size(), isSite: true, display: display}
		case base == SchemaFile:
			// Read by loadSchema, before the walk.
		case strings.HasSuffix(base, ".go"), strings.EqualFold(base, "README.md"):
			// The package that embeds the starter content; a readme for humans.
		default:
			w.diags.Warnf(display, diag.Pos{}, "ignored: only %s and the content folders belong at the top of the content tree", SiteFile)
		}
		return
	}
	if !strings.HasSuffix(base, ".md") {
		w.diags.Warnf(display, diag.Pos{}, "ignored: only .md files are content")
		return
	}
	stem := strings.TrimSuffix(base, ".md")
	slug, lang := stem, ""
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		slug, lang = stem[:i], stem[i+1:]
		if !langPattern.MatchString(lang) {
			w.diags.Errorf(display, diag.Pos{}, "file name %q: %q is not a language code; name translations slug.el.md, with a lowercase ISO 639-1 code", base, lang)
			return
		}
	}
	if !slugPattern.MatchString(slug) {
		w.diags.Errorf(display, diag.Pos{}, "file name %q is not a valid slug: use lowercase letters, digits and hyphens, e.g. %q", base, suggestSlug(slug)+".md")
		return
	}
	if windowsReserved(slug) {
		w.diags.Errorf(display, diag.Pos{}, "file name %q is a device name on Windows: its page could not be saved there, nor an offline copy unzipped; rename it, e.g. %q", base, slug+"-1.md")
		return
	}
	w.sources = append(w.sources, source{path: p, typ: w.schema.Type(dir), slug: slug, lang: lang, size: info.Size(), modTime: info.ModTime(), display: display})
}

// place sorts the loaded items (items[i] read from sources[i], nil when
// it failed) into the content's originals and translations, leaving out
// drafts unless drafts is set.
//
// A file without a language suffix is an original: in the default
// language, or in the one its lang field gives. slug.LANG.md beside it is
// its translation into LANG, another language than the original's;
// without slug.md, slug.LANG.md in the default language is the original
// itself. A draft's translations are left out with it.
func (c *Content) place(items []*Item, sources []source, drafts bool, diags *diag.List) {
	def := c.Site.DefaultLanguage()
	plain := map[string]string{} // folder/slug of an original -> its language
	left := map[string]bool{}    // folder/slug of a draft left out
	for i, it := range items {
		if it != nil && sources[i].lang == "" {
			lang := it.Lang
			if lang == "" {
				lang = def
			}
			plain[it.Type.Folder+"/"+it.Slug] = lang
			if it.Draft && !drafts {
				left[it.Type.Folder+"/"+it.Slug] = true
			}
		}
	}
	languages := strings.Join(c.Site.Languages, ", ")
	for i, it := range items {
		if it == nil {
			continue
		}
		src := sources[i]
		if it.Lang == "" {
			it.Lang = def
		}
		if !contains(c.Site.Languages, it.Lang) {
			if src.lang != "" {
				diags.Errorf(it.DisplayPath, diag.Pos{Line: 1, Col: 1}, "language %q is not declared: add it to languages in %s, or rename the file", it.Lang, SiteFile)
				continue
			}
			// The original stays, so that what refers to it is checked.
			diags.Errorf(it.DisplayPath, it.posOf("lang"), "lang %q is not one of the site's languages (%s): use one of them, or add %s to languages in %s", it.Lang, languages, it.Lang, SiteFile)
		}
		if l := it.String("lang"); src.lang != "" && it.Has("lang") && l != src.lang {
			diags.Errorf(it.DisplayPath, it.posOf("lang"), "lang %q disagrees with the file name, which says the file is in %q: remove lang (a file named slug.LANG.md is in LANG), or give the file the name of its language", l, src.lang)
		}
		key := it.Type.Folder + "/" + it.Slug
		if it.Draft && !drafts || (src.lang != "" && left[key]) {
			continue
		}
		if src.lang == "" {
			c.Items = append(c.Items, it)
			continue
		}
		origLang, hasOrig := plain[key]
		switch {
		case hasOrig && src.lang == origLang && origLang == def:
			diags.Errorf(it.DisplayPath, diag.Pos{Line: 1, Col: 1}, "%q is the site's default language (the first of languages in %s), and %s.md is already the page in it: files without a language suffix are in the default language; rename the files to match the languages, or remove one", src.lang, SiteFile, key)
		case hasOrig && src.lang == origLang:
			diags.Errorf(it.DisplayPath, diag.Pos{Line: 1, Col: 1}, "%s.md is already in %q (its lang field says so), so this file translates it into its own language: rename it to the language it translates into, or remove one", key, src.lang)
		case hasOrig || src.lang != def:
			// A translation; one without an original is reported by
			// checkTranslations.
			c.Translations = append(c.Translations, it)
		default:
			c.Items = append(c.Items, it)
		}
	}
}

// windowsReserved reports the names Windows keeps for devices (CON, NUL,
// COM1...), which no file or folder there may have.
func windowsReserved(slug string) bool {
	switch slug {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(slug) == 4 && (strings.HasPrefix(slug, "com") || strings.HasPrefix(slug, "lpt")) && slug[3] >= '1' && slug[3] <= '9' {
		return true
	}
	return false
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func suggestSlug(s string) string {
	// Letters with accents lose them (é is e, ő is o), rather than
	// becoming hyphens.
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		return "new-page"
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// readCapped reads a file, refusing it when it is larger than max.
//
// into, when given, is the buffer the file is read into (its bytes are
// then the caller's until it lets the buffer go); else a new one.
func readCapped(fsys fs.FS, p string, size, max int64, into *bytes.Buffer) ([]byte, error) {
	if size > max {
		return nil, fmt.Errorf("file is %s; the limit is %s: split it into several pages", humanSize(size), humanSize(max))
	}
	// Read into a buffer of the size the folder listing gave (plus room to
	// see a file that grew since): io.ReadAll would start small and grow
	// it, copying, for every file. A file that grew past that goes on
	// being read, never past the limit.
	n := int(min(min(size, max)+512, max+1))
	var buf []byte
	if into == nil {
		buf = make([]byte, n)
	} else {
		into.Reset()
		into.Grow(n)
		buf = into.AvailableBuffer()[:n]
	}
	// Read to the end (size -1), not to the listed size: a file that
	// grows while it is read is read as it grows, and refused past the
	// limit.
	data, err := readFile(fsys, p, buf, -1, max+1)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("file is larger than the limit of %s: split it into several pages", humanSize(max))
	}
	return data, nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// checkText reports NUL bytes, invalid UTF-8 and carriage returns not
// followed by a line feed, at their position.
func checkText(data []byte) (diag.Pos, string, bool) {
	if plainText(data) {
		return diag.Pos{}, "", true
	}
	return scanText(data)
}

// scanText is checkText rune by rune, counting lines and columns.
func scanText(data []byte) (diag.Pos, string, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return diag.Pos{Line: line, Col: col}, "invalid UTF-8: save the file as UTF-8", false
		case r == 0:
			return diag.Pos{Line: line, Col: col}, "NUL byte: the file looks binary; content must be UTF-8 text", false
		case r == '\r' && (i+1 >= len(data) || data[i+1] != '\n'):
			// YAML and Markdown would count it as a line break, editors
			// and this checker might not: refuse it so positions agree.
			return diag.Pos{Line: line, Col: col}, "stray carriage return (CR) character: save the file with LF or CRLF line endings", false
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return diag.Pos{}, "", true
}

// plainText reports whether checkText has nothing to report in data,
// without counting lines and columns rune by rune as it does to say
// where: the standard library's checks run several times as fast, and
// nearly every file passes (checkText took 1.7 s of CPU when a build
// loaded 100,000 generated documents; on 8 KB of text, 3.0 µs against
// 14.5, BenchmarkCheckText).
func plainText(data []byte) bool {
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	for i := 0; ; {
		cr := bytes.IndexByte(data[i:], '\r')
		if cr < 0 {
			return true
		}
		i += cr + 1
		if i >= len(data) || data[i] != '\n' {
			return false
		}
	}
}

// PosAt converts a byte offset in data to a line and column (in runes).
func PosAt(data []byte, offset int) diag.Pos {
	if offset > len(data) {
		offset = len(data)
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{Line: line, Col: utf8.RuneCount(before[start:]) + 1}
}

var bom = []byte("\xef\xbb\xbf")

type fmKind int

const (
	fmYAML fmKind = iota
	fmTOML
	fmJSON
)

// openers are the lines that open front matter: the format each opens
// and the line that closes it.
var openers = map[string]struct {
	kind   fmKind
	closer string
}{
	"---": {fmYAML, "---"}, "---yaml": {fmYAML, "---"},
	"+++": {fmTOML, "+++"}, "---toml": {fmTOML, "---"},
	";;;": {fmJSON, ";;;"}, "---json": {fmJSON, "---"},
}

type frontMatter struct {
	// file is the file as read, data the same without its byte order
	// mark.
	file, data []byte
	raw        []byte
	kind       fmKind
	found      bool
	openLine   int // line of the opening delimiter
	body       []byte
	bodyLine   int
	unclosed   bool
	bodyStart  int  // byte offset of the body in the file
	whole      bool // the whole file is YAML (site.yaml), not front matter
}

// splitFrontMatter separates the front matter from the body, and works
// out the line numbers that let positions count from the top of the file.
// It reads delimiters as github.com/adrg/frontmatter did (which it
// replaces, to split the file where it lies rather than copy it): the
// first line that is not blank, spaces trimmed, opens the front matter
// if it is an opener (see openers) and a line end follows it; the first
// line after it that is the opener's closer, spaces trimmed, closes it,
// even as the file's last line.
func splitFrontMatter(data []byte) frontMatter {
	var fm frontMatter
	pos := 0
	// nextLine returns the line at pos, its end included, and moves past
	// it; last is set for a line no line end closes (the file's end).
	nextLine := func() (line []byte, last bool) {
		rest := data[pos:]
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			pos += i + 1
			return rest[:i+1], false
		}
		pos = len(data)
		return rest, true
	}
	opener, closer := "", ""
	for line := 1; pos < len(data); line++ {
		l, last := nextLine()
		fm.openLine = line
		t := bytes.TrimSpace(l)
		if len(t) == 0 {
			continue
		}
		opener = string(t)
		if !last {
			closer = openers[opener].closer
		}
		break
	}
	if closer != "" {
		start := pos
		for {
			before := pos
			l, last := nextLine()
			if string(bytes.TrimSpace(l)) == closer {
				fm.raw = append([]byte(nil), data[start:before]...)
				fm.kind = openers[opener].kind
				fm.found = true
				break
			}
			if last {
				break
			}
		}
	}
	if !fm.found {
		if _, ok := openers[opener]; ok {
			fm.unclosed = true
		}
		fm.body = data
		fm.bodyLine = 1
		return fm
	}
	fm.bodyStart = pos
	fm.body = data[fm.bodyStart:]
	fm.bodyLine = bytes.Count(data[:fm.bodyStart], []byte("\n")) + 1
	return fm
}

// yamlLines maps the line numbers the YAML parser gives inside raw to
// lines as polisee counts them everywhere else, ended by \n. YAML also
// ends a line at a lone \r (old Mac line ends), so past one its lines run
// ahead of the file's. It returns nil when the two agree. (Load refuses
// files with a lone \r before parsing them; parse errors are placed right
// all the same.)
func yamlLines(raw []byte) func(int) int {
	if !bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\r")) {
		return nil
	}
	// fileLine[k] is the file line of YAML line k+1.
	fileLine := []int{1}
	line := 1
	for i, c := range raw {
		switch {
		case c == '\n':
			line++
			fileLine = append(fileLine, line)
		case c == '\r' && (i+1 == len(raw) || raw[i+1] != '\n'):
			fileLine = append(fileLine, line)
		}
	}
	return func(n int) int {
		switch {
		case n < 1:
			return n
		case n > len(fileLine):
			return fileLine[len(fileLine)-1]
		}
		return fileLine[n-1]
	}
}

// decodeTOML is toml.Decode with the library's own panics (it reports
// some malformed input, such as an inline table cut short by a comment,
// as a bug of its parser) turned into errors, so that a bad file is an
// error at its line, never a crash.
func decodeTOML(raw string, m *map[string]any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.TrimPrefix(fmt.Sprint(r), "BUG: ")
			if msg != "" {
				msg = strings.ToLower(msg[:1]) + msg[1:]
			}
			err = errors.New(msg)
		}
	}()
	_, err = toml.Decode(raw, m)
	return err
}

// parseFrontMatter turns the raw block into a YAML node tree; TOML is
// converted so that one validator serves every format.
//
// A YAML tree read by plain, when given (plainYAML), is plain's: it must
// not be used after plain is released.
func parseFrontMatter(fm frontMatter, plain *plainParser) (*yaml.Node, diag.Pos, string) {
	offset := fm.openLine
	switch fm.kind {
	case fmTOML:
		// github.com/BurntSushi/toml takes time growing with the square
		// of the nesting depth: refuse deep nesting before decoding.
		if line, deep := tomlDepth(fm.raw, maxTOMLDepth); deep {
			return nil, diag.Pos{Line: offset + line, Col: 1}, fmt.Sprintf("invalid TOML front matter: arrays and tables nested more than %d deep", maxTOMLDepth)
		}
		var m map[string]any
		if err := decodeTOML(string(fm.raw), &m); err != nil {
			msg := err.Error()
			pos := diag.Pos{Line: offset, Col: 1}
			if sm := tomlLine.FindStringSubmatch(msg); sm != nil {
				n, _ := strconv.Atoi(sm[1])
				pos.Line = offset + n
			}
			return nil, pos, "invalid TOML front matter: " + msg
		}
		return tomlToNode(m, fm.raw), diag.Pos{}, ""
	default:
		if fm.kind == fmYAML {
			if plain == nil {
				plain = new(plainParser)
			}
			if root, ok := plain.parse(fm.raw); ok {
				return root, diag.Pos{}, ""
			}
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(fm.raw, &doc); err != nil {
			line, col, msg := yamlErrorPos(fm.raw, err, fm.kind == fmJSON)
			pos := diag.Pos{Line: offset + line, Col: col}
			what := "YAML"
			if fm.kind == fmJSON {
				what = "JSON"
			}
			if !fm.whole {
				what += " front matter"
			}
			return nil, pos, fmt.Sprintf("invalid %s: %s", what, msg)
		}
		if doc.Kind == 0 || len(doc.Content) == 0 {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}, diag.Pos{}, ""
		}
		return doc.Content[0], diag.Pos{}, ""
	}
}

// tomlToNode builds a node tree from decoded TOML. TOML's decoder keeps no
// positions, so each top-level key gets the line where it is written.
func tomlToNode(m map[string]any, raw []byte) *yaml.Node {
	// The line of each top-level key, found in one pass: a regular
	// expression per key over every line took minutes on a file of many
	// tables.
	firstLine := map[string]int{}
	for i, l := range strings.Split(string(raw), "\n") {
		if sm := tomlKeyLine.FindStringSubmatch(l); sm != nil {
			key := sm[1] + sm[2]
			if _, ok := firstLine[key]; !ok {
				firstLine[key] = i + 1
			}
		}
	}
	lineOf := func(key string) int {
		if l, ok := firstLine[key]; ok {
			return l
		}
		return 1
	}
	var conv func(v any, line int) *yaml.Node
	conv = func(v any, line int) *yaml.Node {
		n := &yaml.Node{Line: line, Column: 1}
		switch v := v.(type) {
		case map[string]any:
			n.Kind = yaml.MappingNode
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1}, conv(v[k], line))
			}
		case []map[string]any:
			n.Kind = yaml.SequenceNode
			for _, e := range v {
				n.Content = append(n.Content, conv(e, line))
			}
		case []any:
			n.Kind = yaml.SequenceNode
			for _, e := range v {
				n.Content = append(n.Content, conv(e, line))
			}
		case string:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", v
		case int64:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", strconv.FormatInt(v, 10)
		case float64:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", strconv.FormatFloat(v, 'g', -1, 64)
		case bool:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(v)
		case time.Time:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!timestamp", v.Format("2006-01-02")
		default:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", fmt.Sprint(v)
		}
		return n
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		l := lineOf(k)
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: l, Column: 1}, conv(m[k], l))
	}
	return root
}

// readFrontMatter reads a file and decodes its front matter against fields.
// It returns nil values when the file cannot be used.
func readFrontMatter(fsys fs.FS, src source, max int64, fields []*Field, values *valueSet, into *bytes.Buffer) (fm frontMatter, vals map[string]any, pos map[string]diag.Pos, d *decoder, diags diag.List) {
	data, err := readCapped(fsys, src.path, src.size, max, into)
	if err != nil {
		diags.Errorf(src.display, diag.Pos{}, "%v", err)
		return fm, nil, nil, nil, diags
	}
	if p, msg, ok := checkText(data); !ok {
		diags.Errorf(src.display, p, "%s", msg)
		return fm, nil, nil, nil, diags
	}
	file := data
	data = bytes.TrimPrefix(data, bom)
	if src.isSite {
		fm = frontMatter{raw: data, found: true, whole: true}
	} else {
		fm = splitFrontMatter(data)
	}
	fm.file, fm.data = file, data
	if fm.unclosed {
		diags.Errorf(src.display, diag.Pos{Line: fm.openLine, Col: 1}, "front matter is opened here but never closed: add a closing delimiter line after the last field")
		return fm, nil, nil, nil, diags
	}
	if !fm.found {
		diags.Errorf(src.display, diag.Pos{Line: 1, Col: 1}, "no front matter: start the file with a line \"---\", the fields (at least title), and another \"---\"")
		return fm, nil, nil, nil, diags
	}
	plain := plainParsers.Get().(*plainParser)
	defer plain.release()
	node, p, msg := parseFrontMatter(fm, plain)
	if node == nil {
		diags.Errorf(src.display, p, "%s", msg)
		return fm, nil, nil, nil, diags
	}
	d = &decoder{path: src.display, lineOffset: fm.openLine, diags: &diags, values: values}
	missing := diag.Pos{Line: max1(fm.openLine), Col: 1}
	vals, pos = d.object(node, fields, missing, true)
	return fm, vals, pos, d, diags
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// ReadBody reads again the body of an item loaded with BodiesOnDisk, from
// the folder it was loaded from, refusing a file that changed since. An
// item with its body in memory returns it.
func (it *Item) ReadBody(fsys fs.FS) ([]byte, error) {
	return it.ReadBodyInto(fsys, nil)
}

// ReadBodyInto is ReadBody reading the file into *buf (made larger when
// it is too small, and then left so) rather than into new memory: the
// body returned is a part of *buf, the caller's to reuse once nothing
// keeps the body. A nil buf reads into new memory.
func (it *Item) ReadBodyInto(fsys fs.FS, buf *[]byte) ([]byte, error) {
	d := &it.onDisk
	if !d.left {
		return it.Body, nil
	}
	data, err := readUpTo(fsys, it.Path, d.size+1, buf)
	if err != nil {
		return nil, fmt.Errorf("%v: build again", err)
	}
	if int64(len(data)) != d.size || crc32.ChecksumIEEE(data) != d.sum {
		return nil, errors.New("the file changed while the site was being built: build again")
	}
	return data[d.start:], nil
}

// readUpTo reads at most n bytes of a file listed at n-1 bytes, into one
// buffer of n bytes (bytes.Buffer.ReadFrom would double a full buffer to
// look for the end): *into when it is given and large enough (else a new
// buffer, which *into then keeps). A file that grew since it was listed
// fills the buffer and so shows its new size.
func readUpTo(fsys fs.FS, p string, n int64, into *[]byte) ([]byte, error) {
	var buf []byte
	if into != nil && int64(cap(*into)) >= n {
		buf = (*into)[:n]
	} else {
		buf = make([]byte, n)
		if into != nil {
			*into = buf
		}
	}
	data, err := readFile(fsys, p, buf, n-1, n)
	if err != nil {
		return nil, unwrapPath(err)
	}
	return data, nil
}

// fileBuffers are the buffers loadItem reads files into when it keeps
// none of their bytes.
var fileBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func loadItem(fsys fs.FS, src source, opts Options) (*Item, diag.List) {
	fields := src.typ.Fields
	if src.lang != "" {
		fields = translationFields(fields)
	}
	var into *bytes.Buffer
	if opts.BodiesOnDisk && opts.Cache == nil {
		// Nothing the item keeps points into the file's bytes (the
		// decoded values are copies, the body is read again later): the
		// buffer serves the next file. At 10,000 documents the files'
		// buffers were 89 MB of the load's 963 MB of allocations.
		into = fileBuffers.Get().(*bytes.Buffer)
		defer fileBuffers.Put(into)
	}
	fm, vals, pos, d, diags := readFrontMatter(fsys, src, opts.MaxFileSize, fields, opts.values, into)
	if vals == nil {
		return nil, diags
	}
	it := &Item{
		Type: src.typ, Slug: src.slug, Lang: src.lang, Path: src.path, DisplayPath: src.display,
		data: vals, FieldPos: pos, Body: fm.body, BodyLine: fm.bodyLine, refs: d.refs, frontMatter: fm.raw,
	}
	if opts.PackFrontMatter {
		if p, ok := packFields(vals); ok {
			it.data, it.packed = nil, p
		}
	}
	if opts.BodiesOnDisk {
		it.onDisk = bodyOnDisk{size: int64(len(fm.file)), sum: crc32.ChecksumIEEE(fm.file), left: true, start: fm.bodyStart + (len(fm.file) - len(fm.data))}
		it.Body, it.frontMatter = nil, nil
	}
	if src.lang == "" {
		// An original says its language with lang; a translation's is
		// its file name's (Load checks that the two agree).
		it.Lang = it.String("lang")
	}
	it.Title = it.String("title")
	it.Summary = it.String("summary")
	it.Draft = it.Bool("draft")
	it.Updated = it.Date("updated")
	if it.Title == "" {
		// Reported as missing; the item stays so that its other problems
		// (references, links) are reported in the same run.
		it.Title = it.Slug
	}
	it.SortKey = strings.ToLower(it.Title)
	return it, diags
}

func loadSite(fsys fs.FS, src *source, opts Options, diags diag.List) (Site, diag.List) {
	site := Site{Title: "Cluster policy knowledge base", Branch: "main", ContentDir: "content", Languages: []string{"en"}}
	if src == nil {
		return site, diags
	}
	_, vals, pos, _, fileDiags := readFrontMatter(fsys, *src, opts.MaxFileSize, SiteFields, nil, nil)
	diags.Append(fileDiags)
	if vals == nil {
		return site, diags
	}
	get := func(name string, into *string) {
		if s, ok := vals[name].(string); ok && s != "" {
			*into = s
		}
	}
	get("title", &site.Title)
	get("description", &site.Description)
	get("base_url", &site.BaseURL)
	get("repository", &site.Repository)
	get("branch", &site.Branch)
	get("content_dir", &site.ContentDir)
	if l, ok := vals["languages"].([]any); ok && len(l) > 0 {
		site.Languages = site.Languages[:0]
		for _, v := range l {
			site.Languages = append(site.Languages, v.(string))
		}
	}
	site.CMS = loadCMS(vals, pos, &site, src.display, &diags)
	return site, diags
}

// translationFields are a type's fields as a translation (slug.el.md)
// sees them: only words are required; facts such as countries, areas,
// periods or sources, and the key (a country's ISO code), are inherited
// from the original when left out.
func translationFields(fields []*Field) []*Field {
	out := make([]*Field, len(fields))
	for i, f := range fields {
		if f.Required && !IsWords(f) {
			c := *f
			c.Required = false
			f = &c
		}
		out[i] = f
	}
	return out
}

// IsWords reports whether a field holds words that a translation gives in
// its language (titles, short labels, summaries, notes), as opposed to
// facts that it inherits from its original (codes, periods, references,
// dates, sources).
func IsWords(f *Field) bool {
	return f.Kind == KindText || (f.Kind == KindString && (f.Name == "title" || f.Name == "short")) || f.Name == "aliases"
}

// tomlKeyLine finds the key a TOML line sets (key = ...) or opens
// ([key] or [[key]], or [key.sub]).
var tomlKeyLine = regexp.MustCompile(`^\s*(?:([^\s=\[\]#"']+)\s*=|\[\[?\s*([^\s\].]+)\s*[\].])`)

// maxTOMLDepth bounds the nesting of arrays and inline tables in TOML
// front matter; no real front matter comes near it.
const maxTOMLDepth = 32

// tomlDepth reports whether raw nests arrays and inline tables deeper
// than max, and the line (from 1) where it does. Brackets in strings and
// comments do not count.
func tomlDepth(raw []byte, max int) (int, bool) {
	depth, line := 0, 1
	var quote byte // the quote of the string being read, or 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\n':
			// Strings end at the line; the lines of a multi-line
			// string are read as if outside it, which can only count
			// more brackets.
			line++
			quote = 0
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i < len(raw) && raw[i] != '\n' {
				i++
			}
			i--
		case c == '[' || c == '{':
			depth++
			if depth > max {
				return line, true
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, false
}
