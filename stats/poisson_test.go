package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// close reports whether got is within tol (relative) of want.
func near(got, want, tol float64) bool {
	if want == 0 {
		return math.Abs(got) <= tol
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

func TestRateRatioTest(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		name          string
		x1, x2        int64
		t1, t2        float64
		ratio, lo, hi float64 // hi = +Inf: no finite upper bound (CI invalid)
		p             float64
		wantValidCI   bool
	}{
		// R: poisson.test(c(1074, 717), c(31, 28)) → rate ratio 1.352949,
		// 95% CI 1.229771–1.489152, p-value 2.889e-10 (the figures).
		// ratio = (1074/31)/(717/28) = 34.645/25.607 = 1.35295.
		{"March vs February 2025", 1074, 717, 31, 28, 1.352949, 1.229771, 1.489152, 2.889e-10, true},
		// R: poisson.test(c(10, 5), c(30, 30)) → ratio 2, CI 0.6228596–7.4572959,
		// p = 0.3018 (= binom.test(10, 15): 2·P(X ≥ 10 | 15, ½) = 2·4944/32768
		// = 0.30176, by hand). Cross-checked with an exact enumeration in Python.
		{"10 vs 5 equal exposure", 10, 5, 30, 30, 2, 0.6228596, 7.4572959, 0.3017578125, true},
		// R: poisson.test(c(20, 10), c(31, 28)) → ratio (20/31)/(10/28) = 1.806452,
		// CI 0.807040–4.321531, p = 0.1443 (exact enumeration in Python).
		{"20 vs 10 unequal exposure", 20, 10, 31, 28, 1.806452, 0.807040, 4.321531, 0.14431808, true},
		// R: poisson.test(c(0, 12), c(31, 30)) → ratio 0, CI 0–0.3482843,
		// p = 2.002e-04 (exact enumeration in Python).
		{"zero numerator", 0, 12, 31, 30, 0, 0, 0.34828434, 2.002152e-4, true},
		// January–September 2025 against 2024 (latest vintages): 10,522 over
		// 273 days against 7,870 over 274. Ratio (10522/273)/(7870/274) =
		// 1.341873; Clopper–Pearson by bisection on exact binomial tails
		// (log-gamma sums in Python): 1.303120–1.381822. p is far below
		// 1e-15.
		{"large counts", 10522, 7870, 273, 274, 1.341873, 1.303120, 1.381822, 0, true},
		// Denominator 0: no finite ratio; p = P(X=3 | 3, ½)·2 = 2/8 = 0.25 by hand.
		{"zero base", 3, 0, 30, 30, 0, 0, inf, 0.25, false},
		// Nothing at all: nothing to test, p = 1.
		{"both zero", 0, 0, 30, 30, 0, 0, inf, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ratio, ci, p := RateRatioTest(c.x1, c.x2, c.t1, c.t2, 0.95)
			if !near(ratio, c.ratio, 1e-5) {
				t.Errorf("ratio = %.7g, want %.7g", ratio, c.ratio)
			}
			if !near(p, c.p, 1e-3) && !(c.p == 0 && p < 1e-15) {
				t.Errorf("p = %.7g, want %.7g", p, c.p)
			}
			if ci.Valid != c.wantValidCI {
				t.Fatalf("ci.Valid = %v, want %v", ci.Valid, c.wantValidCI)
			}
			if !ci.Valid {
				return
			}
			if !near(ci.Low, c.lo, 1e-5) || !near(ci.High, c.hi, 1e-5) {
				t.Errorf("ci = %.7g–%.7g, want %.7g–%.7g", ci.Low, ci.High, c.lo, c.hi)
			}
			if ci.Level != 0.95 {
				t.Errorf("ci.Level = %v", ci.Level)
			}
		})
	}
}

// TestRateRatioTestSymmetry: swapping the samples inverts the ratio and
// its interval and keeps the p-value — a property of the exact test.
func TestRateRatioTestSymmetry(t *testing.T) {
	for _, c := range []struct {
		x1, x2 int64
		t1, t2 float64
	}{{1074, 717, 31, 28}, {12, 30, 30, 31}, {7, 9, 28, 31}, {150, 151, 30, 31}} {
		r, ci, p := RateRatioTest(c.x1, c.x2, c.t1, c.t2, 0.9)
		r2, ci2, p2 := RateRatioTest(c.x2, c.x1, c.t2, c.t1, 0.9)
		if !near(r*r2, 1, 1e-12) || !near(ci.Low*ci2.High, 1, 1e-9) || !near(ci.High*ci2.Low, 1, 1e-9) || !near(p, p2, 1e-6) {
			t.Errorf("%v: (%v %v %v) vs swapped (%v %v %v)", c, r, ci, p, r2, ci2, p2)
		}
		if p < 0 || p > 1 || !(ci.Low < r && r < ci.High) {
			t.Errorf("%v: p %v or ratio %v outside ci %v", c, p, r, ci)
		}
	}
}

// TestRateRatioTestProperties: for random counts and exposures, p lies in
// [0, 1], the interval holds the ratio, a higher level gives a wider
// interval, and p < 1-level exactly when the interval excludes 1 (the test
// and the interval agree for the exact conditional test up to the
// tolerance of a p-value on the boundary).
func TestRateRatioTestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 300; trial++ {
		x1, x2 := r.Int64N(400)+1, r.Int64N(400)+1
		t1, t2 := float64(28+r.IntN(4)), float64(28+r.IntN(4))
		ratio, ci, p := RateRatioTest(x1, x2, t1, t2, 0.95)
		_, wide, _ := RateRatioTest(x1, x2, t1, t2, 0.99)
		if p < 0 || p > 1 || !(ci.Low <= ratio && ratio <= ci.High) || !(wide.Low < ci.Low && wide.High > ci.High) {
			t.Fatalf("%d/%v vs %d/%v: ratio %v ci %+v wide %+v p %v", x1, t1, x2, t2, ratio, ci, wide, p)
		}
		if excl := !ci.Contains(1); excl != (p < 0.05) && math.Abs(p-0.05) > 0.01 {
			t.Errorf("%d/%v vs %d/%v: ci %+v excludes 1 = %v but p = %v", x1, t1, x2, t2, ci, excl, p)
		}
	}
}

// bruteP is binom.test's two-sided p-value by counting every outcome, as
// R's source does, to check the bisection in binomTestP.
func bruteP(x, n int64, p float64) float64 {
	d := math.Exp(logBinom(x, n, p))
	var sum float64
	for i := int64(0); i <= n; i++ {
		if q := math.Exp(logBinom(i, n, p)); q <= d*(1+1e-7) {
			sum += q
		}
	}
	return math.Min(1, sum)
}

func logBinom(k, n int64, p float64) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p)
}

func TestBinomTestPBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 500; trial++ {
		n := r.Int64N(300) + 1
		x := r.Int64N(n + 1)
		p := 0.3 + 0.4*r.Float64()
		got, want := binomTestP(x, n, p), bruteP(x, n, p)
		if math.Abs(got-want) > 1e-9*math.Max(want, 1e-300) && math.Abs(got-want) > 1e-12 {
			t.Fatalf("binomTestP(%d, %d, %v) = %v, brute force %v", x, n, p, got, want)
		}
	}
}
