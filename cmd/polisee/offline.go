package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/bundle"
)

// snapshotOf names the state of the content an offline copy holds: its
// last Git commit (with "+changes" when the folder has uncommitted edits)
// and that commit's date. Without Git the version is left out and the
// generator dates the copy by the newest date in the content, so the
// archive never depends on the clock.
func snapshotOf(ctx context.Context, srcDir string) *generator.Snapshot {
	dir := srcDir
	if dir == "" {
		dir = "content" // the starter content is built from this folder
		if _, err := os.Stat(dir); err != nil {
			return &generator.Snapshot{}
		}
	}
	git := func(args ...string) (string, bool) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err == nil
	}
	line, ok := git("log", "-1", "--format=%h %cs", "--", ".")
	if !ok || line == "" {
		return &generator.Snapshot{}
	}
	version, date, _ := strings.Cut(line, " ")
	if changes, ok := git("status", "--porcelain", "--", "."); ok && changes != "" {
		version += "+changes"
	}
	return &generator.Snapshot{Date: date, Version: version}
}

// writeArchive packs the offline site into NAME-offline-DATE.zip, or
// NAME-offline.zip when nothing dates the content.
func writeArchive(stdout io.Writer, site *generator.Site, dir, name string) error {
	date := site.Snapshot.Date
	modified, err := time.Parse("2006-01-02", date)
	if err != nil {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	root := slug(site.Content.Site.Title) + "-offline"
	if date != "" {
		root += "-" + date
	}
	if name == "" {
		name = root + ".zip"
	}
	n, err := bundle.WriteFile(name, dir, bundle.Options{Root: root, Modified: modified, Skip: generator.OnlineOnly})
	if err != nil {
		return fmt.Errorf("offline archive %s: %w", name, err)
	}
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d files, %.1f MB; unzip it and open %s\n", name, n, float64(info.Size())/1e6, filepath.Join(root, "index.html"))
	return nil
}

// slug makes a file name from the site title.
func slug(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "site"
}
