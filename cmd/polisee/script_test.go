package main

import (
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the scripts' own commands, besides testscript's.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"replace": cmdReplace,
}

// replace FILE REGEXP TEXT [REGEXP TEXT ...] rewrites FILE, replacing every
// match of each regular expression (Go syntax; (?m) makes ^ and $ match at
// line ends) with TEXT, in which \n is a newline and $1 a group. Each
// expression must match: a script that fills in a file notices when the
// file no longer looks as expected.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! replace")
	}
	if len(args) < 3 || len(args)%2 != 1 {
		ts.Fatalf("usage: replace FILE REGEXP TEXT [REGEXP TEXT ...]")
	}
	text := ts.ReadFile(args[0])
	for i := 1; i < len(args); i += 2 {
		re, err := regexp.Compile(args[i])
		ts.Check(err)
		if !re.MatchString(text) {
			ts.Fatalf("replace: %q does not match in %s", args[i], args[0])
		}
		text = re.ReplaceAllString(text, strings.ReplaceAll(args[i+1], `\n`, "\n"))
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(text), 0o644))
}
