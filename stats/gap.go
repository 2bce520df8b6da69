package stats

import (
	"fmt"
	"sort"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// GapReason says why a month has no figure.
type GapReason int

const (
	// NotPublished: the month lies within the data but no figure was
	// published for it (HRMMU gave none for September 2023).
	NotPublished GapReason = iota
	// NotYetPublished: the data are seen as of a date (data.Dataset.AsOf)
	// and the month's figure came out later.
	NotYetPublished
	// AfterEnd: the month is after the last month of the data.
	AfterEnd
	// BeforeStart: the month is before the first month of the data.
	BeforeStart
	// PartsMissing: a derived metric (casualties) has some parts published
	// for the month but not all, and half a sum is not a total.
	PartsMissing
	// NoCommonDays: every part has a figure, but they cover different days
	// of the month, and a sum must cover the same days.
	NoCommonDays
)

// GapError is the refusal to compute anything over a month with no
// figure: a gap is never a zero. It says which month, which figure and
// why there is none, so that a reader can tell a month never published
// from one published after the date the data are seen as of, or from a
// month beyond the end of the data.
type GapError struct {
	Area     string // area code
	AreaName string // the area for people ("Ukraine")
	Metric   data.Metric
	Month    data.Month
	Reason   GapReason
	// Bound is the first month of the data (BeforeStart) or the last
	// (AfterEnd).
	Bound data.Month
	// AsOf is the date the data are seen as of (NotYetPublished) and
	// FirstPublished the publication that first gave the month after it.
	AsOf           data.Date
	FirstPublished data.Publication
	// Given and NotGiven are the parts of a derived metric with and
	// without a figure (PartsMissing), or the parts whose days differ
	// (NoCommonDays, in Given, with Covers their days).
	Given, NotGiven []data.Metric
	Covers          []string
	// Other lists the other months of the same period that have no figure
	// either.
	Other []data.Month
}

func (e *GapError) Error() string {
	what := fmt.Sprintf("%s in %s", e.Metric.Label(), e.AreaName)
	var s string
	switch e.Reason {
	case NotYetPublished:
		s = fmt.Sprintf("no figure for %s as of %s: %s was first published on %s (%s), after that date (%s)",
			e.Month.Label(), e.AsOf.Label(), e.Month.Label(), e.FirstPublished.Date.Label(), e.FirstPublished.Name, what)
		if e.FirstPublished.Date.IsZero() {
			s = fmt.Sprintf("no figure for %s as of %s: it was published later, in %s (%s)",
				e.Month.Label(), e.AsOf.Label(), e.FirstPublished, what)
		}
	case AfterEnd:
		s = fmt.Sprintf("no figure for %s: the data end with %s (%s)", e.Month.Label(), e.Bound.Label(), what)
		if !e.AsOf.IsZero() {
			s = fmt.Sprintf("no figure for %s: the data as of %s end with %s (%s)", e.Month.Label(), e.AsOf.Label(), e.Bound.Label(), what)
		}
	case BeforeStart:
		s = fmt.Sprintf("no figure for %s: the data begin with %s (%s)", e.Month.Label(), e.Bound.Label(), what)
	case PartsMissing:
		s = fmt.Sprintf("no %s figure for %s in %s: %s %s published for it but %s %s not, and half a sum is not a total",
			e.Metric.Label(), e.Month.Label(), e.AreaName, metricList(e.Given), wasWere(len(e.Given)), metricList(e.NotGiven), wasWere(len(e.NotGiven)))
	case NoCommonDays:
		var parts []string
		for i, m := range e.Given {
			parts = append(parts, m.Label()+" "+e.Covers[i])
		}
		s = fmt.Sprintf("no %s figure for %s in %s: its parts cover different days (%s), and a sum must cover the same days",
			e.Metric.Label(), e.Month.Label(), e.AreaName, strings.Join(parts, ", "))
	default:
		s = fmt.Sprintf("no figure published for %s (%s): a gap, which is never counted as zero", e.Month.Label(), what)
	}
	if len(e.Other) > 0 {
		var ms []string
		for _, m := range e.Other {
			ms = append(ms, m.Label())
		}
		s += "; nor for " + strings.Join(ms, ", ")
	}
	return s
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func metricList(ms []data.Metric) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.Label()
	}
	return strings.Join(s, " and ")
}

