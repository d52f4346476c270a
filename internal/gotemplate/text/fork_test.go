package template

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// The tests of polisee's changes to the standard library's text/template
// (see ../README.md). The standard library's own tests, kept beside
// them, run every builtin and escaper through the changed paths.

// TestGoVersion fails when the toolchain is not the one the copy was made
// from: a new Go release may fix html/template, and the copy must then be
// made again (update.sh).
func TestGoVersion(t *testing.T) {
	b, err := os.ReadFile("../GOVERSION")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(b))
	if got := runtime.Version(); got != want {
		if os.Getenv("CI") != "true" {
			t.Skipf("the template copy is from %s, this is %s: run internal/gotemplate/update.sh with the toolchain that builds polisee", want, got)
		}
		t.Fatalf("the template copy is from %s, the toolchain is %s: run GOTOOLCHAIN=%s bash internal/gotemplate/update.sh and commit", want, got, got)
	}
}

type inner struct{ Embedded string }

func (inner) FromInner() string { return "inner" }

type outer struct {
	inner
	Name   string
	hidden string
}

func (o outer) Value() string     { return o.Name }
func (o *outer) Pointer() string  { return "p" + o.Name }
func (o outer) Args(s string) int { return len(s) }

type namer interface {
	Value() string
	FromInner() string
}

// TestLookupsMatchReflect checks methodByName and fieldByName against
// reflect's MethodByName and FieldByName, asked many times, for values,
// pointers, interfaces, embedded and missing names.
func TestLookupsMatchReflect(t *testing.T) {
	o := &outer{Name: "x", hidden: "h"}
	var n namer = *o
	values := []reflect.Value{reflect.ValueOf(*o), reflect.ValueOf(o), reflect.ValueOf(&n).Elem(), reflect.ValueOf(map[string]int{})}
	names := []string{"Value", "Pointer", "Args", "FromInner", "Name", "Embedded", "hidden", "inner", "Missing", ""}
	for range 3 {
		for _, v := range values {
			for _, name := range names {
				want := v.MethodByName(name)
				got, _ := methodByName(v, name)
				if want.IsValid() != got.IsValid() {
					t.Fatalf("%s.%s: method found %v, reflect %v", v.Type(), name, got.IsValid(), want.IsValid())
				}
				if want.IsValid() && want.Type() != got.Type() {
					t.Fatalf("%s.%s: method type %s, reflect %s", v.Type(), name, got.Type(), want.Type())
				}
				if want.IsValid() && want.Type().NumIn() == 0 {
					if w, g := want.Call(nil)[0].Interface(), got.Call(nil)[0].Interface(); w != g {
						t.Fatalf("%s.%s: %v, reflect %v", v.Type(), name, g, w)
					}
				}
				if v.Kind() != reflect.Struct {
					continue
				}
				wf, wok := v.Type().FieldByName(name)
				gf, gok := fieldByName(v.Type(), name)
				if wok != gok || !reflect.DeepEqual(wf.Index, gf.Index) || wf.Name != gf.Name {
					t.Fatalf("%s.%s: field %v %v, reflect %v %v", v.Type(), name, gf.Index, gok, wf.Index, wok)
				}
			}
		}
	}
}

