package stats

import (
	"sync"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// points makes a series of whole months from 2024-01 with the given
// counts; a negative count is a gap.
func points(start data.Month, counts ...int64) []data.Point {
	var out []data.Point
	for i, c := range counts {
		m := start.Add(i)
		if c < 0 {
			out = append(out, data.Point{Month: m})
			continue
		}
		out = append(out, data.Point{Month: m, Present: true, Value: c, Days: m.Days()})
	}
	return out
}

// equalDays makes points that all cover 30 days, so the hand arithmetic
// needs no month lengths.
func equalDays(counts ...int64) []data.Point {
	ps := points(data.Month{Year: 2024, Month: 1}, counts...)
	for i := range ps {
		if ps[i].Present {
			ps[i].Days = 30
		}
	}
	return ps
}

func TestDispersion(t *testing.T) {
	cases := []struct {
		name  string
		pts   []data.Point
		want  float64
		valid bool
	}{
		// Symmetric counts 10, 20, 20, 10 over equal days: the fitted slope
		// is 0 (the score Σ t(y - ȳ) vanishes by symmetry), so every mu is
		// the mean 15. Pearson χ² = (25+25+25+25)/15 = 6.6667 on 4-2 = 2 df:
		// phi = 3.3333. R: summary(glm(y ~ t, family = quasipoisson))$dispersion.
		{"symmetric", equalDays(10, 20, 20, 10), 10.0 / 3, true},
		// Counts that double each month lie exactly on the log-linear trend:
		// χ² = 0, phi = 0, floored at 1.
		{"exact exponential trend", equalDays(10, 20, 40, 80), 1, true},
		// Constant counts: χ² = 0, floored at 1.
		{"constant", equalDays(15, 15, 15, 15), 1, true},
		// Fewer than 4 months with figures: no estimate. Gaps are skipped,
		// not filled, so 3 figures among 5 months are still too few.
		{"too few months", equalDays(10, 20, 30), 0, false},
		{"all zero", equalDays(0, 0, 0, 0), 0, false},
		{"gaps do not count", equalDays(10, -1, 20, -1, 30), 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Dispersion(c.pts)
			if got.Valid != c.valid {
				t.Fatalf("Valid = %v (%s), want %v", got.Valid, got.Why, c.valid)
			}
			if !got.Valid && got.Why == "" {
				t.Errorf("invalid without a reason")
			}
			if c.valid && !near(got.V, c.want, 1e-9) {
				t.Errorf("phi = %.10g, want %.10g", got.V, c.want)
			}
		})
	}
}

// TestDispersionFitsTrend: the fitted model must satisfy the Poisson score
// equations Σ(y-mu) = 0 and Σ t(y-mu) = 0; check through a case where a
// mean-only model would give a large phi. Counts 100, 200, 300, 400, 500
// (a linear, not exponential, rise) on equal days: around their mean
// (300) χ²/4 = (40000+10000+0+10000+40000)/300/4 = 83.3; around the
// log-linear trend it must be far smaller.
func TestDispersionFitsTrend(t *testing.T) {
	got := Dispersion(equalDays(100, 200, 300, 400, 500))
	if !got.Valid || got.V >= 83.3/4 {
		t.Fatalf("phi = %+v, want well below the mean-only 83.3", got)
	}
}

func TestOverdispersed(t *testing.T) {
	// x1 = x2 = 100 over equal days, phi 4: log r = 0,
	// se = sqrt(4·(1/100 + 1/100)) = sqrt(0.08) = 0.2828427,
	// z(0.975) = 1.959964, z·se = 0.5543615, so exp(∓0.5543615) =
	// 0.574439 … 1.740829.
	ci := Overdispersed(100, 100, 30, 30, 4, 0.95)
	if !ci.Valid || !near(ci.Low, 0.574439, 1e-5) || !near(ci.High, 1.740829, 1e-5) {
		t.Errorf("got %+v, want 0.574439–1.740829", ci)
	}
	// phi 1 is the plain Wald interval: 1074/31 vs 717/28, r = 1.352949,
	// se = sqrt(1/1074 + 1/717) = 0.0482265, exp(log r ± 1.959964·se) =
	// 1.230923 … 1.487072 (close to the exact 1.2298–1.4892, as it should be
	// with counts this large).
	ci = Overdispersed(1074, 717, 31, 28, 1, 0.95)
	if !near(ci.Low, 1.230923, 1e-5) || !near(ci.High, 1.487072, 1e-5) {
		t.Errorf("got %+v, want 1.230923–1.487072", ci)
	}
	if ci := Overdispersed(0, 5, 30, 30, 2, 0.95); ci.Valid {
		t.Errorf("zero count gave %+v", ci)
	}
}

// TestDispersionEmbedded: the 12 months 2024-04..2025-03 of casualties
// (latest vintages: 703, 864, 818, 1237, 1040, 1428, 1086, 1052, 619,
// 909, 717, 1074 over their months' days). An independent Newton fit in
// Python of count ~ month with offset log(days) gives intercept 3.447323,
// slope 0.00126737 and Pearson χ²/10 = 61.020846 — the dispersion that
// widens the March 2025 comparison.
func TestDispersionEmbedded(t *testing.T) {
	s := embedded().Latest().Series("UA", data.Casualties)
	pts := trailing(s, month(2025, 3), 12)
	if len(pts) != 12 || pts[0].Month != month(2024, 4) {
		t.Fatalf("trailing months: %d from %v", len(pts), pts[0].Month)
	}
	if got := Dispersion(pts); !near(got.V, 61.020846, 1e-6) {
		t.Errorf("phi = %+v, want 61.020846", got)
	}
}

// embedded is the embedded dataset, loaded once for all tests (datasets
// are never modified by their methods).
var embedded = sync.OnceValue(data.Default)
