package model

import (
	"fmt"
	"reflect"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the loader as a practice file: it must
// never panic, and every problem must carry a position inside the file;
// loaded packed, as a build loads it, it must give the same problems and
// the same fields.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: T\nsummary: S\ncountries: [GR]\nareas: [a]\nlevel: local\nstatus: identified\nsources: [https://x.org]\n---\n## Description\n",
		"---\ntitle: &a x\nsummary: *a\n---\n",
		"+++\ntitle = \"T\"\n[x]\ny = 1\n+++\n",
		"---json\n{\"title\": \"T\", \"tags\": [1, 2]}\n---\n",
		"---\n",
		"",
		"\ufeff---\r\ntitle: x\r\n---\r\n",
		"---\ntitle: [[[[[[[[[[\n---\n",
		"---\nassessment: {a: {score: 9}}\ninstruments: [{name: x, kind: loan, budget_eur: -1}]\n---\n",
		"---\nstart: 2014-02-30\nend: 99999\ndraft: yes\n---\n",
		";;;\n{\"title\": 1}\n;;;\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"practices/x.md":  {Data: data},
			"areas/a.md":      {Data: []byte("---\ntitle: A\nshort: A\n---\n")},
			"countries/gr.md": {Data: []byte("---\ntitle: Greece\niso2: GR\nnuts_prefix: EL\n---\n")},
		}
		c, diags := Load(fsys, Options{Root: "content"})
		if c == nil {
			t.Fatal("Load returned no content for a readable tree")
		}
		lines := 1
		for _, b := range data {
			if b == '\n' {
				lines++
			}
		}
		for _, d := range diags {
			if d.Pos.Line < 0 || d.Pos.Line > lines+1 {
				t.Errorf("%s: line outside the file (%d lines)", d, lines)
			}
		}
		// A build packs the front matter as it loads it: the same
		// problems, and the same fields read back.
		p, pdiags := Load(fsys, Options{Root: "content", PackFrontMatter: true})
		if p == nil || fmt.Sprint(pdiags) != fmt.Sprint(diags) {
			t.Fatalf("loaded packed: %v\nloaded into maps: %v", pdiags, diags)
		}
		if len(p.Items) != len(c.Items) {
			t.Fatalf("%d items packed, %d loaded into maps", len(p.Items), len(c.Items))
		}
		for i, it := range p.Items {
			if got, want := it.Fields(), c.Items[i].data; !reflect.DeepEqual(got, want) {
				t.Errorf("%s: packed %v, loaded %v", it.DisplayPath, got, want)
			}
		}
	})
}
