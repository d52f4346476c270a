package model

import (
	"fmt"
	"testing"
)

// TestNameSet: the set of names an object has given answers alike for
// the few it keeps in place and past them, where it moves to a map.
func TestNameSet(t *testing.T) {
	var s nameSet
	for i := range 40 {
		name := fmt.Sprintf("field%d", i)
		if s.has(name) {
			t.Fatalf("%s seen before it was added", name)
		}
		s.add(name)
		for j := 0; j <= i; j++ {
			if !s.has(fmt.Sprintf("field%d", j)) {
				t.Fatalf("after %d names, field%d not seen", i+1, j)
			}
		}
		if s.has(fmt.Sprintf("field%d", i+1)) {
			t.Fatalf("after %d names, field%d seen", i+1, i+1)
		}
	}
}
