package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/internal/testsites"
)

// starterFS copies the starter content into a map that a test can add to.
func starterFS(t *testing.T) fstest.MapFS {
	t.Helper()
	out, err := testsites.Starter()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// newSlugs are names for a new file of each type that the starter content
// does not use yet.
var newSlugs = map[string]string{"countries": "de", "regions": "el41"}

// checkNew checks the starter content plus one file and returns the
// problems found in that file.
func checkNew(t *testing.T, src fstest.MapFS, file string, data []byte) diag.List {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range src {
		fsys[k] = v
	}
	fsys[file] = &fstest.MapFile{Data: data, Mode: 0o644}
	var mine diag.List
	for _, d := range generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"}) {
		if d.Path == "content/"+file {
			mine = append(mine, d)
		} else if d.Severity == diag.Error {
			t.Fatalf("the starter content has an error: %s", d)
		}
	}
	return mine
}

// TestNewScaffoldChecks: for every type, what new writes has every field;
// check reports only its empty required fields; and once those are filled
// in (and the commented examples taken in), check reports nothing.
func TestNewScaffoldChecks(t *testing.T) {
	src := starterFS(t)
	starter, _ := model.Load(src, model.Options{Root: "content"})
	known := knownKeys(src)
	for _, typ := range model.Types {
		t.Run(typ.Folder, func(t *testing.T) {
			src, starter := src, starter
			if typ.Folder == model.FolderAssessment {
				// An area has one set of criteria, and the starter has a set
				// for every area: the new file is for an area added here,
				// which has none.
				src = maps.Clone(src)
				area := *src["areas/skills-jobs.md"]
				area.Data = bytes.Replace(area.Data, []byte("title: \""), []byte("title: \"A test copy of "), 1)
				src["areas/test-area.md"] = &area
				starter, _ = model.Load(src, model.Options{Root: "content"})
			}
			slug := newSlugs[typ.Folder]
			if slug == "" {
				slug = "new-" + typ.Singular
			}
			file := typ.Folder + "/" + slug + ".md"
			text := string(scaffold(typ, slug, known))

			// Every field has its line, with its allowed values.
			for _, f := range typ.Fields {
				line := lineOf(text, f.Name)
				if line == "" {
					t.Errorf("no line for field %s in\n%s", f.Name, text)
					continue
				}
				if f.Required != strings.Contains(line, "# required") {
					t.Errorf("field %s: required is %v, but the line is %q", f.Name, f.Required, line)
				}
				for _, v := range f.Values {
					if !strings.Contains(line, v) {
						t.Errorf("field %s: value %s not listed: %q", f.Name, v, line)
					}
				}
			}
			for _, s := range typ.Sections {
				if !strings.Contains(text, "\n## "+s+"\n") {
					t.Errorf("no section %q", s)
				}
			}

			// Unfilled: only the empty required fields are reported.
			var want []string
			for _, f := range typ.Fields {
				if f.Required && strings.HasPrefix(lineOf(text, f.Name), f.Name+":  #") {
					want = append(want, fmt.Sprintf("required field %q is empty", f.Name))
				}
			}
			var got []string
			for _, d := range checkNew(t, src, file, []byte(text)) {
				got = append(got, d.Msg)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("check of the new file:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}

			// Filled in, examples included: no problem at all.
			filled := fill(t, typ, text, starter)
			if l := checkNew(t, src, file, []byte(filled)); len(l) > 0 {
				t.Errorf("check of the filled file:\n%v\n%s", l, filled)
			}
		})
	}
}

// lineOf returns the line of the front matter that sets field name.
func lineOf(text, name string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, name+":") {
			return l
		}
	}
	return ""
}

// fill gives every empty required field a valid value and takes in the
// commented examples, as an editor would.
func fill(t *testing.T, typ *model.Type, text string, c *model.Content) string {
	t.Helper()
	key := func(folder string) string {
		items := c.ByFolder(folder)
		if len(items) == 0 {
			t.Fatalf("the starter content has no %s", folder)
		}
		return items[0].Key()
	}
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "#   ") {
			b.WriteString(strings.TrimPrefix(l, "# ") + "\n")
			continue
		}
		name, rest, ok := strings.Cut(l, ":")
		f := typ.Field(name)
		if ok && f != nil && strings.HasPrefix(rest, " []  #") && (f.Elem.Kind == model.KindObject) {
			l = name + ":" + strings.TrimPrefix(rest, " []")
		}
		if ok && f != nil && f.Required && strings.HasPrefix(rest, "  #") && f.Kind != model.KindMap &&
			!(f.Kind == model.KindList && f.Elem.Kind == model.KindObject) {
			var v string
			switch f.Kind {
			case model.KindEnum:
				v = f.Values[0]
			case model.KindRef:
				v = key(f.Ref)
				if typ.Folder == model.FolderAssessment && f.Name == "area" {
					// An area without criteria: an area has one set.
					for _, a := range c.ByFolder(model.FolderAreas) {
						if c.CriteriaFor(a.Slug) == nil {
							v = a.Slug
						}
					}
				}
			case model.KindList:
				v = "[" + key(f.Elem.Ref) + "]"
			case model.KindDate:
				v = "2020-05"
			default:
				v = "Filled in"
			}
			l = name + ": " + v + rest
		}
		b.WriteString(l + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestNewScaffoldComments: nested fields show their shape in comments.
func TestNewScaffoldComments(t *testing.T) {
	text := string(scaffold(model.TypeByFolder("profiles"), "x", map[string][]string{"areas": {"innovation-rd"}}))
	for _, want := range []string{
		"assessment:  # per area",
		"#   innovation-rd:  # area slug\n#     score: 3  # 1 (weak) to 4 (strong)",
		"instruments: []  # policy instruments of the profile; replace [] with entries like these",
		"#   - name: Name of the instrument  # required\n#     kind: grant  # required; one of: grant, voucher,",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("want %q in\n%s", want, text)
		}
	}
	if regexp.MustCompile(`(?m)^[a-z_]+:\S`).MatchString(text) {
		t.Errorf("a field without a space after its colon:\n%s", text)
	}
}

// TestContributingExample: the practice that CONTRIBUTING.md tells
// editors to copy passes check as it is.
func TestContributingExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```markdown\n")
	example, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("no ```markdown block in CONTRIBUTING.md")
	}
	if l := checkNew(t, starterFS(t), "practices/contributing-example.md", []byte(example)); len(l) > 0 {
		t.Errorf("the example in CONTRIBUTING.md does not pass check:\n%v", l)
	}
}
