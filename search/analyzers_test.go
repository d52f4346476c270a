package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/clusterpolisee/polisee/search/internal/textan"
)

// The analyzers that read the queries (package internal/textan) must give
// the tokens of those that index the pages (bleve's, composed as
// analyzerFilters says): these tests and FuzzSameTokensAsBleve hold them
// equal, analyzer by analyzer, on the definitions the build uses.

// analyzerPair is one analyzer both ways: as bleve's registry composes it
// to index the pages (bleve_analysis.go), and as textan makes it to read
// the queries.
type analyzerPair struct {
	name          string
	bleve, textan analysis.Analyzer
}

var analyzerPairs = sync.OnceValues(func() ([]analyzerPair, error) {
	if !slices.Equal(textan.Names(), analyzerNames()) {
		return nil, fmt.Errorf("textan.Names() = %v, want the analyzers %v", textan.Names(), analyzerNames())
	}
	cache := registry.NewCache()
	var out []analyzerPair
	for _, name := range analyzerNames() {
		if _, err := cache.DefineTokenFilter(filtersName(name), filtersConfig(name)); err != nil {
			return nil, err
		}
		b, err := cache.DefineAnalyzer(name, analyzerConfig(name))
		if err != nil {
			return nil, err
		}
		a, err := textan.New(name, textan.BleveLists(name))
		if err != nil {
			return nil, err
		}
		out = append(out, analyzerPair{name, b, a})
	}
	return out, nil
})

// compare reports how the two analyzers' tokens for text differ, or "".
// bleve's analyzers lowercase their input in place: each gets its own copy,
// and textan's must leave its copy as it was.
func compareAnalysis(p analyzerPair, text string) string {
	want := p.bleve.Analyze([]byte(text))
	in := []byte(text)
	got := p.textan.Analyze(in)
	if string(in) != text {
		return fmt.Sprintf("textan changed its input to %q", in)
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d tokens, want %d:\n got  %s\n want %s", len(got), len(want), showTokens(got), showTokens(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !bytes.Equal(g.Term, w.Term) || g.Position != w.Position || g.Start != w.Start ||
			g.End != w.End || g.Type != w.Type || g.KeyWord != w.KeyWord {
			return fmt.Sprintf("token %d:\n got  %s\n want %s", i, showTokens(got[i:i+1]), showTokens(want[i:i+1]))
		}
	}
	return ""
}

func showTokens(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "[%q pos %d %d-%d type %d kw %v] ", t.Term, t.Position, t.Start, t.End, t.Type, t.KeyWord)
	}
	return b.String()
}

// texts are read by every analyzer: each language's, and what none of
// them expects.
var analysisTexts = []string{
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
	"regional  Cooperation 2024 transfer ", " a 1 ab12 12ab 007 ", "  ", "x",
	strings.Repeat("word ", 2500),
	strings.Repeat("Ωmega's Ärzte l'amico Σ ", 600),
}

func TestSameTokensAsBleve(t *testing.T) {
	ps, err := analyzerPairs()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for _, text := range analysisTexts {
			if d := compareAnalysis(p, text); d != "" {
				t.Errorf("%s, %.80q: %s", p.name, text, d)
			}
		}
	}
}

// TestWordsAsBleve compares the analyzers word by word over every stop
// word and elided article of every list, in small letters and in
// capitals, so that each list's words are all read as bleve reads them.
func TestWordsAsBleve(t *testing.T) {
	ps, err := analyzerPairs()
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, name := range textan.Names() {
		l := textan.BleveLists(name)
		words = append(words, l.Stop...)
		for _, a := range l.Articles {
			words = append(words, a+"'albero", a+"’Isola", strings.ToUpper(a)+"'x")
		}
	}
	for _, p := range ps {
		for _, w := range words {
			for _, text := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
				if d := compareAnalysis(p, text); d != "" {
					t.Errorf("%s, %q: %s", p.name, text, d)
				}
			}
		}
	}
}

func FuzzSameTokensAsBleve(f *testing.F) {
	for _, text := range analysisTexts {
		if len(text) < 1000 {
			f.Add(text)
		}
	}
	ps, err := analyzerPairs()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range ps {
			if d := compareAnalysis(p, text); d != "" {
				t.Errorf("%s, %q: %s", p.name, text, d)
			}
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	ps, err := analyzerPairs()
	if err != nil {
		b.Fatal(err)
	}
	text := []byte(strings.Join(analysisTexts[12:40], " "))
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
