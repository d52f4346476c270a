package generator

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sync"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/workers"
	"github.com/clusterpolisee/polisee/generator/model"
)

// A Preview builds one site again and again into one folder, for polisee
// serve, and re-does only what a change touches:
//
//   - files whose size and time are unchanged are not read or parsed again
//     (model.Cache), and their bodies are not rendered again;
//   - a page is rendered again only when something it read last time
//     changed (see uses.go): an edit to a practice's text renders that
//     practice's page; an edit to its title also renders the pages that
//     show the title (lists, back-links, related items, the home page);
//   - back-links and related items are computed again only when some front
//     matter changed;
//   - a file is written only when its bytes differ from what the folder
//     holds.
//
// A change of the site configuration or the theme, or a file added,
// removed or renamed, renders every page (still writing only what
// differs). The search index is built apart, by Index, so that pages can
// reload before it is ready.
//
// Files are written in place, each one whole (written aside and renamed),
// so the folder must belong to the Preview. A Preview is not safe for
// concurrent Builds; Index may run beside Build.
type Preview struct {
	cfg   Config
	cache *model.Cache
	seed  maphash.Seed

	mu   sync.Mutex // guards last
	last *previewState

	filesMu sync.Mutex        // guards files
	files   map[string]uint64 // hash of every file in the folder
	indexMu sync.Mutex        // one Index at a time
}

// previewState is what a good build leaves for the next one.
type previewState struct {
	b     *builder
	items map[string]*model.Item // by path: items and translations
	// shown are the items the default language's pages show, by path:
	// those of items, but an original in another language translated
	// into the default one, which shows as the translation localized.
	shown map[string]*model.Item
	uses  map[string][]string // what each page read, by output file
	site  model.Site
	// built lists the files Build wrote (not the search files).
	built map[string]bool
	// trees are the same for the pages of each other language.
	trees map[string]*treeState
}

// treeState is what the pages of one language other than the default
// leave for the next build.
type treeState struct {
	b     *builder
	items map[string]*model.Item // the language's items, by path
	uses  map[string][]string
}

// Change says what changed since the last build.
type Change struct {
	// Content lists changed content files, relative to the content root
	// and slash-separated.
	Content []string
	// Theme is set when a file of the theme changed.
	Theme bool
}

// PreviewResult tells what a build did.
type PreviewResult struct {
	Pages    int  // pages of the site
	Rendered int  // pages rendered by this build
	Written  int  // files written or removed
	Full     bool // every page was rendered
	Warnings diag.List
}

// NewPreview returns a Preview that builds cfg into cfg.Out.
func NewPreview(cfg Config) *Preview {
	cfg.Preview = true
	return &Preview{cfg: cfg, cache: model.NewCache(), seed: maphash.MakeSeed(), files: map[string]uint64{}}
}

