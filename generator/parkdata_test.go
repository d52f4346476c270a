package generator_test

import (
	"context"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/model"
)

// TestBuildParksFrontMatterWhileIndexing: while a build indexes, no item
// of either language holds its front matter, and the collector's GOGC is
// at least what it was; the pages rendered after show the facts and the
// translated words again, and GOGC is as it was.
func TestBuildParksFrontMatterWhileIndexing(t *testing.T) {
	fsys := with(t, `
-- practices/accreditation.el.md --
---
title: Πιστοποίηση συστάδων
summary: Οι πιστοποιημένες συστάδες χρηματοδοτούνται.
---
## Περιγραφή
Κείμενο.
`)
	fsys["site.yaml"].Data = []byte("title: Test site\nlanguages: [en, el]\n")
	gc := debug.SetGCPercent(-1)
	debug.SetGCPercent(gc)
	var parked, localized int
	defer generator.WhileParked(func(items []*model.Item) {
		for _, it := range items {
			if it.Fields() != nil {
				t.Errorf("%s (%s) holds its front matter while the build indexes", it.DisplayPath, it.Lang)
			}
			if it.Original != nil {
				localized++
			}
		}
		parked = len(items)
		if now := debug.SetGCPercent(gc); now < gc {
			t.Errorf("GOGC %d while parked, below the %d before", now, gc)
		} else {
			debug.SetGCPercent(now)
		}
	})()
	out, _ := build(t, fsys)
	if parked == 0 || localized == 0 {
		t.Fatalf("parked %d items, %d of them localized copies: want both", parked, localized)
	}
	if now := debug.SetGCPercent(gc); now != gc {
		t.Errorf("GOGC %d after the build, %d before", now, gc)
	}
	el := read(t, out, "el/practices/accreditation/index.html")
	contains(t, el, "Πιστοποίηση συστάδων", "the Greek title")
	contains(t, el, `href="../../countries/hu/"`, "the country the translation inherits")
	contains(t, el, "https://example.org/acc", "the source the translation inherits")
	en := read(t, out, "practices/mi-cluster/index.html")
	contains(t, en, "https://example.org/mi", "the English practice's source")
	contains(t, en, "2006", "the English practice's start")
}

// TestConcurrentBuildsPutGOGCBack: builds that park at once in one
// process leave GOGC as it was before the first of them.
func TestConcurrentBuildsPutGOGCBack(t *testing.T) {
	gc := debug.SetGCPercent(-1)
	debug.SetGCPercent(gc)
	fsys := site(t, base)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			out := filepath.Join(t.TempDir(), "public")
			_, errs[i] = generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if now := debug.SetGCPercent(gc); now != gc {
		t.Errorf("GOGC %d after four builds at once, %d before", now, gc)
	}
}
