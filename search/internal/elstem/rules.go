package elstem

import (
	"sort"
	"strings"
	"sync"
)

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

// ruleSet is the stemmer's steps in the order they run.
type ruleSet struct {
	irregular                          []rule
	middle, verb                       []*rule
	step6Mata, step6Iota, step6, step7 *rule
}

// rules builds the steps on first use, not when the package loads: a site
// without Greek never needs them, and the browser's search engine starts
// sooner without building them (about 1,700 allocations).
var rules = sync.OnceValue(buildRules)

// buildRules is one flat table of the published steps, kept whole so that
// it reads in their order.
func buildRules() *ruleSet {
	// irregular is step 1: nouns whose stem changes within the paradigm
	// (κρέας, κρέατος; φως, φωτός). The groups share no ending, so the first
	// that matches is the one. polisee: the group -ολογια/-ολογιου/-ολογιων
	// (ρολόγια) is left out; see the package comment.
	irregular := []rule{
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
	// S1: -ιζ- verbs (ορίζω, όριζα …). polisee: also the passive and the
	// participle, from ιζομαι to ιζοντουσαν and ιζοντας, which kept their
	// -ιζ- (υποστηρίζει was υποστηρ, υποστηρίζονται υποστηριζ).
	stepS1 := rule{
		endings: newEndings(`ιζα ιζεσ ιζε ιζαμε ιζατε ιζαν ιζανε ιζω ιζεισ ιζει ιζουμε ιζετε ιζουν ιζουνε
			ιζομαι ιζεσαι ιζεται ιζομαστε ιζεστε ιζονται ιζομουν ιζομουνα ιζοσουν ιζοσουνα
			ιζοταν ιζομασταν ιζοσασταν ιζονταν ιζοντουσαν ιζοντασ ιζομε`),
		then: []then{
			{whole: newWords("αναμπα εμπα επα ξαναπα πα περιπα αθρο συναθρο δανε"), add: "ι"},
			{whole: newWords("μαρκ κορν αμπαρ αρρ βαθυρι βαρκ β βολβορ γκρ γλυκορ γλυκυρ ιμπ λ λου μαρ μ πρ μπρ πολυρ π ρ πιπερορ"), add: "ιζ"},
		},
	}
	// S2: passive aorist -ωθηκ-.
	stepS2 := rule{
		endings: newEndings("ωθηκα ωθηκεσ ωθηκε ωθηκαμε ωθηκατε ωθηκαν ωθηκανε"),
		then:    []then{{whole: newWords("αλ βι εν υψ λι ζω σ χ"), add: "ων"}},
	}
	// S3: aorist -ισα.
	stepS3 := rule{
		endings: newEndings("ισα ισεσ ισε ισαμε ισατε ισαν ισανε"),
		then: []then{
			{whole: newWords("αναμπα αθρο εμπα εσε εσωκλε επα ξαναπα επε περιπα συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε"), add: "ι"},
			{whole: newWords("αν αφ γε γιγαντοαφ γκε δημοκρατ κομ γκ μ π πουκαμ ολο λαρ"), add: "ισ"},
		},
	}
	// S4: subjunctive -ισω. polisee: after κρ (κρίσεις, εγκρίσεις,
	// συγκρίσεις) and καταρτ (καταρτίσεις) the -ισ- stays: those are the
	// plurals of nouns in -ιση, which were κρ, apart from κρίση, κρισ.
	stepS4 := rule{
		endings: newEndings("ισω ισεισ ισει ισουμε ισετε ισουν ισουνε"),
		then: []then{
			{whole: newWords("αναμπα εμπα εσε εσωκλε επα ξαναπα επε περιπα αθρο συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε"), add: "ι"},
			{tail: newEndings("κρ"), add: "ισ"},
			{whole: newWords("καταρτ"), add: "ισ"},
		},
	}
	// S5: nouns and adjectives in -ιστ- (-ιστής, -ιστός).
	stepS5 := rule{
		endings: newEndings("ιστοσ ιστου ιστο ιστε ιστοι ιστων ιστουσ ιστη ιστησ ιστα ιστεσ"),
		then: []then{
			{whole: newWords("δανε συναθρο κλε σε εσωκλε ασε πλε"), add: "ι"},
			{whole: newWords("μ π απ αρ ηδ κτ σκ σχ υψ φα χρ χτ ακτ αορ ασχ ατα αχν αχτ γεμ γυρ εμπ ευπ εχθ ηφα καθ κακ κυλ λυγ μακ μεγ ταχ φιλ χωρ"), add: "ιστ"},
		},
	}
	// S6: nouns in -ισμός.
	stepS6 := rule{
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
	stepS7 := rule{
		endings: newEndings("αρακι αρακια ουδακι ουδακια"),
		then:    []then{{whole: newWords("σ χ"), add: "αρακ"}},
	}
	// S8: diminutives -άκι, -ίτσα.
	stepS8 := rule{
		endings: newEndings("ακι ακια ιτσα ιτσασ ιτσεσ ιτσων αρακι αρακια"),
		then: []then{
			{whole: newWords("βαμβ βρ καιμ κον κορ λαβρ λουλ μερ μουστ ναγκασ πλ ρ ρυ σ σκ σοκ σπαν τζ φαρμ χ καπακ αλισφ αμβρ ανθρ κ φυλ κατραπ κλιμ μαλ σλοβ φ σφ τσεχοσλοβ"), add: "ακ"},
			{whole: newWords("β βαλ γιαν γλ ζ ηγουμεν καρδ μακρυν νυφ πατερ π τοσ τριπολ"), add: "ιτσ"},
			{tail: newEndings("κορ"), add: "ιτσ"},
		},
	}
	// S9: diminutives -ίδιο. polisee: after πα the -ιδ- stays, so that
	// παιδιά (children) is παιδ, as παιδί is, and not πα.
	stepS9 := rule{
		endings: newEndings("ιδιο ιδια ιδιων"),
		then: []then{
			{whole: newWords("αιφν ιρ ολο ψαλ"), add: "ιδ"},
			{tail: newEndings("ε παιχν πα"), add: "ιδ"},
		},
	}
	// S10: diminutives -ίσκος.
	stepS10 := rule{
		endings: newEndings("ισκοσ ισκου ισκο ισκε"),
		then:    []then{{whole: newWords("δ ιβ μην ρ φραγκ λυκ οβελ"), add: "ισκ"}},
	}

	// 2a: plurals in -άδες (μπαμπάδες); -αδ- stays but after these.
	step2a := rule{
		endings: newEndings("αδεσ αδων"),
		quiet:   true,
		then: []then{
			{tail: newEndings("οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ")},
			{add: "αδ"},
		},
	}
	// 2b: plurals in -έδες (καφέδες); -εδ- goes but after these.
	step2b := rule{
		endings: newEndings("εδεσ εδων"),
		quiet:   true,
		then:    []then{{tail: newEndings("οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ"), add: "εδ"}},
	}
	// 2c: plurals in -ούδες (παππούδες); -ουδ- goes but after these.
	step2c := rule{
		endings: newEndings("ουδεσ ουδων"),
		quiet:   true,
		then:    []then{{tail: newEndings("αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε"), add: "ουδ"}},
	}
	// The stems after which steps 2d and its addition keep the ε.
	step2dKeepE := newWords("θ δ ελ γαλ ν π ιδ παρ στερ γεν")
	// 2d: -έως, -έων of nouns in -έας and -η.
	step2d := rule{
		endings: newEndings("εωσ εων"),
		then:    []then{{whole: step2dKeepE, add: "ε"}},
	}
	// polisee: also -έα, -έας, -έες, so that τομέας, τομέα, τομείς, τομέων
	// meet, and so do δωρεά, δωρεάς, δωρεές, δωρεών; after στερ and γεν
	// the ε stays (Στερεά, γενεά), as it did after ιδ (ιδέα) and ν (νέα).
	step2dMore := rule{
		endings: newEndings("εα εασ εεσ"),
		fresh:   true,
		then:    []then{{whole: step2dKeepE, add: "ε"}},
	}

	// 3: nouns in -ια and -ι (συνεργασία, παιδί): the ι stays after a
	// vowel (περιφέρεια).
	step3 := rule{
		endings: newEndings("ια ιου ιων"),
		then:    []then{{vowels: vowels, add: "ι"}},
	}
	// polisee: also -ιας, -ιες, -ιο, -ιος, -ιοι, -ιους, so that every case
	// of these nouns meets (συνεργασίας, συνεργασίες; βιβλίο, βιβλία).
	step3More := rule{
		endings: newEndings("ιασ ιεσ ιο ιοσ ιοι ιουσ"),
		fresh:   true,
		then:    []then{{vowels: vowels, add: "ι"}},
	}
	// Step 4 (-ικα, -ικο, -ικου, -ικων, with -ικ- dropped) is left out
	// (polisee: see the package comment); step 6 takes those endings off
	// and -ικ- stays.

	middleSteps := []*rule{
		&stepS1, &stepS2, &stepS3, &stepS4, &stepS5, &stepS6, &stepS7, &stepS8, &stepS9, &stepS10,
		&step2a, &step2b, &step2c, &step2d, &step2dMore, &step3, &step3More,
	}

	// Ntais's steps 5a to 5m: verb endings, and the participle -ούσα.
	// 5a: -αμε (first person plural).
	step5aLong := rule{endings: newEndings("αγαμε ησαμε ουσαμε ηκαμε ηθηκαμε")}
	step5a := rule{
		endings: newEndings("αμε"),
		then:    []then{{whole: newWords("αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ"), add: "αμ"}},
	}
	// 5b: -ανε (third person plural).
	step5bLong := rule{
		endings: newEndings("αγανε ησανε ουσανε ιοντανε ιοτανε ιουντανε οντανε οτανε ουντανε ηκανε ηθηκανε"),
		then:    []then{{whole: newWords("τρ τσ"), add: "αγαν"}},
	}
	step5b := rule{
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
	step5cLong := rule{endings: newEndings("ησετε")}
	step5c := rule{
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
	step5d := rule{
		endings: newEndings("οντασ ωντασ"),
		then: []then{
			{whole: newWords("αρχ"), add: "οντ"},
			{tail: newEndings("κρε"), add: "ωντ"},
		},
	}
	// 5e: -όμαστε.
	step5e := rule{
		endings: newEndings("ομαστε ιομαστε"),
		then:    []then{{whole: newWords("ον"), add: "ομαστ"}},
	}
	// 5f: -ιέστε, -έστε. polisee: after -εστε the ending put back is
	// -εστ (Snowball: -ιεστ).
	step5fLong := rule{
		endings: newEndings("ιεστε"),
		then:    []then{{whole: newWords("π απ συμπ ασυμπ ακαταπ αμεταμφ"), add: "ιεστ"}},
	}
	step5f := rule{
		endings: newEndings("εστε"),
		then:    []then{{whole: newWords("αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ"), add: "εστ"}},
	}
	// 5g: passive aorist -ήκα, -ήθηκα.
	step5gLong := rule{endings: newEndings("ηθηκα ηθηκεσ ηθηκε")}
	step5g := rule{
		endings: newEndings("ηκα ηκεσ ηκε"),
		then: []then{
			{tail: newEndings("σκωλ σκουλ ναρθ σφ οθ πιθ"), add: "ηκ"},
			{whole: newWords("διαθ θ παρακαταθ προσθ συνθ"), add: "ηκ"},
		},
	}
	// 5h: -ούσα (imperfect, participle).
	step5h := rule{
		endings: newEndings("ουσα ουσεσ ουσε"),
		then: []then{
			{tail: newEndings("ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ"), add: "ουσ"},
			{whole: newWords(`φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ
				υποτειν αμ αιθ ανηκ δεσποζ ενδιαφερ δε δευτερευ καθαρευ πλε τσα`), add: "ουσ"},
		},
	}
	// 5j: aorist -ησα, -ησε, imperative -ησου.
	step5j := rule{
		endings: newEndings("ησε ησου ησα"),
		then:    []then{{whole: newWords("ν χερσον δωδεκαν ερημον μεγαλον επταν"), add: "ησ"}},
	}
	// 5i: -αγα, -αγε (πέταγα).
	step5i := rule{
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
	step5k := rule{
		endings: newEndings("ηστε"),
		then:    []then{{whole: newWords("ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ"), add: "ηστ"}},
	}
	// 5l: -ουνε.
	step5l := rule{
		endings: newEndings("ουνε ησουνε ηθουνε"),
		then:    []then{{whole: newWords("ν ρ σπι στραβομουτσ κακομουτσ εξων"), add: "ουν"}},
	}
	// 5m: -ουμε.
	step5m := rule{
		endings: newEndings("ουμε ησουμε ηθουμε"),
		then:    []then{{whole: newWords("παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ"), add: "ουμ"}},
	}

	// In the published order, which runs 5j before 5i.
	verbSteps := []*rule{
		&step5aLong, &step5a, &step5bLong, &step5b, &step5cLong, &step5c, &step5d, &step5e,
		&step5fLong, &step5f, &step5gLong, &step5g, &step5h, &step5j, &step5i, &step5k,
		&step5l, &step5m,
	}

	// 6, first part: -ματα, -ματος, -ματων become -μα (πρόβλημα,
	// προβλήματα), whether or not a step above took an ending off.
	step6Mata := rule{
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
	step6Iota := rule{
		endings: newEndings(`ιεμαι ιεμαστε ιεται ιεσαι ιεσαστε ιομασταν ιομουν ιομουνα ιονταν
			ιοντουσαν ιοσασταν ιοσαστε ιοσουν ιοσουνα ιοταν ιουμα ιουμαστε ιουνται ιουνταν`),
		then: []then{{vowels: vowels, add: "ι"}},
	}
	// polisee: also the passive of the verbs in -ώ (-είται, -είσαι,
	// -είστε, -ούμουν(α), -ούσουν(α)): χρησιμοποιείται was
	// χρησιμοποιειτα.
	step6 := rule{endings: newEndings(`ειται εισαι ειστε ουμουν ουμουνα ουσουν ουσουνα
		α αγατε αγαν αει αμαι αν ασ ασαι αται αω ε ει εισ ειτε εσαι εσ εται ι
		η ηδεσ ηδων ηθει ηθεισ ηθειτε ηθηκατε ηθηκαν ηθουν ηθω ηκατε ηκαν ησ ησαν
		ησατε ησει ησεσ ησουν ησω ο οι ομαι ομασταν ομουν ομουνα ονται ονταν
		οντουσαν οσ οσασταν οσαστε οσουν οσουνα οταν ου ουμαι ουμαστε ουν ουνται
		ουνταν ουσ ουσαν ουσατε υ υσ ω ων`)}
	// 7: comparative and superlative (ψηλότερος, ψηλότατος).
	step7 := rule{endings: newEndings("εστερ εστατ οτερ οτατ υτερ υτατ ωτερ ωτατ")}
	return &ruleSet{irregular: irregular, middle: middleSteps, verb: verbSteps,
		step6Mata: &step6Mata, step6Iota: &step6Iota, step6: &step6, step7: &step7}
}
