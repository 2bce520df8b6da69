package data

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// A cumulative series gives totals since a start date, one row per cut-off:
//
//	as_of,killed,injured,source
//	2024-03-31,10810,20556,https://kyivindependent.com/...
//	2024-04-30,10946,21154,https://unn.ua/...
//
// casualty turns it into monthly figures by differences, and only where the
// difference belongs to one calendar month, because nothing in a total says
// how a rise spread over the days between two cut-offs:
//
//   - Two cut-offs at consecutive month ends (31 March, 30 April) give the
//     whole of the later month: April 2024 killed = 10946 - 10810 = 136.
//   - Cut-offs inside a month give a part-month figure for the days between
//     them (FromDay-ToDay): from the end of January to 15 February is 1-15
//     February; from 10 to 24 April is 11-24 April. A month gets one figure,
//     from its earliest usable cut-off to its latest.
//   - A rise between cut-offs in different months with no month-end cut-off
//     between them (20 March to 10 April) is not split between the months:
//     it is left out, and a warning says so. The months stay gaps.
//   - The first cut-off is a baseline: the file does not say since when its
//     totals count, so nothing is derived before it.
//
// Every derived figure is marked Derived, its Note names the two rows it
// is the difference of (then the rows' own notes), its qualifier combines
// theirs (at least, if either total was: strictly, the difference of two
// lower bounds bounds nothing, but the "at least" wording must travel with
// figures that were minimums), and its publication and source are the
// later row's (the earlier row's source is added when it differs). A total
// that falls from one cut-off to the next is an error naming both rows:
// monitoring missions revise totals up, and a fall means a typo or a series
// restarted from a new start date. Two rows with the same cut-off (and
// area) are an error too: which one is the series? Blank cells are totals
// not given, not zeros. Differences between totals are not monthly counts
// in the strict sense: a backlog verified late lands in the month it was
// added (HRMMU added 902 killed at once in February 2023).

// cumRow is one cut-off: its date and the totals given.
type cumRow struct {
	row    tableRow
	date   time.Time
	area   string
	pub    Publication
	source string
	note   string
	vals   map[Metric]Observation
}

