package chart

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// TestSumPartsStacked checks the months whose parts cover different
// days in the embedded data: killed is published for the whole month,
// injured only for some days, and the casualty sum adds killed over those
// days (data/hrmmu.csv): June 2023 186 whole, 112 for 1–18 June; July 161
// whole, 143 for 1–30 July; August 147 whole, 108 for 1–27 August. The
// killed bar is drawn at the whole month with the part the sum uses
// lighter below; injured, partial already, has nothing to stack.
func TestSumPartsStacked(t *testing.T) {
	ds := data.Default()
	in := Input{Data: ds, Area: ds.NationalCode()}
	killed := chartSeries(in, data.Killed)
	vals := countValues(killed, month(2023, 5), month(2023, 9))
	ms := sumParts(casualtyCoverages(in), data.Killed, vals)
	if want := []data.Month{month(2023, 6), month(2023, 7), month(2023, 8)}; !slices.Equal(ms, want) {
		t.Fatalf("stacked months %v, want %v", ms, want)
	}
	want := []struct{ v, inSum float64 }{{174, 0}, {186, 112}, {161, 143}, {147, 108}}
	for i, w := range want {
		if vals[i].V != w.v || vals[i].InSum != w.inSum {
			t.Errorf("%s: bar %v with %v in the sum, want %v with %v", vals[i].Month, vals[i].V, vals[i].InSum, w.v, w.inSum)
		}
	}
	if vals[4].OK || vals[4].InSum != 0 {
		t.Errorf("September 2023, a gap, is drawn: %+v", vals[4])
	}
	injured := countValues(chartSeries(in, data.Injured), month(2023, 6), month(2023, 8))
	if ms := sumParts(casualtyCoverages(in), data.Injured, injured); len(ms) != 0 {
		t.Errorf("injured stacked in %v; its own figures are what the sum uses", ms)
	}

	c := mustChart(t, Monthly, Input{Data: ds, From: month(2023, 1), To: month(2023, 12)})
	note := "In June, July and August 2023 injured covers only 1–18 June, 1–30 July and 1–27 August (lighter), and the casualty sum adds killed over those days only: the lighter lower part of each killed bar, whose full height is the whole month."
	if !slices.Contains(c.Notes, note) {
		t.Errorf("monthly notes lack the stacked months:\n%s", strings.Join(c.Notes, "\n"))
	}
	for _, n := range c.Notes {
		if strings.Contains(n, "1–18 June 2023") {
			t.Errorf("June 2023's coverage told twice: %q", n)
		}
	}
	c = mustChart(t, SameMonth, Input{Data: ds, Month: month(2025, 6)})
	if !slices.ContainsFunc(c.Notes, func(n string) bool {
		return strings.HasPrefix(n, "In June 2023 injured covers only 1–18 June (lighter)")
	}) {
		t.Errorf("same-month notes lack June 2023:\n%s", strings.Join(c.Notes, "\n"))
	}
}

// TestChartSaysGap asks each chart about September 2023, for which HRMMU
// published no figure: the title says there is none and the subtitle
// why, in stats.Gap's words; the month is in Missing, not drawn as 0.
func TestChartSaysGap(t *testing.T) {
	ds := data.Default()
	why := stats.Gap(ds, "", data.Casualties, month(2023, 9)).Error()
	why = string(unicode.ToUpper(rune(why[0]))) + why[1:]
	for _, k := range []Kind{Monthly, PerDay, Change, SameMonth} {
		c := mustChart(t, k, Input{Data: ds, Month: month(2023, 9)})
		if c.Title != "No casualty figure for September 2023" {
			t.Errorf("%s: title %q", k, c.Title)
		}
		if !strings.HasPrefix(c.Subtitle, why+". ") {
			t.Errorf("%s: subtitle %q, want it to begin %q", k, c.Subtitle, why)
		}
		if !slices.ContainsFunc(c.Missing, func(m Missing) bool { return slices.Contains(m.Months, month(2023, 9)) }) {
			t.Errorf("%s: September 2023 not in Missing %v", k, c.Missing)
		}
	}
	// A month with a figure keeps its finding.
	c := mustChart(t, Monthly, Input{Data: ds, Month: month(2025, 3)})
	if strings.HasPrefix(c.Title, "No casualty figure") {
		t.Errorf("March 2025 has a figure; title %q", c.Title)
	}
}

// TestChangeSaysMonthsAfterGap: HRMMU published no figure for September,
// October and December 2023, so November 2023 and January 2024 have no
// month before to compare with; the change chart says so rather than
// leaving an empty column.
func TestChangeSaysMonthsAfterGap(t *testing.T) {
	c := mustChart(t, Change, Input{Data: data.Default()})
	want := "No change is drawn for November 2023 and January 2024: the month before has no figure."
	if !slices.Contains(c.Notes, want) {
		t.Errorf("change notes lack %q:\n%s", want, strings.Join(c.Notes, "\n"))
	}
}
