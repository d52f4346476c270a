package search

import "github.com/clusterpolisee/polisee/search/internal/textan"

// languages are the partner languages, each with the analyzer its text
// gets.
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
var languages = [...]struct{ code, analyzer string }{
	{"en", "polisee_en"},
	{"de", "polisee_de"},
	{"it", "polisee_it"},
	{"ro", "polisee_ro"},
	{"hu", "polisee_hu"},
	{"hr", plainAnalyzer},
	{"el", "polisee_el"},
	{"bg", "polisee_bg"},
	{"sr", "polisee_sr"},
	{"sl", plainAnalyzer},
	{"sk", plainAnalyzer},
	{"sq", plainAnalyzer},
}

// languageAnalyzer returns the analyzer of a partner language, and false
// for any other language. (languages is an array, not a map, so that it
// is data in the browser's engine, not code that fills a map.)
func languageAnalyzer(lang string) (string, bool) {
	for _, l := range languages {
		if l.code == lang {
			return l.analyzer, true
		}
	}
	return "", false
}

// plainAnalyzer is the analyzer of languages without their own.
const plainAnalyzer = "polisee_plain"

// AnalyzerFor returns the analyzer name for a language code; languages
// without their own get the plain analyzer.
func AnalyzerFor(lang string) string {
	if a, ok := languageAnalyzer(lang); ok {
		return a
	}
	return plainAnalyzer
}

// Fold is the folding every analyzer applies: lowercase, no combining
// marks (accents, tonos, dialytika, háček...), Greek final sigma as sigma.
func Fold(s string) string { return textan.Fold(s) }

// SerbianLatin transliterates Serbian Cyrillic letters to Latin and
// leaves every other character as it is.
func SerbianLatin(s string) string { return textan.SerbianLatin(s) }
