package workbook

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// xlTrendLayout records where the Trends sheet put each metric's block.
type xlTrendLayout struct {
	metrics  []data.Metric
	start    map[data.Metric]int // first row of the metric's block
	trends   map[data.Metric]*stats.Trend
	colCount int
	colRate  int
	colCum   int
}

// row is the Trends row of metric m in month mo.
func (t *xlTrendLayout) row(m data.Metric, mo, first data.Month) int {
	return t.start[m] + mo.Index() - first.Index()
}

// xlTrendMetrics are the metrics the Trends sheet tabulates.
var xlTrendMetrics = []data.Metric{data.Killed, data.Injured, data.Casualties}

// Trends columns.
const (
	tcMonth = iota + 1
	tcMetric
	tcCount
	tcDays
	tcRate
	tcPct
	tcRatePct
	tcLow
	tcHigh
	tcWideLow
	tcWideHigh
	tcP
	tcVerdict
	tcYoY
	tcRolling // then one column per window, then cumulative, qualifier, provisional
)

// writeTrends writes one block of rows per metric, month by month over the
// Monthly sheet's months. Counts, per-day rates, changes, year-on-year
// changes, rolling means and cumulative totals are live formulas over
// Monthly, each written only where stats gives a valid value, and each
// checked to equal it. Intervals, p-values and verdicts are values: they
// are statistics, not arithmetic.
func (wb *Workbook) writeTrends(s *xlSheet) {
	st := wb.st
	lay := wb.monthly
	opt := wb.opt.Stats
	tl := &xlTrendLayout{start: map[data.Metric]int{}, trends: map[data.Metric]*stats.Trend{}, colCount: tcCount, colRate: tcRate}
	wb.trendLayout = tl
	level := fmt.Sprintf("%g%%", opt.Level*100)
	headers := []string{"Month", "Metric", "Count", "Days covered", "Per day",
		"Change on previous month", "Change in per-day rate",
		"Per-day change, " + level + " interval low", "Per-day change, " + level + " interval high",
		"Allowing for clustering, low", "Allowing for clustering, high",
		"p-value", "Verdict", "Change on same month a year before"}
	for _, w := range opt.Windows {
		headers = append(headers, fmt.Sprintf("%d-month mean", w))
	}
	colCum := tcRolling + len(opt.Windows)
	tl.colCum = colCum
	headers = append(headers, "Cumulative", "Qualifier", "Provisional")
	s.headers(1, headers)
	first := lay.months[0]
	last := lay.months[len(lay.months)-1]
	r := 2
	for _, m := range xlTrendMetrics {
		if len(lay.series[m].Points) == 0 {
			continue
		}
		t, err := stats.ComputeTrend(wb.ds, wb.area, m, first, last, opt)
		if err != nil {
			s.err = err
			return
		}
		tl.metrics = append(tl.metrics, m)
		tl.trends[m] = t
		tl.start[m] = r
		var seriesStart data.Month // the series' first month, for cumulative sums
		for i, row := range t.Rows {
			mo := row.Point.Month
			if mo != lay.months[i] {
				s.err = fmt.Errorf("trend row %d is %s, want %s", i, mo, lay.months[i])
				return
			}
			p := row.Point
			s.text(tcMonth, r, mo.Short(), st.text)
			s.text(tcMetric, r, m.Label(), st.text)
			// Every figure is looked up on Monthly by its month, and
			// every other cell uses this row's cells or such lookups,
			// never a neighbouring row: sorting or filtering either
			// sheet leaves the values right.
			// A gap leaves the count blank (the charts draw it as a gap,
			// where text would draw as zero) and says so beside it.
			if !p.Present {
				s.text(colCum+1, r, "no figure", st.warn)
			} else {
				if seriesStart.IsZero() {
					seriesStart = mo
				}
				s.formula(tcCount, r, lay.lookup(m, mo), float64(p.Value), st.countStyle(p.Qualifier))
				s.int(tcDays, r, int64(p.Days), st.count)
			}
			count := xlRef(tcCount, r)
			// The charts plot the rate and cumulative columns: a text cell
			// would draw as zero there, so invalid values stay blank.
			wb.chartFormula(s, tcRate, r, row.PerDay, 1, fmt.Sprintf("%s/%s", count, xlRef(tcDays, r)), st.rateStyle(p.Qualifier))
			if c := row.Prev; c != nil {
				prev := mo.Add(-1)
				prevDays := 0
				if i > 0 {
					prevDays = t.Rows[i-1].Point.Days
				}
				wb.valueFormula(s, tcPct, r, c.Pct, 100, fmt.Sprintf("%s/%s-1", count, lay.lookup(m, prev)), st.pct)
				wb.valueFormula(s, tcRatePct, r, c.PerDayPct, 100, fmt.Sprintf("%s/(%s/%d)-1", xlRef(tcRate, r), lay.lookup(m, prev), prevDays), st.pct)
				wb.interval(s, tcLow, r, c.CI)
				wb.interval(s, tcWideLow, r, c.CIOverdispersed)
				if c.P.Valid {
					s.float(tcP, r, c.P.V, st.p)
				}
				s.text(tcVerdict, r, xlVerdict(c.Verdict), st.verdictStyle(c.Verdict, false, st.text))
				for _, w := range c.Warnings {
					s.note(tcPct, r, fmt.Sprintf("%s, change on previous month: %v", m.Label(), w))
				}
			}
			wb.valueFormula(s, tcYoY, r, row.YoY, 100, fmt.Sprintf("%s/%s-1", count, lay.lookup(m, mo.Add(-12))), st.pct)
			for k, w := range opt.Windows {
				if k >= len(row.Rolling) {
					break
				}
				q := xlWindowQualifier(lay.series[m], mo, w)
				terms := make([]string, w)
				for j := range terms {
					terms[j] = lay.lookup(m, mo.Add(j-w+1))
				}
				wb.valueFormula(s, tcRolling+k, r, row.Rolling[k], 1,
					fmt.Sprintf("AVERAGE(%s)", strings.Join(terms, ",")), st.rateStyle(q))
			}
			if !seriesStart.IsZero() {
				wb.chartFormula(s, colCum, r, row.Cumulative, 1, lay.sumThrough(m, seriesStart, mo), st.countStyle(row.CumulativeQualifier))
			}
			if p.Present {
				s.text(colCum+1, r, xlQualifier(p.Qualifier), st.text)
			}
			if row.Provisional {
				s.text(colCum+2, r, "provisional", st.text)
			}
			r++
		}
		for _, w := range t.Warnings {
			s.note(tcCount, wb.trendRowOf(tl, m, w, first), fmt.Sprintf("%s: %v", m.Label(), w))
		}
	}
	s.table("Trends", 1, 1, len(headers), r-1)
	s.freeze(2, 1)
	s.height(1, 45)
	s.maxW = 16
	s.finish(map[int]float64{tcMonth: 9, tcMetric: 10})
}

