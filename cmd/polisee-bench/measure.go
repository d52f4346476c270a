package main

import (
	"sort"
	"time"
)

// medianRun runs fn n times and returns the run with the median wall
// time, so that one slow outlier does not decide. fn starts from a clean
// output folder each time.
func medianRun[T any](n int, wall func(T) time.Duration, fn func() (T, error)) (T, error) {
	var runs []T
	for range n {
		r, err := fn()
		if err != nil {
			var zero T
			return zero, err
		}
		runs = append(runs, r)
	}
	sort.SliceStable(runs, func(i, j int) bool { return wall(runs[i]) < wall(runs[j]) })
	return runs[len(runs)/2], nil
}
