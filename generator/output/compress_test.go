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
	zw, _ := gzip.NewWriterLevel(&g, level)
	zw.Write(data)
	zw.Close()
	bw := brotli.NewWriterOptions(&b, o)
	bw.Write(data)
	if err := bw.Close(); err != nil {
		t.Fatal(err)
	}
	return g.Bytes(), b.Bytes()
}
