package model

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestYAMLErrorPositions loads testdata/yaml_errors.txtar, files whose
// front matter YAML cannot parse, and checks that each gets exactly the
// diagnostic its body asks for: the line (and, where one is known, the
// column) of the mistake itself, not the line yaml.v3 names.
func TestYAMLErrorPositions(t *testing.T) {
	a, err := txtar.ParseFile("testdata/yaml_errors.txtar")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: S\n")}}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		for _, l := range strings.Split(string(f.Data), "\n") {
			if w, ok := strings.CutPrefix(l, "want: "); ok {
				want["content/"+f.Name] = w
			}
		}
		if want["content/"+f.Name] == "" {
			t.Fatalf("%s: no want: line", f.Name)
		}
	}
	_, diags := Load(fsys, Options{Root: "content"})
	got := map[string]string{}
	for _, d := range diags {
		got[d.Path] = d.String()
	}
	for path, w := range want {
		if got[path] != w {
			t.Errorf("%s:\n got %s\nwant %s", path, got[path], w)
		}
	}
}

// TestSiteYAMLError: site.yaml is plain YAML, not front matter, and its
// syntax error says so.
func TestSiteYAMLError(t *testing.T) {
	_, diags := Load(fstest.MapFS{"site.yaml": {Data: []byte("title: [a\n")}}, Options{Root: "content"})
	want := `content/site.yaml:1:8: invalid YAML: did not find expected ',' or ']'`
	if errs := diags.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Errorf("got %v, want %s ...", errs, want)
	}
}
