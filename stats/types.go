// The package documentation is in doc.go.

package stats

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Options tunes the computations. Start from DefaultOptions.
type Options struct {
	// Level is the confidence level of intervals (0.95 for 95%).
	Level float64
	// MinBase is the smallest base count on which a % change is given;
	// below it a change is "too few to compare".
	MinBase int64
	// Windows are the rolling-mean windows, in months.
	Windows []int
	// DispersionMonths is how many trailing months estimate the
	// quasi-Poisson dispersion used to widen intervals.
	DispersionMonths int
	// LatestVintages compares each month's latest vintage instead of both
	// months as given by one publication.
	LatestVintages bool
	// TrendMonths is how many months, ending with the last row, the trend
	// slope of a Trend is fitted over.
	TrendMonths int
	// RefuseGaps makes Compare return a *GapError when a month of either
	// period has no figure, instead of a comparison whose Verdict is
	// Unavailable and whose Gap says why. A command comparing the periods
	// a user asked for sets it: there is nothing to say about a month
	// with no figure. A renderer that shows a neighbouring month's gap in
	// its place (a report's same-month-last-year row) may leave it off,
	// and must then show the gap (Figure.Missing), never Figure.Count.
	RefuseGaps bool
}

// DefaultOptions: 95% intervals, no % on a base below 10, rolling means
// over 3 and 12 months, dispersion from the trailing 12 months, both
// months of a comparison from one publication, trend over the last 12
// months.
func DefaultOptions() Options {
	return Options{Level: 0.95, MinBase: 10, Windows: []int{3, 12}, DispersionMonths: 12, TrendMonths: 12}
}

// Value is a computed number with explicit validity: when Valid is false,
// V is 0 and Why says why there is no number ("no figure for 2023-04",
// "base below 10").
type Value struct {
	V     float64
	Valid bool
	Why   string
}

// Interval is a confidence interval at Level (0.95 for 95%). Valid is
// false when it could not be computed.
type Interval struct {
	Low, High float64
	Level     float64
	Valid     bool
}

// Contains reports whether x lies within the interval (inclusive).
func (i Interval) Contains(x float64) bool { return i.Valid && i.Low <= x && x <= i.High }

// Verdict is what can be said of a change.
type Verdict int

const (
	// Unavailable: a month is missing, nothing can be said.
	Unavailable Verdict = iota
	// TooFew: the base is below Options.MinBase.
	TooFew
	// NoChange: the interval of the rate ratio contains 1; the change is
	// indistinguishable from noise ("~").
	NoChange
	// Rise: the whole interval lies above 1.
	Rise
	// Fall: the whole interval lies below 1.
	Fall
)

// Symbol is the verdict as a table cell: "↑", "↓", "~", or "" when there is
// nothing to say.
func (v Verdict) Symbol() string {
	switch v {
	case Rise:
		return "↑"
	case Fall:
		return "↓"
	case NoChange:
		return "~"
	}
	return ""
}

func (v Verdict) String() string {
	switch v {
	case Rise:
		return "rise"
	case Fall:
		return "fall"
	case NoChange:
		return "no clear change"
	case TooFew:
		return "too few to compare"
	}
	return "unavailable"
}

// MarshalText writes the verdict's name for JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Period is one month (From == To) or a range of whole months.
type Period struct{ From, To data.Month }

// Single reports whether the period is one month.
func (p Period) Single() bool { return p.From == p.To }

// Months is the number of months in the period.
func (p Period) Months() int { return p.To.Index() - p.From.Index() + 1 }

func (p Period) String() string {
	if p.Single() {
		return p.From.String()
	}
	return p.From.String() + ".." + p.To.String()
}

// ParsePeriod reads a month (2025-03) or a range of months
// (2024-01..2024-09).
func ParsePeriod(s string) (Period, error) {
	a, b, isRange := strings.Cut(s, "..")
	from, err := data.ParseMonth(a)
	if err != nil {
		return Period{}, fmt.Errorf("want a month YYYY-MM or a range YYYY-MM..YYYY-MM, got %q", s)
	}
	to := from
	if isRange {
		if to, err = data.ParseMonth(b); err != nil {
			return Period{}, fmt.Errorf("want a month YYYY-MM or a range YYYY-MM..YYYY-MM, got %q", s)
		}
	}
	if to.Before(from) {
		return Period{}, fmt.Errorf("the range %q ends before it starts", s)
	}
	return Period{From: from, To: to}, nil
}

// Label is the period for people: "March 2025", "January–September 2024".
func (p Period) Label() string {
	if p.Single() {
		return p.From.Label()
	}
	if p.From.Year == p.To.Year {
		return p.From.Month.String() + "–" + p.To.Label()
	}
	return p.From.Label() + "–" + p.To.Label()
}

// Figure is one side of a comparison: a month or a range of months, the
// count over it, the days it covers and the publication it comes from.
type Figure struct {
	Period
	Count     int64
	Qualifier data.Qualifier
	// Days covered by the figures summed (fewer than the calendar days when
	// a figure covers part of its month).
	Days   int
	PerDay float64
	// Published is the publication the figures come from (the newest one
	// when the months come from several).
	Published data.Publication
	// Revised is true when a month's figure differs from its first-published
	// vintage.
	Revised   bool
	PartMonth bool
	// Missing lists months of the period with no figure; Count then sums
	// only the months present and a comparison is not made.
	Missing []data.Month
	// Provisional is true when the last month's figure is the newest month
	// of its publication and no later publication has revised it.
	Provisional bool
	// Parts holds the parts of a derived metric (killed and injured for
	// casualties), summed over the period; empty for a stored metric.
	// They cover the same days as Count.
	Parts []Part
	// Mixed lists the months of the period whose parts' own figures
	// cover other days than the sum (see CoverageOf), for renderers that
	// show a part beside the sum; set by Compare.
	Mixed []Coverage
}

