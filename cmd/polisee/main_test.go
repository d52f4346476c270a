package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	os.Exit(testscript.RunMain(m, map[string]func() int{
		"polisee": func() int {
			if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
				if err != errReported {
					os.Stderr.WriteString("polisee: " + err.Error() + "\n")
				}
				return 1
			}
			return 0
		},
	}))
}

// TestScripts runs the command as users do, from testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
