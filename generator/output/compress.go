package output

import (
	"bytes"
	"compress/gzip"
	"io"
	"sync"

	"github.com/andybalholm/brotli"
	kgzip "github.com/klauspost/compress/gzip"
)

// Brotli levels: BrotliBest for files compressed once and cached (it is
// slow: about a minute for the 16 MB search engine), BrotliFast for files
// compressed on every build (the search indexes tune theirs further: see
// PrecompressWith).
const (
	BrotliBest = brotli.BestCompression
	BrotliFast = 6
)

// GzipFast is the gzip level of the files compressed on every build (see
// PrecompressWith), in github.com/klauspost/compress/gzip: its default,
// which on the 2,167 parts of a 10,000-document index (36.6 MB) took
// 0.25 s and gave 12.76 MB, where the standard library's level 4, used
// before, took 0.57 to 0.82 s for 12.69 MB (its level 6: 1.6 to 1.8 s,
// 12.43 MB). The files compressed once (BrotliBest) keep the standard
// library's best level.
const GzipFast = kgzip.DefaultCompression

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
	// 31 MB. gzip's best level is kept for the files compressed once
	// (BrotliBest). Files compressed on every build get GzipFast.
	// Browsers are sent the brotli files; the gzip ones are for the
	// hosts and clients without brotli.
	gzLevel := GzipFast
	if brotliOpts.Quality == BrotliBest {
		gzLevel = gzip.BestCompression
	}
	gzDone := make(chan error, 1)
	var g bytes.Buffer
	go func() {
		zw := gzipWriters.get(gzLevel, &g)
		_, err := zw.Write(data)
		if err == nil {
			err = zw.Close()
		}
		gzipWriters.put(gzLevel, zw)
		gzDone <- err
	}()
	defer func() {
		if gerr := <-gzDone; err == nil && gerr != nil {
			gz, br, err = nil, nil, gerr
		} else if err == nil {
			gz = g.Bytes()
		}
	}()
	br, err = Brotli(data, brotliOpts)
	return nil, br, err
}

// Compressors are kept for the next file, by their settings: a build
// compresses thousands of small files (the index's parts), and a new
// writer allocates its tables (about 1 MB for gzip, up to several for
// brotli) each time, which at 100,000 documents came to gigabytes for the
// collector. A writer reset for a new file gives the bytes a new one
// would (TestPrecompressReusesWriters).
var (
	gzipWriters   = writerPool[int, gzipWriter]{make: newGzipWriter}
	brotliWriters = writerPool[brotli.WriterOptions, *brotli.Writer]{make: func(o brotli.WriterOptions, w io.Writer) *brotli.Writer { return brotli.NewWriterOptions(w, o) }}
)

// gzipWriter is a gzip writer of either package: see newGzipWriter.
type gzipWriter interface {
	io.WriteCloser
	Reset(io.Writer)
}

// newGzipWriter is the standard library's writer at its best level (the
// files compressed once), klauspost/compress's at any other (GzipFast):
// several times quicker for output within 1% of the size.
func newGzipWriter(level int, w io.Writer) gzipWriter {
	if level == gzip.BestCompression {
		zw, _ := gzip.NewWriterLevel(w, level)
		return zw
	}
	zw, _ := kgzip.NewWriterLevel(w, level)
	return zw
}

// Brotli returns the brotli form of data, from a writer with those
// settings reused file after file (see brotliWriters).
func Brotli(data []byte, opts brotli.WriterOptions) ([]byte, error) {
	var b bytes.Buffer
	bw := brotliWriters.get(opts, &b)
	defer brotliWriters.put(opts, bw)
	if _, err := bw.Write(data); err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writerPool keeps idle writers by their settings.
type writerPool[K comparable, W interface{ Reset(io.Writer) }] struct {
	make  func(K, io.Writer) W
	pools sync.Map // K → *sync.Pool of W
}

func (p *writerPool[K, W]) pool(k K) *sync.Pool {
	if v, ok := p.pools.Load(k); ok {
		return v.(*sync.Pool)
	}
	v, _ := p.pools.LoadOrStore(k, new(sync.Pool))
	return v.(*sync.Pool)
}

// get is a writer with settings k that writes to w.
func (p *writerPool[K, W]) get(k K, w io.Writer) W {
	if zw, ok := p.pool(k).Get().(W); ok {
		zw.Reset(w)
		return zw
	}
	return p.make(k, w)
}

// put keeps a writer that is done with its file.
func (p *writerPool[K, W]) put(k K, zw W) {
	zw.Reset(nil)
	p.pool(k).Put(zw)
}
