package model

import (
	"math/rand/v2"
	"testing"
)

// FuzzPlainTextAgreesWithScan: plainText, checkText's quick look, passes
// exactly the texts that its scan rune by rune passes, so that it never
// lets a NUL, invalid UTF-8 or a lone carriage return through, nor stops
// a good file.
func FuzzPlainTextAgreesWithScan(f *testing.F) {
	for _, seed := range []string{
		"", "plain\ntext\n", "crlf\r\nlines\r\n", "lone\rcr", "ends in cr\r", "\r", "\r\n",
		"nul\x00byte", "bad \xff byte", "cut \xe2\x82", "surrogate \xed\xa0\x80", "overlong \xc0\xaf",
		"έλληνικά\r\nκείμενο", "\ufffd is a real rune", "\ufeff---\r\ntitle: x\r\n---\r\n", "\r\r\n",
	} {
		f.Add([]byte(seed))
	}
	// Random mixes of the bytes that matter.
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{'a', '\n', '\r', 0, 0xff, 0xe2, 0x82, 0xac, 0xce, 0xbb, 0xc0}
	for range 200 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, msg, ok := scanText(data)
		if plainText(data) != ok {
			t.Fatalf("%q: plainText %v, the scan %v (%s)", data, plainText(data), ok, msg)
		}
		if _, _, got := checkText(data); got != ok {
			t.Fatalf("%q: checkText %v, the scan %v", data, got, ok)
		}
	})
}

// BenchmarkCheckText checks a generated practice's worth of text.
func BenchmarkCheckText(b *testing.B) {
	line := []byte("The regional agency co-financed cluster managers' training — έλεγχος ποιότητας.\n")
	var data []byte
	for len(data) < 8<<10 {
		data = append(data, line...)
	}
	for _, c := range []struct {
		name  string
		check func([]byte) bool
	}{{"checkText", func(d []byte) bool { _, _, ok := checkText(d); return ok }}, {"scan", func(d []byte) bool { _, _, ok := scanText(d); return ok }}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for range b.N {
				if !c.check(data) {
					b.Fatal("refused")
				}
			}
		})
	}
}
