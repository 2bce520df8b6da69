package stats

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Between computes the change from one figure to another.
//
//	Abs       = to.Count - from.Count
//	Pct       = Abs / from.Count · 100                      (raw counts)
//	RateRatio = (to.Count/to.Days) / (from.Count/from.Days)
//	PerDayPct = (RateRatio - 1) · 100
//
// CI and P come from RateRatioTest (to as the first sample, so a ratio
// above 1 is a rise); CIOverdispersed widens the interval by phi when phi
// is valid. The verdict follows the exact interval: Rise or Fall when it
// excludes 1, NoChange ("~") when it contains it. A change is not made
// (Unavailable) when a month of either figure is missing (Abs is then 0
// and means nothing: check Computed), and no
// percentage is given (TooFew) when from.Count is below opt.MinBase —
// never a percentage of zero. When either figure covers part of its
// period, only the per-day change is given: raw counts over different
// spans of days say nothing about a change.
func Between(from, to Figure, phi Value, opt Options) Change {
	c := Change{From: from, To: to, Abs: to.Count - from.Count, Dispersion: phi}
	c.CI.Level, c.CIOverdispersed.Level = opt.Level, opt.Level
	for _, f := range []Figure{from, to} {
		if !f.Complete() {
			why := "no figure for " + joinMonths(f.Missing)
			c.Warnings = append(c.Warnings, fmt.Errorf("%s: %s; not compared (nothing is interpolated)", f.Label(), why))
			c.Pct, c.PerDayPct, c.RateRatio, c.P = noValue(why), noValue(why), noValue(why), noValue(why)
			// Nothing about a change over a gap is a number: no
			// difference of counts, no dispersion.
			c.Abs, c.Dispersion = 0, noValue(why)
			c.Verdict = Unavailable
			return c
		}
	}
	for _, f := range []Figure{from, to} {
		if f.PartMonth {
			c.Warnings = append(c.Warnings, fmt.Errorf("%s: the figure covers %d days, not the whole period; its per-day rate is over those days", f.Label(), f.Days))
		}
	}
	if from.Count < opt.MinBase || from.Count == 0 {
		why := fmt.Sprintf("too few to compare: base %d is below %d", from.Count, max(opt.MinBase, 1))
		c.Warnings = append(c.Warnings, fmt.Errorf("%s: %s", from.Label(), why))
		c.Pct, c.PerDayPct, c.RateRatio, c.P = noValue(why), noValue(why), noValue(why), noValue(why)
		c.Verdict = TooFew
		return c
	}
	if from.PartMonth || to.PartMonth {
		// Counts over different spans of days are not comparable; only
		// the per-day rates are.
		c.Pct = noValue("a part-month figure's count is not a whole month's; compare per day")
	} else {
		c.Pct = Value{V: float64(c.Abs) / float64(from.Count) * 100, Valid: true}
	}
	ratio, ci, p := RateRatioTest(to.Count, from.Count, float64(to.Days), float64(from.Days), opt.Level)
	c.RateRatio = Value{V: ratio, Valid: true}
	c.PerDayPct = Value{V: (ratio - 1) * 100, Valid: true}
	c.CI = ci
	c.P = Value{V: p, Valid: true}
	if phi.Valid {
		c.CIOverdispersed = Overdispersed(to.Count, from.Count, float64(to.Days), float64(from.Days), phi.V, opt.Level)
	}
	switch {
	case !ci.Valid:
		c.Verdict = Unavailable
	case ci.Low > 1:
		c.Verdict = Rise
	case ci.High < 1:
		c.Verdict = Fall
	default:
		c.Verdict = NoChange
	}
	return c
}

// Computed reports whether both figures are complete, so that Abs and the
// figures' counts mean something; a change over a gap is not computed.
func (c Change) Computed() bool { return c.From.Complete() && c.To.Complete() }

// Significant reports whether the exact interval excludes no change.
func (c Change) Significant() bool { return c.Verdict == Rise || c.Verdict == Fall }

// SignificantOverdispersed reports whether the interval widened for
// clustering also excludes no change.
func (c Change) SignificantOverdispersed() bool {
	return c.CIOverdispersed.Valid && !c.CIOverdispersed.Contains(1)
}

// Recorded reports whether either figure is a lower bound, so that the
// change is one in recorded casualties, not necessarily in casualties.
func (c Change) Recorded() bool {
	return c.From.Qualifier.Combine(c.To.Qualifier) != 0
}

func noValue(why string) Value { return Value{Why: why} }

// joinMonths lists months for a message: "2023-04, 2023-05".
func joinMonths(ms []data.Month) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.String()
	}
	return strings.Join(s, ", ")
}
