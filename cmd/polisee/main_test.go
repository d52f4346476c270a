package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"polisee": func() {
			if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
				if err != errReported {
					os.Stderr.WriteString("polisee: " + err.Error() + "\n")
				}
				os.Exit(1)
			}
		},
	})
}

// TestScripts runs the command as users do, from testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// build compiles the browser engine with the Go toolchain, from this
	// source tree, into the user's cache: the scripts' sandbox needs both.
	goEnv := map[string]string{}
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	for i, v := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		goEnv[[]string{"GOCACHE", "GOMODCACHE", "GOPATH"}[i]] = v
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: scriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("POLISEE_SOURCE", root)
			env.Setenv("XDG_CACHE_HOME", cache)
			for k, v := range goEnv {
				env.Setenv(k, v)
			}
			return nil
		},
	})
}
