package benchkit

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestWriteTargets(t *testing.T) {
	const ms = time.Millisecond
	r := &SearchResult{
		Engine: Size{Raw: 6 << 20, Brotli: 1200 << 10},
		FirstRequests: []Request{
			{Path: "/search/search.0123456789ab.wasm", Status: 200, Raw: 6 << 20, Brotli: 1200 << 10, Encoding: "br", Wire: 1200 << 10},
			{Path: "/search/index.0123456789ab.zap", Status: 200, Raw: 2 << 20, Brotli: 600 << 10, Encoding: "br", Wire: 600 << 10},
		},
		FirstResult: 700 * ms, WarmResult: 300 * ms,
		Latencies: []time.Duration{10 * ms, 20 * ms, 60 * ms},
	}
	peer := &SearchResult{FirstResult: 500 * ms, WarmResult: 400 * ms}
	var b bytes.Buffer
	r.WriteTargets(&b, peer, "Pagefind")
	got := b.String()
	for _, want := range []string{
		"engine ≤ 1.00 MB brotli: 1.17 MB: MISSED by 176.0 KB\n",
		"on the wire before the first result, cold, ≤ 1.50 MB: 1.76 MB: MISSED by 264.0 KB; largest: /search/search.0123456789ab.wasm, 1.17 MB (67%)\n",
		"query p95 ≤ 50 ms: 60 ms: MISSED by 10 ms\n",
		"first result, cold, no slower than Pagefind's: 700 ms against 500 ms: MISSED by 200 ms\n",
		"first result, warm, no slower than Pagefind's: 300 ms against 400 ms: met\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no line %q in\n%s", want, got)
		}
	}

	r.Engine.Brotli, r.FirstRequests = 900<<10, r.FirstRequests[1:]
	r.Latencies = r.Latencies[:2]
	b.Reset()
	r.WriteTargets(&b, nil, "Pagefind")
	if got := b.String(); strings.Count(got, ": met\n") != 3 || strings.Contains(got, "Pagefind") {
		t.Errorf("all targets met, no peer:\n%s", got)
	}
}
