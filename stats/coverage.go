package stats

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Coverage is one month of an area's metric with the days each figure
// covers, so that every output can say the same thing about a month whose
// parts were published over different days. In June 2023 HRMMU's killed
// figure covers the whole month (186) but injured only 1–18 June (445);
// the sum, casualties, is given over the days both cover: 112 killed (as
// of 18 June) + 445 injured = 557 over 1–18 June, never 186 + 445, which
// covers no span of days.
type Coverage struct {
	Area   string
	Metric data.Metric
	Month  data.Month
	// Sum is the metric's figure for the month (data.Dataset.Series): for
	// a derived metric, the sum over the days every part covers, its
	// Sources the parts over those days. Present false when there is none
	// (see Gap).
	Sum data.Point
	// Parts holds, for a derived metric, each part both as the sum uses it
	// and as its own best figure; empty for a stored metric.
	Parts []PartCoverage
	// Mixed is true when some part's own figure covers other days than
	// the sum: a row must then show which parts are whole-month and which
	// partial, and give the sum only over the common days.
	Mixed bool
}

// PartCoverage is one part of a derived figure for a month.
type PartCoverage struct {
	Metric data.Metric
	// Own is the part's current figure on its own (data.Dataset.Latest
	// picks a whole-month figure over a part-month one): what a column of
	// that metric shows. Present false when the part has none.
	Own data.Point
	// InSum is the figure the sum adds for this part, over the sum's days
	// (Present false when there is no sum).
	InSum data.Point
}

// Whole reports whether the part's own figure covers the whole month.
func (p PartCoverage) Whole() bool { return p.Own.Present && !p.Own.PartMonth }

// CoverageOf returns month mo of an area's metric from view, a dataset
// with one figure per key (data.Dataset.Latest, FirstPublished or In), as
// the sum and its parts. Renderers that show a month's parts beside their
// sum (a report's headline and paragraphs, a workbook row) take both from
// here, so that they agree.
func CoverageOf(view *data.Dataset, area string, m data.Metric, mo data.Month) Coverage {
	return Coverages(view, area, m)(mo)
}

// Coverages is CoverageOf for many months of one area's metric: the series
// are made once (each is a pass over every figure), and the function it
// returns gives each month's coverage.
func Coverages(view *data.Dataset, area string, m data.Metric) func(data.Month) Coverage {
	if area == "" {
		area = view.NationalCode()
	}
	sum := view.Series(area, m)
	var parts []data.Series
	for _, pm := range m.Parts() {
		parts = append(parts, view.Series(area, pm))
	}
	return func(mo data.Month) Coverage { return coverageIn(area, m, sum, parts, mo) }
}

// coverageIn is month mo's coverage from the series of the sum and of its
// parts.
func coverageIn(area string, m data.Metric, sum data.Series, parts []data.Series, mo data.Month) Coverage {
	c := Coverage{Area: area, Metric: m, Month: mo, Sum: sum.At(mo)}
	for i, pm := range m.Parts() {
		pc := PartCoverage{Metric: pm, Own: parts[i].At(mo), InSum: data.Point{Month: mo}}
		if c.Sum.Present && i < len(c.Sum.Sources) {
			o := c.Sum.Sources[i]
			pc.InSum = data.Point{Month: mo, Present: true, Value: o.Value, Qualifier: o.Qualifier, Days: o.Days(),
				PartMonth: o.PartMonth(), Published: o.Published, Sources: []data.Observation{o}}
		}
		if pc.Own.Present && (!c.Sum.Present || pc.Own.Days != c.Sum.Days || pc.Own.PartMonth != c.Sum.PartMonth) {
			c.Mixed = true
		}
		c.Parts = append(c.Parts, pc)
	}
	return c
}

// Note says, for a mixed month, which parts cover the whole month and
// which part of it, and what the sum covers (June 2023):
//
//	killed for the whole month (186), injured for 1-18 Jun 2023 only
//	(445); casualties are summed over the days they share, 1-18 Jun 2023:
//	112 killed + 445 injured = 557
//
// It is "" when every figure covers the same days.
func (c Coverage) Note() string {
	if !c.Mixed {
		return ""
	}
	var parts []string
	for _, p := range c.Parts {
		switch {
		case !p.Own.Present:
			parts = append(parts, p.Metric.Label()+" with no figure")
		case p.Whole():
			parts = append(parts, fmt.Sprintf("%s for the whole month (%s%s)", p.Metric.Label(), p.Own.Qualifier.Words(), FormatCount(p.Own.Value)))
		default:
			parts = append(parts, fmt.Sprintf("%s for %s only (%s%s)", p.Metric.Label(), covers(p.Own), p.Own.Qualifier.Words(), FormatCount(p.Own.Value)))
		}
	}
	s := strings.Join(parts, ", ")
	if !c.Sum.Present {
		return s + "; no " + c.Metric.Label() + " figure, since its parts share no days"
	}
	var terms []string
	for _, p := range c.Parts {
		terms = append(terms, fmt.Sprintf("%s%s %s", p.InSum.Qualifier.Words(), FormatCount(p.InSum.Value), p.Metric.Label()))
	}
	span := "the whole month"
	if c.Sum.PartMonth {
		span = covers(c.Sum)
	}
	return fmt.Sprintf("%s; %s are summed over the days they share, %s: %s = %s%s", s, c.Metric.Label(), span, strings.Join(terms, " + "),
		c.Sum.Qualifier.Words(), FormatCount(c.Sum.Value))
}

// covers is the days a point's figure covers: "1-18 Jun 2023".
func covers(p data.Point) string {
	if len(p.Sources) > 0 && p.Sources[0].PartMonth() {
		return p.Sources[0].Covers()
	}
	return fmt.Sprintf("%d days of %s", p.Days, p.Month.Short())
}
