package stats

import (
	"fmt"

	"github.com/casualty-tool/casualty/data"
)

// ComputeTrend tabulates one area's metric month by month from from to to
// (zero months: the whole series), using each month's latest vintage (the
// current estimate of every month).
//
// Each row has the month's figure and per-day rate (count ÷ days covered),
// the change on the previous month (see Between; the dispersion from the
// opt.DispersionMonths months ending with the row's month), the change on
// the same month a year earlier (raw counts, no % on a base below
// opt.MinBase), rolling means (see Rolling) and the cumulative total since
// the first month of the series (see Cumulative). Nothing is interpolated:
// a gap is a row with no figure, and every figure depending on it is
// invalid with the reason. Slope is fitted over the last opt.TrendMonths
// rows.
//
// A gap within the series is a row with no figure (Point.Present false)
// and no change; a month asked for outside the series (before its first
// month, after its last, or published after the date the data are seen
// as of) is refused with a *GapError, and national figures asked of data
// that hold only areas' with a *NoNationalError (see Area).
func ComputeTrend(ds *data.Dataset, area string, m data.Metric, from, to data.Month, opt Options) (*Trend, error) {
	area, err := Area(ds, area)
	if err != nil {
		return nil, err
	}
	s := ds.Latest().Series(area, m)
	if len(s.Points) == 0 {
		return nil, noFigures(ds, area, m)
	}
	first, last := s.Points[0].Month, s.Points[len(s.Points)-1].Month
	if from.IsZero() {
		from = first
	}
	if to.IsZero() {
		to = last
	}
	if to.Before(from) {
		return nil, fmt.Errorf("--from %s is after --to %s", from, to)
	}
	// Months before or after every figure of the area are not rows of
	// gaps but outside the data: refused, saying why. Within the area's
	// data, a metric's missing month is a gap row.
	for _, mo := range []data.Month{from, to} {
		if err := InData(ds, area, m, mo); err != nil {
			return nil, err
		}
	}
	t := &Trend{Area: area, Metric: m, Options: opt, Wording: ds.Wording()}
	cum, cumQ := Cumulative(s.Points)
	rolling := make([][]Value, len(opt.Windows))
	for i, w := range opt.Windows {
		rolling[i] = Rolling(s.Points, w)
	}
	var coverage func(data.Month) Coverage
	if m.Derived() {
		coverage = Coverages(ds.Latest(), area, m)
	}
	for mo := from; !to.Before(mo); mo = mo.Add(1) {
		pt := s.At(mo)
		row := TrendRow{Point: pt}
		idx := mo.Index() - s.Points[0].Month.Index()
		inSeries := idx >= 0 && idx < len(s.Points)
		if pt.Present {
			row.PerDay = Value{V: pt.PerDay(), Valid: true}
			if pt.PartMonth {
				row.Warnings = append(row.Warnings, fmt.Errorf("the figure covers %d days, not the whole month; its per-day rate is over those days", pt.Days))
			}
			if m.Derived() {
				if cv := coverage(mo); cv.Mixed {
					row.Coverage = &cv
					row.Warnings = append(row.Warnings, fmt.Errorf("%s", cv.Note()))
				}
			}
			row.Provisional = provisional(ds, area, mo, pt.Published)
			if row.Provisional {
				row.Warnings = append(row.Warnings, fmt.Errorf("provisional: the newest month of its publication, not yet seen revised"))
			}
		} else {
			row.PerDay = noValue("no figure for " + mo.String())
			row.Gap = Gap(ds, area, m, mo)
			row.Warnings = append(row.Warnings, fmt.Errorf("no figure; nothing is interpolated"))
		}
		for _, w := range row.Warnings {
			t.Warnings = append(t.Warnings, fmt.Errorf("%s: %w", mo.Label(), w))
		}
		if inSeries && idx > 0 {
			prev := FigureOf(s, Period{mo.Add(-1), mo.Add(-1)})
			cur := FigureOf(s, Period{mo, mo})
			phi := Dispersion(trailing(s, mo, opt.DispersionMonths))
			c := Between(prev, cur, phi, opt)
			if c.Computed() {
				c.DispersionMonths = len(trailing(s, mo, opt.DispersionMonths))
			}
			row.Prev = &c
		}
		row.YoY = YearOnYear(s, mo, opt.MinBase)
		for i, w := range opt.Windows {
			if inSeries {
				row.Rolling = append(row.Rolling, rolling[i][idx])
				row.RollingQualifier = append(row.RollingQualifier, windowQualifier(s.Points, idx, w))
			} else {
				row.Rolling = append(row.Rolling, noValue("outside the series"))
				row.RollingQualifier = append(row.RollingQualifier, data.Exact)
			}
		}
		if inSeries {
			row.Cumulative, row.CumulativeQualifier = cum[idx], cumQ[idx]
		} else {
			row.Cumulative = noValue("outside the series")
		}
		t.Rows = append(t.Rows, row)
	}
	n := opt.TrendMonths
	if n <= 0 || n > len(t.Rows) {
		n = len(t.Rows)
	}
	var pts []data.Point
	for _, r := range t.Rows[len(t.Rows)-n:] {
		pts = append(pts, r.Point)
	}
	t.SlopeFrom, t.SlopeTo = pts[0].Month, pts[len(pts)-1].Month
	t.Slope, t.SlopeCI = Slope(pts, opt.Level)
	return t, nil
}

