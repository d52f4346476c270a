package search

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

var fuzzIndex = sync.OnceValues(func() (*Index, error) {
	data, err := Build(context.Background(), testDocs, "")
	if err != nil {
		return nil, err
	}
	return Open(data)
})

// FuzzSearch runs arbitrary query text through the parser and the index:
// it must never panic, and every failure of the query itself must be an
// ErrQuery.
func FuzzSearch(f *testing.F) {
	for _, seed := range []string{
		"cluster", `"venture capital"`, "microelec*", "+cluster -country:HU", "country:GR type:practice",
		"(((", "foo~99", "/[/", "*", "a:b:c", "year:>2000", "title:\"x y\"", "πολιτικη", "\xff", "word~1",
		"area:innovation-rd status:piloted", "-x", "+", "\"", "x^3", `a\ b`, "?", "title:", ":x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ix, err := fuzzIndex()
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err = ix.Search(ctx, Request{Query: q, Langs: []string{"en", "el"}})
		switch {
		case err == nil:
		case ctx.Err() != nil:
			t.Fatalf("%q: took longer than 5 s", q)
		case !errors.Is(err, ErrQuery):
			t.Fatalf("%q: %v is not reported as a bad query", q, err)
		}
	})
}
