package template

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// formed and plain have the same methods, from the methods they embed;
// formed's are registered with forms, plain's go through reflect. A
// template must give the same output, and the same error, on either.
type (
	methods struct {
		name  string
		calls int
	}
	formed struct{ methods }
	plain  struct{ methods }
	words  []string
	label  string
	child  struct{ Name string }
)

func (r *methods) Name() string                       { return r.name }
func (r *methods) Fails() (string, error)             { return "", errors.New("no " + r.name) }
func (r *methods) Works() (int, error)                { return len(r.name), nil }
func (r *methods) Panics() string                     { r.calls++; panic("bad " + r.name) }
func (r *methods) Label(l label) string               { return string(l) + ":" + r.name }
func (r *methods) Join(w words) string                { return strings.Join(w, "+") }
func (r *methods) Either(e error) (string, error)     { r.calls++; return fmt.Sprint(e == nil), e }
func (r *methods) Pair(a string, n int) string        { return fmt.Sprint(a, n) }
func (r *methods) Say(key string, args ...any) string { return fmt.Sprint(key, args) }
func (r *methods) Say2(k string, n int, args ...any) string {
	return fmt.Sprint(k, n, len(args), args)
}
func (r *methods) Tags(k string, t ...string) string { return k + strings.Join(t, ",") }
func (r *methods) Child() *child                     { return &child{Name: "c-" + r.name} }
func (r *methods) None() *child                      { return nil }
func (r *methods) Value() child                      { return child{Name: "v"} }
func (r *methods) Empty() []string                   { return nil }
func (r *methods) Same(a any) string                 { return fmt.Sprintf("%T %v", a, a) }
func (r *methods) unexported() string                { return "u" }

// Nil gives a nil receiver, whose methods are then called on nil.
func (r *formed) Nil() *formed { return nil }
func (r *plain) Nil() *plain   { return nil }

func (c *child) Upper() string { return strings.ToUpper(c.Name) }

func init() {
	RegisterMethodForm("Name", Form0((*formed).Name))
	RegisterMethodForm("Fails", Form0E((*formed).Fails))
	RegisterMethodForm("Works", Form0E((*formed).Works))
	RegisterMethodForm("Panics", Form0((*formed).Panics))
	RegisterMethodForm("Label", Form1((*formed).Label))
	RegisterMethodForm("Join", Form1((*formed).Join))
	RegisterMethodForm("Either", Form1E((*formed).Either))
	RegisterMethodForm("Pair", Form2((*formed).Pair))
	RegisterMethodForm("Say", Form1V((*formed).Say))
	RegisterMethodForm("Say2", Form2V((*formed).Say2))
	RegisterMethodForm("Child", Form0((*formed).Child))
	RegisterMethodForm("None", Form0((*formed).None))
	RegisterMethodForm("Value", Form0((*formed).Value))
	RegisterMethodForm("Empty", Form0((*formed).Empty))
	RegisterMethodForm("Same", Form1((*formed).Same))
	RegisterMethodForm("Tags", Form1V((*formed).Tags))
	RegisterMethodForm("Nil", Form0((*formed).Nil))
}

