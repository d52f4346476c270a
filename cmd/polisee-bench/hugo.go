package main

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/themes"
)

// skeleton is the Hugo site without content: configuration and layouts
// equivalent to polisee's default theme. "all:" keeps _default, which
// embed would otherwise skip.
//
//go:embed all:hugo
var skeleton embed.FS

// Hugo's environments (hugo --environment) that the layouts tell apart:
// in hugoRelated, item pages carry polisee's related list, from
// .Site.RegularPages.Related; in hugoMinimal they do not.
const (
	hugoMinimal = "minimal"
	hugoRelated = "related"
)

// sectionTitles are the list-page headings polisee uses, given to Hugo
// through _index.md files.
var sectionTitles = map[string]string{
	"areas": "Thematic areas", "countries": "Countries", "regions": "Regions",
	"organisations": "Organisations", "practices": "Good practices", "profiles": "Policy profiles",
}

// writeHugoSite turns the polisee content tree src into a Hugo site in
// dst: the skeleton, polisee's stylesheet, and content/<type>/<slug>.md
// with front matter converted by hugoFrontMatter.
func writeHugoSite(src, dst string) error {
	if err := copySkeleton(dst); err != nil {
		return err
	}
	css, err := fs.ReadFile(themes.Default(), "static/style.css")
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dst, "static", "style.css"), css); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			if err := convertFolder(filepath.Join(src, e.Name()), filepath.Join(dst, "content", e.Name()), e.Name()); err != nil {
				return err
			}
		}
	}
	return nil
}

func copySkeleton(dst string) error {
	return fs.WalkDir(skeleton, "hugo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dst, filepath.FromSlash(strings.TrimPrefix(p, "hugo/"))), data)
	})
}

func convertFolder(src, dst, folder string) error {
	files, err := filepath.Glob(filepath.Join(src, "*.md"))
	if err != nil {
		return err
	}
	if title, ok := sectionTitles[folder]; ok {
		if err := writeFile(filepath.Join(dst, "_index.md"), []byte("---\ntitle: "+title+"\n---\n")); err != nil {
			return err
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		out, err := convertFile(folder, data)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if err := writeFile(filepath.Join(dst, filepath.Base(f)), out); err != nil {
			return err
		}
	}
	return nil
}

// convertFile rewrites one content file for Hugo. Bodies stay as they
// are: their site-path links (/practices/p-00012/) are Hugo's permalinks
// too.
func convertFile(folder string, data []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	fm, body, found := bytes.Cut(rest, []byte("\n---\n"))
	if !ok || !found {
		return nil, fmt.Errorf("no YAML front matter")
	}
	var in map[string]any
	if err := yaml.Unmarshal(fm, &in); err != nil {
		return nil, err
	}
	out, err := yaml.Marshal(hugoFrontMatter(folder, in))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(out)
	b.WriteString("---\n")
	b.Write(body)
	return b.Bytes(), nil
}

// taxonomies maps polisee's reference fields to the Hugo taxonomies of
// the skeleton. They are named by-* because Hugo would otherwise give a
// taxonomy and the section of the same name the same URL.
var taxonomies = map[string]string{
	"areas": "by-area", "countries": "by-country", "country": "by-country",
	"regions": "by-region", "region": "by-region", "status": "status",
}

// taxonomyFolders are the types whose references become taxonomy terms:
// the documents, which Hugo lists on term pages and relates by area and
// country, as polisee does.
var taxonomyFolders = map[string]bool{"practices": true, "profiles": true}

// hugoFrontMatter converts polisee front matter: title and summary stay,
// updated becomes Hugo's date and order its weight, references of the
// documents become taxonomy terms, and the remaining fields go under
// facts, so that none collides with a field Hugo reserves (kind, url).
func hugoFrontMatter(folder string, in map[string]any) map[string]any {
	out := map[string]any{}
	facts := map[string]any{}
	for k, v := range in {
		switch tax, isTax := taxonomies[k]; {
		case k == "title" || k == "summary" || k == "sources" || k == "instruments":
			out[k] = v
		case k == "updated":
			out["date"] = v
		case k == "order":
			out["weight"] = v
		case k == "assessment":
			out[k] = assessmentList(v)
		case isTax && taxonomyFolders[folder]:
			if s, ok := v.(string); ok {
				v = []string{s}
			}
			out[tax] = v
		default:
			facts[k] = v
		}
	}
	if len(facts) > 0 {
		out["facts"] = facts
	}
	return out
}

// assessmentList turns the assessment mapping into a list ordered by
// area, since Hugo's templates cannot look up a map by a variable's
// value as easily as they range over a list.
func assessmentList(v any) []map[string]any {
	m, _ := v.(map[string]any)
	areas := make([]string, 0, len(m))
	for a := range m {
		areas = append(areas, a)
	}
	sort.Strings(areas)
	var out []map[string]any
	for _, a := range areas {
		entry := map[string]any{"area": a}
		if e, ok := m[a].(map[string]any); ok {
			for k, v := range e {
				entry[k] = v
			}
		}
		out = append(out, entry)
	}
	return out
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
