package output

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// Brotli levels: BrotliBest for files compressed once and cached (it is
// slow: about a minute for the 16 MB search engine), BrotliFast for files
// compressed on every build.
const (
	BrotliBest = brotli.BestCompression
	BrotliFast = 6
)

// Precompress returns the gzip and brotli forms of data, for static hosts
// that serve precompressed files. Both are deterministic: no file name or
// time goes into the gzip header.
func Precompress(data []byte, brotliLevel int) (gz, br []byte, err error) {
	var g bytes.Buffer
	zw, err := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, brotliLevel)
	if _, err := bw.Write(data); err != nil {
		return nil, nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, nil, err
	}
	return g.Bytes(), b.Bytes(), nil
}
