package textan

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/romanian"

	"github.com/clusterpolisee/polisee/search/internal/elstem"
)

// The steps below give the terms bleve's token filters give, quirks
// included; each comment names the filter and its quirks.

// lowerStep is bleve's to_lower.
func lowerStep(t *analysis.Token) bool {
	t.Term = lower(t.Term)
	return true
}

// lower lowercases term in place, rune by rune, as bleve's to_lower does,
// with its three particulars:
//   - a capital sigma that is the term's last two bytes becomes final
//     sigma ς (any other, σ);
//   - when a rune's lowercase is longer in UTF-8 than the rune (Ⱥ, Ⱦ), the
//     rest of the term is lowercased by bytes.ToLower, in a new slice, with
//     no final sigma and invalid bytes written as U+FFFD;
//   - when a rune's lowercase is shorter (İ, the Kelvin sign K), the runes
//     after it that are lowercase already are not moved back: they stay
//     where they were, and the term is cut short by the bytes saved, so
//     that İstanbul comes out as "i\xb0stanbu".
func lower(term []byte) []byte {
	w := 0 // where the next lowercased rune is written
	for r := 0; r < len(term); {
		c, n := rune(term[r]), 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRune(term[r:])
		}
		l := unicode.ToLower(c)
		if l == c {
			r += n
			w += n
			continue
		}
		if l == 'σ' && r+2 == len(term) {
			l = 'ς'
		}
		if utf8.RuneLen(l) > n {
			out := make([]byte, 0, w+len(term)-r+8)
			out = append(out, term[:w]...)
			return append(out, bytes.ToLower(term[r:])...)
		}
		w += utf8.EncodeRune(term[w:], l)
		r += n
	}
	return term[:w]
}

// possessiveStep is bleve's possessive_en: a term ending in 's, ’s or ＇s
// (s or S) loses those two characters; "'s" alone leaves an empty term.
func possessiveStep(t *analysis.Token) bool {
	s, n := utf8.DecodeLastRune(t.Term)
	if s != 's' && s != 'S' {
		return true
	}
	mark, m := utf8.DecodeLastRune(t.Term[:len(t.Term)-n])
	switch mark {
	case '\'', '’', '＇':
		t.Term = t.Term[:len(t.Term)-n-m]
	}
	return true
}

// stopStep is bleve's stop_tokens filter with the given words: a term
// that is one of them, byte for byte, is dropped (its position is not
// given to the next token).
func stopStep(stop map[string]struct{}) step {
	return func(t *analysis.Token) bool {
		_, ok := stop[string(t.Term)]
		return !ok
	}
}

// elisionStep is bleve's elision filter (elision_it, with the Italian
// articles): at the first apostrophe (' or ’, not ＇) whose left part is
// one of the articles, byte for byte and so before lowercasing, the term
// becomes what follows that apostrophe.
func elisionStep(articles map[string]struct{}) step {
	return func(t *analysis.Token) bool {
		for i := 0; i < len(t.Term); {
			c, n := utf8.DecodeRune(t.Term[i:])
			if c == '\'' || c == '’' {
				if _, ok := articles[string(t.Term[:i])]; ok {
					t.Term = t.Term[i+n:]
					return true
				}
			}
			i += n
		}
		return true
	}
}

// runes decodes a term as bleve's rune-based filters do: an invalid byte
// is U+FFFD, and so comes back out as its three bytes.
func runes(term []byte) []rune { return bytes.Runes(term) }

func encode(rs []rune) []byte { return []byte(string(rs)) }

