package generator_test

import "testing"

// TestBuildReadsPackedFrontMatter: in a build, which packs the front
// matter as it loads it (model.Options.PackFrontMatter), the pages of
// both languages show the facts, the words a translation gives and the
// facts it inherits from its original. That the load packs is
// TestLoadPacksStarterContent's (generator/model); this test checks what
// the pages read through it.
func TestBuildReadsPackedFrontMatter(t *testing.T) {
	fsys := with(t, greekAccreditation)
	fsys["site.yaml"].Data = []byte("title: Test site\nlanguages: [en, el]\n")
	out, _ := build(t, fsys)
	el := read(t, out, "el/practices/accreditation/index.html")
	contains(t, el, "Πιστοποίηση συστάδων", "the Greek title")
	contains(t, el, `href="../../countries/hu/"`, "the country the translation inherits")
	contains(t, el, "https://example.org/acc", "the source the translation inherits")
	en := read(t, out, "practices/mi-cluster/index.html")
	contains(t, en, "https://example.org/mi", "the English practice's source")
	contains(t, en, "2006", "the English practice's start")
}

// greekAccreditation is a Greek translation of the base site's
// accreditation practice, with a heading of its own.
const greekAccreditation = `
-- practices/accreditation.el.md --
---
title: Πιστοποίηση συστάδων
summary: Οι πιστοποιημένες συστάδες χρηματοδοτούνται.
---
## Περιγραφή
Κείμενο.
`
