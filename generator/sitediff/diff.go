package sitediff

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options tune a comparison.
type Options struct {
	// Link makes the address a page is linked at in the summary from
	// its site path ("practices/x/"); nil shows the path.
	Link func(path string) string
	// Lang is the site's default language: its pages are described in
	// detail, the others' are listed. Empty means the home page's.
	Lang string
	// Queries is how many changed pages are searched for by title (10 when
	// zero; negative for none).
	Queries int
}

// Report is what a change does to a site.
type Report struct {
	Total   int // pages in the new site
	Added   []*Page
	Removed []*Page
	Changed []Change
	// Shown are item pages whose own content is the same but that show
	// the change elsewhere on them: related items, back-links, lists.
	Shown []Change
	// Others are pages added, removed or changed that are not described
	// one by one: lists, and pages in other languages.
	Others []Other
	// Matrix lists the scores of the compare matrix that move.
	Matrix []Score
	// Search lists where the changed pages rank.
	Search []Rank
	opts   Options
}

// Change is a page that changed, and how.
type Change struct {
	Old, New *Page
	Fields   []FieldChange
	Sections []SectionChange
	Parts    []SectionChange // the page's other headed parts
	Scores   []Score
	Lead     bool // the summary under the title changed
	Title    bool
}

// FieldChange is a key fact that changed; Old or New is empty when the
// fact was added or removed.
type FieldChange struct{ Name, Old, New string }

// SectionChange is a section of the text added, removed or changed.
type SectionChange struct {
	Heading string
	What    string // "added", "removed", "changed"
}

// Score is one score of a profile's assessment, before and after (0 when
// not scored).
type Score struct {
	Path, Profile, Area string
	Old, New            int
}

// Other is a page that is not described in detail.
type Other struct {
	Page *Page
	What string // "added", "removed", "changed"
}

// Compare compares the site built into oldDir with the one in newDir.
func Compare(ctx context.Context, oldDir, newDir string, opts Options) (*Report, error) {
	for _, d := range []string{oldDir, newDir} {
		if _, err := os.Stat(filepath.Join(d, "index.html")); err != nil {
			return nil, fmt.Errorf("%s is not a built site (no index.html): build it with polisee build -out %s", d, d)
		}
	}
	oldPages, err := readSite(oldDir)
	if err != nil {
		return nil, err
	}
	newPages, err := readSite(newDir)
	if err != nil {
		return nil, err
	}
	if opts.Lang == "" {
		if home := newPages[""]; home != nil {
			opts.Lang = home.Lang
		}
	}
	r := &Report{Total: len(newPages), opts: opts}
	r.comparePages(oldPages, newPages)
	if err := r.compareScores(oldDir, newDir); err != nil {
		return nil, err
	}
	if err := r.compareSearch(ctx, oldDir, newDir); err != nil {
		return nil, err
	}
	return r, nil
}

// detailed reports whether a page is described one by one: an item's
// page in the default language.
func (r *Report) detailed(p *Page) bool {
	return p.Kind != "" && (p.Lang == r.opts.Lang || r.opts.Lang == "")
}

func (r *Report) comparePages(oldPages, newPages map[string]*Page) {
	for _, p := range sortedKeys(newPages) {
		np, op := newPages[p], oldPages[p]
		switch {
		case op == nil && r.detailed(np):
			r.Added = append(r.Added, np)
		case op == nil:
			r.Others = append(r.Others, Other{np, "added"})
		case op.sum == np.sum:
		case r.detailed(np):
			if c := pageChange(op, np); c.own() {
				r.Changed = append(r.Changed, c)
			} else {
				r.Shown = append(r.Shown, c)
			}
		default:
			r.Others = append(r.Others, Other{np, "changed"})
		}
	}
	for _, p := range sortedKeys(oldPages) {
		if op := oldPages[p]; newPages[p] == nil {
			if r.detailed(op) {
				r.Removed = append(r.Removed, op)
			} else {
				r.Others = append(r.Others, Other{op, "removed"})
			}
		}
	}
	slices.SortStableFunc(r.Others, func(a, b Other) int { return strings.Compare(a.Page.Path, b.Page.Path) })
}

