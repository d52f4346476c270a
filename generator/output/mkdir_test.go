package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestWriteFilesAtOnce: goroutines writing at once into the same new
// folders, and into folders below them, all succeed (a folder two of
// them make at once is made once), and every file is committed whole.
func TestWriteFilesAtOnce(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 40 {
				// Every goroutine writes into the same 10 folders,
				// some of them below others.
				name := fmt.Sprintf("f%d/sub%d/g%d-%d.html", i%5, i%2, g, i)
				if i%3 == 0 {
					name = fmt.Sprintf("f%d/g%d-%d.html", i%5, g, i)
				}
				if err := tx.WriteFile(name, []byte(name)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		n++
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err == nil && string(data) != filepath.ToSlash(rel) {
			t.Errorf("%s holds %q", rel, data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 8*40 {
		t.Errorf("%d files, want %d", n, 8*40)
	}
}
