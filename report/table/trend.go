// Package table renders the tables of `casualty trend`, `casualty compare`
// and the store's revisions: text for people (aligned, rounded once,
// numbered footnotes), Markdown, and CSV and JSON for programs (exact:
// integers stay integers, ratios are not rounded, missing values are
// empty or null). Every number comes from package stats; nothing here
// computes a statistic.
package table

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// This file renders the tables of `casualty trend` and `casualty compare`:
// text for people (aligned, rounded once, numbered footnotes), Markdown,
// and CSV and JSON for programs (exact: integers stay integers, ratios are
// not rounded, missing values are empty or null). Every number comes from
// package stats; nothing here computes a statistic.

// ttCount writes a count with its qualifier as a table cell: "≥1,074" for
// at least, "≈500" for about.
func ttCount(n int64, q data.Qualifier) string {
	switch q {
	case data.AtLeast:
		return "≥" + stats.FormatCount(n)
	case data.Approx:
		return "≈" + stats.FormatCount(n)
	}
	return stats.FormatCount(n)
}

// ttQualified marks a formatted number with its qualifier: "≥900.0".
func ttQualified(text string, q data.Qualifier) string {
	switch q {
	case data.AtLeast:
		return "≥" + text
	case data.Approx:
		return "≈" + text
	}
	return text
}

// ttMean writes a mean count for people: one decimal, thousands
// separated ("1,184.7"), rounded once from the exact value.
func ttMean(v float64) string {
	t := strconv.FormatFloat(v, 'f', 1, 64)
	whole, frac, _ := strings.Cut(t, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return t
	}
	return stats.FormatCount(n) + "." + frac
}

// rollingQ is the qualifier of the i-th rolling mean of a row.
func rollingQ(r stats.TrendRow, i int) data.Qualifier {
	if i < len(r.RollingQualifier) {
		return r.RollingQualifier[i]
	}
	return data.Exact
}

// ttPct1 writes a percentage change to one decimal, signed: "+49.8%".
func ttPct1(v stats.Value) string {
	if !v.Valid {
		return ""
	}
	s := strconv.FormatFloat(v.V, 'f', 1, 64)
	if s == "-0.0" || s == "0.0" {
		return "0.0%"
	}
	if v.V > 0 {
		s = "+" + s
	}
	return s + "%"
}

// ttInterval writes an interval of a rate ratio as % changes: "+23% to +49%".
func ttInterval(ci stats.Interval) string {
	if !ci.Valid {
		return ""
	}
	return stats.FormatRatioPct(ci.Low) + " to " + stats.FormatRatioPct(ci.High)
}

// ttChange is the change cell of a trend row: raw %, or why there is none.
func ttChange(c *stats.Change) (raw, perDay, ci, verdict string) {
	if c == nil {
		return "", "", "", ""
	}
	switch c.Verdict {
	case stats.Unavailable:
		return "n/a", "", "", ""
	case stats.TooFew:
		return "too few", "", "", ""
	}
	return ttPct1(c.Pct), ttPct1(c.PerDayPct), ttInterval(c.CI), c.Verdict.Symbol()
}

// ttNotes numbers distinct warnings in order of first appearance.
type ttNotes struct {
	texts []string
	index map[string]int
}

func (n *ttNotes) add(err error) int {
	if n.index == nil {
		n.index = map[string]int{}
	}
	s := err.Error()
	if i, ok := n.index[s]; ok {
		return i
	}
	n.texts = append(n.texts, s)
	n.index[s] = len(n.texts)
	return len(n.texts)
}

func (n *ttNotes) refs(errs []error) string {
	var s []string
	for _, e := range errs {
		s = append(s, strconv.Itoa(n.add(e)))
	}
	if len(s) == 0 {
		return ""
	}
	return "[" + strings.Join(s, ",") + "]"
}

