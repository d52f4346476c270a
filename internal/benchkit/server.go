package benchkit

import (
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MarkPath is not a file: a page requests it to mark a moment in the
// request log, e.g. when the first result shows.
const MarkPath = "/__searchbench/mark"

// Request is one logged request.
type Request struct {
	Path   string
	Status int
	// Raw and Brotli are the sizes of the file and of its brotli form,
	// whichever of the two was sent (Encoding says which); 0 when no file
	// was sent (304 Not Modified, 404).
	Raw, Brotli int64
	Encoding    string
	// Wire is the size of the body sent: Brotli with Content-Encoding br,
	// else Raw; 0 for a 304. Headers are not counted.
	Wire int64
	Mark bool // a request of MarkPath
}

// Cache-Control values, as a static host configured for content-hashed
// files sends them: a file whose name carries a hash of its content never
// changes under that name, so browsers may keep it for a year without
// asking again; any other file may change under its name, so browsers
// ask again every time (If-None-Match, If-Modified-Since) and get a 304
// Not Modified while it has not.
const (
	CacheImmutable   = "public, max-age=31536000, immutable"
	CacheRevalidate  = "public, max-age=0, must-revalidate"
	cacheMarkRequest = "no-store"
)

// contentHash matches a name with a hash of its content: polisee's
// search.0123456789ab.wasm (and .wasm.br) or index.0123456789ab.zap,
// Pagefind's en_a1b2c3d.pf_index or pagefind.en_0123456789.pf_meta. At
// least 7 hexadecimal digits, after a dot or an underscore and before a
// dot.
var contentHash = regexp.MustCompile(`[._][0-9a-f]{7,}\.`)

// ContentHashed reports whether a file's name carries a hash of its
// content, which makes the server let browsers cache it for good.
func ContentHashed(name string) bool { return contentHash.MatchString(path.Base(name)) }

// CacheControl is the Cache-Control header the server sends for a file.
func CacheControl(name string) string {
	if ContentHashed(name) {
		return CacheImmutable
	}
	return CacheRevalidate
}

// Server serves a built site as a static host does, logging every
// request: brotli when the browser accepts it (the .br file beside a
// file, else made on the fly), Cache-Control by CacheControl, and an ETag
// and Last-Modified with every file, answered with 304 Not Modified when
// a conditional request names them.
type Server struct {
	fsys fs.FS // the site, confined to its folder
	root *os.Root
	http *http.Server
	URL  string

	mu  sync.Mutex
	log []Request
	br  map[string][]byte // brotli forms made on the fly, by file
}

// Serve starts serving dir on a free port of 127.0.0.1.
func Serve(dir string) (*Server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		root.Close()
		return nil, err
	}
	s := &Server{fsys: root.FS(), root: root, br: map[string][]byte{}, URL: "http://" + ln.Addr().String()}
	s.http = &http.Server{Handler: s}
	go s.http.Serve(ln)
	return s, nil
}

func (s *Server) Close() error {
	err := s.http.Close()
	return errors.Join(err, s.root.Close())
}

// Mark returns the position of the next request in the log.
func (s *Server) Mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// Requests returns the requests logged from position from on, up to the
// first mark request (excluded) when untilMark is set.
func (s *Server) Requests(from int, untilMark bool) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.log[from:] {
		if r.Mark {
			if untilMark {
				break
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	s.log = append(s.log, r)
	s.mu.Unlock()
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == MarkPath {
		s.record(Request{Path: MarkPath, Mark: true})
		w.Header().Set("Cache-Control", cacheMarkRequest)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	name, isDir := s.resolve(r.URL.Path)
	if isDir {
		// As http.FileServer does: folders are addressed with a slash.
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	info, err := fs.Stat(s.fsys, name)
	if err != nil || !info.Mode().IsRegular() {
		s.record(Request{Path: r.URL.Path, Status: http.StatusNotFound})
		http.NotFound(w, r)
		return
	}
	br := acceptsBrotli(r.Header.Get("Accept-Encoding"))
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", CacheControl(name))
	modified := info.ModTime().UTC().Truncate(time.Second)
	tag := etag(info, br)
	h.Set("ETag", tag)
	h.Set("Last-Modified", modified.Format(http.TimeFormat))
	if notModified(r, tag, modified) {
		s.record(Request{Path: r.URL.Path, Status: http.StatusNotModified})
		w.WriteHeader(http.StatusNotModified)
		return
	}
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		s.record(Request{Path: r.URL.Path, Status: http.StatusNotFound})
		http.NotFound(w, r)
		return
	}
	brData, err := s.brotli(name, data)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	req := Request{Path: r.URL.Path, Status: http.StatusOK, Raw: int64(len(data)), Brotli: int64(len(brData))}
	body := data
	if br {
		body, req.Encoding = brData, "br"
		h.Set("Content-Encoding", "br")
	}
	req.Wire = int64(len(body))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	s.record(req)
	w.Write(body)
}

// etag is the file's entity tag, as nginx makes it (modification time and
// size), one for each encoding: the brotli form is another representation.
func etag(info fs.FileInfo, br bool) string {
	tag := fmt.Sprintf("%x-%x", info.ModTime().Unix(), info.Size())
	if br {
		tag += "-br"
	}
	return `"` + tag + `"`
}

// notModified reports whether a conditional request names the current
// file: If-None-Match lists its entity tag (weakly compared, as for GET),
// or, without If-None-Match, If-Modified-Since is not before its
// modification time.
func notModified(r *http.Request, tag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == tag {
				return true
			}
		}
		return false
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.After(since)
}

// resolve maps a URL path to a file of the site: folder paths to their
// index.html. isDir reports a folder addressed without its slash.
func (s *Server) resolve(urlPath string) (name string, isDir bool) {
	name = strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" {
		return "index.html", false
	}
	if info, err := fs.Stat(s.fsys, name); err == nil && info.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			return name, true
		}
		name = path.Join(name, "index.html")
	}
	return name, false
}

// brotli returns the file's brotli form: the .br file beside it, as
// polisee writes for its engine and index, or one made at polisee's level
// (and kept, so that a file is compressed once).
func (s *Server) brotli(name string, data []byte) ([]byte, error) {
	if br, err := fs.ReadFile(s.fsys, name+".br"); err == nil {
		return br, nil
	}
	s.mu.Lock()
	br, ok := s.br[name]
	s.mu.Unlock()
	if ok {
		return br, nil
	}
	br, err := CompressBrotli(data)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.br[name] = br
	s.mu.Unlock()
	return br, nil
}

// acceptsBrotli reports whether an Accept-Encoding header lists br with a
// non-zero weight.
func acceptsBrotli(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		if strings.TrimSpace(coding) != "br" {
			continue
		}
		q := strings.TrimSpace(params)
		return !strings.HasPrefix(q, "q=0") || strings.Trim(strings.TrimPrefix(q, "q="), "0.") != ""
	}
	return false
}

// contentType is the type a static host sends for a file; module scripts
// and WebAssembly need theirs.
func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// HasMark reports whether a mark request was logged from position from on.
func (s *Server) HasMark(from int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.log[from:] {
		if r.Mark {
			return true
		}
	}
	return false
}

// Total is the sum of the requests' sizes.
func Total(reqs []Request) Size {
	var s Size
	for _, r := range reqs {
		s = s.Add(Size{r.Raw, r.Brotli})
	}
	return s
}

// Wire is the sum of the bodies sent for the requests.
func Wire(reqs []Request) int64 {
	var n int64
	for _, r := range reqs {
		n += r.Wire
	}
	return n
}
