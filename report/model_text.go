package report

import (
	"math"
	"strconv"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// This file words numbers for people. It rounds, once, at display, the way
// stats.Sentence does, so the tables and the sentence agree; it never
// computes a statistic, and an invalid value is shown with the reason it is
// missing, never as a number.

// txtThousands writes n with comma thousands separators: 12,345.
func txtThousands(n int64) string { return stats.FormatCount(n) }

// txtCount is a count with its qualifier: "at least 1,074".
func txtCount(n int64, q data.Qualifier) string { return q.Words() + txtThousands(n) }

// txtPerDay rounds a per-day rate to one decimal, as the sentence does.
func txtPerDay(v float64) string { return stats.FormatRate(v) }

// txtSignedPct writes a % change signed and rounded to a whole number, as
// the sentence does: "+50%", "-19%", "0%".
func txtSignedPct(v float64) string { return stats.FormatPct(v) }

// txtRoundPct writes a share rounded to a whole number, or to one decimal
// below 10% so that a small share does not read as 0.
func txtRoundPct(v float64) string {
	d := 0
	if math.Abs(v) < 10 {
		d = 1
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// txtPct writes a share: "12.5%", or "n/a (why)".
func txtPct(v stats.Value) string {
	if !v.Valid {
		return txtNA(v)
	}
	return txtRoundPct(v.V) + "%"
}

// txtSignedPctValue writes a % change: "+12%", or "n/a (why)".
func txtSignedPctValue(v stats.Value) string {
	if !v.Valid {
		return txtNA(v)
	}
	return txtSignedPct(v.V)
}

func txtNA(v stats.Value) string {
	if v.Why == "" {
		return "n/a"
	}
	return "n/a (" + v.Why + ")"
}

// txtChange is the change of the per-day rate, with the change of counts
// after it: "+3% (+4)".
func txtChange(c stats.Change) string {
	abs := stats.FormatSigned(c.Abs)
	if !c.PerDayPct.Valid {
		if c.Verdict == stats.Unavailable {
			return txtNA(c.PerDayPct)
		}
		return txtNA(c.PerDayPct) + "; " + abs
	}
	return txtSignedPct(c.PerDayPct.V) + " (" + abs + ")"
}

// txtInterval writes an interval of the rate ratio as % changes of the
// per-day rate: a ratio of 0.81 to 1.27 is "-19% to +27%".
func txtInterval(ci stats.Interval) string {
	if !ci.Valid {
		return ""
	}
	return txtBound(ci.Low) + " to " + txtBound(ci.High)
}

// txtBound writes one end of an interval of a rate ratio as a % change.
// Whole percentages, as elsewhere, except that a bound which rounds to 0
// but is not 0 keeps a decimal and its sign: an interval of +0.3% to +61%
// lies above no change, and "0% to +61%" would read as touching it.
func txtBound(ratio float64) string {
	pct := (ratio - 1) * 100
	if s := stats.FormatPct(pct); s != "0%" || pct == 0 {
		return s
	}
	s := strconv.FormatFloat(pct, 'f', 1, 64)
	switch s {
	case "0.0", "-0.0":
		s = strconv.FormatFloat(pct, 'f', 2, 64)
	}
	if pct > 0 {
		s = "+" + s
	}
	return s + "%"
}

// txtVerdict is the verdict with its symbol: "~ no clear change".
func txtVerdict(v stats.Verdict) string {
	if s := v.Symbol(); s != "" {
		return s + " " + v.String()
	}
	return v.String()
}

// txtCovers is the days a part-month figure covers: "1-18 Jun 2023".
func txtCovers(p data.Point) string {
	if len(p.Sources) > 0 && p.Sources[0].PartMonth() {
		return p.Sources[0].Covers()
	}
	return strconv.Itoa(p.Days) + " days"
}