// Gap explains why month mo has no figure for an area's metric in ds:
// nil when it has one (whole or part-month). Compare and ComputeTrend
// return its error rather than compute over the month; renderers that
// show a gap can use it to say why.
func Gap(ds *data.Dataset, area string, m data.Metric, mo data.Month) *GapError {
	if area == "" {
		area = ds.NationalCode()
	}
	s := ds.Latest().Series(area, m)
	if s.At(mo).Present {
		return nil
	}
	e := &GapError{Area: area, AreaName: ds.AreaName(area), Metric: m, Month: mo}
	if whole, asOf, ok := ds.Unpublished(); ok {
		e.AsOf = asOf
		if pub, ok := firstPublished(whole, asOf, area, m, mo); ok {
			e.Reason, e.FirstPublished = NotYetPublished, pub
			return e
		}
	}
	switch {
	case len(s.Points) == 0:
		// Nothing at all for the area and metric: say what there is not.
		e.Reason = NotPublished
	case s.Points[len(s.Points)-1].Month.Before(mo):
		e.Reason, e.Bound = AfterEnd, s.Points[len(s.Points)-1].Month
	case mo.Before(s.Points[0].Month):
		e.Reason, e.Bound = BeforeStart, s.Points[0].Month
	}
	if e.Reason != NotPublished || !m.Derived() {
		return e
	}
	var covers []string
	for _, p := range m.Parts() {
		pt := ds.Latest().Series(area, p).At(mo)
		if pt.Present {
			e.Given = append(e.Given, p)
			c := "whole month"
			if pt.PartMonth && len(pt.Sources) > 0 {
				c = pt.Sources[0].Covers()
			}
			covers = append(covers, c)
		} else {
			e.NotGiven = append(e.NotGiven, p)
		}
	}
	switch {
	case len(e.Given) > 0 && len(e.NotGiven) > 0:
		e.Reason = PartsMissing
	case len(e.Given) > 0:
		e.Reason, e.Covers = NoCommonDays, covers
	}
	return e
}

// firstPublished finds the earliest publication after asOf from which
// month mo of the area's metric has a figure (every part of a derived
// one).
func firstPublished(whole *data.Dataset, asOf data.Date, area string, m data.Metric, mo data.Month) (data.Publication, bool) {
	if !whole.Latest().Series(area, m).At(mo).Present {
		return data.Publication{}, false
	}
	var cands []data.Publication
	seen := map[data.Publication]bool{}
	for _, o := range whole.Obs {
		if o.Area == area && o.Month == mo && o.Published.Date.After(asOf.Time) && !seen[o.Published] {
			seen[o.Published] = true
			cands = append(cands, o.Published)
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].Before(cands[j]) })
	for _, p := range cands {
		if whole.AsOf(p.Date).Latest().Series(area, m).At(mo).Present {
			return p, true
		}
	}
	return data.Publication{}, false
}

// checkPeriod returns the gap error for the first month of p with no
// figure in ds (the others listed in Other), or nil when every month has
// one.
func checkPeriod(ds *data.Dataset, area string, m data.Metric, p Period) *GapError {
	var first *GapError
	for mo := p.From; !p.To.Before(mo); mo = mo.Add(1) {
		if ds.Latest().Series(area, m).At(mo).Present {
			continue
		}
		if first == nil {
			first = Gap(ds, area, m, mo)
			continue
		}
		first.Other = append(first.Other, mo)
	}
	return first
}

// OverlapError is the refusal to compare two periods that share months: a
// month counted on both sides makes the two counts dependent, and the
// test of a change assumes they are not.
type OverlapError struct {
	From, To Period
	// Shared is the months the periods have in common.
	Shared Period
}

func (e *OverlapError) Error() string {
	if e.From == e.To {
		return fmt.Sprintf("%s is compared with itself; compare two periods that share no month", e.From.Label())
	}
	return fmt.Sprintf("%s and %s overlap (%s in both); compare two periods that share no month, since a month counted on both sides is not an independent change",
		e.From.Label(), e.To.Label(), e.Shared.Label())
}

// Overlap returns an *OverlapError when the periods share a month, nil
// otherwise.
func Overlap(from, to Period) error {
	lo, hi := from.From, from.To
	if lo.Before(to.From) {
		lo = to.From
	}
	if to.To.Before(hi) {
		hi = to.To
	}
	if hi.Before(lo) {
		return nil
	}
	return &OverlapError{From: from, To: to, Shared: Period{lo, hi}}
}
