// Package bundle packs a built site into one zip archive that partners
// unzip and open from disk. The archive is deterministic: entries in
// sorted order, one fixed modification time, fixed permissions and the
// same compression, so the same site gives the same bytes.
package bundle

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"
)

// Options control what goes into the archive.
type Options struct {
	// Root is the folder every entry sits in, e.g.
	// clusterpolisee-offline-2026-11-27, so that unzipping makes one folder.
	Root string
	// Modified is the time written for every entry.
	Modified time.Time
	// Skip leaves out files (slash-separated paths relative to the site).
	Skip func(rel string) bool
}

// Write writes the site folder dir as a zip archive to w and returns the
// number of files written.
func Write(w io.Writer, dir string, opts Options) (int, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: symbolic links are not packed", p)
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if opts.Skip != nil && opts.Skip(rel) {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	modified := opts.Modified.UTC()
	for _, rel := range files {
		h := &zip.FileHeader{Name: path.Join(opts.Root, rel), Method: zip.Deflate, Modified: modified}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return 0, err
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(fw, f)
		f.Close()
		if err != nil {
			return 0, fmt.Errorf("pack %s: %w", rel, err)
		}
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return len(files), nil
}

// WriteFile writes the archive to name atomically: into a temporary file
// beside it, renamed into place only when complete.
func WriteFile(name, dir string, opts Options) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return 0, err
	}
	n, err := Write(tmp, dir, opts)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return 0, err
	}
	return n, nil
}
