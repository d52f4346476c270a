package relevance

import (
	"context"
	"fmt"
	"strings"

	"github.com/clusterpolisee/polisee/search"
)

// Request is the request the search page of lang sends for text, on a
// site with these languages (the default first): the page's language
// first, then the site's others, as the page's data-langs lists them;
// and, on a multilingual site, only what that language's pages show.
// It asks for TopN results.
func Request(text, lang string, languages []string) search.Request {
	langs := []string{lang}
	for _, l := range languages {
		if l != lang {
			langs = append(langs, l)
		}
	}
	r := search.Request{Query: text, Size: TopN, Langs: langs}
	if len(languages) > 1 {
		r.Shown = lang
	}
	return r
}

// PageAddress is where a hit's page is in the pages of lang: the hit's
// URL (a site path in the default language, /practices/x/) without its
// leading slash, under lang's folder unless lang is the default.
func PageAddress(hitURL, lang string, languages []string) string {
	u := strings.TrimPrefix(hitURL, "/")
	if len(languages) > 0 && lang != languages[0] {
		u = lang + "/" + u
	}
	return u
}

// RunPolisee runs every query on ix as the search page of its language
// does, on a site with these languages (the default first).
func RunPolisee(ctx context.Context, ix *search.Index, qs []Query, languages []string) ([]Outcome, error) {
	outs := make([]Outcome, 0, len(qs))
	for _, q := range qs {
		res, err := ix.Search(ctx, Request(q.Query, q.Lang, languages))
		if err != nil {
			return nil, fmt.Errorf("query %q (%s): %w", q.Query, q.Lang, err)
		}
		got := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			got[i] = PageAddress(h.URL, q.Lang, languages)
		}
		outs = append(outs, NewOutcome(q, got))
	}
	return outs, nil
}
