package model

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestCMSBlock: the cms block of site.yaml, filled from the rest of the
// file where it may be, and each mistake reported at its place in the
// file with what to write instead.
func TestCMSBlock(t *testing.T) {
	load := func(site string) (*Content, []string) {
		c, diags := Load(fstest.MapFS{"site.yaml": {Data: []byte(site)}}, Options{Root: "content"})
		var msgs []string
		for _, d := range diags.Errors() {
			msgs = append(msgs, d.String())
		}
		return c, msgs
	}
	c, errs := load("title: S\nrepository: https://github.com/acme/kb.git\nbranch: live\ncms:\n  backend: github\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := *c.Site.CMS; got != (CMS{Backend: "github", Repo: "acme/kb", Branch: "live"}) {
		t.Errorf("cms %+v, want the repository and branch of site.yaml", got)
	}
	if c, _ := load("title: S\n"); c.Site.CMS != nil {
		t.Error("a site.yaml without cms has an editor")
	}
	if c, errs := load("title: S\ncms:\n  backend: test-repo\n"); len(errs) > 0 || c.Site.CMS.Repo != "" {
		t.Errorf("test-repo needs no repository: %v %+v", errs, c.Site.CMS)
	}
	for _, tc := range []struct{ site, want string }{
		{"title: S\ncms:\n  backend: github\n", "content/site.yaml:3:3: cms: backend github needs the repository: add repo: OWNER/NAME"},
		{"title: S\nrepository: https://example.org/kb\ncms:\n  backend: gitlab\n", "content/site.yaml:4:3: cms: backend gitlab needs the repository"},
		{"title: S\ncms:\n  backend: svn\n", `content/site.yaml:3:12: unknown backend "svn"; use one of: github, gitlab, gitea, test-repo`},
		{"title: S\ncms:\n  backend: github\n  repo: kb\n", `content/site.yaml:3:3: cms: repo "kb" is not OWNER/NAME`},
		{"title: S\ncms:\n  backend: github\n  repo: a/b\n  script: https://cdn.example/cms.js\n", `cms: script "https://cdn.example/cms.js" is on another host: add integrity: sha384-...`},
		{"title: S\ncms:\n  backend: github\n  repo: a/b\n  script: http://cdn.example/cms.js\n  integrity: sha384-abc\n", `must be an https URL or a path on this site`},
		{"title: S\ncms:\n  backend: github\n  repo: a/b\n  integrity: md5-x\n", `cms: integrity "md5-x" is not a Subresource Integrity hash`},
		{"title: S\ncms:\n  backend: github\n  repos: a/b\n", `content/site.yaml:4:3: unknown field "repos" (did you mean "repo"?)`},
		{"title: S\ncms: github\n", `content/site.yaml:2:6: cms must be a mapping`},
	} {
		_, errs := load(tc.site)
		if !strings.Contains(strings.Join(errs, "\n"), tc.want) {
			t.Errorf("site.yaml\n%s\ngives %q, want %q", tc.site, errs, tc.want)
		}
	}
	if _, errs := load("title: S\ncms:\n  backend: github\n  repo: a/b\n  script: /admin/cms.js\n"); len(errs) > 0 {
		t.Errorf("a self-hosted script: %v", errs)
	}
}
