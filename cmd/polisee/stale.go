package main

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/clusterpolisee/polisee/generator"
	"github.com/clusterpolisee/polisee/generator/diag"
	"github.com/clusterpolisee/polisee/generator/model"
)

// period is a span of time such as 2y, 18m or 90d.
type period struct {
	n    int
	unit byte // y, m or d
	text string
}

var periodPattern = regexp.MustCompile(`^([1-9][0-9]{0,3})([ymd])$`)

func parsePeriod(s string) (period, error) {
	m := periodPattern.FindStringSubmatch(s)
	if m == nil {
		return period{}, fmt.Errorf("%q is not a period: write a number and y, m or d, e.g. 2y, 18m or 90d", s)
	}
	n, _ := strconv.Atoi(m[1])
	return period{n: n, unit: m[2][0], text: s}, nil
}

// before is the day the period ends before t.
func (p period) before(t time.Time) time.Time {
	switch p.unit {
	case 'y':
		return t.AddDate(-p.n, 0, 0)
	case 'm':
		return t.AddDate(0, -p.n, 0)
	}
	return t.AddDate(0, 0, -p.n)
}

// dayOf is the last day a date (YYYY, YYYY-MM or YYYY-MM-DD) may stand
// for: a review dated 2024 may have been on 31 December.
func dayOf(d model.Date) time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// firstDayOf is the first day a date may stand for: a review dated 2024
// may have been on 1 January.
func firstDayOf(d model.Date) time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// staleReviews warns on each practice whose facts were not reviewed
// (reviewed: {by, date}) within the period before today, or whose review
// is dated after today.
func staleReviews(cfg generator.Config, within period, today time.Time) diag.List {
	var out diag.List
	c, _ := model.Load(cfg.Src, model.Options{Root: cfg.SrcRoot})
	if c == nil {
		return nil
	}
	limit := within.before(today)
	for _, it := range c.ByFolder("practices") {
		m, _ := it.Value("reviewed").(map[string]any)
		d, _ := m["date"].(model.Date)
		switch {
		case d.IsZero():
			out.Warnf(it.DisplayPath, diag.Pos{Line: 1, Col: 1}, "never reviewed: check its facts against its sources, then add reviewed: with by (who) and date (when)")
		case firstDayOf(d).After(today):
			out.Warnf(it.DisplayPath, it.FieldPos["reviewed"], "reviewed on %s, after %s: correct the date of the review", d, today.Format("2006-01-02"))
		case dayOf(d).Before(limit):
			out.Warnf(it.DisplayPath, it.FieldPos["reviewed"], "last reviewed on %s, more than %s before %s: check its facts against its sources again and update reviewed", d, within.text, today.Format("2006-01-02"))
		}
	}
	return out
}
