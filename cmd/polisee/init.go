package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// initsite is the new site that polisee init writes. Files whose names
// start with a dot are kept without it (gitignore, github/) so that they
// act on the new site only, not on this repository: initFileName puts the
// dot back.
//
//go:embed initsite
var initsite embed.FS

const initUsage = `usage: polisee init DIR

Writes a new site repository into DIR (created when missing; it must be
empty): content/ with site.yaml and one example of each content type, a
README.md for editors, .gitignore, and GitHub workflows that check pull
requests and publish the site on GitHub Pages with a pinned polisee release.
`

// versionMarker stands in the workflows for the polisee release they
// download: the release of the running polisee, or "" for a development
// build, which the editors' README says how to fill in.
const versionMarker = "__POLISEE_VERSION__"

// runInit writes a new site repository into an empty or missing folder.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("init", stderr)
	fl.Usage = func() { fmt.Fprint(stderr, initUsage) }
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errReported
	}
	if fl.NArg() != 1 {
		fmt.Fprintf(stderr, "polisee init: give the folder to write the new site into, e.g. polisee init my-site\n\n")
		fl.Usage()
		return errReported
	}
	dir := fl.Arg(0)
	release := releaseVersion(currentVersion().Version)
	files, err := initSite(dir, release)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (%d files): README.md for editors, content/, .gitignore, .github/workflows/\n", dir, files)
	if release == "" {
		fmt.Fprintf(stdout, "\nThis polisee is a development build, not a release: before you push, set POLISEE_VERSION\n"+
			"at the top of .github/workflows/check.yml and pages.yml to a polisee release\n"+
			"(see \"Updating polisee\" in %s).\n", filepath.Join(dir, "README.md"))
	} else {
		fmt.Fprintf(stdout, "The workflows check and publish the site with polisee %s.\n", release)
	}
	cd := dir
	if strings.ContainsAny(cd, " \t") {
		cd = `"` + cd + `"` // to paste into a shell as it is
	}
	fmt.Fprintf(stdout, "\nNext: cd %s, then polisee check, and polisee serve to preview the site.\n", cd)
	return nil
}

// initSite writes the new site into dir, which must be missing or empty,
// with the workflows pinned to release (a version such as 1.2.0, or ""
// for none). It returns the number of files written. It never overwrites
// a file: one that appears meanwhile is an error.
func initSite(dir, release string) (int, error) {
	if err := checkEmpty(dir); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("create folder %s: %w", dir, err)
	}
	n := 0
	err := fs.WalkDir(initsite, "initsite", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, "initsite"), "/")
		if rel == "" {
			return nil
		}
		target := filepath.Join(dir, filepath.FromSlash(initFileName(rel)))
		if d.IsDir() {
			if err := os.Mkdir(target, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("create folder %s: %w", target, err)
			}
			return nil
		}
		data, err := initsite.ReadFile(p)
		if err != nil {
			return err
		}
		if data, err = fillVersion(rel, data, release); err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists: polisee init never overwrites a file; give a new or empty folder", target)
			}
			return fmt.Errorf("write %s: %w", target, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", target, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", target, err)
		}
		n++
		return nil
	})
	return n, err
}

// checkEmpty refuses a dir that exists and is not an empty folder.
func checkEmpty(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("folder %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: give a new or empty folder for the site", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("folder %s: %w", dir, err)
	}
	if len(entries) > 0 {
		names := make([]string, 0, 3)
		for _, e := range entries[:min(3, len(entries))] {
			names = append(names, e.Name())
		}
		if len(entries) > 3 {
			names = append(names, "...")
		}
		return fmt.Errorf("folder %s is not empty (it holds %s): polisee init writes a new site only into a new or empty folder", dir, strings.Join(names, ", "))
	}
	return nil
}

// initFileName is the name in the new site of the template file rel.
func initFileName(rel string) string {
	switch {
	case rel == "gitignore":
		return ".gitignore"
	case rel == "github" || strings.HasPrefix(rel, "github/"):
		return "." + rel
	}
	return rel
}

// fillVersion puts the release into a workflow's POLISEE_VERSION.
func fillVersion(rel string, data []byte, release string) ([]byte, error) {
	if !strings.HasPrefix(rel, "github/workflows/") {
		return data, nil
	}
	s := string(data)
	if !strings.Contains(s, versionMarker) {
		return nil, fmt.Errorf("internal error: the template %s has no %s", rel, versionMarker)
	}
	return []byte(strings.ReplaceAll(s, versionMarker, release)), nil
}
