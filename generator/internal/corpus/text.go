package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// The prose is assembled from phrases of the policy vocabulary, so that
// word frequencies, sentence lengths and Markdown structure resemble the
// real content closely enough for parsing, rendering and indexing costs to
// be representative.
var (
	subjects = []string{
		"The regional development agency", "The cluster organisation", "The managing authority",
		"Member firms", "Partner universities", "The ministry responsible for the economy",
		"The chamber of commerce", "A network of technology centres", "Small and medium-sized enterprises",
		"The regional government", "The innovation agency", "Local authorities",
	}
	verbs = []string{
		"coordinated", "financed", "launched", "evaluated", "supported", "piloted", "extended",
		"co-financed", "monitored", "designed", "promoted", "adapted",
	}
	objects = []string{
		"joint research and development projects", "an innovation voucher scheme", "a cluster accreditation system",
		"training programmes for cluster managers", "matchmaking events with foreign clusters",
		"a regional smart specialisation strategy", "shared testing facilities", "export consortia",
		"eco-innovation audits of member firms", "a guarantee fund for cluster members",
		"apprenticeships in advanced manufacturing", "technology transfer between partners",
		"a benchmarking of cluster management", "calls for collaborative innovation projects",
	}
	modifiers = []string{
		"in the 2014-2020 programming period", "with ERDF co-financing", "under the regional operational programme",
		"together with neighbouring regions", "after a consultation of stakeholders", "in three successive calls",
		"on the model of earlier national programmes", "with a small management team", "for the first time",
		"within the framework of the ClusterPoliSEE project", "with a budget set every year", "across several sectors",
	}
	results = []string{
		"firms took part in joint projects", "new products reached the market", "cluster managers were trained",
		"partnerships with foreign clusters were signed", "jobs were created in member firms",
		"applications were received in the last call", "patent applications were filed",
		"companies joined the cluster", "projects were co-financed",
	}
	sectorWords = []string{
		"textile", "automotive", "ICT", "food", "wood and furniture", "tourism", "energy", "logistics",
		"biotechnology", "mechatronics", "creative industries", "agri-food",
	}
	instrumentWords = []string{
		"Innovation vouchers", "Cluster excellence programme", "Joint R&D grants", "Export support scheme",
		"Green transition fund", "Skills partnership", "Cluster accreditation", "Technology transfer network",
		"Smart specialisation platform", "Seed capital facility",
	}
)

// prose writes Markdown prose into b.
type prose struct {
	r *rand.Rand
	b *bytes.Buffer
}

func (p prose) sentence() string {
	s := pick(p.r, subjects) + " " + pick(p.r, verbs) + " " + pick(p.r, objects)
	if p.r.IntN(3) > 0 {
		s += " " + pick(p.r, modifiers)
	}
	switch p.r.IntN(5) {
	case 0:
		s += ", which " + pick(p.r, verbs) + " " + pick(p.r, objects)
	case 1:
		s += fmt.Sprintf(" for some %d %s firms", 10+p.r.IntN(190), pick(p.r, sectorWords))
	}
	return s + "."
}

// paragraph writes 3 to 6 sentences wrapped at about 100 columns, with
// an occasional emphasis so that inline parsing has work to do.
func (p prose) paragraph(extra ...string) {
	var words []string
	n := 3 + p.r.IntN(4)
	for i := 0; i < n; i++ {
		s := p.sentence()
		if p.r.IntN(8) == 0 {
			s = "**" + strings.TrimSuffix(s, ".") + "**."
		}
		words = append(words, strings.Fields(s)...)
	}
	for _, e := range extra {
		words = append(words, strings.Fields(e)...)
	}
	p.wrap(words)
	p.b.WriteByte('\n')
}

func (p prose) wrap(words []string) {
	col := 0
	for _, w := range words {
		if col > 0 && col+1+len(w) > 100 {
			p.b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			p.b.WriteByte(' ')
			col++
		}
		p.b.WriteString(w)
		col += len(w)
	}
	p.b.WriteByte('\n')
}

// bullets writes a list of measured results.
func (p prose) bullets(n int) {
	for i := 0; i < n; i++ {
		fmt.Fprintf(p.b, "- %d %s by %d.\n", 5+p.r.IntN(400), pick(p.r, results), 2010+p.r.IntN(15))
	}
	p.b.WriteByte('\n')
}

// avgParagraph is about the size of a paragraph, in bytes.
const avgParagraph = 600

// section writes a second-level heading and paragraphs until the section
// has about size bytes: it stops when the next paragraph would overshoot
// by more than it would fall short. links are woven into the first
// paragraphs.
func (p prose) section(title string, size int, links []string, list bool) {
	start := p.b.Len()
	p.b.WriteString("## " + title + "\n\n")
	for i := 0; i == 0 || p.b.Len()-start+avgParagraph/2 < size; i++ {
		var extra []string
		if i < len(links) {
			extra = append(extra, links[i])
		}
		p.paragraph(extra...)
		if list && i == 0 {
			p.bullets(3 + p.r.IntN(3))
		}
	}
}

// sentences returns prefix followed by as many generated sentences as fit
// in max bytes, at least one.
func (p prose) sentences(prefix string, max int) string {
	s := p.sentence()
	if prefix != "" {
		s = prefix + lowerFirst(s)
	}
	for {
		next := s + " " + p.sentence()
		if len(next) > max {
			return clip(s, max)
		}
		s = next
	}
}

// clip shortens s to at most max bytes, cutting at a word boundary. The
// schema counts characters, which are never more than bytes.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max-1] // room for the final stop
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",;") + "."
}
