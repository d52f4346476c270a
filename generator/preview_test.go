package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/internal/corpus"
	"github.com/clusterpolisee/polisee/generator/model"
)

// TestPreviewMatchesFullBuild edits a content tree step by step, at
// random but from a fixed seed, and after every step compares what the
// preview (which renders only what a change touches) holds with a full
// build of the same content: every file, byte for byte, the search index
// included. A page that reads something without recording it would show
// up here as a stale page.
func TestPreviewMatchesFullBuild(t *testing.T) {
	trees := []struct {
		name  string
		steps int
		write func(t *testing.T, dir string)
		// pageSize, when set, cuts lists and the comparison into pages
		// of that many.
		pageSize int
	}{
		{"starter", 40, func(t *testing.T, dir string) { copyTree(t, "../content", dir) }, 0},
		{"corpus", 50, func(t *testing.T, dir string) {
			if err := corpus.Write(dir, 150, 7); err != nil {
				t.Fatal(err)
			}
			generator.InTwoLanguages(t, dir)
		}, 0},
		{"paged", 20, func(t *testing.T, dir string) {
			// Lists in pages, and the comparison cut by country.
			if err := corpus.Write(dir, 80, 11); err != nil {
				t.Fatal(err)
			}
			generator.InTwoLanguages(t, dir)
		}, 4},
		{"declared", 30, func(t *testing.T, dir string) {
			// A type of the site's own, with every part of a declared
			// presentation, beside the built-in ones.
			if err := corpus.Write(dir, 60, 3); err != nil {
				t.Fatal(err)
			}
			generator.InTwoLanguages(t, dir)
			writeEvents(t, dir)
		}, 0},
	}
	for _, tree := range trees {
		t.Run(tree.name, func(t *testing.T) {
			if tree.pageSize > 0 {
				defer generator.SetListPageSize(tree.pageSize)()
			}
			tmp := t.TempDir()
			dir := filepath.Join(tmp, "content")
			tree.write(t, dir)
			p, previewCfg, fullCfg := startPreview(t, tmp, dir)
			ctx := context.Background()
			e := &editor{t: t, dir: dir, rng: rand.New(rand.NewPCG(1, uint64(len(tree.name)))), events: tree.name == "declared"}
			kinds := map[string]int{}
			rendered, pages := 0, 0
			for step := range tree.steps {
				what, changed := e.edit(step)
				kinds[strings.Fields(what)[0]]++
				res, perr := p.Build(ctx, generator.Change{Content: changed})
				_, ferr := generator.Build(ctx, fullCfg)
				if (perr == nil) != (ferr == nil) {
					t.Fatalf("step %d (%s): preview error %v, full build error %v", step, what, perr, ferr)
				}
				if perr != nil {
					if _, ok := diag.AsList(perr); !ok {
						t.Fatalf("step %d (%s): %v", step, what, perr)
					}
					if !strings.HasPrefix(what, "break ") {
						t.Fatalf("step %d (%s) does not build: %v", step, what, perr)
					}
					continue
				}
				if err := p.Index(ctx); err != nil {
					t.Fatal(err)
				}
				rendered += res.Rendered
				pages += res.Pages
				compareTrees(t, fmt.Sprintf("step %d (%s)", step, what), fullCfg.Out, previewCfg.Out)
			}
			t.Logf("%d steps %v: rendered %d pages of %d", tree.steps, kinds, rendered, pages)
			if rendered >= pages {
				t.Errorf("the preview rendered every page (%d of %d): nothing was incremental", rendered, pages)
			}
		})
	}
}

// startPreview starts serve's preview of the content in dir, built once
// into tmp/preview, and gives the configuration of the full builds (into
// tmp/full) that it is compared with.
func startPreview(t *testing.T, tmp, dir string) (p *generator.Preview, previewCfg, fullCfg generator.Config) {
	t.Helper()
	cfg := generator.Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir}
	previewCfg = cfg
	previewCfg.Out = filepath.Join(tmp, "preview")
	p = generator.NewPreview(previewCfg)
	if _, err := p.Build(context.Background(), generator.Change{}); err != nil {
		t.Fatal(err)
	}
	fullCfg = cfg
	fullCfg.Preview = true
	fullCfg.Out = filepath.Join(tmp, "full")
	return p, previewCfg, fullCfg
}

