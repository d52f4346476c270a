package generator

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"github.com/clusterpolisee/polisee/generator/markdown"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// bodyStore keeps a build's rendered bodies (HTML and plain text) in a
// temporary file rather than in memory. Every body is rendered once, when
// it is checked; the index reads its text back a batch at a time, and
// each page its HTML when it is written. At 100,000 documents the bodies
// came to 1.4 GB in memory: kept on disk, a build's memory grows with
// what the pages must know of each other (titles, relations), not with
// the text. polisee serve keeps its bodies in memory, to reuse them
// between rebuilds.
//
// A build has two: one for the plain texts, which only the index reads
// and which is closed once the index is made (about half the bytes:
// 67 of 144 MB at 10,000 generated documents), and one for the rest
// (HTML and outlines). The
// system's file cache held what the first one wrote; the pages written
// next take that memory back, where they would otherwise take memory
// the system had not used before, which costs more on a virtual
// machine whose host takes back what its guest frees (see
// docs/measurements.md).
//
// Its methods may be called from many goroutines.
type bodyStore struct {
	mu    sync.Mutex
	f     *os.File
	named bool // f has a name in the file system, which close removes
	// buf holds what put wrote since the last flush, which ends at off.
	buf []byte
	off int64
	// A full buffer is written out by the put that filled it, after
	// the lock is let go: other puts go on meanwhile into another
	// buffer (at 100,000 documents a 1 MB write took 2-3 ms here, once
	// the system ran out of memory it had used before, and the other
	// cores' puts waited on the lock for it). flushing counts such
	// writes under way; flushed is signalled when one ends; spare
	// holds the buffers they are done with.
	flushing int
	flushed  sync.Cond
	spare    [][]byte
	err      error
	closed   bool // by close: get then fails
}

// storeChunk is the size at which put writes its buffer out.
const storeChunk = 1 << 20

// storedText is where put wrote a text.
type storedText struct {
	off int64
	n   int
}

// newBodyStore creates the store's file in the system's temporary
// folder. On Linux the file has no name (it goes when the build ends,
// even when the build is killed). Elsewhere it is named, and removed at
// once where the system allows it (it is read through its open handle),
// by close otherwise; a build killed before that removal leaves a
// polisee-bodies-* file, which the next build removes.
func newBodyStore() (*bodyStore, error) {
	dir := os.TempDir()
	f, err := openUnnamed(dir)
	named := err != nil
	if named {
		removeStaleBodies(dir)
		f, err = os.CreateTemp(dir, bodiesPattern)
		if err != nil {
			return nil, fmt.Errorf("bodies: %w", err)
		}
		if runtime.GOOS != "windows" {
			os.Remove(f.Name())
		}
	}
	s := &bodyStore{f: f, named: named, buf: make([]byte, 0, storeChunk)}
	s.flushed.L = &s.mu
	return s, nil
}

const bodiesPattern = "polisee-bodies-*"

// removeStaleBodies removes the named bodies' files that builds left in
// dir. Where files are removed as soon as they are made, a named one
// belongs to a build that was killed, or to one that is about to remove
// it itself and reads it through its handle; where they are not
// (Windows), a file still open in another build cannot be removed.
func removeStaleBodies(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, bodiesPattern))
	for _, m := range matches {
		os.Remove(m)
	}
}

// put writes text to the file; an error is kept and returned by seal.
func (s *bodyStore) put(text string) storedText {
	s.mu.Lock()
	at := storedText{off: s.off, n: len(text)}
	s.off += int64(len(text))
	if s.err != nil {
		s.mu.Unlock()
		return at
	}
	s.buf = append(s.buf, text...)
	if len(s.buf) < storeChunk {
		s.mu.Unlock()
		return at
	}
	full, fullAt := s.buf, s.off-int64(len(s.buf))
	s.buf = nil
	if n := len(s.spare); n > 0 {
		s.buf, s.spare = s.spare[n-1], s.spare[:n-1]
	}
	s.flushing++
	s.mu.Unlock()

	_, err := s.f.WriteAt(full, fullAt)
	s.mu.Lock()
	if err != nil && s.err == nil {
		s.err = err
	}
	if cap(full) <= 2*storeChunk {
		s.spare = append(s.spare, full[:0])
	}
	s.flushing--
	s.flushed.Broadcast()
	s.mu.Unlock()
	return at
}

// putBytes is put for bytes: a rendered body goes to the file from its
// buffer, not through a copy as a string.
func (s *bodyStore) putBytes(text []byte) storedText {
	return s.put(unsafe.String(unsafe.SliceData(text), len(text)))
}

// flush writes out what the puts buffered and waits for the writes
// under way: then everything put is in the file, or s.err says why not.
// The caller holds s.mu.
func (s *bodyStore) flush() {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = s.f.WriteAt(s.buf, s.off-int64(len(s.buf)))
		s.buf = s.buf[:0]
	}
	for s.flushing > 0 {
		s.flushed.Wait()
	}
}

// seal writes out what put buffered, and reports the first error of any
// put: called once the bodies are rendered, to stop a build early when
// the disk is full.
func (s *bodyStore) seal() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush()
	if s.err != nil {
		return fmt.Errorf("bodies: writing %s: %w", s.f.Name(), s.err)
	}
	return nil
}

