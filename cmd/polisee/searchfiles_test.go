package main

import (
	"encoding/json"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() { scriptCmds["searchfile"] = cmdSearchFile }

// searchfile DIR index|engine VAR sets VAR to the path of a site's search
// index or engine, whose names carry a hash of their content: DIR is the
// site's search folder, whose meta.json names them.
func cmdSearchFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: searchfile DIR index|engine VAR")
	}
	var meta struct {
		Index  string `json:"index"`
		Engine string `json:"engine"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(filepath.Join(args[0], "meta.json"))), &meta))
	name := map[string]string{"index": meta.Index, "engine": meta.Engine}[args[1]]
	if name == "" {
		ts.Fatalf("%s/meta.json names no %s", args[0], args[1])
	}
	ts.Setenv(args[2], filepath.Join(args[0], name))
}