// germanNormalizeStep is bleve's normalize_de (Lucene's
// GermanNormalizationFilter): ä, ö, ü become a, o, u; ß becomes ss; the e
// of ae, oe and of a ue not after a vowel is dropped.
func germanNormalizeStep(t *analysis.Token) bool {
	const (
		plain    = iota // after any other letter
		noUmlaut        // ue here is not an umlaut: after a vowel, or an umlaut written out
		umlaut          // after a, o, or a u that may begin ue
	)
	in := runes(t.Term)
	out := make([]rune, 0, len(in)+4)
	state := plain
	for _, c := range in {
		switch c {
		case 'a', 'o':
			state = umlaut
		case 'u':
			if state == plain {
				state = umlaut
			} else {
				state = noUmlaut
			}
		case 'e':
			drop := state == umlaut
			state = noUmlaut
			if drop {
				continue
			}
		case 'i', 'q', 'y':
			state = noUmlaut
		case 'ä':
			c, state = 'a', noUmlaut
		case 'ö':
			c, state = 'o', noUmlaut
		case 'ü':
			c, state = 'u', noUmlaut
		case 'ß':
			out = append(out, 's')
			c, state = 's', plain
		default:
			state = plain
		}
		out = append(out, c)
	}
	t.Term = encode(out)
	return true
}

// germanStemStep is bleve's stemmer_de_light (Savoy's light German
// stemmer, as Lucene has it): accents off a, o, i, u, then at most one
// ending of -ern, -em/-en/-er/-es, -e, -s (after b d f g h k l m n t),
// then at most one of -est, -er/-en, -st (after the same letters), each
// only on words long enough.
func germanStemStep(t *analysis.Token) bool {
	w := runes(t.Term)
	for i, c := range w {
		switch c {
		case 'ä', 'à', 'á', 'â':
			w[i] = 'a'
		case 'ö', 'ò', 'ó', 'ô':
			w[i] = 'o'
		case 'ï', 'ì', 'í', 'î':
			w[i] = 'i'
		case 'ü', 'ù', 'ú', 'û':
			w[i] = 'u'
		}
	}
	w = w[:len(w)-germanEnding1(w)]
	w = w[:len(w)-germanEnding2(w)]
	t.Term = encode(w)
	return true
}

// stEnding reports whether c may come before the s of -s or -st.
func stEnding(c rune) bool {
	return strings.ContainsRune("bdfghklmnt", c)
}

// germanEnding1 is how many letters the light stemmer's first step takes
// off w.
func germanEnding1(w []rune) int {
	n := len(w)
	switch {
	case n > 5 && endsWith(w, "ern"):
		return 3
	case n > 4 && w[n-2] == 'e' && strings.ContainsRune("mnrs", w[n-1]):
		return 2
	case n > 3 && w[n-1] == 'e':
		return 1
	case n > 3 && w[n-1] == 's' && stEnding(w[n-2]):
		return 1
	}
	return 0
}

// germanEnding2 is how many letters its second step takes off w.
func germanEnding2(w []rune) int {
	n := len(w)
	switch {
	case n > 5 && endsWith(w, "est"):
		return 3
	case n > 4 && w[n-2] == 'e' && (w[n-1] == 'r' || w[n-1] == 'n'):
		return 2
	case n > 4 && w[n-2] == 's' && w[n-1] == 't' && stEnding(w[n-3]):
		return 2
	}
	return 0
}

// endsWith reports whether w ends with the ASCII letters of end.
func endsWith(w []rune, end string) bool {
	if len(w) < len(end) {
		return false
	}
	w = w[len(w)-len(end):]
	for i := 0; i < len(end); i++ {
		if w[i] != rune(end[i]) {
			return false
		}
	}
	return true
}

// italianStemStep is bleve's stemmer_it_light (Savoy's light Italian
// stemmer): a word of six letters or more loses its accents and its last
// vowel (e, i, a, o), with the i or h before it in -ie, -he, -hi, -ii, -ia,
// -io. Shorter words are left as they are (but for invalid bytes, which
// come out as U+FFFD, as from every rune-based filter).
func italianStemStep(t *analysis.Token) bool {
	w := runes(t.Term)
	if n := len(w); n >= 6 {
		for i, c := range w {
			switch c {
			case 'à', 'á', 'â', 'ä':
				w[i] = 'a'
			case 'ò', 'ó', 'ô', 'ö':
				w[i] = 'o'
			case 'è', 'é', 'ê', 'ë':
				w[i] = 'e'
			case 'ù', 'ú', 'û', 'ü':
				w[i] = 'u'
			case 'ì', 'í', 'î', 'ï':
				w[i] = 'i'
			}
		}
		cut := 0
		switch last, before := w[n-1], w[n-2]; last {
		case 'e', 'i':
			cut = 1
			if before == 'i' || before == 'h' {
				cut = 2
			}
		case 'a', 'o':
			cut = 1
			if before == 'i' {
				cut = 2
			}
		}
		w = w[:n-cut]
	}
	t.Term = encode(w)
	return true
}

