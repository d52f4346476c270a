package elstem

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Examples with their expected stems: the conjugation and declension
// tables of Ntais's thesis as Lucene's tests give them, and the Snowball
// Greek stemmer's test vocabulary, folded. Where this package departs from
// the published rules the stem differs from theirs; the comment says so.
var examples = []struct{ word, stem string }{
	// Masculine nouns.
	{"ανθρωποσ", "ανθρωπ"}, {"ανθρωπου", "ανθρωπ"}, {"ανθρωπε", "ανθρωπ"},
	{"πελατησ", "πελατ"}, {"πελατεσ", "πελατ"},
	{"ελεφαντασ", "ελεφαντ"}, {"ελεφαντων", "ελεφαντ"},
	{"μπαμπασ", "μπαμπ"}, {"μπαμπαδεσ", "μπαμπ"}, {"μπαμπαδων", "μπαμπ"},
	{"μπακαληδεσ", "μπακαλ"}, {"καφεσ", "καφ"}, {"καφεδεσ", "καφ"},
	{"παππουδεσ", "παππ"}, {"λατρεισ", "λατρ"}, {"πελεκυσ", "πελεκ"},
	{"αγωνασ", "αγων"}, {"αερηδεσ", "αερ"},
	// γραμματέας: the published rules give γραμματε for the singular and
	// γραμματ for the plural; here every form is γραμματ.
	{"γραμματεασ", "γραμματ"}, {"γραμματεα", "γραμματ"}, {"γραμματεισ", "γραμματ"}, {"γραμματεων", "γραμματ"},
	// Feminine nouns.
	{"φορα", "φορ"}, {"φορεσ", "φορ"}, {"αγελαδεσ", "αγελαδ"}, {"ζαχαρεων", "ζαχαρ"},
	{"τηλεορασεισ", "τηλεορασ"}, {"τηλεορασεων", "τηλεορασ"},
	{"μαμαδεσ", "μαμ"}, {"λεωφορουσ", "λεωφορ"}, {"αλεπουδεσ", "αλεπ"},
	// Neuter nouns, with the irregular ones of step 1.
	{"πουλια", "πουλ"}, {"πουλιου", "πουλ"},
	{"προβλημα", "προβλημ"}, {"προβληματα", "προβλημ"}, {"προβληματων", "προβλημ"},
	{"πελαγουσ", "πελαγ"}, {"γεγονοσ", "γεγον"}, {"γεγονοτων", "γεγον"},
	{"κρεασ", "κρε"}, {"κρεατοσ", "κρε"}, {"λυκοφωσ", "λυκοφω"}, {"λυκοφωτα", "λυκοφω"},
	{"καθεστωσ", "καθεστ"}, {"καθεστωτα", "καθεστ"}, {"φωσ", "φω"},
	{"ενδιαφεροντα", "ενδιαφεροντ"}, {"συμπαντοσ", "συμπαντ"},
	// βιβλίο: the published rules give βιβλι; here it meets βιβλία.
	{"βιβλιο", "βιβλ"}, {"βιβλια", "βιβλ"},
	// Adjectives, comparative and superlative.
	{"συνεχησ", "συνεχ"}, {"συνεχουσ", "συνεχ"}, {"συνεχεισ", "συνεχ"},
	{"ψηλοτεροσ", "ψηλ"}, {"ψηλοτατοσ", "ψηλ"}, {"ωραιοτεροσ", "ωραι"},
	{"επιεικεστεροσ", "επιεικ"}, {"επιεικεστατοσ", "επιεικ"},
	// Verbs.
	{"ανοιγομαι", "ανοιγ"}, {"ανοιξα", "ανοιξ"}, {"ανοιχτηκα", "ανοιχτ"},
	{"περνουσα", "περν"}, {"περναγα", "περν"}, {"περνωντασ", "περν"}, {"περνιομουν", "περν"},
	{"πεταγα", "πετ"}, {"πετιεμαι", "πετ"}, {"πεταξε", "πεταξ"},
	{"καλουμαι", "καλ"}, {"καλεσμενοσ", "καλεσμεν"},
	{"κρατησα", "κρατ"}, {"κρατηθηκα", "κρατ"}, {"κρατησου", "κρατ"}, {"κρατημενη", "κρατημεν"},
	{"κοιμαμαι", "κοιμ"}, {"κοιμηθηκα", "κοιμ"},
	{"αρχοντασ", "αρχοντ"}, {"εμετε", "εμετ"}, {"χουμε", "χουμ"},
	// Saroukos's steps (verbs in -ίζω, -ισμός, -ιστής, diminutives).
	{"οριζω", "ορ"}, {"ορισα", "ορ"}, {"ορισμοσ", "ορ"},
	{"χορδιζουμε", "χορδ"}, {"χορδισαμε", "χορδ"}, {"χορδιξει", "χορδιξ"},
	// -ιζόμαστε and -ιζόμε kept their -ιζ- under the published rules.
	{"χορδιζομε", "χορδ"}, {"οριζομαστε", "ορ"},
	// From the Snowball test vocabulary.
	{"αυτοκινησησ", "αυτοκινησ"}, {"αυτοκινητουσ", "αυτοκινητ"},
	{"μελλοντασ", "μελλ"}, {"μελλοντεσ", "μελλοντ"}, {"αρειοσ", "αρει"},
	{"υδροθεραπειων", "υδροθεραπει"}, {"παιδοποδηλατων", "παιδοποδηλατ"},
	{"βροχοχορευαν", "βροχοχορευ"}, {"βροχοχορεψεσ", "βροχοχορεψ"},
	{"επιτροπουσ", "επιτροπ"}, {"υπομελουσ", "υπομελ"},
	// -ικ- stays in every form (the published rules give βορειοασιατ for
	// -ικα, -ικο, -ικου, -ικων).
	{"βορειοασιατικα", "βορειοασιατικ"}, {"βορειοασιατικησ", "βορειοασιατικ"},
	// Words that are nothing but an ending keep a letter.
	{"ιδια", "ιδ"}, {"ουσα", "ουσ"}, {"εστερα", "εστερ"}, {"ισα", "ισ"},
	{"αγαμε", "αγαμ"}, {"αγαμοσ", "αγαμ"},
	// After -εστε the ending put back is -εστ.
	{"παρακαλεστε", "παρακαλεστ"},
	// Three letters are stemmed, two are not.
	{"νεα", "νε"}, {"τα", "τα"}, {"οσ", "οσ"},
}

