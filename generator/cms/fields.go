package cms

import (
	"fmt"
	"strings"

	"github.com/clusterpolisee/polisee/generator/model"
)

// The patterns check enforces on values that the schema types as text,
// by field name, each with the words the form shows when a value does
// not match. Kinds with a fixed shape (dates, URLs) have theirs below.
var namedPatterns = map[string][2]string{
	"iso2":        {`^[A-Z]{2}$`, "two capital letters: the ISO 3166-1 alpha-2 code, e.g. GR"},
	"nuts":        {`^[A-Z]{2}[0-9A-Z]{0,3}$`, "a NUTS code in capitals, e.g. EL30"},
	"nuts_prefix": {`^[A-Z]{2}$`, "two capital letters, e.g. EL"},
}

var (
	datePattern = [2]string{`^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`, "a date written YYYY, YYYY-MM or YYYY-MM-DD"}
	urlPattern  = [2]string{`^(https?://[^\s/?#]+[^\s]*|mailto:[^\s]+)$`, "a full address starting with https://"}
)

// widget is the form field of a schema field. top is true for the
// fields of a type (not their sub-fields): only those are translated.
func (in Input) widget(f *model.Field, top bool) (*field, error) {
	w := &field{Name: f.Name, Label: labelOf(f.Name), Hint: f.Doc, Required: f.Required}
	if top && len(in.Languages) > 1 && translatable(f) {
		w.I18n = true
		if f.Required && !model.IsWords(f) {
			// Required in the original; a translation may leave it out.
			w.Required = []string{in.Languages[0]}
		}
	}
	if err := in.shape(w, f); err != nil {
		return nil, err
	}
	return w, nil
}

// shape sets the widget and its options from the field's kind.
func (in Input) shape(w *field, f *model.Field) error {
	switch f.Kind {
	case model.KindString:
		w.Widget = "string"
		w.MaxLength = f.MaxLen
		if p, ok := namedPatterns[f.Name]; ok {
			w.Pattern = p[:]
		}
	case model.KindText:
		w.Widget, w.MaxLength = "text", f.MaxLen
	case model.KindInt, model.KindYear:
		w.Widget, w.ValueType = "number", "int"
		w.Min, w.Max = intPtr(f.Min), intPtr(f.Max)
		if f.Kind == model.KindYear {
			w.Min, w.Max = intPtr(1000), intPtr(9999)
		} else if f.Max <= f.Min {
			w.Min, w.Max = nil, nil
		}
	case model.KindNumber:
		w.Widget, w.ValueType = "number", "float"
	case model.KindBool:
		w.Widget = "boolean"
	case model.KindDate:
		w.Widget, w.Pattern = "string", datePattern[:]
	case model.KindURL:
		w.Widget, w.Pattern = "string", urlPattern[:]
	case model.KindEnum:
		w.Widget, w.Options = "select", f.Values
	case model.KindLang:
		w.Widget, w.Options = "select", in.Languages
	case model.KindRef:
		in.relation(w, f.Ref)
	case model.KindList:
		return in.list(w, f)
	case model.KindObject:
		w.Widget = "object"
		return in.subFields(w, f.Fields)
	case model.KindMap:
		return in.keyedMap(w, f)
	default:
		return fmt.Errorf("field %s: no widget for %s", f.Name, f.Kind)
	}
	return nil
}

// relation makes w pick items of the type stored in folder, by the key
// other items refer to them with.
func (in Input) relation(w *field, folder string) {
	w.Widget, w.Collection = "relation", folder
	w.ValueField, w.SearchFields, w.DisplayFields = "{{slug}}", []string{"title"}, []string{"title"}
	for _, t := range in.Types {
		if t.Folder == folder && t.KeyField != "" {
			w.ValueField = t.KeyField
			w.SearchFields = []string{"title", t.KeyField}
		}
	}
}

// list is a list of the element's values: references pick several items,
// objects repeat their sub-fields, words get one box each.
func (in Input) list(w *field, f *model.Field) error {
	e := f.Elem
	switch e.Kind {
	case model.KindRef:
		in.relation(w, e.Ref)
		w.Multiple = true
	case model.KindObject:
		w.Widget = "list"
		if err := in.subFields(w, e.Fields); err != nil {
			return err
		}
		w.Summary = "{{fields." + e.Fields[0].Name + "}}"
	default:
		w.Widget = "list"
		sub, err := in.widget(&model.Field{Name: "value", Kind: e.Kind, Values: e.Values, MaxLen: e.MaxLen, Min: e.Min, Max: e.Max}, false)
		if err != nil {
			return fmt.Errorf("field %s: %w", f.Name, err)
		}
		sub.Label, sub.Hint = singular(w.Label), ""
		w.Field = sub
	}
	if f.Required {
		w.Min = intPtr(1)
	}
	return nil
}

// keyedMap is a map from the items of a type (an assessment's areas) to
// the element: one group per item, each optional.
func (in Input) keyedMap(w *field, f *model.Field) error {
	if f.Key == nil || f.Key.Kind != model.KindRef || f.Elem == nil {
		return fmt.Errorf("field %s: only maps keyed by references have a form", f.Name)
	}
	w.Widget = "object"
	for _, k := range in.Keys[f.Key.Ref] {
		e := *f.Elem
		e.Name, e.Doc, e.Required = k.Value, "", false
		sub, err := in.widget(&e, false)
		if err != nil {
			return fmt.Errorf("field %s: %w", f.Name, err)
		}
		sub.Label, sub.Collapsed = k.Label, sub.Widget == "object" || sub.Widget == "list"
		w.Fields = append(w.Fields, sub)
	}
	if len(w.Fields) == 0 {
		// Nothing to key it by yet (no areas): the form keeps the value
		// as it is.
		w.Widget = "hidden"
	}
	w.Required = false // an assessment may leave every area out
	return nil
}

func (in Input) subFields(w *field, fields []*model.Field) error {
	for _, sf := range fields {
		s, err := in.widget(sf, false)
		if err != nil {
			return fmt.Errorf("field %s: %w", w.Name, err)
		}
		w.Fields = append(w.Fields, s)
	}
	return nil
}

func intPtr(n int) *int { return &n }

// labelOf makes a form label of a field name: tested_by is "Tested by".
func labelOf(name string) string {
	s := strings.ReplaceAll(name, "_", " ")
	switch s {
	case "iso2":
		return "ISO code"
	case "nuts":
		return "NUTS code"
	case "budget eur":
		return "Budget (EUR)"
	case "url":
		return "URL"
	}
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func singular(label string) string {
	switch {
	case strings.HasSuffix(label, "ies"):
		return strings.TrimSuffix(label, "ies") + "y"
	case strings.HasSuffix(label, "s"):
		return strings.TrimSuffix(label, "s")
	}
	return label
}
