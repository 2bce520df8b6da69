package stats

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

func TestRolling(t *testing.T) {
	// Counts 30, 60, 90, gap, 150, 180, 210 from January 2024.
	pts := points(month(2024, 1), 30, 60, 90, -1, 150, 180, 210)
	got := Rolling(pts, 3)
	want := []struct {
		v     float64
		valid bool
	}{
		{0, false}, {0, false}, // fewer than 3 months
		{60, true},                         // (30+60+90)/3 = 60
		{0, false}, {0, false}, {0, false}, // windows holding the gap
		{180, true}, // (150+180+210)/3 = 180
	}
	for i, w := range want {
		if got[i].Valid != w.valid || (w.valid && got[i].V != w.v) {
			t.Errorf("month %d: %+v, want %v (valid %v)", i, got[i], w.v, w.valid)
		}
		if !got[i].Valid && got[i].Why == "" {
			t.Errorf("month %d: invalid without a reason", i)
		}
	}
	part := points(month(2024, 1), 30, 60, 90)
	part[1].PartMonth, part[1].Days = true, 10
	if v := Rolling(part, 3)[2]; v.Valid {
		t.Errorf("a window with a part-month figure gave %+v", v)
	}
}

func TestCumulative(t *testing.T) {
	pts := points(month(2024, 1), 5, 7, 11, -1, 13)
	pts[1].Qualifier = data.AtLeast
	vals, quals := Cumulative(pts)
	// 5, 5+7 = 12, 12+11 = 23, then a gap: nothing from there on.
	want := []float64{5, 12, 23}
	for i, w := range want {
		if !vals[i].Valid || vals[i].V != w {
			t.Errorf("total %d = %+v, want %v", i, vals[i], w)
		}
	}
	if quals[0] != data.Exact || quals[1] != data.AtLeast || quals[2] != data.AtLeast {
		t.Errorf("qualifiers %v: a sum including a lower bound is a lower bound", quals)
	}
	if vals[3].Valid || vals[4].Valid {
		t.Errorf("totals after a gap: %+v %+v", vals[3], vals[4])
	}
	pm := points(month(2024, 1), 5, 7)
	pm[0].PartMonth = true
	if _, q := Cumulative(pm); q[1] != data.AtLeast {
		t.Errorf("a total including a part-month figure is %v, want at least", q[1])
	}
}

// TestCumulativeDifferences: the differences of the running totals give
// the months back, for any counts without gaps.
func TestCumulativeDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n := 1 + r.IntN(60)
		counts := make([]int64, n)
		for i := range counts {
			counts[i] = r.Int64N(5000)
		}
		pts := points(month(2022, 2), counts...)
		vals, _ := Cumulative(pts)
		prev := 0.0
		for i, v := range vals {
			if !v.Valid || int64(v.V-prev) != counts[i] {
				t.Fatalf("trial %d month %d: total %v - %v != %d", trial, i, v.V, prev, counts[i])
			}
			prev = v.V
		}
	}
}

func TestYearOnYear(t *testing.T) {
	s := data.Series{Points: points(month(2024, 1), append(make([]int64, 12), 9)...)}
	s.Points[0].Value = 8 // January 2024: 8, below MinBase 10
	if v := YearOnYear(s, month(2025, 1), 10); v.Valid || !strings.Contains(v.Why, "too few") {
		t.Errorf("base 8: %+v", v)
	}
	s.Points[0].Value = 12
	// (9 - 12)/12·100 = -25%.
	if v := YearOnYear(s, month(2025, 1), 10); !v.Valid || v.V != -25 {
		t.Errorf("12 → 9: %+v, want -25", v)
	}
	if v := YearOnYear(s, month(2024, 6), 10); v.Valid {
		t.Errorf("no figure a year earlier, yet %+v", v)
	}
}

