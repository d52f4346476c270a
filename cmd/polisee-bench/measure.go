package main

import (
	"slices"
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
	return medianOf(runs, wall), nil
}

// medianOf returns the run with the median wall time, the later of the
// two middle ones for an even number; runs must not be empty.
func medianOf[T any](runs []T, wall func(T) time.Duration) T {
	runs = slices.Clone(runs)
	sort.SliceStable(runs, func(i, j int) bool { return wall(runs[i]) < wall(runs[j]) })
	return runs[len(runs)/2]
}