func TestExamples(t *testing.T) {
	for _, e := range examples {
		if got := Stem(e.word); got != e.stem {
			t.Errorf("Stem(%q) = %q, want %q", e.word, got, e.stem)
		}
	}
}

// Inflected forms of one word that must come to one stem.
var groups = [][]string{
	{"πολιτικη", "πολιτικεσ", "πολιτικησ", "πολιτικων", "πολιτικο", "πολιτικοσ", "πολιτικα", "πολιτικου", "πολιτικοι", "πολιτικουσ"},
	{"συνεργασια", "συνεργασιεσ", "συνεργασιων", "συνεργασιασ"},
	{"καινοτομια", "καινοτομιεσ", "καινοτομιων", "καινοτομιασ"},
	{"ανταγωνιστικοτητα", "ανταγωνιστικοτητασ", "ανταγωνιστικοτητεσ", "ανταγωνιστικοτητων"},
	{"περιφερεια", "περιφερειεσ", "περιφερειων", "περιφερειασ"},
	{"επιχειρηση", "επιχειρησεισ", "επιχειρησεων", "επιχειρησησ"},
	{"μικροηλεκτρονικη", "μικροηλεκτρονικησ", "μικροηλεκτρονικεσ", "μικροηλεκτρονικων"},
	{"βιομηχανια", "βιομηχανιεσ", "βιομηχανιασ", "βιομηχανιων"},
	{"ερευνα", "ερευνασ", "ερευνεσ", "ερευνων"},
	{"αναπτυσσω", "αναπτυσσει", "αναπτυσσουν", "αναπτυσσουμε", "αναπτυσσετε", "αναπτυσσεισ", "αναπτυσσεται", "αναπτυσσονται"},
	{"τεχνολογια", "τεχνολογιασ", "τεχνολογιεσ", "τεχνολογιων"},
	{"τεχνολογικη", "τεχνολογικεσ", "τεχνολογικου", "τεχνολογικων", "τεχνολογικα"},
	{"τομεασ", "τομεα", "τομεισ", "τομεων"},
	{"φορεασ", "φορεα", "φορεισ", "φορεων"},
	{"δωρεα", "δωρεασ", "δωρεεσ", "δωρεων"},
	{"ιδεα", "ιδεασ", "ιδεεσ", "ιδεων"},
	{"προγραμμα", "προγραμματοσ", "προγραμματα", "προγραμματων"},
	{"συνεδριο", "συνεδριου", "συνεδρια", "συνεδριων"},
	{"συνεδριαση", "συνεδριασησ", "συνεδριασεισ", "συνεδριασεων"},
	{"εργαστηριο", "εργαστηριου", "εργαστηρια", "εργαστηριων"},
	{"οικονομια", "οικονομιασ", "οικονομιεσ", "οικονομιων"},
	{"ενεργεια", "ενεργειασ", "ενεργειεσ", "ενεργειων"},
	{"ευρωπαικη", "ευρωπαικησ", "ευρωπαικο", "ευρωπαικου", "ευρωπαικοι", "ευρωπαικων", "ευρωπαικεσ", "ευρωπαικα"},
	{"χρηματοδοτηση", "χρηματοδοτησησ", "χρηματοδοτησεισ", "χρηματοδοτησεων"},
	{"κρατοσ", "κρατουσ", "κρατη", "κρατων"},
	{"παιδι", "παιδια", "παιδιου", "παιδιων"},
	{"κριση", "κρισησ", "κρισεισ", "κρισεων"},
	{"εγκριση", "εγκρισησ", "εγκρισεισ", "εγκρισεων"},
	{"καταρτιση", "καταρτισησ", "καταρτισεισ", "καταρτισεων"},
	{"υποστηριζω", "υποστηριζει", "υποστηριζουν", "υποστηριζεται", "υποστηριζονται", "υποστηριζοντασ"},
	{"χρησιμοποιω", "χρησιμοποιει", "χρησιμοποιουν", "χρησιμοποιειται", "χρησιμοποιουνται"},
	{"δημιουργω", "δημιουργει", "δημιουργια", "δημιουργιασ", "δημιουργιεσ"},
	{"ανθρωποσ", "ανθρωπου", "ανθρωπο", "ανθρωπε", "ανθρωποι", "ανθρωπων", "ανθρωπουσ"},
	{"λεωφοροσ", "λεωφορου", "λεωφορο", "λεωφορε", "λεωφοροι", "λεωφορων", "λεωφορουσ"},
	{"αγελαδα", "αγελαδασ", "αγελαδεσ", "αγελαδων"},
	{"συνεχησ", "συνεχουσ", "συνεχη", "συνεχων", "συνεχεισ", "συνεχεσ"},
	{"ψηλοσ", "ψηλοτεροσ", "ψηλοτατοσ"},
	{"ωραιοσ", "ωραια", "ωραιεσ", "ωραιοτεροσ", "ωραιοτατοσ"},
	{"κρατω", "κραταω", "κρατουσα", "κραταγα", "κρατα", "κρατωντασ", "κρατησα", "κρατησω", "κρατησε", "κρατησει",
		"κρατουμαι", "κρατιεμαι", "κρατηθηκα", "κρατηθω", "κρατηθεισ", "κρατηθει", "κρατησου"},
	{"φορω", "φοραω", "φορουσα", "φοραγα", "φορωντασ", "φοριεμαι", "φοριομουν", "φοριεσαι"},
	{"οριζω", "οριζα", "οριζε", "οριζοντασ", "οριζομαι", "οριζομουν", "οριζεσαι", "ορισα", "ορισω", "ορισμοσ"},
	{"αυτοκινητα", "αυτοκινητεσ", "αυτοκινητη", "αυτοκινητο", "αυτοκινητοι", "αυτοκινητοσ", "αυτοκινητου", "αυτοκινητουσ", "αυτοκινητων"},
	{"χορδιζαμε", "χορδιζανε", "χορδιζει", "χορδιζεισ", "χορδιζετε", "χορδιζομε", "χορδιζοντασ", "χορδιζουμε", "χορδιζουν", "χορδιζουνε", "χορδιζω"},
}

