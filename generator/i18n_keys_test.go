package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/i18n"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/themes"
)

// shippedLanguages are the translation files the default theme must have
// complete: the same keys as English, none empty.
var shippedLanguages = []string{"en", "el"}

func themeStrings(t *testing.T, lang string) map[string]string {
	t.Helper()
	m, err := i18n.ReadStrings(themes.Default(), lang)
	if err != nil {
		t.Fatalf("i18n/%s.yaml: %v", lang, err)
	}
	return m
}

// TestI18nFilesComplete: every shipped file parses, has exactly English's
// keys, no empty text, and the same {placeholders} as English for every
// key (a translation that drops {n} would show a wrong sentence).
func TestI18nFilesComplete(t *testing.T) {
	en := themeStrings(t, "en")
	if len(en) < 300 {
		t.Fatalf("en.yaml has %d keys; expected the whole UI", len(en))
	}
	ph := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, lang := range shippedLanguages {
		m := themeStrings(t, lang)
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s.yaml: %s is empty", lang, k)
			}
			if _, ok := en[k]; !ok {
				t.Errorf("%s.yaml: %s is not in en.yaml", lang, k)
				continue
			}
			want, got := ph.FindAllString(en[k], -1), ph.FindAllString(v, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(slices.Compact(want), slices.Compact(got)) {
				t.Errorf("%s.yaml: %s has placeholders %v, en.yaml %v", lang, k, got, want)
			}
			if strings.HasSuffix(k, "_html") != strings.Contains(k, "_html") {
				t.Errorf("%s.yaml: %s: _html must end the key", lang, k)
			}
		}
		for k := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.yaml lacks %s", lang, k)
			}
		}
	}
}

// usedKeys lists the keys the theme's layouts and the generator's Go code
// ask for. Plural keys (Tn, tn) come back as key.one and key.other.
func usedKeys(t *testing.T) map[string][]string {
	t.Helper()
	used := map[string][]string{} // key -> where
	add := func(fn, key, where string) {
		if fn == "Tn" || fn == "tn" {
			used[key+".one"] = append(used[key+".one"], where)
			used[key+".other"] = append(used[key+".other"], where)
			return
		}
		used[key] = append(used[key], where)
	}
	tmpl := regexp.MustCompile(`(?:\.|\b)(T|Tn|TH|t|tn|th)\s+"([^"]+)"`)
	layouts, err := fs.Glob(themes.Default(), "layouts/*.html")
	if err != nil || len(layouts) == 0 {
		t.Fatalf("layouts: %v", err)
	}
	for _, name := range layouts {
		data, _ := fs.ReadFile(themes.Default(), name)
		for _, m := range tmpl.FindAllStringSubmatch(string(data), -1) {
			add(m[1], m[2], name)
		}
	}
	goCall := regexp.MustCompile(`\b(T|Tn|TH)\(\s*"([^"]+)"`)
	// The generator's files and those of its packages that speak.
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("i18n/*.go")
	kbFiles, _ := filepath.Glob("kb/*.go")
	more = append(more, kbFiles...)
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goCall.FindAllStringSubmatch(string(data), -1) {
			if strings.HasSuffix(m[2], ".") {
				continue // a prefix ("date.month."+n): the keys built from the model, below
			}
			add(m[1], m[2], f)
		}
	}
	// Keys built from the model: type names, field labels, the values of
	// every fixed list, month names, practice statuses in the plural.
	for _, ty := range model.Types {
		for _, w := range []string{"title", "singular", "doc"} {
			add("T", "type."+ty.Folder+"."+w, "model.Types")
		}
		for _, f := range ty.Fields {
			if !isFact(f) {
				continue // not shown as a key fact (see view.Meta)
			}
			add("T", "field."+f.Name, "model.Types "+ty.Folder)
		}
	}
	for _, l := range [][]string{model.OrganisationKinds, model.OrganisationRoles, model.PracticeLevels,
		model.PracticeStatuses, model.PilotStatuses, model.ProfileScopes, model.DocumentKinds, model.InstrumentKinds, model.JudgementStates} {
		for _, v := range l {
			add("T", "enum."+v, "model vocabularies")
		}
	}
	// Facets (Presentation.Facets): the general words of facet pages and
	// grouped lists, and each facet's heading and values in the plural.
	for _, trend := range []string{"up", "down", "same", "new", "dropped", "unscored"} {
		add("T", "change.trend_"+trend, "kb.Changes")
	}
	for _, why := range []string{"transferred", "piloted", "pilot", "identified"} {
		add("T", "gap.why_"+why, "kb.lessonRank")
	}
	for _, k := range []string{"facet.title", "facet.empty", "list.by", "list.by_label", "list.ungrouped", "list.yes", "list.no"} {
		add("T", k, "facets and groups")
	}
	for _, ty := range model.Types {
		for _, f := range ty.Present.Facets {
			add("T", "list.by_"+f, "model.Types "+ty.Folder+" facets")
			for _, v := range ty.Field(f).Values {
				add("T", f+"_plural."+v, "model.Types "+ty.Folder+" facets")
			}
		}
	}
	for m := 1; m <= 12; m++ {
		add("T", "date.month."+strconv.Itoa(m), "dates")
		add("T", "date.month_of."+strconv.Itoa(m), "dates")
	}
	for _, k := range []string{"number.group", "money.eur", "date.year", "date.month_year", "date.day_month_year", "list.separator", "field.budget_eur", "language.name"} {
		add("T", k, "formats")
	}
	return used
}

