package sitediff

import (
	"fmt"
	"strings"
)

// Marker starts every summary, so that a workflow can find its comment
// on a pull request and update it instead of adding another.
const Marker = "<!-- polisee diff -->"

// maxOthers is how many lists and other-language pages the summary names.
const maxOthers = 30

// Markdown is the summary of the report for a pull request.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString(Marker + "\n### What this change does to the site\n\n")
	if len(r.Added)+len(r.Removed)+len(r.Changed)+len(r.Shown)+len(r.Others)+len(r.Matrix) == 0 {
		fmt.Fprintf(&b, "No page changes (%d pages).\n", r.Total)
		return b.String()
	}
	fmt.Fprintf(&b, "%s added, %s removed, %s changed, of %d pages", count(len(r.Added), "page"), count(len(r.Removed), "page"),
		count(len(r.Changed), "page"), r.Total)
	if n := len(r.Shown) + len(r.Others); n > 0 {
		fmt.Fprintf(&b, "; %s show the change (related items, back-links, lists, other languages)", count(n, "other page"))
	}
	b.WriteString(".\n")
	if len(r.Added) > 0 {
		b.WriteString("\n**Added**\n\n")
		for _, p := range r.Added {
			fmt.Fprintf(&b, "- %s (%s)\n", r.link(p), p.Kind)
		}
	}
	if len(r.Removed) > 0 {
		b.WriteString("\n**Removed**\n\n")
		for _, p := range r.Removed {
			fmt.Fprintf(&b, "- %s (%s, was `%s`)\n", escape(p.Title), p.Kind, "/"+p.Path)
		}
	}
	if len(r.Changed) > 0 {
		b.WriteString("\n**Changed**\n\n")
		for _, c := range r.Changed {
			r.writeChange(&b, c)
		}
	}
	if len(r.Shown) > 0 {
		b.WriteString("\n**Showing the change** (their own text is the same)\n\n")
		for _, c := range r.Shown {
			var parts []string
			for _, p := range c.Parts {
				parts = append(parts, fmt.Sprintf("“%s” %s", escape(p.Heading), p.What))
			}
			what := "links"
			if len(parts) > 0 {
				what = strings.Join(parts, "; ")
			}
			fmt.Fprintf(&b, "- %s: %s\n", r.link(c.New), what)
		}
	}
	r.writeMatrix(&b)
	r.writeSearch(&b)
	r.writeOthers(&b)
	return b.String()
}

func (r *Report) writeChange(b *strings.Builder, c Change) {
	fmt.Fprintf(b, "- %s (%s)\n", r.link(c.New), c.New.Kind)
	if c.Title {
		fmt.Fprintf(b, "  - title: %s → %s\n", escape(c.Old.Title), escape(c.New.Title))
	}
	if c.Lead {
		fmt.Fprintf(b, "  - summary: %s\n", quoteChange(c.Old.Lead, c.New.Lead))
	}
	for _, f := range c.Fields {
		fmt.Fprintf(b, "  - %s: %s\n", escape(f.Name), quoteChange(f.Old, f.New))
	}
	for _, s := range c.Scores {
		fmt.Fprintf(b, "  - score of %s: %s → %s\n", s.Area, score(s.Old), score(s.New))
	}
	var secs []string
	for _, s := range c.Sections {
		h := s.Heading
		if h == "" {
			h = "(introduction)"
		}
		secs = append(secs, fmt.Sprintf("“%s” %s", escape(h), s.What))
	}
	if len(secs) > 0 {
		fmt.Fprintf(b, "  - sections: %s\n", strings.Join(secs, "; "))
	}
	var parts []string
	for _, p := range c.Parts {
		parts = append(parts, fmt.Sprintf("“%s” %s", escape(p.Heading), p.What))
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, "  - also: %s\n", strings.Join(parts, "; "))
	}
}

func (r *Report) writeMatrix(b *strings.Builder) {
	if len(r.Matrix) == 0 {
		return
	}
	b.WriteString("\n**Compare matrix** (scores 1-4; – not scored)\n\n| Profile | Area | Before | After |\n|---|---|---|---|\n")
	for _, s := range r.Matrix {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", r.linkPath(s.Path, s.Profile), s.Area, score(s.Old), score(s.New))
	}
}

func (r *Report) writeSearch(b *strings.Builder) {
	if len(r.Search) == 0 {
		return
	}
	fmt.Fprintf(b, "\n**Search** (the page's rank for its title, in the first %d results; – not among them)\n\n| Query | Page | Before | After |\n|---|---|---|---|\n", rankDepth)
	for _, s := range r.Search {
		fmt.Fprintf(b, "| %s | `/%s` | %s | %s |\n", escape(s.Query), s.Path, score(s.Old), score(s.New))
		if len(s.Displaced) > 0 {
			fmt.Fprintf(b, "| | pushed out: %s | | |\n", "`/"+strings.Join(s.Displaced, "`, `/")+"`")
		}
	}
}

func (r *Report) writeOthers(b *strings.Builder) {
	if len(r.Others) == 0 {
		return
	}
	fmt.Fprintf(b, "\n<details><summary>Lists and pages in other languages (%d)</summary>\n\n", len(r.Others))
	for i, o := range r.Others {
		if i == maxOthers {
			fmt.Fprintf(b, "- and %d more\n", len(r.Others)-maxOthers)
			break
		}
		if o.What == "removed" {
			fmt.Fprintf(b, "- removed: %s (`/%s`)\n", escape(o.Page.Title), o.Page.Path)
			continue
		}
		fmt.Fprintf(b, "- %s: %s\n", o.What, r.link(o.Page))
	}
	b.WriteString("\n</details>\n")
}

func (r *Report) link(p *Page) string { return r.linkPath(p.Path, p.Title) }

func (r *Report) linkPath(path, title string) string {
	if title == "" {
		title = "/" + path
	}
	if r.opts.Link == nil {
		return fmt.Sprintf("%s (`/%s`)", escape(title), path)
	}
	return fmt.Sprintf("[%s](%s)", escape(title), r.opts.Link(path))
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func score(n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprint(n)
}

// quoteChange shows a value before and after, shortened.
func quoteChange(o, n string) string {
	switch {
	case o == "":
		return "added “" + escape(short(n)) + "”"
	case n == "":
		return "removed (was “" + escape(short(o)) + "”)"
	}
	return "“" + escape(short(o)) + "” → “" + escape(short(n)) + "”"
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 120 {
		return string(r[:117]) + "…"
	}
	return s
}

// escape keeps text from a page from being read as Markdown or HTML.
func escape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune("\\`*_[]<>|#", c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
