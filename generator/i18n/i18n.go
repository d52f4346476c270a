// Package i18n holds the words the pages say around the content, in each
// language of a site: the theme's translation files (i18n/LANG.yaml),
// read in layers over English, their placeholders, CLDR plural forms
// (golang.org/x/text/feature/plural), and the language's way of writing
// numbers, amounts and dates. The generator gets one Translator per
// language (Load) and hands it to the layouts.
package i18n

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	cldr "golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
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

// Dir is the theme folder of the translation files; fallbackLang the
// language every key must have.
const (
	Dir          = "i18n"
	fallbackLang = "en"
)

// langCode is what a language code may look like (en, el, pt-BR).
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Translator gives the UI strings of one language.
type Translator struct {
	lang string
	strs map[string]string // the language's strings over English's
	own  map[string]string // the language's own strings
}

// ReadStrings parses one translation file of a theme.
func ReadStrings(theme fs.FS, lang string) (map[string]string, error) {
	data, err := fs.ReadFile(theme, Dir+"/"+lang+".yaml")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// Load reads the UI strings of every language of the site over
// English, in layers: the default theme's English, the theme folder's
// English, the default theme's file of the language, the theme folder's
// (folder is the theme folder, nil without one; folderRoot is its path
// as given, which names its files in messages). So a theme folder's file
// may hold only the keys it changes. A file that does not parse is an
// error at the line to fix; a text of the theme folder's with a
// placeholder that the default theme's English text of the same key
// lacks is a warning at the text (the pages would show it as written); a
// language without a file in either theme is a warning at the languages
// line of site.yaml.
func Load(folder fs.FS, folderRoot string, src fs.FS, srcRoot string, site *model.Site, diags *diag.List) map[string]*Translator {
	defaults := map[string]string{}
	if m, err := ReadStrings(themes.Default(), fallbackLang); err == nil {
		defaults = m
	}
	// read reads one file over into; own is set for the theme folder's.
	read := func(fsys fs.FS, own bool, l string, into ...map[string]string) bool {
		if fsys == nil {
			return false
		}
		file := Dir + "/" + l + ".yaml"
		if own {
			file = path.Join(folderRoot, file)
		}
		raw, err := fs.ReadFile(fsys, Dir+"/"+l+".yaml")
		if errors.Is(err, fs.ErrNotExist) {
			return false
		}
		m := map[string]string{}
		if err == nil {
			err = yaml.Unmarshal(raw, &m)
		}
		if err != nil {
			line, col, msg := model.YAMLErrorPos(raw, err)
			diags.Errorf(file, diag.Pos{Line: line, Col: col}, "the theme's UI strings do not parse: %s", msg)
			return false
		}
		if own {
			checkPlaceholders(file, raw, m, defaults, diags)
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
	read(themes.Default(), false, fallbackLang, english)
	read(folder, true, fallbackLang, english)

	out := map[string]*Translator{}
	for _, lang := range site.Languages {
		t := &Translator{lang: lang, strs: maps.Clone(english), own: map[string]string{}}
		out[lang] = t
		if lang == fallbackLang {
			continue
		}
		found := false
		if langCode.MatchString(lang) {
			found = read(themes.Default(), false, lang, t.strs, t.own)
			found = read(folder, true, lang, t.strs, t.own) || found
		}
		switch {
		case found:
		case lang == site.DefaultLanguage():
			diags.Warnf(path.Join(srcRoot, model.SiteFile), languagesPos(src),
				"the theme has no UI strings for %q, the default language (no %s/%s.yaml): pages use the English ones; add the file to the theme (-theme DIR) or list another language first",
				lang, Dir, lang)
		default:
			diags.Warnf(path.Join(srcRoot, model.SiteFile), languagesPos(src),
				"the theme has no UI strings for %q (no %s/%s.yaml): the pages in %s/ use the English ones; add the file to the theme (-theme DIR)",
				lang, Dir, lang, lang)
		}
	}
	return out
}

// placeholderPattern matches a {name} in a text.
var placeholderPattern = regexp.MustCompile(`\{[^{}\s]+\}`)

// pluralForms are the endings of a text's CLDR plural forms.
var pluralForms = []string{".zero", ".one", ".two", ".few", ".many", ".other"}

// checkPlaceholders warns of each text of a theme folder's file m (raw,
// named file) with a placeholder that the default theme's English text
// of its key does not have, in any plural form: no layout of the
// default theme fills it, so the pages show it as written. A key the
// default theme lacks is the theme's own, and a text equal to the
// default theme's is its own too: neither is checked.
func checkPlaceholders(file string, raw []byte, m, defaults map[string]string, diags *diag.List) {
	var doc yaml.Node
	if yaml.Unmarshal(raw, &doc) != nil || len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		text := m[key.Value]
		if text == "" || text == defaults[key.Value] || !strings.Contains(text, "{") {
			continue
		}
		base := key.Value
		for _, f := range pluralForms {
			if strings.HasSuffix(base, f) {
				base = strings.TrimSuffix(base, f)
				break
			}
		}
		keys := []string{key.Value}
		for _, f := range pluralForms {
			keys = append(keys, base+f)
		}
		known := map[string]bool{}
		found := false
		for _, k := range keys {
			if d, ok := defaults[k]; ok {
				found = true
				for _, p := range placeholderPattern.FindAllString(d, -1) {
					known[p] = true
				}
			}
		}
		if !found {
			continue
		}
		for _, p := range placeholderPattern.FindAllString(text, -1) {
			if known[p] {
				continue
			}
			fix := "take it out: this text has no placeholders"
			if len(known) > 0 {
				fix = "use one of this text's, " + strings.Join(slices.Sorted(maps.Keys(known)), ", ") + ", or take it out"
			}
			diags.Warnf(file, diag.Pos{Line: val.Line, Col: val.Column},
				"%s: no layout fills %s in this text, so the pages would show it as written; %s", key.Value, p, fix)
		}
	}
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
func (t *Translator) T(key string, args ...any) string {
	s, ok := t.strs[key]
	if !ok {
		return key
	}
	return t.fill(s, args, false)
}

// Tn gives the CLDR plural form of a key for n in the translator's
// language (key.one, key.few...; key.other when the file lacks that
// form), with {n} filled.
func (t *Translator) Tn(key string, n int, args ...any) string {
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
func (t *Translator) TH(key string, args ...any) template.HTML {
	s, ok := t.strs[key]
	if !ok {
		return template.HTML(template.HTMLEscapeString(key))
	}
	return template.HTML(t.fill(s, args, true))
}

// fill replaces {name} placeholders from name, value pairs.
func (t *Translator) fill(s string, args []any, html bool) string {
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
	return replacePlaceholders(s, pairs)
}

// replacePlaceholders does what strings.NewReplacer(pairs...).Replace(s)
// does, where pairs are "{name}", value: each placeholder, left to right,
// becomes the value of the first pair that names it, and values are not
// read again. Layouts fill texts on every page, and building a Replacer
// for each cost more than the rest of the filling; one scan builds
// nothing. A name with a brace of its own goes to a Replacer.
func replacePlaceholders(s string, pairs []string) string {
	for i := 0; i < len(pairs); i += 2 {
		if strings.ContainsAny(pairs[i][1:len(pairs[i])-1], "{}") {
			return strings.NewReplacer(pairs...).Replace(s)
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		placeholder := s[open : open+end+1]
		val, ok := "", false
		for i := 0; i < len(pairs); i += 2 {
			if pairs[i] == placeholder {
				val, ok = pairs[i+1], true
				break
			}
		}
		if !ok {
			// Not a placeholder here; one may start at a later brace.
			b.WriteString(s[:open+1])
			s = s[open+1:]
			continue
		}
		b.WriteString(s[:open])
		b.WriteString(val)
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Number writes a whole number with the language's thousands separator.
func (t *Translator) Number(n int) string {
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
func (t *Translator) EUR(v float64) string {
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
func (t *Translator) Date(d model.Date) string {
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
func (t *Translator) Label(value string) string {
	if s, ok := t.strs["enum."+value]; ok {
		return s
	}
	return Words(value)
}

// ValuePlural names an enumerated value of field for a group of items (in
// languages whose adjectives agree in number, "Piloted" practices):
// FIELD_plural.VALUE, else the value's Label.
func (t *Translator) ValuePlural(field, value string) string {
	if s, ok := t.strs[field+"_plural."+value]; ok {
		return s
	}
	return t.Label(value)
}

// FacetTitle is the title of a facet page: the items of type ty whose
// field has value.
func (t *Translator) FacetTitle(ty *model.Type, field, value string) string {
	return t.TypeT(ty, "facet_title", "facet.title", "type", t.TypeTitle(ty), "value", t.ValuePlural(field, value))
}

// TypeT gives a type's own wording of a string, type.FOLDER.KEY, when the
// files have it, and else the general one, general, filled with args:
// "3 practices" where a type says so, "3 entries" for one that does not.
func (t *Translator) TypeT(ty *model.Type, key, general string, args ...any) string {
	if s, ok := t.strs["type."+ty.Folder+"."+key]; ok {
		return t.fill(s, args, false)
	}
	return t.T(general, args...)
}

// Either gives key when the files have it, and else general, filled
// with args.
func (t *Translator) Either(key, general string, args ...any) string {
	if s, ok := t.strs[key]; ok {
		return t.fill(s, args, false)
	}
	return t.T(general, args...)
}

// TypeTn is TypeT for a count (see Tn).
func (t *Translator) TypeTn(ty *model.Type, key, general string, n int) string {
	if _, ok := t.strs["type."+ty.Folder+"."+key+".other"]; ok {
		return t.Tn("type."+ty.Folder+"."+key, n)
	}
	return t.Tn(general, n)
}

// FieldLabel names a field by its key field.NAME, falling back to the
// name in words.
func (t *Translator) FieldLabel(name string) string {
	if s, ok := t.strs["field."+name]; ok {
		return s
	}
	return Words(name)
}

// TypeTitle, TypeSingular and TypeDoc translate a content type's names:
// type.FOLDER.title ("Good practices"), .singular ("Good practice", as a
// label) and .doc.
func (t *Translator) TypeTitle(ty *model.Type) string {
	return t.typeKey(ty, "title", ty.Title)
}

func (t *Translator) TypeSingular(ty *model.Type) string {
	return t.typeKey(ty, "singular", Words(ty.Singular))
}

func (t *Translator) TypeDoc(ty *model.Type) string {
	return t.typeKey(ty, "doc", ty.Doc)
}

func (t *Translator) typeKey(ty *model.Type, what, def string) string {
	if ty == nil {
		return ""
	}
	if s, ok := t.strs["type."+ty.Folder+"."+what]; ok {
		return s
	}
	return def
}

// TimeElement writes a date (a model.Date, or a string that parses as
// one) as a <time> element, its text in the site's language; a string
// that is not a date comes back as escaped text.
func (t *Translator) TimeElement(d any) template.HTML {
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

// Years formats an instrument's years: 2008, 2008–2011, "until 2011" or "".
func (t *Translator) Years(in model.Instrument) string {
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

// Lang is the translator's language.
func (t *Translator) Lang() string { return t.lang }

// Own is the language's own text of a key (not English's), or "".
func (t *Translator) Own(key string) string { return t.own[key] }

// Under lists the texts of every key under prefix (prefix.KEY), by KEY.
func (t *Translator) Under(prefix string) map[string]string {
	out := map[string]string{}
	for k, s := range t.strs {
		if rest, ok := strings.CutPrefix(k, prefix+"."); ok {
			out[rest] = s
		}
	}
	return out
}

// New makes a translator of lang from its texts, for tests and tools.
func New(lang string, strs map[string]string) *Translator {
	return &Translator{lang: lang, strs: strs, own: strs}
}

// Words turns a slug or field name into words: "development-agency" ->
// "Development agency".
func Words(s string) string {
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
