package stats

import (
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

func month(y, m int) data.Month { return data.Month{Year: y, Month: time.Month(m)} }

func one(y, m int) Period { return Period{month(y, m), month(y, m)} }

// TestCompareMarch2025 is the example on the embedded data.
func TestCompareMarch2025(t *testing.T) {
	ds := embedded()
	c, err := Compare(ds, "", data.Casualties, one(2025, 2), one(2025, 3), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Publication of 9 April 2025: March 164 killed + 910 injured = 1,074
	// (at least); February revised 129 + 588 = 717 (first published
	// 123 + 567 = 690).
	if !c.Common || !strings.Contains(c.Basis, "2025-04-09") {
		t.Errorf("basis %q (common %v), want the update of 9 April 2025", c.Basis, c.Common)
	}
	if c.From.Count != 717 || c.To.Count != 1074 || c.Abs != 357 {
		t.Errorf("counts %d → %d (abs %d), want 717 → 1074 (357)", c.From.Count, c.To.Count, c.Abs)
	}
	if c.To.Qualifier != data.AtLeast || !c.Recorded() || !c.From.Revised || c.To.Revised || !c.To.Provisional {
		t.Errorf("to qualifier %v, recorded %v, from revised %v, to revised %v, provisional %v",
			c.To.Qualifier, c.Recorded(), c.From.Revised, c.To.Revised, c.To.Provisional)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"pct", c.Pct.V, 49.790795},                // 357/717·100
		{"from per day", c.From.PerDay, 25.607143}, // 717/28
		{"to per day", c.To.PerDay, 34.645161},     // 1074/31
		{"per-day pct", c.PerDayPct.V, 35.294912},  // (34.645161/25.607143 - 1)·100
		{"ratio", c.RateRatio.V, 1.352949},         // R: poisson.test(c(1074, 717), c(31, 28))
		{"ci low", c.CI.Low, 1.229771},             // R, as above
		{"ci high", c.CI.High, 1.489152},           // R, as above
		{"p", c.P.V, 2.889e-10},                    // R, as above
	}
	for _, k := range checks {
		if !near(k.got, k.want, 1e-4) {
			t.Errorf("%s = %.8g, want %.8g", k.name, k.got, k.want)
		}
	}
	if c.Verdict != Rise || !c.Significant() {
		t.Errorf("verdict %v, want rise", c.Verdict)
	}
	// The dispersion of 2024-04..2025-03 is far above 1 and widens the
	// interval past no change: the rise is not robust to clustering.
	if !c.Dispersion.Valid || c.Dispersion.V <= 1 || c.DispersionMonths != 12 {
		t.Errorf("dispersion %+v over %d months", c.Dispersion, c.DispersionMonths)
	}
	if !c.CIOverdispersed.Valid || c.CIOverdispersed.Low >= c.CI.Low || c.CIOverdispersed.High <= c.CI.High {
		t.Errorf("overdispersed %+v not wider than %+v", c.CIOverdispersed, c.CI)
	}
	want := "In March 2025, at least 164 civilians were killed and 910 injured (1,074 casualties), 50% more than in February 2025 (at least 717, as revised). " +
		"Per day, recorded casualties rose 35% (34.6 against 25.6 a day; 95% interval +23% to +49%)."
	if !strings.HasPrefix(c.Sentence, want) {
		t.Errorf("sentence\n%s\nwant it to start\n%s", c.Sentence, want)
	}
	if !strings.Contains(c.Sentence, "which includes no change") {
		t.Errorf("sentence does not say the clustered interval includes no change: %s", c.Sentence)
	}
}

// TestCompareFirstPublished: against February as first published (690,
// at least), March reads +55.7% (1074/690 = 1.55652). That comparison is
// only made when both months come from one publication that has them —
// the update of 13 March 2025 does not have March, so compare against
// the 690 by hand through Between.
func TestCompareFirstPublished(t *testing.T) {
	ds := embedded()
	first := ds.FirstPublished().Series("UA", data.Casualties)
	f := FigureOf(first, one(2025, 2))
	if f.Count != 690 || f.Qualifier != data.AtLeast {
		t.Fatalf("February 2025 first published: %d %v, want at least 690", f.Count, f.Qualifier)
	}
	to := FigureOf(ds.Latest().Series("UA", data.Casualties), one(2025, 3))
	c := Between(f, to, Value{}, DefaultOptions())
	if !near(c.Pct.V, 55.652174, 1e-6) { // (1074-690)/690·100
		t.Errorf("pct %v, want 55.652174", c.Pct.V)
	}
	if c.CIOverdispersed.Valid {
		t.Errorf("no dispersion given, yet an overdispersed interval %+v", c.CIOverdispersed)
	}
}

func TestCompareLatestVintagesBasis(t *testing.T) {
	opt := DefaultOptions()
	opt.LatestVintages = true
	c, err := Compare(embedded(), "UA", data.Casualties, one(2025, 2), one(2025, 3), opt)
	if err != nil {
		t.Fatal(err)
	}
	if c.Common || !strings.Contains(c.Basis, "latest vintage") {
		t.Errorf("basis %q", c.Basis)
	}
}

func TestBetweenRules(t *testing.T) {
	opt := DefaultOptions()
	fig := func(count int64, days int) Figure {
		return Figure{Period: one(2024, 1), Count: count, Days: days, PerDay: float64(count) / float64(days)}
	}
	cases := []struct {
		name     string
		from, to Figure
		verdict  Verdict
		pct      float64 // when valid
		valid    bool
	}{
		// Base 9 < MinBase 10: no %.
		{"too few", fig(9, 30), fig(30, 30), TooFew, 0, false},
		// A base of 0 is never a percentage, even with MinBase 0 (below).
		{"zero base", fig(0, 30), fig(30, 30), TooFew, 0, false},
		// 10 → 15 over equal days: +50%, ratio 1.5, exact CI 0.630400–3.733620
		// (poisson.test(c(15, 10), c(30, 30)); Clopper–Pearson by exact
		// enumeration in Python) contains 1 → "~".
		{"noise", fig(10, 30), fig(15, 30), NoChange, 50, true},
		// 300 → 150 over equal days: -50%, CI well below 1.
		{"fall", fig(300, 30), fig(150, 30), Fall, -50, true},
		{"missing", Figure{Period: one(2024, 1), Missing: []data.Month{month(2024, 1)}}, fig(5, 30), Unavailable, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Between(c.from, c.to, Value{V: 2, Valid: true}, opt)
			if got.Verdict != c.verdict {
				t.Errorf("verdict %v, want %v", got.Verdict, c.verdict)
			}
			if got.Pct.Valid != c.valid || (c.valid && !near(got.Pct.V, c.pct, 1e-12)) {
				t.Errorf("pct %+v, want %v (valid %v)", got.Pct, c.pct, c.valid)
			}
			if c.name == "noise" && (!near(got.CI.Low, 0.630400, 1e-5) || !near(got.CI.High, 3.733620, 1e-5)) {
				t.Errorf("ci %+v, want 0.630400–3.733620", got.CI)
			}
			if !got.Pct.Valid && got.Pct.Why == "" {
				t.Errorf("invalid pct without a reason")
			}
			if !c.valid && len(got.Warnings) == 0 {
				t.Errorf("no warning")
			}
		})
	}
	opt.MinBase = 0
	if got := Between(fig(0, 30), fig(3, 30), Value{}, opt); got.Pct.Valid || got.Verdict != TooFew {
		t.Errorf("a %% change on 0: %+v", got)
	}
}

