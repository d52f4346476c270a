// Package devserver is the live preview behind `polisee serve`: it builds
// the site into a private folder, serves it on a local address, rebuilds
// when content or theme files change (incrementally, with
// generator.Preview: only what a change touches is rendered and written),
// and tells open pages to reload through server-sent events; the search
// index follows in the background. A failed rebuild keeps the last good
// site and shows the errors (path:line:col) over every page until fixed.
//
// The reload script is added to pages as they are served; it is never
// written into a build. The server answers only requests addressed to its
// own host name (against DNS rebinding), serves nothing outside the built
// site and no dotfiles.
package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
)

// Config is what the server needs.
type Config struct {
	// Build is the build configuration; Out is ignored (the server builds
	// into a private folder) and Preview is set.
	Build generator.Config
	// SrcDir and ThemeDir are the folders watched for changes.
	SrcDir, ThemeDir string
	// Logf receives progress messages.
	Logf func(format string, args ...any)
}

// Server is a running preview.
type Server struct {
	cfg     Config
	out     string // the built site
	work    string // private folder holding out
	preview *generator.Preview

	mu      sync.Mutex
	version int       // increases with every successful build
	errs    diag.List // problems of the last build; empty when it succeeded
	clients map[chan event]bool
	allowed map[string]bool // Host header values accepted
	buildMu sync.Mutex      // one build at a time

	// cancelIndex stops the search index being built for an older
	// version of the site.
	cancelIndex context.CancelFunc
	indexDone   chan struct{}
}

type event struct {
	name string
	data []byte
}

// New builds the site once and returns the server. A content error does
// not stop it: the server starts and shows the errors.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	work, err := os.MkdirTemp("", "polisee-serve-")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, work: work, out: filepath.Join(work, "site"), clients: map[chan event]bool{}}
	s.cfg.Build.Out = s.out
	s.cfg.Build.Preview = true
	s.preview = generator.NewPreview(s.cfg.Build)
	if err := s.Rebuild(ctx, nil); err != nil && !isContentError(err) {
		os.RemoveAll(work)
		return nil, err
	}
	// The first index is ready before the first page is served.
	s.WaitIndex()
	return s, nil
}

// Close stops indexing and removes the built site.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.cancelIndex != nil {
		s.cancelIndex()
	}
	s.mu.Unlock()
	s.WaitIndex()
	return os.RemoveAll(s.work)
}

// WaitIndex waits until the search index of the last good build is
// written (or its build was cancelled by a newer one).
func (s *Server) WaitIndex() {
	s.mu.Lock()
	done := s.indexDone
	s.mu.Unlock()
	if done != nil {
		<-done
	}
}

// startIndex builds the search index of the last good build in the
// background, after its pages are served: pages reload at once, and the
// search page reloads when the index is written ("index" event).
func (s *Server) startIndex(ctx context.Context, version int) {
	if s.cancelIndex != nil {
		s.cancelIndex()
	}
	ictx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	s.cancelIndex, s.indexDone = cancel, done
	go func() {
		defer close(done)
		defer cancel()
		start := time.Now()
		err := s.preview.Index(ictx)
		switch {
		case ictx.Err() != nil:
			return // a newer build indexes again
		case err != nil:
			s.cfg.Logf("search index: %v", err)
			return
		}
		s.cfg.Logf("search index ready in %v", time.Since(start).Round(time.Millisecond))
		s.mu.Lock()
		defer s.mu.Unlock()
		s.broadcast(event{name: "index", data: []byte(fmt.Sprint(version))})
	}()
}

func isContentError(err error) bool {
	_, ok := diag.AsList(err)
	return ok
}

// Rebuild builds the site again; changed lists the files that changed,
// as paths in the watched folders (nil for the first build). Only what
// the changes touch is rendered and written (see generator.Preview). On
// success open pages reload, and the search index follows in the
// background; on failure the last good site stays and pages show the
// errors.
func (s *Server) Rebuild(ctx context.Context, changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	res, err := s.preview.Build(ctx, s.change(changed))
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		list, ok := diag.AsList(err)
		if !ok {
			list = diag.List{{Path: "build", Msg: err.Error()}}
		}
		s.errs = list
		s.cfg.Logf("rebuild failed (%d problem%s); still serving the last good site", len(list), plural(len(list)))
		for _, d := range list {
			s.cfg.Logf("  %s", d)
		}
		s.broadcast(s.stateEvent())
		return err
	}
	s.errs = nil
	s.version++
	took := time.Since(start).Round(time.Millisecond)
	if changed == nil {
		s.cfg.Logf("built %d pages in %v", res.Pages, took)
	} else {
		s.cfg.Logf("rebuilt after %d change%s in %v: %d of %d pages rendered, %d file%s written", len(changed), plural(len(changed)),
			took, res.Rendered, res.Pages, res.Written, plural(res.Written))
	}
	s.broadcast(event{name: "reload", data: []byte(fmt.Sprint(s.version))})
	s.startIndex(ctx, s.version)
	return nil
}

