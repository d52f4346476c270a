package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/generator/output"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
	"github.com/clusterpolisee/polisee/search"
)

// searchNames are the paths, from the site's root, of the files the
// browser's search loads. Over http their names carry a hash of their
// content, so that a host may let browsers keep them for good: a new
// engine or index comes under a new name. polisee serve keeps the index
// at search/index.zap, rebuilt in the background while the pages stay as
// they are; an offline copy reads the same bytes from engine.js and
// index.js.
//
// Sections is the index of the pages' sections (search.BuildBoth),
// "" when no page has sections: the page fetches it after its first
// results, which do not need it.
//
// Worker and Loader are the theme's search-worker.js and
// search-engine.js, which start the engine: named by their content in
// the search folder too, so that a returning reader's browser starts the
// engine without asking the host whether they changed. The worker's file
// carries the Go runtime's loader (wasm_exec.js) and search-engine.js
// before its own code, so that a new worker runs at once: on a first
// visit, fetching the two with importScripts, one after the other,
// delayed the engine's start behind two more requests.
//
// Head is the head of the pages index in parts (search.WriteParts), ""
// when the build writes none: over http the page opens it instead of the
// whole index and fetches the parts its queries read from PartsDir. The
// whole index stays beside it for polisee search, serve (which writes no
// parts) and offline copies, whose pages read it from index.js.
type searchNames struct {
	Wasm, ExecJS, Index, Sections string
	Worker, Loader                string
	Head, PartsDir                string
	// SectionsHead is the head of the sections' index in parts, which
	// the search page then reads instead of the whole file (Sections).
	SectionsHead string
}

// partsDir is the folder of the index's parts, in the search folder.
const partsDir = SearchDir + "/parts"

// partFiles gives put the parts of the pages index as files of partsDir,
// each with its .br and .gz, as soon as each is compressed (from several
// goroutines at once), and returns the head's path; "" for a build that
// writes no parts: one whose index is small (see Config.IndexParts), serve's
// (which rebuilds the whole index in the background),
// offline copies' (read from disk, where the whole index is what a page
// can load) and one without the browser's engine.
func partFiles(index []byte, docs int, cfg Config, put func(name string, data []byte) error, evict func()) (head string, err error) {
	switch cfg.IndexParts {
	case IndexPartsBySize, IndexPartsAlways, IndexPartsNever:
	default:
		return "", fmt.Errorf("index parts %q: give %q (by size), %q or %q", cfg.IndexParts, IndexPartsBySize, IndexPartsAlways, IndexPartsNever)
	}
	switch {
	case cfg.Preview || cfg.Offline || cfg.Engine == nil:
		return "", nil
	case cfg.IndexParts == IndexPartsNever:
		return "", nil
	case cfg.IndexParts == IndexPartsBySize && len(index) <= PartsFrom:
		return "", nil
	}
	return writePartFiles(index, search.DefaultPartsLayout(docs), "head.bin", put, evict)
}

// sectionPartFiles cuts the sections' index as partFiles cut the pages'
// (it is called when they were): into the same folder, its head named
// sections.HASH.bin. The search page then reads the sections a query's
// hits are in, not the whole file: 5.0 MB brotli at 10,000 generated
// documents, 62.7 MB at 100,000, which it fetched after the first results.
func sectionPartFiles(sections []byte, put func(name string, data []byte) error, evict func()) (head string, err error) {
	docs, err := search.CountDocuments(sections)
	if err != nil {
		return "", fmt.Errorf("sections' index: %w", err)
	}
	return writePartFiles(sections, search.SectionsPartsLayout(docs), "sections.bin", put, evict)
}

