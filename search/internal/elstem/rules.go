package elstem

import (
	"sort"
	"strconv"
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

func newEndings(list []string) *endings {
	e := new(endings)
	for _, s := range list {
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

func newWords(list []string) words {
	w := words{}
	for _, s := range list {
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

// parseRule reads a rule written as text, which buildRules's table is:
// its flags (whole, quiet, fresh: the rule's fields of those names), its
// endings, then what to add back, each condition in turn:
//
//	if WORD...: ADD         the stem is one of the words
//	after ENDING...: ADD    the stem ends with one of the endings
//	after vowel: ADD        the stem ends with a vowel
//	after vowel-but-υ: ADD  the stem ends with a vowel other than υ
//	always: ADD             whatever the stem
//
// ADD is the letters to add; it may be empty (the condition then only
// stops the conditions after it), and may be preceded by -N, the number
// of letters to take off the stem first. Lists may run over several
// lines. The table is written as text because the same rules built as Go
// values took 28 KB of code in the browser's engine; it is checked when
// it is built, which panics at the first mistake.
func parseRule(spec string) *rule {
	r := new(rule)
	fields := strings.Fields(spec)
	i := 0
	var endings []string
	for ; i < len(fields) && !isCondition(fields[i]); i++ {
		switch f := fields[i]; f {
		case "whole":
			r.whole = true
		case "quiet":
			r.quiet = true
		case "fresh":
			r.fresh = true
		default:
			endings = append(endings, f)
		}
	}
	if len(endings) == 0 {
		panic("elstem: a rule without endings: " + spec)
	}
	r.endings = newEndings(endings)
	for i < len(fields) {
		var t then
		// The condition: a keyword, then its list up to the word ending
		// with a colon.
		kind := fields[i]
		var list []string
		if kind != "always:" {
			for i++; i < len(fields); i++ {
				w, last := strings.CutSuffix(fields[i], ":")
				list = append(list, w)
				if last {
					break
				}
			}
			if i == len(fields) || len(list) == 0 {
				panic("elstem: a condition without its colon or its list: " + spec)
			}
		}
		i++
		switch {
		case kind == "always:":
		case kind == "if":
			t.whole = newWords(list)
		case kind == "after" && len(list) == 1 && list[0] == "vowel":
			t.vowels = vowels
		case kind == "after" && len(list) == 1 && list[0] == "vowel-but-υ":
			t.vowels = vowelsNoY
		case kind == "after":
			t.tail = newEndings(list)
		default:
			panic("elstem: not a condition: " + kind + " in " + spec)
		}
		// What to add: -N and the letters, each optional.
		if i < len(fields) && strings.HasPrefix(fields[i], "-") {
			n, err := strconv.Atoi(fields[i][1:])
			if err != nil || n <= 0 {
				panic("elstem: not a number of letters to drop: " + fields[i] + " in " + spec)
			}
			t.drop = n
			i++
		}
		if i < len(fields) && !isCondition(fields[i]) {
			t.add = string(mustLetters(fields[i]))
			i++
		}
		if i < len(fields) && !isCondition(fields[i]) {
			panic("elstem: more than one word to add in " + spec)
		}
		r.then = append(r.then, t)
	}
	return r
}

// isCondition reports whether f begins a condition of parseRule's text.
func isCondition(f string) bool { return f == "if" || f == "after" || f == "always:" }

// ruleSet is the stemmer's steps in the order they run.
type ruleSet struct {
	irregular                          []*rule
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
	irregular := []*rule{
		parseRule(`whole φαγια φαγιου φαγιων
			always: φα`),
		parseRule(`whole σκαγια σκαγιου σκαγιων
			always: σκα`),
		parseRule(`whole σογια σογιου σογιων
			always: σο`),
		parseRule(`whole τατογια τατογιου τατογιων
			always: τατο`),
		parseRule(`whole κρεασ κρεατοσ κρεατα κρεατων
			always: κρε`),
		parseRule(`whole περασ περατοσ περατη περατα περατων
			always: περ`),
		parseRule(`whole τερασ τερατοσ τερατα τερατων
			always: τερ`),
		parseRule(`whole φωσ φωτοσ φωτα φωτων
			always: φω`),
		parseRule(`whole καθεστωσ καθεστωτοσ καθεστωτα καθεστωτων
			always: καθεστ`),
		parseRule(`whole γεγονοσ γεγονοτοσ γεγονοτα γεγονοτων
			always: γεγον`),
	}

	// Saroukos's steps S1 to S10 (derivational endings: verbs in -ίζω,
	// aorists in -ισα, -ωθηκα, nouns in -ισμός, -ιστής, diminutives), then
	// Ntais's steps 2a to 3.
	// S1: -ιζ- verbs (ορίζω, όριζα …). polisee: also the passive and the
	// participle, from ιζομαι to ιζοντουσαν and ιζοντας, which kept their
	// -ιζ- (υποστηρίζει was υποστηρ, υποστηρίζονται υποστηριζ).
	stepS1 := parseRule(`ιζα ιζεσ ιζε ιζαμε ιζατε ιζαν ιζανε ιζω ιζεισ ιζει ιζουμε ιζετε ιζουν ιζουνε
		ιζομαι ιζεσαι ιζεται ιζομαστε ιζεστε ιζονται ιζομουν ιζομουνα ιζοσουν ιζοσουνα
		ιζοταν ιζομασταν ιζοσασταν ιζονταν ιζοντουσαν ιζοντασ ιζομε
		if αναμπα εμπα επα ξαναπα πα περιπα αθρο συναθρο δανε: ι
		if μαρκ κορν αμπαρ αρρ βαθυρι βαρκ β βολβορ γκρ γλυκορ γλυκυρ ιμπ λ λου μαρ μ πρ μπρ πολυρ π ρ πιπερορ: ιζ`)
	// S2: passive aorist -ωθηκ-.
	stepS2 := parseRule(`ωθηκα ωθηκεσ ωθηκε ωθηκαμε ωθηκατε ωθηκαν ωθηκανε
		if αλ βι εν υψ λι ζω σ χ: ων`)
	// S3: aorist -ισα.
	stepS3 := parseRule(`ισα ισεσ ισε ισαμε ισατε ισαν ισανε
		if αναμπα αθρο εμπα εσε εσωκλε επα ξαναπα επε περιπα συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε: ι
		if αν αφ γε γιγαντοαφ γκε δημοκρατ κομ γκ μ π πουκαμ ολο λαρ: ισ`)
	// S4: subjunctive -ισω. polisee: after κρ (κρίσεις, εγκρίσεις,
	// συγκρίσεις) and καταρτ (καταρτίσεις) the -ισ- stays: those are the
	// plurals of nouns in -ιση, which were κρ, apart from κρίση, κρισ.
	stepS4 := parseRule(`ισω ισεισ ισει ισουμε ισετε ισουν ισουνε
		if αναμπα εμπα εσε εσωκλε επα ξαναπα επε περιπα αθρο συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε: ι
		after κρ: ισ
		if καταρτ: ισ`)
	// S5: nouns and adjectives in -ιστ- (-ιστής, -ιστός).
	stepS5 := parseRule(`ιστοσ ιστου ιστο ιστε ιστοι ιστων ιστουσ ιστη ιστησ ιστα ιστεσ
		if δανε συναθρο κλε σε εσωκλε ασε πλε: ι
		if μ π απ αρ ηδ κτ σκ σχ υψ φα χρ χτ ακτ αορ ασχ ατα αχν αχτ γεμ γυρ εμπ ευπ εχθ ηφα καθ κακ κυλ λυγ μακ μεγ ταχ φιλ χωρ: ιστ`)
	// S6: nouns in -ισμός. polisee: πολιτ keeps -ισμ-, so that
	// πολιτισμός (culture) does not meet πολίτης (citizen). The last line
	// takes -ικ- off too: αγνωστικισμός is αγνωστ, εθνικισμός εθν.
	stepS6 := parseRule(`ισμο ισμοι ισμοσ ισμου ισμουσ ισμων
		if σε μετασε μικροσε εγκλε αποκλε πολιτ: ισμ
		if δανε αντιδανε: ι
		after αγνωστικ ατομικ γνωστικ εθνικ εκλεκτικ σκεπτικ τοπικ αλεξανδριν βυζαντιν θεατριν: -2`)
	// S7: diminutives -αράκι, -ουδάκι.
	stepS7 := parseRule(`αρακι αρακια ουδακι ουδακια
		if σ χ: αρακ`)
	// S8: diminutives -άκι, -ίτσα.
	stepS8 := parseRule(`ακι ακια ιτσα ιτσασ ιτσεσ ιτσων αρακι αρακια
		if βαμβ βρ καιμ κον κορ λαβρ λουλ μερ μουστ ναγκασ πλ ρ ρυ σ σκ σοκ σπαν τζ φαρμ χ καπακ αλισφ αμβρ ανθρ κ φυλ κατραπ κλιμ μαλ σλοβ φ σφ τσεχοσλοβ: ακ
		if β βαλ γιαν γλ ζ ηγουμεν καρδ μακρυν νυφ πατερ π τοσ τριπολ: ιτσ
		after κορ: ιτσ`)
	// S9: diminutives -ίδιο. polisee: after πα the -ιδ- stays, so that
	// παιδιά (children) is παιδ, as παιδί is, and not πα.
	stepS9 := parseRule(`ιδιο ιδια ιδιων
		if αιφν ιρ ολο ψαλ: ιδ
		after ε παιχν πα: ιδ`)
	// S10: diminutives -ίσκος.
	stepS10 := parseRule(`ισκοσ ισκου ισκο ισκε
		if δ ιβ μην ρ φραγκ λυκ οβελ: ισκ`)

	// 2a: plurals in -άδες (μπαμπάδες); -αδ- stays but after these.
	step2a := parseRule(`quiet αδεσ αδων
		after οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ:
		always: αδ`)
	// 2b: plurals in -έδες (καφέδες); -εδ- goes but after these.
	step2b := parseRule(`quiet εδεσ εδων
		after οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ: εδ`)
	// 2c: plurals in -ούδες (παππούδες); -ουδ- goes but after these.
	step2c := parseRule(`quiet ουδεσ ουδων
		after αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε: ουδ`)
	// 2d: -έως, -έων of nouns in -έας and -η.
	step2d := parseRule(`εωσ εων
		if θ δ ελ γαλ ν π ιδ παρ στερ γεν: ε`)
	// polisee: also -έα, -έας, -έες, so that τομέας, τομέα, τομείς, τομέων
	// meet, and so do δωρεά, δωρεάς, δωρεές, δωρεών; after the stems of
	// 2d the ε stays, as after στερ and γεν (Στερεά, γενεά), ιδ (ιδέα)
	// and ν (νέα).
	step2dMore := parseRule(`fresh εα εασ εεσ
		if θ δ ελ γαλ ν π ιδ παρ στερ γεν: ε`)

	// 3: nouns in -ια and -ι (συνεργασία, παιδί): the ι stays after a
	// vowel (περιφέρεια).
	step3 := parseRule(`ια ιου ιων
		after vowel: ι`)
	// polisee: also -ιας, -ιες, -ιο, -ιος, -ιοι, -ιους, so that every case
	// of these nouns meets (συνεργασίας, συνεργασίες; βιβλίο, βιβλία).
	step3More := parseRule(`fresh ιασ ιεσ ιο ιοσ ιοι ιουσ
		after vowel: ι`)
	// Step 4 (-ικα, -ικο, -ικου, -ικων, with -ικ- dropped) is left out
	// (polisee: see the package comment); step 6 takes those endings off
	// and -ικ- stays.

	middleSteps := []*rule{
		stepS1, stepS2, stepS3, stepS4, stepS5, stepS6, stepS7, stepS8, stepS9, stepS10,
		step2a, step2b, step2c, step2d, step2dMore, step3, step3More,
	}

	// Ntais's steps 5a to 5m: verb endings, and the participle -ούσα.
	// 5a: -αμε (first person plural).
	step5aLong := parseRule(`αγαμε ησαμε ουσαμε ηκαμε ηθηκαμε`)
	step5a := parseRule(`αμε
		if αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ: αμ`)
	// 5b: -ανε (third person plural).
	step5bLong := parseRule(`αγανε ησανε ουσανε ιοντανε ιοτανε ιουντανε οντανε οτανε ουντανε ηκανε ηθηκανε
		if τρ τσ: αγαν`)
	step5b := parseRule(`ανε
		after vowel-but-υ: αν
		if βετερ βουλκ βραχμ γ δραδουμ θ καλπουζ καστελ κορμορ λαοπλ μωαμεθ μ
			μουσουλμ ν ουλ π πελεκ πλ πολισ πορτολ σαρακατσ σουλτ τσαρλατ ορφ τσιγγ τσοπ
			φωτοστεφ χ ψυχοπλ αγ γαλ γερ δεκ διπλ αμερικαν ουρ πιθ πουριτ σ ζωντ ικ καστ
			κοπ λιχ λουθηρ μαιντ μελ σιγ σπ στεγ τραγ τσαγ φ ερ αδαπ αθιγγ αμηχ ανικ ανοργ
			απηγ απιθ ατσιγγ βασ βασκ βαθυγαλ βιομηχ βραχυκ διατ διαφ ενοργ θυσ καπνοβιομηχ
			καταγαλ κλιβ κοιλαρφ λιβ μεγλοβιομηχ μικροβιομηχ νταβ ξηροκλιβ ολιγοδαμ ολογαλ
			πενταρφ περηφ περιτρ πλατ πολυδαπ πολυμηχ στεφ ταβ τετ υπερηφ υποκοπ χαμηλοδαπ
			ψηλοταβ: αν`)
	// 5c: -ετε (second person plural).
	step5cLong := parseRule(`ησετε`)
	step5c := parseRule(`ετε
		after vowel-but-υ: ετ
		after οδ αιρ φορ ταθ διαθ σχ ενδ ευρ τιθ υπερθ ραθ ενθ ροθ σθ πυρ αιν
			συνδ συν συνθ χωρ πον βρ καθ ευθ εκθ νετ ρον αρκ βαρ βολ ωφελ: ετ
		if αβαρ βεν εναρ αβρ αδ αθ αν απλ βαρον ντρ σκ κοπ μπορ νιφ παγ
			παρακαλ σερπ σκελ συρφ τοκ υ δ εμ θαρρ θ: ετ`)
	// 5d: participle -οντας, -ώντας.
	step5d := parseRule(`οντασ ωντασ
		if αρχ: οντ
		after κρε: ωντ`)
	// 5e: -όμαστε.
	step5e := parseRule(`ομαστε ιομαστε
		if ον: ομαστ`)
	// 5f: -ιέστε, -έστε. polisee: after -εστε the ending put back is
	// -εστ (Snowball: -ιεστ).
	step5fLong := parseRule(`ιεστε
		if π απ συμπ ασυμπ ακαταπ αμεταμφ: ιεστ`)
	step5f := parseRule(`εστε
		if αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ: εστ`)
	// 5g: passive aorist -ήκα, -ήθηκα.
	step5gLong := parseRule(`ηθηκα ηθηκεσ ηθηκε`)
	step5g := parseRule(`ηκα ηκεσ ηκε
		after σκωλ σκουλ ναρθ σφ οθ πιθ: ηκ
		if διαθ θ παρακαταθ προσθ συνθ: ηκ`)
	// 5h: -ούσα (imperfect, participle).
	step5h := parseRule(`ουσα ουσεσ ουσε
		after ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ: ουσ
		if φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ
			υποτειν αμ αιθ ανηκ δεσποζ ενδιαφερ δε δευτερευ καθαρευ πλε τσα: ουσ`)
	// 5j: aorist -ησα, -ησε, imperative -ησου.
	step5j := parseRule(`ησε ησου ησα
		if ν χερσον δωδεκαν ερημον μεγαλον επταν: ησ`)
	// 5i: -αγα, -αγε (πέταγα). The stems in -ψοφ and -ναυλοχ get nothing
	// back, before the rule for -οφ and -λοχ gets to them.
	step5i := parseRule(`αγα αγεσ αγε
		after κολλ: αγ
		after ψοφ ναυλοχ:
		after οφ πελ χορτ λλ σφ ρπ φρ πρ λοχ σμην: αγ
		if αβαστ πολυφ αδηφ παμφ ρ ασπ αφ αμαλ αμαλλι ανυστ απερ ασπαρ αχαρ
			δερβεν δροσοπ ξεφ νεοπ νομοτ ολοπ ομοτ προστ προσωποπ συμπ συντ τ υποτ χαρ
			αειπ αιμοστ ανυπ αποτ αρτιπ διατ εν επιτ κροκαλοπ σιδηροπ λ ναυ ουλαμ ουρ π
			τρ μ: αγ`)
	// 5k: -ήστε.
	step5k := parseRule(`ηστε
		if ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ: ηστ`)
	// 5l: -ουνε.
	step5l := parseRule(`ουνε ησουνε ηθουνε
		if ν ρ σπι στραβομουτσ κακομουτσ εξων: ουν`)
	// 5m: -ουμε.
	step5m := parseRule(`ουμε ησουμε ηθουμε
		if παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ: ουμ`)

	// In the published order, which runs 5j before 5i.
	verbSteps := []*rule{
		step5aLong, step5a, step5bLong, step5b, step5cLong, step5c, step5d, step5e,
		step5fLong, step5f, step5gLong, step5g, step5h, step5j, step5i, step5k,
		step5l, step5m,
	}

	// 6, first part: -ματα, -ματος, -ματων become -μα (πρόβλημα,
	// προβλήματα), whether or not a step above took an ending off.
	step6Mata := parseRule(`whole quiet ματα ματων ματοσ
		always: μα`)
	// 6: the remaining inflectional endings of nouns, adjectives and verbs,
	// for words no step above has touched. The endings that begin with ι
	// (κρατιέμαι, κρατιούνται) are tried first; the two lists share no
	// ending, so this takes the longest as the published step does.
	// polisee: after a vowel the ι stays, as in step 3, for it belongs to
	// the stem (χρησιμοποιούνται was χρησιμοπο, apart from χρησιμοποιώ).
	step6Iota := parseRule(`ιεμαι ιεμαστε ιεται ιεσαι ιεσαστε ιομασταν ιομουν ιομουνα ιονταν
		ιοντουσαν ιοσασταν ιοσαστε ιοσουν ιοσουνα ιοταν ιουμα ιουμαστε ιουνται ιουνταν
		after vowel: ι`)
	// polisee: also the passive of the verbs in -ώ (-είται, -είσαι,
	// -είστε, -ούμουν(α), -ούσουν(α)): χρησιμοποιείται was
	// χρησιμοποιειτα.
	step6 := parseRule(`ειται εισαι ειστε ουμουν ουμουνα ουσουν ουσουνα
		α αγατε αγαν αει αμαι αν ασ ασαι αται αω ε ει εισ ειτε εσαι εσ εται ι
		η ηδεσ ηδων ηθει ηθεισ ηθειτε ηθηκατε ηθηκαν ηθουν ηθω ηκατε ηκαν ησ ησαν
		ησατε ησει ησεσ ησουν ησω ο οι ομαι ομασταν ομουν ομουνα ονται ονταν
		οντουσαν οσ οσασταν οσαστε οσουν οσουνα οταν ου ουμαι ουμαστε ουν ουνται
		ουνταν ουσ ουσαν ουσατε υ υσ ω ων`)
	// 7: comparative and superlative (ψηλότερος, ψηλότατος).
	step7 := parseRule(`εστερ εστατ οτερ οτατ υτερ υτατ ωτερ ωτατ`)
	return &ruleSet{irregular: irregular, middle: middleSteps, verb: verbSteps,
		step6Mata: step6Mata, step6Iota: step6Iota, step6: step6, step7: step7}
}
