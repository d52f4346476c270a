package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/clusterpolisee/polisee/generator/model"
)

const newUsage = `usage: polisee new TYPE SLUG [-src content] [-lang LANG]

Writes content/TYPE/SLUG.md with every field of the type, ready to fill in.
TYPE is one of: %s (or its folder name: practices, ...).
SLUG is the file name: lowercase letters, digits and hyphens; a country's
ISO code (gr) or a region's NUTS code (el30).
With -lang el, writes the translation SLUG.el.md of the existing SLUG.md
instead: its words (title, summary, text) to translate in place; its facts
are taken from the original. An original written in another language than
the default (lang: el) is translated into the default one the same way
(-lang en writes SLUG.en.md).
`

// runNew writes a new content file with every field of its type: required
// ones marked, allowed values listed, and the body sections expected.
func runNew(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("new", stderr)
	srcDir := fl.String("src", "content", "content folder to write into")
	lang := fl.String("lang", "", "write a translation into this language of the existing file, with its words to translate")
	fl.Usage = func() {
		fmt.Fprintf(stderr, newUsage, strings.Join(model.Builtin.TypeNames(), ", "))
		fl.PrintDefaults()
	}
	pos, err := parseInterleaved(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "polisee new: give a type and a slug, e.g. polisee new practice cluster-vouchers\n\n")
		fl.Usage()
		return errReported
	}
	schema, err := siteSchema(*srcDir, stderr)
	if err != nil {
		return err
	}
	t := schema.TypeByName(pos[0])
	if t == nil {
		hint := ""
		if s := model.Suggest(pos[0], append(schema.TypeNames(), schema.Folders()...)); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		fmt.Fprintf(stderr, "polisee new: unknown type %q%s; use one of: %s\n", pos[0], hint, strings.Join(schema.TypeNames(), ", "))
		return errReported
	}
	slug, err := model.NormalizeSlug(t, pos[1])
	if err != nil {
		fmt.Fprintf(stderr, "polisee new: %v\n", err)
		return errReported
	}
	if info, err := os.Stat(*srcDir); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "polisee new: content folder %s not found: run polisee new in the folder that holds content/, or give -src\n", *srcDir)
		return errReported
	}
	dir := filepath.Join(*srcDir, t.Folder)
	file := filepath.Join(dir, slug+".md")
	var data []byte
	next := "Fill in the fields marked required, write the text, then run: polisee check"
	if *lang != "" {
		if data, err = translationScaffold(os.DirFS(*srcDir), *srcDir, t, slug, *lang); err != nil {
			fmt.Fprintf(stderr, "polisee new: %v\n", err)
			return errReported
		}
		file = filepath.Join(dir, slug+"."+*lang+".md")
		next = "Translate the title, summary and text in place (facts are taken from the original), then run: polisee check"
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		data = scaffold(t, slug, knownKeys(os.DirFS(*srcDir)))
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "polisee new: %s already exists; it was left as it is. Edit it, or choose another name.\n", filepath.ToSlash(file))
		return errReported
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(file)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(file)
		return err
	}
	fmt.Fprintf(stdout, "created %s\n%s\n", filepath.ToSlash(file), next)
	return nil
}

// parseInterleaved parses flags given before, between or after the
// positional arguments (polisee new practice x -src content). It returns
// flag.ErrHelp after printing the usage for -h.
func parseInterleaved(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errReported
		}
		args = fl.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// maxListed is the most keys of a folder that comments list.
const maxListed = 20