// TestMethodFormsAsReflect runs templates on a receiver whose methods
// have forms and on one whose methods have none: same output, same
// error.
func TestMethodFormsAsReflect(t *testing.T) {
	funcs := FuncMap{
		"list":   func(s ...string) []string { return s },
		"nilerr": func() error { return nil },
		"err":    func() error { return errors.New("given") },
	}
	templates := []string{
		`{{.Name}}`,
		`{{.Fails}}`,
		`{{.Works}}`,
		`{{.Panics}}`,
		`{{.Label "a"}}`,
		`{{"piped" | .Label}}`,
		`{{.Join (list "a" "b")}}`,
		`{{.Join nil}}`,
		`{{.Either nilerr}}`,
		`{{.Either err}}`,
		`{{.Either nil}}`,
		`{{.Pair "p" 3}}`,
		`{{.Pair "p" "x"}}`,
		`{{.Pair "p"}}`,
		`{{.Say "k"}}`,
		`{{.Say "k" 1 "two" nil .Name}}`,
		`{{2 | .Say "k" 1}}`,
		`{{.Say2 "k" 7}}`,
		`{{.Say2 "k" 7 8 9}}`,
		`{{.Tags "k"}} {{.Tags "k" "a" "b"}} {{"c" | .Tags "k" "a"}}`,
		`{{.Tags "k" 1}}`,
		`{{.Child.Name}} {{.Child.Upper}}`,
		`{{with .None}}{{.Name}}{{else}}none{{end}}`,
		`{{.None.Name}}`,
		`{{.Value.Name}}`,
		`{{.Nil.Name}}`,
		`{{.Nil.Empty}}`,
		`{{.Value.Upper}}`,
		`{{if .Empty}}some{{else}}empty{{end}} {{len .Empty}}`,
		`{{.Same 1}} {{.Same "s"}} {{.Same nil}} {{.Same .Child}}`,
		`{{.Name 1}}`,
		`{{.unexported}}`,
		`{{range $i, $c := list "a" "b"}}{{$.Label $c}}{{end}}`,
	}
	for _, text := range templates {
		run := func(data any) (string, string) {
			tmpl, err := New("t").Funcs(funcs).Parse(text)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			var out strings.Builder
			err = tmpl.Execute(&out, data)
			msg := ""
			if err != nil {
				msg = strings.ReplaceAll(err.Error(), "plain", "formed")
			}
			return out.String(), msg
		}
		f, p := &formed{methods{name: "x"}}, &plain{methods{name: "x"}}
		gotOut, gotErr := run(f)
		wantOut, wantErr := run(p)
		if gotOut != wantOut || gotErr != wantErr {
			t.Errorf("%s:\nwith forms    %q, error %q\nwithout forms %q, error %q", text, gotOut, gotErr, wantOut, wantErr)
		}
		if f.calls != p.calls {
			t.Errorf("%s: methods called %d times with forms, %d without", text, f.calls, p.calls)
		}
	}
}

// TestMethodFormTaken checks that a registered method is found with its
// form, and that the form gives what reflect's call of the method gives.
func TestMethodFormTaken(t *testing.T) {
	r := reflect.ValueOf(&formed{methods{name: "x"}})
	method, form := methodByName(r, "Label")
	if form == nil {
		t.Fatal("Label: no form found")
	}
	arg := []reflect.Value{reflect.ValueOf(label("a"))}
	got, ok, err := callForm(*form, r, arg)
	if !ok || err != nil {
		t.Fatalf("Label's form: ok %v, error %v", ok, err)
	}
	want := method.Call(arg)[0]
	if got.Type() != want.Type() || got.Interface() != want.Interface() {
		t.Fatalf("Label's form gave %v (%s), the method %v (%s)", got, got.Type(), want, want.Type())
	}
	if _, form := methodByName(reflect.ValueOf(&plain{}), "Label"); form != nil {
		t.Fatal("plain.Label has a form it was never given")
	}
}

// TestRegisterMethodFormChecks checks that a form is refused for a
// method it was not made from, or whose result is an interface.
func TestRegisterMethodFormChecks(t *testing.T) {
	refused := func(name string, register func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: registered", name)
			}
		}()
		register()
	}
	// Same type, another method.
	refused("Name as Panics", func() { RegisterMethodForm("Panics", Form0((*formed).Name)) })
	// No such method.
	refused("Missing", func() { RegisterMethodForm("Missing", Form0((*formed).Name)) })
	// Another receiver's method of the same name.
	refused("plain.Name for formed", func() {
		f := Form0((*plain).Name)
		f.recv = reflect.TypeFor[*formed]()
		RegisterMethodForm("Name", f)
	})
	// An interface result.
	refused("interface result", func() { Form0(func(*formed) any { return nil }) })
}
