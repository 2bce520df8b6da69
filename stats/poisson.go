package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// RateRatioTest compares two Poisson rates, x1 events over exposure t1
// against x2 events over t2 (counts over days), as R's
// poisson.test(c(x1, x2), c(t1, t2)) does.
//
// The ratio is (x1/t1) / (x2/t2). Conditional on the total n = x1 + x2,
// x1 is binomial with n trials and probability p = t1 r / (t1 r + t2),
// where r is the true rate ratio. The interval is the exact
// (Clopper–Pearson) interval of p,
//
//	pL = Beta quantile (1-level)/2 with shape (x1, n-x1+1)
//	pU = Beta quantile (1+level)/2 with shape (x1+1, n-x1)
//
// mapped back to the ratio by r = p/(1-p) · t2/t1. The p-value tests r = 1
// (p0 = t1/(t1+t2)) two-sided as R's binom.test does: the probability of
// every outcome no more likely than the one observed, with R's relative
// tolerance of 1e-7 so ties are not lost to rounding.
//
// Assumptions: events independent (no clustering; see Overdispersed for
// the widened interval), exposures known exactly. When x2 is 0 the ratio
// has no finite value and ci is invalid; p is still computed. When both
// are 0 nothing can be said: ratio 0, invalid ci, p 1.
func RateRatioTest(x1, x2 int64, t1, t2 float64, level float64) (ratio float64, ci Interval, p float64) {
	ci.Level = level
	n := x1 + x2
	if n == 0 || t1 <= 0 || t2 <= 0 {
		return 0, ci, 1
	}
	p0 := t1 / (t1 + t2)
	p = binomTestP(x1, n, p0)
	if x2 == 0 {
		return 0, ci, p
	}
	ratio = (float64(x1) / t1) / (float64(x2) / t2)
	alpha := 1 - level
	toRatio := func(q float64) float64 { return q / (1 - q) * t2 / t1 }
	lo := 0.0
	if x1 > 0 {
		lo = distuv.Beta{Alpha: float64(x1), Beta: float64(n - x1 + 1)}.Quantile(alpha / 2)
	}
	// x2 > 0 here, so n-x1 >= 1 and the upper bound is below 1.
	hi := distuv.Beta{Alpha: float64(x1 + 1), Beta: float64(n - x1)}.Quantile(1 - alpha/2)
	ci = Interval{Low: toRatio(lo), High: toRatio(hi), Level: level, Valid: true}
	return ratio, ci, p
}

// binomTestP is the two-sided p-value of R's binom.test(x, n, p): the
// summed probability of the outcomes whose probability is at most the
// observed one's (times 1 + 1e-7), found on the far side of the mean.
func binomTestP(x, n int64, p float64) float64 {
	b := distuv.Binomial{N: float64(n), P: p}
	d := b.Prob(float64(x))
	m := float64(n) * p
	const relErr = 1 + 1e-7
	var out float64
	switch {
	case float64(x) == m:
		return 1
	case float64(x) < m:
		// Outcomes i in [ceil(m), n] with P(i) <= d. The pmf does not
		// increase on that range (the mode is floor(m + p)), so they are
		// the suffix n-y+1..n, found by bisection.
		lo := int64(math.Ceil(m))
		k := firstTrue(lo, n+1, func(i int64) bool { return b.Prob(float64(i)) <= d*relErr })
		y := n + 1 - k
		out = b.CDF(float64(x)) + survival(b, n-y)
	default:
		// Outcomes i in [0, floor(m)] with P(i) <= d: a prefix 0..y-1,
		// since the pmf does not decrease on that range.
		hi := int64(math.Floor(m))
		y := firstTrue(0, hi+1, func(i int64) bool { return b.Prob(float64(i)) > d*relErr })
		out = cdf(b, y-1) + survival(b, x-1)
	}
	return math.Min(1, out)
}

// firstTrue returns the first i in [lo, hi) for which f is true, or hi;
// f must be false then true over the range.
func firstTrue(lo, hi int64, f func(int64) bool) int64 {
	for lo < hi {
		mid := lo + (hi-lo)/2
		if f(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// survival is P(X > k), as R's pbinom(k, lower.tail = FALSE).
func survival(b distuv.Binomial, k int64) float64 {
	if k < 0 {
		return 1
	}
	if float64(k) >= b.N {
		return 0
	}
	return b.Survival(float64(k))
}

// cdf is P(X <= k), 0 for k < 0.
func cdf(b distuv.Binomial, k int64) float64 {
	if k < 0 {
		return 0
	}
	return b.CDF(float64(k))
}