// writePartFiles cuts an index into parts as layout says, gives put
// each part and its compressed copies, and returns the head's path, its
// name made from headName and its content. evict, when not nil, is
// called every search.EvictEvery bytes of parts cut, to give back the memory of
// the index's bytes read so far (see search.Segments.Evict).
func writePartFiles(index []byte, layout search.PartsLayout, headName string, put func(name string, data []byte) error, evict func()) (head string, err error) {
	// Each part is compressed and written as soon as it is cut, on all
	// cores, and let go: at 100,000 documents the parts and their
	// compressed copies come to 230 MB.
	type part struct {
		path string
		data []byte
	}
	jobs := make(chan part, 2*runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var failed error
	fail := func(err error) {
		mu.Lock()
		failed = errors.Join(failed, err)
		mu.Unlock()
	}
	failure := func() error {
		mu.Lock()
		defer mu.Unlock()
		return failed
	}
	write := func(p part, brotliOpts brotli.WriterOptions) {
		gz, br, err := output.PrecompressWith(p.data, brotliOpts)
		if err == nil {
			err = errors.Join(put(p.path, p.data), put(p.path+".gz", gz), put(p.path+".br", br))
		}
		if err != nil {
			fail(err)
		}
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				if failure() == nil {
					write(p, partBrotli(len(p.data)))
				}
			}
		}()
	}
	cut := 0
	headBytes, err := search.WritePartsEvicting(index, layout, func(name string, data []byte) error {
		if err := failure(); err != nil {
			return err
		}
		if cut += len(data); cut >= search.EvictEvery && evict != nil {
			evict()
			cut = 0
		}
		jobs <- part{partsDir + "/" + name + ".bin", data}
		return nil
	}, evict)
	close(jobs)
	wg.Wait()
	if err == nil {
		head = partsDir + "/" + contentName(headName, headBytes)
		write(part{head, headBytes}, headBrotli(len(headBytes)))
	}
	// A failed write stops the cut with that write's error: report it once.
	if f := failure(); f != nil {
		err = f
	}
	if err != nil {
		return "", fmt.Errorf("the search index's parts: %w", err)
	}
	return head, nil
}

// partBrotli is the brotli setting of a part of the index, a file of
// tens of kilobytes: level 4, with a window no larger than the file
// (brotli's default, 4 MB, gives the same bytes on such a file, and each
// of the thousand writers of a build at 10,000 documents would allocate
// its tables). On the 2,238 parts of the generated 10,000-document site
// (39.0 MB), level 4 gave 12.07 MB in 0.94 s, level 5 11.84 MB (1.9%
// less) in 1.32 s, level 3 12.59 MB in 0.78 s, on one core: at 100,000
// documents the parts' brotli took 17 s of the index stage's 136 s of
// CPU at level 5. A query fetches a few parts; the engine and the head
// (headBrotli), most of the bytes before the first result, keep their
// levels.
func partBrotli(size int) brotli.WriterOptions {
	return brotli.WriterOptions{Quality: 4, LGWin: min(max(bits.Len(uint(size)), 10), 22)}
}

// headBrotli is the brotli setting of the head, which every search
// fetches first: level 5, as for the whole index (see partBrotli).
func headBrotli(size int) brotli.WriterOptions {
	o := partBrotli(size)
	o.Quality = 5
	return o
}

