package model

import (
	"slices"
	"strings"
)

// Schema is the set of content types of one site: the built-in Types,
// then the types the site declares in its schema.yaml (declare.go), in
// the order the site presents them.
type Schema struct {
	Types    []*Type
	byFolder map[string]*Type
	index    map[*Type]int
}

// NewSchema makes a schema of types, in the order given.
func NewSchema(types []*Type) *Schema {
	s := &Schema{Types: types, byFolder: map[string]*Type{}, index: map[*Type]int{}}
	for i, t := range types {
		s.byFolder[t.Folder] = t
		s.index[t] = i
	}
	return s
}

// Builtin is the schema of a site that declares no types of its own.
var Builtin = NewSchema(Types)

// Type returns the type stored in folder, or nil.
func (s *Schema) Type(folder string) *Type { return s.byFolder[folder] }

// Folders lists the content folders, in schema order.
func (s *Schema) Folders() []string {
	out := make([]string, len(s.Types))
	for i, t := range s.Types {
		out[i] = t.Folder
	}
	return out
}

// Index is the position of t in the schema; types not in it come last.
func (s *Schema) Index(t *Type) int {
	if i, ok := s.index[t]; ok {
		return i
	}
	return len(s.Types)
}

// TypeByName finds a type by its folder or its singular name (practices or
// practice), ignoring case; nil when there is none.
func (s *Schema) TypeByName(name string) *Type {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, t := range s.Types {
		if t.Folder == name || t.Singular == name {
			return t
		}
	}
	return nil
}

// TypeNames lists the names TypeByName accepts, singular first.
func (s *Schema) TypeNames() []string {
	var out []string
	for _, t := range s.Types {
		out = append(out, t.Singular)
	}
	return out
}

// InNav lists the types of the header's main menu, in menu order; InFooter
// those of the footer. Ties keep schema order.
func (s *Schema) InNav() []*Type    { return s.placed(func(t *Type) int { return t.Present.Nav }) }
func (s *Schema) InFooter() []*Type { return s.placed(func(t *Type) int { return t.Present.Footer }) }

func (s *Schema) placed(at func(*Type) int) []*Type {
	var out []*Type
	for _, t := range s.Types {
		if at(t) > 0 {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b *Type) int { return at(a) - at(b) })
	return out
}

// Where lists the types for which keep is true, in schema order.
func (s *Schema) Where(keep func(*Type) bool) []*Type {
	var out []*Type
	for _, t := range s.Types {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

// Folders of the built-in types whose items the knowledge-base views
// (compare, learning paths, the dashboard, the strategy) work with. The
// generator names a content folder only through these and the types'
// Presentation.
const (
	FolderPractices     = "practices"
	FolderProfiles      = "profiles"
	FolderPilots        = "pilots"
	FolderMechanisms    = "mechanisms"
	FolderDocuments     = "documents"
	FolderAreas         = "areas"
	FolderCountries     = "countries"
	FolderRegions       = "regions"
	FolderOrganisations = "organisations"
	FolderGlossary      = "glossary"
	FolderPages         = "pages"
	FolderAssessment    = "assessment"
)
