package main

import (
	"testing"

	"github.com/clusterpolisee/polisee/generator/diag"
)

// TestGithubAnnotation: the escaping GitHub Actions documents for workflow
// commands: % CR LF in the message; also : and , in properties.
func TestGithubAnnotation(t *testing.T) {
	for _, c := range []struct {
		d    diag.Diagnostic
		want string
	}{
		{diag.Diagnostic{Path: "content/x.md", Pos: diag.Pos{Line: 5, Col: 9}, Msg: "unknown area"},
			"::error file=content/x.md,line=5,col=9::unknown area"},
		{diag.Diagnostic{Path: "content/x.md", Pos: diag.Pos{Line: 3}, Severity: diag.Warning, Msg: "w"},
			"::warning file=content/x.md,line=3::w"},
		{diag.Diagnostic{Path: "c:/a,b%.md", Msg: "100% sure\r\nnext: line, too"},
			"::error file=c%3A/a%2Cb%25.md::100%25 sure%0D%0Anext: line, too"},
	} {
		if got := githubAnnotation(c.d); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
