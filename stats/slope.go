package stats

import (
	"math"

	"github.com/casualty-tool/casualty/data"
	"gonum.org/v1/gonum/stat/distuv"
)

// Slope is the linear trend of the per-day rate over the points given: the
// ordinary least squares slope b of
//
//	rate_i = a + b · month_i,  rate_i = count_i / days_i,
//
// in casualties a day per month, with its t interval at level:
//
//	b ± t_{n-2} · s / sqrt(Σ (month_i - mean)²),  s² = Σ residual² / (n-2).
//
// Months with no figure are left out (the months keep their places, so a
// gap does not shorten the time axis). It needs 3 months with figures; the
// interval assumes independent, equally variable residuals, which clustered
// counts only roughly meet.
func Slope(points []data.Point, level float64) (slope Value, ci Interval) {
	ci.Level = level
	var xs, ys []float64
	for _, p := range points {
		if p.Present && p.Days > 0 {
			xs = append(xs, float64(p.Month.Index()))
			ys = append(ys, p.PerDay())
		}
	}
	n := len(xs)
	if n < 3 {
		return noValue("a trend needs at least 3 months of figures"), ci
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= float64(n)
	my /= float64(n)
	var sxx, sxy float64
	for i := range xs {
		sxx += (xs[i] - mx) * (xs[i] - mx)
		sxy += (xs[i] - mx) * (ys[i] - my)
	}
	b := sxy / sxx
	a := my - b*mx
	var rss float64
	for i := range xs {
		r := ys[i] - a - b*xs[i]
		rss += r * r
	}
	se := math.Sqrt(rss/float64(n-2)) / math.Sqrt(sxx)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 2)}.Quantile(1 - (1-level)/2)
	return Value{V: b, Valid: true}, Interval{Low: b - t*se, High: b + t*se, Level: level, Valid: true}
}