// Build builds the site again after ch. Content errors come back as a
// *diag.ListError, and leave the folder as it was.
func (p *Preview) Build(ctx context.Context, ch Change) (*PreviewResult, error) {
	p.cache.Forget(ch.Content...)
	p.mu.Lock()
	last := p.last
	p.mu.Unlock()

	b, diags := prepare(ctx, p.cfg, prepareOptions{cache: p.cache, reuse: reuseBodies(last)})
	if err := diags.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &PreviewResult{Pages: len(b.pages), Warnings: diags.Warnings()}
	full := last == nil || ch.Theme || !reflect.DeepEqual(b.content.Site, last.site) || b.content.Schema != last.b.content.Schema || !slices.Equal(nonEmpty(b), nonEmpty(last.b))
	dirty := map[string]bool{}
	frontMatterChanged := false
	if !full {
		frontMatterChanged = markChanges(dirty, b, last)
	}
	shown := make(map[string]*model.Item, len(b.content.Items))
	for _, it := range b.content.Items {
		shown[it.Path] = it
	}
	recompute := full || (frontMatterChanged && !sameRelationInputs(last.items, b.byPath))
	relatePreview(b, last, shown, full, recompute, dirty)
	res.Full = full

	state := &previewState{b: b, items: b.byPath, shown: shown, uses: map[string][]string{}, site: b.content.Site, built: map[string]bool{}}
	for _, page := range b.pages {
		state.built[page.File] = true
	}
	var lastUses map[string][]string
	if last != nil && !full {
		lastUses = last.uses
	}
	out, err := renderTouched(ctx, b, lastUses, dirty, state.uses)
	if err != nil {
		return nil, err
	}
	res.Rendered = len(out)
	// The pages of the other languages, the same way.
	state.trees = map[string]*treeState{}
	for _, t := range b.plainLanguageTrees()[1:] {
		var lastTree *treeState
		if last != nil {
			lastTree = last.trees[t.lang]
		}
		ts, files, n, err := previewTree(ctx, t, lastTree, full, recompute, frontMatterChanged, dirty)
		if err != nil {
			return nil, err
		}
		state.trees[t.lang] = ts
		maps.Copy(out, files)
		for _, page := range t.pages {
			state.built[page.File] = true
		}
		for _, f := range t.extraFiles() {
			state.built[f.name] = true
		}
		res.Pages += len(t.pages)
		res.Rendered += n
	}
	if err := previewExtras(b, full, frontMatterChanged, dirty, state.built, out); err != nil {
		return nil, err
	}
	assets, err := b.assets()
	if err != nil {
		return nil, err
	}
	for name, data := range assets {
		state.built[name] = true
		if full {
			out[name] = data
		}
	}
	for name := range out {
		state.built[name] = true
	}
	if err := p.commit(out, last, state, res); err != nil {
		return nil, err
	}
	return res, nil
}

// relatePreview gives b its back-links and related items: computed again
// when recompute is set, marking in dirty what changed since last (unless
// the build is full anyway), else last's, carried over to b's items.
func relatePreview(b *builder, last *previewState, shown map[string]*model.Item, full, recompute bool, dirty map[string]bool) {
	if !recompute {
		b.rel = last.b.rel.remap(last.shown, shown)
		return
	}
	b.rel = buildRelations(b.content)
	if !full {
		for key := range changedRelations(last.b.rel, b.rel, last.shown) {
			dirty[key] = true
		}
	}
}

// reuseBodies lets a build take the rendered bodies of the last one, for
// items whose file did not change: a body's links resolve the same way
// while no page or file it could point at has gone (pages that are new do
// not change where an existing link leads).
func reuseBodies(last *previewState) func(b *builder) func(*model.Item) (*body, bool) {
	return func(b *builder) func(*model.Item) (*body, bool) {
		if last == nil {
			return nil
		}
		kept := subset(last.b.urlList, b.urlList) && subsetKeys(last.items, b.byPath)
		return func(it *model.Item) (*body, bool) {
			old := last.b.bodies[it]
			if old == nil || (old.siteLinks && !kept) {
				return nil, false
			}
			return old, true
		}
	}
}

// markChanges marks in dirty what changed from last to b, item by item,
// and reports whether any front matter changed. A file added or removed
// counts as a change of its front matter: the pages that list its
// folder, or showed it, change. A translation's facts (its countries)
// are its original's.
func markChanges(dirty map[string]bool, b *builder, last *previewState) (frontMatterChanged bool) {
	facts := func(it *model.Item) *model.Item {
		if orig := originalPath(it); orig != "" {
			if o := b.byPath[orig]; o != nil {
				return o
			}
			if o := last.items[orig]; o != nil {
				return o
			}
		}
		return it
	}
	for path, old := range last.items {
		if b.byPath[path] == nil {
			frontMatterChanged = true
			dirty[itemPathKey(path)] = true
			markFolder(dirty, old.Type.Folder, facts(old))
			markOriginal(dirty, old)
		}
	}
	for path, it := range b.byPath {
		old := last.items[path]
		if old == it {
			continue
		}
		if old == nil || !it.SameFrontMatter(old) {
			frontMatterChanged = true
			dirty[itemKey(it)] = true
			markFolder(dirty, it.Type.Folder, facts(it))
			if old != nil {
				markFolder(dirty, old.Type.Folder, facts(old))
			} else {
				markOriginal(dirty, it)
			}
		}
		if old == nil || string(it.Body) != string(old.Body) {
			dirty[bodyKey(it)] = true
		}
	}
	return frontMatterChanged
}

