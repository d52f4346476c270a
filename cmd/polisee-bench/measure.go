package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// usage is what one run of a build tool cost.
type usage struct {
	wall, cpu time.Duration
	peakRSS   int64 // bytes; 0 when unknown
}

// measure runs a command to completion and reports its wall time, its
// user+system CPU time and its peak resident set. Running the tool as a
// child process is what makes the peak RSS its own, not the harness's.
func measure(ctx context.Context, env []string, name string, args ...string) (usage, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return usage{}, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(stderr.String(), 20))
	}
	ps := cmd.ProcessState
	return usage{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), peakRSS: peakRSS(ps)}, nil
}

// medianRun runs fn n times after calling reset before each, and returns
// the run with the median wall time, so one slow outlier does not decide.
func medianRun(n int, reset func() error, fn func() (usage, error)) (usage, error) {
	var runs []usage
	for range n {
		if err := reset(); err != nil {
			return usage{}, err
		}
		u, err := fn()
		if err != nil {
			return usage{}, err
		}
		runs = append(runs, u)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].wall < runs[j].wall })
	return runs[len(runs)/2], nil
}

// treeStats counts the regular files under dir and their bytes.
func treeStats(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

func tail(s string, lines int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(l) > lines {
		l = l[len(l)-lines:]
	}
	return strings.Join(l, "\n")
}
