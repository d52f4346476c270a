package template

import (
	"fmt"
	"reflect"
)

// A MethodForm calls one method with Go's own call rather than
// reflect's (see RegisterMethodForm). Make one with Form0, Form0E,
// Form1, Form1E, Form2, Form1V or Form2V from a method expression, e.g.
// Form1((*view).Meta).
type MethodForm struct {
	recv reflect.Type // the method's receiver
	fn   reflect.Type // the method expression's type: the receiver, then the method's parameters
	code uintptr      // the method expression's code
	call func(recv reflect.Value, args formArgs) (reflect.Value, error)
}

// formArgs are a form's arguments, by value: a slice handed to a
// function value escapes, and evalCall's slice of arguments, which
// reflect's Call lets stay on the stack, would be allocated for every
// call. More than three are copied to the heap (extra).
type formArgs struct {
	n     int
	fixed [3]reflect.Value
	extra []reflect.Value
}

// at is the i'th argument.
func (a *formArgs) at(i int) reflect.Value {
	if a.extra != nil {
		return a.extra[i]
	}
	return a.fixed[i]
}

// callee says how evalCall may call its function without reflect: a
// function (isFunc) through callDirect, a method of recv with a form
// through the form; otherwise, or when they decline, through safeCall.
type callee struct {
	isFunc bool
	recv   reflect.Value
	form   *MethodForm
}

// methodForms are the registered forms, by receiver type and method
// name; lookupsOf copies a type's into its lookups.
var methodForms = map[reflect.Type]map[string]*MethodForm{}

// RegisterMethodForm has templates call the method name of the form's
// receiver type through the form: reflect's Call, which a method a
// template names goes through otherwise, builds a frame, a slice of
// results and, for a variadic method, a slice of arguments at every
// call, and found the method's frame layout in a shared map. The form
// must have been made from that very method (its type and its code are
// checked: it panics otherwise), so it returns what the method returns;
// a method without a form is called as before. The arguments a form is
// given are those evalCall made for reflect's Call, checked against the
// method's parameters. Like the call it replaces, a panic in the method
// becomes an error. It may be called only while packages are
// initialised (the map is read without a lock).
func RegisterMethodForm(name string, f MethodForm) {
	m, ok := f.recv.MethodByName(name)
	if !ok || m.Type != f.fn || m.Func.Pointer() != f.code {
		panic(fmt.Sprintf("template: RegisterMethodForm: %s is not a method of %s with the form's type %s", name, f.recv, f.fn))
	}
	if methodForms[f.recv] == nil {
		methodForms[f.recv] = map[string]*MethodForm{}
	}
	methodForms[f.recv][name] = &f
}

// callForm calls form with recv and argv as safeCall calls a method:
// a panic becomes an error. ok is false when recv cannot be handed to
// Go code (a value reached through an unexported field), for reflect's
// call to deal with as before.
func callForm(form MethodForm, recv reflect.Value, argv []reflect.Value) (val reflect.Value, ok bool, err error) {
	if !recv.CanInterface() {
		return reflect.Value{}, false, nil
	}
	defer func() {
		if r := recover(); r != nil {
			ok = true // called: not to be called again through reflect
			if e, isErr := r.(error); isErr {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	args := formArgs{n: len(argv)}
	if len(argv) <= len(args.fixed) {
		copy(args.fixed[:], argv)
	} else {
		args.extra = append([]reflect.Value(nil), argv...)
	}
	val, err = form.call(recv, args)
	return val, true, err
}

// newForm describes the method expression f (of type F) for
// RegisterMethodForm. Its result type R may not be an interface: reflect's
// Call returns such a result as a value of the interface type, which
// reflect.ValueOf does not give.
func newForm[T, R, F any](f F, call func(recv reflect.Value, args formArgs) (reflect.Value, error)) MethodForm {
	if reflect.TypeFor[R]().Kind() == reflect.Interface {
		panic(fmt.Sprintf("template: a method form's result may not be an interface (%s)", reflect.TypeFor[R]()))
	}
	return MethodForm{recv: reflect.TypeFor[T](), fn: reflect.TypeFor[F](), code: reflect.ValueOf(f).Pointer(), call: call}
}

// as gives v, an argument evalCall checked against a parameter of type
// A, as an A. reflect's Call assigns it to the parameter, which a type
// assertion does not do for a value of another type assignable to A
// (an unnamed type to a named one, say) or for a nil interface: such a
// value is assigned as Call would.
func as[A any](v reflect.Value) A {
	if a, ok := v.Interface().(A); ok {
		return a
	}
	var a A
	reflect.ValueOf(&a).Elem().Set(v)
	return a
}

// rest gives the arguments from i on, the variadic part of a call, as
// the method receives them.
func rest[E any](args *formArgs, i int) []E {
	if args.n <= i {
		return nil
	}
	out := make([]E, args.n-i)
	for k := range out {
		out[k] = as[E](args.at(i + k))
	}
	return out
}

// Form0 is the form of a method with no parameters and one result.
func Form0[T, R any](f func(T) R) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, _ formArgs) (reflect.Value, error) {
		return reflect.ValueOf(f(as[T](recv))), nil
	})
}

// Form0E is the form of a method with no parameters, a result and an
// error.
func Form0E[T, R any](f func(T) (R, error)) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, _ formArgs) (reflect.Value, error) {
		r, err := f(as[T](recv))
		return reflect.ValueOf(r), err
	})
}

// Form1 is the form of a method with one parameter and one result.
func Form1[T, A, R any](f func(T, A) R) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, args formArgs) (reflect.Value, error) {
		return reflect.ValueOf(f(as[T](recv), as[A](args.at(0)))), nil
	})
}

// Form1E is the form of a method with one parameter, a result and an
// error.
func Form1E[T, A, R any](f func(T, A) (R, error)) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, args formArgs) (reflect.Value, error) {
		r, err := f(as[T](recv), as[A](args.at(0)))
		return reflect.ValueOf(r), err
	})
}

// Form2 is the form of a method with two parameters and one result.
func Form2[T, A, B, R any](f func(T, A, B) R) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, args formArgs) (reflect.Value, error) {
		return reflect.ValueOf(f(as[T](recv), as[A](args.at(0)), as[B](args.at(1)))), nil
	})
}

// Form1V is the form of a method with one parameter, then any number of
// values (...E), and one result.
func Form1V[T, A, E, R any](f func(T, A, ...E) R) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, args formArgs) (reflect.Value, error) {
		return reflect.ValueOf(f(as[T](recv), as[A](args.at(0)), rest[E](&args, 1)...)), nil
	})
}

// Form2V is the form of a method with two parameters, then any number
// of values (...E), and one result.
func Form2V[T, A, B, E, R any](f func(T, A, B, ...E) R) MethodForm {
	return newForm[T, R](f, func(recv reflect.Value, args formArgs) (reflect.Value, error) {
		return reflect.ValueOf(f(as[T](recv), as[A](args.at(0)), as[B](args.at(1)), rest[E](&args, 2)...)), nil
	})
}
