package benchkit

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"time"
)

// polisee's budgets for the search page.
const (
	BudgetFirstBrotli = 3 << 20 // bytes (brotli) before the first result
	BudgetP95         = 50 * time.Millisecond
)

// WriteDetails writes a tool's notes and the requests made before its
// first result, largest first.
func (r *SearchResult) WriteDetails(w io.Writer, tool string) {
	fmt.Fprintf(w, "%s:\n", tool)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	fmt.Fprintf(w, "  %d requests before the first result:\n", len(r.FirstRequests))
	for _, q := range largestFirst(r.FirstRequests) {
		enc := q.Encoding
		if enc == "" {
			enc = "identity"
		}
		fmt.Fprintf(w, "    %-48s %3d %10s raw %10s br  (sent %s)\n", q.Path, q.Status, KB(q.Raw), KB(q.Brotli), enc)
	}
}

func largestFirst(reqs []Request) []Request {
	out := slices.Clone(reqs)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Brotli > out[j].Brotli })
	return out
}

// WriteBudgets says, a line each, whether polisee's search (r) stays
// within its budgets and, when not, by how much and which file weighs
// most.
func (r *SearchResult) WriteBudgets(w io.Writer) {
	first := "met"
	if over := r.First.Brotli - BudgetFirstBrotli; over > 0 && len(r.FirstRequests) > 0 {
		top := largestFirst(r.FirstRequests)[0]
		first = fmt.Sprintf("MISSED by %s; largest: %s, %s br (%.0f%%)", MB(over), top.Path, MB(top.Brotli), 100*float64(top.Brotli)/float64(r.First.Brotli))
	}
	fmt.Fprintf(w, "  before the first result ≤ %s brotli: %s: %s\n", MB(BudgetFirstBrotli), MB(r.First.Brotli), first)
	p95 := r.P95()
	verdict := "met"
	if p95 > BudgetP95 {
		verdict = "MISSED by " + MS(p95-BudgetP95)
	}
	fmt.Fprintf(w, "  query p95 ≤ %s: %s: %s\n", MS(BudgetP95), MS(p95), verdict)
}
