package generator_test

// The hostile-content suite, on the files a build writes (the same site is
// loaded in headless Chromium by themes/hostile_test.go). Content is
// untrusted: a payload in any front-matter field or Markdown body must
// reach no page as active content (script elements, event handlers,
// script URLs), break no feed, sitemap or data file out of its syntax,
// and reach the search results only as escaped text.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/markdown"
	"github.com/clusterpolisee/polisee/internal/hostile"
	"github.com/clusterpolisee/polisee/search"
)

var tagPattern = regexp.MustCompile(`Q\d\dQ`)

// structure lists a page's elements and their attribute names, in order:
// a payload that adds an element or an attribute changes it.
func structure(page string) []string {
	var s []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return s
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			names := []string{tok.Data}
			for _, a := range tok.Attr {
				names = append(names, a.Key)
			}
			s = append(s, strings.Join(names, " "))
		}
	}
}

// scan checks every file a build wrote and returns, per kind of output
// (html, xml, json, csv, index), the place tags found in it. Pages must
// have the elements and attributes of the same page in baseline, the
// site built from the same content without payloads.
func scan(t *testing.T, out, baseline string) map[string]map[string]bool {
	t.Helper()
	reached := map[string]map[string]bool{}
	note := func(kind, s string) {
		for _, tag := range tagPattern.FindAllString(s, -1) {
			if reached[kind] == nil {
				reached[kind] = map[string]bool{}
			}
			reached[kind][tag] = true
		}
	}
	files := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".html"):
			if base, err := os.ReadFile(filepath.Join(baseline, filepath.FromSlash(rel))); err != nil {
				t.Errorf("%s: not in the site built without payloads", rel)
			} else if a, b := structure(string(base)), structure(string(data)); strings.Join(a, "\n") != strings.Join(b, "\n") {
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Errorf("%s: element %d is <%s>; without payloads <%s>", rel, i, b[i], a[i])
						break
					}
				}
				if len(a) != len(b) {
					t.Errorf("%s: %d elements; without payloads %d", rel, len(b), len(a))
				}
			}
			for _, problem := range activeContentStrict(string(data), func(s string) { note("html", s) }) {
				t.Errorf("%s: %s", rel, problem)
			}
		case strings.HasSuffix(rel, ".xml"):
			for _, problem := range xmlProblems(data, func(s string) { note("xml", s) }) {
				t.Errorf("%s: %s", rel, problem)
			}
		case strings.HasSuffix(rel, ".json"):
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: not valid JSON any more: %v", rel, err)
			}
			walkStrings(v, func(s string) { note("json", s) })
		case strings.HasSuffix(rel, ".csv"):
			r := csv.NewReader(bytes.NewReader(data))
			rows, err := r.ReadAll() // also checks every row has the header's number of cells
			if err != nil {
				t.Errorf("%s: not valid CSV any more: %v", rel, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q would run as a spreadsheet formula", rel, clipS(cell))
					}
					note("csv", cell)
				}
			}
		case strings.HasPrefix(rel, "search/index.") && strings.HasSuffix(rel, ".zap"):
			// checked below, with queries
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("the build wrote only %d files", files)
	}
	return reached
}

func clipS(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		for k, e := range v {
			f(k)
			walkStrings(e, f)
		}
	}
}

