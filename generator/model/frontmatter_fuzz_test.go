package model

import (
	"bytes"
	"testing"
)

// FuzzFrontMatter splits and parses arbitrary files: the body is the
// rest of the file after the front matter, its line number counts the
// lines before it, the raw front matter lies before the body, and a
// parse error points at a line of the file.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\n---\nbody\n", "+++\ntitle = \"T\"\n+++\nbody", ";;;\n{\"title\": \"T\"}\n;;;\n", "---json\n{\"a\": 1}\n---\n",
		"---toml\na = 1\n---\n", "\n\n---\ntitle: T\n---\n", "---\n", "---", "", "no front matter\n", "---\r\ntitle: x\r\n---\r\nbody\r\n",
		"---\ntitle: [\n---\n", "+++\na = \n+++\n", "---\n---\n---\n", "--- \ntitle: x\n---\n", "---yaml\nx: 1\n---\nb",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return // TOML's parser is slow on deep nesting (see generator/malformed_test.go)
		}
		fm := splitFrontMatter(data)
		if fm.unclosed && fm.found {
			t.Fatal("both unclosed and found")
		}
		if !fm.found {
			if !bytes.Equal(fm.body, data) || fm.bodyLine != 1 {
				t.Fatalf("no front matter, but the body is not the whole file (line %d)", fm.bodyLine)
			}
			return
		}
		if fm.bodyStart < 0 || fm.bodyStart > len(data) || !bytes.Equal(fm.body, data[fm.bodyStart:]) {
			t.Fatalf("body at %d is not the rest of the file", fm.bodyStart)
		}
		if want := bytes.Count(data[:fm.bodyStart], []byte("\n")) + 1; fm.bodyLine != want {
			t.Fatalf("body line %d; want %d", fm.bodyLine, want)
		}
		if !bytes.Contains(data[:fm.bodyStart], fm.raw) {
			t.Fatalf("raw front matter %q is not before the body", fm.raw)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if fm.openLine < 1 || fm.openLine > lines {
			t.Fatalf("opening line %d outside the file's %d lines", fm.openLine, lines)
		}
		if _, pos, msg := parseFrontMatter(fm, nil); msg != "" && (pos.Line < 1 || pos.Line > lines) {
			t.Fatalf("%s: line %d outside the file's %d lines", msg, pos.Line, lines)
		}
	})
}