// knownKeys lists, for small folders whose keys editors pick from (areas,
// countries), the keys found in the content folder, for the comments; and
// under "languages", the site's languages (site.yaml), the default first.
func knownKeys(src fs.FS) map[string][]string {
	out := map[string][]string{"languages": {"en"}}
	if data, err := fs.ReadFile(src, model.SiteFile); err == nil {
		var site struct {
			Languages []string `yaml:"languages"`
		}
		if yaml.Unmarshal(data, &site) == nil && len(site.Languages) > 0 {
			out["languages"] = site.Languages
		}
	}
	// The areas that have criteria (assessment/AREA.md), by file name.
	for _, folder := range []string{"areas", "countries", model.FolderAssessment} {
		entries, err := fs.ReadDir(src, folder)
		if err != nil {
			continue
		}
		var keys []string
		for _, e := range entries {
			name := e.Name()
			stem, ok := strings.CutSuffix(name, ".md")
			if !ok || e.IsDir() || strings.ContainsAny(stem, ".") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
				continue
			}
			if model.TypeByFolder(folder).KeyField != "" {
				stem = strings.ToUpper(stem)
			}
			keys = append(keys, stem)
		}
		sort.Strings(keys)
		if len(keys) > 0 && len(keys) <= maxListed {
			out[folder] = keys
		}
	}
	return out
}

// scaffold is the text of a new file of type t: the front matter with
// every field of the type (lang only on a site of several languages), and
// the body the type expects.
func scaffold(t *model.Type, slug string, known map[string][]string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "%s\n", strings.TrimSpace("# New "+t.Singular+". "+t.Doc))
	b.WriteString("# Fill in the fields marked \"required\". Leave out or empty the others when they do\n")
	b.WriteString("# not apply. Text after # is a comment; `polisee schema` describes every field.\n")
	for _, f := range t.Fields {
		if f.Kind == model.KindLang && len(known["languages"]) < 2 {
			continue // the site's one language is every item's
		}
		value := ""
		switch {
		case t.KeyField != "" && f.Name == t.KeyField:
			value = strings.ToUpper(slug)
		case t.KeyField == "nuts" && f.Name == "country":
			value = model.CountryOfNUTS(slug)
		case f.Kind == model.KindList && !f.Required:
			// An empty list shows the shape; a required list is left
			// empty so that check reports it until it is filled.
			value = "[]"
		}
		line := f.Name + ":"
		if value != "" {
			line += " " + value
		}
		b.WriteString(line + "  # " + fieldComment(f, known) + "\n")
		for _, ex := range exampleLines(f, known) {
			b.WriteString("#   " + ex + "\n")
		}
	}
	if len(t.Sections) > 0 {
		fmt.Fprintf(&b, "# After the closing line comes the text, in Markdown, under the headings every\n# %s has. Link the sources of facts.\n", t.Singular)
	}
	b.WriteString("---\n")
	if len(t.Sections) > 0 {
		for _, s := range t.Sections {
			fmt.Fprintf(&b, "\n## %s\n\n", s)
		}
	} else {
		fmt.Fprintf(&b, "\nReplace this sentence with the text of the %s, in Markdown.\n", t.Singular)
	}
	return []byte(b.String())
}

// fieldComment explains a field on its line: required or not, what it
// holds, and the values it takes.
func fieldComment(f *model.Field, known map[string][]string) string {
	var parts []string
	if f.Required {
		parts = append(parts, "required")
	}
	if f.Doc != "" {
		parts = append(parts, f.Doc)
	}
	if h := valueHint(f, known); h != "" {
		parts = append(parts, h)
	}
	return strings.Join(parts, "; ")
}

