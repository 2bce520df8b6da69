package stats

import (
	"fmt"
	"math"

	"github.com/casualty-tool/casualty/data"
	"gonum.org/v1/gonum/stat/distuv"
)

// Dispersion estimates how much more a monthly count varies than a Poisson
// count would: the quasi-Poisson dispersion phi. One strike can kill
// dozens, so casualties cluster and phi is usually well above 1.
//
// The model is the Poisson regression of R's
//
//	glm(count ~ month, offset = log(days), family = quasipoisson)
//
// over the months given: the expected count of month i is
// mu_i = days_i · exp(a + b·i), fitted by maximum likelihood (Newton's
// method), so a steady rise or fall is not mistaken for noise. Then
//
//	phi = Σ (count_i - mu_i)² / mu_i  ÷  (k - 2)
//
// (Pearson's chi-square over its degrees of freedom, k the months present),
// floored at 1: fewer swings than Poisson are not taken as licence to
// narrow an interval. Gaps are skipped, never filled. With fewer than 4
// months present, or a total of 0, there is no estimate.
func Dispersion(points []data.Point) Value {
	var xs, ys, ds []float64
	for _, p := range points {
		if !p.Present || p.Days == 0 {
			continue
		}
		xs = append(xs, float64(p.Month.Index()))
		ys = append(ys, float64(p.Value))
		ds = append(ds, float64(p.Days))
	}
	k := len(xs)
	if k < 4 {
		return Value{Why: fmt.Sprintf("dispersion needs at least 4 months of figures, have %d", k)}
	}
	var sumY, sumD float64
	for i := range ys {
		sumY += ys[i]
		sumD += ds[i]
	}
	if sumY == 0 {
		return Value{Why: "dispersion needs a count above 0"}
	}
	// Centre the months so the intercept and slope are nearly independent.
	var mx float64
	for _, x := range xs {
		mx += x
	}
	mx /= float64(k)
	for i := range xs {
		xs[i] -= mx
	}
	a, b := math.Log(sumY/sumD), 0.0
	for iter := 0; iter < 100; iter++ {
		// Score and information of the Poisson log-likelihood.
		var g0, g1, h00, h01, h11 float64
		for i := range xs {
			mu := ds[i] * math.Exp(a+b*xs[i])
			r := ys[i] - mu
			g0 += r
			g1 += r * xs[i]
			h00 += mu
			h01 += mu * xs[i]
			h11 += mu * xs[i] * xs[i]
		}
		det := h00*h11 - h01*h01
		if det <= 0 || math.IsNaN(det) {
			return Value{Why: "dispersion: the trend model could not be fitted"}
		}
		da := (h11*g0 - h01*g1) / det
		db := (h00*g1 - h01*g0) / det
		a += da
		b += db
		if math.Abs(da) < 1e-12 && math.Abs(db) < 1e-12 {
			break
		}
	}
	var chi2 float64
	for i := range xs {
		mu := ds[i] * math.Exp(a+b*xs[i])
		if mu <= 0 || math.IsInf(mu, 0) || math.IsNaN(mu) {
			return Value{Why: "dispersion: the trend model could not be fitted"}
		}
		chi2 += (ys[i] - mu) * (ys[i] - mu) / mu
	}
	phi := chi2 / float64(k-2)
	if phi < 1 {
		phi = 1
	}
	return Value{V: phi, Valid: true}
}

// Overdispersed is the interval of a rate ratio allowing for clustering:
// the Wald interval on the log scale with the Poisson standard error
// multiplied by sqrt(phi),
//
//	log r ± z · sqrt(phi · (1/x1 + 1/x2)),
//
// z the normal quantile for level (1.96 at 95%), r = (x1/t1)/(x2/t2).
// It needs both counts above 0. Under the quasi-Poisson model a count's
// variance is phi times its mean, and so is a sum of independent months',
// so the monthly phi applies unchanged to counts summed over a range.
func Overdispersed(x1, x2 int64, t1, t2, phi, level float64) Interval {
	ci := Interval{Level: level}
	if x1 <= 0 || x2 <= 0 || t1 <= 0 || t2 <= 0 || phi <= 0 {
		return ci
	}
	r := (float64(x1) / t1) / (float64(x2) / t2)
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	se := math.Sqrt(phi * (1/float64(x1) + 1/float64(x2)))
	ci.Low = math.Exp(math.Log(r) - z*se)
	ci.High = math.Exp(math.Log(r) + z*se)
	ci.Valid = true
	return ci
}
