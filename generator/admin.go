package generator

import (
	"github.com/clusterpolisee/polisee/generator/cms"
	"github.com/clusterpolisee/polisee/generator/model"
)

// adminFiles are the web editor's page and configuration (package cms),
// when site.yaml has a cms block. An offline copy has no editor: it
// cannot save anywhere.
func (b *builder) adminFiles() []extraFile {
	site := b.content.Site
	if site.CMS == nil || b.cfg.Offline {
		return nil
	}
	in := cms.Input{Types: model.Types, Languages: site.Languages, CMS: *site.CMS, ContentDir: site.ContentDir, SiteURL: site.BaseURL,
		Keys: map[string][]cms.Key{}}
	for _, it := range b.content.Base().ByFolder("areas") {
		in.Keys["areas"] = append(in.Keys["areas"], cms.Key{Value: it.Key(), Label: it.Title})
	}
	return []extraFile{
		{"admin/index.html", func() ([]byte, error) { return cms.Page(*site.CMS, site.Title, site.DefaultLanguage()) }, []string{}},
		{"admin/config.yml", func() ([]byte, error) { return cms.Config(in) }, []string{"areas"}},
	}
}
