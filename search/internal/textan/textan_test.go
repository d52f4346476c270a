package textan

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/el"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/clusterpolisee/polisee/search/internal/elstem"
)

// The analyzers as package search builds them through bleve's registry
// (search/bleve_analysis.go): the filter lists and the two filters of polisee's
// own are copied from there, as they are on the day of writing.

const (
	bleveFold         = "polisee_fold"
	bleveSerbianLatin = "polisee_sr_latin"
	// bleveRomanianCedilla is package search's polisee_ro_cedilla, which
	// calls RomanianCedillaTerm.
	bleveRomanianCedilla = "polisee_ro_cedilla"
)

var bleveFilters = map[string][]string{
	"polisee_en":    {en.PossessiveName, lowercase.Name, bleveFold, en.StopName, porter.Name},
	"polisee_de":    {lowercase.Name, de.StopName, de.NormalizeName, de.LightStemmerName, bleveFold},
	"polisee_it":    {it.ElisionName, lowercase.Name, it.StopName, it.LightStemmerName, bleveFold},
	"polisee_ro":    {lowercase.Name, bleveRomanianCedilla, ro.StopName, ro.SnowballStemmerName, bleveFold},
	"polisee_hu":    {lowercase.Name, hu.StopName, hu.SnowballStemmerName, bleveFold},
	"polisee_el":    {lowercase.Name, bleveFold, el.StopName, elstem.Name},
	"polisee_bg":    {lowercase.Name, bg.StopName, bleveFold},
	"polisee_sr":    {lowercase.Name, bleveSerbianLatin, bleveFold},
	"polisee_plain": {lowercase.Name, bleveFold},
}

func init() {
	registry.RegisterTokenFilter(bleveFold, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return searchFoldTokens{}, nil
	})
	registry.RegisterTokenFilter(bleveSerbianLatin, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return searchSerbianLatinTokens{}, nil
	})
	registry.RegisterTokenFilter(elstem.Name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return elstem.Filter(), nil
	})
	registry.RegisterTokenFilter(bleveRomanianCedilla, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return cedillaTokens{}, nil
	})
}

type cedillaTokens struct{}

func (cedillaTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = RomanianCedillaTerm(t.Term)
	}
	return in
}

// searchFoldTokens, searchPlainLower, searchFold, searchSerbianLatinTokens
// and searchSerbianLatin are package search's foldTokens, plainLower,
// Fold, serbianLatinTokens and SerbianLatin.
type searchFoldTokens struct{}

func (searchFoldTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !searchPlainLower(string(t.Term)) {
			t.Term = []byte(searchFold(string(t.Term)))
		}
	}
	return in
}

