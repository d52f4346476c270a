// Package cms writes the web editor of a site: admin/config.yml, the
// configuration of a Git-based CMS (Sveltia CMS, which reads Decap CMS's
// format) made from the content schema, and admin/index.html, the page
// that loads it.
//
// The forms follow the schema field by field, so that an editor cannot
// drift from the rules polisee check applies: enums become selects,
// references become relation widgets on the referenced folder, codes,
// dates and URLs get the patterns check enforces, required fields are
// required, and each field's description is its hint. Files are saved
// where polisee reads them: slug.md in the default language, slug.LANG.md
// for a translation, which only holds the fields a translation may
// change. Saving opens a pull request (editorial workflow).
package cms

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/model"
)

// The release of Sveltia CMS an admin page loads by default, from a
// public CDN, checked by its Subresource Integrity hash (the SHA-384 of
// dist/sveltia-cms.js in the npm package @sveltia/cms at this version).
// .ci/package.json pins the same version for the browser test.
const (
	Version          = "0.221.1"
	DefaultScript    = "https://unpkg.com/@sveltia/cms@" + Version + "/dist/sveltia-cms.js"
	DefaultIntegrity = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
)

// Key is one item a map field may be keyed by: an assessment's area.
type Key struct {
	Value, Label string
}

// Input is what the configuration is made from.
type Input struct {
	// Types are the content types, each a collection.
	Types []*model.Type
	// Languages are the site's languages, the default first.
	Languages []string
	// CMS is the site's cms block.
	CMS model.CMS
	// ContentDir is the folder of the content in the repository.
	ContentDir string
	// SiteURL is the site's base URL, if any.
	SiteURL string
	// Keys lists, per folder, the items a map keyed by a reference to
	// that folder offers (the areas of an assessment).
	Keys map[string][]Key
}

// Config returns admin/config.yml.
func Config(in Input) ([]byte, error) {
	cfg := config{
		Backend:     backend{Name: in.CMS.Backend, Repo: in.CMS.Repo, Branch: in.CMS.Branch},
		PublishMode: "editorial_workflow",
		// Uploads land outside the content folder, which holds Markdown
		// only; the bodies' editor offers no image button.
		MediaFolder: "media",
		SiteURL:     in.SiteURL,
		Slug:        &slugOptions{Encoding: "ascii", CleanAccents: true, SanitizeReplacement: "-"},
		Output:      &output{OmitEmptyOptionalFields: true},
	}
	if in.CMS.Backend == "test-repo" {
		cfg.Backend.Repo, cfg.Backend.Branch = "", ""
	}
	if len(in.Languages) > 1 {
		// slug.md in the default language, slug.el.md beside it; a new
		// entry starts in the default language only, and a translation is
		// added when someone writes one.
		cfg.I18n = &i18n{Structure: "multiple_files", Locales: in.Languages, DefaultLocale: in.Languages[0],
			OmitDefaultLocaleFromFilePath: true, InitialLocales: "default"}
	}
	dir := strings.Trim(in.ContentDir, "/")
	if dir == "" {
		dir = "content"
	}
	for _, t := range in.Types {
		c, err := in.collection(t, dir)
		if err != nil {
			return nil, err
		}
		cfg.Collections = append(cfg.Collections, c)
	}
	var buf bytes.Buffer
	buf.WriteString("# The web editor's configuration, written by polisee build from the content\n# schema: change the schema or site.yaml, not this file.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// collection is the collection of one content type.
func (in Input) collection(t *model.Type, dir string) (collection, error) {
	c := collection{
		Name: t.Folder, Label: t.Title, LabelSingular: t.Singular, Description: t.Doc,
		Folder: dir + "/" + t.Folder, Create: true, Extension: "md", Format: "frontmatter",
		IdentifierField: "title", Slug: "{{slug}}", Summary: "{{title}}",
		I18n: len(in.Languages) > 1,
	}
	if t.KeyField != "" {
		// Countries and regions are named by their code, in lowercase.
		c.Slug = "{{fields." + t.KeyField + " | lower}}"
	}
	for _, f := range t.Fields {
		w, err := in.widget(f, true)
		if err != nil {
			return c, fmt.Errorf("%s: %w", t.Folder, err)
		}
		c.Fields = append(c.Fields, w)
	}
	body := &field{Name: "body", Label: "Text", Widget: "markdown", Required: false,
		Hint: "the page's text in Markdown; links to other pages as /practices/slug/", EditorComponents: &[]string{}}
	if len(t.Sections) > 0 {
		var b strings.Builder
		for i, s := range t.Sections {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "## %s\n", s)
		}
		body.Default = b.String()
		body.Hint = "write under each heading; keep the headings, in this order"
	}
	if c.I18n {
		body.I18n = true
	}
	c.Fields = append(c.Fields, body)
	return c, nil
}

// translatable reports whether a translation (slug.LANG.md) may give the
// field: its words (see model.IsWords) and what a translation may cite or
// date in its own language; facts are inherited from the original.
func translatable(f *model.Field) bool {
	switch f.Name {
	case "sources", "tags", "updated":
		return true
	}
	return model.IsWords(f)
}
