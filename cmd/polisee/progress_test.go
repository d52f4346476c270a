package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
)

// Off a terminal, a build prints one plain line per finished stage and
// nothing while a stage goes on; on a terminal, the stage under way is
// redrawn in place with a bar, and leaves a plain line when it is over.
func TestStageReporter(t *testing.T) {
	stages := []generator.Stage{
		{Name: "render", Total: 10000, Unit: "pages"},
		{Name: "render", Done: 3412, Total: 10000, Unit: "pages"},
		{Name: "render", Done: 10000, Total: 10000, Unit: "pages", Finished: true, Elapsed: 8100 * time.Millisecond},
	}
	var plain bytes.Buffer
	r := &stageReporter{w: &plain}
	for _, s := range stages {
		r.stage(s)
	}
	if got, want := plain.String(), "render: 10,000 pages in 8.1 s\n"; got != want {
		t.Errorf("off a terminal: %q; want %q", got, want)
	}
	var term bytes.Buffer
	r = &stageReporter{w: &term, terminal: true}
	r.stage(stages[1])
	if got, want := term.String(), "\r\033[Krender: 3,412 of 10,000 pages [##########....................]"; got != want {
		t.Errorf("on a terminal, under way: %q; want %q", got, want)
	}
	r.stage(stages[1]) // within redrawEvery: not drawn again
	r.stage(stages[2])
	if got, want := strings.TrimPrefix(term.String(), "\r\033[Krender: 3,412 of 10,000 pages [##########....................]"), "\r\033[Krender: 10,000 pages in 8.1 s\n"; got != want {
		t.Errorf("on a terminal, then over: %q; want %q", got, want)
	}
}

// Past the first 20 warnings, build sums up the rest by kind, most
// frequent first.
func TestPrintWarningsSumsUpTheRest(t *testing.T) {
	var list diag.List
	for i := range 30 {
		list.Warnf(fmt.Sprintf("content/practices/p%d.md", i), diag.Pos{Line: 5, Col: 1}, "this practice has no section %q; add it", "Evidence of success")
	}
	for i := range 3 {
		list.Warnf(fmt.Sprintf("content/pages/x%d.md", i), diag.Pos{Line: 9}, "the link to %q finds no page", fmt.Sprintf("/x/%d", i))
	}
	var out bytes.Buffer
	printWarnings(&out, list)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 20+3 {
		t.Fatalf("%d lines; want 20 warnings and 3 lines of summary:\n%s", len(lines), out.String())
	}
	for i, want := range []string{
		"... and 13 more warnings (polisee check lists them all):",
		`  10 x this practice has no section "…"; add it`,
		`  3 x the link to "…" finds no page`,
	} {
		if lines[20+i] != want {
			t.Errorf("summary line %d: %q; want %q", i, lines[20+i], want)
		}
	}
	out.Reset()
	printWarnings(&out, list[:20])
	if strings.Count(out.String(), "\n") != 20 || strings.Contains(out.String(), "more warning") {
		t.Errorf("20 warnings are all listed, with no summary:\n%s", out.String())
	}
}
