package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"strconv"
	"strings"

	cldr "golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/themes"
)

// UI strings. The words the pages say around the content (menus,
// headings, labels, field names, status values, dates and amounts) come
// from the theme's translation files, i18n/LANG.yaml: a flat map from a
// short, stable key (site.search_button, item.sources, enum.piloted) to the
// text.
// The site's pages use the file of its default language, the first of
// languages in site.yaml; a key that file lacks, and a language without a
// file, fall back to English (i18n/en.yaml), with a warning for the
// latter. Adding a language is adding a file; a theme folder (-theme DIR)
// may add one or replace the default theme's.
//
// Texts may hold placeholders in braces, {n} or {title}, filled by name;
// keys ending in .one, .two, .few, .many, .other (and .zero) are the CLDR
// plural forms of one text, chosen by a count (Tn): English needs only
// .one and .other, Croatian adds .few, Slovenian .two and .few.
// Keys ending in _html are HTML (the theme is trusted like its layouts);
// values put into them are escaped unless they are template.HTML.

// i18nDir is the theme folder of the translation files; fallbackLang the
// language every key must have.
const (
	i18nDir      = "i18n"
	fallbackLang = "en"
)

// langCode is what a language code may look like (en, el, pt-BR).
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// translator gives the UI strings of one language.
type translator struct {
	lang string
	strs map[string]string // the language's strings over English's
	own  map[string]string // the language's own strings
}

// readStrings parses one translation file.
func readStrings(theme fs.FS, lang string) (map[string]string, error) {
	data, err := fs.ReadFile(theme, i18nDir+"/"+lang+".yaml")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// loadTranslators reads the UI strings of every language of the site over
// English, in layers: the default theme's English, the theme folder's
// English, the default theme's file of the language, the theme folder's
// (theme is the theme as built, the theme folder over the default one).
// So a theme folder's file may hold only the keys it changes. A file that
// does not parse is an error; a language without a file in either theme
// is a warning at the languages line of site.yaml.
func loadTranslators(theme fs.FS, src fs.FS, srcRoot string, site *model.Site, diags *diag.List) map[string]*translator {
	read := func(fsys fs.FS, l string, into ...map[string]string) bool {
		m, err := readStrings(fsys, l)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return false
		case err != nil:
			diags.Errorf(i18nDir+"/"+l+".yaml", diag.Pos{}, "the theme's UI strings do not parse: %v", err)
			return false
		}
		for k, v := range m {
			if v != "" {
				for _, dst := range into {
					dst[k] = v
				}
			}
		}
		return true
	}
	english := map[string]string{}
	read(themes.Default(), fallbackLang, english)
	read(theme, fallbackLang, english)

	out := map[string]*translator{}
	for _, lang := range site.Languages {
		t := &translator{lang: lang, strs: maps.Clone(english), own: map[string]string{}}
		out[lang] = t
		if lang == fallbackLang {
			continue
		}
		found := false
		if langCode.MatchString(lang) {
			found = read(themes.Default(), lang, t.strs, t.own)
			found = read(theme, lang, t.strs, t.own) || found
		}
		switch {
		case found:
		case lang == site.DefaultLanguage():
			diags.Warnf(path.Join(srcRoot, model.SiteFile), languagesPos(src),
				"the theme has no UI strings for %q, the default language (no %s/%s.yaml): pages use the English ones; add the file to the theme (-theme DIR) or list another language first",
				lang, i18nDir, lang)
		default:
			diags.Warnf(path.Join(srcRoot, model.SiteFile), languagesPos(src),
				"the theme has no UI strings for %q (no %s/%s.yaml): the pages in %s/ use the English ones; add the file to the theme (-theme DIR)",
				lang, i18nDir, lang, lang)
		}
	}
	return out
}

// languagesPos finds the languages line of site.yaml, for the warning.
func languagesPos(src fs.FS) diag.Pos {
	if src == nil {
		return diag.Pos{}
	}
	data, err := fs.ReadFile(src, model.SiteFile)
	if err != nil {
		return diag.Pos{}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "languages") {
			return diag.Pos{Line: line, Col: 1}
		}
	}
	return diag.Pos{Line: 1, Col: 1}
}

// T gives the text of a key, with its placeholders filled from name,
// value pairs. A missing key gives the key itself, which a test catches.
func (t *translator) T(key string, args ...any) string {
	s, ok := t.strs[key]
	if !ok {
		return key
	}
	return t.fill(s, args, false)
}