func TestSlope(t *testing.T) {
	// Rates 1, 2, 3, 5 a day (30, 60, 90, 150 over 30 days) at months
	// 0..3: x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 2.625+0.375+0.125+3.375 = 6.5,
	// b = 1.3, a = 0.8; residuals 0.2, -0.1, -0.4, 0.3, RSS = 0.30,
	// s = sqrt(0.30/2) = 0.387298, se = s/sqrt(5) = 0.173205,
	// t(0.975, 2) = 4.302653, so 1.3 ± 0.745241 = 0.554759 … 2.045241.
	pts := equalDays(30, 60, 90, 150)
	b, ci := Slope(pts, 0.95)
	if !b.Valid || !near(b.V, 1.3, 1e-12) {
		t.Fatalf("slope %+v, want 1.3", b)
	}
	if !near(ci.Low, 0.554759, 1e-5) || !near(ci.High, 2.045241, 1e-5) {
		t.Errorf("ci %+v, want 0.554759–2.045241", ci)
	}
	if b, _ := Slope(equalDays(30, -1, 60), 0.95); b.Valid {
		t.Errorf("two months gave a slope %+v", b)
	}
}

// TestTrendEmbedded checks rows of the trend on the embedded data against
// the figures in data/hrmmu.csv.
func TestTrendEmbedded(t *testing.T) {
	tr, err := ComputeTrend(embedded(), "", data.Casualties, month(2024, 12), month(2025, 3), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Rows) != 4 {
		t.Fatalf("%d rows, want 4", len(tr.Rows))
	}
	mar := tr.Rows[3]
	// Latest vintages: March 2025 1,074 (at least); 1074/31 = 34.645161.
	if mar.Point.Value != 1074 || !near(mar.PerDay.V, 34.645161, 1e-6) || !mar.Provisional {
		t.Errorf("March 2025: %+v per day %+v provisional %v", mar.Point.Value, mar.PerDay, mar.Provisional)
	}
	// Previous month February 2025: 717; (1074-717)/717 = +49.79%.
	if mar.Prev == nil || !near(mar.Prev.Pct.V, 49.790795, 1e-6) || mar.Prev.Verdict != Rise {
		t.Errorf("March 2025 change: %+v", mar.Prev)
	}
	// March 2024: 627 (HRMMU update 2025-04-09); (1074-627)/627 = +71.29%.
	if !near(mar.YoY.V, 71.291866, 1e-6) {
		t.Errorf("March 2025 year on year %+v, want +71.29", mar.YoY)
	}
	// 3-month mean January–March 2025: (909+717+1074)/3 = 900.
	if !mar.Rolling[0].Valid || mar.Rolling[0].V != 900 {
		t.Errorf("rolling 3: %+v, want 900", mar.Rolling[0])
	}
	// The cumulative total stops at the gap of September 2023.
	if mar.Cumulative.Valid || !strings.Contains(mar.Cumulative.Why, "2023-09") {
		t.Errorf("cumulative %+v, want invalid from 2023-09", mar.Cumulative)
	}
	if _, err := ComputeTrend(embedded(), "", data.Casualties, month(2025, 3), month(2025, 1), DefaultOptions()); err == nil {
		t.Error("--from after --to accepted")
	}
}

// TestTrendSlopeEmbedded: the trend over 2024-04..2025-03 of the per-day
// casualty rates 703/30, 864/31, 818/30, 1237/31, 1040/31, 1428/30,
// 1086/31, 1052/30, 619/31, 909/31, 717/28, 1074/31 by least squares
// (computed in Python from the formula in Slope): slope 0.0337649 a day
// per month, se 0.667652, t(0.975, 10) = 2.228139, interval
// -1.453857 … 1.521387: no trend either way.
func TestTrendSlopeEmbedded(t *testing.T) {
	tr, err := ComputeTrend(embedded(), "UA", data.Casualties, month(2023, 1), month(2025, 3), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if tr.SlopeFrom != month(2024, 4) || tr.SlopeTo != month(2025, 3) {
		t.Errorf("slope over %v..%v, want 2024-04..2025-03", tr.SlopeFrom, tr.SlopeTo)
	}
	if !near(tr.Slope.V, 0.0337649, 1e-5) || !near(tr.SlopeCI.Low, -1.453857, 1e-5) || !near(tr.SlopeCI.High, 1.521387, 1e-5) {
		t.Errorf("slope %+v ci %+v", tr.Slope, tr.SlopeCI)
	}
}
