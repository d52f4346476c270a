package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clusterpolisee/polisee/generator/model"
)

// runSchema prints the content schema, generated from the model that
// check uses, so it never drifts from what check accepts.
func runSchema(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("schema", stderr)
	srcDir := fl.String("src", "content", "content folder whose "+model.SchemaFile+", if any, declares more types")
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
	schema, err := siteSchema(*srcDir, stderr)
	if err != nil {
		return err
	}
	var out string
	switch format {
	case "markdown", "md":
		out = schema.Markdown()
	case "json":
		out = string(schema.JSON())
	default:
		out = schema.Text()
	}
	_, err = io.WriteString(stdout, out)
	return err
}

// siteSchema is the schema of the content folder dir: the built-in types,
// and those of its schema.yaml. A missing folder gives the built-in ones;
// a schema.yaml with errors is reported, and nothing else done.
func siteSchema(dir string, stderr io.Writer) (*model.Schema, error) {
	if _, err := os.Stat(dir); err != nil {
		return model.Builtin, nil
	}
	schema, diags := model.ReadSchema(os.DirFS(dir), model.Options{Root: filepath.ToSlash(dir)})
	if diags.HasErrors() {
		for _, d := range diags {
			fmt.Fprintln(stderr, d)
		}
		return nil, errReported
	}
	return schema, nil
}
