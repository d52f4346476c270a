package textan

import (
	"slices"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	for _, name := range Names() {
		stop, articles := Uses(name)
		l := BleveLists(name)
		if stop != (len(l.Stop) > 0) || articles != (len(l.Articles) > 0) {
			t.Errorf("%s: Uses = %v, %v; BleveLists gives %d stop words, %d articles", name, stop, articles, len(l.Stop), len(l.Articles))
		}
		if _, err := New(name, l); err != nil {
			t.Errorf("New(%s) with bleve's lists: %v", name, err)
		}
		_, err := New(name, Lists{})
		if (err != nil) != (stop || articles) {
			t.Errorf("New(%s) without lists: error %v", name, err)
		}
		if stop && articles {
			if _, err := New(name, Lists{Stop: l.Stop}); err == nil {
				t.Errorf("New(%s) without articles: no error", name)
			}
		}
	}
	if _, err := New("polisee_xx", Lists{}); err == nil {
		t.Error("New(polisee_xx): no error")
	}
	// The lists are bleve's: a few words each must hold.
	for name, words := range map[string][]string{
		"polisee_en": {"the", "and", "ourselves"},
		"polisee_de": {"und", "über", "daß"},
		"polisee_it": {"il", "della", "perché"},
		"polisee_ro": {"şi", "care", "acesta"},
		"polisee_hu": {"a", "az", "hogy"},
		"polisee_el": {"και", "τησ", "ειναι"},
		"polisee_bg": {"и", "на", "това"},
	} {
		stop := BleveLists(name).Stop
		for _, w := range words {
			if _, ok := slices.BinarySearch(stop, w); !ok {
				t.Errorf("%s: %q is not a stop word", name, w)
			}
		}
	}
	if got := BleveLists("polisee_it").Articles; !slices.Contains(got, "dell") || len(got) != 21 {
		t.Errorf("Italian articles %q", got)
	}
}

// TestWordsCut checks that what the analyzers drop and keep is not
// everything or nothing: the comparison with bleve is not between two
// analyzers that lost their stop words or their stemmers alike.
func TestWordsCut(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"polisee_en", "The runners' John's generalizations", "runner john gener"},
		{"polisee_de", "Die Häuser der Ärzte über Straßen", "haus arzt strass"},
		{"polisee_it", "l'albero delle città italiane", "alber citta italian"},
		// Comma-below letters are read as the cedilla ones bleve's stop
		// words and stemmer are written with: "și" is a stop word, and
		// București stems as Bucureşti does.
		{"polisee_ro", "Universitatea din București", "univers bucur"},
		{"polisee_ro", "Universitatea din Bucureşti", "univers bucur"},
		{"polisee_ro", "cercetare și inovare, cercetare şi inovare", "cercet inov cercet inov"},
		{"polisee_hu", "Az Alföldön a könyvekkel", "alfol konyv"},
		{"polisee_el", "Η πολιτική των ΠΟΛΙΤΙΚΏΝ", "πολιτικ πολιτικ"},
		{"polisee_bg", "София е столицата на България", "софия столицата българия"},
		{"polisee_sr", "Ниш и Љубљана", "nis i ljubljana"},
		{"polisee_plain", "Žabljak İ Ωmega", "zabljak i ωmega"},
	} {
		a, err := New(c.name, BleveLists(c.name))
		if err != nil {
			t.Fatal(err)
		}
		var terms []string
		for _, tok := range a.Analyze([]byte(c.text)) {
			terms = append(terms, string(tok.Term))
		}
		if got := strings.Join(terms, " "); got != c.want {
			t.Errorf("%s(%q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}
