// Command corpuswrite writes a synthetic content tree with package corpus:
//
//	corpuswrite [-n 1000] [-seed 1] DIR
//
// It exists because Go's internal rule lets only packages under generator/
// import generator/internal/corpus, and cmd/polisee-bench, which needs a
// corpus, is not one of them: polisee-bench builds and runs this command.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/clusterpolisee/polisee/generator/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of documents (practices and profiles)")
	seed := flag.Int64("seed", 1, "seed; the same seed writes the same bytes")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: corpuswrite [-n 1000] [-seed 1] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Write(flag.Arg(0), *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "corpuswrite:", err)
		os.Exit(1)
	}
}
