package workbook

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// xlMonthlyLayout records where the Monthly sheet put each month and metric,
// so that formulas and charts elsewhere can point at the figures.
type xlMonthlyLayout struct {
	months  []data.Month
	row     map[data.Month]int
	col     map[data.Metric]int
	metrics []data.Metric
	series  map[data.Metric]data.Series
	first   int // first data row
	last    int // last data row
}

const (
	mcLabel      = 1 // text month label: chart categories
	mcPeriod     = 2 // YYYY-MM, sorts as text
	mcDays       = 3 // calendar days in the month
	mcFirstCount = 4
)

// monthlyMetrics lists the metrics shown on Monthly: killed, injured and
// casualties always; children and other breakdowns when the area has them.
// A derived metric follows its parts.
func (wb *Workbook) monthlyMetrics() []data.Metric {
	has := map[data.Metric]bool{}
	for _, o := range wb.cur.Obs {
		if o.Area == wb.area {
			has[o.Metric] = true
		}
	}
	out := []data.Metric{data.Killed, data.Injured, data.Casualties}
	if has[data.ChildrenKilled] || has[data.ChildrenInjured] {
		out = append(out, data.ChildrenKilled, data.ChildrenInjured, data.ChildrenCasualties)
	}
	for _, m := range data.StoredMetrics {
		if !has[m] {
			continue
		}
		switch m {
		case data.Killed, data.Injured, data.ChildrenKilled, data.ChildrenInjured:
			continue
		}
		out = append(out, m)
	}
	return out
}

func xlMetricHeader(m data.Metric) string {
	switch m {
	case data.Casualties:
		return "Casualties (killed + injured)"
	case data.ChildrenCasualties:
		return "Child casualties (killed + injured)"
	}
	l := m.Label()
	return strings.ToUpper(l[:1]) + l[1:]
}

