package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The fixed entities are the real ones of the project (areas, countries)
// and real NUTS 2 codes, so that references look like those editors write.

type area struct{ slug, title, short string }

var areas = []area{
	{"innovation-rd", "Innovation, R&D driven cluster development", "Innovation"},
	{"sustainability", "Sustainability through cluster development and eco-innovation", "Sustainability"},
	{"internationalisation", "International cluster cooperation and networking", "Internationalisation"},
	{"financial-framework", "Financial framework improvement", "Finance"},
	{"smart-specialisation", "Clusters and regional (smart) specialisation", "Smart specialisation"},
	{"skills-jobs", "New skills and jobs creation", "Skills and jobs"},
}

type country struct {
	slug, title, nutsPrefix string
	eu                      bool
}

var countries = []country{
	{"al", "Albania", "", false},
	{"at", "Austria", "", true},
	{"bg", "Bulgaria", "", true},
	{"gr", "Greece", "EL", true},
	{"hr", "Croatia", "", true},
	{"hu", "Hungary", "", true},
	{"it", "Italy", "", true},
	{"ro", "Romania", "", true},
	{"rs", "Serbia", "", false},
	{"si", "Slovenia", "", true},
	{"sk", "Slovakia", "", true},
}

func (c country) iso2() string { return strings.ToUpper(c.slug) }

type region struct{ nuts, title, country string }

// regions are NUTS 2 regions (2021 version) of the partner countries;
// Greek codes start with EL, not GR.
var regions = []region{
	{"AL01", "Veri", "al"}, {"AL02", "Qender", "al"}, {"AL03", "Jug", "al"},
	{"AT12", "Niederösterreich", "at"}, {"AT13", "Wien", "at"}, {"AT22", "Steiermark", "at"}, {"AT31", "Oberösterreich", "at"},
	{"BG33", "Severoiztochen", "bg"}, {"BG41", "Yugozapaden", "bg"}, {"BG42", "Yuzhen tsentralen", "bg"},
	{"EL30", "Attiki", "gr"}, {"EL43", "Kriti", "gr"}, {"EL52", "Kentriki Makedonia", "gr"}, {"EL63", "Dytiki Ellada", "gr"},
	{"HR02", "Panonska Hrvatska", "hr"}, {"HR03", "Jadranska Hrvatska", "hr"}, {"HR05", "Grad Zagreb", "hr"},
	{"HU11", "Budapest", "hu"}, {"HU22", "Nyugat-Dunántúl", "hu"}, {"HU32", "Észak-Alföld", "hu"}, {"HU33", "Dél-Alföld", "hu"},
	{"ITC4", "Lombardia", "it"}, {"ITH3", "Veneto", "it"}, {"ITH5", "Emilia-Romagna", "it"}, {"ITI3", "Marche", "it"},
	{"RO11", "Nord-Vest", "ro"}, {"RO12", "Centru", "ro"}, {"RO21", "Nord-Est", "ro"}, {"RO32", "București-Ilfov", "ro"},
	{"RS11", "Beogradski region", "rs"}, {"RS12", "Region Vojvodine", "rs"}, {"RS21", "Region Šumadije i Zapadne Srbije", "rs"},
	{"SI03", "Vzhodna Slovenija", "si"}, {"SI04", "Zahodna Slovenija", "si"},
	{"SK01", "Bratislavský kraj", "sk"}, {"SK02", "Západné Slovensko", "sk"}, {"SK04", "Východné Slovensko", "sk"},
}

// regionsOf lists the regions of a country (by slug), in table order.
func regionsOf(countrySlug string) []region {
	var out []region
	for _, r := range regions {
		if r.country == countrySlug {
			out = append(out, r)
		}
	}
	return out
}

func areaFiles() []file {
	var files []file
	for i, a := range areas {
		var d doc
		d.str("title", a.title)
		d.str("short", a.short)
		d.raw("order", strconv.Itoa(i+1))
		d.str("summary", "One of the six thematic priority areas of the benchmark corpus: "+strings.ToLower(a.short)+".")
		fmt.Fprintf(&d.body, "The %s working group collects good practices and assesses policy profiles.\n", strings.ToLower(a.short))
		files = append(files, file{"areas/" + a.slug + ".md", d.bytes()})
	}
	return files
}

