package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestViewsReadThroughAccessors holds every view method (and every
// function given a *view) to reading the content through the accessors
// of uses.go, which record what they hand out: none may reach the
// builder's content, relations, bodies or local candidates itself. A
// method that did could leave a stale page in polisee serve.
func TestViewsReadThroughAccessors(t *testing.T) {
	forbidden := map[string]bool{"content": true, "rel": true, "bodies": true, "local": true, "localCandidates": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || file == "uses.go" {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			views := viewParams(fn)
			if len(views) == 0 {
				continue
			}
			checked++
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || !forbidden[sel.Sel.Name] {
					return true
				}
				// v.b.content, v.b.rel...
				if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "b" {
					if id, ok := inner.X.(*ast.Ident); ok && views[id.Name] {
						t.Errorf("%s: %s reads %s.b.%s; use the accessors of uses.go, which record what they hand out",
							fset.Position(sel.Pos()), fn.Name.Name, id.Name, sel.Sel.Name)
					}
				}
				return true
			})
		}
	}
	if checked < 40 {
		t.Fatalf("checked %d functions with a *view; the scan is not finding them", checked)
	}
}

// viewParams names the receiver and parameters of type *view.
func viewParams(fn *ast.FuncDecl) map[string]bool {
	out := map[string]bool{}
	var lists []*ast.Field
	if fn.Recv != nil {
		lists = append(lists, fn.Recv.List...)
	}
	lists = append(lists, fn.Type.Params.List...)
	for _, field := range lists {
		star, ok := field.Type.(*ast.StarExpr)
		if !ok {
			continue
		}
		if id, ok := star.X.(*ast.Ident); ok && id.Name == "view" {
			for _, name := range field.Names {
				out[name.Name] = true
			}
		}
	}
	return out
}
