package relevance

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Tool is one search tool's outcomes on the set, in the set's order.
type Tool struct {
	Name     string
	Outcomes []Outcome
}

// WriteFigures writes one table: a row for all queries, one for all but
// field filters (a query syntax only polisee has), and one per kind; for
// each tool its MRR, recall@10 and top-5.
func WriteFigures(w io.Writer, tools ...Tool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "queries\tn")
	for _, t := range tools {
		fmt.Fprintf(tw, "\t%s MRR\trecall@10\ttop-5", t.Name)
	}
	fmt.Fprintln(tw)
	row := func(label string, keep func(Query) bool) {
		n := 0
		var cells []string
		for _, t := range tools {
			f := Score(Filter(t.Outcomes, keep))
			n = f.N
			cells = append(cells, fmt.Sprintf("%.2f\t%.2f\t%.2f", f.MRR, f.Recall10, f.Top5))
		}
		if n == 0 {
			return
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", label, n, strings.Join(cells, "\t"))
	}
	row("all", func(Query) bool { return true })
	row("all but field", func(q Query) bool { return q.Kind != "field" })
	for _, k := range Kinds {
		row("  "+k, OfKind(k))
	}
	tw.Flush()
}

// WriteMisses lists the queries of a tool's outcomes without an expected
// page in the top 5: rank 6 to 10, or "-" when none is in the top 10,
// with the first three pages the tool gave.
func WriteMisses(w io.Writer, t Tool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	n := 0
	for _, o := range t.Outcomes {
		if o.Rank >= 1 && o.Rank <= 5 {
			continue
		}
		if n == 0 {
			fmt.Fprintln(tw, "rank\tlang\tkind\tquery\tfirst results")
		}
		n++
		rank := "-"
		if o.Rank > 0 {
			rank = fmt.Sprint(o.Rank)
		}
		first := o.Got[:min(3, len(o.Got))]
		got := strings.Join(first, " ")
		if len(first) == 0 {
			got = "(none)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", rank, o.Query.Lang, o.Query.Kind, o.Query.Query, got)
	}
	tw.Flush()
	if n == 0 {
		fmt.Fprintf(w, "%s: every query has an expected page in its top 5\n", t.Name)
	}
}
