package main

// Same input, same output, as users run it: the polisee command builds
// the starter content from checkouts at different absolute paths, with
// different file times, locales (Greek and Turkish, whose case rules
// differ from English), time zones and GOMAXPROCS, and every byte of the
// output — search index, engine and offline archive included — must be
// the same. (generator/promises_test.go checks GOMAXPROCS, TZ and file
// times in-process.)

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestSameBytesAcrossCheckoutsAndLocales(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and the site several times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "polisee")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	starter := filepath.Join(root, "content")
	runs := []struct {
		name string
		dir  string // checkout folder, relative to dir
		env  []string
		time time.Time // file times of the checkout
	}{
		{"C, UTC", "a/content", []string{"LANG=C", "LC_ALL=C", "TZ=UTC", "GOMAXPROCS=2"}, time.Unix(1_600_000_000, 0)},
		{"el_GR.UTF-8, Asia/Tokyo, another path", "b/deeper/checkout/with space/content", []string{"LANG=el_GR.UTF-8", "LC_ALL=el_GR.UTF-8", "TZ=Asia/Tokyo", "GOMAXPROCS=1"}, time.Now()},
		{"tr_TR.UTF-8, America/St_Johns, another path", "c/ΚΑΤΆΛΟΓΟΣ/İi/content", []string{"LANG=tr_TR.UTF-8", "LC_ALL=tr_TR.UTF-8", "LC_CTYPE=tr_TR.UTF-8", "TZ=America/St_Johns", "GOMAXPROCS=4"}, time.Unix(0, 0)},
	}
	var first map[string][]byte
	var firstName string
	for _, r := range runs {
		src := filepath.Join(dir, filepath.FromSlash(r.dir))
		if err := os.CopyFS(src, os.DirFS(starter)); err != nil {
			t.Fatal(err)
		}
		filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				os.Chtimes(p, r.time, r.time)
			}
			return err
		})
		work := filepath.Dir(src)
		env := append(cleanEnv(), append(r.env, "POLISEE_SOURCE="+root)...)
		for _, args := range [][]string{
			{"build", "-src", "content", "-out", "public"},
			{"build", "-src", "content", "-offline", "-out", "offline", "-zip", "offline.zip"},
		} {
			cmd := exec.Command(bin, args...)
			cmd.Dir = work
			cmd.Env = env
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: polisee %s: %v\n%s", r.name, strings.Join(args, " "), err, out)
			}
		}
		files := map[string][]byte{}
		for _, out := range []string{"public", "offline"} {
			root := filepath.Join(work, out)
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(p)
				rel, _ := filepath.Rel(work, p)
				files[filepath.ToSlash(rel)] = data
				return err
			})
		}
		zip, err := os.ReadFile(filepath.Join(work, "offline.zip"))
		if err != nil {
			t.Fatal(err)
		}
		files["offline.zip"] = zip
		if !hasIndex(files) {
			t.Fatalf("%s: no search index", r.name)
		}
		if first == nil {
			first, firstName = files, r.name
			t.Logf("%s: %d files, manifest %s", r.name, len(files), manifestHash(files))
			continue
		}
		names, bytesDiffer := compareOutputs(first, files)
		t.Logf("%s: %d files, manifest %s; %d files and %d bytes differ from %s", r.name, len(files), manifestHash(files), len(names), bytesDiffer, firstName)
		if len(names) > 0 {
			t.Errorf("%s: differs from %s in %d files (%d bytes), e.g. %v", r.name, firstName, len(names), bytesDiffer, names[:min(5, len(names))])
		}
	}
}

// cleanEnv is the environment without locale and time zone settings.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "TZ" || k == "LANG" || k == "LANGUAGE" || strings.HasPrefix(k, "LC_") || k == "GOMAXPROCS" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// manifestHash is the SHA-256 of the sorted list of files and their
// SHA-256 hashes.
func manifestHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		h.Write([]byte(n + " " + hex.EncodeToString(sum[:]) + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// compareOutputs returns the files that differ and how many bytes do:
// differing positions, plus the lengths of missing or extra parts.
func compareOutputs(a, b map[string][]byte) ([]string, int) {
	var names []string
	total := 0
	for n, x := range a {
		y, ok := b[n]
		if !ok {
			names = append(names, n)
			total += len(x)
			continue
		}
		if bytes.Equal(x, y) {
			continue
		}
		names = append(names, n)
		for i := range min(len(x), len(y)) {
			if x[i] != y[i] {
				total++
			}
		}
		total += max(len(x), len(y)) - min(len(x), len(y))
	}
	for n, y := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
			total += len(y)
		}
	}
	sort.Strings(names)
	return names, total
}

// hasIndex reports whether a site's files hold its search index, named
// by its content (search/index.HASH.zap).
func hasIndex(files map[string][]byte) bool {
	for name := range files {
		if strings.HasPrefix(name, "public/search/index.") && strings.HasSuffix(name, ".zap") {
			return true
		}
	}
	return false
}