// TestCompareRanges: period-to-date sums. January–March 2025 against
// January–March 2024 on the latest vintages.
func TestCompareRanges(t *testing.T) {
	ds := embedded()
	this, last := PeriodToDate(month(2025, 3))
	if this.String() != "2025-01..2025-03" || last.String() != "2024-01..2024-03" {
		t.Fatalf("PeriodToDate: %v, %v", this, last)
	}
	opt := DefaultOptions()
	opt.LatestVintages = true
	c, err := Compare(ds, "UA", data.Casualties, last, this, opt)
	if err != nil {
		t.Fatal(err)
	}
	s := ds.Latest().Series("UA", data.Casualties)
	var want int64
	days := 0
	for _, m := range []data.Month{month(2025, 1), month(2025, 2), month(2025, 3)} {
		want += s.At(m).Value
		days += s.At(m).Days
	}
	// 31 + 28 + 31 = 90 days in January–March 2025.
	if c.To.Count != want || c.To.Days != 90 || days != 90 {
		t.Errorf("to = %d over %d days, want %d over 90", c.To.Count, c.To.Days, want)
	}
	// 2024 is a leap year: 31 + 29 + 31 = 91 days.
	if c.From.Days != 91 {
		t.Errorf("from days %d, want 91", c.From.Days)
	}
	if c.To.Qualifier != data.AtLeast {
		t.Errorf("a sum including lower bounds is %v, want at least", c.To.Qualifier)
	}
}

func TestCompareErrors(t *testing.T) {
	ds := embedded()
	if _, err := Compare(ds, "UA", data.Casualties, Period{month(2025, 3), month(2025, 1)}, one(2025, 4), DefaultOptions()); err == nil {
		t.Error("a backwards period was accepted")
	}
	if _, err := Compare(ds, "UA05", data.Casualties, one(2025, 2), one(2025, 3), DefaultOptions()); err == nil {
		t.Error("an area with no figures was accepted")
	}
}

// TestComparePartMonth: June 2023 injured is reported for 1–18 June only,
// so casualties come from the killed and injured figures for those days
// (OHCHR update of 19 June 2023: 112 + 445 = 557); May 2023 covers the
// whole month (858). The raw counts are not compared; the per-day rates
// are: 557/18 = 30.9444 against 858/31 = 27.6774 a day, ratio 1.118039,
// +11.80%.
func TestComparePartMonth(t *testing.T) {
	opt := DefaultOptions()
	opt.LatestVintages = true
	c, err := Compare(embedded(), "UA", data.Casualties, one(2023, 5), one(2023, 6), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !c.To.PartMonth || c.To.Days != 18 || c.To.Count != 557 || c.From.Count != 858 {
		t.Fatalf("to %+v from %+v", c.To, c.From)
	}
	if c.Pct.Valid {
		t.Errorf("raw %% change between a part-month and a whole month: %+v", c.Pct)
	}
	if !near(c.RateRatio.V, (557.0/18)/(858.0/31), 1e-12) || !near(c.PerDayPct.V, 11.8039, 1e-4) {
		t.Errorf("ratio %+v per day %+v", c.RateRatio, c.PerDayPct)
	}
	if !strings.Contains(c.Sentence, "(18 days reported)") || strings.Contains(c.Sentence, "more than") {
		t.Errorf("sentence presents part of June as the month: %s", c.Sentence)
	}
	if len(c.Warnings) == 0 || !strings.Contains(warningsText(c.Warnings), "18 days") {
		t.Errorf("warnings %v", c.Warnings)
	}
}

func warningsText(ws []error) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.Error())
	}
	return strings.Join(s, "; ")
}
