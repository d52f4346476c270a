package cms

import (
	"embed"
	"io/fs"
	"path"
)

// The editors' guide's pictures of the web editor: the starter site in
// Sveltia CMS, taken by the browser test (browser_test.go) with
//
//	cd generator/cms && POLISEE_EDITOR_SHOTS=guide CI=true go test -run TestEditor .
//
// A site with an editor serves them at /admin/guide/NAME.webp, where its
// contributors' page shows them; CONTRIBUTING.md links them here.
//
//go:embed guide/*.webp
var guide embed.FS

// Shot is a picture of the editors' guide.
type Shot struct {
	Name string // file name in admin/guide/, e.g. new-practice.webp
	Data []byte
}

// GuideShots are the guide's pictures, sorted by name.
func GuideShots() []Shot {
	names, err := fs.Glob(guide, "guide/*.webp")
	if err != nil {
		panic(err) // the pattern is fixed
	}
	shots := make([]Shot, 0, len(names))
	for _, n := range names {
		data, err := guide.ReadFile(n)
		if err != nil {
			panic(err) // embedded
		}
		shots = append(shots, Shot{Name: path.Base(n), Data: data})
	}
	return shots
}
