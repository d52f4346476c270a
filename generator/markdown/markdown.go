// Package markdown parses content bodies with goldmark, reports what the
// generator must check in them (links, raw HTML, headings) with byte
// offsets, and renders them to safe HTML with links rewritten.
//
// Raw HTML is never rendered (goldmark's default), and goldmark drops
// dangerous URLs on its own; the generator additionally refuses them in
// check so that editors learn about them.
package markdown

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"sync"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// unlinked is md without Linkify, which turns addresses written as text
// into links: for the bodies that have none (linkable). Linkify looks
// for one at every space: a body of prose parses in 44 µs without it
// against 74 µs with it (BenchmarkParseProse), and at 100,000 generated
// documents goldmark's parsing was 14 s of the load stage's 55 s of CPU.
// Where Linkify can find nothing, the two give the same document, but
// for white space at a line's end, which goldmark keeps with Linkify and
// CommonMark (and the parser without it) removes: "a \nb" is
// "<p>a \nb</p>" with it, "<p>a\nb</p>" without (see
// TestUnlinkedParsesLikeLinkify). The starter content and the generated
// 10,000-document site come out byte for byte the same either way.
var unlinked = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// linkable reports whether Linkify might find an address in src: it
// links only text with "://" after http, https or ftp, text starting
// "www.", and e-mail addresses, which have an "@".
func linkable(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// LinkKind tells links from images and autolinks.
type LinkKind int

const (
	KindLink LinkKind = iota
	KindImage
	KindAutoLink
)

// Link is one link or image in a body.
type Link struct {
	Kind   LinkKind
	Dest   string
	Offset int // byte offset in the body where the link starts
	node   ast.Node
}

// Heading is a heading in a body.
type Heading struct {
	Level  int
	Text   string
	ID     string
	Offset int
}

// Doc is a parsed body.
type Doc struct {
	src      []byte
	root     ast.Node
	Links    []*Link
	Headings []Heading
	// RawHTML holds the offsets of raw HTML, which is not rendered.
	RawHTML []int
	// headingNodes are the nodes of Headings, in the same order, so that
	// TextSections names a section with the same strings: a build keeps
	// both for every page.
	headingNodes []*ast.Heading
}

// Parse parses a Markdown body.
func Parse(src []byte) *Doc {
	p := unlinked.Parser()
	if linkable(src) {
		p = md.Parser()
	}
	return parseWith(p, src)
}

// parseWith is Parse with the given goldmark parser.
func parseWith(p parser.Parser, src []byte) *Doc {
	d := &Doc{src: src}
	d.root = p.Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(newHeadingIDs()))))
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			d.Links = append(d.Links, &Link{Kind: KindLink, Dest: string(n.Destination), Offset: d.offset(n, '['), node: n})
		case *ast.Image:
			d.Links = append(d.Links, &Link{Kind: KindImage, Dest: string(n.Destination), Offset: d.offset(n, '!'), node: n})
		case *ast.AutoLink:
			d.Links = append(d.Links, &Link{Kind: KindAutoLink, Dest: string(n.URL(src)), Offset: d.offset(n, '<'), node: n})
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				d.RawHTML = append(d.RawHTML, n.Segments.At(0).Start)
			}
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				d.RawHTML = append(d.RawHTML, n.Lines().At(0).Start)
			}
		case *ast.Heading:
			h := Heading{Level: n.Level, Text: plainText(n, src), Offset: d.offset(n, '#')}
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					h.ID = string(b)
				}
			}
			d.headingNodes = append(d.headingNodes, n)
			d.Headings = append(d.Headings, h)
		}
		return ast.WalkContinue, nil
	})
	return d
}

// offset finds where node n starts in the source: the first text inside
// it, moved back to the opening marker when one is found on the same line.
func (d *Doc) offset(n ast.Node, marker byte) int {
	start := firstSegment(n)
	if start < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				return p.Lines().At(0).Start
			}
		}
		return 0
	}
	for i := start - 1; i >= 0 && d.src[i] != '\n'; i-- {
		if d.src[i] == marker {
			if marker == '#' {
				for i > 0 && d.src[i-1] == '#' {
					i--
				}
			}
			return i
		}
	}
	return start
}

func firstSegment(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := firstSegment(c); s >= 0 {
			return s
		}
	}
	return -1
}

