package model

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// iso3166 holds the ISO 3166-1 alpha-2 codes, plus XK, which the European
// Commission uses for Kosovo.
var iso3166 = func() map[string]bool {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
		"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
		"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
		"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
		"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
		"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
		"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK"
	m := map[string]bool{}
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}()

var nutsPattern = regexp.MustCompile(`^[A-Z]{2}[0-9A-Z]{0,3}$`)

// index builds the lookup tables and checks that keys are unique.
func (c *Content) index(diags *diag.List) {
	for _, it := range c.Items {
		f := it.Type.Folder
		c.byFolder[f] = append(c.byFolder[f], it)
		if c.keys[f] == nil {
			c.keys[f] = map[string]*Item{}
		}
		key := it.Key()
		if other, dup := c.keys[f][key]; dup {
			diags.Errorf(it.DisplayPath, it.posOf(it.Type.KeyField), "%s %q is already defined in %s", it.Type.Singular, key, other.DisplayPath)
			continue
		}
		c.keys[f][key] = it
	}
	for _, items := range c.byFolder {
		sort.SliceStable(items, func(i, j int) bool { return items[i].Slug < items[j].Slug })
	}
	sort.SliceStable(c.Items, func(i, j int) bool {
		a, b := c.Items[i], c.Items[j]
		if a.Type != b.Type {
			return c.Schema.Index(a.Type) < c.Schema.Index(b.Type)
		}
		return a.Slug < b.Slug
	})
	sort.SliceStable(c.Translations, func(i, j int) bool { return c.Translations[i].Path < c.Translations[j].Path })
}

// posOf returns the position of a top-level field, or the top of the file.
func (it *Item) posOf(field string) diag.Pos {
	if p, ok := it.FieldPos[field]; ok {
		return p
	}
	return diag.Pos{Line: 1, Col: 1}
}

