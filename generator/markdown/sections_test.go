package markdown

import (
	"strings"
	"testing"
	"unsafe"
)

func TestTextSectionsSplitAtHeadingsWithIDs(t *testing.T) {
	src := "Intro words.\n\n## Funding *model*\n\nGrants of the region.\n\n- a list item\n\n### Results\n\nMore firms.\n\n#### Detail\n\nDeep part.\n\n## Lessons\n\nShare early.\n"
	text, sections := Parse([]byte(src)).TextSections()
	if text != Parse([]byte(src)).Text() {
		t.Fatalf("TextSections and Text differ")
	}
	type want struct{ id, heading, text string }
	wants := []want{
		{"funding-model", "Funding model", "Funding model\nGrants of the region.\na list item\n"},
		{"results", "Results", "Results\nMore firms.\nDetail\nDeep part.\n"},
		{"lessons", "Lessons", "Lessons\nShare early.\n"},
	}
	if len(sections) != len(wants) {
		t.Fatalf("got %d sections %+v, want %d", len(sections), sections, len(wants))
	}
	for i, w := range wants {
		s := sections[i]
		if s.ID != w.id || s.Heading != w.heading || text[s.Start:s.End] != w.text {
			t.Errorf("section %d = %q %q %q, want %q %q %q", i, s.ID, s.Heading, text[s.Start:s.End], w.id, w.heading, w.text)
		}
	}
	if !strings.HasPrefix(text, "Intro words.\n") || sections[0].Start != len("Intro words.\n") {
		t.Errorf("the intro belongs to no section: text %q, first section at %d", text, sections[0].Start)
	}
}

func TestTextSectionsWithoutHeadings(t *testing.T) {
	if _, s := Parse([]byte("# Title\n\nJust text.\n")).TextSections(); len(s) != 0 {
		t.Errorf("a body without level 2-3 headings has no sections, got %+v", s)
	}
}

// Headings are named for their anchors in every script; ASCII headings
// keep goldmark's names.
func TestHeadingIDs(t *testing.T) {
	src := "## Δυσκολίες που αντιμετωπίστηκαν\n\n## Evidence of success\n\n## Evidence of success\n\n## Évaluation (2014–2020)\n\n## Прилози\n\n## ???\n\n## snake_case and C++\n"
	var got []string
	for _, h := range Parse([]byte(src)).Headings {
		got = append(got, h.ID)
	}
	want := []string{"δυσκολίες-που-αντιμετωπίστηκαν", "evidence-of-success", "evidence-of-success-1", "évaluation-20142020", "прилози", "heading", "snake-case-and-c"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids %q; want %q", got, want)
	}
}

func TestTextSectionsAreBounded(t *testing.T) {
	src := strings.Repeat("## Notes\n\nSome words.\n\n", MaxSections+50)
	text, sections := Parse([]byte(src)).TextSections()
	if len(sections) != MaxSections {
		t.Fatalf("%d sections; want at most %d", len(sections), MaxSections)
	}
	if last := sections[len(sections)-1]; last.End != len(text) || last.ID != "notes-99" {
		t.Errorf("the last section %+v ends at %d; want it to hold the rest of the text (%d bytes)", last, last.End, len(text))
	}
}

// TestSectionsShareHeadingStrings: a section's heading text and ID are
// the strings of the Heading of the same node, not copies of their own,
// also after headings that start no section.
func TestSectionsShareHeadingStrings(t *testing.T) {
	doc := Parse([]byte("# Title\n\nIntro.\n\n## First\n\nOne.\n\n#### Deep\n\nTwo.\n\n##\n\n### Second *part*\n\nThree.\n"))
	_, sections := doc.TextSections()
	if len(sections) != 2 {
		t.Fatalf("%d sections, want 2: %+v", len(sections), sections)
	}
	for _, sec := range sections {
		shared := false
		for _, h := range doc.Headings {
			if unsafe.StringData(h.Text) == unsafe.StringData(sec.Heading) && unsafe.StringData(h.ID) == unsafe.StringData(sec.ID) {
				shared = true
			}
		}
		if !shared {
			t.Errorf("section %q (%s) keeps strings of its own", sec.Heading, sec.ID)
		}
	}
}
