package template

import (
	"strings"

	text "github.com/clusterpolisee/polisee/internal/gotemplate/text"
)

// The escapers' forms for one plain string (text.RegisterStringForm),
// which html/template puts around most values a page prints: each is its
// escaper's branch for contentTypePlain, the type stringify gives a
// string. TestStringFormsMatchEscapers holds each equal to its escaper.
func init() {
	text.RegisterStringForm(htmlEscaper, escapeHTMLText)
	text.RegisterStringForm(attrEscaper, escapeHTMLText)
	text.RegisterStringForm(rcdataEscaper, escapeHTMLText)
	text.RegisterStringForm(htmlNospaceEscaper, escapeUnquotedAttr)
	text.RegisterStringForm(urlFilter, filterURL)
	text.RegisterStringForm(urlEscaper, func(s string) string { return processURL(s, false) })
	text.RegisterStringForm(urlNormalizer, func(s string) string { return processURL(s, true) })
}

func escapeHTMLText(s string) string { return htmlReplacer(s, htmlReplacementTable, true) }

func escapeUnquotedAttr(s string) string {
	if s == "" {
		return filterFailsafe
	}
	return htmlReplacer(s, htmlNospaceReplacementTable, false)
}

func filterURL(s string) string {
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

func processURL(s string, norm bool) string {
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}