// trendCells builds the header and rows of a trend table for people.
func trendCells(t *stats.Trend) (head []string, rows [][]string, notes *ttNotes) {
	notes = &ttNotes{}
	level := stats.FormatLevel(t.Options.Level)
	// Every column has its own heading (issue 17): the change of the
	// per-day rate is "change/day", not a second "per day".
	head = []string{"month", "days", "count", "per day", "change", "change/day", level + " interval", "", "year on year"}
	for _, w := range t.Options.Windows {
		head = append(head, fmt.Sprintf("mean %dm", w))
	}
	head = append(head, "cumulative", "notes")
	for _, r := range t.Rows {
		p := r.Point
		row := []string{p.Month.String()}
		if p.Present {
			days := strconv.Itoa(p.Days)
			if p.PartMonth {
				days = fmt.Sprintf("%d/%d", p.Days, p.Month.Days())
			}
			row = append(row, days, ttCount(p.Value, p.Qualifier), strconv.FormatFloat(r.PerDay.V, 'f', 2, 64))
		} else {
			row = append(row, "", "—", "")
		}
		raw, pd, ci, v := ttChange(r.Prev)
		row = append(row, raw, pd, ci, v, ttPct1(r.YoY))
		for i, m := range r.Rolling {
			if m.Valid {
				row = append(row, ttQualified(ttMean(m.V), rollingQ(r, i)))
			} else {
				row = append(row, "")
			}
		}
		if r.Cumulative.Valid {
			row = append(row, ttCount(int64(r.Cumulative.V), r.CumulativeQualifier))
		} else {
			row = append(row, "")
		}
		row = append(row, notes.refs(r.Warnings))
		rows = append(rows, row)
	}
	return head, rows, notes
}

// trendTitle is the first line of a trend table.
func trendTitle(t *stats.Trend, areaName string) string {
	return fmt.Sprintf("%s in %s by month (latest figures)", ttWhat(t.Metric, t.Wording), areaName)
}

// ttWhat names what a metric counts, in the source's words: event data's
// killed are "Reported fatalities, all actors (ACLED)", never "Killed"
// read as a mission's civilians.
func ttWhat(m data.Metric, w data.Source) string {
	if c, ok := w.EventCaption(m); ok {
		return c
	}
	return ttCapital(m.Label())
}

// ttCounts is the first line of a table's key: what the figures count,
// for event data (its figures are sums, not minimums), or what "at
// least" means for the source's figures.
func ttCounts(w data.Source) string {
	if w.Kind == data.KindEvents {
		return strings.TrimSuffix(w.Counts, ".")
	}
	min := w.MinimumMeans
	if min == "" {
		min = "a lower bound"
	}
	return "≥ at least (" + min + ")"
}

// trendSlope is the line stating the trend of the last months.
func trendSlope(t *stats.Trend) string {
	span := t.SlopeFrom.String() + ".." + t.SlopeTo.String()
	if !t.Slope.Valid {
		return fmt.Sprintf("Trend %s: none (%s).", span, t.Slope.Why)
	}
	return fmt.Sprintf("Trend %s: %s %s a day per month (%s interval %s to %s; least squares on per-day rates).",
		span, ttSignedFloat(t.Slope.V), stats.NounBy(t.Metric, t.Wording), stats.FormatLevel(t.SlopeCI.Level), ttSignedFloat(t.SlopeCI.Low), ttSignedFloat(t.SlopeCI.High))
}

// ttSignedFloat writes a rate change to two decimals with its sign.
func ttSignedFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	if v > 0 && s != "0.00" {
		s = "+" + s
	}
	return s
}

// trendKey explains the symbols of a trend table.
func trendKey(t *stats.Trend) []string {
	return []string{
		ttCounts(t.Wording) + ": changes are changes in recorded figures.",
		"change: on the previous month, in counts; change/day: in counts a day (months differ in length).",
		fmt.Sprintf("interval: exact Poisson %s interval of the change per day; ↑ rise, ↓ fall, ~ within chance (the interval contains no change).", stats.FormatLevel(t.Options.Level)),
		fmt.Sprintf("too few: no percentage on a base below %d. Gaps are left empty, never filled; days 18/30: a figure for 18 of the month's 30 days.", t.Options.MinBase),
		"mean: of the counts of the last months (none over a gap or a part-month); cumulative: the total since the first month with a figure, none after a gap.",
	}
}

