package generator

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/clusterpolisee/polisee/generator/model"
)

// parkFrontMatter sends every item's front matter to the bodies' file
// for the index stage, which reads none of it (the search documents are
// made before), and returns what gives it back for the pages: each
// item's bytes of it, read in place (model.Parked.Pack), not maps again.
// Decoded, the front matter is the largest part of the heap that stage
// holds (at 100,000 generated documents 452 of 678 MB, which come to 103
// MB of bytes), and the collector marks that heap through at each of its
// cycles, while the index stage makes most of the build's garbage.
// Parked, it is bytes in a file the collector never sees, and the
// collector is let run less often, for about the heap it let grow before
// (gcPercentFor): its cycles then mark about half as much. At 100,000
// generated documents, in a build beside one without it: 127.5 s against
// 140.7 s, 191.7 s of user CPU against 219.0 s, the same peak (1,864,620
// and 1,868,548 KiB); at 10,000, 8 to 13% less user CPU and a peak of
// 253 MB against 284 MB.
//
// The render then keeps the smaller heap, and the raised GOGC with it
// (b.lowerGC, which write calls once the pages are written): at 100,000
// generated documents 317 MB and 1.55 million objects were live halfway
// through the render, against 558 MB and 4.86 million with the front
// matter decoded, and the render took 25.9 s against 32.9 to 35.0 s
// (in-process builds, docs/measurements.md). At 10,000 the build's peak
// rose from 300-346 to 376-395 MB, within its soft memory limit.
//
// Only a build parks (it keeps its bodies on disk): polisee serve, which
// keeps the index's texts in memory and rebuilds it in the background
// while pages are served, does not. restore is called once, also after
// an error.
func (b *builder) parkFrontMatter() (restore func() error) {
	if b.store == nil || b.cfg.Preview {
		return func() error { return nil }
	}
	trees := b.trees
	if trees == nil {
		trees = []*builder{b}
	}
	var items []*model.Item
	for _, t := range trees {
		c := t.content
		items = append(items, c.Items...)
		items = append(items, c.Base().Items...)
		items = append(items, c.Translations...)
	}
	before := liveHeap()
	var pieces []storedText
	parked := model.ParkData(items, func(piece []byte) {
		pieces = append(pieces, b.store.putBytes(piece))
	})
	// A collection now lets the parked values go, and measures the heap
	// without them.
	runtime.GC()
	lower := raiseGC(before, liveHeap())
	if whileParked != nil {
		whileParked(items)
	}
	b.lowerGC = lower
	return func() error {
		s, err := b.store.getAll(pieces)
		if err == nil {
			err = parked.Pack(s)
		}
		return err
	}
}

// raiseGC sets GOGC for a heap that went from before to after bytes
// live (gcPercentFor), and returns what puts it back. GOGC is the
// process's: builds that run at once in one process raise it once, from
// what it was before the first, and the last one done puts that back.
func raiseGC(before, after uint64) (lower func()) {
	raisedGC.Lock()
	defer raisedGC.Unlock()
	if raisedGC.builds == 0 {
		raisedGC.was = debug.SetGCPercent(-1)
		debug.SetGCPercent(gcPercentFor(raisedGC.was, before, after))
	}
	raisedGC.builds++
	return func() {
		raisedGC.Lock()
		defer raisedGC.Unlock()
		if raisedGC.builds--; raisedGC.builds == 0 {
			debug.SetGCPercent(raisedGC.was)
		}
	}
}

var raisedGC struct {
	sync.Mutex
	builds int // parked now
	was    int // GOGC before the first of them
}

// whileParked, when set (by tests), is called with the items once their
// front matter is parked.
var whileParked func(items []*model.Item)

// gcPercentFor is the GOGC that gives the index stage about the heap
// limit gc gave it, now that its live heap is after bytes where it was
// before: the collector lets the heap grow by GOGC percent of what is
// live before it runs again, and what is live in the index stage is the
// heap it starts with and the stage's own working set (indexWorkingSet).
// It is gc itself when the collector is off (gc < 0) or the heap did not
// shrink, and at most four times gc. At 100,000 generated documents the
// live heap went from 678 to 226 MB as the index stage began, and GOGC
// from 100 to 400 (the most); at 10,000, from 61 to 26 MB, and GOGC to
// 177. (polisee build now starts from GOGC 150: cmd/polisee's
// buildGCPercent.)
func gcPercentFor(gc int, before, after uint64) int {
	if gc < 0 || after == 0 || after >= before {
		return gc
	}
	p := int(float64(before+indexWorkingSet)*float64(100+gc)/float64(after+indexWorkingSet)) - 100
	return min(max(p, gc), 4*gc)
}

// indexWorkingSet is about what the index stage holds besides the heap
// it starts with: a batch of documents analysed and made into segments
// (search.BuildSegments), and the parts being cut. Measured from the
// heap limits the collector set in the stage, its live heap was 30 to
// 40 MB above its start at 10,000 generated documents and about 70 MB
// at 100,000, when each batch became a segment of its own. The segments
// are now written in one pass, and the writers' postings grow through
// the stage to about 225 MB at 100,000 (25 MB at 10,000). By the
// figures above the stage gets GOGC 400 at 100,000, so once the writers
// hold more than about 130 MB the heap it lets grow passes the soft
// memory limit, which then decides when the collector runs (the build's
// peak went up 55 to 65 MB, within its 2 GB). Not measured again with a
// figure that counts the writers.
const indexWorkingSet = 64 << 20

// liveHeap is the bytes of the heap that the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
