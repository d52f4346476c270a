package generator

import (
	"encoding/json"
	"strings"

	"github.com/clusterpolisee/polisee/generator/kb"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// TypeT and TypeTn give a type's own wording of a general string, for
// the layouts (see i18n.Translator.TypeT).
func (v *view) TypeT(ty *model.Type, key, general string) string {
	return v.b.tr.TypeT(ty, key, general)
}
func (v *view) TypeTn(ty *model.Type, key, general string, n int) string {
	return v.b.tr.TypeTn(ty, key, general, n)
}

// pageFuncs are the functions the layouts may call, the only place they
// are registered. Those that speak use the site's language; the date
// function takes a model.Date or a string and writes a <time> element.
func (b *builder) pageFuncs() template.FuncMap {
	t := b.tr
	return template.FuncMap{
		// Words in the site's language.
		"t":            t.T,
		"tn":           t.Tn,
		"th":           t.TH,
		"label":        t.Label,
		"fieldLabel":   t.FieldLabel,
		"valuePlural":  t.ValuePlural,
		"typeTitle":    t.TypeTitle,
		"typeSingular": t.TypeSingular,
		"typeDoc":      t.TypeDoc,
		"eur":          t.EUR,
		"num":          t.Number,
		"years":        t.Years,
		"date":         t.TimeElement,
		// Markup.
		"code":         code,
		"noopenerLink": noopenerLink,
		"link": func(href, text string) template.HTML {
			return template.HTML(`<a href="` + template.HTMLEscapeString(safeHref(href)) + `">` + template.HTMLEscapeString(text) + `</a>`)
		},
		"domain": displayURL,
		"pips":   func(n int) string { return kb.ScoreCell{Score: n}.Pips() },
		// Plain helpers.
		"add": func(a, b int) int { return a + b },
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i + 1
			}
			return s
		},
		"join":  strings.Join,
		"upper": strings.ToUpper,
		"lower": strings.ToLower,
	}
}

// safeHref lets through relative links and http(s) and mailto addresses.
func safeHref(s string) string {
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return s
	}
	switch strings.ToLower(s[:i]) {
	case "http", "https", "mailto":
		return s
	}
	return "#"
}

// T is the text of a UI string key in the site's language; args are
// name, value pairs for its placeholders ({{.T "list.count" "n" 3}}).
func (v *view) T(key string, args ...any) string { return v.b.tr.T(key, args...) }

// Tn is the plural form of key for n ({{.Tn "count.entries" 3}}).
func (v *view) Tn(key string, n int, args ...any) string { return v.b.tr.Tn(key, n, args...) }

// TH is T for HTML texts (keys ending in _html).
func (v *view) TH(key string, args ...any) template.HTML { return v.b.tr.TH(key, args...) }

// UIStrings are the texts a script shows (compare.js), as JSON: every key
// under prefix, without it.
func (v *view) UIStrings(prefix string) (string, error) {
	data, err := json.Marshal(v.uiStrings(prefix))
	return string(data), err
}

func (v *view) uiStrings(prefix string) map[string]any {
	out := map[string]any{}
	for k, s := range v.b.tr.Under(prefix) {
		out[k] = s
	}
	return out
}

// SearchStrings are the texts search.js shows (the keys search.js.*), and
// the names of types and statuses in its facets, as JSON for a script
// element of type application/json.
func (v *view) SearchStrings() (template.JS, error) {
	t := v.b.tr
	out := v.uiStrings("search.js")
	facets := map[string]map[string]string{"type": {}, "status": {}}
	for _, ty := range v.schema().Types {
		facets["type"][ty.Singular] = t.TypeSingular(ty)
	}
	for _, s := range append(append([]string(nil), model.PracticeStatuses...), model.PilotStatuses...) {
		facets["status"][s] = t.Label(s)
	}
	out["facet_values"] = facets
	data, err := json.Marshal(out)
	if err != nil {
		return "", err
	}
	return template.JS(strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(string(data))), nil
}

// AreaLinks lists areas by their short label, linked and separated by
// commas, for a sentence such as "Shares Innovation, Skills."
func (v *view) AreaLinks(areas []*model.Item) template.HTML {
	var b strings.Builder
	for i, a := range areas {
		if i > 0 {
			b.WriteString(v.b.tr.T("list.separator"))
		}
		b.WriteString(`<a href="` + template.HTMLEscapeString(v.Rel(a.URL())) + `">` + template.HTMLEscapeString(v.AreaShort(a)) + `</a>`)
	}
	return template.HTML(b.String())
}

// TypeTitleOf, TypeSingularOf and TypeDocOf translate the names of the
// type stored in folder, for the schema reference.
func (v *view) TypeTitleOf(folder string) string {
	return v.b.tr.TypeTitle(v.schema().Type(folder))
}

func (v *view) TypeSingularOf(folder string) string {
	return strings.ToLower(v.b.tr.TypeSingular(v.schema().Type(folder)))
}

func (v *view) TypeDocOf(folder string) string {
	return v.b.tr.TypeDoc(v.schema().Type(folder))
}

// RepoAt says where the repository is, for the contributors' guide: " at
// <a>github.com/...</a>", or nothing when the site names none.
func (v *view) RepoAt() template.HTML {
	if v.Site.Repository == "" {
		return ""
	}
	return v.TH("contrib.guide_at_html", "link", noopenerLink(v.Site.Repository, displayURL(v.Site.Repository)))
}

// NewFileExample links to the web editor's new-file form in the practices
// folder, or gives nothing when the site names no repository.
func (v *view) NewFileExample() template.HTML {
	u := v.RepoFile("new", v.ContentPath(model.FolderPractices))
	if u == "" {
		return ""
	}
	return v.TH("contrib.guide_add_example_html", "link",
		noopenerLink(u, v.T("contrib.guide_add_new_file", "folder", v.ContentPath(model.FolderPractices))))
}

// SectionList writes body sections as code: ## Description, ## ...
func (v *view) SectionList(sections []string) template.HTML {
	var b strings.Builder
	for i, s := range sections {
		if i > 0 {
			b.WriteString(v.T("list.separator"))
		}
		b.WriteString(string(code("## " + s)))
	}
	return template.HTML(b.String())
}

// code writes text as <code>.
func code(s string) template.HTML {
	return template.HTML("<code>" + template.HTMLEscapeString(s) + "</code>")
}

// noopenerLink is a link to another site.
func noopenerLink(href, text string) template.HTML {
	return template.HTML(`<a href="` + template.HTMLEscapeString(safeHref(href)) + `" rel="noopener">` + template.HTMLEscapeString(text) + `</a>`)
}