// Tn gives the CLDR plural form of a key for n in the translator's
// language (key.one, key.few...; key.other when the file lacks that
// form), with {n} filled.
func (t *translator) Tn(key string, n int, args ...any) string {
	form := key + "." + pluralForm(t.lang, n)
	if _, ok := t.strs[form]; !ok {
		// A form the files do not give (English has only one and
		// other): other.
		form = key + ".other"
	}
	return t.T(form, append([]any{"n", n}, args...)...)
}

// pluralForm is the CLDR plural category of the count n in lang: one,
// two, few, many or other (and zero where a language has it). Croatian,
// Serbian and Slovak say 2 to 4 things with few, Slovenian has two,
// Romanian few for 2 to 19: a language's file gives key.few, key.two...
// where its grammar needs them.
func pluralForm(lang string, n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if n < 0 {
		n = -n
	}
	switch cldr.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
	case cldr.Zero:
		return "zero"
	case cldr.One:
		return "one"
	case cldr.Two:
		return "two"
	case cldr.Few:
		return "few"
	case cldr.Many:
		return "many"
	}
	return "other"
}

// TH is T for keys whose text is HTML.
func (t *translator) TH(key string, args ...any) template.HTML {
	s, ok := t.strs[key]
	if !ok {
		return template.HTML(template.HTMLEscapeString(key))
	}
	return template.HTML(t.fill(s, args, true))
}

// fill replaces {name} placeholders from name, value pairs.
func (t *translator) fill(s string, args []any, html bool) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var pairs []string
	for i := 0; i+1 < len(args); i += 2 {
		name := fmt.Sprint(args[i])
		var val string
		switch a := args[i+1].(type) {
		case template.HTML:
			// Markup goes into HTML texts as it is; into plain texts as
			// text, which the template escapes.
			pairs = append(pairs, "{"+name+"}", string(a))
			continue
		case int:
			val = t.Number(a)
		case model.Date:
			val = t.Date(a)
		default:
			val = fmt.Sprint(a)
		}
		if html {
			val = template.HTMLEscapeString(val)
		}
		pairs = append(pairs, "{"+name+"}", val)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Number writes a whole number with the language's thousands separator.
func (t *translator) Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s = group(s, t.T("number.group"))
	if neg {
		s = "-" + s
	}
	return s
}

// group inserts sep between groups of three digits.
func group(digits, sep string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// EUR writes an amount in euro: "EUR 5,186,352" in English, "5.186.352 €"
// in Greek.
func (t *translator) EUR(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = group(strings.TrimPrefix(s, "-"), t.T("number.group"))
	if neg {
		s = "-" + s
	}
	return t.T("money.eur", "amount", s)
}

// Date writes a date as the language says it: "27 November 2026",
// "November 2026" or "2026" in English; "27 Νοεμβρίου 2026" (the month in
// the genitive), "Νοέμβριος 2026" or "2026" in Greek.
func (t *translator) Date(d model.Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return t.T("date.year", "year", strconv.Itoa(d.Year))
	case d.Day == 0:
		return t.T("date.month_year", "month", t.T("date.month."+strconv.Itoa(d.Month)), "year", strconv.Itoa(d.Year))
	}
	return t.T("date.day_month_year", "day", strconv.Itoa(d.Day),
		"month", t.T("date.month_of."+strconv.Itoa(d.Month)), "year", strconv.Itoa(d.Year))
}

// Label translates an enumerated value (a status, a kind, a level) by its
// key enum.VALUE, falling back to the value in words.
func (t *translator) Label(value string) string {
	if s, ok := t.strs["enum."+value]; ok {
		return s
	}
	return label(value)
}

// ValuePlural names an enumerated value of field for a group of items (in
// languages whose adjectives agree in number, "Piloted" practices):
// FIELD_plural.VALUE, else the value's Label.
func (t *translator) ValuePlural(field, value string) string {
	if s, ok := t.strs[field+"_plural."+value]; ok {
		return s
	}
	return t.Label(value)
}

// FacetTitle is the title of a facet page: the items of type ty whose
// field has value.
func (t *translator) FacetTitle(ty *model.Type, field, value string) string {
	return t.typeT(ty, "facet_title", "facet.title", "type", t.TypeTitle(ty), "value", t.ValuePlural(field, value))
}