func loadCumulative(t *table, opt LoadOptions) (*Dataset, error) {
	errs := &ErrorList{Max: opt.MaxErrors}
	cols := t.columns()
	if !cols.has("as_of") {
		return nil, Errorf(t.hdrPos, "", "want an \"as_of\" column (the cut-off date of each total) in a cumulative file, got %q", strings.Join(t.header, ","))
	}
	ms := cols.metricCols()
	if len(ms) == 0 {
		return nil, unrecognisedHeader(t)
	}
	var ignored []error
	for _, k := range []string{"year", "period_end", "event_type"} {
		if i, has := cols[k]; has {
			ignored = append(ignored, Errorf(t.hdrPos, t.header[i],
				"not read: a cumulative series is read from its as_of dates and totals"))
		}
	}
	if si, has := cols["sub_area"]; has {
		return nil, Errorf(t.hdrPos, t.header[si],
			"the rows are admin-2 units; a cumulative series is read for admin-1 units or the country only: sum the rows first")
	}
	rr := &rowReader{t: t, opt: opt, cols: cols, errs: errs}
	var rows []cumRow
	for _, r := range t.rows {
		c, ok := rr.cumulativeRow(r, ms)
		if ok {
			rows = append(rows, c)
		}
	}
	if errs.Len() == 0 && len(rows) == 0 {
		errs.Add(Errorf(Pos{File: t.name}, "", "no figures: the file has a header but no rows of totals"))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	byArea := map[string][]cumRow{}
	var areas []string
	for _, c := range rows {
		if _, ok := byArea[c.area]; !ok {
			areas = append(areas, c.area)
		}
		byArea[c.area] = append(byArea[c.area], c)
	}
	sort.Slice(areas, func(i, j int) bool { return areaLess(areas[i], areas[j]) })
	for _, a := range areas {
		rs := byArea[a]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].date.Before(rs[j].date) })
		for i := 1; i < len(rs); i++ {
			if rs[i].date.Equal(rs[i-1].date) {
				errs.Add(Errorf(t.rowPos(rs[i].row), "",
					"%s %s is given twice, here and at %s; a cumulative series has one total per cut-off (put other sources in another file)",
					a, rs[i].date.Format("2006-01-02"), t.rowPos(rs[i-1].row)))
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var obs []Observation
	var warnings []error
	for _, a := range areas {
		rs := byArea[a]
		if len(rs) > 0 {
			warnings = append(warnings, Errorf(t.rowPos(rs[0].row), "",
				"%s totals as of %s are the baseline: nothing is derived before them (the file does not say since when they count)",
				a, rs[0].date.Format("2006-01-02")))
		}
		for _, m := range ms {
			var series []cumRow
			for _, c := range rs {
				if _, ok := c.vals[m]; ok {
					series = append(series, c)
				}
			}
			o, w := differences(t, a, m, series, errs)
			obs = append(obs, o...)
			warnings = append(warnings, w...)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	ds, err := withUnread(t, cols, opt.areas())(finish(t.name, obs, opt, errs))
	if err != nil {
		return nil, err
	}
	ds.Warnings = append(append(ignored, warnings...), ds.Warnings...)
	return ds, nil
}

// cumulativeRow reads one row of totals. ok is false when a cell was bad.
func (rr *rowReader) cumulativeRow(r tableRow, ms []Metric) (c cumRow, ok bool) {
	ok = true
	c.row = r
	ds, _ := rr.get(r, "as_of")
	d, err := ParseDate(ds)
	if err != nil {
		rr.fail(r, "as_of", err)
		ok = false
	}
	c.date = d.Time
	if code, aok := rr.readArea(r); aok {
		c.area = code
	} else {
		ok = false
	}
	c.pub = rr.opt.Publication
	if ps, has := rr.get(r, "published"); has && strings.TrimSpace(ps) != "" {
		pd, err := ParseDate(ps)
		if err != nil {
			rr.fail(r, "published", err)
			ok = false
		} else if ok && pd.Before(d.Time) {
			rr.fail(r, "published", fmt.Errorf("want a publication date on or after the cut-off %s, got %s", d, pd))
			ok = false
		}
		c.pub.Date = pd
	}
	if pn, has := rr.get(r, "publication"); has && strings.TrimSpace(pn) != "" {
		c.pub.Name = strings.TrimSpace(pn)
	}
	c.source, _ = rr.get(r, "source")
	c.source = strings.TrimSpace(c.source)
	c.note, _ = rr.get(r, "note")
	c.note = strings.TrimSpace(c.note)
	c.vals = map[Metric]Observation{}
	for _, m := range ms {
		col := "metric:" + string(m)
		if s, _ := rr.get(r, col); strings.TrimSpace(s) == "" {
			continue // not given, not zero
		}
		var o Observation
		if !rr.count(r, col, &o) {
			ok = false
			continue
		}
		if o.HasRange {
			rr.fail(r, col, fmt.Errorf("want one total, got the range %q; a range cannot be differenced", o.Text))
			ok = false
			continue
		}
		c.vals[m] = o
	}
	if !ok {
		return c, false
	}
	for m, o := range c.vals {
		if p, has := c.vals[m.Parent()]; has && o.Value > p.Value {
			rr.errs.Add(Errorf(o.Pos, "", "%s total (%d) is above %s total (%d at %s) as of %s",
				m, o.Value, m.Parent(), p.Value, p.Pos, d))
			ok = false
		}
	}
	return c, ok
}

// differences turns one area's series of totals for metric m (sorted by
// date, blank cells left out) into monthly and part-month figures, as
// loadCumulative's comment describes.
func differences(t *table, area string, m Metric, s []cumRow, errs *ErrorList) ([]Observation, []error) {
	var warnings []error
	type span struct{ from, to int } // indexes into s
	spans := map[Month]*span{}
	var months []Month
	for i := 1; i < len(s); i++ {
		a, b := s[i-1], s[i]
		va, vb := a.vals[m], b.vals[m]
		if vb.Value < va.Value {
			errs.Add(Errorf(vb.Pos, "",
				"cumulative %s falls from %d as of %s (%s) to %d as of %s; a total since a start date cannot fall: check both rows (a typo, or a series restarted?)",
				m, va.Value, a.date.Format("2006-01-02"), va.Pos, vb.Value, b.date.Format("2006-01-02")))
			continue
		}
		ma, mb := MonthOf(a.date), MonthOf(b.date)
		within := ma == mb || (isMonthEnd(a.date) && mb == ma.Add(1))
		if !within {
			warnings = append(warnings, Errorf(vb.Pos, "",
				"%s %s rose by %d from %s (%s) to %s with no cut-off at a month's end between them; the rise is not split between months (left as a gap)",
				area, m, vb.Value-va.Value, a.date.Format("2006-01-02"), t.rowPos(a.row), b.date.Format("2006-01-02")))
			continue
		}
		if sp, ok := spans[mb]; ok && sp.to == i-1 {
			sp.to = i
			continue
		}
		spans[mb] = &span{i - 1, i}
		months = append(months, mb)
	}
	var obs []Observation
	for _, mo := range months {
		sp := spans[mo]
		a, b := s[sp.from], s[sp.to]
		va, vb := a.vals[m], b.vals[m]
		o := Observation{
			Month: mo, Area: area, Metric: m, Value: vb.Value - va.Value,
			Qualifier: va.Qualifier.Combine(vb.Qualifier),
			Published: b.pub, Source: b.source, Derived: true, Pos: vb.Pos, Text: vb.Text,
		}
		if b.pub.Before(a.pub) {
			o.Published = a.pub
		}
		if a.source != "" && a.source != b.source {
			o.Source = joinNonEmpty("; ", b.source, a.source)
		}
		if MonthOf(a.date) == mo {
			o.FromDay = a.date.Day() + 1
		} else {
			o.FromDay = 1
		}
		o.ToDay = b.date.Day()
		if o.FromDay == 1 && o.ToDay == mo.Days() {
			o.FromDay, o.ToDay = 0, 0
		}
		o.Note = fmt.Sprintf("derived: cumulative %s %d as of %s (%s) minus %d as of %s (%s)",
			m, vb.Value, b.date.Format("2006-01-02"), t.rowPos(b.row), va.Value, a.date.Format("2006-01-02"), t.rowPos(a.row))
		notes := b.note
		if a.note != b.note {
			notes = joinNonEmpty("; ", b.note, a.note)
		}
		o.Note = joinNonEmpty("; ", o.Note, notes)
		obs = append(obs, o)
	}
	return obs, warnings
}

// isMonthEnd reports whether d is the last day of its month.
func isMonthEnd(d time.Time) bool { return d.AddDate(0, 0, 1).Day() == 1 }

func joinNonEmpty(sep string, s ...string) string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return strings.Join(out, sep)
}
