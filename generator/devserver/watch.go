package devserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the watcher waits after a change for more changes:
// an editor's save, or a git checkout, is one rebuild.
const settle = 25 * time.Millisecond

// pollEvery is the interval of the fallback watcher.
const pollEvery = 500 * time.Millisecond

// Watch rebuilds the site whenever files under the watched folders change,
// until ctx ends. It uses fsnotify, adding new folders as they appear;
// when the system's limit on watches is reached it falls back to polling.
func (s *Server) Watch(ctx context.Context) error {
	changes, stop, err := s.startWatching(ctx)
	if err != nil {
		return err
	}
	defer stop()
	return s.rebuildOnChanges(ctx, changes)
}

// startWatching sets the watches up and returns the changes they see;
// a change made after it returns is seen.
func (s *Server) startWatching(ctx context.Context) (<-chan string, func(), error) {
	dirs := s.watchedDirs()
	changes := make(chan string, 256)
	w, err := fsnotify.NewWatcher()
	if err == nil {
		err = addTree(w, dirs)
		if err != nil {
			w.Close()
		}
	}
	if err != nil {
		if !tooManyWatches(err) {
			return nil, nil, err
		}
		s.cfg.Logf("cannot watch for changes (%v): checking for changes every %v instead", err, pollEvery)
		go poll(ctx, dirs, changes)
		return changes, func() {}, nil
	}
	go forward(ctx, w, changes, s.cfg.Logf)
	return changes, func() { w.Close() }, nil
}

func (s *Server) watchedDirs() []string {
	var dirs []string
	for _, d := range []string{s.cfg.SrcDir, s.cfg.ThemeDir} {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

func tooManyWatches(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, fsnotify.ErrClosed) ||
		strings.Contains(err.Error(), "no space left on device") || strings.Contains(err.Error(), "too many open files")
}

// addTree watches every folder below dirs (fsnotify is not recursive).
func addTree(w *fsnotify.Watcher, dirs []string) error {
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != dir {
					return fs.SkipDir
				}
				return w.Add(p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// forward passes fsnotify's events on as changed paths, and watches new
// folders.
func forward(ctx context.Context, w *fsnotify.Watcher, changes chan<- string, logf func(string, ...any)) {
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			logf("watching: %v", err)
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					_ = addTree(w, []string{ev.Name})
				}
			}
			select {
			case changes <- ev.Name:
			case <-ctx.Done():
				return
			}
		}
	}
}

// poll compares file sizes and times every pollEvery.
func poll(ctx context.Context, dirs []string, changes chan<- string) {
	snapshot := func() map[string]string {
		m := map[string]string{}
		for _, dir := range dirs {
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				if info, err := d.Info(); err == nil {
					m[p] = fmt.Sprint(info.ModTime().UnixNano(), info.Size())
				}
				return nil
			})
		}
		return m
	}
	last := snapshot()
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			now := snapshot()
			var changed []string
			for p, v := range now {
				if last[p] != v {
					changed = append(changed, p)
				}
			}
			for p := range last {
				if _, ok := now[p]; !ok {
					changed = append(changed, p)
				}
			}
			sort.Strings(changed)
			for _, p := range changed {
				select {
				case changes <- p:
				case <-ctx.Done():
					return
				}
			}
			last = now
		}
	}
}

// rebuildOnChanges gathers changes that arrive close together into one
// rebuild.
func (s *Server) rebuildOnChanges(ctx context.Context, changes <-chan string) error {
	for {
		var batch []string
		select {
		case <-ctx.Done():
			return nil
		case p := <-changes:
			batch = append(batch, p)
		}
		timer := time.NewTimer(settle)
	gather:
		for {
			select {
			case p := <-changes:
				batch = append(batch, p)
				if !timer.Stop() {
					<-timer.C
				}
				timer.Reset(settle)
			case <-timer.C:
				break gather
			case <-ctx.Done():
				timer.Stop()
				return nil
			}
		}
		if err := s.Rebuild(ctx, batch); err != nil && ctx.Err() != nil {
			return nil
		}
	}
}
