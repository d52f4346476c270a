package generator

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/geo"
	"github.com/clusterpolisee/polisee/generator/model"
)

// checkNUTS holds the regions to the boundaries the maps draw (package
// geo): a region coded in NUTS 2021 (nuts_version 2021, or no
// nuts_version: 2021 is assumed) must have a code the boundaries know, a
// NUTS 2 or NUTS 3 region of the partner countries (or a NUTS 1 code
// that is the parent of some of their NUTS 2 regions); any other is an
// error at its nuts field. A region of another NUTS version is listed
// without a shape, with a warning at its nuts_version.
func checkNUTS(c *model.Content, diags *diag.List) {
	regions := c.ByFolder(model.FolderRegions)
	if len(regions) == 0 {
		return
	}
	a, err := geo.Load()
	if err != nil {
		diags.Errorf("generator/geo", diag.Pos{}, "the map boundaries cannot be read: %v", err)
		return
	}
	for _, r := range regions {
		code := r.String("nuts")
		if !nutsCode.MatchString(code) || strings.ToLower(code) != r.Slug {
			continue // model's checks report it
		}
		if country := c.Lookup(model.FolderCountries, r.String("country")); country != nil && !strings.HasPrefix(code, country.NUTSPrefix()) {
			continue // so do they a code of another country
		}
		pos := func(field string) diag.Pos {
			if p, ok := r.FieldPos[field]; ok {
				return p
			}
			return diag.Pos{Line: 1, Col: 1}
		}
		if v := r.Int("nuts_version"); v != 0 && v != geo.Version {
			diags.Warnf(r.DisplayPath, pos("nuts_version"), "region %s is coded in NUTS %d: it is listed without a shape, since the maps draw the NUTS %d boundaries; give its NUTS %d code to map it", code, v, geo.Version, geo.Version)
			continue
		}
		if a.Known(code) {
			continue
		}
		assumed := ""
		if !r.Has("nuts_version") {
			assumed = " (no nuts_version is given, so NUTS 2021 is assumed)"
		}
		hint := ""
		if s := model.Suggest(code, nutsCandidates(a, code)); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		diags.Errorf(r.DisplayPath, pos("nuts"), "%q is not a NUTS 2021 region of the map boundaries%s, which hold the NUTS 2 and 3 regions of %s: correct the code%s, or, if it is a code of another NUTS version, give that version in nuts_version (the region is then listed without a shape)",
			code, assumed, strings.Join(coveredCountries(a), ", "), hint)
	}
}

var nutsCode = regexp.MustCompile(`^[A-Z]{2}[0-9A-Z]{0,3}$`)

// nutsCandidates are the codes of the boundaries at the level of code
// (by its length), for a suggestion.
func nutsCandidates(a *geo.Atlas, code string) []string {
	var out []string
	for c := range a.Regions {
		if len(c) == len(code) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// coveredCountries lists the NUTS prefixes whose regions the boundaries
// hold.
func coveredCountries(a *geo.Atlas) []string {
	var out []string
	for c := range a.Countries {
		if a.Covers(c) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}
