package model

import "strings"

// Localized returns the content as the pages in lang show it.
//
// An item with a translation into lang (slug.LANG.md) becomes a copy of
// the original that takes the translation's words and keeps the
// original's facts: every field the translation gives replaces the
// original's (checking has made sure that facts given again are the
// same), every field it leaves out is inherited, and the body is the
// translation's. Its Lang is lang, its Path and DisplayPath are the
// translation's file (where an editor changes its words), and Original is
// the item it translates: both files make its page. The original's lang
// field is not inherited: a translation's language is its file name's.
//
// An item without a translation into lang stays as it is, in its own
// language (the default, or the one its lang field gives), so that every
// page exists in every language; a page can tell by comparing the item's
// Lang with its own. For a language no file is translated into, such as
// the default language of a site whose originals are all in it,
// Localized returns the content itself. Content that Localized made
// localizes from the content it was made from.
func (c *Content) Localized(lang string) *Content {
	c = c.Base()
	if len(c.Site.Languages) == 0 {
		return c
	}
	translations := map[string]*Item{}
	for _, tr := range c.Translations {
		if tr.Lang == lang {
			translations[tr.Type.Folder+"/"+tr.Slug] = tr
		}
	}
	if len(translations) == 0 {
		return c
	}
	out := &Content{Site: c.Site, Schema: c.Schema, Translations: c.Translations, base: c, byFolder: map[string][]*Item{}, keys: map[string]map[string]*Item{}}
	localized := map[*Item]*Item{}
	for _, it := range c.Items {
		if tr := translations[it.Type.Folder+"/"+it.Slug]; tr != nil {
			loc := localize(it, tr)
			localized[it] = loc
			it = loc
		}
		out.Items = append(out.Items, it)
	}
	swap := func(it *Item) *Item {
		if loc := localized[it]; loc != nil {
			return loc
		}
		return it
	}
	for folder, items := range c.byFolder {
		list := make([]*Item, len(items))
		for i, it := range items {
			list[i] = swap(it)
		}
		out.byFolder[folder] = list
	}
	for folder, keys := range c.keys {
		m := make(map[string]*Item, len(keys))
		for k, it := range keys {
			m[k] = swap(it)
		}
		out.keys[folder] = m
	}
	return out
}

// Base is the content as loaded, which Localized made c from: its Items
// are the originals, each in its own language. It is c itself when
// Localized did not make it.
func (c *Content) Base() *Content {
	if c.base != nil {
		return c.base
	}
	return c
}

// localize merges a translation over its original.
func localize(orig, tr *Item) *Item {
	loc := *orig
	loc.Original = orig
	loc.Lang, loc.Path, loc.DisplayPath = tr.Lang, tr.Path, tr.DisplayPath
	if orig.data == nil && orig.packed != "" || tr.data == nil && tr.packed != "" {
		// Packed front matter (packenc.go) is read through, not merged.
		loc.data, loc.packed, loc.packedFrom = nil, "", tr
	} else {
		loc.data = localizedData(orig, tr)
	}
	loc.FieldPos = tr.FieldPos
	loc.Body, loc.BodyLine = tr.Body, tr.BodyLine
	loc.frontMatter, loc.onDisk = tr.frontMatter, tr.onDisk
	loc.Title = loc.String("title")
	if loc.Title == "" {
		loc.Title = orig.Title
	}
	loc.Summary = loc.String("summary")
	loc.Updated = loc.Date("updated")
	loc.SortKey = strings.ToLower(loc.Title)
	return &loc
}

// localizedData is the front matter of orig as its translation tr gives
// it: tr's fields over orig's, but for orig's lang field.
func localizedData(orig, tr *Item) map[string]any {
	data := make(map[string]any, len(orig.data))
	for k, v := range orig.data {
		if k != "lang" {
			data[k] = v
		}
	}
	for k, v := range tr.data {
		data[k] = v
	}
	return data
}
