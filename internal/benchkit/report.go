package benchkit

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"time"
)

// polisee's targets for its search page, set for 1,000 documents (MB is
// 2^20 bytes).
const (
	TargetEngineBrotli = 1 << 20 // the WebAssembly module, brotli
	TargetFirstWire    = 3 << 19 // 1.5 MB on the wire before the first result, cold
	BudgetP95          = 50 * time.Millisecond
)

// WriteDetails writes a tool's notes and the requests made before its
// first result, cold (largest first) and warm.
func (r *SearchResult) WriteDetails(w io.Writer, tool string) {
	fmt.Fprintf(w, "%s:\n", tool)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	fmt.Fprintf(w, "  %d requests before the first result, cold: %s, %s on the wire\n", len(r.FirstRequests), r.First, KB(r.FirstWire()))
	writeRequests(w, largestFirst(r.FirstRequests))
	if len(r.WarmRequests) > 0 {
		fmt.Fprintf(w, "  %d requests before the first result, warm: %s on the wire\n", len(r.WarmRequests), KB(r.WarmWire()))
		writeRequests(w, r.WarmRequests)
	}
}

func writeRequests(w io.Writer, reqs []Request) {
	for _, q := range reqs {
		enc := q.Encoding
		if enc == "" {
			enc = "identity"
		}
		if q.Status != 200 {
			enc = "nothing"
		}
		fmt.Fprintf(w, "    %-52s %3d %10s raw %10s br  %10s sent (%s)\n", q.Path, q.Status, KB(q.Raw), KB(q.Brotli), KB(q.Wire), enc)
	}
}

func largestFirst(reqs []Request) []Request {
	out := slices.Clone(reqs)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Wire > out[j].Wire })
	return out
}

// WriteTargets says, a line each, whether polisee's search (r) meets its
// targets and, when not, by how much: the engine's size, the bytes on the
// wire before the first result (and which file weighs most), the query
// p95 and, when peer (named peerName) was measured, the first result cold
// and warm no slower than the peer's.
func (r *SearchResult) WriteTargets(w io.Writer, peer *SearchResult, peerName string) {
	verdict := func(over int64, show func(int64) string) string {
		if over > 0 {
			return "MISSED by " + show(over)
		}
		return "met"
	}
	fmt.Fprintf(w, "  engine ≤ %s brotli: %s: %s\n", MB(TargetEngineBrotli), MB(r.Engine.Brotli), verdict(r.Engine.Brotli-TargetEngineBrotli, MB))
	wire := r.FirstWire()
	first := verdict(wire-TargetFirstWire, MB)
	if wire > TargetFirstWire && len(r.FirstRequests) > 0 {
		top := largestFirst(r.FirstRequests)[0]
		first += fmt.Sprintf("; largest: %s, %s (%.0f%%)", top.Path, MB(top.Wire), 100*float64(top.Wire)/float64(wire))
	}
	fmt.Fprintf(w, "  on the wire before the first result, cold, ≤ %s: %s: %s\n", MB(TargetFirstWire), MB(wire), first)
	p95 := r.P95()
	fmt.Fprintf(w, "  query p95 ≤ %s: %s: %s\n", MS(BudgetP95), MS(p95), verdict(int64(p95-BudgetP95), func(d int64) string { return MS(time.Duration(d)) }))
	if peer == nil {
		return
	}
	for _, c := range []struct {
		what       string
		mine, peer time.Duration
	}{{"cold", r.FirstResult, peer.FirstResult}, {"warm", r.WarmResult, peer.WarmResult}} {
		fmt.Fprintf(w, "  first result, %s, no slower than %s's: %s against %s: %s\n", c.what, peerName, MS(c.mine), MS(c.peer),
			verdict(int64(c.mine-c.peer), func(d int64) string { return MS(time.Duration(d)) }))
	}
}
