package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// RunningTotal is the source's own total to date, headlined instead of a
// sum of monthly figures: a sum of months leaves out the months with no
// figure and early months' later revisions, and falls short of the total
// the source published (HRMMU to 31 January 2026: 15,172 killed, against
// 14,133 in the sum of its monthly figures, which misses three months).
type RunningTotal struct {
	// AsOf is the cut-off of the total; AtMonthEnd is false when it falls
	// before the end of the report month.
	AsOf data.Date
	// CutoffAssumed is true when the publication did not state the
	// cut-off and the date is inferred.
	CutoffAssumed bool
	AtMonthEnd    bool
	// Figures holds the totals of killed and injured given (a metric not
	// given is absent), with their qualifier.
	Figures   map[data.Metric]int64
	Qualifier data.Qualifier
	// Headline says the total: "HRMMU's own running total to 31 January
	// 2026: at least 15,172 civilians killed and at least 41,378 injured."
	Headline string
	// Sum says what the monthly figures add up to, as what it is: a sum
	// of the months that have a figure, below the running total.
	Sum string
	// Sources are the numbers of the totals' publications in
	// Report.Sources (killed's first; injured's when it differs).
	Sources []int
}

// runningTotal finds the source's published total to the end of the
// report month (as seen by the date the data are seen as of), for the
// national figures; nil when there is none.
func (r *Report) runningTotal() *RunningTotal {
	if r.Area != r.ds.NationalCode() {
		return nil
	}
	totals := r.ds.PublishedTotals()
	if _, asOf, ok := r.ds.Unpublished(); ok {
		totals = totals.PublishedBy(asOf)
	}
	t, atEnd, ok := totals.ToMonthEnd(r.Month, data.Killed)
	if !ok {
		return nil
	}
	rt := &RunningTotal{AsOf: t.AsOf, AtMonthEnd: atEnd, CutoffAssumed: t.CutoffAssumed, Figures: map[data.Metric]int64{}, Qualifier: t.Qualifier}
	var parts []string
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		tm, _, has := totals.ToMonthEnd(r.Month, m)
		if !has {
			continue
		}
		v := tm.Figures[m]
		who := m.Label()
		if len(parts) == 0 && r.wording.Kind == data.KindMission {
			who = "civilians " + who
		}
		part := txtCount(v, tm.Qualifier) + " " + who
		if !tm.AsOf.Equal(t.AsOf.Time) {
			// Injured last given with an older total: say to when.
			part += " (to " + tm.AsOf.Label() + ")"
		} else {
			rt.Figures[m] = v
		}
		parts = append(parts, part)
		if n := r.citeTotal(tm); n > 0 && !slices.Contains(rt.Sources, n) {
			rt.Sources = append(rt.Sources, n)
		}
	}
	cut := t.AsOf.Label()
	if t.CutoffAssumed {
		cut += " (a cut-off date assumed: the publication did not state it)"
	}
	rt.Headline = fmt.Sprintf("%s's own running total to %s: %s.", r.wording.Label(), cut, strings.Join(parts, " and "))
	rt.Sum = r.sumOfMonths(rt)
	return rt
}

// sumOfMonths says what the monthly figures of killed and injured add up
// to from the first month of the series to the report month, and which
// months it lacks: a sum of the months that have a figure, never a total.
func (r *Report) sumOfMonths(rt *RunningTotal) string {
	var parts []string
	var gaps []data.Month
	var first data.Month
	n := 0
	below := true // every sum is below its running total
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		s := r.latest.Series(r.Area, m)
		var present []data.Point
		var missing []data.Month
		for _, p := range s.Points {
			if r.Month.Before(p.Month) {
				break
			}
			if p.Present {
				present = append(present, p)
			} else {
				missing = append(missing, p.Month)
			}
		}
		if len(present) == 0 {
			continue
		}
		vals, quals := stats.Cumulative(present)
		last := len(vals) - 1
		sum := int64(vals[last].V)
		parts = append(parts, txtCount(sum, quals[last])+" "+m.Label())
		if tot, ok := rt.Figures[m]; !ok || sum >= tot {
			below = false
		}
		if m == data.Killed {
			gaps, first, n = missing, present[0].Month, len(present)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	s := fmt.Sprintf("The monthly figures in these data add up to %s over the %d months from %s to %s that have a figure",
		strings.Join(parts, " and "), n, first.Label(), r.Month.Label())
	if len(gaps) > 0 {
		s += fmt.Sprintf("; %s %s none", txtMonthList(gaps), hasHave(len(gaps)))
	}
	s += ". That sum is not a total: it counts only what the monthly figures give"
	if len(gaps) > 0 {
		s += ", and the months with none add nothing to it"
	}
	switch {
	case !rt.AtMonthEnd:
		s += fmt.Sprintf(", and it runs to the end of %s, past the running total's cut-off of %s", r.Month.Label(), rt.AsOf.Label())
	case below:
		s += ", so it is lower than the running total"
	}
	return s + "."
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// citeTotal numbers the publication of a running total among the
// sources, with the links it was read from.
func (r *Report) citeTotal(t data.Total) int {
	p := t.Published
	if p.IsZero() {
		return 0
	}
	if n, ok := r.srcIdx[p]; ok {
		return n
	}
	c := Citation{N: len(r.Sources) + 1, Name: p.Name, Date: p.Date.Label()}
	for _, l := range strings.Split(t.Source, ";") {
		if l = strings.TrimSpace(l); l != "" {
			c.Links = append(c.Links, l)
		}
	}
	if t.Note != "" {
		c.Notes = append(c.Notes, t.Note)
	}
	r.Sources = append(r.Sources, c)
	r.srcIdx[p] = c.N
	return c.N
}