// writeMonthly writes the figures, one row per month: an Excel Table with
// a frozen header. A month with no figure is a blank cell, never a zero.
// Casualties are live sums of killed and injured.
func (wb *Workbook) writeMonthly(s *xlSheet) {
	st := wb.st
	lay := &xlMonthlyLayout{row: map[data.Month]int{}, col: map[data.Metric]int{}, series: map[data.Metric]data.Series{}}
	wb.monthly = lay
	lay.metrics = wb.monthlyMetrics()
	var first, last data.Month
	for _, m := range lay.metrics {
		ser := wb.cur.Series(wb.area, m)
		lay.series[m] = ser
		if len(ser.Points) == 0 {
			continue
		}
		a, b := ser.Points[0].Month, ser.Points[len(ser.Points)-1].Month
		if first.IsZero() || a.Before(first) {
			first = a
		}
		if last.IsZero() || last.Before(b) {
			last = b
		}
	}
	for m := first; !last.Before(m); m = m.Add(1) {
		lay.months = append(lay.months, m)
	}
	headers := []string{"Month", "Period", "Days in month"}
	for i, m := range lay.metrics {
		lay.col[m] = mcFirstCount + i
		headers = append(headers, xlMetricHeader(m))
	}
	colQual := mcFirstCount + len(lay.metrics)
	headers = append(headers, "Qualifier", "Part-month figures", "Publication", "Published", "Source", "Notes")
	s.headers(1, headers)
	lay.first = 2
	coverages := map[data.Metric]func(data.Month) stats.Coverage{} // series made once
	for _, m := range lay.metrics {
		if m.Derived() {
			coverages[m] = stats.Coverages(wb.cur, wb.area, m)
		}
	}
	for i, mo := range lay.months {
		r := lay.first + i
		lay.row[mo] = r
		s.text(mcLabel, r, mo.Short(), st.text)
		s.text(mcPeriod, r, mo.String(), st.text)
		s.int(mcDays, r, int64(mo.Days()), st.count)
		var figs []data.Observation // the stored figures on this row
		mixed := map[data.Metric]stats.Coverage{}
		for _, m := range lay.metrics {
			c := lay.col[m]
			p := lay.series[m].At(mo)
			if !p.Present {
				if m == data.Killed || m == data.Injured {
					s.note(c, r, fmt.Sprintf("No %s figure for %s: the cell is blank, not zero, and no change or rolling mean is computed across it.", m.Label(), mo.Label()))
				}
				continue
			}
			if parts := m.Parts(); len(parts) > 0 {
				// A live sum of the cells to the left when it adds the very
				// figures they show. When the parts cover different days
				// (June 2023: killed for the whole month, injured for 1-18
				// June), the sum is over the days they share
				// (stats.CoverageOf), which the cells do not show: then the
				// value, never a sum over different days, with the note.
				cv := coverages[m](mo)
				pc := []string{}
				ok := !cv.Mixed && len(p.Sources) == len(parts)
				for i, part := range parts {
					pp := lay.series[part].At(mo)
					if _, in := lay.col[part]; !in || !pp.Present || !ok || !sameFigure(p.Sources[i], pp.Sources) {
						ok = false
					}
					pc = append(pc, xlRef(lay.col[part], r))
				}
				if ok {
					s.formula(c, r, strings.Join(pc, "+"), float64(p.Value), st.countStyle(p.Qualifier))
				} else {
					s.int(c, r, p.Value, st.countStyle(p.Qualifier))
					if cv.Mixed {
						mixed[m] = cv
						s.note(c, r, fmt.Sprintf("%s %s: %s; not a sum of the cells to its left, which cover different days.", xlMetricHeader(m), mo.Label(), cv.Note()))
					} else {
						var terms []string
						for _, o := range p.Sources {
							terms = append(terms, fmt.Sprintf("%s%d %s", o.Qualifier.Words(), o.Value, o.Metric.Label()))
						}
						s.note(c, r, fmt.Sprintf("%s %s: %s = %s; not a live sum of the cells to its left, which show other figures for its parts.",
							xlMetricHeader(m), mo.Label(), strings.Join(terms, " + "), stats.FormatCount(p.Value)))
					}
				}
				continue
			}
			s.int(c, r, p.Value, st.countStyle(p.Qualifier))
			figs = append(figs, p.Sources...)
			for _, o := range p.Sources {
				if o.PartMonth() {
					s.note(c, r, fmt.Sprintf("%s %s covers only %s (%d days); per-day rates divide by those days.", xlMetricHeader(m), mo.Label(), o.Covers(), o.Days()))
				}
			}
		}
		wb.writeProvenance(s, colQual, r, figs, mixed)
	}
	lay.last = lay.first + len(lay.months) - 1
	s.table("Monthly", 1, 1, len(headers), lay.last)
	s.freeze(1, 1)
	// "Child casualties (killed + injured)" wraps to four lines.
	s.height(1, 60)
	s.maxW = 50
	min := map[int]float64{mcLabel: 9}
	for _, m := range lay.metrics {
		min[lay.col[m]] = 10
	}
	s.finish(min)
	// Sources and notes are long: the printout stops at the publication
	// date; the sheet has them all.
	s.printArea(colQual+3, lay.last)
}