// Part is one part of a derived figure: how many were killed, say, of the
// casualties.
type Part struct {
	Metric    data.Metric
	Count     int64
	Qualifier data.Qualifier
}

// Complete reports whether every month of the period has a figure.
func (f Figure) Complete() bool { return len(f.Missing) == 0 }

// Change is the change from one figure to another.
type Change struct {
	From, To Figure
	// Abs is To.Count - From.Count.
	Abs int64
	// Pct is the raw % change of counts, in percent (49.8 means +49.8%).
	Pct Value
	// PerDayPct is the % change of per-day rates, in percent.
	PerDayPct Value
	// RateRatio is (To.Count/To.Days) / (From.Count/From.Days).
	RateRatio Value
	// CI is the exact conditional (binomial) interval of RateRatio under a
	// Poisson model with days as exposure.
	CI Interval
	// CIOverdispersed is the Wald interval of log RateRatio with its
	// standard error multiplied by sqrt(Dispersion): wider when deaths
	// cluster.
	CIOverdispersed Interval
	// Dispersion is the quasi-Poisson dispersion phi (at least 1).
	Dispersion Value
	// DispersionMonths is how many months estimated Dispersion.
	DispersionMonths int
	// P is the two-sided p-value of the exact conditional test of equal
	// rates.
	P       Value
	Verdict Verdict
	// Warnings: gaps, part-months, small bases.
	Warnings []error
	// Gap says why the change is not computed when a month of either
	// figure has none (the first such month; see GapError); nil
	// otherwise.
	Gap *GapError
}

// Comparison is a change between two periods of one area's metric, with
// the basis of the figures and the sentence an analyst would write.
type Comparison struct {
	Area   string
	Metric data.Metric
	// Basis says where both figures come from, e.g. "both months as
	// published in HRMMU update (9 April 2025)".
	Basis string
	// Common is true when both figures come from one publication.
	Common bool
	Change
	Sentence string
	Options  Options
	// Wording is the source the figures are worded by (data.Dataset.Wording):
	// a mission's "civilians", event data's "reported fatalities", or a
	// file that says neither. Sentence takes its nouns from it.
	Wording data.Source
	// Inclusion lists the parts (areas) one month's total includes and
	// the other's does not (UNAMI's Anbar), for single months; each is
	// also a warning, and Sentence says so.
	Inclusion []InclusionChange
}

// TrendRow is one month of a trend table.
type TrendRow struct {
	Point  data.Point // Present false for a gap
	PerDay Value
	// Prev is the change on the previous month (nil for the first row).
	Prev *Change
	// YoY is the % change of counts on the same month a year earlier.
	YoY Value
	// Rolling holds one rolling mean per Options.Windows.
	Rolling []Value
	// RollingQualifier holds the qualifier of each rolling mean: at least
	// when any month of the window is a lower bound.
	RollingQualifier []data.Qualifier
	// Cumulative is the running total since the first month of the series;
	// invalid from the first gap on.
	Cumulative          Value
	CumulativeQualifier data.Qualifier
	// Provisional marks the newest month of its publication, which the
	// next one is likely to revise.
	Provisional bool
	// Gap says why the month has no figure (Point.Present false); nil
	// for a month with one.
	Gap *GapError
	// Coverage is set, for a derived metric, when its parts' own figures
	// cover other days than the row's sum (June 2023: killed for the
	// whole month, injured for 1–18 June): a renderer shows each part
	// from it, marked whole-month or partial, beside the sum over the
	// common days (see CoverageOf). Nil otherwise.
	Coverage *Coverage
	// Warnings about this row (a gap, a part-month figure, a provisional
	// figure, parts over different days), worded without the month so renderers can number repeated
	// notes once; Trend.Warnings has them with the month.
	Warnings []error
}

// Trend is a month-by-month table of one area's metric.
type Trend struct {
	// Wording is the source the figures are worded by (data.Dataset.Wording),
	// for renderers that name what the figures count.
	Wording data.Source
	Area    string
	Metric  data.Metric
	Rows    []TrendRow
	Options Options
	// Slope is the linear trend of the per-day rate over the months
	// SlopeFrom..SlopeTo (the last Options.TrendMonths rows), in a day per
	// month, with its interval SlopeCI; see Slope.
	Slope              Value
	SlopeCI            Interval
	SlopeFrom, SlopeTo data.Month
	Warnings           []error
}

// Revision is a figure that changed between two publications.
type Revision struct {
	Key      data.Key
	Old, New data.Observation
	Abs      int64
	Pct      Value
	// Provisional is true when the old figure was the newest month of the
	// older publication.
	Provisional bool
}

// AreaRank is one area's place among the areas for a month.
type AreaRank struct {
	Area      string
	Count     int64
	Qualifier data.Qualifier
	// Share of the national total, in percent.
	Share Value
	Rank  int
	// Change is the % change on the previous month.
	Change     Value
	ChangeRank int
}