func countryFiles() []file {
	var files []file
	for _, c := range countries {
		var d doc
		d.str("title", c.title)
		d.str("iso2", c.iso2())
		if c.nutsPrefix != "" {
			d.str("nuts_prefix", c.nutsPrefix)
		}
		d.raw("eu", strconv.FormatBool(c.eu))
		d.str("summary", c.title+" is a partner country of the benchmark corpus.")
		fmt.Fprintf(&d.body, "%s takes part in the benchmark corpus with %d regions.\n", c.title, len(regionsOf(c.slug)))
		files = append(files, file{"countries/" + c.slug + ".md", d.bytes()})
	}
	return files
}

func regionFiles() []file {
	var files []file
	for _, r := range regions {
		var d doc
		d.str("title", r.title)
		d.str("nuts", r.nuts)
		d.str("country", strings.ToUpper(r.country))
		d.raw("nuts_version", "2021")
		fmt.Fprintf(&d.body, "%s (%s) is a NUTS 2 region.\n", r.title, r.nuts)
		files = append(files, file{"regions/" + strings.ToLower(r.nuts) + ".md", d.bytes()})
	}
	return files
}

var (
	orgKinds = []string{"public-authority", "ministry", "development-agency", "research",
		"university", "cluster-organisation", "chamber", "business-support", "other"}
	orgRoles = []string{"lead", "partner", "associated", "external"}
	orgNames = []string{"Development Agency", "Cluster Association", "Chamber of Commerce",
		"Innovation Centre", "Technology Park", "University", "Business Support Centre"}
)

// orgsPerCountry gives 55 organisations over the eleven countries.
const orgsPerCountry = 5

type org struct {
	slug, title, kind, role, country string
	region                           string // NUTS code, or ""
}

func makeOrgs(r *rand.Rand) []org {
	var out []org
	for _, c := range countries {
		regs := regionsOf(c.slug)
		for j := 0; j < orgsPerCountry; j++ {
			reg := regs[j%len(regs)]
			o := org{
				slug:    fmt.Sprintf("org-%s-%d", c.slug, j+1),
				title:   reg.title + " " + pick(r, orgNames),
				kind:    pick(r, orgKinds),
				role:    pick(r, orgRoles),
				country: c.slug,
			}
			if r.IntN(4) > 0 {
				o.region = reg.nuts
			}
			out = append(out, o)
		}
	}
	return out
}

func orgFiles(orgs []org) []file {
	var files []file
	for _, o := range orgs {
		var d doc
		d.str("title", o.title)
		d.str("country", strings.ToUpper(o.country))
		d.str("kind", o.kind)
		if o.region != "" {
			d.str("region", o.region)
		}
		d.str("role", o.role)
		d.raw("website", "https://example.org/"+o.slug+"/")
		fmt.Fprintf(&d.body, "%s is a synthetic organisation of the benchmark corpus.\n", o.title)
		files = append(files, file{"organisations/" + o.slug + ".md", d.bytes()})
	}
	return files
}

// orgsIn lists the organisations of a country (by slug).
func (c *corpus) orgsIn(countrySlug string) []org {
	var out []org
	for _, o := range c.orgs {
		if o.country == countrySlug {
			out = append(out, o)
		}
	}
	return out
}

func pick[T any](r *rand.Rand, l []T) T { return l[r.IntN(len(l))] }

// sample returns k distinct elements of l in the order of l.
func sample[T any](r *rand.Rand, l []T, k int) []T {
	k = min(k, len(l))
	idx := r.Perm(len(l))[:k]
	chosen := make([]bool, len(l))
	for _, i := range idx {
		chosen[i] = true
	}
	out := make([]T, 0, k)
	for i, v := range l {
		if chosen[i] {
			out = append(out, v)
		}
	}
	return out
}
