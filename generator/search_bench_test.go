package generator_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/benchkit"
	"github.com/clusterpolisee/polisee/search"
)

// The query benchmarks time search.Index.Search natively on the index of
// the synthetic corpus, with the queries cmd/polisee-searchbench times in
// the browser (benchkit.PickQueries: half one word, half two, seed 1),
// 200 of them, each asked three times. They report the latency of one
// query at the median and the 95th percentile:
//
//	go test -bench SearchQueries -benchtime 1x -run '^$' ./generator
func BenchmarkSearchQueries1k(b *testing.B) { benchmarkSearchQueries(b, 1_000) }

func BenchmarkSearchQueries10k(b *testing.B) {
	if testing.Short() {
		b.Skip("10k corpus skipped with -short")
	}
	benchmarkSearchQueries(b, 10_000)
}

func benchmarkSearchQueries(b *testing.B, n int) {
	ctx := context.Background()
	docs, err := generator.SearchDocuments(ctx, benchCorpus(b, n))
	if err != nil {
		b.Fatal(err)
	}
	data, err := search.Build(ctx, docs, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ix, err := search.Open(data)
	if err != nil {
		b.Fatal(err)
	}
	_, queries := benchkit.PickQueries(benchkit.Vocabulary(docs), 200, 1)
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		times = times[:0]
		for range 3 {
			for _, q := range queries {
				start := time.Now()
				if _, err := ix.Search(ctx, search.Request{Query: q, Langs: []string{"en"}, Shown: "en", Size: 10}); err != nil {
					b.Fatalf("%q: %v", q, err)
				}
				times = append(times, time.Since(start))
			}
		}
	}
	slices.Sort(times)
	at := func(p float64) float64 { return float64(times[int(p*float64(len(times)-1))]) / 1e6 }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(float64(len(data))/(1<<20), "index-MB")
}
