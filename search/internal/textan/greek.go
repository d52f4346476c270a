package textan

import (
	"sort"
	"strings"
)

// This file is a copy of package elstem's stemmer (elstem.go and rules.go,
// polisee's Greek stemmer: see elstem's package comment for its rules),
// made because elstem registers itself with bleve's registry (filter.go),
// which the browser's engine must not import. Stem is named stemGreek
// here; nothing else differs. TestGreekSameAsElstem holds the two equal.
// Once elstem's registration moves out of it, import elstem and delete
// this file.

// stemGreek returns the stem of one folded Greek word (see package elstem).
// It never returns a string longer than word, and returns word itself, or a
// prefix of it, when the stem is a prefix of the word, which it nearly
// always is.
func stemGreek(word string) string {
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

	// Irregular nouns (κρέας, φως, καθεστώς, γεγονός): the first group
	// that matches rewrites the word.
	for i := range irregular {
		if w.apply(&irregular[i]) {
			break
		}
	}

	// Saroukos's derivational steps, then Ntais's steps for nouns,
	// adjectives and verbs, in the published order.
	for _, r := range middleSteps {
		w.apply(r)
	}
	if string(w.b) == "αγαμε" {
		// Step 5a: the word άγαμε (vocative of άγαμος) alone is αγαμ,
		// where the -αμε rule below would leave αγ.
		w.b = w.b[:len(w.b)-2]
	}
	for _, r := range verbSteps {
		w.apply(r)
	}

	// Step 6: the neuter -ματα/-ματος/-ματων becomes -μα; then, only if
	// no step above took an ending off, the last inflectional ending goes.
	w.apply(&step6Mata)
	if !w.touched && !w.apply(&step6Iota) {
		w.apply(&step6)
	}

	// Step 7: comparative and superlative -οτερ-, -οτατ-, -εστερ- …
	w.apply(&step7)
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

// A rule takes one ending off a word and may then add letters back, when
// what is left is one of the words the rule makes an exception for. Most
// of the published steps are one rule; a few are two in a row.
type rule struct {
	// endings are the suffixes the rule takes off; the longest that the
	// word ends with goes.
	endings *endings
	// whole lets an ending be the whole word (the irregular nouns, where
	// the rule puts the stem back); otherwise an ending must leave at
	// least one letter.
	whole bool
	// quiet: taking the ending off does not count as a change, so step 6
	// may still take a further ending off (steps 2a to 2c and the -ματα
	// rewrite of step 6).
	quiet bool
	// fresh: the rule applies only to a word no rule has yet taken an
	// ending off (the endings this package adds to steps 2d and 3, which
	// must not eat into a stem: συνεδριάσεων is συνεδριασ, not συνεδρ).
	fresh bool
	// then lists what to add back; the first that holds is used.
	then []then
}

// then says what to add back to a stem when a condition on it holds: the
// stem is one of whole, or ends with one of tail, or ends with one of
// vowels. With none of the three set it always holds.
type then struct {
	whole  words
	tail   *endings
	vowels letters
	drop   int // letters to take off before adding
	add    string
}

func (t *then) holds(b []byte) bool {
	if t.whole == nil && t.tail == nil && t.vowels == 0 {
		return true
	}
	return (t.whole != nil && t.whole.has(b)) ||
		(t.tail != nil && t.tail.match(b)) ||
		t.vowels.last(b)
}

// endings is a set of suffixes filed by their last letter, longest first.
// For each last letter, prev holds the letters that come before it in
// those suffixes (all letters if one of them is that letter alone), so
// that most words are turned away without a comparison.
type endings struct {
	byLast [25][]string
	prev   [25]letters
}

func newEndings(list string) *endings {
	e := new(endings)
	for _, s := range strings.Fields(list) {
		b := mustLetters(s)
		i := lastLetter(b)
		e.byLast[i] = append(e.byLast[i], s)
		if len(b) == 2 {
			e.prev[i] = allLetters
		} else {
			e.prev[i] |= 1 << lastLetter(b[:len(b)-2])
		}
	}
	for i := range e.byLast {
		l := e.byLast[i]
		sort.SliceStable(l, func(a, b int) bool { return len(l[a]) > len(l[b]) })
	}
	return e
}

// longest returns the longest suffix of b in e, or "": the whole of b
// counts only if whole is set.
func (e *endings) longest(b []byte, whole bool) string {
	i := lastLetter(b)
	if i < 0 || e.byLast[i] == nil {
		return ""
	}
	if e.prev[i] != allLetters && !e.prev[i].last(b[:len(b)-2]) {
		return ""
	}
	for _, s := range e.byLast[i] {
		if len(s) > len(b) || len(s) == len(b) && !whole {
			continue
		}
		if string(b[len(b)-len(s):]) == s {
			return s
		}
	}
	return ""
}

// match reports whether b ends with one of e (or is one of e).
func (e *endings) match(b []byte) bool { return e.longest(b, true) != "" }

// words is a set of whole stems.
type words map[string]bool

func newWords(list string) words {
	w := words{}
	for _, s := range strings.Fields(list) {
		mustLetters(s)
		w[s] = true
	}
	return w
}

func (w words) has(b []byte) bool { return w[string(b)] }

// letters is a set of letters, one bit each (α is bit 0, ω bit 24).
type letters uint32

const allLetters letters = 1<<25 - 1

func newLetters(s string) letters {
	var l letters
	b := mustLetters(s)
	for i := 0; i < len(b); i += 2 {
		l |= 1 << lastLetter(b[:i+2])
	}
	return l
}

func (l letters) last(b []byte) bool {
	i := lastLetter(b)
	return i >= 0 && l&(1<<i) != 0
}

// lastLetter returns the place in the alphabet of b's last letter, 0 for
// α to 24 for ω, or -1 if b is empty. b must be Greek small letters.
func lastLetter(b []byte) int {
	if len(b) < 2 {
		return -1
	}
	r := int(b[len(b)-2]&0x1F)<<6 | int(b[len(b)-1]&0x3F)
	return r - 'α'
}

// mustLetters returns s as bytes, and panics unless it is Greek small
// letters only: the tables below are checked when the package loads.
func mustLetters(s string) []byte {
	if !stemmable(s + "ααα") {
		panic("elstem: not Greek small letters in a rule: " + s)
	}
	return []byte(s)
}

// Vowels, for the steps that add an ending back after a vowel (Snowball's
// groupings v and v2): every vowel, and every vowel but υ.
var (
	vowels    = newLetters("αεηιουω")
	vowelsNoY = newLetters("αεηιοω")
)

// irregular is step 1: nouns whose stem changes within the paradigm
// (κρέας, κρέατος; φως, φωτός). The groups share no ending, so the first
// that matches is the one. polisee: the group -ολογια/-ολογιου/-ολογιων
// (ρολόγια) is left out; see elstem's package comment.
var irregular = []rule{
	{endings: newEndings("φαγια φαγιου φαγιων"), whole: true, then: []then{{add: "φα"}}},
	{endings: newEndings("σκαγια σκαγιου σκαγιων"), whole: true, then: []then{{add: "σκα"}}},
	{endings: newEndings("σογια σογιου σογιων"), whole: true, then: []then{{add: "σο"}}},
	{endings: newEndings("τατογια τατογιου τατογιων"), whole: true, then: []then{{add: "τατο"}}},
	{endings: newEndings("κρεασ κρεατοσ κρεατα κρεατων"), whole: true, then: []then{{add: "κρε"}}},
	{endings: newEndings("περασ περατοσ περατη περατα περατων"), whole: true, then: []then{{add: "περ"}}},
	{endings: newEndings("τερασ τερατοσ τερατα τερατων"), whole: true, then: []then{{add: "τερ"}}},
	{endings: newEndings("φωσ φωτοσ φωτα φωτων"), whole: true, then: []then{{add: "φω"}}},
	{endings: newEndings("καθεστωσ καθεστωτοσ καθεστωτα καθεστωτων"), whole: true, then: []then{{add: "καθεστ"}}},
	{endings: newEndings("γεγονοσ γεγονοτοσ γεγονοτα γεγονοτων"), whole: true, then: []then{{add: "γεγον"}}},
}

// Saroukos's steps S1 to S10 (derivational endings: verbs in -ίζω,
// aorists in -ισα, -ωθηκα, nouns in -ισμός, -ιστής, diminutives), then
// Ntais's steps 2a to 3.
var (
	// S1: -ιζ- verbs (ορίζω, όριζα …). polisee: also the passive and the
	// participle, from ιζομαι to ιζοντουσαν and ιζοντας, which kept their
	// -ιζ- (υποστηρίζει was υποστηρ, υποστηρίζονται υποστηριζ).
	stepS1 = rule{
		endings: newEndings(`ιζα ιζεσ ιζε ιζαμε ιζατε ιζαν ιζανε ιζω ιζεισ ιζει ιζουμε ιζετε ιζουν ιζουνε
			ιζομαι ιζεσαι ιζεται ιζομαστε ιζεστε ιζονται ιζομουν ιζομουνα ιζοσουν ιζοσουνα
			ιζοταν ιζομασταν ιζοσασταν ιζονταν ιζοντουσαν ιζοντασ ιζομε`),
		then: []then{
			{whole: newWords("αναμπα εμπα επα ξαναπα πα περιπα αθρο συναθρο δανε"), add: "ι"},
			{whole: newWords("μαρκ κορν αμπαρ αρρ βαθυρι βαρκ β βολβορ γκρ γλυκορ γλυκυρ ιμπ λ λου μαρ μ πρ μπρ πολυρ π ρ πιπερορ"), add: "ιζ"},
		},
	}
	// S2: passive aorist -ωθηκ-.
	stepS2 = rule{
		endings: newEndings("ωθηκα ωθηκεσ ωθηκε ωθηκαμε ωθηκατε ωθηκαν ωθηκανε"),
		then:    []then{{whole: newWords("αλ βι εν υψ λι ζω σ χ"), add: "ων"}},
	}
	// S3: aorist -ισα.
	stepS3 = rule{
		endings: newEndings("ισα ισεσ ισε ισαμε ισατε ισαν ισανε"),
		then: []then{
			{whole: newWords("αναμπα αθρο εμπα εσε εσωκλε επα ξαναπα επε περιπα συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε"), add: "ι"},
			{whole: newWords("αν αφ γε γιγαντοαφ γκε δημοκρατ κομ γκ μ π πουκαμ ολο λαρ"), add: "ισ"},
		},
	}
	// S4: subjunctive -ισω. polisee: after κρ (κρίσεις, εγκρίσεις,
	// συγκρίσεις) and καταρτ (καταρτίσεις) the -ισ- stays: those are the
	// plurals of nouns in -ιση, which were κρ, apart from κρίση, κρισ.
	stepS4 = rule{
		endings: newEndings("ισω ισεισ ισει ισουμε ισετε ισουν ισουνε"),
		then: []then{
			{whole: newWords("αναμπα εμπα εσε εσωκλε επα ξαναπα επε περιπα αθρο συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε"), add: "ι"},
			{tail: newEndings("κρ"), add: "ισ"},
			{whole: newWords("καταρτ"), add: "ισ"},
		},
	}
	// S5: nouns and adjectives in -ιστ- (-ιστής, -ιστός).
	stepS5 = rule{
		endings: newEndings("ιστοσ ιστου ιστο ιστε ιστοι ιστων ιστουσ ιστη ιστησ ιστα ιστεσ"),
		then: []then{
			{whole: newWords("δανε συναθρο κλε σε εσωκλε ασε πλε"), add: "ι"},
			{whole: newWords("μ π απ αρ ηδ κτ σκ σχ υψ φα χρ χτ ακτ αορ ασχ ατα αχν αχτ γεμ γυρ εμπ ευπ εχθ ηφα καθ κακ κυλ λυγ μακ μεγ ταχ φιλ χωρ"), add: "ιστ"},
		},
	}
	// S6: nouns in -ισμός.
	stepS6 = rule{
		endings: newEndings("ισμο ισμοι ισμοσ ισμου ισμουσ ισμων"),
		then: []then{
			// polisee: πολιτ keeps -ισμ-, so that πολιτισμός (culture)
			// does not meet πολίτης (citizen).
			{whole: newWords("σε μετασε μικροσε εγκλε αποκλε πολιτ"), add: "ισμ"},
			{whole: newWords("δανε αντιδανε"), add: "ι"},
			// αγνωστικισμός → αγνωστ, εθνικισμός → εθν …
			{tail: newEndings("αγνωστικ ατομικ γνωστικ εθνικ εκλεκτικ σκεπτικ τοπικ αλεξανδριν βυζαντιν θεατριν"), drop: 2},
		},
	}
	// S7: diminutives -αράκι, -ουδάκι.
	stepS7 = rule{
		endings: newEndings("αρακι αρακια ουδακι ουδακια"),
		then:    []then{{whole: newWords("σ χ"), add: "αρακ"}},
	}
	// S8: diminutives -άκι, -ίτσα.
	stepS8 = rule{
		endings: newEndings("ακι ακια ιτσα ιτσασ ιτσεσ ιτσων αρακι αρακια"),
		then: []then{
			{whole: newWords("βαμβ βρ καιμ κον κορ λαβρ λουλ μερ μουστ ναγκασ πλ ρ ρυ σ σκ σοκ σπαν τζ φαρμ χ καπακ αλισφ αμβρ ανθρ κ φυλ κατραπ κλιμ μαλ σλοβ φ σφ τσεχοσλοβ"), add: "ακ"},
			{whole: newWords("β βαλ γιαν γλ ζ ηγουμεν καρδ μακρυν νυφ πατερ π τοσ τριπολ"), add: "ιτσ"},
			{tail: newEndings("κορ"), add: "ιτσ"},
		},
	}
	// S9: diminutives -ίδιο. polisee: after πα the -ιδ- stays, so that
	// παιδιά (children) is παιδ, as παιδί is, and not πα.
	stepS9 = rule{
		endings: newEndings("ιδιο ιδια ιδιων"),
		then: []then{
			{whole: newWords("αιφν ιρ ολο ψαλ"), add: "ιδ"},
			{tail: newEndings("ε παιχν πα"), add: "ιδ"},
		},
	}
	// S10: diminutives -ίσκος.
	stepS10 = rule{
		endings: newEndings("ισκοσ ισκου ισκο ισκε"),
		then:    []then{{whole: newWords("δ ιβ μην ρ φραγκ λυκ οβελ"), add: "ισκ"}},
	}

	// 2a: plurals in -άδες (μπαμπάδες); -αδ- stays but after these.
	step2a = rule{
		endings: newEndings("αδεσ αδων"),
		quiet:   true,
		then: []then{
			{tail: newEndings("οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ")},
			{add: "αδ"},
		},
	}
	// 2b: plurals in -έδες (καφέδες); -εδ- goes but after these.
	step2b = rule{
		endings: newEndings("εδεσ εδων"),
		quiet:   true,
		then:    []then{{tail: newEndings("οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ"), add: "εδ"}},
	}
	// 2c: plurals in -ούδες (παππούδες); -ουδ- goes but after these.
	step2c = rule{
		endings: newEndings("ουδεσ ουδων"),
		quiet:   true,
		then:    []then{{tail: newEndings("αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε"), add: "ουδ"}},
	}
	// 2d: -έως, -έων of nouns in -έας and -η.
	step2d = rule{
		endings: newEndings("εωσ εων"),
		then:    []then{{whole: step2dKeepE, add: "ε"}},
	}
	// polisee: also -έα, -έας, -έες, so that τομέας, τομέα, τομείς, τομέων
	// meet, and so do δωρεά, δωρεάς, δωρεές, δωρεών; after στερ and γεν
	// the ε stays (Στερεά, γενεά), as it did after ιδ (ιδέα) and ν (νέα).
	step2dMore = rule{
		endings: newEndings("εα εασ εεσ"),
		fresh:   true,
		then:    []then{{whole: step2dKeepE, add: "ε"}},
	}
	step2dKeepE = newWords("θ δ ελ γαλ ν π ιδ παρ στερ γεν")

	// 3: nouns in -ια and -ι (συνεργασία, παιδί): the ι stays after a
	// vowel (περιφέρεια).
	step3 = rule{
		endings: newEndings("ια ιου ιων"),
		then:    []then{{vowels: vowels, add: "ι"}},
	}
	// polisee: also -ιας, -ιες, -ιο, -ιος, -ιοι, -ιους, so that every case
	// of these nouns meets (συνεργασίας, συνεργασίες; βιβλίο, βιβλία).
	step3More = rule{
		endings: newEndings("ιασ ιεσ ιο ιοσ ιοι ιουσ"),
		fresh:   true,
		then:    []then{{vowels: vowels, add: "ι"}},
	}
	// Step 4 (-ικα, -ικο, -ικου, -ικων, with -ικ- dropped) is left out
	// (polisee: see elstem's package comment); step 6 takes those endings off
	// and -ικ- stays.

	middleSteps = []*rule{
		&stepS1, &stepS2, &stepS3, &stepS4, &stepS5, &stepS6, &stepS7, &stepS8, &stepS9, &stepS10,
		&step2a, &step2b, &step2c, &step2d, &step2dMore, &step3, &step3More,
	}
)

// Ntais's steps 5a to 5m: verb endings, and the participle -ούσα.
var (
	// 5a: -αμε (first person plural).
	step5aLong = rule{endings: newEndings("αγαμε ησαμε ουσαμε ηκαμε ηθηκαμε")}
	step5a     = rule{
		endings: newEndings("αμε"),
		then:    []then{{whole: newWords("αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ"), add: "αμ"}},
	}
	// 5b: -ανε (third person plural).
	step5bLong = rule{
		endings: newEndings("αγανε ησανε ουσανε ιοντανε ιοτανε ιουντανε οντανε οτανε ουντανε ηκανε ηθηκανε"),
		then:    []then{{whole: newWords("τρ τσ"), add: "αγαν"}},
	}
	step5b = rule{
		endings: newEndings("ανε"),
		then: []then{
			{vowels: vowelsNoY, add: "αν"},
			{whole: newWords(`βετερ βουλκ βραχμ γ δραδουμ θ καλπουζ καστελ κορμορ λαοπλ μωαμεθ μ
				μουσουλμ ν ουλ π πελεκ πλ πολισ πορτολ σαρακατσ σουλτ τσαρλατ ορφ τσιγγ τσοπ
				φωτοστεφ χ ψυχοπλ αγ γαλ γερ δεκ διπλ αμερικαν ουρ πιθ πουριτ σ ζωντ ικ καστ
				κοπ λιχ λουθηρ μαιντ μελ σιγ σπ στεγ τραγ τσαγ φ ερ αδαπ αθιγγ αμηχ ανικ ανοργ
				απηγ απιθ ατσιγγ βασ βασκ βαθυγαλ βιομηχ βραχυκ διατ διαφ ενοργ θυσ καπνοβιομηχ
				καταγαλ κλιβ κοιλαρφ λιβ μεγλοβιομηχ μικροβιομηχ νταβ ξηροκλιβ ολιγοδαμ ολογαλ
				πενταρφ περηφ περιτρ πλατ πολυδαπ πολυμηχ στεφ ταβ τετ υπερηφ υποκοπ χαμηλοδαπ
				ψηλοταβ`), add: "αν"},
		},
	}
	// 5c: -ετε (second person plural).
	step5cLong = rule{endings: newEndings("ησετε")}
	step5c     = rule{
		endings: newEndings("ετε"),
		then: []then{
			{vowels: vowelsNoY, add: "ετ"},
			{tail: newEndings(`οδ αιρ φορ ταθ διαθ σχ ενδ ευρ τιθ υπερθ ραθ ενθ ροθ σθ πυρ αιν
				συνδ συν συνθ χωρ πον βρ καθ ευθ εκθ νετ ρον αρκ βαρ βολ ωφελ`), add: "ετ"},
			{whole: newWords(`αβαρ βεν εναρ αβρ αδ αθ αν απλ βαρον ντρ σκ κοπ μπορ νιφ παγ
				παρακαλ σερπ σκελ συρφ τοκ υ δ εμ θαρρ θ`), add: "ετ"},
		},
	}
	// 5d: participle -οντας, -ώντας.
	step5d = rule{
		endings: newEndings("οντασ ωντασ"),
		then: []then{
			{whole: newWords("αρχ"), add: "οντ"},
			{tail: newEndings("κρε"), add: "ωντ"},
		},
	}
	// 5e: -όμαστε.
	step5e = rule{
		endings: newEndings("ομαστε ιομαστε"),
		then:    []then{{whole: newWords("ον"), add: "ομαστ"}},
	}
	// 5f: -ιέστε, -έστε. polisee: after -εστε the ending put back is
	// -εστ (Snowball: -ιεστ).
	step5fLong = rule{
		endings: newEndings("ιεστε"),
		then:    []then{{whole: newWords("π απ συμπ ασυμπ ακαταπ αμεταμφ"), add: "ιεστ"}},
	}
	step5f = rule{
		endings: newEndings("εστε"),
		then:    []then{{whole: newWords("αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ"), add: "εστ"}},
	}
	// 5g: passive aorist -ήκα, -ήθηκα.
	step5gLong = rule{endings: newEndings("ηθηκα ηθηκεσ ηθηκε")}
	step5g     = rule{
		endings: newEndings("ηκα ηκεσ ηκε"),
		then: []then{
			{tail: newEndings("σκωλ σκουλ ναρθ σφ οθ πιθ"), add: "ηκ"},
			{whole: newWords("διαθ θ παρακαταθ προσθ συνθ"), add: "ηκ"},
		},
	}
	// 5h: -ούσα (imperfect, participle).
	step5h = rule{
		endings: newEndings("ουσα ουσεσ ουσε"),
		then: []then{
			{tail: newEndings("ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ"), add: "ουσ"},
			{whole: newWords(`φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ
				υποτειν αμ αιθ ανηκ δεσποζ ενδιαφερ δε δευτερευ καθαρευ πλε τσα`), add: "ουσ"},
		},
	}
	// 5j: aorist -ησα, -ησε, imperative -ησου.
	step5j = rule{
		endings: newEndings("ησε ησου ησα"),
		then:    []then{{whole: newWords("ν χερσον δωδεκαν ερημον μεγαλον επταν"), add: "ησ"}},
	}
	// 5i: -αγα, -αγε (πέταγα).
	step5i = rule{
		endings: newEndings("αγα αγεσ αγε"),
		then: []then{
			{tail: newEndings("κολλ"), add: "αγ"},
			{tail: newEndings("ψοφ ναυλοχ")}, // before οφ, λοχ below
			{tail: newEndings("οφ πελ χορτ λλ σφ ρπ φρ πρ λοχ σμην"), add: "αγ"},
			{whole: newWords(`αβαστ πολυφ αδηφ παμφ ρ ασπ αφ αμαλ αμαλλι ανυστ απερ ασπαρ αχαρ
				δερβεν δροσοπ ξεφ νεοπ νομοτ ολοπ ομοτ προστ προσωποπ συμπ συντ τ υποτ χαρ
				αειπ αιμοστ ανυπ αποτ αρτιπ διατ εν επιτ κροκαλοπ σιδηροπ λ ναυ ουλαμ ουρ π
				τρ μ`), add: "αγ"},
		},
	}
	// 5k: -ήστε.
	step5k = rule{
		endings: newEndings("ηστε"),
		then:    []then{{whole: newWords("ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ"), add: "ηστ"}},
	}
	// 5l: -ουνε.
	step5l = rule{
		endings: newEndings("ουνε ησουνε ηθουνε"),
		then:    []then{{whole: newWords("ν ρ σπι στραβομουτσ κακομουτσ εξων"), add: "ουν"}},
	}
	// 5m: -ουμε.
	step5m = rule{
		endings: newEndings("ουμε ησουμε ηθουμε"),
		then:    []then{{whole: newWords("παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ"), add: "ουμ"}},
	}

	// In the published order, which runs 5j before 5i.
	verbSteps = []*rule{
		&step5aLong, &step5a, &step5bLong, &step5b, &step5cLong, &step5c, &step5d, &step5e,
		&step5fLong, &step5f, &step5gLong, &step5g, &step5h, &step5j, &step5i, &step5k,
		&step5l, &step5m,
	}
)

var (
	// 6, first part: -ματα, -ματος, -ματων become -μα (πρόβλημα,
	// προβλήματα), whether or not a step above took an ending off.
	step6Mata = rule{
		endings: newEndings("ματα ματων ματοσ"),
		whole:   true,
		quiet:   true,
		then:    []then{{add: "μα"}},
	}
	// 6: the remaining inflectional endings of nouns, adjectives and verbs,
	// for words no step above has touched. The endings that begin with ι
	// (κρατιέμαι, κρατιούνται) are tried first; the two lists share no
	// ending, so this takes the longest as the published step does.
	// polisee: after a vowel the ι stays, as in step 3, for it belongs to
	// the stem (χρησιμοποιούνται was χρησιμοπο, apart from χρησιμοποιώ).
	step6Iota = rule{
		endings: newEndings(`ιεμαι ιεμαστε ιεται ιεσαι ιεσαστε ιομασταν ιομουν ιομουνα ιονταν
			ιοντουσαν ιοσασταν ιοσαστε ιοσουν ιοσουνα ιοταν ιουμα ιουμαστε ιουνται ιουνταν`),
		then: []then{{vowels: vowels, add: "ι"}},
	}
	// polisee: also the passive of the verbs in -ώ (-είται, -είσαι,
	// -είστε, -ούμουν(α), -ούσουν(α)): χρησιμοποιείται was
	// χρησιμοποιειτα.
	step6 = rule{endings: newEndings(`ειται εισαι ειστε ουμουν ουμουνα ουσουν ουσουνα
		α αγατε αγαν αει αμαι αν ασ ασαι αται αω ε ει εισ ειτε εσαι εσ εται ι
		η ηδεσ ηδων ηθει ηθεισ ηθειτε ηθηκατε ηθηκαν ηθουν ηθω ηκατε ηκαν ησ ησαν
		ησατε ησει ησεσ ησουν ησω ο οι ομαι ομασταν ομουν ομουνα ονται ονταν
		οντουσαν οσ οσασταν οσαστε οσουν οσουνα οταν ου ουμαι ουμαστε ουν ουνται
		ουνταν ουσ ουσαν ουσατε υ υσ ω ων`)}
	// 7: comparative and superlative (ψηλότερος, ψηλότατος).
	step7 = rule{endings: newEndings("εστερ εστατ οτερ οτατ υτερ υτατ ωτερ ωτατ")}
)
