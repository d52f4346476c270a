package model

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// CMS is the cms block of site.yaml: the web editor written at /admin/.
type CMS struct {
	// Backend is where the editor saves: github, gitlab, gitea, or
	// test-repo (in the browser only, for trying it out and for tests).
	Backend string
	// Repo is the repository as OWNER/NAME; for github and gitlab it
	// defaults to the one repository names.
	Repo string
	// Branch is the branch the editor proposes changes to (default: the
	// site's branch).
	Branch string
	// Script is where the editor's script is loaded from; empty means the
	// pinned release on a public CDN. Integrity is its Subresource
	// Integrity hash, required for a script on another host.
	Script, Integrity string
}

// CMSBackends are the values cms.backend accepts.
var CMSBackends = []string{"github", "gitlab", "gitea", "test-repo"}

func cmsField() *Field {
	return &Field{Name: "cms", Kind: KindObject,
		Doc: "the web editor at /admin/: forms made from this schema that save a change as a pull request",
		Fields: []*Field{
			req(enum("backend", "where the editor saves: github, gitlab or gitea (test-repo keeps changes in the browser, for trying it out)", CMSBackends)),
			str("repo", "repository as OWNER/NAME (default: taken from repository for github and gitlab)"),
			str("branch", "branch that changes are proposed to (default: branch)"),
			str("script", "the editor's script: a path on this site to host it yourself, or an https URL with integrity (default: a pinned release from a public CDN)"),
			str("integrity", "Subresource Integrity hash of script (sha384-...), required when script is on another host"),
		}}
}

func reviewedField() *Field {
	return &Field{Name: "reviewed", Kind: KindObject,
		Doc: "who last reviewed the facts of the entry against its sources, and when; shown on the page",
		Fields: []*Field{
			req(str("by", "name and organisation of the reviewer")),
			req(&Field{Name: "date", Kind: KindDate, Doc: "date of the review, YYYY-MM-DD"}),
		}}
}

var (
	repoPattern      = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$`)
	integrityPattern = regexp.MustCompile(`^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$`)
)

// loadCMS reads the cms block of site.yaml, filling what it leaves out
// from the rest of site, and reports what the editor could not work with.
func loadCMS(vals map[string]any, pos map[string]diag.Pos, site *Site, file string, diags *diag.List) *CMS {
	m, ok := vals["cms"].(map[string]any)
	if !ok {
		return nil
	}
	get := func(k string) string { s, _ := m[k].(string); return strings.TrimSpace(s) }
	c := &CMS{Backend: get("backend"), Repo: get("repo"), Branch: get("branch"), Script: get("script"), Integrity: get("integrity")}
	at := pos["cms"]
	if c.Branch == "" {
		c.Branch = site.Branch
	}
	if c.Repo == "" && c.Backend != "test-repo" && c.Backend != "" {
		c.Repo = repoFromURL(site.Repository, c.Backend)
		if c.Repo == "" {
			diags.Errorf(file, at, "cms: backend %s needs the repository: add repo: OWNER/NAME under cms, or set repository to its https://%s.com/OWNER/NAME address", c.Backend, c.Backend)
		}
	}
	if c.Repo != "" && !repoPattern.MatchString(c.Repo) {
		diags.Errorf(file, at, "cms: repo %q is not OWNER/NAME: write the repository's path, e.g. clusterpolisee/knowledge-base", c.Repo)
	}
	if c.Integrity != "" && !integrityPattern.MatchString(c.Integrity) {
		diags.Errorf(file, at, "cms: integrity %q is not a Subresource Integrity hash: write sha384- and the base64 SHA-384 of the script (openssl dgst -sha384 -binary FILE | openssl base64 -A)", c.Integrity)
	}
	if c.Script != "" {
		u, err := url.Parse(c.Script)
		switch {
		case err != nil || u.Scheme == "http" || (u.Scheme != "" && u.Scheme != "https") || (u.Scheme == "" && u.Host != ""):
			diags.Errorf(file, at, "cms: script %q must be an https URL or a path on this site such as /admin/sveltia-cms.js", c.Script)
		case u.Scheme == "https" && c.Integrity == "":
			diags.Errorf(file, at, "cms: script %q is on another host: add integrity: sha384-... under cms (its Subresource Integrity hash), or host the script with the site", c.Script)
		}
	}
	return c
}

// repoFromURL returns OWNER/NAME of a github.com or gitlab.com address
// when it matches backend, and "" otherwise.
func repoFromURL(repository, backend string) string {
	u, err := url.Parse(repository)
	if err != nil || (backend != "github" && backend != "gitlab") || !strings.EqualFold(u.Host, backend+".com") {
		return ""
	}
	return strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
}
