package generator

import (
	"sync"
	"sync/atomic"
	"time"
)

// Stage is a step of a build as Config.Progress hears of it: the
// pipeline's steps in order, "load" (read and check the content, parse
// the bodies), "relate", "index", "render" and "write" (commit the output
// folder). A stage is reported as it goes, with Done of Total units, and
// once more when it is over, Finished, with the time it took.
type Stage struct {
	Name        string
	Done, Total int    // Total is 0 when not known in advance
	Unit        string // items, documents, pages, files
	Finished    bool
	Elapsed     time.Duration // set when Finished
}

// progress reports the stages of one build to Config.Progress; its zero
// value, and one without a function, report nothing.
type progress struct {
	report func(Stage)
	mu     sync.Mutex
	start  time.Time
	name   string
	unit   string
	total  int
	done   atomic.Int64
}

// begin starts a stage.
func (p *progress) begin(name, unit string, total int) {
	if p == nil || p.report == nil {
		return
	}
	p.mu.Lock()
	p.name, p.unit, p.total, p.start = name, unit, total, time.Now()
	p.done.Store(0)
	p.mu.Unlock()
	p.report(Stage{Name: name, Total: total, Unit: unit})
}

// step counts one unit of the current stage; it may be called from
// several goroutines at once.
func (p *progress) step() {
	if p == nil || p.report == nil {
		return
	}
	n := int(p.done.Add(1))
	p.mu.Lock()
	defer p.mu.Unlock()
	p.report(Stage{Name: p.name, Done: n, Total: p.total, Unit: p.unit})
}

// end finishes the current stage with done units.
func (p *progress) end(done int) {
	if p == nil || p.report == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.report(Stage{Name: p.name, Done: done, Total: p.total, Unit: p.unit, Finished: true, Elapsed: time.Since(p.start)})
}