func TestGroupsMeet(t *testing.T) {
	for _, g := range groups {
		want := Stem(g[0])
		for _, w := range g[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, but Stem(%q) = %q", w, got, g[0], want)
			}
		}
	}
}

// Words that share a beginning but not a meaning, which must stay apart.
var apart = [][2]string{
	{"πολιτικη", "πολιτησ"},       // politics, citizen
	{"πολιτικων", "πολιτων"},      // of policies, of citizens
	{"πολιτισμοσ", "πολιτησ"},     // culture, citizen
	{"νομικη", "νομοσ"},           // legal, law
	{"τεχνικη", "τεχνη"},          // technique, art
	{"τεχνολογια", "τεχνολογικη"}, // technology, technological
	{"εργασια", "εργο"},           // work, project
	{"ερευνητησ", "ερευνα"},       // researcher, research
	{"οικονομικη", "οικονομια"},   // economic, economy
	{"εταιρεια", "εταιροσ"},       // company, partner
	{"ευρωπη", "ευρωπαικη"},       // Europe, European
	{"αναπτυξη", "αναπτυξιακη"},   // development, developmental
	{"κλιμα", "κλιματικη"},        // climate, climatic
	{"ιδεα", "ιδιοσ"},             // idea, same
	{"παιδια", "παιχνιδια"},       // children, games
	{"μεσα", "μεσημερι"},          // means, noon
	{"δικαιο", "δικαιωματα"},      // law, rights
}

