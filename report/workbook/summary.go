package workbook

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// summaryMetrics are the metrics of the headline table, those with a
// figure for the headline month.
func (wb *Workbook) summaryMetrics() []data.Metric {
	var out []data.Metric
	for _, m := range wb.monthly.metrics {
		if wb.monthly.series[m].At(wb.month).Present {
			out = append(out, m)
		}
	}
	return out
}

// Summary columns.
const (
	scMetric = iota + 1
	scCount
	scRate
	scPrevCount
	scPrevRate
	scPct
	scRatePct
	scLow
	scHigh
	scP
	scVerdict
	scYoYCount
	scYoYPct
	scYoYRatePct
	scYoYVerdict
	scBasis
	scLast = scBasis
)

// writeSummary writes the headline month: for each metric its count and
// per-day rate, the change on the previous month and on the same month a
// year before with the interval and verdict, and the sentence. Every
// figure is a stored value (a reader that does not recalculate sees it);
// the headline cells have defined names. The charts follow.
func (wb *Workbook) writeSummary(s *xlSheet) {
	st := wb.st
	opt := wb.opt.Stats
	mo := wb.month
	prev, year := mo.Add(-1), mo.Add(-12)
	name := wb.cur.AreaName(wb.area)
	s.text(1, 1, fmt.Sprintf("Civilian casualties in %s, %s", name, mo.Label()), st.title)
	asOf := "Publications are not named or dated in the data."
	if pub := wb.ds.LatestPublication(); !pub.IsZero() {
		asOf = fmt.Sprintf("Figures as published up to %s.", pub)
	}
	s.textNoFit(1, 2, asOf+" Counts are verified minimums; ≥ marks a figure published as \"at least\".", st.text)
	s.define("Headline_Month", 1, 1, "the headline month")
	level := fmt.Sprintf("%g%%", opt.Level*100)
	headers := map[int]string{
		scMetric: "Metric", scCount: mo.Short(), scRate: "Per day",
		scPrevCount: prev.Short(), scPrevRate: "Per day",
		scPct: "Change", scRatePct: "Change in per-day rate",
		scLow: level + " interval low", scHigh: level + " interval high", scP: "p-value", scVerdict: "Verdict",
		scYoYCount: year.Short(), scYoYPct: "Change on a year before", scYoYRatePct: "Per-day change on a year before",
		scYoYVerdict: "Verdict on a year before", scBasis: "Basis of the comparison with " + prev.Short(),
	}
	const hdr = 4
	s.textNoFit(scCount, hdr-1, mo.Label(), st.group)
	s.merge(scCount, hdr-1, scRate, hdr-1)
	s.textNoFit(scPrevCount, hdr-1, "Change on the previous month", st.group)
	s.merge(scPrevCount, hdr-1, scVerdict, hdr-1)
	s.textNoFit(scYoYCount, hdr-1, "Change on the same month a year before", st.group)
	s.merge(scYoYCount, hdr-1, scYoYVerdict, hdr-1)
	for c := scMetric; c <= scLast; c++ {
		s.textNoFit(c, hdr, headers[c], st.header)
	}
	s.height(hdr, 45)
	r := hdr + 1
	var sentences []string
	for _, m := range wb.summaryMetrics() {
		cp, err := stats.Compare(wb.ds, wb.area, m, stats.Period{From: prev, To: prev}, stats.Period{From: mo, To: mo}, opt)
		if err != nil {
			s.err = err
			return
		}
		cy, err := stats.Compare(wb.ds, wb.area, m, stats.Period{From: year, To: year}, stats.Period{From: mo, To: mo}, opt)
		if err != nil {
			s.err = err
			return
		}
		prefix := xlDefinedPrefix(m)
		s.text(scMetric, r, xlMetricHeader(m), st.label)
		// Counts are live lookups on Monthly by month when the figure
		// compared is the one Monthly shows (its latest vintage), so an
		// edit there flows here; a figure from an earlier vintage (the
		// like-with-like basis) is a value, with a note. Changes are
		// formulas over this row's cells. A gap is "no figure" with its
		// reason, never a zero.
		to := cp.To
		toCell := wb.summaryCount(s, scCount, r, m, mo, to, cp.Gap, st.headlineStyle(to.Qualifier))
		if toCell != "" {
			s.define(prefix+"_Count", scCount, r, m.Label()+", "+mo.Label())
		}
		toRate := ""
		if toCell != "" && to.Days > 0 {
			s.formula(scRate, r, fmt.Sprintf("%s/%d", toCell, to.Days), to.PerDay, st.rateStyle(to.Qualifier))
			s.define(prefix+"_PerDay", scRate, r, m.Label()+" per day, "+mo.Label())
			toRate = xlRef(scRate, r)
		}
		fromCell := wb.summaryCount(s, scPrevCount, r, m, prev, cp.From, cp.Gap, st.countStyle(cp.From.Qualifier))
		fromRate := ""
		if fromCell != "" && cp.From.Days > 0 {
			s.formula(scPrevRate, r, fmt.Sprintf("%s/%d", fromCell, cp.From.Days), cp.From.PerDay, st.rateStyle(cp.From.Qualifier))
			fromRate = xlRef(scPrevRate, r)
		}
		wb.summaryChange(s, scPct, r, cp.Pct, toCell, fromCell, prefix+"_Change", "% change of "+m.Label()+" on "+prev.Label())
		wb.summaryChange(s, scRatePct, r, cp.PerDayPct, toRate, fromRate, prefix+"_PerDayChange", "% change of "+m.Label()+" per day on "+prev.Label())
		wb.interval(s, scLow, r, cp.CI)
		if cp.P.Valid {
			s.float(scP, r, cp.P.V, st.p)
		}
		s.text(scVerdict, r, xlVerdict(cp.Verdict), st.verdictStyle(cp.Verdict, true, st.label))
		s.define(prefix+"_Verdict", scVerdict, r, "verdict on "+prev.Label())
		yCell := wb.summaryCount(s, scYoYCount, r, m, year, cy.From, cy.Gap, st.countStyle(cy.From.Qualifier))
		// The year-on-year change compares this row's count with the
		// figure a year before (stats.Compare on that pair, which may
		// take the headline month from another vintage than cp did).
		yTo := ""
		if toCell != "" && cy.To.Complete() && cy.To.Count == to.Count {
			yTo = toCell
		}
		wb.summaryChange(s, scYoYPct, r, cy.Pct, yTo, yCell, prefix+"_YoY", "% change of "+m.Label()+" on "+year.Label())
		yRateTo, yRateFrom := "", ""
		if yTo != "" && yCell != "" && cy.To.Days > 0 && cy.From.Days > 0 {
			yRateTo, yRateFrom = fmt.Sprintf("(%s/%d)", yTo, cy.To.Days), fmt.Sprintf("(%s/%d)", yCell, cy.From.Days)
		}
		wb.summaryChange(s, scYoYRatePct, r, cy.PerDayPct, yRateTo, yRateFrom, "", "")
		s.text(scYoYVerdict, r, xlVerdict(cy.Verdict), st.verdictStyle(cy.Verdict, false, st.text))
		s.textNoFit(scBasis, r, cp.Basis, st.small)
		s.height(r, 26)
		for _, w := range cp.Warnings {
			s.note(scPct, r, fmt.Sprintf("%s, %s on %s: %v", m.Label(), mo.Label(), prev.Label(), w))
		}
		for _, w := range cy.Warnings {
			s.note(scYoYPct, r, fmt.Sprintf("%s, %s on %s: %v", m.Label(), mo.Label(), year.Label(), w))
		}
		sentences = append(sentences, cp.Sentence, cy.Sentence)
		r++
	}
	r++
	s.text(1, r, "In words", st.subtitle)
	r++
	for _, sen := range sentences {
		s.merge(1, r, scLast, r)
		s.textNoFit(1, r, sen, st.wrap)
		// About 210 characters fit on a line across the merged cells.
		s.height(r, xlRowHeight(sen, 210))
		r++
	}
	r++
	s.textNoFit(1, r, "Changes compare per-day rates, because months differ in length. ~ means the interval contains no change: the difference is within what chance alone produces. A change between figures published as \"at least\" is a change in recorded casualties. Details on the About sheet; warnings on the Notes sheet.", st.small)
	s.merge(1, r, scLast, r)
	s.height(r, 30)
	r += 2
	wb.addCharts(s, r)
	s.maxW = 16
	min := map[int]float64{scMetric: 26, scVerdict: 19, scYoYVerdict: 19}
	for c := scCount; c < scBasis; c++ {
		min[c] = max(min[c], 11) // headers wrap in two or three lines
	}
	s.finish(min)
	if s.err == nil {
		s.err = wb.f.SetColWidth(s.name, xlColName(scBasis), xlColName(scBasis), 48)
	}
}

