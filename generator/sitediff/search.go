package sitediff

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/clusterpolisee/polisee/search"
)

// Rank is where a page comes in the search for a query, before and after
// (0: not in the first results).
type Rank struct {
	Query    string
	Path     string
	Old, New int
	// Displaced are pages that the change pushes out of the first
	// results for the query.
	Displaced []string
}

// rankDepth is how many results count as "found".
const rankDepth = 10

// openIndex opens the search index of a built site; nil when it has none.
func openIndex(dir string) (*search.Index, error) {
	folder := filepath.Join(dir, "search")
	name := search.IndexFile
	if m, err := os.ReadFile(filepath.Join(folder, "meta.json")); err == nil {
		var meta struct{ Index string }
		if json.Unmarshal(m, &meta) == nil && meta.Index != "" && meta.Index == filepath.Base(meta.Index) {
			name = meta.Index
		}
	}
	data, err := os.ReadFile(filepath.Join(folder, name))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(folder, name), err)
	}
	return ix, nil
}

// compareSearch searches both sites for the titles of the pages added,
// removed and changed, and reports where each page ranks.
func (r *Report) compareSearch(ctx context.Context, oldDir, newDir string) error {
	n := r.opts.Queries
	if n == 0 {
		n = 10
	}
	var targets []*Page
	targets = append(targets, r.Added...)
	for _, c := range r.Changed {
		targets = append(targets, c.New)
	}
	targets = append(targets, r.Removed...)
	if n < 0 || len(targets) == 0 {
		return nil
	}
	if len(targets) > n {
		targets = targets[:n]
	}
	oldIx, err := openIndex(oldDir)
	if err != nil {
		return err
	}
	newIx, err := openIndex(newDir)
	if err != nil || oldIx == nil || newIx == nil {
		return err
	}
	for _, p := range targets {
		rank, err := r.rank(ctx, oldIx, newIx, p)
		if err != nil {
			return err
		}
		if rank.Old != rank.New || len(rank.Displaced) > 0 {
			r.Search = append(r.Search, rank)
		}
	}
	return nil
}

func (r *Report) rank(ctx context.Context, oldIx, newIx *search.Index, p *Page) (Rank, error) {
	// The title's words, without the query syntax's own characters.
	q := strings.Join(strings.FieldsFunc(p.Title, func(c rune) bool { return strings.ContainsRune(`+-=&|><!(){}[]^"~*?:\/,.;`, c) }), " ")
	rank := Rank{Query: q, Path: p.Path}
	langs := []string{r.opts.Lang}
	if r.opts.Lang == "" {
		langs = nil
	}
	hits := func(ix *search.Index) ([]string, error) {
		res, err := ix.Search(ctx, search.Request{Query: q, Size: rankDepth, Langs: langs, Shown: r.opts.Lang})
		if err != nil {
			return nil, err
		}
		var paths []string
		for _, h := range res.Hits {
			paths = append(paths, strings.TrimPrefix(h.URL, "/"))
		}
		return paths, nil
	}
	before, err := hits(oldIx)
	if err != nil {
		return rank, fmt.Errorf("search %q in the old site: %w", q, err)
	}
	after, err := hits(newIx)
	if err != nil {
		return rank, fmt.Errorf("search %q in the new site: %w", q, err)
	}
	for i, h := range before {
		if h == p.Path {
			rank.Old = i + 1
		}
	}
	for i, h := range after {
		if h == p.Path {
			rank.New = i + 1
		}
	}
	in := map[string]bool{}
	for _, h := range after {
		in[h] = true
	}
	for _, h := range before {
		if !in[h] && h != p.Path {
			rank.Displaced = append(rank.Displaced, h)
		}
	}
	return rank, nil
}
