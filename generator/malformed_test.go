package generator_test

// The malformed-input suite: broken front matter, bombs, wrong types,
// bytes that are not text, oversized files and the Markdown shapes that
// make parsers slow, at the size caps. Each case is built in a
// subprocess with a 10 s deadline — a hang detector, not a speed test —
// and must either build or fail with errors that name the file and a line
// inside it; a panic or a crash fails the case. The time of each case is
// logged (go test -v -run TestMalformedInput ./generator).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/markdown"
	"github.com/clusterpolisee/polisee/generator/model"
)

type malformedCase struct {
	name string
	file string // content path of the case, e.g. pages/x.md
	data []byte
	// want: "error" (must fail with a positioned error), "build" (must
	// build) or "" (either).
	want string
}

// knownBugs name the defect behind a case and its fix, shown when the
// case fails.
var knownBugs = map[string]string{
	"TOML deep inline tables": "github.com/BurntSushi/toml v0.3.1 takes time growing with the square of the nesting depth (1.3 s at 8,000 levels, minutes at the 130,000 a file holds); " +
		"generator/model/load.go (parseFrontMatter) must refuse TOML nested deeper than a small limit before calling toml.Decode",
	"TOML table bomb": "tomlToNode in generator/model/load.go compiles a regexp and scans every line for each top-level key (lineOf): 1.1 s at 4,000 tables, minutes at the 40,000 a file holds; " +
		"it should find each key's line in one pass over the lines (a map from key to first line)",
}

const fileCap = model.DefaultMaxFileSize

// fill repeats unit to make a body of about n bytes.
func fill(unit string, n int) string { return strings.Repeat(unit, n/len(unit)) }

// paragraphs fills a body of about total bytes with paragraphs of about
// per bytes, each made of unit repeated.
func paragraphs(unit string, per, total int) string {
	var b strings.Builder
	for b.Len()+per < total {
		b.WriteString(fill(unit, per))
		b.WriteString("\n\n")
	}
	return b.String()
}

func page(body string) []byte { return []byte("---\ntitle: X\n---\n" + body) }

// headroom leaves room for the front matter under the file cap.
const headroom = 64