func valueHint(f *model.Field, known map[string][]string) string {
	switch f.Kind {
	case model.KindEnum:
		return "one of: " + strings.Join(f.Values, ", ")
	case model.KindRef:
		if keys := known[f.Ref]; keys != nil {
			return "one of: " + strings.Join(keys, ", ")
		}
		if f.Ref == "countries" || f.Ref == "regions" {
			return "" // the field's description gives the code system
		}
		return "the name of a file in " + f.Ref + "/, without .md"
	case model.KindList:
		e := f.Elem
		switch e.Kind {
		case model.KindRef:
			if keys := known[e.Ref]; keys != nil {
				return "a list of: " + strings.Join(keys, ", ") + ", e.g. [" + keys[0] + "]"
			}
			return "a list, e.g. [" + exampleKey(e.Ref, known) + "]"
		case model.KindObject:
			if f.Required {
				return "entries like these (remove the \"# \" in front):"
			}
			return "replace [] with entries like these (remove the \"# \" in front):"
		case model.KindString, model.KindText:
			if e.MaxLen > 0 {
				return fmt.Sprintf("a list, e.g. [a, b], each at most %d characters", e.MaxLen)
			}
			return "a list, e.g. [a, b]"
		}
		return "a list"
	case model.KindMap:
		if f.Elem.Kind == model.KindList && f.Elem.Elem.Kind == model.KindObject {
			// Judgements: what to judge comes from the site's criteria.
			return "per " + typeSingular(f.Key.Ref) + ", a list of {" + strings.Join(fieldNames(f.Elem.Elem.Fields), ", ") + "}; polisee schema describes them"
		}
		return "entries like these (remove the \"# \" in front):"
	case model.KindObject:
		var names []string
		for _, sub := range f.Fields {
			names = append(names, sub.Name)
		}
		if len(f.Fields) == 0 {
			return "a mapping"
		}
		return "a mapping with " + strings.Join(names, ", ") + ", e.g. {" + f.Fields[0].Name + ": " + exampleValue(f.Fields[0], known) + "}"
	case model.KindString, model.KindText:
		if f.MaxLen > 0 {
			return fmt.Sprintf("at most %d characters", f.MaxLen)
		}
	case model.KindDate:
		return "YYYY, YYYY-MM or YYYY-MM-DD"
	case model.KindYear:
		return "a four-digit year"
	case model.KindInt:
		if f.Max > f.Min {
			return fmt.Sprintf("a whole number from %d to %d", f.Min, f.Max)
		}
		return "a whole number"
	case model.KindNumber:
		return "a number"
	case model.KindBool:
		return "true or false"
	case model.KindURL:
		return "a full address, https://..."
	case model.KindLang:
		langs := known["languages"]
		switch {
		case len(langs) > 1:
			return "leave empty for " + langs[0] + ", the default; else one of: " + strings.Join(langs[1:], ", ")
		}
		return "a language code, e.g. el"
	}
	return ""
}

func fieldNames(fields []*model.Field) []string {
	var out []string
	for _, f := range fields {
		out = append(out, f.Name)
	}
	return out
}

// exampleLines shows the shape of a nested field's entries, as comments.
func exampleLines(f *model.Field, known map[string][]string) []string {
	switch {
	case f.Kind == model.KindList && f.Elem.Kind == model.KindObject:
		var out []string
		for i, sub := range f.Elem.Fields {
			prefix := "  "
			if i == 0 {
				prefix = "- "
			}
			out = append(out, prefix+sub.Name+": "+exampleValue(sub, known)+subComment(sub))
		}
		return out
	case f.Kind == model.KindMap && f.Elem.Kind == model.KindObject:
		out := []string{exampleKey(f.Key.Ref, known) + ":" + "  # " + typeSingular(f.Key.Ref) + " slug"}
		for _, sub := range f.Elem.Fields {
			if sub.Name == "score" && len(known[model.FolderAssessment]) > 0 {
				// The site has criteria: scores come from judgements
				// (a hand-written one only where an area has none).
				continue
			}
			out = append(out, "  "+sub.Name+": "+exampleValue(sub, known)+subComment(sub))
		}
		return out
	}
	return nil
}

func subComment(f *model.Field) string {
	var parts []string
	if f.Required {
		parts = append(parts, "required")
	}
	if f.Kind == model.KindEnum {
		parts = append(parts, "one of: "+strings.Join(f.Values, ", "))
	} else if (f.Kind == model.KindInt || f.Kind == model.KindYear || f.Kind == model.KindNumber) && f.Doc != "" {
		parts = append(parts, f.Doc)
	}
	if len(parts) == 0 {
		return ""
	}
	return "  # " + strings.Join(parts, "; ")
}