// romanianStemStep is bleve's stemmer_ro_snowball: the Snowball Romanian
// romanianCedillaStep is polisee's polisee_ro_cedilla filter (package
// search).
func romanianCedillaStep(t *analysis.Token) bool {
	t.Term = RomanianCedillaTerm(t.Term)
	return true
}

// RomanianCedillaTerm writes Romanian ș and ț (comma below, today's
// spelling) as ş and ţ (cedilla), the letters bleve's Romanian stop
// words and snowball stemmer are written with, so that "și" is a stop
// word and "națiune" stems as "naţiune" does. It returns term itself
// when it holds neither, else a new slice.
func RomanianCedillaTerm(term []byte) []byte {
	if !bytes.ContainsAny(term, "șțȘȚ") {
		return term
	}
	out := make([]byte, 0, len(term))
	for len(term) > 0 {
		r, n := utf8.DecodeRune(term)
		switch r {
		case 'ș':
			out = utf8.AppendRune(out, 'ş')
		case 'ț':
			out = utf8.AppendRune(out, 'ţ')
		case 'Ș':
			out = utf8.AppendRune(out, 'Ş')
		case 'Ț':
			out = utf8.AppendRune(out, 'Ţ')
		default: // any other letter, or a byte that is none, as it is
			out = append(out, term[:n]...)
		}
		term = term[n:]
	}
	return out
}

// stemmer.
func romanianStemStep(t *analysis.Token) bool {
	env := snowballstem.NewEnv(string(t.Term))
	romanian.Stem(env)
	t.Term = []byte(env.Current())
	return true
}

// hungarianStemStep is bleve's stemmer_hu_snowball: the Snowball
// Hungarian stemmer.
func hungarianStemStep(t *analysis.Token) bool {
	env := snowballstem.NewEnv(string(t.Term))
	hungarian.Stem(env)
	t.Term = []byte(env.Current())
	return true
}

// porterStep is bleve's stemmer_porter: the Porter stemmer of
// go-porterstemmer, on the term's runes as they are (no lowercasing),
// keyword tokens left alone.
func porterStep(t *analysis.Token) bool {
	if !t.KeyWord {
		t.Term = encode(porterstemmer.StemWithoutLowerCasing(runes(t.Term)))
	}
	return true
}

// serbianLatinStep is polisee's polisee_sr_latin filter (package search):
// Serbian Cyrillic written in Latin letters. A term without a byte over
// 0x7F comes out as it went in, so it is left alone.
func serbianLatinStep(t *analysis.Token) bool {
	for _, c := range t.Term {
		if c >= utf8.RuneSelf {
			t.Term = []byte(SerbianLatin(string(t.Term)))
			break
		}
	}
	return true
}

// serbianCyrillic maps the lowercase Serbian Cyrillic letters to Latin.
var serbianCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z", 'и': "i",
	'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'џ': "dž", 'ш': "š",
}

// SerbianLatin writes Serbian Cyrillic letters in Latin (Гајеви: Ниш as
// niš), every other character as it is (invalid bytes as U+FFFD).
func SerbianLatin(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l, ok := serbianCyrillic[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// greekStemStep is package elstem's filter (polisee_el_stem).
func greekStemStep(t *analysis.Token) bool {
	t.Term = elstem.StemBytes(t.Term)
	return true
}
