// Package content embeds the starter knowledge base of the ClusterPoliSEE
// platform: the six thematic areas, the partner countries, their regions
// and organisations, good practices, policy profiles, pilots, learning
// mechanisms, documents and glossary. polisee builds it when no content
// folder is given and none exists in the working directory.
package content

import (
	"embed"
	"io/fs"
)

//go:embed site.yaml */*.md
var starter embed.FS

// Starter returns the starter content tree.
func Starter() fs.FS { return starter }
