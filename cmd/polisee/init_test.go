package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"

	"gopkg.in/yaml.v3"
)

// A site made by a release of polisee pins its workflows to that release.
func TestInitPinsRelease(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	n, err := initSite(dir, "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	if n != 16 {
		t.Errorf("wrote %d files, want 16", n)
	}
	for _, wf := range []string{"check.yml", "pages.yml"} {
		data, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", wf))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "\n  POLISEE_VERSION: \"1.2.0\"\n") {
			t.Errorf("%s does not pin POLISEE_VERSION to 1.2.0:\n%s", wf, data)
		}
		if strings.Contains(string(data), versionMarker) {
			t.Errorf("%s still holds %s", wf, versionMarker)
		}
	}
	// Never overwrites: a second run into the same folder is refused, and
	// leaves what is there alone.
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := initSite(dir, "1.2.0"); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("init into the site again: %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(readme); string(data) != "mine" {
		t.Errorf("README.md was overwritten")
	}
}

// The workflows that polisee init writes download the archive and the
// checksums file that the release (.goreleaser.yaml) publishes, and the
// editors' README names the archives the release has.
func TestInitDownloadsWhatReleasesPublish(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProjectName string `yaml:"project_name"`
		Builds      []struct {
			Main   string   `yaml:"main"`
			GOOS   []string `yaml:"goos"`
			GOARCH []string `yaml:"goarch"`
		} `yaml:"builds"`
		Archives []struct {
			Formats         []string `yaml:"formats"`
			FormatOverrides []struct {
				GOOS    string   `yaml:"goos"`
				Formats []string `yaml:"formats"`
			} `yaml:"format_overrides"`
			NameTemplate string `yaml:"name_template"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"checksum"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf(".goreleaser.yaml: want one build and one archive, got %d and %d", len(cfg.Builds), len(cfg.Archives))
	}
	b, a := cfg.Builds[0], cfg.Archives[0]
	if b.Main != "./cmd/polisee" {
		t.Errorf("the release builds %q, want ./cmd/polisee", b.Main)
	}
	for _, want := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.GOOS, want) {
			t.Errorf("the release does not build for %s", want)
		}
	}
	for _, want := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.GOARCH, want) {
			t.Errorf("the release does not build for %s", want)
		}
	}
	render := func(tmpl, version, goos, goarch string) string {
		tp, err := template.New("").Option("missingkey=error").Parse(tmpl)
		if err != nil {
			t.Fatalf(".goreleaser.yaml: %q: %v", tmpl, err)
		}
		var sb strings.Builder
		if err := tp.Execute(&sb, map[string]string{"ProjectName": cfg.ProjectName, "Version": version, "Os": goos, "Arch": goarch}); err != nil {
			t.Fatalf(".goreleaser.yaml: %q: %v", tmpl, err)
		}
		return sb.String()
	}
	format := func(goos string) string {
		for _, o := range a.FormatOverrides {
			if o.GOOS == goos {
				return o.Formats[0]
			}
		}
		return a.Formats[0]
	}
	// The workflows name the files with the shell variable v.
	archive := render(a.NameTemplate, "${v}", "linux", "amd64") + "." + format("linux")
	sums := render(cfg.Checksum.NameTemplate, "${v}", "", "")
	for _, wf := range []string{"check.yml", "pages.yml"} {
		data, err := initsite.ReadFile("initsite/github/workflows/" + wf)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`archive="` + archive + `"`, `sums="` + sums + `"`} {
			if !strings.Contains(string(data), want) {
				t.Errorf("%s does not say %s, the name the release gives", wf, want)
			}
		}
	}
	readme, err := initsite.ReadFile("initsite/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		render(a.NameTemplate, "1.2.0", "linux", "amd64") + "." + format("linux"),
		render(a.NameTemplate, "1.2.0", "darwin", "arm64") + "." + format("darwin"),
		render(a.NameTemplate, "1.2.0", "windows", "amd64") + "." + format("windows"),
		render(cfg.Checksum.NameTemplate, "1.2.0", "", ""),
	} {
		if !strings.Contains(string(readme), "`"+want+"`") {
			t.Errorf("the editors' README does not name %s, a file of the release", want)
		}
	}
}