// activeContentStrict is activeContent (promises_test.go) plus what else
// could run script or change where the page's links go: data: URLs other
// than images, srcdoc and formaction attributes, base and meta refresh
// elements, and theme JSON blocks that no longer parse (a payload that
// closed the script element early). text receives every text and
// attribute value, decoded.
func activeContentStrict(page string, text func(string)) []string {
	problems := activeContent(page)
	z := html.NewTokenizer(strings.NewReader(page))
	inJSON := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				problems = append(problems, "tokenizer: "+z.Err().Error())
			}
			return problems
		case html.TextToken:
			s := string(z.Text())
			if inJSON {
				var v any
				if err := json.Unmarshal([]byte(s), &v); err != nil {
					problems = append(problems, "a JSON block of the theme no longer parses: "+err.Error())
				}
				walkStrings(v, text)
			} else {
				text(s)
			}
			inJSON = false
			continue
		case html.EndTagToken:
			inJSON = false
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		tok := z.Token()
		inJSON = tok.Data == "script" && themeScript(tok) && tok.Attr[0].Key == "type"
		for _, a := range tok.Attr {
			text(a.Val)
			v := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a.Val))
			switch {
			case a.Key == "srcdoc" || a.Key == "formaction":
				problems = append(problems, "attribute "+a.Key+" on <"+tok.Data+">")
			case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "poster") && strings.HasPrefix(v, "data:"):
				if !(tok.Data == "link" && v == "data:,") && !(tok.Data == "img" && regexp.MustCompile(`^data:image/(png|gif|jpeg|webp)[;,]`).MatchString(v)) {
					problems = append(problems, a.Key+"="+clipS(a.Val)+" on <"+tok.Data+">")
				}
			case (a.Key == "href" || a.Key == "src") && (browserScheme(a.Val) == "file" || browserScheme(a.Val) == "javascript" || browserScheme(a.Val) == "vbscript"):
				problems = append(problems, a.Key+"="+clipS(a.Val)+" on <"+tok.Data+">")
			}
		}
	}
}

