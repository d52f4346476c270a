package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Languages maps each partner language to the analyzer its text gets.
// Every analyzer folds case and diacritics (Fold), so that a word typed
// without its accents, or in capitals, finds the word written with them:
// Alfold finds Alföld in any language's text, πολιτικη finds πολιτική.
//
//   - en: English stop words and Porter stemming, on folded words, so
//     that an accented name stems as its plain spelling does;
//   - de, it, ro, hu: bleve's analyzers (stop words, stemming), then
//     folding: their stemmers read the accents, which are folded after;
//   - el: Greek stop words, folding, then the Greek stemmer of package
//     elstem (Ntais 2006, with Saroukos's additions), so that πολιτικές
//     meets πολιτική;
//   - bg: Bulgarian stop words, then folding;
//   - sr: Serbian Cyrillic written in Latin letters (Ниш as niš), then
//     folding, so both alphabets find each other;
//   - hr, sl, sk, sq and any other language: folding only (bleve has no
//     analyzer for sl, sk and sq, and its standard one removes English
//     stop words). bleve's Croatian analyzer compiles about a hundred
//     regular expressions when its package starts: in the browser's
//     engine that took 140 ms of every first search (Node 20, median of
//     five runs), for one language of the eleven, so Croatian is read as
//     Slovenian and Slovak are, folded and unstemmed.
var Languages = map[string]string{
	"en": "polisee_en",
	"de": "polisee_de",
	"it": "polisee_it",
	"ro": "polisee_ro",
	"hu": "polisee_hu",
	"hr": plainAnalyzer,
	"el": "polisee_el",
	"bg": "polisee_bg",
	"sr": "polisee_sr",
	"sl": plainAnalyzer,
	"sk": plainAnalyzer,
	"sq": plainAnalyzer,
}

// plainAnalyzer is the analyzer of languages without their own.
const plainAnalyzer = "polisee_plain"

// AnalyzerFor returns the analyzer name for a language code; languages
// without their own get the plain analyzer.
func AnalyzerFor(lang string) string {
	if a, ok := Languages[lang]; ok {
		return a
	}
	return plainAnalyzer
}

// plainLower reports whether b is ASCII without capitals, which Fold
// leaves as it is: most words of most pages.
func plainLower(b string) bool {
	for i := 0; i < len(b); i++ {
		if c := b[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// Fold is the folding every analyzer applies: lowercase, no combining
// marks (accents, tonos, dialytika, háček...), Greek final sigma as sigma.
func Fold(s string) string {
	if plainLower(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ς':
			b.WriteRune('σ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// serbianCyrillic maps the Serbian Cyrillic letters (lowercase, as the
// filter runs after lowercasing) to Latin.
var serbianCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z", 'и': "i",
	'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'џ': "dž", 'ш': "š",
}

// SerbianLatin transliterates Serbian Cyrillic letters to Latin and
// leaves every other character as it is.
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
