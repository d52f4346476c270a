package generator_test

import (
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clusterpolisee/polisee/generator"
)

// site turns a txtar archive into a content tree. File modes are plain.
func site(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	a := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// base is a minimal valid site that tests extend.
const base = `
-- site.yaml --
title: Test site
languages: [en]
-- areas/innovation-rd.md --
---
title: Innovation, R&D driven cluster development
short: Innovation
order: 1
---
About innovation.
-- areas/sustainability.md --
---
title: Sustainability
short: Eco
order: 2
---
-- countries/gr.md --
---
title: Greece
iso2: GR
nuts_prefix: EL
eu: true
---
-- countries/hu.md --
---
title: Hungary
iso2: HU
---
-- regions/el30.md --
---
title: Attiki
nuts: EL30
country: GR
---
-- organisations/corallia.md --
---
title: Corallia
country: GR
kind: cluster-organisation
region: EL30
role: partner
---
-- practices/mi-cluster.md --
---
title: mi-Cluster
summary: A microelectronics cluster.
countries: [GR]
regions: [EL30]
areas: [innovation-rd]
level: national
status: identified
owner: corallia
start: 2006
updated: 2026-11-01
sources:
  - title: Source
    url: https://example.org/mi
---
## Description
Facilitated by [Corallia](/organisations/corallia/), see also [the other](../practices/accreditation.md#description).
## Resources needed
Some.
## Evidence of success
Growth.
## Difficulties encountered
None reported.
## Potential for transfer
High.
-- practices/accreditation.md --
---
title: Cluster accreditation
summary: Accredited clusters get funding.
countries: [HU]
areas: [innovation-rd, sustainability]
level: national
status: piloted
sources: [https://example.org/acc]
---
## Description
Text.
## Resources needed
## Evidence of success
## Difficulties encountered
## Potential for transfer
`

// build builds a site into a fresh folder and fails the test on error.
func build(t testing.TB, fsys fstest.MapFS) (string, *generator.Site) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	s, err := generator.Build(context.Background(), generator.Config{Src: fsys, SrcRoot: "content", Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, s
}

func read(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("read output: %v", err)
	}
	return string(data)
}

func contains(t testing.TB, haystack, needle, what string) {
	t.Helper()
	if !strings.Contains(haystack, needle) {
		t.Errorf("%s: want %q in\n%s", what, needle, clip(haystack))
	}
}

func notContains(t testing.TB, haystack, needle, what string) {
	t.Helper()
	if strings.Contains(haystack, needle) {
		t.Errorf("%s: do not want %q in\n%s", what, needle, clip(haystack))
	}
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// with returns base plus extra files (replacing same-named ones).
func with(t testing.TB, extra string) fstest.MapFS {
	fsys := site(t, base)
	for name, f := range site(t, extra) {
		fsys[name] = f
	}
	return fsys
}

// builtIndex reads the search index a build wrote into out: its name
// carries a hash of its content, and meta.json names it.
func builtIndex(t *testing.T, out string) []byte {
	t.Helper()
	var meta struct{ Index string }
	data, err := os.ReadFile(filepath.Join(out, "search", "meta.json"))
	if err == nil {
		err = json.Unmarshal(data, &meta)
	}
	if err == nil {
		data, err = os.ReadFile(filepath.Join(out, "search", meta.Index))
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// hashedAsset is the name that a file of the theme's static folder has
// in the pages' links: assets/style.css as style.0123456789ab.css, a copy
// with a hash of its content in its name. It fails the test when there
// is no such copy.
func hashedAsset(t testing.TB, out, name string) string {
	t.Helper()
	ext := path.Ext(name)
	matches, err := filepath.Glob(filepath.Join(out, "assets", strings.TrimSuffix(name, ext)+".*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	plain := read(t, out, "assets/"+name)
	for _, m := range matches {
		b := filepath.Base(m)
		if hashedName.MatchString(b) && read(t, out, "assets/"+b) == plain {
			return b
		}
	}
	t.Fatalf("no content-named copy of assets/%s among %v", name, matches)
	return ""
}

var hashedName = regexp.MustCompile(`\.[0-9a-f]{12}\.[a-z]+$`)