// writeProvenance writes the qualifier, part-month, publication, date,
// source and note columns of a Monthly row from the figures on it.
func (wb *Workbook) writeProvenance(s *xlSheet, col, r int, figs []data.Observation, mixed map[data.Metric]stats.Coverage) {
	st := wb.st
	if len(figs) == 0 {
		s.text(col, r, "no figure", st.text)
		return
	}
	s.text(col, r, qualifierSummary(figs), st.text)
	var covers, pubs, srcs, notes []string
	newest := figs[0].Published
	for _, o := range figs {
		if o.PartMonth() {
			covers = append(covers, fmt.Sprintf("%s %s", o.Metric.Label(), o.Covers()))
		}
		pubs = xlAppendUnique(pubs, o.Published.Name)
		srcs = xlAppendUnique(srcs, o.Source)
		notes = xlAppendUnique(notes, o.Note)
		if newest.Before(o.Published) {
			newest = o.Published
		}
	}
	// A row whose parts cover different days says which is whole-month
	// and which partial, so none is read as covering the other's days.
	var marks []string
	for _, m := range wb.monthly.metrics {
		cv, ok := mixed[m]
		if !ok {
			continue
		}
		for _, pc := range cv.Parts {
			switch {
			case !pc.Own.Present:
				marks = xlAppendUnique(marks, pc.Metric.Label()+": no figure")
			case pc.Whole():
				marks = xlAppendUnique(marks, pc.Metric.Label()+": whole month")
			default:
				marks = xlAppendUnique(marks, fmt.Sprintf("%s: partial, %s", pc.Metric.Label(), pc.Own.Sources[0].Covers()))
			}
		}
	}
	if len(marks) > 0 {
		covers = marks
	}
	s.text(col+1, r, strings.Join(covers, "; "), st.text)
	// The newest publication names the row; Revisions lists every one.
	pub := newest.Name
	if len(pubs) > 1 {
		pub += fmt.Sprintf(" (and %d earlier)", len(pubs)-1)
	}
	s.text(col+2, r, pub, st.text)
	s.text(col+3, r, newest.Date.String(), st.text)
	s.text(col+4, r, strings.Join(srcs, " ; "), st.text)
	s.text(col+5, r, strings.Join(notes, " | "), st.text)
}

// xlQualifier is the qualifier as a cell: "at least", "about", "exact".
func xlQualifier(q data.Qualifier) string {
	if w := strings.TrimSpace(q.Words()); w != "" {
		return w
	}
	return "exact"
}

func xlAppendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// qualifierSummary says what a row's figures claim: "at least" or "exact"
// when all agree, else the figures that are not exact ("at least:
// injured; others exact"). Each count's format shows ≥ as well.
func qualifierSummary(figs []data.Observation) string {
	same := true
	for _, o := range figs {
		if o.Qualifier != figs[0].Qualifier {
			same = false
		}
	}
	if same {
		return xlQualifier(figs[0].Qualifier)
	}
	var parts []string
	for _, q := range []data.Qualifier{data.AtLeast, data.Approx} {
		var ms []string
		for _, o := range figs {
			if o.Qualifier == q {
				ms = append(ms, o.Metric.Label())
			}
		}
		if len(ms) > 0 {
			parts = append(parts, xlQualifier(q)+": "+strings.Join(ms, ", "))
		}
	}
	return strings.Join(parts, "; ") + "; others exact"
}

// sameFigure reports whether o is the one figure behind a shown cell.
func sameFigure(o data.Observation, shown []data.Observation) bool {
	return len(shown) == 1 && shown[0].Value == o.Value && shown[0].FromDay == o.FromDay &&
		shown[0].ToDay == o.ToDay && shown[0].Published == o.Published
}

// lookup is a formula term for metric m in month mo on Monthly, found by
// its Period ("2025-03") rather than by its row, so that sorting or
// filtering Monthly leaves every formula that uses it right:
// INDEX(Monthly!$D$2:$D$49,MATCH("2025-03",Monthly!$B$2:$B$49,0)).
func (lay *xlMonthlyLayout) lookup(m data.Metric, mo data.Month) string {
	return fmt.Sprintf("INDEX(%s,MATCH(\"%s\",%s,0))",
		xlAbsRange("Monthly", lay.col[m], lay.first, lay.last), mo, xlAbsRange("Monthly", mcPeriod, lay.first, lay.last))
}

// sumThrough is a formula summing metric m on Monthly over the months
// from..to, found by Period (text compares in calendar order), not by row.
func (lay *xlMonthlyLayout) sumThrough(m data.Metric, from, to data.Month) string {
	per := xlAbsRange("Monthly", mcPeriod, lay.first, lay.last)
	return fmt.Sprintf("SUMPRODUCT((%s>=\"%s\")*(%s<=\"%s\"),%s)", per, from, per, to,
		xlAbsRange("Monthly", lay.col[m], lay.first, lay.last))
}
