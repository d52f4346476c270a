package generator

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

// TestStoredBodiesAsInMemory: a generated site's pages are the same,
// byte for byte, whether its bodies were read again from their files
// into buffers that serve body after body and kept in the bodies' store
// (a build), or kept in memory with their Markdown (polisee serve): so
// nothing made from a body keeps the bytes of the buffer it was read
// into.
func TestStoredBodiesAsInMemory(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(src, 300, 2); err != nil {
		t.Fatal(err)
	}
	render := func(bodies keepBodies) map[string]string {
		b, tmpls := preparedSite(t, src, bodies)
		pages := map[string]string{}
		var buf bytes.Buffer
		for _, p := range b.pages {
			buf.Reset()
			if err := b.renderPageTo(&buf, tmpls, p, nil); err != nil {
				t.Fatal(err)
			}
			pages[p.File] = buf.String()
		}
		return pages
	}
	stored, inMemory := render(bodiesStored), render(bodiesInMemory)
	if len(stored) != len(inMemory) || len(stored) < 300 {
		t.Fatalf("%d pages stored, %d in memory", len(stored), len(inMemory))
	}
	for file, page := range inMemory {
		if stored[file] != page {
			t.Errorf("%s differs between stored and in-memory bodies", file)
		}
	}
}