// editor changes a content tree the way editors do.
type editor struct {
	t     *testing.T
	dir   string
	rng   *rand.Rand
	added []string
	// translated lists the translations it added.
	translated []string
	broken     string // a file written invalid, with its good bytes
	good       []byte
	// events is set for a tree with the declared type events (see
	// writeEvents), which the editor also changes.
	events bool
}

// eventsSchema declares events: in the menu and the feed, with open data,
// newest first, grouped by year, with a facet page per format.
const eventsSchema = `types:
  - folder: events
    singular: event
    title: Events
    fields:
      - {name: title, kind: string, required: true}
      - {name: date, kind: date, required: true}
      - {name: format, kind: enum, required: true, values: [workshop, conference]}
      - {name: areas, kind: list, of: ref, ref: areas}
    nav: 7
    feed: true
    open_data: true
    order: -date
    group: date
    facets: [format]
`

// writeEvents adds schema.yaml and a dozen events to a corpus tree.
func writeEvents(t *testing.T, dir string) {
	t.Helper()
	var areas []string
	entries, err := os.ReadDir(filepath.Join(dir, "areas"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		areas = append(areas, strings.TrimSuffix(e.Name(), ".md"))
	}
	files := map[string]string{"schema.yaml": eventsSchema}
	for i := range 12 {
		files[fmt.Sprintf("events/event-%02d.md", i)] = fmt.Sprintf("---\ntitle: Event %d\ndate: %d-%02d\nformat: %s\nareas: [%s]\n---\nWhat happened.\n",
			i, 2010+i%4, 1+i%12, []string{"workshop", "conference"}[i%2], areas[i%len(areas)])
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	dateLine   = regexp.MustCompile(`(?m)^date: .*$`)
	formatLine = regexp.MustCompile(`(?m)^format: .*$`)
)

// editEnum sets an enumerated field of any type (a practice's level, a
// pilot's status, a document's kind, an organisation's role...) to another
// of its values, as the schema declares them.
func (e *editor) editEnum(files []string) (string, []string) {
	var picks []string
	for _, f := range files {
		if strings.Count(f, ".") == 1 && strings.HasSuffix(f, ".md") && !strings.HasPrefix(f, "glossary/preview-") {
			picks = append(picks, f)
		}
	}
	f := picks[e.rng.IntN(len(picks))]
	t := model.Builtin.Type(strings.Split(f, "/")[0])
	if t == nil {
		return "none", nil
	}
	data := e.read(f)
	for _, field := range t.Fields {
		if field.Kind != model.KindEnum || field.Name == "scope" {
			// scope: region would need a region field besides.
			continue
		}
		line := regexp.MustCompile(`(?m)^` + field.Name + `: .*$`)
		if !line.Match(data) {
			continue
		}
		value := field.Values[e.rng.IntN(len(field.Values))]
		e.write(f, line.ReplaceAll(data, []byte(field.Name+": "+value)))
		return "enum " + f + " " + field.Name, []string{f}
	}
	return "none", nil
}

// scoreLine is an area's score in a profile's assessment, inline.
var scoreLine = regexp.MustCompile(`score: [1-4]`)

// editScore changes a profile's score on one area: the compare page, the
// area's learning path and chart, and the open data show it.
func (e *editor) editScore(files []string) (string, []string) {
	var profiles []string
	for _, f := range files {
		if strings.HasPrefix(f, "profiles/") && strings.Count(f, ".") == 1 && scoreLine.Match(e.read(f)) {
			profiles = append(profiles, f)
		}
	}
	if len(profiles) == 0 {
		return "none", nil
	}
	f := profiles[e.rng.IntN(len(profiles))]
	score := fmt.Sprintf("score: %d", 1+e.rng.IntN(4))
	done := false
	e.write(f, scoreLine.ReplaceAllFunc(e.read(f), func(m []byte) []byte {
		if done {
			return m
		}
		done = true
		return []byte(score)
	}))
	return "score " + f, []string{f}
}

// editEvent changes an event's date or format, or the declaration of
// events: what its list order, groups, feed, facets and menu depend on.
func (e *editor) editEvent(k, step int) (string, []string) {
	switch k {
	case 0:
		f := fmt.Sprintf("events/event-%02d.md", e.rng.IntN(12))
		e.write(f, dateLine.ReplaceAll(e.read(f), []byte(fmt.Sprintf("date: %d-%02d-%02d", 2008+e.rng.IntN(8), 1+e.rng.IntN(12), 1+e.rng.IntN(28)))))
		return "date " + f, []string{f}
	case 1:
		f := fmt.Sprintf("events/event-%02d.md", e.rng.IntN(12))
		e.write(f, formatLine.ReplaceAll(e.read(f), []byte("format: "+[]string{"workshop", "conference"}[e.rng.IntN(2)])))
		return "format " + f, []string{f}
	}
	schema := eventsSchema
	switch step % 3 {
	case 0:
		schema = strings.Replace(schema, "    feed: true\n", "", 1)
	case 1:
		schema = strings.Replace(schema, "order: -date", "order: title", 1)
	}
	e.write("schema.yaml", []byte(schema))
	return "declare schema.yaml", []string{"schema.yaml"}
}

var (
	titleLine     = regexp.MustCompile(`(?m)^title: .*$`)
	summaryLine   = regexp.MustCompile(`(?m)^summary: .*$`)
	areasLine     = regexp.MustCompile(`(?m)^areas: \[.*\]$`)
	statusLine    = regexp.MustCompile(`(?m)^status: .*$`)
	countriesLine = regexp.MustCompile(`(?m)^countries: \[.*\]$`)
	regionsLine   = regexp.MustCompile(`(?m)^regions: \[.*\]\n`)
	countryLine   = regexp.MustCompile(`(?m)^country: .*$`)
	scopeLine     = regexp.MustCompile(`(?m)^scope: .*$`)
	regionLine    = regexp.MustCompile(`(?m)^region: .*\n`)
)

// edit makes one change and returns what it did and the files it touched.
func (e *editor) edit(step int) (string, []string) {
	t := e.t
	if e.broken != "" {
		name := e.broken
		e.write(name, e.good)
		e.broken = ""
		return "fix " + name, []string{name}
	}
	files := e.files()
	// pick chooses an original under prefix (translations inherit its
	// facts).
	pick := func(prefix string) string {
		var l []string
		for _, f := range files {
			if strings.HasPrefix(f, prefix) && strings.Count(f, ".") == 1 {
				l = append(l, f)
			}
		}
		if len(l) == 0 {
			t.Fatalf("no file under %s", prefix)
		}
		return l[e.rng.IntN(len(l))]
	}
	any := func() string {
		for {
			f := files[e.rng.IntN(len(files))]
			if f != "site.yaml" && f != "schema.yaml" && !strings.HasPrefix(f, "glossary/preview-") {
				return f
			}
		}
	}
	n := 17
	if e.events {
		n += 3
	}
	switch k := e.rng.IntN(n); k {
	case 15:
		return e.editEnum(files)
	case 16:
		return e.editScore(files)
	case 17, 18, 19:
		return e.editEvent(k-17, step)
	case 13:
		// A translation into Greek of an original that has none.
		var originals []string
		for _, f := range files {
			if strings.Count(f, ".") == 1 && strings.HasSuffix(f, ".md") && !strings.HasPrefix(f, "glossary/preview-") {
				originals = append(originals, f)
			}
		}
		f := originals[e.rng.IntN(len(originals))]
		tr := strings.TrimSuffix(f, ".md") + ".el.md"
		if slices.Contains(files, tr) {
			return "none", nil
		}
		short := ""
		if strings.HasPrefix(f, "areas/") {
			short = "short: Τομέας\n"
		}
		e.write(tr, []byte(fmt.Sprintf("---\ntitle: \"Μετάφραση του βήματος %d\"\n%ssummary: \"Περίληψη στα ελληνικά.\"\n---\nΚείμενο στα ελληνικά.\n", step, short)))
		e.translated = append(e.translated, tr)
		return "translate " + tr, []string{tr}
	case 14:
		if len(e.translated) == 0 {
			return "none", nil
		}
		f := e.translated[0]
		e.translated = e.translated[1:]
		if err := os.Remove(filepath.Join(e.dir, f)); err != nil {
			t.Fatal(err)
		}
		return "untranslate " + f, []string{f}
	case 12:
		// A practice moves to another country (and leaves its regions),
		// or a profile does (and becomes national).
		var countries []string
		for _, c := range files {
			if strings.HasPrefix(c, "countries/") && strings.Count(c, ".") == 1 {
				countries = append(countries, strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(c, "countries/"), ".md")))
			}
		}
		if len(countries) == 0 {
			return "none", nil
		}
		to := countries[e.rng.IntN(len(countries))]
		if e.rng.IntN(2) == 0 && slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "profiles/") }) {
			f := pick("profiles/")
			data := e.read(f)
			if !countryLine.Match(data) || !scopeLine.Match(data) {
				return "none", nil
			}
			data = countryLine.ReplaceAll(data, []byte(`country: "`+to+`"`))
			data = scopeLine.ReplaceAll(data, []byte(`scope: "country"`))
			e.write(f, regionLine.ReplaceAll(data, nil))
			return "country " + f, []string{f}
		}
		f := pick("practices/")
		data := e.read(f)
		if !countriesLine.Match(data) || strings.Count(f, ".") > 1 {
			return "none", nil
		}
		data = countriesLine.ReplaceAll(data, []byte("countries: ["+to+"]"))
		e.write(f, regionsLine.ReplaceAll(data, nil))
		return "countries " + f, []string{f}
	case 0, 1, 2:
		f := any()
		e.write(f, append(e.read(f), fmt.Sprintf("\n\nEdited in step %d: one more paragraph.\n", step)...))
		return "body " + f, []string{f}
	case 3, 4:
		f := any()
		data := e.read(f)
		if !titleLine.Match(data) {
			return "none", nil
		}
		e.write(f, titleLine.ReplaceAll(data, []byte(fmt.Sprintf("title: \"Renamed in step %d\"", step))))
		return "title " + f, []string{f}
	case 5:
		f := any()
		data := e.read(f)
		if !summaryLine.Match(data) {
			return "none", nil
		}
		e.write(f, summaryLine.ReplaceAll(data, []byte(fmt.Sprintf("summary: \"Summary of step %d\"", step))))
		return "summary " + f, []string{f}
	case 6:
		f := pick("practices/")
		var areas []string
		for _, a := range files {
			if strings.HasPrefix(a, "areas/") && strings.Count(a, ".") == 1 {
				if e.rng.IntN(2) == 0 {
					areas = append(areas, strings.TrimSuffix(strings.TrimPrefix(a, "areas/"), ".md"))
				}
			}
		}
		data := e.read(f)
		if len(areas) == 0 || !areasLine.Match(data) || strings.Count(f, ".") > 1 {
			return "none", nil
		}
		e.write(f, areasLine.ReplaceAll(data, []byte("areas: ["+strings.Join(areas, ", ")+"]")))
		return "areas " + f, []string{f}
	case 7:
		f := pick("practices/")
		data := e.read(f)
		if !statusLine.Match(data) || strings.Count(f, ".") > 1 {
			return "none", nil
		}
		status := []string{"identified", "piloted", "transferred"}[e.rng.IntN(3)]
		e.write(f, statusLine.ReplaceAll(data, []byte("status: "+status)))
		return "status " + f, []string{f}
	case 8:
		f := fmt.Sprintf("glossary/preview-term-%d.md", step)
		e.write(f, []byte(fmt.Sprintf("---\ntitle: Term of step %d\nsummary: A term added by an editor.\n---\nWhat the term means.\n", step)))
		e.added = append(e.added, f)
		return "add " + f, []string{f}
	case 9:
		if len(e.added) == 0 {
			return "none", nil
		}
		f := e.added[0]
		e.added = e.added[1:]
		if err := os.Remove(filepath.Join(e.dir, f)); err != nil {
			t.Fatal(err)
		}
		return "remove " + f, []string{f}
	case 10:
		f := any()
		e.broken, e.good = f, e.read(f)
		e.write(f, []byte("---\ntitle: [unclosed\n---\n"))
		return "break " + f, []string{f}
	default:
		data := e.read("site.yaml")
		e.write("site.yaml", titleLine.ReplaceAll(data, []byte(fmt.Sprintf("title: Site of step %d", step))))
		return "site site.yaml", []string{"site.yaml"}
	}
}

