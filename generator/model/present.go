package model

import (
	"cmp"
	"slices"
	"strings"
)

// FacetURL is the page of the items of type t whose field has value.
func (t *Type) FacetURL(field, value string) string {
	return "/" + t.Folder + "/" + field + "/" + value + "/"
}

// SortList orders a list as the type's Presentation.Order says: by
// title, or by a field (descending with a leading "-"), items without it
// last and ties by title.
func (t *Type) SortList(items []*Item) {
	if t == nil {
		SortItems(items)
		return
	}
	name, desc := strings.CutPrefix(t.Present.Order, "-")
	f := t.Field(name)
	if name == "" || name == "title" || f == nil {
		SortItems(items)
		return
	}
	// Each item's value is read once (from packed front matter, a
	// decoding: see Item.Field), not at every comparison.
	type keyed struct {
		it  *Item
		key any
	}
	list := make([]keyed, len(items))
	for i, it := range items {
		list[i] = keyed{it, it.Value(name)}
	}
	slices.SortFunc(list, func(kx, ky keyed) int {
		x, y, a, b := kx.it, ky.it, kx.key, ky.key
		switch za, zb := isZero(a), isZero(b); {
		case za && !zb:
			return 1
		case zb && !za:
			return -1
		case !za:
			c := compareValues(a, b)
			if desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return CompareItems(x, y)
	})
	for i, k := range list {
		items[i] = k.it
	}
}

// isZero reports a missing value, or one that counts as missing in a
// list's order (an order of 0).
func isZero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case int:
		return v == 0
	case Date:
		return v.IsZero()
	case string:
		return v == ""
	}
	return false
}

// compareValues orders two values of one field: numbers, dates, text.
func compareValues(a, b any) int {
	switch a := a.(type) {
	case int:
		if b, ok := b.(int); ok {
			return cmp.Compare(a, b)
		}
	case float64:
		if b, ok := b.(float64); ok {
			return cmp.Compare(a, b)
		}
	case Date:
		if b, ok := b.(Date); ok {
			return a.Compare(b)
		}
	case string:
		if b, ok := b.(string); ok {
			return cmp.Compare(strings.ToLower(a), strings.ToLower(b))
		}
	}
	return 0
}