func TestApart(t *testing.T) {
	for _, p := range apart {
		if a, b := Stem(p[0]), Stem(p[1]); a == b {
			t.Errorf("Stem(%q) = Stem(%q) = %q, want them apart", p[0], p[1], a)
		}
	}
}

// TestWordList holds the stems of a list of common words (testdata/words.txt)
// still, so that any change in behaviour shows.
func TestWordList(t *testing.T) {
	f, err := os.Open("testdata/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	s := bufio.NewScanner(f)
	for line := 1; s.Scan(); line++ {
		text := s.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		word, stem, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("words.txt:%d: no tab in %q", line, text)
		}
		n++
		if got := Stem(word); got != stem {
			t.Errorf("words.txt:%d: Stem(%q) = %q, want %q", line, word, got, stem)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 300 {
		t.Errorf("words.txt has %d words, want at least 300", n)
	}
}

func TestNotGreekUnchanged(t *testing.T) {
	for _, w := range []string{
		"", "a", "english", "policies", "niederosterreich", "0123456789", "2024",
		"covid19", "ευρω2020", "r&d", "ευρωπαϊκή",
		"πολιτικές", // not folded: accent and final sigma
		"πολιτικης", // final sigma
		"Πολιτικη",  // capital
		"πολιτικη-",
		"σ", "το", "\xce", "\xce\xb1\xce", "\xff\xfe\xfd\xfc\xfb\xfa",
	} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it unchanged", w, got)
		}
	}
}

// allRules lists every rule, for the checks on the tables.
func allRules() []*rule {
	var all []*rule
	r := rules()
	for i := range r.irregular {
		all = append(all, r.irregular[i])
	}
	all = append(all, r.middle...)
	all = append(all, r.verb...)
	return append(all, r.step6Mata, r.step6Iota, r.step6, r.step7)
}

func TestTables(t *testing.T) {
	// A rule never makes a word longer: what it adds back fits where the
	// ending was (word.apply relies on it).
	for i, r := range allRules() {
		shortest := -1
		for _, list := range r.endings.byLast {
			for _, e := range list {
				if shortest < 0 || len(e) < shortest {
					shortest = len(e)
				}
			}
		}
		for _, th := range r.then {
			if len(th.add) > shortest+2*th.drop {
				t.Errorf("rule %d adds %q, longer than its shortest ending", i, th.add)
			}
		}
	}
	// The groups of step 1 never overlap: the first group that matches is
	// taken, which is only the longest match if no ending of one group
	// ends another group's.
	irregular := rules().irregular
	for i := range irregular {
		for j := range irregular {
			if i == j {
				continue
			}
			for _, list := range irregular[i].endings.byLast {
				for _, e := range list {
					if irregular[j].endings.match([]byte(e)) {
						t.Errorf("ending %q of group %d also matches group %d", e, i, j)
					}
				}
			}
		}
	}
	// Step 6 tries the endings that begin with ι first, which is only
	// the longest match if no other ending of step 6 ends with one of them.
	for _, list := range rules().step6.endings.byLast {
		for _, e := range list {
			if rules().step6Iota.endings.match([]byte(e)) {
				t.Errorf("step 6 ending %q ends with an ending that begins with ι", e)
			}
		}
	}
}