// nameScripts names the theme's scripts that start the engine
// (static/search-worker.js, with the loaders before it, and
// static/search-engine.js) by their content, and returns them by their
// path in the site; nothing when the build has no engine.
func (n *searchNames) nameScripts(engine *SearchEngine, theme fs.FS) (map[string][]byte, error) {
	if engine == nil {
		return nil, nil
	}
	read := func(name string) ([]byte, error) {
		data, err := fs.ReadFile(theme, "static/"+name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		return data, nil
	}
	loader, err := read("search-engine.js")
	if err != nil {
		return nil, err
	}
	worker, err := read("search-worker.js")
	if err != nil {
		return nil, err
	}
	worker = bytes.Join([][]byte{engine.ExecJS, loader, worker}, []byte("\n"))
	n.Loader = SearchDir + "/" + contentName("search-engine.js", loader)
	n.Worker = SearchDir + "/" + contentName("search-worker.js", worker)
	return map[string][]byte{n.Loader: loader, n.Worker: worker}, nil
}

// contentName inserts a hash of data before the extension of name:
// index.zap becomes index.0123456789ab.zap.
func contentName(name string, data []byte) string {
	return contentNameEvicting(name, data, nil)
}

// contentNameEvicting is contentName for bytes mapped from a file (a
// search.Segments' index): they are read search.EvictEvery bytes at a
// time, evict called after each piece when not nil, so that they do not
// all come resident. At 100,000 generated documents naming the two
// indexes made 276 MB of them resident at once, the build's peak.
func contentNameEvicting(name string, data []byte, evict func()) string {
	h := sha256.New()
	for off := 0; off < len(data); off += search.EvictEvery {
		h.Write(data[off:min(off+search.EvictEvery, len(data))])
		if evict != nil {
			evict()
		}
	}
	sum := h.Sum(nil)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
}

// nameEngine names the engine's files (the index is named once built).
func (n *searchNames) nameEngine(engine *SearchEngine) {
	n.Index = SearchDir + "/" + search.IndexFile
	if engine == nil {
		return
	}
	n.Wasm = SearchDir + "/" + contentName("search.wasm", engine.Wasm)
	n.ExecJS = SearchDir + "/" + contentName("wasm_exec.js", engine.ExecJS)
}

// engineFiles are the browser engine's files in the site's search folder,
// under the names in n. Over http the page fetches the engine and the
// index, in parts when the build wrote them (hosts that serve
// precompressed files find .br and .gz beside each file the page
// fetches). From file:// browsers refuse fetch, so offline copies also carry
// the same bytes as classic scripts, engine.js, index.js and sections.js,
// that set a global to their base64 text. A nil index or sections was
// written already (an index in parts).
func engineFiles(engine *SearchEngine, index, sections []byte, n *searchNames, cfg Config) (map[string][]byte, error) {
	files := map[string][]byte{}
	if index != nil {
		files[n.Index] = index
		if cfg.Offline {
			files[SearchDir+"/index.js"] = scriptBytes("POLISEE_INDEX", index)
		}
	}
	if sections != nil {
		files[n.Sections] = sections
		if cfg.Offline {
			files[SearchDir+"/sections.js"] = scriptBytes("POLISEE_SECTIONS", sections)
		}
	}
	if engine != nil {
		files[n.Wasm] = engine.Wasm
		files[n.ExecJS] = engine.ExecJS
		if cfg.Offline {
			files[SearchDir+"/engine.js"] = scriptBytes("POLISEE_ENGINE", engine.Wasm)
		}
	}
	if cfg.Preview {
		return files, nil
	}
	if engine != nil {
		// The engine comes compressed at the best levels, once, with the
		// binary; the index changes with every build and gets a quicker
		// brotli level.
		gz, br := engine.WasmGz, engine.WasmBr
		if gz == nil || br == nil {
			var err error
			if gz, br, err = output.Precompress(engine.Wasm, output.BrotliFast); err != nil {
				return nil, fmt.Errorf("compress the engine: %w", err)
			}
		}
		files[n.Wasm+".gz"], files[n.Wasm+".br"] = gz, br
	}
	// The two indexes are compressed side by side: brotli takes most of
	// the time, on one core each.
	var sgz, sbr []byte
	serr := make(chan error, 1)
	go func() {
		var err error
		if sections != nil && n.SectionsHead == "" {
			sgz, sbr, err = output.PrecompressWith(sections, sectionsBrotli(len(sections)))
		}
		serr <- err
	}()
	// Over http the page reads the index in parts when there are parts
	// (n.Head), and the sections too (n.SectionsHead): the whole files
	// are then for polisee search, which reads them from disk, and need
	// no compressed copies.
	var igz, ibr []byte
	var err error
	if n.Head == "" {
		igz, ibr, err = output.PrecompressWith(index, indexBrotli)
	}
	if err := errors.Join(err, <-serr); err != nil {
		return nil, fmt.Errorf("compress the search index: %w", err)
	}
	if n.Head == "" {
		files[n.Index+".gz"], files[n.Index+".br"] = igz, ibr
	}
	if sections != nil && n.SectionsHead == "" {
		files[n.Sections+".gz"], files[n.Sections+".br"] = sgz, sbr
	}
	return files, nil
}

// indexBrotli is the brotli setting of the pages' index, compressed on
// every build and fetched before the first result: level 5 with an 8 MB
// window. Against level 6 (output.BrotliFast) with its 4 MB window, on
// the generated 10,000-document site's (15 MB): 2.7% more bytes in 60%
// of the time; on the 1,000-document site's (1.7 MB): 0.6% more.
var indexBrotli = brotli.WriterOptions{Quality: 5, LGWin: 23}

// sectionsBrotli is the brotli setting of the sections index, fetched
// after the first results. Past brotli's default window (4 MB), level 4
// with an 8 MB window: on the 10,000-document site's (15 MB), 3% fewer
// bytes than level 6 in half the time. Within it, level 4 finds no more
// and loses more (12% more bytes on the 1,000-document site's 2.1 MB):
// level 6, as for other files.
func sectionsBrotli(size int) brotli.WriterOptions {
	if size <= 1<<22 {
		return brotli.WriterOptions{Quality: output.BrotliFast}
	}
	return brotli.WriterOptions{Quality: 4, LGWin: 23}
}

func scriptBytes(global string, data []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "self.%s = \"", global)
	b.WriteString(base64.StdEncoding.EncodeToString(data))
	b.WriteString("\";\n")
	return b.Bytes()
}