func malformedCases() []malformedCase {
	nested := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	practice := "---\ntitle: T\nsummary: S\ncountries: [GR]\nareas: [innovation-rd]\nlevel: local\nstatus: identified\nsources: [https://example.org]\n"
	block := markdown.MaxBlockBytes - 1024
	return []malformedCase{
		{"unclosed YAML front matter", "pages/x.md", []byte("---\ntitle: X\nsummary: never closed\n"), "error"},
		{"unclosed TOML front matter", "pages/x.md", []byte("+++\ntitle = \"X\"\n"), "error"},
		{"unclosed JSON front matter", "pages/x.md", []byte(";;;\n{\"title\": \"X\"}\n"), "error"},
		{"invalid YAML", "pages/x.md", []byte("---\ntitle: X\nsummary: [unclosed\n---\n"), "error"},
		{"invalid YAML indentation", "pages/x.md", []byte("---\ntitle: X\n  summary: y\n- z\n---\n"), "error"},
		{"invalid TOML", "pages/x.md", []byte("+++\ntitle = X\n+++\n"), "error"},
		{"invalid JSON", "pages/x.md", []byte("---json\n{\"title\": \"X\"\n---\n"), "error"},
		{"invalid JSON in ;;;", "pages/x.md", []byte(";;;\n{\"title\" \"X\"}\n;;;\n"), "error"},
		// JSON front matter is read by the YAML parser, which accepts a
		// trailing comma.
		{"JSON with a trailing comma", "pages/x.md", []byte("---json\n{\"title\": \"X\",}\n---\n"), ""},
		{"YAML alias bomb", "pages/x.md", []byte("---\ntitle: X\n" +
			"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
			"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" +
			"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
			"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\nsummary: *i\n---\n"), "error"},
		{"YAML alias in a known field", "pages/x.md", []byte("---\ntitle: &t X\nsummary: *t\n---\n"), "error"},
		{"YAML deep flow nesting", "pages/x.md", []byte("---\ntitle: X\nsummary: " + nested("[", "]", (fileCap-headroom)/2) + "\n---\n"), "error"},
		{"YAML deep block nesting", "pages/x.md", []byte("---\ntitle: X\nsummary:\n" + func() string {
			var b strings.Builder
			for i := 0; b.Len() < fileCap/2; i++ {
				b.WriteString(strings.Repeat(" ", i) + "- \n")
			}
			return b.String()
		}() + "---\n"), "error"},
		{"TOML deep array nesting", "pages/x.md", []byte("+++\ntitle = \"X\"\nsummary = " + nested("[", "]", (fileCap-headroom)/2) + "\n+++\n"), "error"},
		{"TOML deep inline tables", "pages/x.md", []byte("+++\ntitle = \"X\"\nsummary = " + nested("{a=", "}", (fileCap-headroom)/4) + "\n+++\n"), "error"},
		{"TOML table bomb", "pages/x.md", []byte("+++\ntitle = \"X\"\n" + func() string {
			var b strings.Builder
			for i := 0; b.Len() < fileCap-headroom-100; i++ {
				fmt.Fprintf(&b, "[t%d]\na = 1\n", i)
			}
			return b.String()
		}() + "+++\n"), "error"},
		{"JSON deep nesting", "pages/x.md", []byte("---json\n{\"title\": \"X\", \"summary\": " + nested("[", "]", (fileCap-headroom)/2) + "}\n---\n"), "error"},
		{"draft: \"yes\"", "pages/x.md", []byte("---\ntitle: X\ndraft: \"yes\"\n---\n"), "error"},
		{"bad dates", "practices/x.md", []byte(practice + "start: 2014-13\nend: 2014-02-30\nupdated: yesterday\n---\n"), "error"},
		{"escape character in a title", "pages/x.md", []byte("---\ntitle: \"a\\e[2J\"\n---\n"), "error"},
		{"C1 control character in a summary", "pages/x.md", []byte("---\ntitle: X\nsummary: \"a\\x9b31m\"\n---\n"), "error"},
		{"list for a text field", "pages/x.md", []byte("---\ntitle: [a, b]\n---\n"), "error"},
		{"mapping for a list", "practices/x.md", []byte(strings.Replace(practice, "countries: [GR]", "countries: {GR: 1}", 1) + "---\n"), "error"},
		{"number too large", "profiles/x.md", []byte("---\ntitle: P\nsummary: S\nscope: country\ncountry: GR\nperiod: x\nareas: [innovation-rd]\nassessment: {innovation-rd: {score: 99999999999999999999999}}\ninstruments: [{name: n, kind: grant, budget_eur: 1e999}]\nsources: [https://example.org]\n---\n"), "error"},
		{"BOM", "pages/x.md", append([]byte("\ufeff"), page("Hello.\n")...), "build"},
		{"CRLF", "pages/x.md", bytes.ReplaceAll(page("Hello.\n\nWorld.\n"), []byte("\n"), []byte("\r\n")), "build"},
		{"BOM and CRLF", "pages/x.md", append([]byte("\ufeff"), bytes.ReplaceAll(page("Hello.\n"), []byte("\n"), []byte("\r\n"))...), "build"},
		{"lone CR", "pages/x.md", page("Hello.\rWorld.\n"), "error"},
		{"NUL byte in the body", "pages/x.md", page("Hello \x00 world.\n"), "error"},
		{"NUL byte in front matter", "pages/x.md", []byte("---\ntitle: X\x00\n---\n"), "error"},
		{"invalid UTF-8", "pages/x.md", page("Hello \xff\xfe world.\n"), "error"},
		{"truncated UTF-8 at the end", "pages/x.md", page("Hello \xce"), "error"},
		{"empty file", "pages/x.md", nil, "error"},
		{"only whitespace", "pages/x.md", []byte("\n\n  \n"), "error"},
		{"a lone ---", "pages/x.md", []byte("---"), "error"},
		{"a lone --- and newline", "pages/x.md", []byte("---\n"), "error"},
		{"empty front matter", "pages/x.md", []byte("---\n---\n"), "error"},
		{"empty site.yaml", "site.yaml", nil, ""},
		{"site.yaml not a mapping", "site.yaml", []byte("- a\n- b\n"), "error"},
		{"oversized file", "pages/x.md", page(fill("word ", fileCap+1024)), "error"},
		{"at the size cap, plain text", "pages/x.md", page(paragraphs("Words and more words. ", 4096, fileCap-headroom)), "build"},
		{"mixed emphasis *a **b, one paragraph at the block cap", "pages/x.md", page(fill("*a **b ", block)), ""},
		{"mixed emphasis *a **b, file at the cap", "pages/x.md", page(paragraphs("*a **b ", block, fileCap-headroom)), ""},
		{"mixed emphasis _a __b ***c", "pages/x.md", page(paragraphs("_a __b ***c ", block, fileCap-headroom)), ""},
		{"unclosed links [a](, at the link cap", "pages/x.md", page(paragraphs("[a](", 4*markdown.MaxLinksPerBlock-8, fileCap-headroom)), ""},
		{"unclosed links [a](, over the link cap", "pages/x.md", page(fill("[a](", block)), "error"},
		{"unclosed brackets [[[", "pages/x.md", page(paragraphs("[", block, fileCap-headroom)), ""},
		{"unclosed brackets and parens [a](b", "pages/x.md", page(paragraphs("[a](b ", block, fileCap-headroom)), ""},
		{"link reference definitions, one block", "pages/x.md", page(fill("[a]: /x\n", fileCap-headroom)), "error"},
		{"link reference definitions, file at the cap", "pages/x.md", page(fill("[a]: /x\n\n", fileCap-headroom)), ""},
		{"unmatched backticks of every length", "pages/x.md", page(func() string {
			var b strings.Builder
			for i := 1; b.Len() < block; i++ {
				b.WriteString(strings.Repeat("`", i%200+1) + "a ")
			}
			return b.String()
		}()), ""},
		{"deep list nesting", "pages/x.md", page(func() string {
			var b strings.Builder
			for i := 0; b.Len() < fileCap-headroom-1000; i++ {
				b.WriteString(strings.Repeat("  ", i%2000) + "- a\n")
			}
			return b.String()
		}()), ""},
		{"deep list markers on one line", "pages/x.md", page(fill("- ", fileCap/2-headroom) + "a\n"), "error"},
		{"deep ordered list markers on one line", "pages/x.md", page(fill("1. ", fileCap/2-headroom) + "a\n"), "error"},
		{"list markers at the depth cap, every line", "pages/x.md", page(paragraphs(strings.Repeat("- ", markdown.MaxQuoteDepth)+"a\n", block, fileCap-headroom)), ""},
		{"deep list nesting by indentation, file at the cap", "pages/x.md", page(func() string {
			var b strings.Builder
			for i := 0; b.Len()+2*i+5 < fileCap-headroom; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- a\n\n")
			}
			return b.String()
		}()), ""},
		{"deep blockquotes, over the cap", "pages/x.md", page(fill(">", fileCap/2) + " a\n"), "error"},
		{"blockquotes at the depth cap, every line", "pages/x.md", page(fill(strings.Repeat("> ", markdown.MaxQuoteDepth)+"a\n\n", fileCap-headroom)), ""},
		{"mixed list and quote nesting, over the cap", "pages/x.md", page(fill("> - ", 4*markdown.MaxQuoteDepth) + "a\n"), "error"},
		{"mixed list and quote nesting at the cap, every line", "pages/x.md", page(fill(strings.Repeat("> - ", markdown.MaxQuoteDepth/2)+"a\n\n", fileCap-headroom)), ""},
		{"wide table", "pages/x.md", page("|" + fill("a|", block/2) + "\n|" + fill("-|", block/2) + "\n"), ""},
		{"table with many rows of many cells", "pages/x.md", page("|a|b|\n|-|-|\n" + fill("|"+fill("x|", 200)+"\n", block)), ""},
		{"raw HTML openers <a", "pages/x.md", page(paragraphs("<a ", block, fileCap-headroom)), ""},
		{"entities &#", "pages/x.md", page(paragraphs("&#", block, fileCap-headroom)), ""},
		{"linkify www.", "pages/x.md", page(paragraphs("www.a.", block, fileCap-headroom)), ""},
		{"footnote references without definitions", "pages/x.md", page(paragraphs("[^a] ", block, fileCap-headroom)), ""},
		{"one long line without spaces", "pages/x.md", page(fill("a", block)), ""},
		{"paragraph over the block cap", "pages/x.md", page(fill("word ", markdown.MaxBlockBytes+1024)), "error"},
		{"many headings", "pages/x.md", page(fill("## h\n\n", fileCap-headroom)), ""},
		{"setext heading underlines", "pages/x.md", page(fill("a\n=\n\n", fileCap-headroom)), ""},
		{"fenced code never closed, one block", "pages/x.md", page("```\n" + fill("<script>\n", fileCap-headroom-8)), "error"},
		{"fenced code never closed, file at the cap", "pages/x.md", page("```\n" + fill("<script>\n\n", fileCap-headroom-8)), ""},
		{"emphasis openers in many paragraphs", "pages/x.md", page(fill("*a _b **c __d\n\n", fileCap-headroom)), ""},
	}
}

