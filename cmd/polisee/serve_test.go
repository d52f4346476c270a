package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeAddressInUse: serve on an address that another program holds
// says what to do, not only the system's "address already in use".
func TestServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	defer ln.Close()
	content := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "site.yaml"), []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	err = run(context.Background(), []string{"serve", "-src", content, "-addr", ln.Addr().String(), "-no-browser-search"}, &stdout, &stderr)
	want := "another program, perhaps another polisee serve, uses " + ln.Addr().String() + ": stop it, or give another port with -addr"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("serve on a busy address: got %v, want %q", err, want)
	}
}

// TestServeBadAddressBuildsNothing: an address serve cannot listen on is
// reported at once, before the site is built (a large site takes a while).
func TestServeBadAddressBuildsNothing(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "site.yaml"), []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"serve", "-src", content, "-addr", "bogus", "-no-browser-search"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "missing port in address") {
		t.Errorf("serve -addr bogus: got %v, want the address's error", err)
	}
	if strings.Contains(stderr.String(), "built") {
		t.Errorf("serve -addr bogus built the site first:\n%s", stderr.String())
	}
}
