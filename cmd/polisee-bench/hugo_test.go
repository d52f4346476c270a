package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/content"
)

func TestConvertPractice(t *testing.T) {
	in := "---\ntitle: \"A practice\"\nsummary: \"Short.\"\ncountries: [GR]\nregions: [EL30]\nareas: [innovation-rd]\n" +
		"level: \"national\"\nstatus: \"piloted\"\nowner: \"org-gr-1\"\nupdated: \"2025-01-02\"\n---\n## Description\n\nSee [x](/practices/p-00002/).\n"
	out, err := convertFile("practices", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	fm, body := splitConverted(t, out)
	want := map[string]any{
		"title": "A practice", "summary": "Short.", "date": "2025-01-02",
		"by-country": []any{"GR"}, "by-region": []any{"EL30"}, "by-area": []any{"innovation-rd"},
		"status": []any{"piloted"},
		"facts":  map[string]any{"level": "national", "owner": "org-gr-1"},
	}
	if !reflect.DeepEqual(fm, want) {
		t.Errorf("front matter\n got %v\nwant %v", fm, want)
	}
	if body != "## Description\n\nSee [x](/practices/p-00002/).\n" {
		t.Errorf("body changed: %q", body)
	}
}

func TestConvertKeepsReferencesOfOtherTypesAsFacts(t *testing.T) {
	in := "---\ntitle: \"Attiki\"\nnuts: \"EL30\"\ncountry: \"GR\"\nnuts_version: 2021\n---\nText.\n"
	out, err := convertFile("regions", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	fm, _ := splitConverted(t, out)
	if _, ok := fm["by-country"]; ok {
		t.Error("a region became a term of by-country; only documents are related by taxonomy")
	}
	facts, _ := fm["facts"].(map[string]any)
	if facts["country"] != "GR" || facts["nuts"] != "EL30" || facts["nuts_version"] != 2021 {
		t.Errorf("facts = %v", facts)
	}
}

func TestAssessmentBecomesSortedList(t *testing.T) {
	got := assessmentList(map[string]any{
		"sustainability": map[string]any{"note": "b"},
		"innovation-rd":  map[string]any{"score": 3, "note": "a"},
	})
	want := []map[string]any{
		{"area": "innovation-rd", "score": 3, "note": "a"},
		{"area": "sustainability", "note": "b"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestConvertRefusesFileWithoutFrontMatter(t *testing.T) {
	if _, err := convertFile("practices", []byte("no front matter\n")); err == nil {
		t.Error("converted a file without front matter")
	}
}

func splitConverted(t *testing.T, out []byte) (map[string]any, string) {
	t.Helper()
	s, ok := strings.CutPrefix(string(out), "---\n")
	fm, body, found := strings.Cut(s, "\n---\n")
	if !ok || !found {
		t.Fatalf("no front matter in %q", out)
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		t.Fatal(err)
	}
	return m, body
}

// The two Hugo builds differ by the related list of item pages alone.
func TestHugoEnvironments(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("Hugo not found: apt-get install -y hugo")
	}
	src, site := t.TempDir(), t.TempDir()
	if err := os.CopyFS(src, content.Starter()); err != nil {
		t.Fatal(err)
	}
	if err := writeHugoSite(src, site); err != nil {
		t.Fatal(err)
	}
	page := func(environment string) string {
		out := filepath.Join(t.TempDir(), "public")
		cmd := exec.Command(hugo, "--quiet", "--environment", environment, "-s", site, "-d", out)
		cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("hugo --environment %s: %v\n%s", environment, err, msg)
		}
		data, err := os.ReadFile(filepath.Join(out, "practices", "mi-cluster-microelectronics", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	minimal, related := page(hugoMinimal), page(hugoRelated)
	if strings.Contains(minimal, `class="related"`) {
		t.Error("the minimal build has a related list")
	}
	if !strings.Contains(related, `class="related"`) || !strings.Contains(related, `class="card"`) {
		t.Error("the .Related build has no related list with cards")
	}
	if !strings.Contains(minimal, "data-pagefind-body") || !strings.Contains(minimal, `class="facts"`) {
		t.Error("the minimal build lacks the item page's body")
	}
}