// malformedResult is what the helper subprocess reports.
type malformedResult struct {
	Millis float64           `json:"ms"`
	Built  bool              `json:"built"`
	Diags  []diag.Diagnostic `json:"diags"`
}

func TestMalformedInput(t *testing.T) {
	cases := malformedCases()
	dir := t.TempDir()
	var slowest time.Duration
	var slowestName string
	errors, builds, hangs, crashes := 0, 0, 0, 0
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := filepath.Join(dir, fmt.Sprintf("case%02d", i))
			fsys := site(t, base)
			writeTree(t, src, fsys)
			p := filepath.Join(src, filepath.FromSlash(c.file))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperMalformed$")
			cmd.Env = append(os.Environ(), "POLISEE_HELPER_MALFORMED="+src+"|"+filepath.Join(dir, fmt.Sprintf("out%02d", i)))
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err := cmd.Run()
			wall := time.Since(start)
			if bug := knownBugs[c.name]; bug != "" {
				defer func() {
					if t.Failed() {
						t.Logf("known defect: %s", bug)
					}
				}()
			}
			if ctx.Err() != nil {
				hangs++
				t.Fatalf("no answer within 10 s: a hang")
			}
			if err != nil {
				crashes++
				t.Fatalf("the build crashed: %v\n%s", err, clipS(stderr.String()+stdout.String()))
			}
			var res malformedResult
			line, _, _ := strings.Cut(stdout.String()[strings.Index(stdout.String(), "POLISEE_RESULT ")+len("POLISEE_RESULT "):], "\n")
			if err := json.Unmarshal([]byte(line), &res); err != nil {
				t.Fatalf("helper output: %v\n%s", err, clipS(stdout.String()))
			}
			took := time.Duration(res.Millis * float64(time.Millisecond))
			if took > slowest {
				slowest, slowestName = took, c.name
			}
			lines := bytes.Count(c.data, []byte("\n")) + 1
			var first string
			nerr := 0
			for _, d := range res.Diags {
				if d.Severity != diag.Error {
					continue
				}
				nerr++
				if first == "" {
					first = d.String()
				}
				if d.Path != "content/"+c.file {
					t.Errorf("error about another file: %s", d)
				}
				if d.Pos.Line < 1 && !strings.Contains(d.Msg, "limit") {
					t.Errorf("error without a line: %s", d)
				}
				if d.Pos.Line > lines {
					t.Errorf("line %d beyond the file's %d lines: %s", d.Pos.Line, lines, d)
				}
			}
			switch {
			case res.Built && nerr > 0:
				t.Errorf("built despite errors")
			case !res.Built && nerr == 0:
				t.Errorf("did not build, and reported no error")
			case c.want == "error" && res.Built:
				t.Errorf("built; want a positioned error")
			case c.want == "build" && !res.Built:
				t.Errorf("did not build: %s", first)
			}
			outcome := "built"
			if !res.Built {
				outcome = "error: " + clipS(first)
				errors++
			} else {
				builds++
			}
			t.Logf("%-55s %7.1f KiB  build %6.0f ms (process %5.0f ms)  %s", c.name, float64(len(c.data))/1024, res.Millis, float64(wall.Milliseconds()), outcome)
		})
	}
	t.Logf("%d malformed cases: %d refused with a positioned error, %d built, %d crashes or panics, %d hangs (over 10 s); slowest of the others %v (%s)",
		len(cases), errors, builds, crashes, hangs, slowest.Round(time.Millisecond), slowestName)
}

// TestHelperMalformed builds one case for TestMalformedInput; it does
// nothing in a normal run.
func TestHelperMalformed(t *testing.T) {
	spec := os.Getenv("POLISEE_HELPER_MALFORMED")
	if spec == "" {
		return
	}
	src, out, _ := strings.Cut(spec, "|")
	start := time.Now()
	_, err := generator.Build(context.Background(), generator.Config{Src: os.DirFS(src), SrcRoot: "content", Out: out})
	took := time.Since(start)
	res := malformedResult{Millis: float64(took.Microseconds()) / 1000, Built: err == nil}
	if err != nil {
		list, ok := diag.AsList(err)
		if !ok {
			t.Fatalf("a build error that is not a content error: %v", err)
		}
		res.Diags = list
	}
	data, _ := json.Marshal(res)
	fmt.Printf("POLISEE_RESULT %s\n", data)
}
