package main

import (
	"context"
	"fmt"
	"io"

	"github.com/clusterpolisee/polisee/generator/model"
)

// runSchema prints the content schema, generated from the model that
// check uses, so it never drifts from what check accepts.
func runSchema(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("schema", stderr)
	format := "text"
	fl.Func("format", "text, markdown or json (default text)", func(s string) error {
		switch s {
		case "text", "markdown", "md", "json":
			format = s
			return nil
		}
		return fmt.Errorf("unknown format %q; use text, markdown or json", s)
	})
	if err := parse(fl, args); err != nil {
		return err
	}
	var out string
	switch format {
	case "markdown", "md":
		out = model.SchemaMarkdown()
	case "json":
		out = string(model.SchemaJSON())
	default:
		out = model.SchemaText()
	}
	_, err := io.WriteString(stdout, out)
	return err
}
