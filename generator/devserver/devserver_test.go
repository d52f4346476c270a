package devserver

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/search"
)

const sitePractice = `---
title: %s
summary: Short.
countries: [GR]
areas: [a]
level: local
status: identified
sources: [https://example.org]
---
## Description
Text.
`

func writeFile(t testing.TB, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func practice(title string) string { return strings.Replace(sitePractice, "%s", title, 1) }

// startServer writes a small site, builds it and serves it on 127.0.0.1:0.
func startServer(t testing.TB) (srv *Server, base string, dir string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "content")
	writeFile(t, dir, "site.yaml", "title: Preview\n")
	writeFile(t, dir, "areas/a.md", "---\ntitle: Area\nshort: A\n---\n")
	writeFile(t, dir, "countries/gr.md", "---\ntitle: Greece\niso2: GR\nnuts_prefix: EL\n---\n")
	writeFile(t, dir, "practices/p.md", practice("First title"))
	srv, base = serveDir(t, dir, t.Logf)
	return srv, base, dir
}

// serveDir previews the content folder dir on 127.0.0.1:0 until the test
// ends, and returns the server and its address.
func serveDir(t testing.TB, dir string, logf func(string, ...any)) (*Server, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	srv, err := New(ctx, Config{Build: generator.Config{Src: os.DirFS(dir), SrcRoot: "content", SrcDir: dir}, SrcDir: dir, Logf: logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ln, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return srv, "http://" + ln.Addr().String()
}

type sse struct {
	name, data string
}

// subscribe reads the event stream into a channel.
func subscribe(t testing.TB, base string) <-chan sse {
	t.Helper()
	resp, err := http.Get(base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	events := make(chan sse, 16)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		var e sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				events <- e
				e = sse{}
			}
		}
	}()
	return events
}

func next(t testing.TB, events <-chan sse, name string) sse {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", name)
			}
			if e.name == name {
				return e
			}
		case <-deadline:
			t.Fatalf("no %q event", name)
		}
	}
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestReloadOnChange(t *testing.T) {
	srv, base, dir := startServer(t)
	code, page := get(t, base+"/practices/p/")
	if code != 200 || !strings.Contains(page, "First title") {
		t.Fatalf("GET = %d %q", code, page)
	}
	if !strings.Contains(page, `<script src="/_polisee/reload.js"></script></body>`) {
		t.Error("the reload script was not added to the page")
	}
	onDisk, err := os.ReadFile(filepath.Join(srv.out, "practices", "p", "index.html"))
	if err != nil || strings.Contains(string(onDisk), "_polisee") {
		t.Errorf("the reload script reached the build output (%v)", err)
	}

	events := subscribe(t, base)
	next(t, events, "state")
	writeFile(t, dir, "practices/p.md", practice("Second title"))
	next(t, events, "reload")
	if _, page := get(t, base+"/practices/p/"); !strings.Contains(page, "Second title") {
		t.Error("the page did not change after the rebuild")
	}

	// A new folder is watched too.
	writeFile(t, dir, "glossary/term.md", "---\ntitle: A new term\nsummary: Meaning.\n---\n")
	next(t, events, "reload")
	if code, page := get(t, base+"/glossary/term/"); code != 200 || !strings.Contains(page, "A new term") {
		t.Errorf("the page of a new folder: %d", code)
	}
}

