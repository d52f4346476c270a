package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"

	"github.com/clusterpolisee/polisee/generator/devserver"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("serve", stderr)
	var src source
	src.register(fl)
	addr := fl.String("addr", "127.0.0.1:1313", "address to listen on; keep it on 127.0.0.1 unless others must see the preview")
	theme := fl.String("theme", "", "theme folder whose files replace those of the default theme (watched too)")
	drafts := fl.Bool("drafts", true, "include items marked draft: true")
	noBrowserSearch := fl.Bool("no-browser-search", false, "leave the browser search engine out")
	if err := parse(fl, args); err != nil {
		return err
	}
	cfg, err := src.config()
	if err != nil {
		return err
	}
	if cfg.SrcDir == "" {
		return errors.New("serve previews a content folder on disk: create ./content or give -src (the built-in starter content cannot change)")
	}
	cfg.Drafts = *drafts
	if *theme != "" {
		if info, err := os.Stat(*theme); err != nil || !info.IsDir() {
			return fmt.Errorf("theme folder %s: not found", *theme)
		}
		cfg.Theme, cfg.ThemeRoot = os.DirFS(*theme), *theme
	}
	setMemoryLimit(cfg.Src, serveMemoryBase, serveMemoryPerFile)
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	if !*noBrowserSearch {
		cfg.Engine = browserEngine()
	}
	// Listen before the first build, which may take a while, so that an
	// address that cannot be used is reported at once.
	ln, err := net.Listen("tcp", *addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w: another program, perhaps another polisee serve, uses %s: stop it, or give another port with -addr, e.g. -addr 127.0.0.1:1314", err, *addr)
	}
	if err != nil {
		return err
	}
	srv, err := devserver.New(ctx, devserver.Config{Build: cfg, SrcDir: cfg.SrcDir, ThemeDir: *theme, Logf: logf})
	if err != nil {
		ln.Close()
		return err
	}
	defer srv.Close()
	srv.Allow(ln.Addr())
	if !devserver.Loopback(ln.Addr()) {
		fmt.Fprintf(stderr, "warning: listening on %s, reachable from other machines; use -addr 127.0.0.1:1313 to keep the preview private\n", ln.Addr())
	}
	fmt.Fprintf(stdout, "previewing %s at http://%s/ (Ctrl+C to stop)\n", cfg.SrcRoot, ln.Addr())
	return srv.Serve(ctx, ln)
}