// get reads back a text that put wrote.
func (s *bodyStore) get(at storedText) (string, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return "", fmt.Errorf("bodies: %s was read after it was released", s.f.Name())
	}
	s.flush()
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("bodies: writing %s: %w", s.f.Name(), err)
	}
	if at.n == 0 {
		return "", nil
	}
	buf := make([]byte, at.n)
	if _, err := s.f.ReadAt(buf, at.off); err != nil {
		return "", fmt.Errorf("bodies: reading %s: %w", s.f.Name(), err)
	}
	// buf is not written again nor kept: the string takes its memory
	// rather than a copy (every body is read back once for the index
	// and once for its page).
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}

// getAll is the texts put wrote at the places given, in one string: one
// read when they follow one another in the file, as the pieces one
// goroutine puts in a row do while no other puts; joined from one read
// each otherwise.
func (s *bodyStore) getAll(at []storedText) (string, error) {
	if len(at) == 0 {
		return "", nil
	}
	whole := storedText{off: at[0].off}
	for _, a := range at {
		if a.off != whole.off+int64(whole.n) {
			return s.join(at)
		}
		whole.n += a.n
	}
	return s.get(whole)
}

// join is getAll for texts that do not follow one another.
func (s *bodyStore) join(at []storedText) (string, error) {
	var b strings.Builder
	for _, a := range at {
		text, err := s.get(a)
		if err != nil {
			return "", err
		}
		b.WriteString(text)
	}
	return b.String(), nil
}

// close closes and removes the file; a store closed already is left
// alone.
func (s *bodyStore) close() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	s.f.Close()
	if s.named {
		os.Remove(s.f.Name())
	}
}

// html is the body's HTML, from memory or from the store.
func (bd *body) html() (template.HTML, error) {
	if bd.store == nil {
		return bd.HTML, nil
	}
	s, err := bd.store.get(bd.storedHTML)
	return template.HTML(s), err
}

// text is the body's plain text, from memory or from its store.
func (bd *body) text() (string, error) {
	if bd.texts == nil {
		return bd.Text, nil
	}
	return bd.texts.get(bd.storedText)
}

// outline is the body's headings and sections, from memory or from the
// store. A build keeps them on disk with the texts: at 100,000 documents
// they came to 80 MB, held from the bodies' rendering to the end.
func (bd *body) outline() ([]markdown.Heading, []markdown.Section, error) {
	if bd.store == nil || bd.storedOutline.n == 0 {
		return bd.Headings, bd.Sections, nil
	}
	s, err := bd.store.get(bd.storedOutline)
	if err != nil {
		return nil, nil, err
	}
	h, sec, ok := decodeOutline(s)
	if !ok {
		return nil, nil, fmt.Errorf("bodies: reading %s: an outline is damaged", bd.store.f.Name())
	}
	return h, sec, nil
}

// encodeOutline writes headings and sections as numbers (unsigned
// varints) and strings (a length, then the bytes): the count of
// headings, each heading's level, offset, text and id, then the count
// of sections, each section's id, heading, start and end.
func encodeOutline(headings []markdown.Heading, sections []markdown.Section) []byte {
	b := binary.AppendUvarint(nil, uint64(len(headings)))
	for _, h := range headings {
		b = binary.AppendUvarint(b, uint64(h.Level))
		b = binary.AppendUvarint(b, uint64(h.Offset))
		b = appendOutlineString(b, h.Text)
		b = appendOutlineString(b, h.ID)
	}
	b = binary.AppendUvarint(b, uint64(len(sections)))
	for _, s := range sections {
		b = appendOutlineString(b, s.ID)
		b = appendOutlineString(b, s.Heading)
		b = binary.AppendUvarint(b, uint64(s.Start))
		b = binary.AppendUvarint(b, uint64(s.End))
	}
	return b
}

func appendOutlineString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodeOutline reads what encodeOutline wrote; the strings it returns
// share s's memory. ok is false when s is not such an outline.
func decodeOutline(s string) (headings []markdown.Heading, sections []markdown.Section, ok bool) {
	r := outlineReader{s: s}
	headings = make([]markdown.Heading, r.count())
	for i := range headings {
		headings[i] = markdown.Heading{Level: r.int(), Offset: r.int(), Text: r.string(), ID: r.string()}
	}
	sections = make([]markdown.Section, r.count())
	for i := range sections {
		sections[i] = markdown.Section{ID: r.string(), Heading: r.string(), Start: r.int(), End: r.int()}
	}
	if r.bad || r.s != "" {
		return nil, nil, false
	}
	return headings, sections, true
}

// outlineReader reads an outline; bad is set at the first number or
// string that runs past its end, and every read after returns zero.
type outlineReader struct {
	s   string
	bad bool
}

func (r *outlineReader) int() int {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if n <= 0 || v > math.MaxInt32 {
		r.bad = true
		return 0
	}
	r.s = r.s[n:]
	return int(v)
}

// count is int for the number of headings or sections that follow, each
// of which takes two bytes at least.
func (r *outlineReader) count() int {
	n := r.int()
	if n > len(r.s)/2 {
		r.bad = true
		return 0
	}
	return n
}

func (r *outlineReader) string() string {
	n := r.int()
	if r.bad || n > len(r.s) {
		r.bad = true
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}
