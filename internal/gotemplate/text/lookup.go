package template

import (
	"maps"
	"reflect"
	"sync"
	"sync/atomic"
)

// typeLookups caches, per type, what evalField looks up by name on it:
// reflect's MethodByName builds the method's function type (FuncOf) at
// every call, and FieldByName walks the struct, for every field a
// template reads on every page. It is read without a lock: a map that is
// never changed once published, replaced by a copy with one type more
// when a type is new (templates see a handful of types). sync.Map, and a
// read-write lock around the fields, cost 0.9 and 0.6 s of CPU in a
// 100,000-document build's render, mostly in the two cores taking the
// same memory from each other.
var typeLookups atomic.Pointer[map[reflect.Type]*lookups]

// typeLookupsMu serializes additions to typeLookups.
var typeLookupsMu sync.Mutex

// lookups are a type's methods by name, the forms registered for some
// of them (RegisterMethodForm), and the struct fields looked up on it so
// far (published as typeLookups is).
type lookups struct {
	methods map[string]int // the same set Type.MethodByName finds
	forms   map[string]*MethodForm

	mu     sync.Mutex // serializes additions to fields
	fields atomic.Pointer[map[string]fieldLookup]
}

type fieldLookup struct {
	field reflect.StructField
	ok    bool
}

func lookupsOf(t reflect.Type) *lookups {
	if m := typeLookups.Load(); m != nil {
		if l, ok := (*m)[t]; ok {
			return l
		}
	}
	typeLookupsMu.Lock()
	defer typeLookupsMu.Unlock()
	old := typeLookups.Load()
	if old != nil {
		if l, ok := (*old)[t]; ok {
			return l
		}
	}
	l := &lookups{methods: make(map[string]int, t.NumMethod()), forms: methodForms[t]}
	for i := range t.NumMethod() {
		l.methods[t.Method(i).Name] = i
	}
	next := map[reflect.Type]*lookups{t: l}
	if old != nil {
		maps.Copy(next, *old)
	}
	typeLookups.Store(&next)
	return l
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
	if m := l.fields.Load(); m != nil {
		if f, ok := (*m)[name]; ok {
			return f.field, f.ok
		}
	}
	sf, found := t.FieldByName(name)
	l.mu.Lock()
	defer l.mu.Unlock()
	next := map[string]fieldLookup{name: {sf, found}}
	if old := l.fields.Load(); old != nil {
		maps.Copy(next, *old)
		next[name] = fieldLookup{sf, found}
	}
	l.fields.Store(&next)
	return sf, found
}