// TestCallDirectMatchesReflect calls functions of each shape callDirect
// takes both ways, with results, errors and panics, and checks that it
// takes those shapes (a change that dropped one would otherwise go
// unnoticed: the reflect path gives the same pages).
func TestCallDirectMatchesReflect(t *testing.T) {
	boom := errors.New("boom")
	rv := func(v any) reflect.Value { return reflect.ValueOf(reflect.ValueOf(v)) }
	cases := []struct {
		name string
		fn   any
		args []reflect.Value
	}{
		{"print", fmt.Sprint, []reflect.Value{reflect.ValueOf("a"), reflect.ValueOf(3), reflect.Zero(reflect.TypeFor[any]())}},
		{"print none", fmt.Sprint, nil},
		{"html", HTMLEscaper, []reflect.Value{reflect.ValueOf("<a href='x'>&</a>")}},
		{"variadic panics", func(...any) string { panic("no") }, []reflect.Value{reflect.ValueOf(1)}},
		{"string", strings.ToUpper, []reflect.Value{reflect.ValueOf("abc")}},
		{"string panics", func(string) string { panic(boom) }, []reflect.Value{reflect.ValueOf("abc")}},
		{"not", not, []reflect.Value{rv(0)}},
		{"len", length, []reflect.Value{rv([]int{1, 2})}},
		{"len error", length, []reflect.Value{rv(3)}},
		{"eq", eq, []reflect.Value{rv(1), rv(2), rv(1)}},
		{"eq error", eq, []reflect.Value{rv(1), rv("a")}},
		{"lt", lt, []reflect.Value{rv(1), rv(2)}},
		{"lt error", lt, []reflect.Value{rv([]int{}), rv(2)}},
		{"ne", ne, []reflect.Value{rv("a"), rv("a")}},
	}
	for _, c := range cases {
		fn := reflect.ValueOf(c.fn)
		want, wantErr := safeCall(fn, c.args)
		got, direct, gotErr := callDirect(fn, c.args)
		if !direct {
			t.Errorf("%s: callDirect did not take %s", c.name, fn.Type())
			continue
		}
		if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
			t.Errorf("%s: error %v, reflect %v", c.name, gotErr, wantErr)
			continue
		}
		if wantErr == nil && (want.Type() != got.Type() || want.Interface() != got.Interface()) {
			t.Errorf("%s: %#v, reflect %#v", c.name, got.Interface(), want.Interface())
		}
	}
	// Other shapes, and methods' shapes, go to safeCall.
	for _, fn := range []any{strings.Repeat, func(int) string { return "" }, func(...any) (string, error) { return "", nil }} {
		if _, direct, _ := callDirect(reflect.ValueOf(fn), []reflect.Value{reflect.ValueOf(1)}); direct {
			t.Errorf("callDirect took %T", fn)
		}
	}
}

// shout is a func(...any) string with a string form (shoutForm), which
// counts its calls.
func shout(args ...any) string { return strings.ToUpper(fmt.Sprint(args...)) }

var shoutFormCalls int

func shoutForm(s string) string {
	shoutFormCalls++
	return strings.ToUpper(s)
}

func init() { RegisterStringForm(shout, shoutForm) }

// TestStringFormTaken checks that callDirect calls a function's string
// form for one plain string, returns the argument itself when the form
// leaves it as it is, and calls the function for anything else.
func TestStringFormTaken(t *testing.T) {
	type named string
	cases := []struct {
		arg      reflect.Value
		want     string
		viaForm  bool
		sameArgs bool
	}{
		{reflect.ValueOf("abc"), "ABC", true, false},
		{reflect.ValueOf("ABC"), "ABC", true, true},
		{reflect.ValueOf(named("abc")), "ABC", false, false},
		{reflect.ValueOf(3), "3", false, false},
	}
	for _, c := range cases {
		before := shoutFormCalls
		got, direct, err := callDirect(reflect.ValueOf(shout), []reflect.Value{c.arg})
		if !direct || err != nil {
			t.Fatalf("%v: direct %v, error %v", c.arg, direct, err)
		}
		if got.Interface() != any(c.want) {
			t.Errorf("%v: %#v, want %q", c.arg, got.Interface(), c.want)
		}
		if viaForm := shoutFormCalls > before; viaForm != c.viaForm {
			t.Errorf("%v: string form called %v, want %v", c.arg, viaForm, c.viaForm)
		}
		if same := got == c.arg; same != c.sameArgs {
			t.Errorf("%v: argument returned as it is %v, want %v", c.arg, same, c.sameArgs)
		}
	}
}