func searchPlainLower(b string) bool {
	for i := 0; i < len(b); i++ {
		if c := b[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func searchFold(s string) string {
	if searchPlainLower(s) {
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

type searchSerbianLatinTokens struct{}

var searchSerbianCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z", 'и': "i",
	'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'џ': "dž", 'ш': "š",
}

func (searchSerbianLatinTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(searchSerbianLatin(string(t.Term)))
	}
	return in
}

func searchSerbianLatin(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l, ok := searchSerbianCyrillic[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pair is one analyzer both ways.
type pair struct {
	name          string
	bleve, textan analysis.Analyzer
}

var pairs = sync.OnceValues(func() ([]pair, error) {
	if !slices.Equal(Names(), sortedKeys(bleveFilters)) {
		return nil, fmt.Errorf("Names() = %v, want the analyzers %v", Names(), sortedKeys(bleveFilters))
	}
	cache := registry.NewCache()
	var out []pair
	for _, name := range Names() {
		b, err := cache.DefineAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     unicodetok.Name,
			"token_filters": bleveFilters[name],
		})
		if err != nil {
			return nil, err
		}
		a, err := New(name, BleveLists(name))
		if err != nil {
			return nil, err
		}
		out = append(out, pair{name, b, a})
	}
	return out, nil
})

func sortedKeys[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// compare reports how the two analyzers' tokens for text differ, or "".
// bleve's analyzers lowercase their input in place: each gets its own copy,
// and textan's must leave its copy as it was.
func compare(p pair, text string) string {
	want := p.bleve.Analyze([]byte(text))
	in := []byte(text)
	got := p.textan.Analyze(in)
	if string(in) != text {
		return fmt.Sprintf("textan changed its input to %q", in)
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d tokens, want %d:\n got  %s\n want %s", len(got), len(want), show(got), show(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !bytes.Equal(g.Term, w.Term) || g.Position != w.Position || g.Start != w.Start ||
			g.End != w.End || g.Type != w.Type || g.KeyWord != w.KeyWord {
			return fmt.Sprintf("token %d:\n got  %s\n want %s", i, show(got[i:i+1]), show(want[i:i+1]))
		}
	}
	return ""
}

func show(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "[%q pos %d %d-%d type %d kw %v] ", t.Term, t.Position, t.Start, t.End, t.Type, t.KeyWord)
	}
	return b.String()
}

// texts are read by every analyzer: each language's, and what none of
// them expects.
var texts = []string{
	"", " ", "   \t\n  ", ".,;:!?", "---", "'", "’", "''s", "'s", "s", "S", "’S",
	// English.
	"The quick brown fox jumps over the lazy dog.",
	"John's book, the children’s toys and JAMES'S car; the Smiths' house; it＇s fine.",
	"Running runners ran; generalization, generously, hopefully, relational.",
	"I'm, you're, they've, don't, won't, isn't: can't stop.",
	"Caffè in Zürich, naïve façade, résumé, Ångström, Ærø, Œuvre.",
	"Numbers: 3.14, 1,000,000, 2024-12-03, 10%, $5, v1.2.3, 42nd, COVID-19, x86_64.",
	"e-mail foo@example.com https://example.com/a/b?c=d#e user_name snake_case camelCase",
	// German.
	"Die Straße führt über die Brücke nach Österreich; Häuser, Bäume, Füße.",
	"Niederösterreich, Mädchen, Schönheit, größer, am größten, Fußballspielern.",
	"Ärzte ÄRZTE Aerzte ärztlich; Quelle, Bauer, Blaue, Feuer, soeben, Poesie.",
	"STRASSE Strasse Maß Masse; ẞ GROẞ; Kindern, Kindes, gebildetsten, Lehrerinnen.",
	// Italian.
	"L'albero dell'isola, l’amico, un'amica, dall'Italia, sull'erba, nell'acqua, c'è.",
	"gl'italiani, agl'inizi, degl'innocenti, m'ama, t'amo, s'intende, v'era, d'accordo.",
	"all'università, coll'aiuto, pell'anima, L'ALBERO, Dell'Isola, l''albero, l'’albero.",
	"città, perché, così, più, università, libertà, caffè, gioventù, partecipazione.",
	"amiche, amici, ragazzi, ragazze, storia, storie, studio, studi, vecchio, vecchie.",
	// Romanian.
	"Bucureşti și București; învățământul, ştiinţă, țară, lucrătorilor, frumoasele.",
	"Universitatea din Cluj-Napoca organizează conferințe internaționale anuale.",
	// Hungarian.
	"Az Alföld nagy síkság; Magyarországon, könyvekkel, gyerekeknek, ő, Ő, ű, Ű.",
	"Budapesten a Dunán hidak vannak; tanulmányaikat, egészségügyi, szőlőskert.",
	// Greek.
	"Η πολιτική των πολιτικών: ΠΟΛΙΤΙΚΉ ΠΟΛΙΤΙΚΈΣ, Πολιτικές, ΣΊΣΥΦΟΣ, ΟΔΟΣ Σ ΣΣ.",
	"Το βιβλίο και τα βιβλία· συνεργασία, συνεργασίες, χρησιμοποιείται, ευρωπαϊκή.",
	"Αθήνα, Θεσσαλονίκη; και, να, το, της, του, με, για, στο, από, είναι; ΐ ΰ ϊ ϋ.",
	"πολιτικεσ, πολιτικη, ανθρωποσ, ς, σ, Σ, ΑΣ, αΣ, Σα, ΤΗΣ, ΤΟΥΣ, ΤΙΣ, τησ, της",
	// Bulgarian.
	"София е столицата на България; и, в, на, че, за, това, който, Шипка, Ъгъл.",
	// Serbian, Cyrillic and Latin.
	"Ниш, Београд, Љубљана, Њујорк, Џеп, Ђорђе, Ћуприја, Чачак, Шабац, Жабљак.",
	"Niš, Beograd, Ljubljana, Njujork, Džep, Đorđe, Ćuprija, Čačak, Šabac, Žabljak.",
	"ЉУБЉАНА ЊЕГОШ ЏЕП Ѓ Ќ Ѕ Ї Є Ў ё й ы э ъ",
	// Croatian, Slovenian, Slovak, Albanian (plain).
	"Hrvatska, Slovenija, Slovensko, Shqipëria; čćžšđ ČĆŽŠĐ; ľščťžýáíé; ëç.",
	// Mixed, and what no language expects.
	"Mixed: English Deutsch Ελληνικά Български Српски 中文 日本語 한국어 العربية עברית.",
	"Emoji 😀👍🏽 👨‍👩‍👧 🇷🇸 ❤️ — dashes – and “quotes” «guillemets» „Anführung“.",
	"中华人民共和国 東京タワー ひらがな カタカナ ﾊﾝｶｸ 한국어문장",
	"İstanbul İSTANBUL ıı KELVIN 5K 5 K Å Ω Ⱥ Ⱦ aȺb ȺȾ ǅ ǈ ǋ ǲ ῼ ᾈ",
	"ﬁ ﬂ ﬀ Ⅷ ⅷ Ⓐ ⓐ ＡＢＣ ａｂｃ １２３ ℌ ℍ ſ ϐ ϑ ϕ ϖ ϰ ϱ ϵ",
	"combining: e\u0301 o\u0308 a\u030a Σ\u0301 i\u0307 ε\u0301\u0308",
	"invalid \xff\xfe bytes \xc3 in \xe2\x82 words \xce\xa3\xff abc\x80def Σ\xff",
	"zero\u200bwidth\u200djoiner non\u00a0breaking soft\u00adhyphen bidi\u200etext",
	"tabs\tand\nnewlines\r\nand\vvertical\ffeeds",
	"a'b a’b a＇b a''b 'a' ’a’ l' l’ 's’s ’s's",
	"12:30 1.5.2024 1,5 -3 +4 3e10 0x1F ½ ² ³ ٣ ४ ๓",
	strings.Repeat("word ", 2500),
	strings.Repeat("Ωmega's Ärzte l'amico Σ ", 600),
}

func TestSameTokensAsBleve(t *testing.T) {
	ps, err := pairs()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for _, text := range texts {
			if d := compare(p, text); d != "" {
				t.Errorf("%s, %.80q: %s", p.name, text, d)
			}
		}
	}
}

// TestWordsAsBleve compares the analyzers word by word over every stop
// word and elided article of every list, in small letters and in
// capitals, so that each list's words are all read as bleve reads them.
func TestWordsAsBleve(t *testing.T) {
	ps, err := pairs()
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, name := range Names() {
		l := BleveLists(name)
		words = append(words, l.Stop...)
		for _, a := range l.Articles {
			words = append(words, a+"'albero", a+"’Isola", strings.ToUpper(a)+"'x")
		}
	}
	for _, p := range ps {
		for _, w := range words {
			for _, text := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
				if d := compare(p, text); d != "" {
					t.Errorf("%s, %q: %s", p.name, text, d)
				}
			}
		}
	}
}

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

func FuzzSameTokensAsBleve(f *testing.F) {
	for _, text := range texts {
		if len(text) < 1000 {
			f.Add(text)
		}
	}
	ps, err := pairs()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range ps {
			if d := compare(p, text); d != "" {
				t.Errorf("%s, %q: %s", p.name, text, d)
			}
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	ps, err := pairs()
	if err != nil {
		b.Fatal(err)
	}
	text := []byte(strings.Join(texts[12:40], " "))
	for _, p := range ps {
		for _, side := range []struct {
			name string
			a    analysis.Analyzer
		}{{"bleve", p.bleve}, {"textan", p.textan}} {
			b.Run(p.name+"/"+side.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				in := make([]byte, len(text))
				for b.Loop() {
					copy(in, text)
					side.a.Analyze(in)
				}
			})
		}
	}
}