// trendRowOf finds the row a trend warning is about from the month it
// names ("September 2023: no figure ..."), or the block's first row.
func (wb *Workbook) trendRowOf(tl *xlTrendLayout, m data.Metric, w error, first data.Month) int {
	msg := w.Error()
	for _, mo := range wb.monthly.months {
		if strings.HasPrefix(msg, mo.Label()+":") {
			return tl.row(m, mo, first)
		}
	}
	return tl.start[m]
}

// valueFormula writes a live formula when stats gives a valid value (whose
// value, divided by scale, the formula must equal: stats gives percentages
// as 49.8, a cell formatted as a percentage holds 0.498), or a short
// "n/a" with the reason when it does not.
func (wb *Workbook) valueFormula(s *xlSheet, col, r int, v stats.Value, scale float64, formula string, style int) {
	if !v.Valid {
		if t := naCell(v.Why); t != "" {
			s.textNoFit(col, r, t, wb.st.na)
		}
		return
	}
	s.formula(col, r, formula, v.V/scale, style)
}

// naCell is a short cell for a value stats could not give; the full
// reasons are on About (and, for warnings, on Notes). The first months of
// a rolling mean and months outside a series stay blank.
func naCell(why string) string {
	switch {
	case why == "", strings.HasPrefix(why, "fewer than"), strings.Contains(why, "outside the series"):
		return ""
	case strings.Contains(why, "no figure"):
		return "n/a: gap"
	case strings.Contains(why, "too few"):
		return "n/a: too few"
	case strings.Contains(why, "part"):
		return "n/a: part month"
	}
	return "n/a"
}

// chartFormula is valueFormula for a column a chart plots: an invalid
// value leaves the cell blank, which charts draw as a gap.
func (wb *Workbook) chartFormula(s *xlSheet, col, r int, v stats.Value, scale float64, formula string, style int) {
	if v.Valid {
		s.formula(col, r, formula, v.V/scale, style)
	}
}

// interval writes an interval of the rate ratio as per-day % changes
// (ratio − 1), the way the verdict reads it.
func (wb *Workbook) interval(s *xlSheet, col, r int, ci stats.Interval) {
	if !ci.Valid {
		return
	}
	s.float(col, r, ci.Low-1, wb.st.pct)
	s.float(col+1, r, ci.High-1, wb.st.pct)
}

// xlVerdict is a verdict as a cell: "↑ rise", "~ no clear change".
func xlVerdict(v stats.Verdict) string {
	if sym := v.Symbol(); sym != "" {
		return sym + " " + v.String()
	}
	return v.String()
}

// xlWindowQualifier is the qualifier of a mean over the w months ending
// with mo: a lower bound when any month in it is.
func xlWindowQualifier(s data.Series, mo data.Month, w int) data.Qualifier {
	q := data.Exact
	for i := 0; i < w; i++ {
		if p := s.At(mo.Add(-i)); p.Present {
			q = q.Combine(p.Qualifier)
		}
	}
	return q
}