// SearchLabels are the names the search page shows for facet values, in
// the page's language: area titles, country names, type and status
// names.
func (v *view) SearchLabels() (template.JS, error) {
	labels := map[string]map[string]string{"area": {}, "country": {}, "region": {}, "type": {}, "status": {}}
	for _, it := range v.folder(model.FolderAreas) {
		labels["area"][it.Slug] = it.Title
	}
	for _, it := range v.folder(model.FolderCountries) {
		labels["country"][it.Key()] = it.Title
	}
	for _, it := range v.folder(model.FolderRegions) {
		labels["region"][it.Key()] = it.Title
	}
	for _, t := range v.schema().Types {
		labels["type"][t.Singular] = v.b.tr.TypeSingular(t)
	}
	for _, s := range append(append([]string(nil), model.PracticeStatuses...), model.PilotStatuses...) {
		labels["status"][s] = v.b.tr.Label(s)
	}
	data, err := json.Marshal(labels)
	if err != nil {
		return "", err
	}
	// The JSON sits in a script element of type application/json: keep
	// "</script" and comment openers out of it.
	return template.JS(strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(string(data))), nil
}

// SearchEnabled reports whether the browser engine is part of the build.
func (v *view) SearchEnabled() bool { return v.b.cfg.Engine != nil }

// SearchFiles are the paths, from the site's root, of the engine, its
// loader script and the index.
func (v *view) SearchFiles() searchNames { return *v.b.search }

// SearchLanguages lists the site's languages, the page's first, for the
// analyzers that read a query.
func (v *view) SearchLanguages() string {
	langs := append([]string(nil), v.Site.Languages...)
	sort.SliceStable(langs, func(i, j int) bool {
		return langs[i] == v.b.lang && langs[j] != v.b.lang
	})
	return strings.Join(langs, ",")
}

// OnlineOnly reports whether a file of the site (slash-separated path) is
// needed only when the site is served: from disk the search page reads the
// engine and index from engine.js and index.js, so an offline archive can
// leave out search.wasm and the precompressed copies.
func OnlineOnly(rel string) bool {
	switch {
	case rel == output.Marker:
		return true
	case strings.HasPrefix(rel, SearchDir+"/"):
		name := strings.TrimPrefix(rel, SearchDir+"/")
		return strings.HasSuffix(name, ".wasm") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz")
	}
	return false
}
