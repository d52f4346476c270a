package search

import (
	"slices"
	"strings"

	"github.com/clusterpolisee/polisee/search/internal/textan"
)

// Word lists. Some analyzers read lists of words: stop words, which they
// leave out, and Italian's elided articles (l', dell'). Build writes the
// lists of the analyzers its documents need into the index, in a stored
// field of the terms document (see TermsDocument), and Index.Open reads
// them back for the analyzers that read the queries' words: so the
// browser's engine carries no word list of its own, and a site fetches
// those of its languages only.
//
// The field holds a line per list: the analyzer's name, the list's kind
// (stop or articles) and its words, separated by tabs, the words by
// spaces. No list word holds a space.
const wordListsField = "wordlists"

// formatWordLists writes the lists of the named analyzers.
func formatWordLists(lists map[string]textan.Lists) string {
	var b strings.Builder
	names := make([]string, 0, len(lists))
	for name := range lists {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, l := range []struct {
			kind  string
			words []string
		}{{"stop", lists[name].Stop}, {"articles", lists[name].Articles}} {
			if len(l.words) > 0 {
				b.WriteString(name + "\t" + l.kind + "\t" + strings.Join(l.words, " ") + "\n")
			}
		}
	}
	return b.String()
}

// parseWordLists reads what formatWordLists wrote.
func parseWordLists(text string) map[string]textan.Lists {
	out := map[string]textan.Lists{}
	for _, line := range strings.Split(text, "\n") {
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			continue
		}
		l := out[parts[0]]
		switch parts[1] {
		case "stop":
			l.Stop = strings.Fields(parts[2])
		case "articles":
			l.Articles = strings.Fields(parts[2])
		}
		out[parts[0]] = l
	}
	return out
}