// exampleValue is a plausible value of a field, for the comments.
func exampleValue(f *model.Field, known map[string][]string) string {
	if f.Example != "" {
		return f.Example
	}
	switch f.Kind {
	case model.KindString, model.KindText:
		if f.Doc == "" {
			return "..."
		}
		return strings.ToUpper(f.Doc[:1]) + f.Doc[1:]
	case model.KindURL:
		return "https://example.org/page"
	case model.KindEnum:
		return f.Values[0]
	case model.KindInt:
		if f.Max > f.Min {
			return strconv.Itoa((f.Min + f.Max + 1) / 2)
		}
		return "1"
	case model.KindNumber:
		return "1000000"
	case model.KindYear:
		if f.Name == "end" {
			return "2020"
		}
		return "2014"
	case model.KindDate:
		return "2024-05"
	case model.KindBool:
		return "true"
	case model.KindRef:
		return exampleKey(f.Ref, known)
	case model.KindList:
		if f.Elem.Kind == model.KindRef {
			return "[" + exampleKey(f.Elem.Ref, known) + "]"
		}
	}
	return "..."
}

func exampleKey(folder string, known map[string][]string) string {
	if keys := known[folder]; len(keys) > 0 {
		return keys[0]
	}
	switch folder {
	case "countries":
		return "GR"
	case "regions":
		return "EL30"
	case "areas":
		return "innovation-rd"
	}
	return "some-" + typeSingular(folder)
}

func typeSingular(folder string) string {
	if t := model.TypeByFolder(folder); t != nil {
		return t.Singular
	}
	return folder
}

// translationScaffold is the start of a translation into lang of the
// item slug of type t: the original's words (title, short title, summary,
// body), to be translated in place, and none of its facts, which the
// translation inherits.
func translationScaffold(src fs.FS, srcDir string, t *model.Type, slug, lang string) ([]byte, error) {
	c, _ := model.Load(src, model.Options{Root: filepath.ToSlash(srcDir)})
	if c == nil {
		return nil, fmt.Errorf("cannot read %s; run polisee check", filepath.ToSlash(filepath.Join(srcDir, model.SiteFile)))
	}
	site := c.Site
	if !slices.Contains(site.Languages, lang) {
		return nil, fmt.Errorf("%q is not one of the site's languages (%s): add it to languages in %s first", lang, strings.Join(site.Languages, ", "), filepath.ToSlash(filepath.Join(srcDir, model.SiteFile)))
	}
	var orig *model.Item
	for _, it := range c.ByFolder(t.Folder) {
		if it.Slug == slug {
			orig = it
		}
	}
	switch {
	case orig == nil && lang == site.DefaultLanguage():
		return nil, fmt.Errorf("%s has no %s: a translation needs its original (create it with polisee new %s %s)", filepath.ToSlash(filepath.Join(srcDir, t.Folder)), slug+".md", t.Singular, slug)
	case orig == nil:
		return nil, fmt.Errorf("%s has no %s: a translation needs its original (create it with polisee new %s %s; for a %s written in %s with no original in %s, give it lang: %s)", filepath.ToSlash(filepath.Join(srcDir, t.Folder)), slug+".md", t.Singular, slug, t.Singular, lang, site.DefaultLanguage(), lang)
	case lang == orig.Lang && lang == site.DefaultLanguage():
		return nil, fmt.Errorf("%q is the site's default language: %s/%s.md is already in it", lang, t.Folder, slug)
	case lang == orig.Lang:
		others := slices.DeleteFunc(slices.Clone(site.Languages), func(l string) bool { return l == lang })
		return nil, fmt.Errorf("%s/%s.md is already in %q (its lang field says so): translate it into another of the site's languages (%s)", t.Folder, slug, lang, strings.Join(others, ", "))
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# Translation into %s of %s: translate the words below, and the text.\n", lang, orig.Path)
	b.WriteString("# Facts (countries, areas, dates, sources...) are taken from the original.\n")
	for _, name := range []string{"title", "short", "summary"} {
		if v := orig.String(name); v != "" {
			line, err := yaml.Marshal(map[string]string{name: v})
			if err != nil {
				return nil, err
			}
			b.Write(line)
		}
	}
	b.WriteString("---\n")
	b.Write(orig.Body)
	return b.Bytes(), nil
}
