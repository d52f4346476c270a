package output

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestPrecompressReusesWriters: files compressed one after another with
// the kept writers, of other sizes and settings in between, give the
// bytes that new writers give, and decompress to the file.
func TestPrecompressReusesWriters(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"cluster", "policy", "region", "innovation", "σύμπλεγμα", "export", "2014", "\x00\xff"}
	file := func(n int) []byte {
		var b bytes.Buffer
		for b.Len() < n {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(byte(rng.IntN(3)) + ' ')
		}
		return b.Bytes()
	}
	settings := []brotli.WriterOptions{{Quality: 5, LGWin: 10}, {Quality: 5, LGWin: 16}, {Quality: BrotliFast}, {Quality: 4, LGWin: 23}}
	for round := range 3 {
		for _, n := range []int{0, 1, 700, 40 << 10, 300 << 10, 5} {
			for _, o := range settings {
				data := file(n)
				gz, br, err := PrecompressWith(data, o)
				if err != nil {
					t.Fatal(err)
				}
				wantGz, wantBr := fresh(t, data, o)
				name := fmt.Sprintf("round %d, %d bytes, %+v", round, n, o)
				if !bytes.Equal(gz, wantGz) {
					t.Errorf("%s: gzip differs from a new writer's", name)
				}
				if !bytes.Equal(br, wantBr) {
					t.Errorf("%s: brotli differs from a new writer's", name)
				}
				if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, data) {
					t.Errorf("%s: brotli does not give the file back (%v)", name, err)
				}
				zr, err := gzip.NewReader(bytes.NewReader(gz))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, data) {
					t.Errorf("%s: gzip does not give the file back (%v)", name, err)
				}
			}
		}
	}
}

// fresh compresses data with new writers.
func fresh(t *testing.T, data []byte, o brotli.WriterOptions) (gz, br []byte) {
	t.Helper()
	var g, b bytes.Buffer
	level := GzipFast
	if o.Quality == BrotliBest {
		level = gzip.BestCompression
	}
	zw := newGzipWriter(level, &g)
	zw.Write(data)
	zw.Close()
	bw := brotli.NewWriterOptions(&b, o)
	bw.Write(data)
	if err := bw.Close(); err != nil {
		t.Fatal(err)
	}
	return g.Bytes(), b.Bytes()
}

// BenchmarkGzipFast compresses the same 64 KB, made like an index's part
// (words and varint-sized numbers), with the writer PrecompressWith uses
// for the files of every build and with the standard library's level 4,
// which it used before; it reports the bytes out.
//
//	go test ./generator/output -run XXX -bench GzipFast
func BenchmarkGzipFast(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"cluster", "policy", "region", "innovation", "σύμπλεγμα", "export", "transfer", "voucher"}
	var data []byte
	for len(data) < 64<<10 {
		data = append(data, words[rng.IntN(len(words))]...)
		for range rng.IntN(6) {
			data = append(data, byte(rng.IntN(40)))
		}
	}
	for _, w := range []struct {
		name string
		make func(io.Writer) gzipWriter
	}{
		{"fast", func(w io.Writer) gzipWriter { return newGzipWriter(GzipFast, w) }},
		{"standard-4", func(w io.Writer) gzipWriter { zw, _ := gzip.NewWriterLevel(w, 4); return zw }},
	} {
		b.Run(w.name, func(b *testing.B) {
			var out bytes.Buffer
			zw := w.make(&out)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				out.Reset()
				zw.Reset(&out)
				zw.Write(data)
				if err := zw.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len()), "bytes-out")
		})
	}
}