// typeWording reports a key that gives a type's own wording of a general
// string (type.FOLDER.count, .by_FIELD...: see translator.typeT), which
// the layouts use whenever a file has it.
func typeWording(key string) bool {
	for _, ty := range model.Types {
		rest, ok := strings.CutPrefix(key, "type."+ty.Folder+".")
		if !ok {
			continue
		}
		switch rest {
		case "count.one", "count.other", "count.few", "count.many", "count.two", "facet_empty", "facet_title":
			return true
		}
		for _, f := range ty.Present.Facets {
			if rest == "by_"+f {
				return true
			}
		}
	}
	return false
}

// TestI18nKeysUsedExist: every key a layout or the Go code asks for is in
// en.yaml (and so, by TestI18nFilesComplete, in every shipped language).
func TestI18nKeysUsedExist(t *testing.T) {
	en := themeStrings(t, "en")
	used := usedKeys(t)
	if len(used) < 250 {
		t.Fatalf("found only %d keys in use; is the scan broken?", len(used))
	}
	for k, where := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("key %s (used in %s) is not in en.yaml", k, strings.Join(slices.Compact(where), ", "))
		}
	}
	// The reverse, reported but not failed: keys no one uses. search.js
	// and compare.js read theirs (search.js.*, compare.js.*) from JSON.
	var unused []string
	for k := range en {
		if _, ok := used[k]; !ok && !strings.HasPrefix(k, "search.js.") && !strings.HasPrefix(k, "compare.js.") && !typeWording(k) {
			unused = append(unused, k)
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		t.Errorf("keys in en.yaml that nothing uses: %v", unused)
	}
}

// TestTranslatorFormats: dates, numbers, amounts and plurals per language,
// and the fallback to English.
func TestTranslatorFormats(t *testing.T) {
	var diags diag.List
	tr := func(lang string) *i18n.Translator {
		site := model.Site{Languages: []string{lang, "en"}}
		return i18n.Load(nil, "", nil, "content", &site, &diags)[lang]
	}
	en, el := tr("en"), tr("el")
	cases := []struct{ got, want string }{
		{en.Date(model.Date{Year: 2026, Month: 11, Day: 27}), "27 November 2026"},
		{en.Date(model.Date{Year: 2014, Month: 10}), "October 2014"},
		{en.Date(model.Date{Year: 2014}), "2014"},
		{el.Date(model.Date{Year: 2026, Month: 11, Day: 27}), "27 Νοεμβρίου 2026"},
		{el.Date(model.Date{Year: 2026, Month: 5, Day: 1}), "1 Μαΐου 2026"},
		{el.Date(model.Date{Year: 2014, Month: 10}), "Οκτώβριος 2014"},
		{el.Date(model.Date{Year: 2014}), "2014"},
		{en.EUR(5186352), "EUR 5,186,352"},
		{el.EUR(5186352), "5.186.352\u00a0€"},
		{en.EUR(950), "EUR 950"},
		{el.Number(1234567), "1.234.567"},
		{en.Tn("list.count", 1), "1 entry"},
		{en.Tn("list.count", 1000), "1,000 entries"},
		{el.Tn("list.count", 1), "1 καταχώριση"},
		{el.Tn("list.count", 3), "3 καταχωρίσεις"},
		{el.Label("piloted"), "Πιλοτικά εφαρμοσμένη"},
		{el.ValuePlural("status", "piloted"), "Πιλοτικά εφαρμοσμένες"},
		{el.T("score.not_assessed"), "Δεν έχει αξιολογηθεί"},
		{string(el.TH("site.snapshot_live_html", "link", "<b>")), "Ο ενημερωμένος ιστότοπος βρίσκεται στη διεύθυνση &lt;b&gt;."},
		{el.T("no.such.key"), "no.such.key"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if len(diags) != 0 {
		t.Errorf("unexpected problems: %v", diags)
	}
}

// TestSearchScriptCounts: each sentence of the search page that counts
// results has a form for one (search.js.KEY_one), which search.js shows
// when there is one result, so that it never says "1 partial matches".
func TestSearchScriptCounts(t *testing.T) {
	en := themeStrings(t, "en")
	js, err := fs.ReadFile(themes.Default(), "static/search.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"browse", "results", "near", "partial"} {
		if _, ok := en["search.js."+k+"_one"]; !ok {
			t.Errorf("en.yaml has no search.js.%s_one for one result", k)
		}
		if !strings.Contains(string(js), `str("`+k+`_one"`) {
			t.Errorf("search.js never shows %s_one", k)
		}
	}
}
