// Package model is the content model of a polisee site and the first two
// steps of the pipeline: load and validate.
//
// The model is declared once, as data: Types (schema.go) lists every
// content type with its folder, fields, their kinds and rules, the
// sections its body should have, and its Presentation: how the site shows
// it (menu, feed, open data, list order, groups, facets, related items,
// layouts). A site may declare types of its own in schema.yaml
// (declare.go), checked against SchemaFileFields; Load gives the site's
// Schema, built-in types first. That one declaration drives checking
// (validate.go), polisee new, polisee schema, the contributors' page and
// the generator, which names no content folder of its own.
//
// Load reads a content folder (site.yaml and TYPE/SLUG.md files with front
// matter, translations as SLUG.LANG.md) into Content: items decoded
// against their type (decode.go), with every problem reported as a
// diag.Diagnostic at its file, line and column, references between items
// resolved and checked, and translations paired with their originals
// (Localized gives the content as one language's pages show it).
//
// Front matter is YAML read by gopkg.in/yaml.v3, but for the plain subset
// nearly every content file is written in (names and one-line values,
// lists and mappings of them), which plainYAML (plainyaml.go) reads into
// the very nodes yaml.v3 would give, in about a third of its time on
// generated front matter (BenchmarkFrontMatterYAML); whatever it does
// not take, errors included, goes to yaml.v3.
package model