// typeT gives a type's own wording of a string, type.FOLDER.KEY, when the
// files have it, and else the general one, general, filled with args:
// "3 practices" where a type says so, "3 entries" for one that does not.
func (t *translator) typeT(ty *model.Type, key, general string, args ...any) string {
	if s, ok := t.strs["type."+ty.Folder+"."+key]; ok {
		return t.fill(s, args, false)
	}
	return t.T(general, args...)
}

// either gives key when the files have it, and else general, filled
// with args.
func (t *translator) either(key, general string, args ...any) string {
	if s, ok := t.strs[key]; ok {
		return t.fill(s, args, false)
	}
	return t.T(general, args...)
}

// TypeT and TypeTn are typeT and typeTn for the layouts.
func (v *view) TypeT(ty *model.Type, key, general string) string {
	return v.b.tr.typeT(ty, key, general)
}
func (v *view) TypeTn(ty *model.Type, key, general string, n int) string {
	return v.b.tr.typeTn(ty, key, general, n)
}

// typeTn is typeT for a count (see Tn).
func (t *translator) typeTn(ty *model.Type, key, general string, n int) string {
	if _, ok := t.strs["type."+ty.Folder+"."+key+".other"]; ok {
		return t.Tn("type."+ty.Folder+"."+key, n)
	}
	return t.Tn(general, n)
}

// FieldLabel names a field by its key field.NAME, falling back to the
// name in words.
func (t *translator) FieldLabel(name string) string {
	if s, ok := t.strs["field."+name]; ok {
		return s
	}
	return label(name)
}

// TypeTitle, TypeSingular and TypeDoc translate a content type's names:
// type.FOLDER.title ("Good practices"), .singular ("Good practice", as a
// label) and .doc.
func (t *translator) TypeTitle(ty *model.Type) string {
	return t.typeKey(ty, "title", ty.Title)
}

func (t *translator) TypeSingular(ty *model.Type) string {
	return t.typeKey(ty, "singular", label(ty.Singular))
}

func (t *translator) TypeDoc(ty *model.Type) string {
	return t.typeKey(ty, "doc", ty.Doc)
}

func (t *translator) typeKey(ty *model.Type, what, def string) string {
	if ty == nil {
		return ""
	}
	if s, ok := t.strs["type."+ty.Folder+"."+what]; ok {
		return s
	}
	return def
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
		"years":        t.years,
		"date":         t.timeElement,
		// Markup.
		"code":         code,
		"noopenerLink": noopenerLink,
		"link": func(href, text string) template.HTML {
			return template.HTML(`<a href="` + template.HTMLEscapeString(safeHref(href)) + `">` + template.HTMLEscapeString(text) + `</a>`)
		},
		"domain": displayURL,
		"pips":   func(n int) string { return scoreCell{Score: n}.Pips() },
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

// timeElement writes a date (a model.Date, or a string that parses as
// one) as a <time> element, its text in the site's language; a string
// that is not a date comes back as escaped text.
func (t *translator) timeElement(d any) template.HTML {
	var dt model.Date
	switch x := d.(type) {
	case model.Date:
		dt = x
	case string:
		dt, _ = model.ParseDate(x)
		if dt.IsZero() {
			return template.HTML(template.HTMLEscapeString(x))
		}
	}
	if dt.IsZero() {
		return ""
	}
	return template.HTML(`<time datetime="` + dt.String() + `">` + template.HTMLEscapeString(t.Date(dt)) + `</time>`)
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
	for k, s := range v.b.tr.strs {
		if strings.HasPrefix(k, prefix+".") {
			out[strings.TrimPrefix(k, prefix+".")] = s
		}
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

// years formats an instrument's years: 2008, 2008–2011, "until 2011" or "".
func (t *translator) years(in model.Instrument) string {
	switch {
	case in.Start > 0 && in.End > 0 && in.End != in.Start:
		return strconv.Itoa(in.Start) + "–" + strconv.Itoa(in.End)
	case in.Start > 0:
		return strconv.Itoa(in.Start)
	case in.End > 0:
		return t.T("instrument.until", "year", strconv.Itoa(in.End))
	}
	return ""
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

// scoreText says a score on the scale: "3 of 4"; empty for no score.
func (v *view) scoreText(score int) string {
	if score <= 0 {
		return ""
	}
	return v.T("score.of_max", "score", score, "max", maxScore)
}