func (e *editor) files() []string {
	var out []string
	filepath.WalkDir(e.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
			rel, _ := filepath.Rel(e.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func (e *editor) read(name string) []byte {
	data, err := os.ReadFile(filepath.Join(e.dir, name))
	if err != nil {
		e.t.Fatal(err)
	}
	return data
}

func (e *editor) write(name string, data []byte) {
	p := filepath.Join(e.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// compareTrees fails when two built sites differ in any file but the
// output marker.
func compareTrees(t *testing.T, what, want, got string) {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if rel == ".polisee-output" {
				return nil
			}
			files[filepath.ToSlash(rel)], err = os.ReadFile(p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	w, g := read(want), read(got)
	var problems []string
	for name, data := range w {
		other, ok := g[name]
		switch {
		case !ok:
			problems = append(problems, "missing "+name)
		case !bytes.Equal(data, other):
			problems = append(problems, "stale "+name+": "+firstDifference(data, other))
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			problems = append(problems, "extra "+name)
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		if len(problems) > 5 {
			problems = append(problems[:5], fmt.Sprintf("... %d more", len(problems)-5))
		}
		t.Fatalf("%s: the preview differs from a full build:\n%s", what, strings.Join(problems, "\n"))
	}
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	cut := func(s []byte) string {
		from, to := max(0, i-60), min(len(s), i+60)
		return fmt.Sprintf("%q", s[from:to])
	}
	return "full build has " + cut(a) + ", preview has " + cut(b)
}

// copyTree copies the content files of a folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".yaml") {
			return nil
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPreviewCompareByCountry: with the comparison cut by country (pages
// of two, so that the generated corpus's profiles need several), serve's
// rebuilds give the pages a full build gives when a profile moves to
// another country, is renamed (and so moves among its country's pages),
// is added and is removed. A profile's page links to the compare page
// that holds it, so these edits reach other profiles' pages too.
func TestPreviewCompareByCountry(t *testing.T) {
	defer generator.SetListPageSize(2)()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "content")
	if err := corpus.Write(dir, 60, 5); err != nil {
		t.Fatal(err)
	}
	p, previewCfg, fullCfg := startPreview(t, tmp, dir)
	ctx := context.Background()
	e := &editor{t: t, dir: dir}
	profiles, err := filepath.Glob(filepath.Join(dir, "profiles", "*.md"))
	if err != nil || len(profiles) < 6 {
		t.Fatalf("the corpus has %d profiles (%v)", len(profiles), err)
	}
	first, second := "profiles/"+filepath.Base(profiles[0]), "profiles/"+filepath.Base(profiles[1])
	data := e.read(first)
	moved := countryLine.ReplaceAll(data, []byte(`country: "`+otherCountry(t, data)+`"`))
	moved = regionLine.ReplaceAll(scopeLine.ReplaceAll(moved, []byte(`scope: "country"`)), nil)
	steps := []struct {
		what string
		do   func() string
	}{
		{"a profile moves to another country", func() string { e.write(first, moved); return first }},
		{"a profile is renamed", func() string {
			e.write(second, titleLine.ReplaceAll(e.read(second), []byte(`title: "Aardvark profile"`)))
			return second
		}},
		{"a profile is added", func() string { e.write("profiles/added.md", moved); return "profiles/added.md" }},
		{"a profile is removed", func() string {
			if err := os.Remove(filepath.Join(dir, "profiles", "added.md")); err != nil {
				t.Fatal(err)
			}
			return "profiles/added.md"
		}},
	}
	for _, s := range steps {
		changed := s.do()
		if _, err := p.Build(ctx, generator.Change{Content: []string{changed}}); err != nil {
			t.Fatalf("%s: preview: %v", s.what, err)
		}
		if err := p.Index(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := generator.Build(ctx, fullCfg); err != nil {
			t.Fatalf("%s: full build: %v", s.what, err)
		}
		compareTrees(t, s.what, fullCfg.Out, previewCfg.Out)
	}
	if _, err := os.Stat(filepath.Join(fullCfg.Out, "compare", "index.html")); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(fullCfg.Out, "compare", "index.html")); err != nil || !strings.Contains(string(data), `id="countries-heading"`) {
		t.Fatalf("the comparison is not cut by country (%v)", err)
	}
}

// otherCountry is a country of the generated corpus that a profile's
// front matter does not name.
func otherCountry(t *testing.T, data []byte) string {
	t.Helper()
	for _, c := range []string{"AT", "GR"} {
		if !strings.Contains(string(data), `country: "`+c+`"`) {
			return c
		}
	}
	t.Fatal("no other country")
	return ""
}
