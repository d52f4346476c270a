package corpus

import (
	"bytes"
	"strconv"
	"strings"
)

// doc builds one Markdown file: YAML front matter, then the body. Values
// are written by hand rather than through a YAML encoder so that the files
// look like the ones editors write (flow lists, quoted text).
type doc struct {
	fm   bytes.Buffer
	body bytes.Buffer
}

// q quotes text for YAML. Go's quoting is a subset of YAML's double-quoted
// style for the printable text the corpus uses.
func q(s string) string { return strconv.Quote(s) }

func (d *doc) str(key, val string) {
	d.fm.WriteString(key + ": " + q(val) + "\n")
}

func (d *doc) raw(key, val string) {
	d.fm.WriteString(key + ": " + val + "\n")
}

// list writes a flow list of plain words (slugs, codes).
func (d *doc) list(key string, vals []string) {
	if len(vals) == 0 {
		return
	}
	d.fm.WriteString(key + ": [" + strings.Join(vals, ", ") + "]\n")
}

func (d *doc) sources(slug string, n int) {
	d.fm.WriteString("sources:\n")
	for i := 1; i <= n; i++ {
		d.fm.WriteString("  - title: " + q("Synthetic source "+strconv.Itoa(i)+" for "+slug) + "\n")
		d.fm.WriteString("    url: https://example.org/sources/" + slug + "/" + strconv.Itoa(i) + "\n")
	}
}

func (d *doc) bytes() []byte {
	var out bytes.Buffer
	out.Grow(d.fm.Len() + d.body.Len() + 8)
	out.WriteString("---\n")
	out.Write(d.fm.Bytes())
	out.WriteString("---\n")
	out.Write(d.body.Bytes())
	return out.Bytes()
}