// YearOnYear is the % change of the count in month m on the same month a
// year earlier: (this - last) / last · 100, raw counts (both months have
// the same length except February in a leap year). Invalid when either
// month has no figure, either is part-month, or the base is below minBase.
func YearOnYear(s data.Series, m data.Month, minBase int64) Value {
	return pctChange(s.At(m.Add(-12)), s.At(m), minBase)
}

// pctChange is the raw % change from a to b, with the rules of YearOnYear.
func pctChange(a, b data.Point, minBase int64) Value {
	switch {
	case !a.Present:
		return noValue("no figure for " + a.Month.String())
	case !b.Present:
		return noValue("no figure for " + b.Month.String())
	case a.PartMonth || b.PartMonth:
		return noValue("a part-month figure is not compared with a whole month")
	case a.Value < minBase || a.Value == 0:
		return noValue(fmt.Sprintf("too few to compare: base %d is below %d", a.Value, max(minBase, 1)))
	}
	return Value{V: float64(b.Value-a.Value) / float64(a.Value) * 100, Valid: true}
}

// Rolling is the mean count over the w months ending with each point:
// (count_{i-w+1} + ... + count_i) / w. It is invalid for the first w-1
// months and for any window that holds a gap or a part-month figure (whose
// count is not a month's).
func Rolling(points []data.Point, w int) []Value {
	out := make([]Value, len(points))
	for i := range points {
		if w < 1 || i < w-1 {
			out[i] = noValue(fmt.Sprintf("fewer than %d months", w))
			continue
		}
		var sum int64
		ok := true
		for _, p := range points[i-w+1 : i+1] {
			switch {
			case !p.Present:
				out[i], ok = noValue("no figure for "+p.Month.String()), false
			case p.PartMonth:
				out[i], ok = noValue(p.Month.String()+" covers part of the month"), false
			}
			if !ok {
				break
			}
			sum += p.Value
		}
		if ok {
			out[i] = Value{V: float64(sum) / float64(w), Valid: true}
		}
	}
	return out
}

// windowQualifier is the qualifier of a mean over the w months ending at
// points[i]: a mean of counts of which one is a lower bound is itself a
// lower bound, so "at least" travels into rolling means.
func windowQualifier(points []data.Point, i, w int) data.Qualifier {
	q := data.Exact
	for j := max(0, i-w+1); j <= i && j < len(points); j++ {
		if points[j].Present {
			q = q.Combine(points[j].Qualifier)
		}
	}
	return q
}

// Cumulative is the running total from the first point: total_i =
// count_0 + ... + count_i, with the combined qualifier (a sum of lower
// bounds is a lower bound). A figure covering part of its month counts as
// a lower bound of that month, so the total from then on is "at least".
// From the first gap on it is invalid: a total missing a month is not a
// total. Totals are whole numbers held exactly in float64 (below 2^53).
func Cumulative(points []data.Point) ([]Value, []data.Qualifier) {
	vals := make([]Value, len(points))
	quals := make([]data.Qualifier, len(points))
	var sum int64
	q := data.Exact
	var gap string
	for i, p := range points {
		if gap == "" && !p.Present {
			gap = "no figure for " + p.Month.String()
		}
		if gap != "" {
			vals[i] = noValue(gap)
			continue
		}
		sum += p.Value
		q = q.Combine(p.Qualifier)
		if p.PartMonth {
			q = q.Combine(data.AtLeast)
		}
		vals[i] = Value{V: float64(sum), Valid: true}
		quals[i] = q
	}
	return vals, quals
}

// InData returns a *GapError when month mo lies outside the area's data
// (before its first month with any figure, after its last, or published
// only after the date the data are seen as of), nil when it lies within
// them, a gap or not. A command given a month to draw or tabulate checks
// it here: within the data a gap is shown as one, outside them there is
// nothing to show.
func InData(ds *data.Dataset, area string, m data.Metric, mo data.Month) error {
	a, err := Area(ds, area)
	if err != nil {
		return err
	}
	first, last := areaSpan(ds, a)
	if first.IsZero() || mo.Before(first) || last.Before(mo) {
		if g := Gap(ds, a, m, mo); g != nil {
			return g
		}
	}
	return nil
}

// areaSpan is the first and last month with any figure for the area.
func areaSpan(ds *data.Dataset, area string) (first, last data.Month) {
	n := 0
	for _, o := range ds.Obs {
		if o.Area != area {
			continue
		}
		if n == 0 || o.Month.Before(first) {
			first = o.Month
		}
		if n == 0 || last.Before(o.Month) {
			last = o.Month
		}
		n++
	}
	return first, last
}
