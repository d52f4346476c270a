// Package readmostly holds Map, a map from strings that many goroutines
// read at once and add to seldom: the names a build's front matter
// repeats, what the analyzers' filters make of the words it indexes.
//
// A lookup of a key added a while ago takes no lock: it reads a map that
// no one changes once it is published (Frozen). Keys added since wait in
// a small map behind a mutex, until a new published map takes them in,
// once they are a quarter as many as the published ones (at least 256):
// so the copies come to about five times the keys in all, and a lookup
// of a key new to the map takes the lock for a while only. A read-write
// lock, or a sync.Mutex per shard, had every lookup write to memory the
// two cores of a build took from each other: at 100,000 documents a
// memo of English stems spent 1.7 s of CPU in its read locks (before
// this map; that memo has since given way to the analyzers' memo of
// whole filter chains, which uses this map), and behind 16 mutexes
// the front matter's names had the load's goroutines wait 0.36 s in all
// (the mutex profile of a 2.1 s load of 10,000 generated documents;
// 0.02 and 0.27 s in two loads with this map, cut in 16 too).
package readmostly

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Map maps strings to values of type V. Its zero value is empty and
// ready; it may be used by several goroutines at once. A value, once
// added for a key, is the key's for good: Add keeps the first.
type Map[V any] struct {
	frozen atomic.Pointer[map[string]V]
	mu     sync.Mutex
	recent map[string]V
	n      atomic.Int64
}

// minRecent is the fewest recent keys that make a new frozen map.
const minRecent = 256

// Frozen is the published map, nil before the first: read-only. Looking
// keys up in it directly (frozen[string(b)]) makes no string of a byte
// slice; a key it lacks may be in the map still (Get).
func (m *Map[V]) Frozen() map[string]V {
	if p := m.frozen.Load(); p != nil {
		return *p
	}
	return nil
}

// Get returns the value added for key.
func (m *Map[V]) Get(key string) (V, bool) {
	if v, ok := m.Frozen()[key]; ok {
		return v, true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.recent[key]; ok {
		return v, true
	}
	// Published since the first look.
	v, ok := m.Frozen()[key]
	return v, ok
}

// Add adds v for key, unless the map has a value for key already, and
// returns the key's value: v, or the one added before.
func (m *Map[V]) Add(key string, v V) V {
	m.mu.Lock()
	defer m.mu.Unlock()
	frozen := m.Frozen()
	if kept, ok := frozen[key]; ok {
		return kept
	}
	if kept, ok := m.recent[key]; ok {
		return kept
	}
	if m.recent == nil {
		m.recent = map[string]V{}
	}
	m.recent[key] = v
	m.n.Add(1)
	if len(m.recent) >= max(minRecent, len(frozen)/4) {
		next := make(map[string]V, len(frozen)+len(m.recent))
		maps.Copy(next, frozen)
		maps.Copy(next, m.recent)
		m.frozen.Store(&next)
		m.recent = nil
	}
	return v
}

// Len is the number of keys added.
func (m *Map[V]) Len() int { return int(m.n.Load()) }