// change sorts changed paths into content files and theme files. A path
// outside both (or the site configuration) is treated as a theme change,
// which renders every page.
func (s *Server) change(paths []string) generator.Change {
	var ch generator.Change
	for _, p := range paths {
		if rel, ok := within(s.cfg.SrcDir, p); ok {
			ch.Content = append(ch.Content, rel)
			continue
		}
		ch.Theme = true
	}
	return ch
}

// within returns p relative to dir, slash-separated, when p is inside dir.
func within(dir, p string) (string, bool) {
	if dir == "" {
		return "", false
	}
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// stateEvent tells a page the current errors (none when the build is good).
func (s *Server) stateEvent() event {
	type problem struct {
		Text string `json:"text"`
	}
	problems := []problem{}
	for _, d := range s.errs {
		problems = append(problems, problem{Text: d.String()})
	}
	data, _ := json.Marshal(map[string]any{"version": s.version, "errors": problems})
	return event{name: "state", data: data}
}

func (s *Server) broadcast(e event) {
	for c := range s.clients {
		select {
		case c <- e:
		default: // a slow client misses an event, not the server
		}
	}
}

// Allow sets the Host header values the server answers, for the address
// it listens on: that host and port, and localhost, 127.0.0.1 and [::1]
// with that port.
func (s *Server) Allow(addr net.Addr) {
	_, port, _ := net.SplitHostPort(addr.String())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.allowed = map[string]bool{addr.String(): true}
	for _, h := range []string{"localhost", "127.0.0.1", "[::1]"} {
		s.allowed[h+":"+port] = true
	}
}

const (
	eventsPath = "/_polisee/events"
	scriptPath = "/_polisee/reload.js"
)

// ServeHTTP serves the built site, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r) {
		http.Error(w, "forbidden: this preview answers only requests to its own address", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadScript)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.serveFile(w, r, name)
}

func (s *Server) hostAllowed(r *http.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.allowed[strings.ToLower(r.Host)] {
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		host := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(origin), "http://"), "https://")
		if !s.allowed[host] {
			return false
		}
	}
	return true
}

// sitePath turns a request path into a file name inside the site, or
// refuses it: no parent segments, backslashes, NUL bytes or dotfiles.
func sitePath(p string) (string, bool) {
	if strings.ContainsAny(p, "\\\x00") || !strings.HasPrefix(p, "/") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	return name, true
}

// serveFile reads through os.Root, which refuses any path (or symbolic
// link) that would leave the site folder.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	root, err := os.OpenRoot(s.out)
	if err != nil {
		s.notBuilt(w)
		return
	}
	defer root.Close()
	data, err := fs.ReadFile(root.FS(), name)
	status := http.StatusOK
	if err != nil {
		if info, statErr := root.Stat(name); statErr == nil && info.IsDir() {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		// The nearest not-found page: el/404.html for a missing Greek
		// page, as hosts that look for one up the folders serve it.
		status = http.StatusNotFound
		for dir := path.Dir(name); ; dir = path.Dir(dir) {
			name = path.Join(dir, "404.html")
			if data, err = fs.ReadFile(root.FS(), name); err == nil || dir == "." {
				break
			}
		}
		if err != nil {
			http.NotFound(w, r)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	if strings.HasSuffix(name, ".html") {
		data = injectReload(data)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// notBuilt answers while no build has succeeded yet: a page that says so
// and, through the reload script, shows the errors and reloads once they
// are fixed.
func (s *Server) notBuilt(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	io.WriteString(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head>`+
		`<body><main><h1>The site has not built yet</h1><p>The content has errors, listed below. Fix them and save: this page reloads when the site builds.</p></main>`+
		`<script src="`+scriptPath+`"></script></body></html>`)
}

// injectReload adds the reload script to a page as it is served.
func injectReload(page []byte) []byte {
	tag := []byte(`<script src="` + scriptPath + `"></script>`)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(tag))
		out = append(out, page[:i]...)
		out = append(out, tag...)
		return append(out, page[i:]...)
	}
	return append(page, tag...)
}

// events streams server-sent events: the current state first, then a
// reload after each good build and the errors after each failed one.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = true
	first := s.stateEvent()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	write := func(e event) bool {
		_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		flusher.Flush()
		return err == nil
	}
	if !write(first) {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			if !write(e) {
				return
			}
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// reloadScript reloads the page after a good build and shows the errors of
// a failed one over the page. Text is inserted as text, never as HTML.
const reloadScript = `(function () {
  "use strict";
  var box = null;
  function show(errors) {
    if (!errors.length) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "polisee-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0b;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;border-top:4px solid #e5484d";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("strong");
    h.textContent = "The last change did not build; this is the last good version. Fix these and save:";
    box.appendChild(h);
    var ul = document.createElement("ul");
    errors.forEach(function (e) { var li = document.createElement("li"); li.textContent = e.text; ul.appendChild(li); });
    box.appendChild(ul);
  }
  var seen = null;
  var es = new EventSource("` + eventsPath + `");
  es.addEventListener("state", function (e) {
    var s = JSON.parse(e.data);
    if (seen !== null && s.version !== seen && !s.errors.length) { location.reload(); return; }
    seen = s.version;
    show(s.errors);
  });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("index", function () {
    if (/\/search\/(index\.html)?$/.test(location.pathname)) { location.reload(); }
  });
})();
`