// summaryCount writes the count of figure f (metric m, month mo) and
// returns its cell, or writes "no figure" with the gap's reason as a note
// and returns "". The count is a lookup on Monthly when Monthly shows the
// same figure, else the value with a note on its vintage.
func (wb *Workbook) summaryCount(s *xlSheet, col, r int, m data.Metric, mo data.Month, f stats.Figure, gap *stats.GapError, style int) string {
	if !f.Complete() {
		s.text(col, r, "no figure", wb.st.warn)
		why := fmt.Sprintf("no %s figure for %s: a gap, never a zero", m.Label(), mo.Label())
		if g := stats.Gap(wb.ds, wb.area, m, mo); g != nil {
			why = g.Error()
		} else if gap != nil {
			why = gap.Error()
		}
		s.note(col, r, why)
		return ""
	}
	cell := xlRef(col, r)
	if p := wb.monthly.series[m].At(mo); p.Present && p.Value == f.Count && p.Days == f.Days {
		s.formula(col, r, wb.monthly.lookup(m, mo), float64(f.Count), style)
		return cell
	}
	s.int(col, r, f.Count, style)
	s.note(col, r, fmt.Sprintf("%s %s as published in %s (%s%d), compared like with like; Monthly shows its latest vintage.",
		xlMetricHeader(m), mo.Label(), f.Published, f.Qualifier.Words(), f.Count))
	return cell
}

// summaryChange writes a stats percentage as a live formula over the two
// cells (to/from − 1) when both are there, else as a stored value, or
// why there is none.
func (wb *Workbook) summaryChange(s *xlSheet, col, r int, v stats.Value, to, from, name, comment string) {
	if !v.Valid {
		s.textNoFit(col, r, naCell(v.Why), wb.st.na)
		return
	}
	if to != "" && from != "" {
		s.formula(col, r, fmt.Sprintf("%s/%s-1", to, from), v.V/100, wb.st.pct)
	} else {
		s.float(col, r, v.V/100, wb.st.pct)
	}
	if name != "" {
		s.define(name, col, r, comment)
	}
}

// xlDefinedPrefix is a metric as the start of a defined name:
// "Killed", "Children_killed".
func xlDefinedPrefix(m data.Metric) string {
	l := strings.ReplaceAll(m.Label(), " ", "_")
	return strings.ToUpper(l[:1]) + l[1:]
}
