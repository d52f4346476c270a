package benchkit

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/clusterpolisee/polisee/search"
)

func TestVocabulary(t *testing.T) {
	docs := []search.Document{
		{Body: "The cluster of Észak-Alföld financed vouchers, and the vouchers were evaluated."},
		{Body: "Innovation vouchers for ICT firms; über-cluster."},
	}
	got := Vocabulary(docs)
	want := []string{"cluster", "evaluated", "financed", "firms", "innovation", "vouchers"}
	if !slices.Equal(got, want) {
		t.Errorf("vocabulary = %q, want %q", got, want)
	}
}

func TestPickQueries(t *testing.T) {
	words := []string{"alpha", "bravo", "charlie", "delta", "echo"}
	cold, qs := PickQueries(words, 6, 1)
	cold2, qs2 := PickQueries(words, 6, 1)
	if cold != cold2 || !slices.Equal(qs, qs2) {
		t.Fatal("the same seed picked different queries")
	}
	if _, other := PickQueries(words, 6, 2); slices.Equal(qs, other) {
		t.Error("another seed picked the same queries")
	}
	for i, q := range qs {
		f := strings.Fields(q)
		if want := 1 + i%2; len(f) != want {
			t.Errorf("query %d %q has %d words, want %d", i, q, len(f), want)
		}
		if len(f) == 2 && f[0] == f[1] {
			t.Errorf("query %d %q repeats its word", i, q)
		}
	}
}

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 100; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {95, 95 * time.Millisecond}, {100, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := Percentile(s, c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if got := Percentile([]time.Duration{7}, 95); got != 7 {
		t.Errorf("p95 of one sample = %v", got)
	}
}

func TestAcceptsBrotli(t *testing.T) {
	for h, want := range map[string]bool{
		"gzip, deflate, br, zstd": true,
		"br;q=0.5":                true,
		"br;q=0":                  false,
		"br;q=0.0":                false,
		"gzip":                    false,
		"":                        false,
		"brotli":                  false,
	} {
		if got := acceptsBrotli(h); got != want {
			t.Errorf("acceptsBrotli(%q) = %v", h, got)
		}
	}
}

func TestServer(t *testing.T) {
	dir := t.TempDir()
	page := strings.Repeat("<p>cluster vouchers</p>\n", 200)
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("search/index.html", page)
	write("search/search.wasm", "raw wasm bytes")
	write("search/search.wasm.br", "br!")
	srv, err := Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	get := func(path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", accept) // set, so that Go's client does not ask for gzip itself
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}

	from := srv.Mark()
	resp, body := get("/search/?q=x", "gzip, br")
	if resp.Header.Get("Content-Encoding") != "br" {
		t.Fatalf("no brotli for a client that accepts it: %v", resp.Header)
	}
	plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
	if err != nil || string(plain) != page {
		t.Errorf("the brotli made on the fly does not decode to the page (%v)", err)
	}
	if _, body = get("/search/search.wasm", "br"); string(body) != "br!" {
		t.Errorf("search.wasm with br = %q, want the .br file beside it", body)
	}
	if resp, body = get("/search/search.wasm", "identity"); string(body) != "raw wasm bytes" || resp.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("search.wasm without br = %q, %s", body, resp.Header.Get("Content-Type"))
	}
	if resp, _ = get("/search", ""); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("a folder without its slash: status %d, want a redirect", resp.StatusCode)
	}
	get(MarkPath, "")
	if resp, _ = get("/missing.js", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a missing file: status %d", resp.StatusCode)
	}

	before := srv.Requests(from, true)
	want := []Request{
		{Path: "/search/", Status: 200, Raw: int64(len(page)), Brotli: before[0].Brotli, Encoding: "br"},
		{Path: "/search/search.wasm", Status: 200, Raw: 14, Brotli: 3, Encoding: "br"},
		{Path: "/search/search.wasm", Status: 200, Raw: 14, Brotli: 3},
	}
	if !slices.Equal(before, want) {
		t.Errorf("requests before the mark:\n%+v\nwant\n%+v", before, want)
	}
	if before[0].Brotli <= 0 || before[0].Brotli >= before[0].Raw {
		t.Errorf("the page's brotli size %d is not below its size %d", before[0].Brotli, before[0].Raw)
	}
	if all := srv.Requests(from, false); len(all) != 4 || all[3].Status != http.StatusNotFound {
		t.Errorf("all requests: %+v", all)
	}
}
