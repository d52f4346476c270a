package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
)

// lineEndSpace is white space at a line's end, before a soft or a hard
// line break. With Linkify, which looks at every space, goldmark keeps
// some there that CommonMark removes, and that the parser without it
// removes ("a \nb" is "<p>a \nb</p>" with it, "<p>a\nb</p>" without;
// "a    \nb", "<p>a <br>\nb</p>" and "<p>a<br>\nb</p>"). Browsers show
// both the same.
var lineEndSpace = regexp.MustCompile(`[ \t\r\f\v]+(<br>)?\n`)

func lineEnds(s string) string { return lineEndSpace.ReplaceAllString(s, "$1\n") }

// words is s with its white space runs made one space: the text the index
// reads joins a soft line break's lines with a space, "a  b" and "a b"
// for "a \nb".
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameDoc says how two parses of one body differ, or "" when they do not:
// the HTML, the links, headings and raw HTML found, and the text and
// sections the index reads, but for white space at the ends of lines.
func sameDoc(a, b *Doc) string {
	var ha, hb bytes.Buffer
	if err := a.Render(&ha); err != nil {
		return err.Error()
	}
	if err := b.Render(&hb); err != nil {
		return err.Error()
	}
	if lineEnds(ha.String()) != lineEnds(hb.String()) {
		return "HTML:\n" + ha.String() + "\n---\n" + hb.String()
	}
	type link struct {
		Kind   LinkKind
		Dest   string
		Offset int
	}
	links := func(d *Doc) (out []link) {
		for _, l := range d.Links {
			out = append(out, link{l.Kind, l.Dest, l.Offset})
		}
		return out
	}
	if !reflect.DeepEqual(links(a), links(b)) {
		return "links"
	}
	if !reflect.DeepEqual(a.Headings, b.Headings) || !reflect.DeepEqual(a.RawHTML, b.RawHTML) {
		return "headings or raw HTML"
	}
	ta, sa := a.TextSections()
	tb, sb := b.TextSections()
	if words(ta) != words(tb) || len(sa) != len(sb) {
		return "text or sections"
	}
	for i := range sa {
		if sa[i].ID != sb[i].ID || sa[i].Heading != sb[i].Heading {
			return "sections"
		}
	}
	return ""
}

// linkifySeeds are bodies that exercise what Linkify's triggers (spaces,
// line heads, *, _, ~ and parentheses) meet, with and without anything
// it would link.
var linkifySeeds = []string{
	"Plain words, with  two spaces and a (parenthesis) and *emphasis* and _this_ and ~~struck~~ text.\n",
	"Line one\nline two  \nline three\\\nfour\n\n    indented code block\n\n* a\n* b\n\n1. one\n2. two\n",
	"## Heading *with* `code` and (parts)\n\nText[^1] with a footnote.\n\n[^1]: The note ( with ) *stars*.\n",
	"| a | b |\n|---|---|\n| x *y* | (z) ~q~ |\n\n> quoted _text_ and **bold**\n",
	"A [link](/practices/x/) and ![image](/img.png) and <b>raw</b> and &amp; entities &copy;.\n",
	"Ends with a star *\n\n(\n\n_\n\n~\n\n * \n",
	"See www.example.org and https://example.org/a?b=c, or mail info@example.org.\n",
	"Text (www.example.org) and *https://example.org* and _ftp://x.y/z_ and a@b.c.\n",
	"Not quite: www and http and an @ sign alone, and a://b.\n",
}

// TestUnlinkedParsesLikeLinkify: a body in which Linkify can find no
// address (linkable is false) comes out of the parser without it exactly
// as out of the one with it, for the seeds above and every body of the
// starter content; and a body with one is linked.
func TestUnlinkedParsesLikeLinkify(t *testing.T) {
	bodies := append([]string(nil), linkifySeeds...)
	root := filepath.Join("..", "..", "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		body := string(data)
		if parts := strings.SplitN(body, "\n---\n", 2); strings.HasPrefix(body, "---\n") && len(parts) == 2 {
			body = parts[1]
		}
		bodies = append(bodies, body)
		// Without its addresses, so that the unlinked parser reads it too.
		for _, s := range []string{"://", "www.", "@"} {
			body = strings.ReplaceAll(body, s, " ")
		}
		bodies = append(bodies, body)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) < len(linkifySeeds)+40 {
		t.Fatalf("read %d bodies; the starter content is missing", len(bodies)-len(linkifySeeds))
	}
	unlinkedOnes := 0
	for _, body := range bodies {
		src := []byte(body)
		if linkable(src) {
			continue
		}
		unlinkedOnes++
		if diff := sameDoc(parseWith(md.Parser(), src), parseWith(unlinked.Parser(), src)); diff != "" {
			t.Errorf("%q: the parsers differ in %s", clipBody(body), diff)
		}
	}
	if unlinkedOnes < 40 {
		t.Errorf("only %d bodies without addresses were compared", unlinkedOnes)
	}
	var html bytes.Buffer
	if err := Parse([]byte("See www.example.org today.\n")).Render(&html); err != nil || !strings.Contains(html.String(), `<a href="http://www.example.org">`) {
		t.Errorf("a body with an address is not linked: %s %v", html.String(), err)
	}
}

// FuzzUnlinkedParsesLikeLinkify holds the two parsers to the same
// document on any body without an address.
func FuzzUnlinkedParsesLikeLinkify(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		src := []byte(body)
		if linkable(src) {
			return
		}
		if diff := sameDoc(parseWith(md.Parser(), src), parseWith(unlinked.Parser(), src)); diff != "" {
			t.Errorf("%q: the parsers differ in %s", body, diff)
		}
	})
}

func clipBody(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}

// BenchmarkParseProse parses a body of plain prose, headings and a list,
// with and without Linkify (Parse takes the latter for such a body):
//
//	go test -bench ParseProse -run '^$' ./generator/markdown
func BenchmarkParseProse(b *testing.B) {
	var body strings.Builder
	for i := range 12 {
		if i%4 == 0 {
			body.WriteString("## Part of the practice\n\n")
		}
		body.WriteString("The regional development agency co-financed joint research projects of the cluster's members after a consultation of stakeholders, which launched technology transfer between partners and firms in the region.\n")
		body.WriteString("Partner universities supported training programmes for cluster managers together with neighbouring regions.\n\n")
		if i%5 == 0 {
			body.WriteString("- shared testing facilities\n- a guarantee fund for members\n- calls for collaborative projects\n\n")
		}
	}
	src := []byte(body.String())
	if linkable(src) {
		b.Fatal("the benchmark's body has an address")
	}
	for _, c := range []struct {
		name string
		md   goldmark.Markdown
	}{{"linkify", md}, {"unlinked", unlinked}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				parseWith(c.md.Parser(), src)
			}
		})
	}
}
