package stats

import (
	"fmt"
	"sort"

	"github.com/casualty-tool/casualty/data"
)

// Share is part as a percentage of whole: part / whole · 100. It is
// invalid when whole is 0, and when part exceeds whole (the figures
// disagree; a share above 100% would hide it).
func Share(part, whole int64) Value {
	switch {
	case whole <= 0:
		return noValue("no share of a total of 0")
	case part < 0 || part > whole:
		return noValue(fmt.Sprintf("%d is not part of %d", part, whole))
	}
	return Value{V: float64(part) / float64(whole) * 100, Valid: true}
}

// MetricShare is one metric as a percentage of another in one area and
// month, from the latest vintages: child casualties of all casualties,
// say. Both are read from the same view; it is invalid when either has no
// figure for the month, when either covers part of the month only (the
// two may cover different days), or as Share says. The qualifier is that
// of the part: a share of "at least" figures is a share of recorded
// casualties, not necessarily of all.
func MetricShare(ds *data.Dataset, area string, part, whole data.Metric, m data.Month) (Value, data.Qualifier) {
	latest := ds.Latest()
	p, w := latest.Series(area, part).At(m), latest.Series(area, whole).At(m)
	switch {
	case !p.Present:
		return noValue(fmt.Sprintf("no %s figure for %s", part.Label(), m)), data.Exact
	case !w.Present:
		return noValue(fmt.Sprintf("no %s figure for %s", whole.Label(), m)), data.Exact
	case p.PartMonth || w.PartMonth:
		return noValue(fmt.Sprintf("a %s figure covers part of the month only", m)), data.Exact
	}
	return Share(p.Value, w.Value), p.Qualifier.Combine(w.Qualifier)
}

// RankAreas ranks the areas (every area but the national total) by their
// count of metric in month, from the latest vintages, largest first; ties
// share a rank (1, 2, 2, 4). Share is each area's share of the national
// figure. Change is the raw % change on the previous month (no % on a
// base below opt.MinBase) and ChangeRank ranks the areas with a change,
// largest rise first (0 for the others). An area whose figure covers
// other days than the national one has no share. Warnings say when the national
// figure is missing or the areas add up to more than it.
func RankAreas(ds *data.Dataset, m data.Metric, month data.Month, opt Options) ([]AreaRank, []error) {
	latest := ds.Latest()
	nat := ds.NationalCode()
	var warns []error
	natPt := latest.Series(nat, m).At(month)
	if !natPt.Present {
		warns = append(warns, fmt.Errorf("%s: no national %s figure; shares are not given", month.Label(), m.Label()))
	}
	var out []AreaRank
	var sum int64
	for _, a := range latest.AreaCodes() {
		if a == nat {
			continue
		}
		s := latest.Series(a, m)
		pt := s.At(month)
		if !pt.Present {
			continue
		}
		r := AreaRank{Area: a, Count: pt.Value, Qualifier: pt.Qualifier}
		sum += pt.Value
		switch {
		case natPt.Present && (pt.PartMonth || natPt.PartMonth) && pt.Days != natPt.Days:
			// A share of figures over different days is no share.
			r.Share = noValue(fmt.Sprintf("the area's figure covers %d days, the national %d", pt.Days, natPt.Days))
		case natPt.Present:
			r.Share = Share(pt.Value, natPt.Value)
		default:
			r.Share = noValue("no national figure")
		}
		r.Change = pctChange(s.At(month.Add(-1)), pt, opt.MinBase)
		out = append(out, r)
	}
	if natPt.Present && sum > natPt.Value {
		warns = append(warns, fmt.Errorf("%s: the areas add up to %s %s, more than the national %s", month.Label(), FormatCount(sum), m.Label(), FormatCount(natPt.Value)))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Area < out[j].Area
	})
	for i := range out {
		if i > 0 && out[i].Count == out[i-1].Count {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	idx := make([]int, 0, len(out))
	for i, r := range out {
		if r.Change.Valid {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := out[idx[a]], out[idx[b]]
		if x.Change.V != y.Change.V {
			return x.Change.V > y.Change.V
		}
		return x.Area < y.Area
	})
	for k, i := range idx {
		if k > 0 && out[i].Change.V == out[idx[k-1]].Change.V {
			out[i].ChangeRank = out[idx[k-1]].ChangeRank
		} else {
			out[i].ChangeRank = k + 1
		}
	}
	return out, warns
}

// PeriodToDate returns the months January to m of m's year and the same
// months a year earlier: January–September 2025 against
// January–September 2024.
func PeriodToDate(m data.Month) (this, last Period) {
	this = Period{From: data.Month{Year: m.Year, Month: 1}, To: m}
	last = Period{From: this.From.Add(-12), To: m.Add(-12)}
	return this, last
}
