package generator_test

import (
	"context"
	"fmt"
	"html"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clusterpolisee/polisee/generator"
)

// areaSizes are the areas of the plural test sites, by the number of
// practices each counts: 1, 2, 5, 21 and 101 take different CLDR forms in
// Croatian and Slovenian.
var areaSizes = []int{1, 2, 5, 21, 101}

// countText finds the counts a page prints.
var countText = regexp.MustCompile(`<p class="count">([^<]*)</p>`)

// TestPluralSites builds the sites in testdata/plurals (hr, sl: each its
// only language, with its own strings file in a theme folder) and checks
// that every count on their pages takes the language's CLDR form.
func TestPluralSites(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "plurals", "*.txtar"))
	if err != nil || len(files) < 2 {
		t.Fatalf("want the hr and sl sites in testdata/plurals, got %v (%v)", files, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, theme, want := fstest.MapFS{}, fstest.MapFS{}, map[string][]string{}
			country := ""
			for _, f := range a.Files {
				dir, name, _ := strings.Cut(f.Name, "/")
				switch dir {
				case "content":
					src[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
					if c, ok := strings.CutPrefix(name, "countries/"); ok {
						country = strings.ToUpper(strings.TrimSuffix(c, ".md"))
					}
				case "theme":
					theme[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
				case "want":
					want[name] = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
				default:
					t.Fatalf("%s: %s is not under content/, theme/ or want/", file, f.Name)
				}
			}
			addPractices(src, country)

			out := filepath.Join(t.TempDir(), "public")
			s, err := generator.Build(context.Background(), generator.Config{Src: src, SrcRoot: "content", Out: out, Theme: theme})
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Warnings) != 0 {
				t.Errorf("warnings: %v", s.Warnings)
			}
			lang := filepath.Base(strings.TrimSuffix(file, ".txtar"))
			contains(t, read(t, out, "index.html"), `<html lang="`+lang+`"`, "home")
			for page, counts := range want {
				var got []string
				for _, m := range countText.FindAllStringSubmatch(read(t, out, page), -1) {
					got = append(got, html.UnescapeString(m[1]))
				}
				if strings.Join(got, "\n") != strings.Join(counts, "\n") {
					t.Errorf("%s: counts\n%s\nwant\n%s", page, strings.Join(got, "\n"), strings.Join(counts, "\n"))
				}
			}
		})
	}
}

// addPractices adds 101 practices in country to src: practice i is in
// area aN for every N of areaSizes above i, so area aN counts N of them.
func addPractices(src fstest.MapFS, country string) {
	for i := range areaSizes[len(areaSizes)-1] {
		var areas []string
		for _, n := range areaSizes {
			if i < n {
				areas = append(areas, fmt.Sprintf("a%d", n))
			}
		}
		body := fmt.Sprintf(`---
title: Practice %d
summary: Practice number %d.
countries: [%s]
areas: [%s]
level: national
status: identified
sources: [https://example.org/%d]
---
## Description
## Resources needed
## Evidence of success
## Difficulties encountered
## Potential for transfer
`, i, i, country, strings.Join(areas, ", "), i)
		src[path.Join("practices", fmt.Sprintf("p%03d.md", i))] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
	}
}