// keysOf lists the reference keys of a folder, for suggestions.
func (c *Content) keysOf(folder string) []string {
	keys := make([]string, 0, len(c.keys[folder]))
	for k := range c.keys[folder] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (c *Content) validate(diags *diag.List) {
	all := append(append([]*Item(nil), c.Items...), c.Translations...)
	for _, it := range all {
		for _, r := range it.refs {
			if c.Lookup(r.folder, r.key) != nil {
				continue
			}
			t := c.Schema.Type(r.folder)
			diags.Errorf(it.DisplayPath, r.pos, "unknown %s %q%s", t.Singular, r.key, didYouMean(c.normalizeKey(r.folder, r.key), c.keysOf(r.folder)))
		}
	}
	// Facts are checked on the originals; checkTranslations makes sure a
	// translation gives none that differ.
	for _, it := range c.Items {
		c.checkItem(it, diags)
	}
	c.checkTranslations(diags)
}

func (c *Content) checkItem(it *Item, diags *diag.List) {
	errf := func(field, format string, args ...any) {
		diags.Errorf(it.DisplayPath, it.posOf(field), format, args...)
	}
	switch it.Type.Folder {
	case "countries":
		iso := it.String("iso2")
		switch {
		case !iso3166[iso]:
			errf("iso2", "%q is not an ISO 3166-1 alpha-2 country code (uppercase, e.g. GR)%s", iso, didYouMean(strings.ToUpper(iso), nil))
		case strings.ToLower(iso) != it.Slug:
			errf("iso2", "iso2 %q does not match the file name: name the file countries/%s.md", iso, strings.ToLower(iso))
		}
		if p := it.String("nuts_prefix"); p != "" && !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(p) {
			errf("nuts_prefix", "nuts_prefix %q must be two uppercase letters, e.g. EL", p)
		}
	case "regions":
		nuts := it.String("nuts")
		switch {
		case !nutsPattern.MatchString(nuts):
			errf("nuts", "%q is not a NUTS code: two uppercase letters and up to three digits or letters, e.g. EL30", nuts)
		case strings.ToLower(nuts) != it.Slug:
			errf("nuts", "nuts %q does not match the file name: name the file regions/%s.md", nuts, strings.ToLower(nuts))
		default:
			if country := c.Lookup("countries", it.String("country")); country != nil {
				prefix := country.NUTSPrefix()
				if !strings.HasPrefix(nuts, prefix) {
					hint := ""
					if country.String("nuts_prefix") == "" {
						hint = fmt.Sprintf(": correct the code or the country; if %s's NUTS codes start with other letters (e.g. EL for GR), give them as nuts_prefix in %s", country.Key(), country.DisplayPath)
					}
					errf("nuts", "NUTS code %q does not start with %q, the NUTS prefix of %s%s", nuts, prefix, country.Key(), hint)
				}
			}
		}
	case "organisations":
		c.checkRegionCountry(it, "region", []string{it.String("country")}, diags)
	case "practices":
		c.checkRegionsInCountries(it, diags)
		if s, e := it.Date("start"), it.Date("end"); !s.IsZero() && !e.IsZero() && e.Before(s) {
			errf("end", "end %s is before start %s", e, s)
		}
	case "profiles":
		if it.String("scope") == "region" && !it.Has("region") {
			errf("scope", "scope is region but no region is given: add region with a NUTS code")
		}
		c.checkRegionCountry(it, "region", []string{it.String("country")}, diags)
		areas := map[string]bool{}
		for _, a := range it.Strings("areas") {
			areas[a] = true
		}
		for _, s := range it.Assessment() {
			if !areas[s.Area] {
				diags.Warnf(it.DisplayPath, it.posOf("assessment"), "assessment of %q, which is not listed in areas", s.Area)
			}
		}
		c.checkJudgements(it, diags)
		c.checkPrevious(it, diags)
		for _, in := range it.Instruments() {
			if in.Start != 0 && in.End != 0 && in.End < in.Start {
				errf("instruments", "instrument %q ends (%d) before it starts (%d)", in.Name, in.End, in.Start)
			}
		}
	case "pilots":
		c.checkRegionsInCountries(it, diags)
	case FolderAssessment:
		c.checkCriteria(it, diags)
	}
}

// checkPrevious: a profile's previous version is another profile of the
// same country, and following previous never comes back to it.
func (c *Content) checkPrevious(it *Item, diags *diag.List) {
	prev := c.Lookup(FolderProfiles, it.String("previous"))
	if prev == nil {
		return // reported as an unknown reference, or none given
	}
	errf := func(format string, args ...any) { diags.Errorf(it.DisplayPath, it.posOf("previous"), format, args...) }
	if !strings.EqualFold(prev.String("country"), it.String("country")) {
		errf("previous %q is a profile of %s, not of %s: a profile succeeds one of its own place", prev.Slug, strings.ToUpper(prev.String("country")), strings.ToUpper(it.String("country")))
		return
	}
	seen := map[*Item]bool{it: true}
	for p := prev; p != nil; p = c.Lookup(FolderProfiles, p.String("previous")) {
		if seen[p] {
			errf("previous goes round in a circle back to %q: a profile cannot succeed itself", p.Slug)
			return
		}
		seen[p] = true
	}
}

// checkCriteria: a criteria set's ids are slugs, each once; an area has
// one set.
func (c *Content) checkCriteria(it *Item, diags *diag.List) {
	seen := map[string]bool{}
	for _, cr := range it.Criteria() {
		switch {
		case !slugPattern.MatchString(cr.ID):
			diags.Errorf(it.DisplayPath, it.posOf("criteria"), "criterion id %q: use lowercase letters, digits and hyphens, e.g. %q", cr.ID, suggestSlug(cr.ID))
		case seen[cr.ID]:
			diags.Errorf(it.DisplayPath, it.posOf("criteria"), "criterion %q is listed twice", cr.ID)
		}
		seen[cr.ID] = true
	}
	if first := c.CriteriaFor(it.String("area")); first != nil && first != it {
		diags.Errorf(it.DisplayPath, it.posOf("area"), "area %q already has its criteria in %s: an area has one criteria set", it.String("area"), first.DisplayPath)
	}
}

// checkJudgements: where the site has a framework for an area, a profile
// judges the area's criteria, each at most once, every judgement that is
// not unknown citing one of the profile's sources and saying what it
// shows; the area's score then comes from the judgements, never by hand.
// Without a framework, judgements have nothing to judge against.
func (c *Content) checkJudgements(it *Item, diags *diag.List) {
	errf := func(format string, args ...any) {
		diags.Errorf(it.DisplayPath, it.posOf("judgements"), format, args...)
	}
	sources := map[string]bool{}
	for _, s := range it.Sources() {
		sources[s.URL] = true
	}
	listed := map[string]bool{}
	for _, a := range it.Strings("areas") {
		listed[a] = true
	}
	judged := map[string]bool{}
	for _, j := range it.Judgements() {
		set := c.CriteriaFor(j.Area)
		if set == nil {
			errf("judgements of %q: the site has no assessment framework for it (assessment/%s.md); remove them or add its criteria", j.Area, j.Area)
			continue
		}
		if !listed[j.Area] && !judged[j.Area] {
			diags.Warnf(it.DisplayPath, it.posOf("judgements"), "judgements of %q, which is not listed in areas", j.Area)
		}
		judged[j.Area] = true
		var ids []string
		known := false
		for _, cr := range set.Criteria() {
			ids = append(ids, cr.ID)
			known = known || cr.ID == j.Criterion
		}
		key := j.Area + "/" + j.Criterion
		switch {
		case !known:
			errf("%s: %q is not a criterion of %s%s; its criteria are: %s", j.Area, j.Criterion, set.DisplayPath, didYouMean(j.Criterion, ids), strings.Join(ids, ", "))
		case judged[key]:
			errf("%s: criterion %q is judged twice", j.Area, j.Criterion)
		case j.State != "unknown" && (j.Source == "" || j.Note == ""):
			errf("%s: %q is judged %s without its evidence: give source (one of the profile's sources) and note (what it shows), or say unknown", j.Area, j.Criterion, j.State)
		case j.Source != "" && !sources[j.Source]:
			errf("%s: the evidence for %q cites %s, which is not among the profile's sources: add it to sources", j.Area, j.Criterion, j.Source)
		}
		judged[key] = true
	}
	for _, s := range it.Assessment() {
		if s.Score > 0 && c.CriteriaFor(s.Area) != nil {
			diags.Errorf(it.DisplayPath, it.posOf("assessment"), "the score of %q comes from its criteria (%s): remove score, and judge the criteria under judgements", s.Area, c.CriteriaFor(s.Area).DisplayPath)
		}
	}
}

// NUTSPrefix is the NUTS prefix of a country: nuts_prefix, or the ISO code.
func (it *Item) NUTSPrefix() string {
	if p := it.String("nuts_prefix"); p != "" {
		return p
	}
	return it.String("iso2")
}

func (c *Content) checkRegionCountry(it *Item, field string, countries []string, diags *diag.List) {
	r := c.Lookup("regions", it.String(field))
	if r == nil {
		return
	}
	rc := strings.ToUpper(r.String("country"))
	for _, cc := range countries {
		if strings.ToUpper(cc) == rc {
			return
		}
	}
	diags.Errorf(it.DisplayPath, it.posOf(field), "region %s is in %s, not in %s", r.Key(), rc, strings.ToUpper(strings.Join(countries, ", ")))
}

func (c *Content) checkRegionsInCountries(it *Item, diags *diag.List) {
	listed := map[string]bool{}
	for _, cc := range it.Strings("countries") {
		listed[strings.ToUpper(cc)] = true
	}
	for _, code := range it.Strings("regions") {
		r := c.Lookup("regions", code)
		if r == nil {
			continue
		}
		if rc := strings.ToUpper(r.String("country")); !listed[rc] {
			diags.Errorf(it.DisplayPath, it.posOf("regions"), "region %s is in %s, which is not listed in countries", r.Key(), rc)
		}
	}
}

// checkTranslations requires an original for every translation, and the
// same structured fields: a translation changes words, not facts.
func (c *Content) checkTranslations(diags *diag.List) {
	for _, tr := range c.Translations {
		orig := c.keys[tr.Type.Folder][tr.Slug]
		if tr.Type.KeyField != "" {
			orig = nil
			for _, it := range c.byFolder[tr.Type.Folder] {
				if it.Slug == tr.Slug {
					orig = it
				}
			}
		}
		if orig == nil {
			diags.Errorf(tr.DisplayPath, diag.Pos{Line: 1, Col: 1}, "translation without an original: add %s/%s.md, or rename this file", tr.Type.Folder, tr.Slug)
			continue
		}
		for _, f := range tr.Type.Fields {
			if IsWords(f) || f.Name == "sources" || f.Name == "tags" || f.Name == "draft" || f.Name == "updated" || f.Name == "lang" {
				continue
			}
			v, ok := tr.Field(f.Name)
			if !ok {
				continue // inherited from the original
			}
			if o := orig.Value(f.Name); fmt.Sprint(v) != fmt.Sprint(o) && !sameScores(f, v, o) {
				diags.Errorf(tr.DisplayPath, tr.posOf(f.Name), "%s differs from the original %s; leave it out to inherit it, or change both", f.Name, orig.DisplayPath)
			}
		}
	}
}

// sameScores compares assessments by their scores only: notes are prose
// and are translated.
func sameScores(f *Field, a, b any) bool {
	if f.Kind != KindMap {
		return false
	}
	scores := func(v any) string {
		l, _ := v.([]MapEntry)
		var parts []string
		for _, e := range l {
			m, _ := e.Value.(map[string]any)
			parts = append(parts, fmt.Sprint(e.Key, "=", m["score"]))
		}
		sort.Strings(parts)
		return strings.Join(parts, ",")
	}
	return scores(a) == scores(b)
}
