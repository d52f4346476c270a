// Package kb holds the knowledge-base views: what the platform shows
// beyond a list of pages. The comparison of policy profiles against the
// thematic areas (compare.go), an area's learning path (learning.go), the
// home page's heat map of practices by area and country (dashboard.go),
// the maps of the home, country, region and area pages (maps.go, drawn
// by package geo), and the evidence a strategy builds on (strategy.go).
//
// Each view is a function from a Page (the content as one page reads it,
// its words and its links) to a view model that the theme's layouts
// show. A Page records everything it hands out, so polisee serve knows
// which pages a change touches; the views never reach the content
// otherwise. The built-in types they work with (profiles, areas,
// practices...) are named through the model's Folder constants.
package kb

import (
	"github.com/clusterpolisee/polisee/generator/i18n"
	"github.com/clusterpolisee/polisee/generator/model"
)

// Page is what a view reads: the content as one page sees it (in its
// language), recorded as it is handed out, with the page's words and
// links.
type Page interface {
	// Items lists a type's published items in its list order.
	Items(folder string) []*model.Item
	// Ref finds an item by folder and key, or nil.
	Ref(folder, key string) *model.Item
	// Back lists what refers to an item; BackGroups the same by type,
	// in schema order.
	Back(it *model.Item) []*model.Item
	BackGroups(it *model.Item) []Group
	// LocalIn holds the practices and pilots of a country (uppercase
	// ISO code), practices first, then by title; nil for none.
	LocalIn(country string) *LocalSet
	// Lessons lists the practices and pilots on an area, the most
	// tested first (RankLessons).
	Lessons(area *model.Item) []Lesson
	// LessonsNaming counts the area's lessons that name the country.
	LessonsNaming(area *model.Item, country string) int
	// RegionCounts counts the practices of every region (CountByRegion).
	RegionCounts() *RegionCounts
	Schema() *model.Schema
	Words() *i18n.Translator
	// Rel links to a site path from the page.
	Rel(sitePath string) string
	// SearchEnabled reports whether the site has browser search.
	SearchEnabled() bool
}

// Group is a list of items of one type shown on a page.
type Group struct {
	Type  *model.Type
	Items []*model.Item
}

// ScoreText says a score on the scale: "3 of 4"; empty for no score.
func ScoreText(v Page, score int) string {
	if score <= 0 {
		return ""
	}
	return v.Words().T("score.of_max", "score", score, "max", MaxScore)
}
