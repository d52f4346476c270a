package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/internal/testsites"
	"github.com/clusterpolisee/polisee/search"
)

func cardTitles(page string) []string {
	var out []string
	for _, m := range cardTitle.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// A list longer than a page goes on over numbered pages that link to
// each other; the count stays the whole list's, and each item is on
// exactly one page, in list order.
func TestLongListsArePaged(t *testing.T) {
	defer generator.SetListPageSize(2)()
	fsys := site(t, base)
	testsites.AddPractices(fsys, 3) // five practices: three pages
	out, _ := build(t, fsys)

	var all []string
	for n, file := range []string{"practices/index.html", "practices/page/2/index.html", "practices/page/3/index.html"} {
		page := read(t, out, file)
		titles := cardTitles(page)
		want := 2
		if n == 2 {
			want = 1
		}
		if len(titles) != want {
			t.Errorf("%s: %d cards %q, want %d", file, len(titles), titles, want)
		}
		all = append(all, titles...)
		contains(t, page, "5 entries", file+" count")
		contains(t, page, fmt.Sprintf("Page %d of 3", n+1), file+" position")
	}
	if got, want := strings.Join(all, "|"), "Cluster accreditation|Generated practice 001|Generated practice 002|Generated practice 003|mi-Cluster"; got != want {
		t.Errorf("cards over the pages: %s, want %s", got, want)
	}
	if _, err := os.Stat(filepath.Join(out, "practices/page/4/index.html")); err == nil {
		t.Error("a fourth page was written for five items at two a page")
	}

	// Each page links to the previous and the next, and to the first and
	// the last unless those are the previous or the next.
	first := read(t, out, "practices/index.html")
	contains(t, first, `<a href="page/2/" rel="next">Next page</a>`, "page 1 next")
	contains(t, first, `<a href="page/3/">Last page</a>`, "page 1 last")
	if strings.Contains(first, `rel="prev"`) || strings.Contains(first, "First page") {
		t.Error("page 1 links to a previous or first page")
	}
	second := read(t, out, "practices/page/2/index.html")
	contains(t, second, `<title>Good practices, page 2 of 3 ·`, "page 2 title")
	contains(t, second, `<a href="../../" rel="prev">Previous page</a>`, "page 2 previous")
	contains(t, second, `<a href="../3/" rel="next">Next page</a>`, "page 2 next")
	if strings.Contains(second, "First page") || strings.Contains(second, "Last page") {
		t.Error("page 2 of 3 repeats its previous and next links as the first and the last")
	}
	last := read(t, out, "practices/page/3/index.html")
	contains(t, last, `<a href="../../">First page</a>`, "page 3 first")
	contains(t, last, `<a href="../2/" rel="prev">Previous page</a>`, "page 3 previous")
	if strings.Contains(last, `rel="next"`) || strings.Contains(last, "Last page") {
		t.Error("the last page links to a next or last page")
	}

	// Facet pages are cut the same way: four piloted practices, two pages.
	facet := read(t, out, "practices/status/piloted/index.html")
	contains(t, facet, `<a href="page/2/" rel="next">`, "facet page 1 next")
	if got := cardTitles(read(t, out, "practices/status/piloted/page/2/index.html")); strings.Join(got, "|") != "Generated practice 002|Generated practice 003" {
		t.Errorf("facet page 2 lists %q", got)
	}
	// A list that fits on a page has no pager.
	if strings.Contains(read(t, out, "practices/status/identified/index.html"), `class="pager"`) {
		t.Error("a one-page facet has a pager")
	}
	contains(t, read(t, out, "sitemap.xml"), "practices/page/3/</loc>", "sitemap")
}

// An area's, a country's or an organisation's page lists the first
// maxListed (50) of what names it, then says how many there are and
// links to the search for them all, which the search finds.
func TestLongListsOnItemPagesAreCut(t *testing.T) {
	fsys := site(t, base)
	testsites.AddPractices(fsys, 51) // piloted, in Greece, on innovation-rd
	// Every other one run by Corallia, which runs mi-cluster too: 27 in all.
	for i := 1; i <= 51; i += 2 {
		f := fsys[fmt.Sprintf("practices/generated-%03d.md", i)]
		f.Data = bytes.Replace(f.Data, []byte("\nlevel:"), []byte("\nowner: corallia\nlevel:"), 1)
	}
	for i := 52; i <= 75; i++ {
		fsys[fmt.Sprintf("practices/owned-%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Owned practice %03d\nsummary: Run by Corallia.\ncountries: [GR]\nareas: [sustainability]\nowner: corallia\nlevel: regional\nstatus: identified\nsources: [https://example.org/owned-%03d]\n---\n## Description\n## Resources needed\n## Evidence of success\n## Difficulties encountered\n## Potential for transfer\n", i, i)}
	}
	out, _ := build(t, fsys)

	area := read(t, out, "areas/innovation-rd/index.html")
	group := area[strings.Index(area, `class="area-practices"`):]
	group = group[strings.Index(group, "Piloted"):]
	group = group[:strings.Index(group, "</ul>")]
	if n := strings.Count(group, "<li>"); n != 50 {
		t.Errorf("the area's piloted practices list %d entries, want 50", n)
	}
	contains(t, area, `The first 50 of 52 are listed here. <a href="../../search/?q=type%3Apractice%20area%3Ainnovation-rd%20status%3Apiloted">Find them all with search</a>`, "area page")

	country := read(t, out, "countries/gr/index.html")
	contains(t, country, `The first 50 of 76 are listed here. <a href="../../search/?q=type%3Apractice%20country%3Agr">`, "country page")
	// Corallia runs 51 practices: 50 are listed.
	org := read(t, out, "organisations/corallia/index.html")
	if n := strings.Count(org, `<li class="card">`); n != 50 {
		t.Errorf("the organisation's page lists %d practices, want 50", n)
	}
	contains(t, org, `The first 50 of 51 are listed here. <a href="../../search/?q=type%3Apractice%20organisation%3Acorallia">`, "organisation page")
	// The sustainability area names 25 practices: nothing is cut.
	if strings.Contains(read(t, out, "areas/sustainability/index.html"), `class="more"`) {
		t.Error("a short list was cut")
	}

	// The search behind the link finds them all.
	ix, err := search.Open(builtIndex(t, out))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), search.Request{Query: "type:practice area:innovation-rd status:piloted", Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 52 {
		t.Errorf("the linked search finds %d practices, want 52", res.Total)
	}
	for _, q := range []string{"type:practice organisation:corallia", "type:practice organisations:CORALLIA"} {
		res, err = ix.Search(context.Background(), search.Request{Query: q, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 51 {
			t.Errorf("%s finds %d practices, want 51", q, res.Total)
		}
	}
}
