package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
)

// checkFormats are the ways check can print its findings.
var checkFormats = []string{"text", "github", "json"}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("check", stderr)
	var src source
	src.register(fl)
	format := "text"
	fl.Func("format", "how to print the problems: text (path:line:col: message), github (GitHub Actions annotations) or json", func(s string) error {
		for _, f := range checkFormats {
			if s == f {
				format = s
				return nil
			}
		}
		return fmt.Errorf("unknown format %q; use text, github or json", s)
	})
	strict := fl.Bool("strict", false, "fail on warnings too")
	staleAfter := fl.String("stale-after", "", "warn on practices not reviewed (reviewed: {by, date}) within this period, e.g. 2y, 18m or 90d")
	todayFlag := fl.String("today", "", "with -stale-after: the day to count from, YYYY-MM-DD (default: today)")
	if err := parse(fl, args); err != nil {
		return err
	}
	cfg, err := src.config()
	if err != nil {
		return err
	}
	noteStarter(stderr, cfg, "checking")
	var within period
	today := time.Now().UTC()
	if *staleAfter != "" {
		if within, err = parsePeriod(*staleAfter); err != nil {
			return fmt.Errorf("-stale-after: %w", err)
		}
		if *todayFlag != "" {
			if today, err = time.Parse("2006-01-02", *todayFlag); err != nil {
				return fmt.Errorf("-today %q: write the day as YYYY-MM-DD", *todayFlag)
			}
		}
	} else if *todayFlag != "" {
		return fmt.Errorf("-today counts from a day for -stale-after: give -stale-after too")
	}
	list := generator.Check(ctx, cfg)
	if *staleAfter != "" {
		list.Append(staleReviews(cfg, within, today))
		list.Sort()
	}
	nErr, nWarn := len(list.Errors()), len(list.Warnings())
	failed := nErr > 0 || (*strict && nWarn > 0)

	switch format {
	case "json":
		if err := writeDiagsJSON(stdout, list); err != nil {
			return err
		}
	case "github":
		for _, d := range list {
			fmt.Fprintln(stdout, githubAnnotation(d))
		}
		fmt.Fprintln(stderr, checkSummary(nErr, nWarn, *strict))
	default:
		printDiags(stderr, list)
		if failed {
			fmt.Fprintln(stderr, checkSummary(nErr, nWarn, *strict))
		} else {
			fmt.Fprintln(stdout, checkSummary(nErr, nWarn, *strict))
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// checkSummary is the last line check prints in text and github formats.
func checkSummary(nErr, nWarn int, strict bool) string {
	switch {
	case nErr > 0:
		return fmt.Sprintf("%d error%s", nErr, plural(nErr))
	case strict && nWarn > 0:
		return fmt.Sprintf("%d warning%s (-strict: warnings fail)", nWarn, plural(nWarn))
	}
	return fmt.Sprintf("ok: no errors, %d warning%s", nWarn, plural(nWarn))
}

// githubAnnotation formats a diagnostic as a GitHub Actions workflow
// command, which the pull request shows on the file's line:
// ::error file=content/x.md,line=5,col=9::message
func githubAnnotation(d diag.Diagnostic) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	b.WriteString(" file=")
	b.WriteString(escapeProperty(d.Path))
	if d.Pos.Line > 0 {
		b.WriteString(",line=" + strconv.Itoa(d.Pos.Line))
		if d.Pos.Col > 0 {
			b.WriteString(",col=" + strconv.Itoa(d.Pos.Col))
		}
	}
	b.WriteString("::")
	b.WriteString(escapeData(d.Msg))
	return b.String()
}

// escapeData escapes a workflow command's message as the GitHub Actions
// runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonDiag is one problem as check -format json prints it.
type jsonDiag struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func writeDiagsJSON(w io.Writer, list diag.List) error {
	out := make([]jsonDiag, 0, len(list))
	for _, d := range list {
		out = append(out, jsonDiag{Path: d.Path, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Msg})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
