// Command textan builds every analyzer of package textan, with word lists
// given on the command line, and writes the terms of its last argument:
// TestWasmSize measures what the analyzers add to a js/wasm program.
package main

import (
	"os"
	"strings"

	"github.com/clusterpolisee/polisee/search/internal/textan"
)

func main() {
	if len(os.Args) < 3 {
		return
	}
	words := strings.Fields(os.Args[1])
	lists := textan.Lists{Stop: words, Articles: words}
	for _, name := range textan.Names() {
		a, err := textan.New(name, lists)
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		for _, t := range a.Analyze([]byte(os.Args[2])) {
			os.Stdout.Write(append(t.Term, '\n'))
		}
	}
}
