package template

import (
	"fmt"
	"reflect"
	"unsafe"
)

// stringForms are, by code pointer, the forms of func(...any) string
// functions given one plain string (RegisterStringForm).
var stringForms = map[uintptr]func(string) string{}

var stringType = reflect.TypeFor[string]()

// RegisterStringForm gives callDirect a form of f for one argument of
// type string (not a named string type), which must return what f
// returns for that argument alone: html/template's escapers, which wrap
// every printed value, are called through it without the slice of
// arguments, the boxed argument and, when the value needs no escaping,
// the boxed result that the variadic call costs. It may be called only
// while packages are initialised (the map is read without a lock).
func RegisterStringForm(f func(...any) string, form func(string) string) {
	stringForms[reflect.ValueOf(f).Pointer()] = form
}

// callDirect calls fun, a function (never a method value), with Go's own
// call rather than reflect's when fun has one of the shapes templates
// call most: html/template's escapers, which wrap every value a page
// prints, and print (func(...any) string); one-string helpers
// (func(string) string); and the comparisons, not and len. reflect's Call
// builds a frame, a slice of results and, for a variadic function, a
// slice of arguments at every call: the escapers alone were most of a
// page's calls. It reports whether it made the call; safeCall makes the
// others. Like safeCall, it turns a panic into an error.
func callDirect(fun reflect.Value, argv []reflect.Value) (val reflect.Value, ok bool, err error) {
	for _, a := range argv {
		if !a.IsValid() || !a.CanInterface() {
			return reflect.Value{}, false, nil
		}
	}
	if len(argv) == 1 && argv[0].Type() == stringType {
		if form := stringForms[fun.Pointer()]; form != nil {
			in := argv[0].String()
			out := form(in)
			if len(out) == len(in) && unsafe.StringData(out) == unsafe.StringData(in) {
				return argv[0], true, nil // unchanged: no new value to box
			}
			return reflect.ValueOf(out), true, nil
		}
	}
	defer func() {
		if r := recover(); r != nil {
			ok = true
			if e, isErr := r.(error); isErr {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	switch f := fun.Interface().(type) {
	case func(...any) string:
		in := make([]any, len(argv))
		for i, a := range argv {
			in[i] = a.Interface()
		}
		return reflect.ValueOf(f(in...)), true, nil
	case func(string) string:
		if len(argv) != 1 || argv[0].Kind() != reflect.String {
			return reflect.Value{}, false, nil
		}
		return reflect.ValueOf(f(argv[0].String())), true, nil
	case func(reflect.Value) bool:
		a, isValue := reflectValues(argv, 1)
		if !isValue {
			return reflect.Value{}, false, nil
		}
		return reflect.ValueOf(f(a[0])), true, nil
	case func(reflect.Value) (int, error):
		a, isValue := reflectValues(argv, 1)
		if !isValue {
			return reflect.Value{}, false, nil
		}
		n, err := f(a[0])
		return reflect.ValueOf(n), true, err
	case func(reflect.Value, reflect.Value) (bool, error):
		a, isValue := reflectValues(argv, 2)
		if !isValue {
			return reflect.Value{}, false, nil
		}
		b, err := f(a[0], a[1])
		return reflect.ValueOf(b), true, err
	case func(reflect.Value, ...reflect.Value) (bool, error):
		if len(argv) < 1 {
			return reflect.Value{}, false, nil
		}
		a, isValue := reflectValues(argv, len(argv))
		if !isValue {
			return reflect.Value{}, false, nil
		}
		b, err := f(a[0], a[1:]...)
		return reflect.ValueOf(b), true, err
	}
	return reflect.Value{}, false, nil
}

// reflectValues unwraps n arguments of type reflect.Value, as evalArg
// passes them (a reflect.Value holding one). isValue is false when there
// are not n of them, or one holds something else.
func reflectValues(argv []reflect.Value, n int) (out []reflect.Value, isValue bool) {
	if len(argv) != n {
		return nil, false
	}
	out = make([]reflect.Value, n)
	for i, a := range argv {
		if a.Type() != reflectValueType {
			return nil, false
		}
		out[i] = a.Interface().(reflect.Value)
	}
	return out, true
}

// StringFormOf returns the form RegisterStringForm gave f, or nil.
func StringFormOf(f func(...any) string) func(string) string {
	return stringForms[reflect.ValueOf(f).Pointer()]
}