// pageChange describes how a page changed: its facts in their order,
// then its sections.
func pageChange(op, np *Page) Change {
	c := Change{Old: op, New: np, Lead: op.Lead != np.Lead, Title: op.Title != np.Title}
	oldF := map[string]string{}
	for _, f := range op.Fields {
		oldF[f.Name] = f.Value
	}
	seen := map[string]bool{}
	for _, f := range np.Fields {
		seen[f.Name] = true
		if o, ok := oldF[f.Name]; !ok || o != f.Value {
			c.Fields = append(c.Fields, FieldChange{f.Name, o, f.Value})
		}
	}
	for _, f := range op.Fields {
		if !seen[f.Name] {
			c.Fields = append(c.Fields, FieldChange{f.Name, f.Value, ""})
		}
	}
	c.Sections = sectionChanges(op.Section, np.Section)
	c.Parts = sectionChanges(op.Parts, np.Parts)
	return c
}

// own reports whether the page's own content changed, not only what it
// shows of other pages.
func (c Change) own() bool {
	return c.Title || c.Lead || len(c.Fields)+len(c.Sections)+len(c.Scores) > 0
}

// sectionChanges lists the sections added, changed and removed, in the
// new order, then the removed ones.
func sectionChanges(old, cur []Section) []SectionChange {
	var out []SectionChange
	oldS := map[string]string{}
	for _, s := range old {
		oldS[s.Heading] = s.Text
	}
	seen := map[string]bool{}
	for _, s := range cur {
		seen[s.Heading] = true
		switch o, ok := oldS[s.Heading]; {
		case !ok:
			out = append(out, SectionChange{s.Heading, "added"})
		case o != s.Text:
			out = append(out, SectionChange{s.Heading, "changed"})
		}
	}
	for _, s := range old {
		if !seen[s.Heading] {
			out = append(out, SectionChange{s.Heading, "removed"})
		}
	}
	return out
}

// profileRecord is what the scores are read from: a profile in the open
// data (data/profiles.json).
type profileRecord struct {
	URL        string `json:"url"`
	Title      string `json:"title"`
	Assessment []struct {
		Area  string `json:"area"`
		Score *int   `json:"score"`
	} `json:"assessment"`
}

func readScores(dir string) (map[string]map[string]int, map[string]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "data", "profiles.json"))
	if os.IsNotExist(err) {
		return nil, nil, nil // a site without profiles in its open data
	}
	if err != nil {
		return nil, nil, err
	}
	var recs []profileRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(dir, "data", "profiles.json"), err)
	}
	scores, titles := map[string]map[string]int{}, map[string]string{}
	for _, rec := range recs {
		p := sitePath(rec.URL)
		titles[p] = rec.Title
		scores[p] = map[string]int{}
		for _, a := range rec.Assessment {
			if a.Score != nil {
				scores[p][a.Area] = *a.Score
			}
		}
	}
	return scores, titles, nil
}

// sitePath turns an open-data URL (absolute with a base URL, else
// relative to the site) into a site path.
func sitePath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			u = rest[j+1:]
		}
		// With a base URL below the host (example.org/kb/), the site's
		// own paths are what follows it; the open data's URLs all share
		// it, and the pages are matched on their last two segments.
		parts := strings.Split(strings.Trim(u, "/"), "/")
		if len(parts) > 2 {
			u = strings.Join(parts[len(parts)-2:], "/") + "/"
		}
	}
	return strings.TrimPrefix(u, "/")
}

// compareScores finds the assessment scores that move: the compare
// matrix, and each changed profile's page.
func (r *Report) compareScores(oldDir, newDir string) error {
	oldS, oldT, err := readScores(oldDir)
	if err != nil {
		return err
	}
	newS, newT, err := readScores(newDir)
	if err != nil {
		return err
	}
	for _, p := range sortedKeys(mergeKeys(oldS, newS)) {
		title := newT[p]
		if title == "" {
			title = oldT[p]
		}
		for _, area := range sortedKeys(mergeKeys(oldS[p], newS[p])) {
			if o, n := oldS[p][area], newS[p][area]; o != n {
				s := Score{Path: p, Profile: title, Area: area, Old: o, New: n}
				r.Matrix = append(r.Matrix, s)
				for i := range r.Changed {
					if r.Changed[i].New.Path == p {
						r.Changed[i].Scores = append(r.Changed[i].Scores, s)
					}
				}
				for i := range r.Shown {
					if r.Shown[i].New.Path == p {
						r.Shown[i].Scores = append(r.Shown[i].Scores, s)
					}
				}
			}
		}
	}
	// A page whose scores moved changed in its own right.
	shown := r.Shown[:0]
	for _, c := range r.Shown {
		if c.own() {
			r.Changed = append(r.Changed, c)
		} else {
			shown = append(shown, c)
		}
	}
	r.Shown = shown
	slices.SortFunc(r.Changed, func(a, b Change) int { return strings.Compare(a.New.Path, b.New.Path) })
	return nil
}

func mergeKeys[V any](a, b map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