// browserScheme is the scheme of a URL as a browser reads it: leading
// and trailing spaces and control characters, and tabs and newlines
// anywhere, are ignored; "" when the URL is relative.
func browserScheme(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	s, _, ok := strings.Cut(u, ":")
	if !ok || !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`).MatchString(s) {
		return ""
	}
	return strings.ToLower(s)
}

// xmlProblems checks a feed or sitemap: well-formed to the end, no
// element or attribute a payload could have added, link targets http(s).
func xmlProblems(data []byte, text func(string)) []string {
	var problems []string
	d := xml.NewDecoder(bytes.NewReader(data))
	known := map[string]bool{"urlset": true, "url": true, "loc": true, "lastmod": true, "feed": true, "title": true,
		"id": true, "link": true, "updated": true, "author": true, "name": true, "entry": true, "summary": true, "category": true}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return problems
		}
		if err != nil {
			return append(problems, "not well-formed XML any more: "+err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !known[tok.Name.Local] {
				problems = append(problems, "unexpected element <"+tok.Name.Local+">")
			}
			for _, a := range tok.Attr {
				text(a.Value)
				if a.Name.Local == "type" && a.Value != "text" {
					problems = append(problems, "content of type "+a.Value)
				}
				if s, _, ok := strings.Cut(a.Value, ":"); a.Name.Local == "href" && ok && !strings.Contains(s, "/") && s != "http" && s != "https" {
					problems = append(problems, "link to "+clipS(a.Value))
				}
			}
		case xml.CharData:
			text(string(tok))
		case xml.ProcInst:
			if tok.Target != "xml" {
				problems = append(problems, "processing instruction "+tok.Target)
			}
		case xml.Directive:
			problems = append(problems, "directive <!"+clipS(string(tok))+">")
		}
	}
}

// checkIndex searches the built index for every place tag: each hit's
// snippet must be escaped text with <mark> only.
func checkIndex(t *testing.T, out string, tags int) map[string]bool {
	t.Helper()
	ix, err := search.Open(builtIndex(t, out))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	found := map[string]bool{}
	for i := 1; i <= tags; i++ {
		tag := hostile.Tag(i)
		res, err := ix.Search(context.Background(), search.Request{Query: tag, Size: 100})
		if err != nil {
			t.Fatalf("search %s: %v", tag, err)
		}
		for _, h := range res.Hits {
			bare := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet)
			if strings.ContainsAny(bare, "<>") {
				t.Errorf("search hit %s for %s: snippet holds markup: %q", h.URL, tag, clipS(h.Snippet))
			}
			if strings.Contains(h.Title+html.UnescapeString(bare), tag) {
				found[tag] = true
			}
		}
	}
	return found
}

// TestHostileFrontMatter puts every payload into every front-matter field
// that reaches an output, builds, and checks every file.
func TestHostileFrontMatter(t *testing.T) {
	tried := 0
	var placeCount int
	perKind := map[string]int{}
	plain, _ := hostile.Site("plain", "plain", nil)
	plainOut, _ := build(t, plain)
	plainBodies, _ := hostile.Site("plain", "plain", hostile.BodyAccepted)
	plainBodiesOut, _ := build(t, plainBodies)
	// Places no output shows (yet): a test that fails when they start to
	// be shown would only be noise; they are checked like the others.
	unpublished := map[hostile.Place]bool{
		{File: "areas/innovation-rd.md", Field: "short"}: true,
		{File: "pages/home.md", Field: "title"}:          true,
		{File: "pages/home.md", Field: "summary"}:        true,
	}
	for i, p := range hostile.Payloads {
		u := hostile.URLPayloads[i%len(hostile.URLPayloads)]
		var bodies []string
		if i == 0 {
			bodies = hostile.BodyAccepted
		}
		fsys, places := hostile.Site(p, u, bodies)
		placeCount = len(places)
		t.Run(fmt.Sprintf("payload%02d", i+1), func(t *testing.T) {
			out, _ := build(t, fsys)
			baseline := plainOut
			if bodies != nil {
				baseline = plainBodiesOut
			}
			reached := scan(t, out, baseline)
			reached["index"] = checkIndex(t, out, len(places))
			// Every place reached some output: the payload was tried, not
			// dropped on the way (which would prove nothing).
			for n, pl := range places {
				tag := hostile.Tag(n + 1)
				any := false
				for kind, tags := range reached {
					if tags[tag] {
						any = true
						perKind[kind]++
					}
				}
				if !any && !unpublished[pl] {
					t.Errorf("place %s %s (%s) reached no output", pl.File, pl.Field, tag)
				}
			}
			if i == 0 {
				// The payload shows as text on the item page.
				for n, pl := range places {
					if pl == (hostile.Place{File: "practices/practice.md", Field: "title"}) {
						page := read(t, out, "practices/practice/index.html")
						contains(t, html.UnescapeString(page), p+hostile.Tag(n+1), "the practice title shown as text")
					}
				}
			}
		})
		tried += len(places)
	}
	kinds := make([]string, 0, len(perKind))
	for k, n := range perKind {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	t.Logf("%d payloads × %d front-matter places = %d tried (%d accepted Markdown bodies in the first site); outputs checked per place reached: %s; executable outputs: %d",
		len(hostile.Payloads), placeCount, tried, len(hostile.BodyAccepted), strings.Join(kinds, ", "), failures(t))
}

// failures is 0 when the test has not failed; used in the summary line.
func failures(t *testing.T) int {
	if t.Failed() {
		return -1
	}
	return 0
}

var urlField = regexp.MustCompile(`"https://example\.org/Q\d\dQ/\?q=plain"`)

// TestHostileURLFieldsRefused writes script URLs, data URLs and URLs
// without a host into every URL field: check refuses each at its line.
func TestHostileURLFieldsRefused(t *testing.T) {
	cases := 0
	for _, payload := range hostile.SchemePayloads {
		fsys, _ := hostile.Site("plain", "plain", nil)
		q, _ := json.Marshal(payload)
		type want struct {
			file string
			line int
		}
		var wants []want
		for name, f := range fsys {
			text := string(f.Data)
			if name == "site.yaml" {
				text = "base_url: " + urlPlaceholder + "\n" + text
			}
			text = urlField.ReplaceAllString(text, urlPlaceholder)
			for i, l := range strings.Split(text, "\n") {
				if strings.Contains(l, urlPlaceholder) {
					wants = append(wants, want{"content/" + name, i + 1})
				}
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(text, urlPlaceholder, string(q)))}
		}
		if len(wants) != 6 {
			t.Fatalf("%d URL fields; want 6 (base_url, repository, website, two sources, document url)", len(wants))
		}
		list := generator.Check(context.Background(), generator.Config{Src: fsys, SrcRoot: "content"})
		for _, w := range wants {
			cases++
			ok := false
			for _, d := range list {
				if d.Path == w.file && d.Pos.Line == w.line && strings.Contains(d.Msg, "URL") {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%q in %s:%d: not refused there; got\n%v", payload, w.file, w.line, list)
			}
		}
	}
	t.Logf("%d script or host-less URLs × 6 URL fields = %d cases, each refused at its file:line", len(hostile.SchemePayloads), cases)
}

const urlPlaceholder = "@@URL@@"

// TestHostileBodies: script URLs in links, images, autolinks and
// reference definitions, and raw HTML, are refused by check at their
// line; and the Markdown renderer alone (as if check were bypassed) turns
// none of them, nor the bodies check accepts, into active content.
func TestHostileBodies(t *testing.T) {
	refused, accepted, rendered := 0, 0, 0
	all := append(append([]string(nil), hostile.BodyRefused...), hostile.BodyAccepted...)
	for i, body := range all {
		mustRefuse := i < len(hostile.BodyRefused)
		list := generator.Check(context.Background(), generator.Config{Src: hostile.BodySite(body), SrcRoot: "content"})
		last := hostile.BodyLine + strings.Count(body, "\n")
		var errs []string
		for _, d := range list {
			if d.Severity.String() != "error" {
				continue
			}
			errs = append(errs, d.String())
			if d.Path != "content/pages/x.md" || d.Pos.Line < hostile.BodyLine || d.Pos.Line > last || d.Pos.Col < 1 {
				t.Errorf("body %q: error outside the body's lines %d-%d: %s", body, hostile.BodyLine, last, d)
			}
		}
		switch {
		case len(errs) > 0:
			refused++
		case mustRefuse:
			t.Errorf("body %q: check accepted it", body)
		default:
			accepted++
		}
		// The renderer on its own.
		var b bytes.Buffer
		if err := markdown.Parse([]byte(body)).Render(&b); err != nil {
			t.Fatal(err)
		}
		rendered++
		for _, problem := range activeContentStrict(b.String(), func(string) {}) {
			t.Errorf("body %q rendered by goldmark alone: %s\n%s", body, problem, b.String())
		}
	}
	t.Logf("%d hostile bodies: %d refused by check at their line, %d accepted (built and scanned in TestHostileFrontMatter); %d rendered by the Markdown renderer alone, 0 with active content",
		len(all), refused, accepted, rendered)
}

// TestHostileDetector: the checks above find what they look for.
func TestHostileDetector(t *testing.T) {
	for _, page := range []string{
		`<p><script>x()</script></p>`,
		`<p><img src="x" onerror="x()"></p>`,
		`<a href="java&#x09;script:x()">x</a>`,
		`<a href=" JAVASCRIPT:x()">x</a>`,
		`<a href="data:text/html,x">x</a>`,
		`<img src="data:image/svg+xml,<svg onload=x()>">`,
		`<iframe srcdoc="x"></iframe>`,
		`<script type="application/json">{"a": "</script><p>"}</script>`,
	} {
		if len(activeContentStrict(page, func(string) {})) == 0 {
			t.Errorf("not flagged: %s", page)
		}
	}
	for _, page := range []string{`<a href="%20javascript:x">x</a>`, `<a href="../javascript:x/">x</a>`, `<img src="data:image/png;base64,AAAA">`} {
		if p := activeContentStrict(page, func(string) {}); len(p) != 0 {
			t.Errorf("%s flagged: %v", page, p)
		}
	}
	for _, doc := range []string{`<feed><title>x</title><script/></feed>`, `<feed><title>x</feed>`, `<feed><link href="javascript:x"/></feed>`} {
		if len(xmlProblems([]byte(doc), func(string) {})) == 0 {
			t.Errorf("not flagged: %s", doc)
		}
	}
	if a, b := structure(`<p title="x">t</p>`), structure(`<p title="x" onclick="y">t</p>`); strings.Join(a, ",") == strings.Join(b, ",") {
		t.Error("an added attribute does not change the structure")
	}
}
