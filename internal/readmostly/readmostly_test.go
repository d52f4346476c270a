package readmostly

import (
	"fmt"
	"sync"
	"testing"
)

// TestMap: keys added from several goroutines at once each keep the
// first value added, every goroutine reads that value, past 256 keys a
// frozen map is published, and every key is in it or among the recent
// ones, once.
func TestMap(t *testing.T) {
	var m Map[string]
	const keys, goroutines = 1000, 4
	var wg sync.WaitGroup
	got := make([][]string, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for round := range 3 {
				for k := range keys {
					key := fmt.Sprint("key", k)
					v := m.Add(key, fmt.Sprint(g, "/", round))
					if again, ok := m.Get(key); !ok || again != v {
						t.Errorf("Get(%q) = %q, %v after Add gave %q", key, again, ok, v)
					}
					if round == 2 {
						got[g] = append(got[g], v)
					}
				}
			}
		})
	}
	wg.Wait()
	for g := 1; g < goroutines; g++ {
		for k := range keys {
			if got[g][k] != got[0][k] {
				t.Fatalf("key%d: goroutine %d reads %q, goroutine 0 %q", k, g, got[g][k], got[0][k])
			}
		}
	}
	if m.Len() != keys {
		t.Errorf("Len %d, want %d", m.Len(), keys)
	}
	frozen := m.Frozen()
	if len(frozen) < minRecent {
		t.Fatalf("%d keys frozen of %d", len(frozen), keys)
	}
	if len(frozen)+len(m.recent) != keys {
		t.Errorf("%d frozen + %d recent, want %d keys", len(frozen), len(m.recent), keys)
	}
	for k := range m.recent {
		if _, twice := frozen[k]; twice {
			t.Errorf("%q both frozen and recent", k)
		}
	}
	if _, ok := m.Get("absent"); ok {
		t.Error("a key never added was found")
	}
}

// TestZeroMap: an empty map finds nothing and has no frozen map.
func TestZeroMap(t *testing.T) {
	var m Map[int]
	if _, ok := m.Get("x"); ok || m.Frozen() != nil || m.Len() != 0 {
		t.Error("the zero Map is not empty")
	}
	if v := m.Add("x", 1); v != 1 {
		t.Errorf("Add gave %d", v)
	}
	if v := m.Add("x", 2); v != 1 {
		t.Errorf("a second Add gave %d, want the first value", v)
	}
}

// BenchmarkGet reads keys from two goroutines at once, as a build's
// load does with its names.
func BenchmarkGet(b *testing.B) {
	var m Map[string]
	keys := make([]string, 2000)
	for i := range keys {
		keys[i] = fmt.Sprint("name", i)
		m.Add(keys[i], keys[i])
	}
	b.SetParallelism(1)
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Get(keys[i%len(keys)])
			i++
		}
	})
}
