package output

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// Brotli levels: BrotliBest for files compressed once and cached (it is
// slow: about a minute for the 16 MB search engine), BrotliFast for files
// compressed on every build (the search indexes tune theirs further: see
// PrecompressWith).
const (
	BrotliBest = brotli.BestCompression
	BrotliFast = 6
)

// Precompress returns the gzip and brotli forms of data, for static hosts
// that serve precompressed files. Both are deterministic: no file name or
// time goes into the gzip header.
func Precompress(data []byte, brotliLevel int) (gz, br []byte, err error) {
	return PrecompressWith(data, brotli.WriterOptions{Quality: brotliLevel})
}

// PrecompressWith is Precompress with brotli's window besides its level:
// LGWin is the base-2 logarithm of how far back brotli looks for a
// repeat (0: brotli's default, 22, 4 MB; at most 24). Files of more than
// 4 MB may repeat farther apart than that: a larger window can make a
// quicker level's output as small as a slower one's.
func PrecompressWith(data []byte, brotliOpts brotli.WriterOptions) (gz, br []byte, err error) {
	// The two run side by side: at 10,000 documents the two indexes are
	// 31 MB. gzip's best level takes three times as long as its default
	// on an index for 0.2% fewer bytes, so it is kept for the files
	// compressed once (BrotliBest).
	gzLevel := gzip.DefaultCompression
	if brotliOpts.Quality == BrotliBest {
		gzLevel = gzip.BestCompression
	}
	gzDone := make(chan error, 1)
	var g bytes.Buffer
	go func() {
		zw, err := gzip.NewWriterLevel(&g, gzLevel)
		if err == nil {
			_, err = zw.Write(data)
		}
		if err == nil {
			err = zw.Close()
		}
		gzDone <- err
	}()
	defer func() {
		if gerr := <-gzDone; err == nil && gerr != nil {
			gz, br, err = nil, nil, gerr
		} else if err == nil {
			gz = g.Bytes()
		}
	}()
	var b bytes.Buffer
	bw := brotli.NewWriterOptions(&b, brotliOpts)
	if _, err := bw.Write(data); err != nil {
		return nil, nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, nil, err
	}
	return nil, b.Bytes(), nil
}