func plainText(n ast.Node, src []byte) string {
	// The text is at most the block's lines: room for them at once
	// saves growing the buffer (and copying it out) for every block.
	var b strings.Builder
	size := 0
	for i, lines := 0, n.Lines(); i < lines.Len(); i++ {
		seg := lines.At(i)
		size += seg.Len()
	}
	b.Grow(size)
	writePlainText(&b, n, src)
	return b.String()
}

// textWriter is a strings.Builder or a bytes.Buffer.
type textWriter interface {
	Write([]byte) (int, error)
	WriteByte(byte) error
}

// writePlainText writes the words of n, without markup, to b.
func writePlainText(b textWriter, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// SetDest changes where a link or image points before rendering.
func (l *Link) SetDest(dest string) {
	l.Dest = dest
	switch n := l.node.(type) {
	case *ast.Link:
		n.Destination = []byte(dest)
	case *ast.Image:
		n.Destination = []byte(dest)
	}
}

// Render writes the body as HTML.
func (d *Doc) Render(w io.Writer) error {
	// goldmark buffers what it writes, in a new 4 KB bufio.Writer for
	// each body unless it is given one: at 10,000 documents 32 MB of the
	// load's 963 MB.
	bw := renderWriters.Get().(*bufio.Writer)
	bw.Reset(w)
	err := md.Renderer().Render(bw, d.src, d.root)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	bw.Reset(nil)
	renderWriters.Put(bw)
	return err
}

// renderWriters are the buffers Render writes through.
var renderWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// Text returns the body's words without markup, for search and summaries.
func (d *Doc) Text() string {
	text, _ := d.TextSections()
	return text
}

// Section is the part of a body's text (Doc.TextSections) under one
// heading of level 2 or 3 that has an ID, up to the next such heading:
// Text[Start:End], the heading's own words included.
type Section struct {
	ID, Heading string
	Start, End  int
}

// MaxSections bounds the sections of a body: later headings belong to
// the last one. Search indexes each section as a document of its own,
// and a body of thousands of headings would make thousands.
const MaxSections = 100

// maxSectionLevel is the deepest heading level that start a section: those a
// reader jumps to. A level 1 heading names the page, and deeper ones
// are parts of a section.
const maxSectionLevel = 3

// TextSections returns the body's words without markup, as Text does,
// and the sections of that text. Text before the first heading belongs
// to no section.
func (d *Doc) TextSections() (string, []Section) {
	var b bytes.Buffer
	b.Grow(len(d.src)) // the text is shorter than the Markdown
	sections := d.WriteTextSections(&b)
	// b is not written again: the string takes its memory rather than a
	// copy.
	return unsafe.String(unsafe.SliceData(b.Bytes()), b.Len()), sections
}

// WriteTextSections is TextSections writing the text to b, which must be
// empty (the sections count from its start), and returning the
// sections: a build puts the text into a file and reuses b for the next
// body, where a string for each took 709 MB of allocations in a load of
// 100,000 generated documents. The sections keep nothing of b.
func (d *Doc) WriteTextSections(b *bytes.Buffer) []Section {
	var sections []Section
	next := 0 // the first of headingNodes not passed yet
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkContinue, nil
		}
		if n.Type() != ast.TypeBlock || n.FirstChild() == nil || n.FirstChild().Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		start := b.Len()
		writePlainText(b, n, d.src)
		words := b.Bytes()[start:]
		if h, ok := n.(*ast.Heading); ok && h.Level >= 2 && h.Level <= maxSectionLevel && len(sections) < MaxSections {
			if id, ok := h.AttributeString("id"); ok {
				if id, ok := id.([]byte); ok && len(id) > 0 {
					if len(sections) > 0 {
						sections[len(sections)-1].End = start
					}
					sec := Section{Start: start}
					// Both walks meet the headings in document order.
					for next < len(d.headingNodes) && d.headingNodes[next] != h {
						next++
					}
					if i := next; i < len(d.Headings) && d.Headings[i].ID == string(id) && d.Headings[i].Text == string(words) {
						sec.ID, sec.Heading = d.Headings[i].ID, d.Headings[i].Text
					} else {
						sec.ID, sec.Heading = string(id), string(words)
					}
					sections = append(sections, sec)
				}
			}
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	if len(sections) > 0 {
		sections[len(sections)-1].End = b.Len()
	}
	return sections
}
