// Package workers runs independent pieces of a build on all cores.
package workers

import (
	"runtime"
	"sync"
)

// Each calls fn(i) for i in [0, n) on up to GOMAXPROCS goroutines and
// waits for all of them. Results must go to per-index slots so that the
// outcome does not depend on scheduling.
func Each(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
