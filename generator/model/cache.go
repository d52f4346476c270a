package model

import (
	"bytes"
	"sync"
	"time"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// A Cache keeps the parsed files of one content tree between loads, for
// polisee serve: a file whose size and modification time have not changed
// since the last load, and that was not named in Forget, is not read or
// parsed again; Load returns the same *Item. Validation across files runs
// on every load all the same.
//
// Items are never changed after loading, so sharing them between loads is
// safe. A Cache serves one tree and one set of options; when the options
// or the site's default language change, it starts empty.
type Cache struct {
	// schemaFile and schema are the last schema.yaml read and the
	// schema made from it, kept while the file's bytes stay the same.
	schemaFile  []byte
	schema      *Schema
	schemaDiags diag.List

	mu     sync.Mutex
	key    cacheKey
	files  map[string]cachedFile
	forget map[string]bool
}

type cacheKey struct {
	// schema is the tree's schema: items point to their types, so a
	// changed schema.yaml starts the cache afresh.
	schema      *Schema
	root        string
	drafts      bool
	maxFileSize int64
	lang        string
}

type cachedFile struct {
	size    int64
	modTime time.Time
	item    *Item
	diags   diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}} }

// Forget makes the next load read these files (paths relative to the
// content root, slash-separated) whatever their size and time say: file
// systems with coarse timestamps can hide an edit that keeps the size.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.forget == nil {
		c.forget = map[string]bool{}
	}
	for _, p := range paths {
		c.forget[p] = true
	}
}

// loadCache is a cache as one load sees it; a nil *Cache gives a cache
// that never hits.
type loadCache struct {
	files  map[string]cachedFile
	forget map[string]bool
	c      *Cache
}

// schemaOf returns the schema made from data the last time, if data is
// the same.
func (c *Cache) schemaOf(data []byte) (*Schema, diag.List, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.schema == nil || !bytes.Equal(c.schemaFile, data) {
		return nil, nil, false
	}
	return c.schema, c.schemaDiags, true
}

// keepSchema remembers the schema made from data.
func (c *Cache) keepSchema(data []byte, s *Schema, diags diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.schemaFile, c.schema, c.schemaDiags = bytes.Clone(data), s, diags
}

func (c *Cache) begin(opts Options, lang string, schema *Schema) *loadCache {
	if c == nil {
		return &loadCache{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	key := cacheKey{schema: schema, root: opts.Root, drafts: opts.Drafts, maxFileSize: opts.MaxFileSize, lang: lang}
	if key != c.key {
		c.key, c.files = key, map[string]cachedFile{}
	}
	lc := &loadCache{files: c.files, forget: c.forget, c: c}
	c.forget = nil
	return lc
}

func (lc *loadCache) get(src source) (*Item, diag.List, bool) {
	f, ok := lc.files[src.path]
	if !ok || lc.forget[src.path] || f.size != src.size || !f.modTime.Equal(src.modTime) {
		return nil, nil, false
	}
	return f.item, f.diags, true
}

// end remembers this load's files, and only those: a deleted file leaves
// the cache.
func (lc *loadCache) end(sources []source, items []*Item, diags []diag.List) {
	if lc.c == nil {
		return
	}
	files := make(map[string]cachedFile, len(sources))
	for i, src := range sources {
		files[src.path] = cachedFile{size: src.size, modTime: src.modTime, item: items[i], diags: diags[i]}
	}
	lc.c.mu.Lock()
	defer lc.c.mu.Unlock()
	lc.c.files = files
}
