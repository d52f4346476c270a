package generator_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search"
)

// TestPartFilesAreWrittenAsCut: the build writes every part of the
// index, with its gzip and brotli copies, and the head; a write that
// fails stops the cut, and the build reports it once.
func TestPartFilesAreWrittenAsCut(t *testing.T) {
	var docs []search.Document
	for i := range 400 {
		docs = append(docs, search.Document{ID: fmt.Sprintf("p%03d", i), URL: fmt.Sprintf("/p/%03d/", i), Type: "practice", Lang: "en",
			Title: fmt.Sprintf("Practice %d of cluster %d", i, i%17), Body: strings.Repeat(fmt.Sprintf("word%d cluster policy term%d ", i%53, i%211), 20)})
	}
	index, err := search.Build(context.Background(), docs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want, err := search.WriteParts(index, search.DefaultPartsLayout(len(docs)))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	written := map[string]int{}
	head, err := generator.WritePartFiles(index, search.DefaultPartsLayout(len(docs)), "head.bin", func(name string, data []byte) error {
		mu.Lock()
		written[name]++
		mu.Unlock()
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name := range want.Parts {
		for _, file := range []string{"search/parts/" + name + ".bin", "search/parts/" + name + ".bin.gz", "search/parts/" + name + ".bin.br"} {
			if written[file] != 1 {
				t.Errorf("%s written %d times", file, written[file])
			}
		}
	}
	for _, file := range []string{head, head + ".gz", head + ".br"} {
		if written[file] != 1 {
			t.Errorf("the head's %s written %d times", file, written[file])
		}
	}
	if n := 3 * (len(want.Parts) + 1); len(written) != n {
		t.Errorf("%d files written, want %d (%d parts and the head, three files each)", len(written), n, len(want.Parts))
	}

	full := errors.New("no space left on device")
	calls := 0
	_, err = generator.WritePartFiles(index, search.DefaultPartsLayout(len(docs)), "head.bin", func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if calls++; calls == 4 {
			return full
		}
		return nil
	}, nil)
	if !errors.Is(err, full) || strings.Count(err.Error(), full.Error()) != 1 {
		t.Errorf("a failed write gave %v", err)
	}
}
