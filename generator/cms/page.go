package cms

import (
	"bytes"

	"github.com/clusterpolisee/polisee/generator/model"
	template "github.com/clusterpolisee/polisee/internal/gotemplate/html"
)

// Script returns the script the admin page loads and its integrity hash
// (empty for a script hosted with the site).
func Script(c model.CMS) (src, integrity string) {
	if c.Script == "" {
		return DefaultScript, DefaultIntegrity
	}
	return c.Script, c.Integrity
}

var page = template.Must(template.New("admin").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{.Title}}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<noscript>The editor of {{.Site}} needs JavaScript.</noscript>
<script src="{{.Src}}"{{if .Integrity}} integrity="{{.Integrity}}" crossorigin="anonymous"{{end}}></script>
</body>
</html>
`))

// Page returns admin/index.html: a page for no search engine that loads
// the editor's script, which reads config.yml beside it.
func Page(c model.CMS, siteTitle, lang string) ([]byte, error) {
	src, integrity := Script(c)
	var buf bytes.Buffer
	err := page.Execute(&buf, map[string]string{
		"Lang": lang, "Title": "Editor · " + siteTitle, "Site": siteTitle, "Src": src, "Integrity": integrity,
	})
	return buf.Bytes(), err
}
