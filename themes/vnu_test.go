package themes_test

// The Nu HTML Checker (vnu.jar) on every page of the starter site built
// with the default theme, in both languages, the pages with maps among
// them (the home page, a country, a region and an area page, which must
// draw one), and three pages of the starter with 120 more practices,
// whose lists are cut into pages or cut short (buildLongLists). Any error
// fails the test; warnings are logged.
//
// It needs Java (apt-get install -y default-jre-headless) and vnu.jar
// (npm ci --prefix .ci, which installs the npm package vnu-jar; or
// VNU_JAR). Without them it skips, except under CI=true, where it fails.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuPages are the pages the checker reads: each draws a map.
var vnuPages = []string{"index.html", "countries/gr/index.html", "countries/rs/index.html", "regions/el30/index.html", "areas/innovation-rd/index.html", "el/index.html"}

func TestNuHTMLChecker(t *testing.T) {
	java, jar := vnuTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	_, out := buildStarter(t, ctx, false)
	for _, p := range vnuPages {
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), `class="map"`) {
			t.Errorf("%s has no map", p)
		}
	}
	// And the pages of long lists: a list page of a list cut into pages,
	// an area's and a country's page with lists cut short, and the
	// comparison cut by country.
	long := buildLongLists(t, ctx)
	args := []string{"-jar", jar, "--format", "json", "--skip-non-html", out}
	for _, p := range []string{"practices/page/2/index.html", "areas/innovation-rd/index.html", "countries/gr/index.html",
		"compare/index.html", "compare/gr/page/2/index.html"} {
		args = append(args, filepath.Join(long, filepath.FromSlash(p)))
	}
	cmd := exec.CommandContext(ctx, java, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr // vnu writes its report to stderr
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn                int
		}
	}
	if err := json.Unmarshal([]byte(stderr.String()), &report); err != nil {
		t.Fatalf("vnu.jar: %v; no JSON report (%v):\n%s", runErr, err, stderr.String())
	}
	errors := 0
	for _, m := range report.Messages {
		where := fmt.Sprintf("%s:%d:%d", strings.TrimPrefix(strings.TrimPrefix(m.URL, "file:"+out+"/"), "file:"+long+"/"), m.LastLine, m.FirstColumn)
		if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "fatal" {
			errors++
			t.Errorf("%s: %s\n\t%s", where, m.Message, m.Extract)
		} else {
			t.Logf("%s: %s %s: %s", where, m.Type, m.SubType, m.Message)
		}
	}
	if errors == 0 && runErr != nil {
		t.Errorf("vnu.jar failed with no error reported: %v", runErr)
	}
}

// vnuTools finds Java and vnu.jar, or skips the test (fails it under
// CI=true) saying how to install them.
func vnuTools(t *testing.T) (java, jar string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java not found; install it with `apt-get install -y default-jre-headless`")
	}
	jar = os.Getenv("VNU_JAR")
	if jar == "" {
		jar = filepath.Join("..", ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	if _, err := os.Stat(jar); err != nil {
		missing(t, "the Nu HTML Checker is not at %s; install it with `npm ci --prefix .ci` from the module root, or set VNU_JAR to vnu.jar", jar)
	}
	return java, jar
}
