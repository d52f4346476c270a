package template

import (
	"reflect"
	"sync"
)

// typeLookups caches, per type, what evalField looks up by name on it:
// reflect's MethodByName builds the method's function type (FuncOf) at
// every call, and FieldByName walks the struct, for every field a
// template reads on every page.
var typeLookups sync.Map // reflect.Type → *lookups

// lookups are a type's methods by name, the forms registered for some
// of them (RegisterMethodForm), and the struct fields looked up on it so
// far.
type lookups struct {
	methods map[string]int // the same set Type.MethodByName finds
	forms   map[string]*MethodForm

	mu     sync.RWMutex
	fields map[string]fieldLookup
}

type fieldLookup struct {
	field reflect.StructField
	ok    bool
}

func lookupsOf(t reflect.Type) *lookups {
	if l, ok := typeLookups.Load(t); ok {
		return l.(*lookups)
	}
	l := &lookups{methods: make(map[string]int, t.NumMethod()), forms: methodForms[t], fields: map[string]fieldLookup{}}
	for i := range t.NumMethod() {
		l.methods[t.Method(i).Name] = i
	}
	got, _ := typeLookups.LoadOrStore(t, l)
	return got.(*lookups)
}

// methodByName is v.MethodByName(name), with the method's index
// remembered per type, and the method's form if it has one.
func methodByName(v reflect.Value, name string) (reflect.Value, *MethodForm) {
	l := lookupsOf(v.Type())
	i, ok := l.methods[name]
	if !ok {
		return reflect.Value{}, nil
	}
	return v.Method(i), l.forms[name]
}

// fieldByName is t.FieldByName(name), remembered per type.
func fieldByName(t reflect.Type, name string) (reflect.StructField, bool) {
	l := lookupsOf(t)
	l.mu.RLock()
	f, ok := l.fields[name]
	l.mu.RUnlock()
	if !ok {
		sf, found := t.FieldByName(name)
		f = fieldLookup{sf, found}
		l.mu.Lock()
		l.fields[name] = f
		l.mu.Unlock()
	}
	return f.field, f.ok
}