func TestNoAllocations(t *testing.T) {
	term := []byte("πολιτικεσ")
	if n := testing.AllocsPerRun(100, func() { Stem("ανταγωνιστικοτητασ") }); n != 0 {
		t.Errorf("Stem allocates %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { stemBytes(term) }); n != 0 {
		t.Errorf("stemBytes allocates %v times, want 0", n)
	}
}

func TestFilter(t *testing.T) {
	words := []string{"πολιτικεσ", "english", "κοριτσακι", "συνεργασιων", "2024", "το"}
	var in analysis.TokenStream
	var originals [][]byte
	for i, w := range words {
		b := []byte(w)
		originals = append(originals, b)
		in = append(in, &analysis.Token{Term: b, Position: i + 1, Start: 0, End: len(b)})
	}
	out := Filter().Filter(in)
	if len(out) != len(words) {
		t.Fatalf("%d tokens out, want %d", len(out), len(words))
	}
	for i, tok := range out {
		if want := Stem(words[i]); string(tok.Term) != want {
			t.Errorf("token %d: term %q, want %q", i, tok.Term, want)
		}
		if string(originals[i]) != words[i] {
			t.Errorf("token %d: the filter changed the bytes it was given: %q", i, originals[i])
		}
	}
}

// stemFuzzSeeds starts the fuzzer off with words of every kind.
var stemFuzzSeeds = []string{
	"", "πολιτικεσ", "καθεστωτων", "κοριτσακι", "αγαμε", "τρηθηκανε", "ιδια",
	"english", "ευρω2020", "σσσσσσσσ", "ααα", "ωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωωω",
	"\xce\xb1\xce", "ς", "ϊ",
}

func FuzzStem(f *testing.F) {
	for _, s := range stemFuzzSeeds {
		f.Add(s)
	}
	for _, e := range examples {
		f.Add(e.word)
	}
	f.Fuzz(func(t *testing.T, word string) {
		got := Stem(word)
		if !utf8.ValidString(got) && utf8.ValidString(word) {
			t.Errorf("Stem(%q) = %q, not valid UTF-8", word, got)
		}
		if len(got) > len(word) {
			t.Errorf("Stem(%q) = %q, longer than the word", word, got)
		}
		if !stemmable(word) && got != word {
			t.Errorf("Stem(%q) = %q, want it unchanged", word, got)
		}
		b := []byte(word)
		if sb := stemBytes(b); string(sb) != got {
			t.Errorf("stemBytes(%q) = %q, Stem = %q", word, sb, got)
		}
		if string(b) != word {
			t.Errorf("stemBytes changed its input %q to %q", word, b)
		}
	})
}

func BenchmarkStem(b *testing.B) {
	f, err := os.Open("testdata/words.txt")
	if err != nil {
		b.Fatal(err)
	}
	var words []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if w, _, ok := strings.Cut(s.Text(), "\t"); ok && !strings.HasPrefix(w, "#") {
			words = append(words, w)
		}
	}
	f.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Stem(words[i%len(words)])
	}
}

// TestParseRule: the rules' text gives the rule it says, and a mistake
// in it stops the build of the rules.
func TestParseRule(t *testing.T) {
	r := parseRule(`quiet fresh αδεσ
		αδων
		if μαμ πατερ: -1 αδ
		after vowel-but-υ:
		after οκ: α
		always: αδ`)
	if !r.quiet || !r.fresh || r.whole {
		t.Errorf("flags whole %v quiet %v fresh %v, want quiet and fresh", r.whole, r.quiet, r.fresh)
	}
	if r.endings.longest([]byte("μαμαδων"), false) != "αδων" || r.endings.longest([]byte("μαμαδεσ"), false) != "αδεσ" {
		t.Error("the endings over two lines are not both read")
	}
	if len(r.then) != 4 {
		t.Fatalf("%d conditions, want 4", len(r.then))
	}
	if c := r.then[0]; !c.whole.has([]byte("πατερ")) || c.drop != 1 || c.add != "αδ" {
		t.Errorf("condition 1 = %+v", c)
	}
	if c := r.then[1]; c.vowels != vowelsNoY || c.add != "" {
		t.Errorf("condition 2 = %+v", c)
	}
	if c := r.then[2]; c.tail == nil || !c.tail.match([]byte("μοκ")) || c.add != "α" {
		t.Errorf("condition 3 = %+v", c)
	}
	if c := r.then[3]; !c.holds([]byte("ζζ")) || c.add != "αδ" {
		t.Errorf("condition 4 = %+v", c)
	}
	for _, bad := range []string{
		"", "whole", "αδεσ if μαμ", "αδεσ if: αδ", "αδεσ after: α", "αδεσ unless μαμ: α",
		"αδεσ always: -x", "αδεσ always: α β", "αδεσ always: abc", "αδεσ always: -0",
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("parseRule(%q) did not panic", bad)
				}
			}()
			parseRule(bad)
		}()
	}
}
