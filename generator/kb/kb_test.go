package kb

import (
	"testing"

	"github.com/clusterpolisee/polisee/generator/i18n"
	"github.com/clusterpolisee/polisee/generator/model"
)

// fakePage serves items from memory, with English words for scores.
type fakePage struct {
	items map[string][]*model.Item
	local map[string][]Local
}

func (p fakePage) Items(folder string) []*model.Item { return p.items[folder] }
func (p fakePage) Ref(folder, key string) *model.Item {
	for _, it := range p.items[folder] {
		if it.Key() == key || it.Slug == key {
			return it
		}
	}
	return nil
}
func (p fakePage) Back(*model.Item) []*model.Item        { return nil }
func (p fakePage) BackGroups(*model.Item) []Group        { return nil }
func (p fakePage) LocalIn(country string) *LocalSet      { return NewLocalSet(p.local[country]) }
func (p fakePage) Lessons(*model.Item) []Lesson          { return nil }
func (p fakePage) LessonsNaming(*model.Item, string) int { return 0 }
func (p fakePage) RegionCounts() *RegionCounts           { return CountByRegion(p) }
func (p fakePage) Schema() *model.Schema                 { return model.Builtin }
func (p fakePage) Rel(path string) string                { return path }
func (p fakePage) SearchEnabled() bool                   { return true }
func (p fakePage) Words() *i18n.Translator {
	return i18n.New("en", map[string]string{"score.of_max": "{score} of {max}", "score.not_assessed": "Not assessed", "score.not_covered": "Not covered"})
}

func item(folder, slug string, data map[string]any) *model.Item {
	return model.NewItem(model.Builtin.Type(folder), slug, slug, data)
}

// A profile's row: a score, an area listed without one, an area it does
// not cover, each said in words; the period read as years.
func TestRow(t *testing.T) {
	areas := []*model.Item{item(model.FolderAreas, "a", nil), item(model.FolderAreas, "b", nil), item(model.FolderAreas, "c", nil)}
	p := item(model.FolderProfiles, "hu", map[string]any{
		"country": "HU", "period": "2007-2013", "areas": []any{"a", "b"},
		"assessment": []model.MapEntry{{Key: "a", Value: map[string]any{"score": 3, "note": "n"}}},
	})
	page := fakePage{items: map[string][]*model.Item{model.FolderAreas: areas}}
	r := Row(page, p)
	if r.From != 2007 || r.To != 2013 || r.Scored != 1 {
		t.Errorf("period %d-%d, scored %d", r.From, r.To, r.Scored)
	}
	var got []string
	for _, c := range r.Scores {
		got = append(got, c.State+":"+c.StateText)
	}
	want := []string{"scored:3 of 4", "not-assessed:Not assessed", "not-covered:Not covered"}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("cells %v, want %v", got, want)
	}
	if r.Scores[0].Pips() != "●●●○" {
		t.Errorf("pips %q", r.Scores[0].Pips())
	}
}

// A profile lists its country's practices and pilots, its region's
// first, then those sharing most of its areas, at most maxLocal.
func TestProfileLocal(t *testing.T) {
	var local []Local
	for i := range 15 {
		it := item(model.FolderPractices, string(rune('a'+i)), nil)
		l := Local{Item: it}
		if i == 14 {
			l.Regions = []string{"HU11"}
		}
		if i%2 == 0 {
			l.Areas = []string{"x"}
		}
		local = append(local, l)
	}
	page := fakePage{local: map[string][]Local{"HU": local}}
	p := item(model.FolderProfiles, "hu", map[string]any{"country": "hu", "region": "hu11", "areas": []any{"x"}})
	items := ProfileLocal(page, p)
	if len(items) != maxLocal || ProfileLocalTotal(page, p) != 15 {
		t.Fatalf("got %d of %d", len(items), ProfileLocalTotal(page, p))
	}
	if items[0].Item.Slug != "o" || !items[0].SameRegion {
		t.Errorf("first: %s (same region %v), want o from the profile's region", items[0].Item.Slug, items[0].SameRegion)
	}
	// Then the seven sharing the area, in the order given; then two more.
	if items[1].Item.Slug != "a" || items[7].Item.Slug != "m" || items[8].Item.Slug != "b" || items[9].Item.Slug != "d" {
		t.Errorf("order: %s, %s, %s, %s", items[1].Item.Slug, items[7].Item.Slug, items[8].Item.Slug, items[9].Item.Slug)
	}
}