// previewExtras makes the default language's extra files (feed, sitemap,
// open data...) again into out, when the build is full or front matter
// changed: all of them on a full build, else those that read a dirty
// folder or do not say what they read. Every extra file goes into built.
func previewExtras(b *builder, full, frontMatterChanged bool, dirty, built map[string]bool, out map[string][]byte) error {
	all := b.extraFiles()
	for _, f := range all {
		built[f.name] = true
	}
	if !full && !frontMatterChanged {
		return nil
	}
	var extras []extraFile
	for _, f := range all {
		if full || f.reads == nil || slices.ContainsFunc(f.reads, func(folder string) bool { return dirty[folderKey(folder)] }) {
			extras = append(extras, f)
		}
	}
	made := make([][]byte, len(extras))
	errs := make([]error, len(extras))
	workers.Each(len(extras), func(i int) {
		if made[i], errs[i] = extras[i].make(); errs[i] != nil {
			errs[i] = fmt.Errorf("write %s: %w", extras[i].name, errs[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, f := range extras {
		out[f.name] = made[i]
	}
	return nil
}

// commit writes out into the folder, removes the files the last build
// wrote and this one did not, and keeps state for the next build. From
// its start the folder changes: a failure forgets the state, so that the
// next build renders and compares everything.
func (p *Preview) commit(out map[string][]byte, last, state *previewState, res *PreviewResult) error {
	p.mu.Lock()
	p.last = nil
	p.mu.Unlock()
	n, err := p.writeFiles(out)
	res.Written += n
	if err != nil {
		return err
	}
	if last != nil {
		var gone []string
		for name := range last.built {
			if !state.built[name] {
				gone = append(gone, name)
			}
		}
		n, err := p.removeFiles(gone)
		res.Written += n
		if err != nil {
			return err
		}
	}
	p.mu.Lock()
	p.last = state
	p.mu.Unlock()
	return nil
}

// Index builds the search index of the last good build and writes it
// with the search engine's files. It returns nil without writing when
// there is no good build yet.
func (p *Preview) Index(ctx context.Context) error {
	p.indexMu.Lock()
	defer p.indexMu.Unlock()
	p.mu.Lock()
	last := p.last
	p.mu.Unlock()
	if last == nil {
		return nil
	}
	files := map[string][]byte{}
	var mu sync.Mutex
	err := last.b.searchFiles(ctx, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[name] = data
		return nil
	}, nil)
	if err != nil {
		return err
	}
	_, err = p.writeFiles(files)
	return err
}

// previewTree renders the pages of one language other than the default
// that a change touched, as Build does the default language's: full,
// recompute and frontMatterChanged are Build's decisions, dirty what
// changed. It returns the language's state, the files to write and how
// many pages it rendered.
func previewTree(ctx context.Context, t *builder, last *treeState, full, recompute, frontMatterChanged bool, dirty map[string]bool) (*treeState, map[string][]byte, int, error) {
	items := make(map[string]*model.Item, len(t.content.Items))
	for _, it := range t.content.Items {
		items[it.Path] = it
	}
	full = full || last == nil
	switch {
	case full:
		t.rel = buildRelations(t.content)
	case recompute:
		// The language's titles order its related items: compare its
		// own relations.
		t.rel = buildRelations(t.content)
		dirty = maps.Clone(dirty)
		for key := range changedRelations(last.b.rel, t.rel, last.items) {
			dirty[key] = true
		}
	default:
		t.rel = last.b.rel.remap(last.items, items)
	}
	state := &treeState{b: t, items: items, uses: map[string][]string{}}
	var lastUses map[string][]string
	if !full {
		lastUses = last.uses
	}
	out, err := renderTouched(ctx, t, lastUses, dirty, state.uses)
	if err != nil {
		return nil, nil, 0, err
	}
	rendered := len(out)
	if full || frontMatterChanged {
		for _, f := range t.extraFiles() {
			data, err := f.make()
			if err != nil {
				return nil, nil, 0, fmt.Errorf("write %s: %w", f.name, err)
			}
			out[f.name] = data
		}
	}
	return state, out, rendered, nil
}

// renderTouched renders the pages of t that read something dirty, or
// that lastUses (what each page read last time, nil for a full render)
// does not know, and returns them by output file. What every page read,
// rendered or not, goes into read.
func renderTouched(ctx context.Context, t *builder, lastUses map[string][]string, dirty map[string]bool, read map[string][]string) (map[string][]byte, error) {
	var todo []*Page
	for _, page := range t.pages {
		if old, ok := lastUses[page.File]; ok && !touched(old, dirty) {
			read[page.File] = old
			continue
		}
		todo = append(todo, page)
	}
	tmpls, err := t.templates()
	if err != nil {
		return nil, err
	}
	rendered := make([][]byte, len(todo))
	used := make([]uses, len(todo))
	errs := make([]error, len(todo))
	workers.Each(len(todo), func(i int) {
		if errs[i] = ctx.Err(); errs[i] == nil {
			used[i] = uses{}
			rendered[i], errs[i] = t.renderPage(tmpls, todo[i], used[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(todo)+1)
	for i, page := range todo {
		out[page.File] = rendered[i]
		read[page.File] = used[i].sorted()
	}
	return out, nil
}

// markOriginal marks, for a translation added or removed, its original:
// the pages of the translation's language showed the original and now
// show the translation, or the other way round.
func markOriginal(dirty map[string]bool, it *model.Item) {
	orig := originalPath(it)
	if orig == "" {
		return
	}
	dirty[itemPathKey(orig)] = true
	dirty[bodyPathKey(orig)] = true
	dirty[relPathKey(orig)] = true
}

func touched(keys []string, dirty map[string]bool) bool {
	if len(dirty) == 0 {
		return false
	}
	for _, k := range keys {
		if dirty[k] {
			return true
		}
	}
	return false
}

// sameRelationInputs reports whether back-links and related items must
// come out as they did: the same files, and every changed one with the
// same references, areas, countries and title order. A summary or status
// edit then keeps the relations; a title edit may reorder related items.
func sameRelationInputs(old, now map[string]*model.Item) bool {
	if len(old) != len(now) {
		return false
	}
	for path, it := range now {
		o := old[path]
		if o == nil {
			return false
		}
		if o == it {
			continue
		}
		if o.SortKey != it.SortKey || !slices.Equal(o.Refs(), it.Refs()) ||
			!slices.Equal(o.Strings("areas"), it.Strings("areas")) || !slices.Equal(o.Countries(), it.Countries()) {
			return false
		}
	}
	return true
}

// markFolder marks the folder of an item whose front matter changed, and
// the folder in each of its countries (those of facts, the item itself or
// the original of a translation).
func markFolder(dirty map[string]bool, folder string, facts *model.Item) {
	dirty[folderKey(folder)] = true
	for _, cc := range facts.Countries() {
		dirty[folderInKey(folder, cc)] = true
	}
}

// originalPath is the file a translation (slug.el.md, or slug.en.md of
// an original in another language) translates, or "" for a file named
// slug.md. A slug.en.md that is an original, having no slug.md, names a
// file that does not exist.
func originalPath(it *model.Item) string {
	if path.Base(it.Path) == it.Slug+".md" {
		return ""
	}
	return path.Join(path.Dir(it.Path), it.Slug+".md")
}

// subset reports whether every string of the sorted list a is in the
// sorted list b.
func subset(a, b []string) bool {
	j := 0
	for _, s := range a {
		for j < len(b) && b[j] < s {
			j++
		}
		if j == len(b) || b[j] != s {
			return false
		}
	}
	return true
}

func subsetKeys(a, b map[string]*model.Item) bool {
	for p := range a {
		if _, ok := b[p]; !ok {
			return false
		}
	}
	return true
}

// nonEmpty lists the folders that have items: the menus of every page
// show them.
func nonEmpty(b *builder) []string {
	var out []string
	for _, t := range b.content.Schema.Types {
		if len(b.content.ByFolder(t.Folder)) > 0 {
			out = append(out, t.Folder)
		}
	}
	return out
}

// writeFiles writes the files whose bytes differ from what the folder
// holds, each written aside and renamed into place.
func (p *Preview) writeFiles(files map[string][]byte) (int, error) {
	names := sortedKeys(files)
	hashes := make([]uint64, len(names))
	write := make([]bool, len(names))
	p.filesMu.Lock()
	for i, name := range names {
		hashes[i] = maphash.Bytes(p.seed, files[name])
		old, ok := p.files[name]
		write[i] = !ok || old != hashes[i]
	}
	p.filesMu.Unlock()
	errs := make([]error, len(names))
	workers.Each(len(names), func(i int) {
		if write[i] {
			errs[i] = writeWhole(filepath.Join(p.cfg.Out, filepath.FromSlash(names[i])), files[names[i]])
		}
	})
	n := 0
	p.filesMu.Lock()
	defer p.filesMu.Unlock()
	for i, name := range names {
		if !write[i] {
			continue
		}
		if errs[i] != nil {
			delete(p.files, name)
			continue
		}
		p.files[name] = hashes[i]
		n++
	}
	return n, errors.Join(errs...)
}

func (p *Preview) removeFiles(names []string) (int, error) {
	var errs []error
	n := 0
	for _, name := range names {
		file := filepath.Join(p.cfg.Out, filepath.FromSlash(name))
		err := os.Remove(file)
		if err != nil && !os.IsNotExist(err) {
			errs = append(errs, err)
			continue
		}
		// A removed page leaves its folder; remove it when empty, so
		// that its address answers 404 instead of a listing.
		for dir := filepath.Dir(file); dir != p.cfg.Out && os.Remove(dir) == nil; dir = filepath.Dir(dir) {
		}
		p.filesMu.Lock()
		delete(p.files, name)
		p.filesMu.Unlock()
		n++
	}
	return n, errors.Join(errs...)
}

// writeWhole writes a file under another name and renames it, so that a
// reader sees the old bytes or the new, never a part.
func writeWhole(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := name + ".polisee-tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}

// remap carries relations over to a build whose items differ only in
// their bodies: an edited file is a new *model.Item with the same path.
func (r relations) remap(old, now map[string]*model.Item) relations {
	swap := map[*model.Item]*model.Item{}
	for path, it := range old {
		if n := now[path]; n != nil && n != it {
			swap[it] = n
		}
	}
	if len(swap) == 0 {
		return r
	}
	m := func(it *model.Item) *model.Item {
		if n, ok := swap[it]; ok {
			return n
		}
		return it
	}
	list := func(items []*model.Item) []*model.Item {
		out := make([]*model.Item, len(items))
		for i, it := range items {
			out[i] = m(it)
		}
		return out
	}
	out := relations{schema: r.schema, back: make(map[*model.Item][]*model.Item, len(r.back)), related: make(map[*model.Item][]*model.Item, len(r.related)), grouped: newGroupMemo()}
	for k, v := range r.back {
		out.back[m(k)] = list(v)
	}
	for k, v := range r.related {
		out.related[m(k)] = list(v)
	}
	return out
}

// changedRelations returns the relation keys of the items whose back-links
// or related items differ between two builds, compared by path; old is the
// last build's items by path.
func changedRelations(last, now relations, old map[string]*model.Item) map[string]bool {
	changed := map[string]bool{}
	same := func(a, b []*model.Item) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i].Path != b[i].Path {
				return false
			}
		}
		return true
	}
	compare := func(was, is map[*model.Item][]*model.Item) {
		for it, list := range is {
			if prev := old[it.Path]; prev == nil || !same(was[prev], list) {
				changed[relKey(it)] = true
			}
		}
		for it := range was {
			// Items that had relations and have none now.
			if _, ok := is[it]; !ok && len(was[it]) > 0 {
				changed[relKey(it)] = true
			}
		}
	}
	compare(last.back, now.back)
	compare(last.related, now.related)
	return changed
}
