package model

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// sameNodes says where two node trees differ, or "" when they do not.
func sameNodes(a, b *yaml.Node, at string) string {
	if (a == nil) != (b == nil) {
		return fmt.Sprintf("%s: one node is nil (%v, %v)", at, a == nil, b == nil)
	}
	if a == nil {
		return ""
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || a.HeadComment != b.HeadComment || a.LineComment != b.LineComment ||
		a.FootComment != b.FootComment || (a.Alias == nil) != (b.Alias == nil) {
		return fmt.Sprintf("%s: %+v\nagainst %+v", at, *a, *b)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %d children against %d", at, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := sameNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkPlainYAML fails when plainYAML takes raw and its tree is not
// yaml.v3's, and returns whether it took it.
func checkPlainYAML(t *testing.T, name string, raw []byte) bool {
	t.Helper()
	got, ok := plainYAML(raw)
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Errorf("%s: plainYAML took front matter yaml.v3 refuses (%v):\n%s", name, err, raw)
		return true
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		t.Errorf("%s: plainYAML took a document yaml.v3 reads as %v with %d nodes:\n%s", name, doc.Kind, len(doc.Content), raw)
		return true
	}
	if d := sameNodes(got, doc.Content[0], "root"); d != "" {
		t.Errorf("%s: plainYAML and yaml.v3 differ at %s\nin:\n%s", name, d, raw)
	}
	return true
}

// TestPlainYAMLAsYAMLv3: the front matter plainYAML reads, it reads as
// yaml.v3 does, node for node; what it gives up on, yaml.v3 reads. It
// takes the generated corpus's front matter and most of the starter
// content's.
func TestPlainYAMLAsYAMLv3(t *testing.T) {
	taken := map[bool][]string{}
	for _, c := range plainYAMLCases {
		if checkPlainYAML(t, fmt.Sprintf("%q", c.text), []byte(c.text)) != c.taken {
			t.Errorf("plainYAML took %q: %v, want %v", c.text, !c.taken, c.taken)
		}
	}

	gen := t.TempDir()
	if err := corpus.Write(gen, 300, 1); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{gen, filepath.Join("..", "..", "content")} {
		counts := map[bool]int{}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fm := splitFrontMatter(data)
			if !fm.found || fm.kind != fmYAML {
				return nil
			}
			ok := checkPlainYAML(t, path, fm.raw)
			counts[ok]++
			taken[ok] = append(taken[ok], path)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d front matters read by plainYAML, %d left to yaml.v3", dir, counts[true], counts[false])
		if dir == gen && counts[false] > 0 {
			t.Errorf("plainYAML gave up on %d of the generated corpus's front matters (%v ...)", counts[false], taken[false][:1])
		}
		if counts[true] == 0 {
			t.Errorf("%s: plainYAML read none of its front matter", dir)
		}
	}
}

var plainYAMLCases = []struct {
	text  string
	taken bool
}{
	{"title: T\n", true},
	{"title: \"Quoted: with # and, commas\"\nsummary: 'single'\n", true},
	{"n: 12\nf: 1.5\nb: true\nd: 2025-10-04\nnull1: ~\nnull2: null\nhex: 0x1F\n", true},
	{"tags: [a, b c, \"d, e\", 'f']\nempty: []\nspaced: [ a ,b ]\n", true},
	{"sources:\n  - title: \"S\"\n    url: https://example.org/a?b=c&d\n  - title: T\n    url: http://x\n", true},
	{"sources:\n- title: S\n  url: u\nnext: v\n", true},
	{"list:\n  - a\n  - 2\n  - \"c\"\n  - [x, y]\n", true},
	{"map:\n  a: 1\n  b: [x]\n  c:\n    d: e\n", true},
	{"- a: x\n  b:\n  - y\n  c: z\n", false}, // not a mapping at the top
	{"a:\n  - b:\n    - c\n    d: e\n", true},
	{"title: Ελληνικά κείμενα\ntags: [οικονομία, \"α β\"]\n", true},
	{"title: The \"best\" way, O'Brien's\n", true},
	{"\n\ntitle: after blank lines\n\n\nx: y\n", true},
	{"title:  two spaces\nx:     [a,    b]\n", true},
	{"yes: no\non: off\n", true},
	{"title: T # a comment\n", false},
	{"# comment\ntitle: T\n", false},
	{"title: \"a\\\"b\"\n", false},
	{"title: 'it''s'\n", false},
	{"title: |\n  block\n", false},
	{"title: >\n  folded\n", false},
	{"title: plain\n  continued\n", false},
	{"title: \"quoted\n  over lines\"\n", false},
	{"a: &x 1\nb: *x\n", false},
	{"a: !!str 1\n", false},
	{"a:\n", false},
	{"a:\nb: c\n", false},
	{"a: [b, c\n", false},
	{"a: [b, c,]\n", false},
	{"a: [b: c]\n", false},
	{"a: {b: c}\n", false},
	{"a: b: c\n", false},
	{"a:b\n", false},
	{"a : b\n", false},
	{"\ta: b\n", false},
	{"a: b\r\n", false},
	{" a: b\n", false},
	{"---\na: b\n", false},
	{"a: -1\n", false},
	{"a: \"\n", false},
	{"a: \"x\" y\n", false},
	{"a: x\n- y\n", false},
	{"a:\n  - x\n    y\n", false},
	{"a:\n  b: c\n d: e\n", false},
	{"a: \u0085x\n", false},
	{"a: <<\nb: [<<]\n", false},
	{strings.Repeat("k", 1100) + ": v\n", false},
	{"", false},
}

// FuzzPlainYAML: whatever plainYAML reads, yaml.v3 reads into the same
// tree.
func FuzzPlainYAML(f *testing.F) {
	for _, c := range plainYAMLCases {
		f.Add([]byte(c.text))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkPlainYAML(t, "fuzz", raw)
	})
}

// BenchmarkFrontMatterYAML reads the generated corpus's front matter
// with plainYAML and with yaml.v3.
func BenchmarkFrontMatterYAML(b *testing.B) {
	raws := generatedFrontMatter(b, 300)
	b.Run("plainYAML", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			if _, ok := plainYAML(raws[i%len(raws)]); !ok {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			var doc yaml.Node
			if err := yaml.Unmarshal(raws[i%len(raws)], &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDecodedTextsOwnTheirBytes: plainYAML cuts every value from one
// string of the whole front matter, but the texts the decoder keeps are
// copies, so that a title or a tag kept decoded does not hold the whole
// front matter in memory.
func TestDecodedTextsOwnTheirBytes(t *testing.T) {
	raw := []byte("title: A title\nsummary: \"A summary in quotes\"\ntags: [one, \"two words\"]\nnotes:\n  - first note\n  - second note\nhome: https://example.org/a\nplace:\n  name: A place\n")
	root, ok := plainYAML(raw)
	if !ok {
		t.Fatal("plainYAML gave up on plain front matter")
	}
	type span struct{ from, to uintptr }
	var cut []span
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Value != "" {
			p := uintptr(unsafe.Pointer(unsafe.StringData(n.Value)))
			cut = append(cut, span{p, p + uintptr(len(n.Value))})
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	text := func(name string, kind Kind) *Field { return &Field{Name: name, Kind: kind} }
	fields := []*Field{
		text("title", KindString), text("summary", KindText),
		{Name: "tags", Kind: KindList, Elem: text("", KindString)},
		{Name: "notes", Kind: KindList, Elem: text("", KindText)},
		text("home", KindURL),
		{Name: "place", Kind: KindObject, Fields: []*Field{text("name", KindString)}},
	}
	var diags diag.List
	d := &decoder{path: "x.md", diags: &diags}
	vals, _ := d.object(root, fields, diag.Pos{Line: 1, Col: 1}, true)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	var strs []string
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case string:
			strs = append(strs, v)
		case []any:
			for _, e := range v {
				collect(e)
			}
		case map[string]any:
			for _, e := range v {
				collect(e)
			}
		}
	}
	collect(vals)
	if len(strs) != 8 {
		t.Fatalf("decoded %d texts, want 8: %v", len(strs), vals)
	}
	for _, s := range strs {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, c := range cut {
			if p >= c.from && p < c.to {
				t.Errorf("%q is a part of the front matter's string, not a copy", s)
			}
		}
	}
}

// TestPlainParserReuse: a parser's nodes serve the next front matter
// once reset; what was decoded from the first tree is left as it was,
// and the second tree is what a new parser gives.
func TestPlainParserReuse(t *testing.T) {
	raws := generatedFrontMatter(t, 30)
	if len(raws) < 30 {
		t.Fatalf("%d files", len(raws))
	}
	decode := func(root *yaml.Node) map[string]any {
		// Every field as the YAML gives it, lists and mappings included.
		var walk func(n *yaml.Node) any
		walk = func(n *yaml.Node) any {
			switch n.Kind {
			case yaml.MappingNode:
				m := map[string]any{}
				for i := 0; i+1 < len(n.Content); i += 2 {
					m[n.Content[i].Value] = walk(n.Content[i+1])
				}
				return m
			case yaml.SequenceNode:
				l := []any{}
				for _, c := range n.Content {
					l = append(l, walk(c))
				}
				return l
			}
			return fmt.Sprintf("%s %s %d:%d", n.Tag, n.Value, n.Line, n.Column)
		}
		return walk(root).(map[string]any)
	}
	reused := new(plainParser)
	var kept []map[string]any
	var trees []*yaml.Node
	for i, raw := range raws {
		root, ok := reused.parse(raw)
		if !ok {
			t.Fatalf("file %d: plainYAML gave up", i)
		}
		fresh, _ := plainYAML(raw)
		if d := sameNodes(root, fresh, "root"); d != "" {
			t.Fatalf("file %d, parsed after %d others: %s", i, i, d)
		}
		kept = append(kept, decode(root))
		trees = append(trees, fresh)
		if !reused.reset() {
			t.Fatalf("file %d: a parser of generated front matter is not kept", i)
		}
	}
	for i := range kept {
		if want := decode(trees[i]); !reflect.DeepEqual(kept[i], want) {
			t.Errorf("file %d changed after its parser was reused:\n%v\nwant\n%v", i, kept[i], want)
		}
	}
	if len(reused.nodes) == 0 || reused.nodes[0][0].Kind != 0 {
		t.Errorf("reset left nodes behind: %d chunks", len(reused.nodes))
	}
}

// generatedFrontMatter is the YAML front matter of a generated corpus
// of n documents.
func generatedFrontMatter(tb testing.TB, n int) [][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Write(dir, n, 1); err != nil {
		tb.Fatal(err)
	}
	var raws [][]byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if fm := splitFrontMatter(data); fm.found && fm.kind == fmYAML {
			raws = append(raws, fm.raw)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return raws
}
