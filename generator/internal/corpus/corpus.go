// Package corpus writes synthetic content trees for benchmarks: a site
// configuration, the six thematic areas, the eleven partner countries,
// real NUTS regions, about fifty organisations and any number of good
// practices and policy profiles with bodies of about 7 KB each.
//
// The text is invented filler, but every file is valid in polisee's content
// model: references resolve, regions sit in the countries they are listed
// with, practices have the five expected sections, and internal links point
// at pages that exist, so `polisee check` reports no error on it. The same
// seed always gives the same bytes, so timings taken on different days or
// machines measure the same work.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// ProfileShare is the fraction of the n documents written as policy
// profiles; the rest are good practices.
const ProfileShare = 0.2

// Write writes a content tree with n documents (practices and profiles)
// into dir, deterministically for seed. dir is created if needed and must
// be empty, so that no file of an earlier, larger corpus creeps in.
func Write(dir string, n int, seed int64) error {
	if n < 0 {
		return fmt.Errorf("corpus: negative document count %d", n)
	}
	if err := ensureEmpty(dir); err != nil {
		return err
	}
	c := newCorpus(n, seed)
	for _, f := range c.files() {
		if err := writeFile(dir, f); err != nil {
			return err
		}
	}
	return nil
}

// Counts returns how many practices and profiles Write makes for n.
func Counts(n int) (practices, profiles int) {
	profiles = int(float64(n) * ProfileShare)
	return n - profiles, profiles
}

func ensureEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("corpus: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("corpus: %s is not empty", dir)
	}
	return nil
}

// file is one content file: a slash-separated path and its bytes.
type file struct {
	path string
	data []byte
}

func writeFile(dir string, f file) error {
	p := filepath.Join(dir, filepath.FromSlash(f.path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := os.WriteFile(p, f.data, 0o644); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// corpus holds what the generators of the documents share: the fixed
// entities they refer to and the number of each kind of document.
type corpus struct {
	seed      int64
	practices int
	profiles  int
	orgs      []org
}

// Streams of random numbers: each document draws from its own stream,
// keyed by kind and index, so a document does not change when another
// one's generator changes.
const (
	streamOrgs uint64 = iota << 40
	streamPractice
	streamProfile
)

func newCorpus(n int, seed int64) *corpus {
	c := &corpus{seed: seed}
	c.practices, c.profiles = Counts(n)
	c.orgs = makeOrgs(c.rng(streamOrgs, 0))
	return c
}

func (c *corpus) rng(stream uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(c.seed), stream|uint64(i)))
}

// files lists every file of the tree, fixed entities first.
func (c *corpus) files() []file {
	files := []file{{"site.yaml", siteYAML()}}
	files = append(files, areaFiles()...)
	files = append(files, countryFiles()...)
	files = append(files, regionFiles()...)
	files = append(files, orgFiles(c.orgs)...)
	for i := 1; i <= c.practices; i++ {
		files = append(files, file{"practices/" + practiceSlug(i) + ".md", c.practice(i)})
	}
	for i := 1; i <= c.profiles; i++ {
		files = append(files, file{"profiles/" + profileSlug(i) + ".md", c.profile(i)})
	}
	return files
}

func siteYAML() []byte {
	var b bytes.Buffer
	b.WriteString("# Synthetic benchmark corpus written by generator/internal/corpus.\n")
	b.WriteString("title: ClusterPoliSEE benchmark\n")
	b.WriteString("description: Synthetic good practices and policy profiles for measuring build time.\n")
	b.WriteString("languages: [en]\n")
	return b.Bytes()
}

func practiceSlug(i int) string { return fmt.Sprintf("p-%05d", i) }
func profileSlug(i int) string  { return fmt.Sprintf("pr-%04d", i) }
