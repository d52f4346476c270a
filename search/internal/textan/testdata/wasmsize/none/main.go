// Command none is the baseline of TestWasmSize: it reads its arguments and
// writes them back, as the two others do with their analyzers' terms.
package main

import "os"

func main() {
	for _, arg := range os.Args[1:] {
		os.Stdout.WriteString(arg + "\n")
	}
}
