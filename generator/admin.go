package generator

import (
	"github.com/clusterpolisee/polisee/generator/cms"
)

// adminFiles are the web editor's page and configuration (package cms),
// when site.yaml has a cms block. An offline copy has no editor: it
// cannot save anywhere.
func (b *builder) adminFiles() []extraFile {
	site := b.content.Site
	if site.CMS == nil || b.cfg.Offline {
		return nil
	}
	in := cms.Input{Types: b.content.Schema.Types, Languages: site.Languages, CMS: *site.CMS, ContentDir: site.ContentDir,
		SiteURL: site.BaseURL, Keys: map[string][]cms.Key{}}
	// A map keyed by references (an assessment's areas) gets a group of
	// fields per item of the referenced type.
	reads := []string{}
	for _, t := range in.Types {
		for _, f := range t.Fields {
			if f.Key == nil || f.Key.Ref == "" || in.Keys[f.Key.Ref] != nil {
				continue
			}
			reads = append(reads, f.Key.Ref)
			in.Keys[f.Key.Ref] = []cms.Key{}
			for _, it := range b.content.Base().ByFolder(f.Key.Ref) {
				in.Keys[f.Key.Ref] = append(in.Keys[f.Key.Ref], cms.Key{Value: it.Key(), Label: it.Title})
			}
		}
	}
	files := []extraFile{
		{name: "admin/index.html", make: func() ([]byte, error) { return cms.Page(*site.CMS, site.Title, site.DefaultLanguage()) }, reads: []string{}},
		{name: "admin/config.yml", make: func() ([]byte, error) { return cms.Config(in) }, reads: reads},
	}
	// The pictures of the editors' guide, which the contributors' page
	// shows.
	for _, s := range cms.GuideShots() {
		files = append(files, extraFile{name: "admin/guide/" + s.Name, make: func() ([]byte, error) { return s.Data, nil }, reads: []string{}})
	}
	return files
}
