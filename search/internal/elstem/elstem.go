// Package elstem is a stemmer for Modern Greek: it takes the inflectional
// ending off a word, so that the forms of one word (πολιτική, πολιτικές,
// πολιτικής, πολιτικών) index and search as one stem (πολιτικ).
//
// The rules are those of G. Ntais, "Development of a Stemmer for the Greek
// Language", MSc thesis, Stockholm University / Royal Institute of
// Technology (KTH), 2006, with the additional steps and exception lists of
// S. Saroukos, "Enhancing a Greek Language Stemmer", MSc thesis, University
// of Tampere, 2008. The suffix lists, exception lists and step order were
// read from the Snowball project's Greek stemmer (algorithms/greek.sbl,
// which implements both theses); Apache Lucene's
// org.apache.lucene.analysis.el.GreekStemmer (Ntais's rules without
// Saroukos's steps) served as a second reading.
//
// Where those rules leave the inflected forms of common words apart, or
// join unrelated words, this package departs from them; every departure is
// marked "polisee:" in rules.go:
//
//   - The adjective suffix -ικ- is kept in every form. Ntais's step 4
//     dropped it from -ικα, -ικο, -ικου, -ικων but not from -ικη, -ικες,
//     -ικος, so πολιτικών became πολιτ, the stem of πολίτης, while
//     πολιτική stayed πολιτικ.
//   - Step 3, which took -ια, -ιου, -ιων off nouns in -ια and -ι, also
//     takes -ιας, -ιες, -ιο, -ιος, -ιοι, -ιους off a word no earlier step
//     has touched: συνεργασία, συνεργασίας, συνεργασίες, συνεργασιών meet,
//     and so do βιβλίο and βιβλία.
//   - Step 2d, which took -εως, -εων off nouns in -έας and -η, also takes
//     -εα, -εας, -εες: τομέας, τομέα, τομείς and τομέων meet.
//   - Saroukos's step for verbs in -ίζω also takes their passive and
//     participle endings (-ίζεται, -ίζονται, -ίζοντας …).
//   - Step 6 also takes the passive endings of verbs in -ώ (-είται,
//     -είσαι, -ούμουν …), and its endings that begin with ι leave the ι
//     after a vowel: χρησιμοποιείται and χρησιμοποιούνται meet
//     χρησιμοποιώ.
//   - Three exceptions more: παιδιά keeps its -ιδ- (παιδ, not πα),
//     πολιτισμός its -ισμ- (it is not πολίτης), and the nouns in -κριση
//     and κατάρτιση their -ισ- in the plural (κρίσεις is κρισ, as κρίση
//     is, and not κρ).
//   - The irregular plural ρολόγια ("clocks", -ολογια) is not rewritten:
//     as a suffix it took every noun in -λογία (τεχνολογία became
//     τεχνολο, apart from τεχνολογίες).
//   - An ending is never the whole word: a word that is nothing but an
//     ending (ίδια, ούσα) keeps at least one letter, where the published
//     rules could leave nothing.
//   - After -εστε (step 5f) the ending put back is -εστ, as in Lucene;
//     Snowball puts back -ιεστ, which is not a prefix of the word.
//
// Everywhere else the stems are those of the Snowball Greek stemmer.
//
// Input is one word, lowercased and folded: no tonos or dialytika, final
// sigma written as σ (πολιτικές arrives as πολιτικεσ). A word with anything
// but the 24 Greek small letters α to ω in it, or shorter than three
// letters, comes back unchanged.
package elstem

// Stem returns the stem of one folded Greek word (see the package comment).
// It never returns a string longer than word, and returns word itself, or a
// prefix of it, when the stem is a prefix of the word, which it nearly
// always is.
func Stem(word string) string {
	if !stemmable(word) {
		return word
	}
	var buf [96]byte
	b := stemLetters(append(buf[:0], word...))
	if len(b) <= len(word) && string(b) == word[:len(b)] {
		return word[:len(b)]
	}
	return string(b)
}

// stemBytes stems a term without changing the bytes it was given: the
// result is term itself cut short, or, in the rare case where the stem is
// not a prefix of the term, a new slice.
func stemBytes(term []byte) []byte {
	if !stemmable(term) {
		return term
	}
	var buf [96]byte
	b := stemLetters(append(buf[:0], term...))
	if len(b) <= len(term) && string(b) == string(term[:len(b)]) {
		return term[:len(b)]
	}
	return append([]byte(nil), b...)
}

// minLetters is the shortest word that is stemmed.
const minLetters = 3

// stemmable reports whether w is at least minLetters letters long and
// made only of the Greek small letters α to ω other than final sigma.
// Each of those is two bytes in UTF-8: 0xCE 0xB1 (α) to 0xCE 0xBF (ο),
// and 0xCF 0x80 (π) to 0xCF 0x89 (ω), with 0xCF 0x82 (ς) left out.
func stemmable[T string | []byte](w T) bool {
	if len(w) < 2*minLetters || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		switch lead, c := w[i], w[i+1]; lead {
		case 0xCE:
			if c < 0xB1 || c > 0xBF {
				return false
			}
		case 0xCF:
			if c < 0x80 || c > 0x89 || c == 0x82 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// stemLetters runs the steps over b, a word that stemmable accepted, and
// returns the stem, which may share b's memory.
func stemLetters(b []byte) []byte {
	w := word{b: b}
	r := rules()

	// Irregular nouns (κρέας, φως, καθεστώς, γεγονός): the first group
	// that matches rewrites the word.
	for i := range r.irregular {
		if w.apply(r.irregular[i]) {
			break
		}
	}

	// Saroukos's derivational steps, then Ntais's steps for nouns,
	// adjectives and verbs, in the published order.
	for _, step := range r.middle {
		w.apply(step)
	}
	if string(w.b) == "αγαμε" {
		// Step 5a: the word άγαμε (vocative of άγαμος) alone is αγαμ,
		// where the -αμε rule below would leave αγ.
		w.b = w.b[:len(w.b)-2]
	}
	for _, step := range r.verb {
		w.apply(step)
	}

	// Step 6: the neuter -ματα/-ματος/-ματων becomes -μα; then, only if
	// no step above took an ending off, the last inflectional ending goes.
	w.apply(r.step6Mata)
	if !w.touched && !w.apply(r.step6Iota) {
		w.apply(r.step6)
	}

	// Step 7: comparative and superlative -οτερ-, -οτατ-, -εστερ- …
	w.apply(r.step7)
	return w.b
}

// word is the stem being built: two bytes a letter, as stemmable checked.
type word struct {
	b []byte
	// touched is set once a step has taken an ending off; step 6 then
	// leaves the word alone (Snowball's test1, cleared).
	touched bool
}

// apply takes the longest of r's endings off w, if w has one, then adds
// back what the first of r's conditions that holds says. It reports
// whether an ending was taken off.
func (w *word) apply(r *rule) bool {
	if r.fresh && w.touched {
		return false
	}
	e := r.endings.longest(w.b, r.whole)
	if e == "" {
		return false
	}
	w.b = w.b[:len(w.b)-len(e)]
	if !r.quiet {
		w.touched = true
	}
	for i := range r.then {
		t := &r.then[i]
		if t.holds(w.b) {
			// What is added back is never longer than the ending taken
			// off (TestTables checks it), so it fits in place.
			n := len(w.b) - 2*t.drop
			w.b = w.b[:n+len(t.add)]
			copy(w.b[n:], t.add)
			break
		}
	}
	return true
}