// TestSearchFollowsEdits checks that the search index served by the
// preview is built again after a change: a word added to a body is found
// once the "index" event has arrived.
func TestSearchFollowsEdits(t *testing.T) {
	_, base, dir := startServer(t)
	found := func(word string) int {
		t.Helper()
		code, data := get(t, base+"/search/index.zap")
		if code != 200 {
			t.Fatalf("GET /search/index.zap = %d", code)
		}
		ix, err := search.Open([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		res, err := ix.Search(context.Background(), search.Request{Query: word})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := found("quokka"); n != 0 {
		t.Fatalf("quokka found %d times before the edit", n)
	}
	events := subscribe(t, base)
	next(t, events, "state")
	writeFile(t, dir, "practices/p.md", practice("First title")+"\nA quokka visited the cluster.\n")
	next(t, events, "reload")
	next(t, events, "index")
	if n := found("quokka"); n != 1 {
		t.Errorf("quokka found %d times after the edit and the index event, want 1", n)
	}
}

func TestFailedRebuildKeepsLastGoodSite(t *testing.T) {
	_, base, dir := startServer(t)
	events := subscribe(t, base)
	next(t, events, "state")
	writeFile(t, dir, "practices/p.md", "---\ntitle: Broken\nlevel: nowhere\n---\n")
	e := next(t, events, "state")
	if !strings.Contains(e.data, `content/practices/p.md:1:1: missing required field \"summary\"`) ||
		!strings.Contains(e.data, `content/practices/p.md:3:8: unknown level \"nowhere\"`) {
		t.Errorf("state after a broken save: %s", e.data)
	}
	code, page := get(t, base+"/practices/p/")
	if code != 200 || !strings.Contains(page, "First title") {
		t.Errorf("the last good page is not served: %d", code)
	}
	_, script := get(t, base+scriptPath)
	if !strings.Contains(script, "polisee-errors") || strings.Contains(script, "innerHTML") {
		t.Error("the overlay script must show errors as text")
	}
	writeFile(t, dir, "practices/p.md", practice("Fixed title"))
	next(t, events, "reload")
	if _, page := get(t, base+"/practices/p/"); !strings.Contains(page, "Fixed title") {
		t.Error("the fixed page is not served")
	}
}

func TestSecurity(t *testing.T) {
	_, base, _ := startServer(t)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	for _, tc := range []struct {
		name, path, host, origin string
		want                     int
	}{
		{"page", "/practices/p/", "", "", 200},
		{"localhost", "/", "localhost:" + port, "", 200},
		{"other host (DNS rebinding)", "/", "evil.example:" + port, "", 403},
		{"other port", "/", "127.0.0.1:1", "", 403},
		{"foreign origin", "/", "", "http://evil.example", 403},
		{"own origin", "/", "", "http://localhost:" + port, 200},
		{"parent", "/../go.mod", "", "", 404},
		{"encoded parent", "/%2e%2e/%2e%2e/etc/passwd", "", "", 404},
		{"encoded slash", "/..%2f..%2fetc/passwd", "", "", 404},
		{"backslash", "/..%5c..%5cetc%5cpasswd", "", "", 404},
		{"absolute", "//etc/passwd", "", "", 404},
		{"dotfile", "/.polisee-output", "", "", 404},
		{"NUL", "/index.html%00", "", "", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			host := tc.host
			if host == "" {
				host = strings.TrimPrefix(base, "http://")
			}
			req := "GET " + tc.path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
			if tc.origin != "" {
				req += "Origin: " + tc.origin + "\r\n"
			}
			if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.want && !(tc.want == 404 && resp.StatusCode == 400) {
				t.Errorf("GET %s (Host %s): %d, want %d", tc.path, host, resp.StatusCode, tc.want)
			}
			if strings.Contains(string(body), "module ") || strings.Contains(string(body), "root:") {
				t.Errorf("GET %s served a file outside the site", tc.path)
			}
		})
	}
}

func TestPollingFallbackSeesChanges(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", "one")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan string, 8)
	go poll(ctx, []string{dir}, changes)
	time.Sleep(pollEvery + 100*time.Millisecond)
	writeFile(t, dir, "a.md", "two, longer")
	select {
	case p := <-changes:
		if filepath.Base(p) != "a.md" {
			t.Errorf("changed %s", p)
		}
	case <-time.After(5 * pollEvery):
		t.Fatal("the poller saw no change")
	}
}

// TestBurstIsOneRebuild: files saved together (a checkout, a "save all")
// give one rebuild and one reload, with every file in it.
func TestBurstIsOneRebuild(t *testing.T) {
	_, base, dir := startServer(t)
	events := subscribe(t, base)
	next(t, events, "state")
	// The promise is for saves less than settle apart; note the largest
	// gap, in case the machine stalled between two writes.
	var gap time.Duration
	last := time.Now()
	for i := range 20 {
		writeFile(t, dir, fmt.Sprintf("glossary/term-%d.md", i), fmt.Sprintf("---\ntitle: Term %d\nsummary: s\n---\n", i))
		gap = max(gap, time.Since(last))
		last = time.Now()
	}
	first := next(t, events, "reload")
	if code, page := get(t, base+"/glossary/"); code != 200 || !strings.Contains(page, "Term 0") || !strings.Contains(page, "Term 19") {
		t.Errorf("after the first reload the glossary lacks terms of the burst (%d)", code)
	}
	quiet := time.After(time.Second)
	for {
		select {
		case e := <-events:
			if e.name == "reload" {
				if gap >= settle {
					t.Logf("a second reload, after writes %v apart (more than the %v that count as one burst)", gap, settle)
					return
				}
				t.Fatalf("a second reload (%s after %s) for one burst of saves at most %v apart", e.data, first.data, gap)
			}
		case <-quiet:
			return
		}
	}
}

// TestFirstBuildFails: when the content does not build from the start,
// pages say so with the reload script (which shows the errors), and the
// site appears once the error is fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeFile(t, dir, "site.yaml", "title: Preview\n")
	writeFile(t, dir, "glossary/term.md", "---\ntitle: Term\nsummary: [not, text]\n---\n")
	_, base := serveDir(t, dir, t.Logf)

	code, page := get(t, base+"/glossary/term/")
	if code != http.StatusServiceUnavailable || !strings.Contains(page, `<script src="/_polisee/reload.js"></script>`) {
		t.Fatalf("before any good build: %d %q", code, page)
	}
	events := subscribe(t, base)
	if e := next(t, events, "state"); !strings.Contains(e.data, "content/glossary/term.md:3:10") {
		t.Errorf("the errors of the first build: %s", e.data)
	}
	writeFile(t, dir, "glossary/term.md", "---\ntitle: Term\nsummary: Fixed.\n---\n")
	next(t, events, "reload")
	if code, page := get(t, base+"/glossary/term/"); code != 200 || !strings.Contains(page, "Fixed.") {
		t.Errorf("after the fix: %d", code)
	}
}

// TestLanguagePagesServed: a multilingual site's pages in another language
// are served with the reload script, follow edits of the translation, and
// a missing page under a language's folder answers that language's 404.
func TestLanguagePagesServed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeFile(t, dir, "site.yaml", "title: Preview\nlanguages: [en, el]\n")
	writeFile(t, dir, "areas/a.md", "---\ntitle: Area\nshort: A\n---\n")
	writeFile(t, dir, "countries/gr.md", "---\ntitle: Greece\niso2: GR\nnuts_prefix: EL\n---\n")
	writeFile(t, dir, "practices/p.md", practice("First title"))
	writeFile(t, dir, "practices/p.el.md", "---\ntitle: Πρώτος τίτλος\nsummary: Περίληψη.\n---\nΚείμενο.\n")
	_, base := serveDir(t, dir, t.Logf)
	events := subscribe(t, base)
	next(t, events, "state")

	code, page := get(t, base+"/el/practices/p/")
	if code != 200 || !strings.Contains(page, "<h1>Πρώτος τίτλος</h1>") || !strings.Contains(page, scriptPath) {
		t.Fatalf("Greek page: %d, reload script %v\n%s", code, strings.Contains(page, scriptPath), page)
	}
	writeFile(t, dir, "practices/p.el.md", "---\ntitle: Δεύτερος τίτλος\nsummary: Περίληψη.\n---\nΚείμενο.\n")
	next(t, events, "reload")
	if _, page := get(t, base+"/el/practices/p/"); !strings.Contains(page, "<h1>Δεύτερος τίτλος</h1>") {
		t.Error("the Greek page does not follow the edit of its translation")
	}
	for _, c := range []struct{ path, lang string }{{"/el/no-such-page/", "el"}, {"/el/practices/nope/", "el"}, {"/no-such-page/", "en"}} {
		code, page := get(t, base+c.path)
		if code != 404 || !strings.Contains(page, `<html lang="`+c.lang+`">`) {
			t.Errorf("GET %s: %d, want 404 in %s", c.path, code, c.lang)
		}
	}
}