// Trend lays a trend out as a table for people: one row a month, the
// trend of the last months and a key under it, warnings as numbered notes.
func Trend(t *stats.Trend, areaName string) *Table {
	head, rows, notes := trendCells(t)
	return &Table{
		Title: trendTitle(t, areaName),
		Head:  head, Rows: rows, Left: []int{0, len(head) - 1},
		After: []Block{{Para: trendSlope(t)}, {Lines: trendKey(t)}},
		Notes: notes.texts,
	}
}

// TrendCSVHeader is the header of WriteTrendCSV (before the rolling means,
// which add a column per window, and the columns after them).
var TrendCSVHeader = []string{"month", "area", "metric", "days", "count", "qualifier", "part_month", "per_day",
	"change_pct", "per_day_change_pct", "rate_ratio", "ci_low", "ci_high", "ci_low_overdispersed", "ci_high_overdispersed",
	"p_value", "verdict", "yoy_pct"}

// WriteTrendCSV writes a trend for programs: one row per month, exact
// values, empty cells where there is no value. Warnings are not written
// here (the command sends them to stderr).
func WriteTrendCSV(w io.Writer, t *stats.Trend) error {
	cw := csv.NewWriter(w)
	head := append([]string{}, TrendCSVHeader...)
	for _, win := range t.Options.Windows {
		head = append(head, fmt.Sprintf("rolling_%d", win), fmt.Sprintf("rolling_%d_qualifier", win))
	}
	head = append(head, "cumulative", "cumulative_qualifier", "provisional", "publication", "published")
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range t.Rows {
		p := r.Point
		rec := []string{p.Month.String(), data.SafeText(t.Area), string(t.Metric)}
		if p.Present {
			rec = append(rec, strconv.Itoa(p.Days), strconv.FormatInt(p.Value, 10), p.Qualifier.String(), strconv.FormatBool(p.PartMonth), ttFloat(r.PerDay))
		} else {
			rec = append(rec, "", "", "", "", "")
		}
		if c := r.Prev; c != nil {
			rec = append(rec, ttFloat(c.Pct), ttFloat(c.PerDayPct), ttFloat(c.RateRatio), ttCI(c.CI.Low, c.CI.Valid), ttCI(c.CI.High, c.CI.Valid),
				ttCI(c.CIOverdispersed.Low, c.CIOverdispersed.Valid), ttCI(c.CIOverdispersed.High, c.CIOverdispersed.Valid), ttFloat(c.P), c.Verdict.String())
		} else {
			rec = append(rec, "", "", "", "", "", "", "", "", "")
		}
		rec = append(rec, ttFloat(r.YoY))
		for i, m := range r.Rolling {
			q := ""
			if m.Valid {
				q = rollingQ(r, i).String()
			}
			rec = append(rec, ttFloat(m), q)
		}
		if r.Cumulative.Valid {
			rec = append(rec, strconv.FormatInt(int64(r.Cumulative.V), 10), r.CumulativeQualifier.String())
		} else {
			rec = append(rec, "", "")
		}
		rec = append(rec, strconv.FormatBool(r.Provisional))
		if p.Present {
			rec = append(rec, data.SafeText(p.Published.Name), p.Published.Date.String())
		} else {
			rec = append(rec, "", "")
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ttFloat writes a value exactly (shortest representation that reads back
// the same float), or "" when there is none.
func ttFloat(v stats.Value) string {
	if !v.Valid {
		return ""
	}
	return strconv.FormatFloat(v.V, 'g', -1, 64)
}

func ttCI(x float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// jsonNum is a number or null.
func jsonNum(v stats.Value) *float64 {
	if !v.Valid {
		return nil
	}
	x := v.V
	return &x
}

func jsonCI(x float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &x
}

type jsonChange struct {
	ChangePct           *float64 `json:"change_pct"`
	PerDayChangePct     *float64 `json:"per_day_change_pct"`
	RateRatio           *float64 `json:"rate_ratio"`
	CILow               *float64 `json:"ci_low"`
	CIHigh              *float64 `json:"ci_high"`
	CILowOverdispersed  *float64 `json:"ci_low_overdispersed"`
	CIHighOverdispersed *float64 `json:"ci_high_overdispersed"`
	Dispersion          *float64 `json:"dispersion"`
	// DispersionMonths is the months the dispersion was estimated over;
	// absent for a change that was not computed (a gap on either side).
	DispersionMonths *int     `json:"dispersion_months,omitempty"`
	PValue           *float64 `json:"p_value"`
	Significant      bool     `json:"significant"`
	// SignificantOverdispersed: the clustered interval excludes no change too.
	SignificantOverdispersed bool   `json:"significant_overdispersed"`
	Verdict                  string `json:"verdict"`
	Why                      string `json:"why,omitempty"`
}

// computedMonths is the months a change's dispersion was estimated over,
// nil for a change that was not computed (nothing to estimate it for).
func computedMonths(c stats.Change) *int {
	if c.Verdict == stats.Unavailable {
		return nil
	}
	n := c.DispersionMonths
	return &n
}

func jsonChangeOf(c stats.Change) jsonChange {
	return jsonChange{
		ChangePct: jsonNum(c.Pct), PerDayChangePct: jsonNum(c.PerDayPct), RateRatio: jsonNum(c.RateRatio),
		CILow: jsonCI(c.CI.Low, c.CI.Valid), CIHigh: jsonCI(c.CI.High, c.CI.Valid),
		CILowOverdispersed:  jsonCI(c.CIOverdispersed.Low, c.CIOverdispersed.Valid),
		CIHighOverdispersed: jsonCI(c.CIOverdispersed.High, c.CIOverdispersed.Valid),
		Dispersion:          jsonNum(c.Dispersion), DispersionMonths: computedMonths(c),
		PValue: jsonNum(c.P), Significant: c.Significant(), SignificantOverdispersed: c.SignificantOverdispersed(), Verdict: c.Verdict.String(), Why: c.Pct.Why,
	}
}

type jsonTrendRow struct {
	Month               string              `json:"month"`
	Present             bool                `json:"present"`
	Days                int                 `json:"days,omitempty"`
	Count               *int64              `json:"count"`
	Qualifier           string              `json:"qualifier,omitempty"`
	PartMonth           bool                `json:"part_month"`
	PerDay              *float64            `json:"per_day"`
	Change              *jsonChange         `json:"change"`
	YoYPct              *float64            `json:"yoy_pct"`
	Rolling             map[string]*float64 `json:"rolling"`
	RollingQualifier    map[string]string   `json:"rolling_qualifier"`
	Cumulative          *int64              `json:"cumulative"`
	CumulativeQualifier string              `json:"cumulative_qualifier,omitempty"`
	Provisional         bool                `json:"provisional"`
	Published           *jsonPub            `json:"published,omitempty"`
	// Gap says why a month has no figure (count null); absent otherwise.
	Gap string `json:"gap,omitempty"`
	// Coverage says, for a sum whose parts' own figures cover other days
	// (June 2023: killed whole-month, injured 1-18 June), which parts
	// are whole-month and which partial, and what the sum covers.
	Coverage string   `json:"coverage,omitempty"`
	Warnings []string `json:"warnings"`
}

// jsonSlope is the trend of the last months: the change of the per-day
// rate per month.
type jsonSlope struct {
	From           string   `json:"from"`
	To             string   `json:"to"`
	PerDayPerMonth *float64 `json:"per_day_per_month"`
	CILow          *float64 `json:"ci_low"`
	CIHigh         *float64 `json:"ci_high"`
	Why            string   `json:"why,omitempty"`
}

// WriteTrendJSON writes a trend for programs: exact values, null where
// there is none, counts as integers.
func WriteTrendJSON(w io.Writer, t *stats.Trend) error {
	out := struct {
		Area     string         `json:"area"`
		Metric   data.Metric    `json:"metric"`
		Level    float64        `json:"level"`
		MinBase  int64          `json:"min_base"`
		Rows     []jsonTrendRow `json:"rows"`
		Slope    jsonSlope      `json:"trend"`
		Warnings []string       `json:"warnings"`
	}{Area: t.Area, Metric: t.Metric, Level: t.Options.Level, MinBase: t.Options.MinBase, Rows: []jsonTrendRow{}, Warnings: errStrings(t.Warnings),
		Slope: jsonSlope{From: t.SlopeFrom.String(), To: t.SlopeTo.String(), PerDayPerMonth: jsonNum(t.Slope),
			CILow: jsonCI(t.SlopeCI.Low, t.SlopeCI.Valid), CIHigh: jsonCI(t.SlopeCI.High, t.SlopeCI.Valid), Why: t.Slope.Why}}
	for _, r := range t.Rows {
		p := r.Point
		row := jsonTrendRow{Month: p.Month.String(), Present: p.Present, PartMonth: p.PartMonth, YoYPct: jsonNum(r.YoY),
			Rolling: map[string]*float64{}, RollingQualifier: map[string]string{}, Provisional: r.Provisional, Warnings: errStrings(r.Warnings)}
		if p.Present {
			v := p.Value
			pub := jsonPubOf(p.Published)
			row.Days, row.Count, row.Qualifier, row.PerDay, row.Published = p.Days, &v, p.Qualifier.String(), jsonNum(r.PerDay), &pub
		}
		if r.Prev != nil {
			c := jsonChangeOf(*r.Prev)
			row.Change = &c
		}
		if r.Gap != nil && !p.Present {
			row.Gap = r.Gap.Error()
		}
		if r.Coverage != nil {
			row.Coverage = r.Coverage.Note()
		}
		for i, win := range t.Options.Windows {
			row.Rolling[strconv.Itoa(win)] = jsonNum(r.Rolling[i])
			if r.Rolling[i].Valid {
				row.RollingQualifier[strconv.Itoa(win)] = rollingQ(r, i).String()
			}
		}
		if r.Cumulative.Valid {
			c := int64(r.Cumulative.V)
			row.Cumulative, row.CumulativeQualifier = &c, r.CumulativeQualifier.String()
		}
		out.Rows = append(out.Rows, row)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func errStrings(errs []error) []string {
	out := []string{}
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// ttCapital capitalises the first letter.
func ttCapital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// compareTitle is the first line of a comparison.
func compareTitle(c *stats.Comparison, areaName string) string {
	return fmt.Sprintf("%s in %s: %s against %s", ttWhat(c.Metric, c.Wording), areaName, c.To.Label(), c.From.Label())
}

// compareCells lays a comparison out as label/value lines for people.
func compareCells(c *stats.Comparison) (figHead []string, figRows [][]string, lines [][2]string, notes *ttNotes) {
	notes = &ttNotes{}
	figHead = []string{"", c.From.Label(), c.To.Label()}
	cnt := func(f stats.Figure) string {
		if !f.Complete() {
			return "— (no figure for " + ttMonths(f.Missing) + ")"
		}
		return ttCount(f.Count, f.Qualifier)
	}
	days := func(f stats.Figure) string {
		calendar := 0
		for m := f.From; !f.To.Before(m); m = m.Add(1) {
			calendar += m.Days()
		}
		if f.PartMonth {
			return fmt.Sprintf("%d of %d", f.Days, calendar)
		}
		return strconv.Itoa(f.Days)
	}
	rate := func(f stats.Figure) string {
		if !f.Complete() || f.Days == 0 {
			return ""
		}
		return strconv.FormatFloat(f.PerDay, 'f', 2, 64)
	}
	vintage := func(f stats.Figure) string {
		switch {
		case !f.Complete():
			return ""
		case f.Revised:
			return "revised"
		case f.Provisional:
			return "first report"
		}
		return "as first published"
	}
	figRows = [][]string{
		{"count", cnt(c.From), cnt(c.To)},
		{"days", days(c.From), days(c.To)},
		{"per day", rate(c.From), rate(c.To)},
	}
	for _, f := range []stats.Figure{c.From, c.To} {
		if len(f.Parts) > 0 && f.Complete() {
			for i, p := range f.Parts {
				if len(figRows) < 4+i {
					figRows = append(figRows, []string{"  of which " + p.Metric.Label(), "", ""})
				}
			}
		}
	}
	for col, f := range []stats.Figure{c.From, c.To} {
		if f.Complete() {
			for i, p := range f.Parts {
				if 3+i < len(figRows) {
					figRows[3+i][col+1] = ttCount(p.Count, p.Qualifier)
				}
			}
		}
	}
	figRows = append(figRows, []string{"figure", vintage(c.From), vintage(c.To)})
	level := stats.FormatLevel(c.Options.Level)
	noun := stats.NounBy(c.Metric, c.Wording)
	if c.Recorded() {
		noun = "recorded " + noun
	}
	switch c.Verdict {
	case stats.Unavailable:
		lines = append(lines, [2]string{"change", "not computed: a month is missing"})
	case stats.TooFew:
		lines = append(lines, [2]string{"change", fmt.Sprintf("%+d; too few to compare (base below %d)", c.Abs, c.Options.MinBase)})
	default:
		pct := ttPct1(c.Pct)
		if !c.Pct.Valid {
			pct = "no %: " + c.Pct.Why
		}
		lines = append(lines,
			[2]string{"change in count", fmt.Sprintf("%s (%s)", stats.FormatSigned(c.Abs), pct)},
			[2]string{"change per day", fmt.Sprintf("%s (rate ratio %s)", ttPct1(c.PerDayPct), strconv.FormatFloat(c.RateRatio.V, 'f', 4, 64))})
		if c.CI.Valid {
			lines = append(lines, [2]string{level + " interval, Poisson", fmt.Sprintf("%s (ratio %s to %s; exact conditional test)",
				ttInterval(c.CI), strconv.FormatFloat(c.CI.Low, 'f', 4, 64), strconv.FormatFloat(c.CI.High, 'f', 4, 64))})
		}
		if c.CIOverdispersed.Valid {
			lines = append(lines, [2]string{level + " interval, clustered", fmt.Sprintf("%s (ratio %s to %s; dispersion %s from %d months)",
				ttInterval(c.CIOverdispersed), strconv.FormatFloat(c.CIOverdispersed.Low, 'f', 4, 64), strconv.FormatFloat(c.CIOverdispersed.High, 'f', 4, 64),
				strconv.FormatFloat(c.Dispersion.V, 'f', 1, 64), c.DispersionMonths)})
		}
		if c.P.Valid {
			lines = append(lines, [2]string{"p-value", ttP(c.P.V)})
		}
		v := c.Verdict.Symbol() + " " + c.Verdict.String() + " in " + noun + " per day"
		if c.Verdict == stats.NoChange {
			v = "~ within chance: no clear change in " + noun + " per day"
		}
		if c.Significant() && c.CIOverdispersed.Valid && !c.SignificantOverdispersed() {
			v += "; not clear once clustering is allowed for"
		}
		lines = append(lines, [2]string{"verdict", v})
	}
	for _, w := range c.Warnings {
		notes.add(w)
	}
	return figHead, figRows, lines, notes
}

// ttMonths lists months: "2023-09, 2023-10".
func ttMonths(ms []data.Month) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.String()
	}
	return strings.Join(s, ", ")
}

// ttP writes a p-value for people: two significant digits, "<1e-15"
// below what a float can tell apart from 0.
func ttP(p float64) string {
	switch {
	case p < 1e-15:
		return "<1e-15"
	case p < 0.001:
		return strconv.FormatFloat(p, 'e', 1, 64)
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// Comparison lays a comparison out as a table for people: both figures
// side by side, then the change with both intervals and the verdict, the
// sentence, a key, and warnings as numbered notes.
func Comparison(c *stats.Comparison, areaName string) *Table {
	head, rows, lines, notes := compareCells(c)
	return &Table{
		Title: compareTitle(c, areaName),
		Intro: []string{"Basis: " + c.Basis},
		Head:  head, Rows: rows, Left: []int{0},
		After: []Block{{Facts: lines}, {Para: c.Sentence, Wrap: 78}, {Para: compareKey(c.Wording), Wrap: 78}},
		Notes: notes.texts,
	}
}

// compareKey explains what the figures count and the two intervals.
func compareKey(w data.Source) string {
	return ttCounts(w) + ". The Poisson interval assumes casualties occur " +
		"independently; the clustered one widens it by the month-to-month variation seen in the series (quasi-Poisson)."
}

type jsonFigure struct {
	Month string `json:"month"`
	Days  int    `json:"days"`
	// Count is null when a month of the period has no figure: a sum over
	// a gap is not a count (Missing lists the months).
	Count       *int64           `json:"count"`
	Qualifier   string           `json:"qualifier"`
	PerDay      *float64         `json:"per_day"`
	PartMonth   bool             `json:"part_month"`
	Revised     bool             `json:"revised"`
	Provisional bool             `json:"provisional"`
	Missing     []string         `json:"missing"`
	Parts       map[string]int64 `json:"parts,omitempty"`
	Published   jsonPub          `json:"published"`
}

// jsonPub is a publication with its date as YYYY-MM-DD.
type jsonPub struct {
	Name string `json:"name"`
	Date string `json:"date"`
}

func jsonPubOf(p data.Publication) jsonPub {
	out := jsonPub{Name: p.Name}
	if !p.Date.IsZero() {
		out.Date = p.Date.String()
	}
	return out
}

func jsonFigureOf(f stats.Figure) jsonFigure {
	out := jsonFigure{Month: f.String(), Days: f.Days, Qualifier: f.Qualifier.String(), PartMonth: f.PartMonth,
		Revised: f.Revised, Provisional: f.Provisional, Missing: []string{}, Published: jsonPubOf(f.Published)}
	if f.Complete() {
		n := f.Count
		out.Count = &n
	}
	if f.Complete() && f.Days > 0 {
		x := f.PerDay
		out.PerDay = &x
	}
	for _, m := range f.Missing {
		out.Missing = append(out.Missing, m.String())
	}
	if len(f.Parts) > 0 && f.Complete() {
		out.Parts = map[string]int64{}
		for _, p := range f.Parts {
			out.Parts[string(p.Metric)] = p.Count
		}
	}
	return out
}

// WriteComparisonJSON writes a comparison for programs. Percentages are in
// percent (49.37 means +49.37%); ratios and intervals are unrounded; a
// value that could not be computed is null.
func WriteComparisonJSON(w io.Writer, c *stats.Comparison) error {
	out := struct {
		Area   string      `json:"area"`
		Metric data.Metric `json:"metric"`
		Basis  string      `json:"basis"`
		Common bool        `json:"same_publication"`
		Level  float64     `json:"level"`
		From   jsonFigure  `json:"from"`
		To     jsonFigure  `json:"to"`
		// Abs is null when either period lacks a figure.
		Abs *int64 `json:"change"`
		jsonChange
		Recorded bool     `json:"recorded"`
		Sentence string   `json:"sentence"`
		Warnings []string `json:"warnings"`
	}{
		Area: c.Area, Metric: c.Metric, Basis: c.Basis, Common: c.Common, Level: c.Options.Level,
		From: jsonFigureOf(c.From), To: jsonFigureOf(c.To), jsonChange: jsonChangeOf(c.Change),
		Recorded: c.Recorded(), Sentence: c.Sentence, Warnings: errStrings(c.Warnings),
	}
	if c.From.Complete() && c.To.Complete() {
		abs := c.Abs
		out.Abs = &abs
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
