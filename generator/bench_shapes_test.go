package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/generator"
)

// BenchmarkPathologicalShapes times check on Markdown shapes that are slow
// to parse, filling a file up to the size cap in paragraphs the guard lets
// through.
func BenchmarkPathologicalShapes(b *testing.B) {
	const size = 500 << 10
	for name, unit := range map[string]string{
		"open-links": "[a](", "emphasis": "*a **b ", "brackets": "[", "code": "`a``", "angle": "<a ",
		"quotes": "> ", "refs": "[a][", "lists": "- ",
	} {
		// Paragraphs of 4 KiB pass the guard and reach the parser.
		para := strings.Repeat(unit, (4<<10)/len(unit))
		body := strings.Repeat(para+"\n\n", size/len(para))
		fsys := fstest.MapFS{"pages/p.md": {Data: []byte("---\ntitle: P\n---\n" + body)}}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				generator.Check(context.Background(), generator.Config{Src: fsys})
			}
		})
	}
}
