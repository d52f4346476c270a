package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
)

// stageReporter shows a build's stages on stderr. On a terminal, the
// stage under way is one line redrawn in place, with a bar when its size
// is known, and each stage leaves a line when it is over; elsewhere (CI,
// a pipe, a file) only the finished stages are printed, one plain line
// each.
type stageReporter struct {
	w        io.Writer
	terminal bool
	mu       sync.Mutex
	drawn    time.Time // when the live line was last drawn
	live     bool      // a live line is on screen
}

func newStageReporter(w io.Writer) *stageReporter {
	return &stageReporter{w: w, terminal: isTerminal(w)}
}

// isTerminal reports whether w is a terminal that can redraw a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" || os.Getenv("CI") != "" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// redrawEvery bounds how often the live line is redrawn.
const redrawEvery = 100 * time.Millisecond

func (r *stageReporter) stage(s generator.Stage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.Finished {
		if r.live {
			fmt.Fprint(r.w, "\r\033[K")
			r.live = false
		}
		fmt.Fprintf(r.w, "%-7s %s %s in %s\n", s.Name+":", count(s.Done), s.Unit, seconds(s.Elapsed))
		return
	}
	if !r.terminal || time.Since(r.drawn) < redrawEvery {
		return
	}
	r.drawn = time.Now()
	r.live = true
	line := fmt.Sprintf("%-7s %s %s", s.Name+":", count(s.Done), s.Unit)
	if s.Total > 0 {
		line = fmt.Sprintf("%-7s %s of %s %s %s", s.Name+":", count(s.Done), count(s.Total), s.Unit, bar(s.Done, s.Total, 30))
	}
	fmt.Fprint(r.w, "\r\033[K"+line)
}

// bar draws done of total as width cells.
func bar(done, total, width int) string {
	full := min(width, done*width/max(total, 1))
	return "[" + strings.Repeat("#", full) + strings.Repeat(".", width-full) + "]"
}

// count writes n with thousands separated: 10,000.
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// maxListedWarnings is how many warnings build prints before it sums up
// the rest by kind; check lists them all.
const maxListedWarnings = 20

// printWarnings prints a build's warnings: the first maxListedWarnings,
// then the others counted by kind (their message without what is quoted
// in it or numbered), most frequent first.
func printWarnings(w io.Writer, list diag.List) {
	if len(list) <= maxListedWarnings {
		printDiags(w, list)
		return
	}
	printDiags(w, list[:maxListedWarnings])
	rest := list[maxListedWarnings:]
	counts := map[string]int{}
	for _, d := range rest {
		counts[warningKind(d.Msg)]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if counts[kinds[i]] != counts[kinds[j]] {
			return counts[kinds[i]] > counts[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	fmt.Fprintf(w, "... and %s more warning%s (polisee check lists them all):\n", count(len(rest)), plural(len(rest)))
	for _, k := range kinds {
		fmt.Fprintf(w, "  %s x %s\n", count(counts[k]), k)
	}
}

var (
	quoted = regexp.MustCompile(`"[^"]*"|“[^”]*”`)
	number = regexp.MustCompile(`[0-9]+`)
)

// warningKind is a warning's message with the quoted names and the
// numbers that differ from file to file replaced by "…" and N.
func warningKind(msg string) string {
	return number.ReplaceAllString(quoted.ReplaceAllString(msg, `"…"`), "N")
}
