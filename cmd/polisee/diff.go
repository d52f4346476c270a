package main

import (
	"archive/tar"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
	"github.com/clusterpolisee/polisee/generator/sitediff"
)

const diffUsage = `usage: polisee diff [-link URL] OLD NEW
       polisee diff -git REF [-src content] [-new DIR] [-link URL]

Prints, as Markdown for a pull request, what a change does to the built
site: the pages added, removed and changed (with the fields, sections and
scores that changed), the scores of the compare matrix that move, and
where the changed pages rank in search for their titles.

OLD and NEW are two sites that polisee build wrote. With -git, polisee
builds the content as it is at REF (a commit, branch or tag of the Git
repository of the current folder) and as it is in the working tree, with
this polisee, and compares the two; -new keeps the working tree's site in
DIR (for a preview). -link makes the pages links: URL followed by each
page's path (e.g. the address of a preview).

Flags:
`

func runDiff(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("diff", stderr)
	fl.Usage = func() { fmt.Fprint(stderr, diffUsage); fl.PrintDefaults() }
	ref := fl.String("git", "", "compare the content at this Git commit, branch or tag with the working tree")
	var src source
	src.register(fl)
	keep := fl.String("new", "", "with -git: the folder to keep the working tree's site in (default: a temporary one)")
	link := fl.String("link", "", "address that page paths are appended to, to link them")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errReported
	}
	var oldDir, newDir string
	switch {
	case *ref != "" && fl.NArg() == 0:
		tmp, err := os.MkdirTemp("", "polisee-diff-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		oldDir, newDir = filepath.Join(tmp, "old"), filepath.Join(tmp, "new")
		if *keep != "" {
			newDir = *keep
		}
		if err := buildBoth(ctx, *ref, src, oldDir, newDir, filepath.Join(tmp, "src"), stderr); err != nil {
			return err
		}
	case *ref == "" && fl.NArg() == 2:
		oldDir, newDir = fl.Arg(0), fl.Arg(1)
	default:
		fmt.Fprint(stderr, "polisee diff: give two built sites (OLD NEW), or -git REF\n\n")
		fl.Usage()
		return errReported
	}
	opts := sitediff.Options{}
	if *link != "" {
		base := strings.TrimSuffix(*link, "/") + "/"
		opts.Link = func(p string) string { return base + p }
	}
	report, err := sitediff.Compare(ctx, oldDir, newDir, opts)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, report.Markdown())
	return err
}

// buildBoth builds the content as it is at ref into oldDir and as it is
// in the working tree into newDir. ref's content is taken out of Git into
// work.
func buildBoth(ctx context.Context, ref string, src source, oldDir, newDir, work string, stderr io.Writer) error {
	cfg, err := src.config()
	if err != nil {
		return err
	}
	if cfg.SrcDir == "" {
		return fmt.Errorf("diff -git: no content folder here; run it in a site's repository, or give -src")
	}
	rel, err := repoPath(ctx, cfg.SrcDir)
	if err != nil {
		return err
	}
	if err := gitExtract(ctx, ref, rel, work); err != nil {
		return err
	}
	oldCfg := cfg
	oldCfg.Src, oldCfg.SrcDir = model.DirFS(filepath.Join(work, filepath.FromSlash(rel))), filepath.Join(work, filepath.FromSlash(rel))
	for _, b := range []struct {
		cfg  generator.Config
		out  string
		what string
	}{{oldCfg, oldDir, "at " + ref}, {cfg, newDir, "in the working tree"}} {
		b.cfg.Out, b.cfg.Engine = b.out, browserEngine()
		if _, err := generator.Build(ctx, b.cfg); err != nil {
			if list, ok := diag.AsList(err); ok {
				printDiags(stderr, list)
				return fmt.Errorf("the content %s does not build", b.what)
			}
			return fmt.Errorf("build the content %s: %w", b.what, err)
		}
	}
	return nil
}

// repoPath is the content folder's path inside its Git repository.
func repoPath(ctx context.Context, dir string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--show-prefix").Output()
	if err != nil {
		return "", fmt.Errorf("diff -git: %s is not in a Git repository: %w", dir, gitErr(err))
	}
	return strings.TrimSuffix(strings.TrimSpace(string(out)), "/"), nil
}

// gitExtract writes the files of folder rel at ref into dir.
func gitExtract(ctx context.Context, ref, rel, dir string) error {
	if strings.HasPrefix(ref, "-") {
		return fmt.Errorf("diff -git: %q is not a commit, branch or tag", ref)
	}
	cmd := exec.CommandContext(ctx, "git", "archive", "--format=tar", ref+":"+rel)
	if rel == "" {
		cmd = exec.CommandContext(ctx, "git", "archive", "--format=tar", ref)
	}
	cmd.Dir = "."
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("diff -git: run git: %w", err)
	}
	extractErr := untar(pipe, filepath.Join(dir, filepath.FromSlash(rel)))
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("diff -git: git archive %s: %s", ref, strings.TrimSpace(stderr.String()))
	}
	return extractErr
}

// untar writes the regular files of a tar stream into dir; names that
// would leave dir are refused.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || name == ".." || strings.HasPrefix(name, "../") || path.IsAbs(name) {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, io.LimitReader(tr, 64<<20))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}

func gitErr(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return errors.New(strings.TrimSpace(string(ee.Stderr)))
	}
	return err
}
