package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileAsOS: writeFile leaves what os.WriteFile leaves: the bytes
// (a longer file before is cut to them, an empty one is made), the same
// permissions, and the same kind of error where the folder is missing.
func TestWriteFileAsOS(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789"), 100_000)
	for _, data := range [][]byte{[]byte("short"), big, {}} {
		ours, theirs := filepath.Join(dir, "ours"), filepath.Join(dir, "theirs")
		if err := writeFile(ours, big); err != nil { // something longer first
			t.Fatal(err)
		}
		if err := os.WriteFile(theirs, big, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := writeFile(ours, data); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(theirs, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(ours)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes written, %d read back (%v)", len(data), len(got), err)
		}
		a, _ := os.Stat(ours)
		b, _ := os.Stat(theirs)
		if a.Mode() != b.Mode() {
			t.Errorf("mode %v, os.WriteFile's %v", a.Mode(), b.Mode())
		}
	}
	missing := filepath.Join(dir, "no-such-folder", "x.html")
	err := writeFile(missing, []byte("x"))
	want := os.WriteFile(missing, []byte("x"), 0o644)
	var pe, wantPE *fs.PathError
	if !errors.As(err, &pe) || !errors.As(want, &wantPE) || pe.Path != wantPE.Path || pe.Op != wantPE.Op || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing folder: %v, os.WriteFile: %v", err, want)
	}
}
