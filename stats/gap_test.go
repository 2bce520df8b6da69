package stats

import (
	"errors"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

func date(t *testing.T, s string) data.Date {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// partsSet is a synthetic June 2025 for UA: killed for the whole month,
// injured as given (for days from-to, or the whole month when both are
// 0; none when injured is negative), between complete months May and
// July, all from one publication.
func partsSet(t *testing.T, injured int64, from, to int) *data.Dataset {
	p := data.Publication{Name: "test", Date: date(t, "2025-07-10")}
	obs := []data.Observation{
		{Month: month(2025, 5), Area: "UA", Metric: data.Killed, Value: 100, Published: p},
		{Month: month(2025, 5), Area: "UA", Metric: data.Injured, Value: 300, Published: p},
		{Month: month(2025, 6), Area: "UA", Metric: data.Killed, Value: 90, Published: p},
		{Month: month(2025, 7), Area: "UA", Metric: data.Killed, Value: 80, Published: p},
		{Month: month(2025, 7), Area: "UA", Metric: data.Injured, Value: 200, Published: p},
	}
	if injured >= 0 {
		obs = append(obs, data.Observation{Month: month(2025, 6), Area: "UA", Metric: data.Injured, Value: injured, FromDay: from, ToDay: to, Published: p})
	}
	return &data.Dataset{Obs: obs, Areas: data.Ukraine()}
}

// TestGap: every reason a month can lack a figure, with the exact message
// a reader sees. On the embedded data: HRMMU gave no figure for
// September 2023; March 2025 came out in the update of 9 April 2025; the
// data run from February 2022 (killed, 24–28 February) to January 2026.
func TestGap(t *testing.T) {
	ds := embedded()
	cases := []struct {
		name   string
		ds     *data.Dataset
		m      data.Metric
		mo     data.Month
		reason GapReason
		want   string
	}{
		{"never published", ds, data.Casualties, month(2023, 9), NotPublished,
			"no figure published for September 2023 (casualties in Ukraine): a gap, which is never counted as zero"},
		{"published later", ds.AsOf(date(t, "2025-04-08")), data.Casualties, month(2025, 3), NotYetPublished,
			"no figure for March 2025 as of 8 April 2025: March 2025 was first published on 9 April 2025 (HRMMU update 2025-04-09), after that date (casualties in Ukraine)"},
		{"after the end", ds, data.Casualties, month(2026, 2), AfterEnd,
			"no figure for February 2026: the data end with January 2026 (casualties in Ukraine)"},
		{"after the end as of", ds.AsOf(date(t, "2025-04-08")), data.Killed, month(2027, 1), AfterEnd,
			"no figure for January 2027: the data as of 8 April 2025 end with February 2025 (killed in Ukraine)"},
		{"before the start", ds, data.Killed, month(2021, 12), BeforeStart,
			"no figure for December 2021: the data begin with February 2022 (killed in Ukraine)"},
		{"a part missing", partsSet(t, -1, 0, 0), data.Casualties, month(2025, 6), PartsMissing,
			"no casualties figure for June 2025 in Ukraine: killed was published for it but injured was not, and half a sum is not a total"},
		{"no common days", partsSet(t, 445, 1, 18), data.Casualties, month(2025, 6), NoCommonDays,
			"no casualties figure for June 2025 in Ukraine: its parts cover different days (killed whole month, injured 1-18 Jun 2025), and a sum must cover the same days"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := Gap(c.ds, "", c.m, c.mo)
			if g == nil {
				t.Fatal("no gap")
			}
			if g.Reason != c.reason || g.Error() != c.want {
				t.Errorf("reason %d, %q\nwant reason %d, %q", g.Reason, g.Error(), c.reason, c.want)
			}
		})
	}
	if g := Gap(ds, "", data.Casualties, month(2025, 3)); g != nil {
		t.Errorf("March 2025 has a figure, got %v", g)
	}
	// A part-month figure is a figure: June 2023, 1–18 June.
	if g := Gap(ds, "", data.Casualties, month(2023, 6)); g != nil {
		t.Errorf("June 2023 has a part-month figure, got %v", g)
	}
}

// TestCompareRefusesGaps: with RefuseGaps, a period with a month without
// a figure is a *GapError; without, the comparison says so and carries no
// number for it. Before, September 2023 read "0 casualties were
// recorded", a change of -585 (0 - 585) and a dispersion.
func TestCompareRefusesGaps(t *testing.T) {
	ds := embedded()
	opt := DefaultOptions()
	opt.RefuseGaps = true
	_, err := Compare(ds, "", data.Casualties, one(2023, 8), one(2023, 9), opt)
	var g *GapError
	if !errors.As(err, &g) || g.Month != month(2023, 9) || g.Reason != NotPublished {
		t.Fatalf("err %v, want a gap for September 2023", err)
	}
	_, err = Compare(ds, "", data.Casualties, Period{month(2023, 8), month(2023, 10)}, Period{month(2024, 8), month(2024, 10)}, opt)
	if !errors.As(err, &g) || g.Month != month(2023, 9) || len(g.Other) != 1 || g.Other[0] != month(2023, 10) {
		t.Fatalf("err %v, want September 2023 and also October", err)
	}
	_, err = Compare(ds.AsOf(date(t, "2025-04-08")), "", data.Casualties, one(2025, 2), one(2025, 3), opt)
	if !errors.As(err, &g) || g.Reason != NotYetPublished || g.FirstPublished.Date.String() != "2025-04-09" {
		t.Fatalf("err %v, want March 2025 published on 9 April 2025", err)
	}

	c, err := Compare(ds, "", data.Casualties, one(2023, 8), one(2023, 9), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if c.Gap == nil || c.Gap.Month != month(2023, 9) || c.Verdict != Unavailable || c.Computed() {
		t.Errorf("gap %v, verdict %v, computed %v", c.Gap, c.Verdict, c.Computed())
	}
	if c.Abs != 0 || c.Dispersion.Valid || c.P.Valid || c.RateRatio.Valid {
		t.Errorf("numbers over a gap: abs %d, dispersion %+v, p %+v, ratio %+v", c.Abs, c.Dispersion, c.P, c.RateRatio)
	}
	if strings.Contains(c.Sentence, " 0 ") || !strings.HasPrefix(c.Sentence, "September 2023 has no figure") {
		t.Errorf("sentence: %s", c.Sentence)
	}
}

func TestOverlap(t *testing.T) {
	cases := []struct {
		from, to Period
		shared   string // "" for none
	}{
		{one(2025, 3), one(2025, 3), "2025-03"},
		{Period{month(2025, 1), month(2025, 3)}, Period{month(2025, 2), month(2025, 4)}, "2025-02..2025-03"},
		{Period{month(2025, 2), month(2025, 4)}, Period{month(2025, 1), month(2025, 3)}, "2025-02..2025-03"},
		{Period{month(2025, 1), month(2025, 12)}, one(2025, 6), "2025-06"},
		{Period{month(2025, 1), month(2025, 3)}, Period{month(2025, 3), month(2025, 5)}, "2025-03"},
		{Period{month(2025, 1), month(2025, 3)}, Period{month(2025, 4), month(2025, 6)}, ""},
		{one(2025, 3), one(2025, 2), ""},
		{one(2024, 3), one(2025, 3), ""},
	}
	for _, c := range cases {
		err := Overlap(c.from, c.to)
		var o *OverlapError
		switch {
		case c.shared == "" && err != nil:
			t.Errorf("%v, %v: %v, want no overlap", c.from, c.to, err)
		case c.shared != "" && (!errors.As(err, &o) || o.Shared.String() != c.shared):
			t.Errorf("%v, %v: %v, want %s shared", c.from, c.to, err, c.shared)
		}
	}
	// Compare refuses them whatever the options.
	if _, err := Compare(embedded(), "", data.Casualties, one(2025, 3), one(2025, 3), DefaultOptions()); err == nil {
		t.Error("March 2025 compared with itself")
	}
}

// TestArea: the national total of data holding only areas' figures is
// refused, never summed; an area asked for, or data with national rows,
// pass.
func TestArea(t *testing.T) {
	mar := month(2025, 3)
	onlyAreas := areaSet(t, nil, map[string]map[data.Month]int64{"UA63": {mar: 12}, "UA14": {mar: 30}})
	_, err := Area(onlyAreas, "")
	var e *NoNationalError
	if !errors.As(err, &e) || strings.Join(e.Areas, ",") != "UA14,UA63" {
		t.Fatalf("err %v, want no national total with UA14, UA63", err)
	}
	want := "the data have no national figures for Ukraine, only figures for 2 areas (Donetska UA14, Kharkivska UA63); areas are not added up into a national total, which would look complete without being so: pick an area with --area (e.g. --area UA14)"
	if err.Error() != want {
		t.Errorf("message\n%s\nwant\n%s", err, want)
	}
	if _, err := Area(onlyAreas, "UA"); err == nil {
		t.Error("the national code asked explicitly was accepted")
	}
	if a, err := Area(onlyAreas, "UA63"); err != nil || a != "UA63" {
		t.Errorf("an area with figures: %q, %v", a, err)
	}
	both := areaSet(t, map[data.Month]int64{mar: 42}, map[string]map[data.Month]int64{"UA63": {mar: 12}})
	if a, err := Area(both, ""); err != nil || a != "UA" {
		t.Errorf("national rows present: %q, %v", a, err)
	}
	// Every computation goes through it.
	if _, err := ComputeTrend(onlyAreas, "", data.Killed, data.Month{}, data.Month{}, DefaultOptions()); !errors.As(err, &e) {
		t.Errorf("trend: %v", err)
	}
	if _, err := Compare(onlyAreas, "", data.Killed, one(2025, 2), one(2025, 3), DefaultOptions()); !errors.As(err, &e) {
		t.Errorf("compare: %v", err)
	}
	many := areaSet(t, nil, map[string]map[data.Month]int64{"UA63": {mar: 1}, "UA14": {mar: 1}, "UA05": {mar: 1}, "UA07": {mar: 1}, "UA12": {mar: 1}})
	if _, err := Area(many, ""); err == nil || !strings.Contains(err.Error(), "only figures for 5 areas (Vinnytska UA05, Volynska UA07, Dnipropetrovska UA12, and 2 more)") {
		t.Errorf("five areas: %v", err)
	}
}

// TestTrendGapRows: within the data a month with no figure is a row with
// no count and no change; outside the data the trend is refused.
func TestTrendGapRows(t *testing.T) {
	ds := embedded()
	tr, err := ComputeTrend(ds, "", data.Casualties, month(2023, 8), month(2023, 11), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tr.Rows[1:3] { // September, October 2023
		if r.Gap == nil || r.Gap.Reason != NotPublished || r.Gap.Month != r.Point.Month {
			t.Errorf("%s: gap %v", r.Point.Month, r.Gap)
		}
		if r.Point.Present || r.Point.Value != 0 || r.PerDay.Valid || r.Prev == nil || r.Prev.Computed() ||
			r.Prev.Dispersion.Valid || r.Prev.DispersionMonths != 0 || r.Prev.Verdict != Unavailable {
			t.Errorf("%s: %+v", r.Point.Month, r)
		}
	}
	// November 2023 has a figure (476) but no change on October.
	if nov := tr.Rows[3]; !nov.Point.Present || nov.Point.Value != 476 || nov.Prev.Computed() || nov.Prev.Dispersion.Valid {
		t.Errorf("November 2023: %+v", nov)
	}
	var g *GapError
	if _, err := ComputeTrend(ds, "", data.Casualties, month(2025, 1), month(2026, 3), DefaultOptions()); !errors.As(err, &g) || g.Reason != AfterEnd {
		t.Errorf("to March 2026: %v", err)
	}
	if _, err := ComputeTrend(ds.AsOf(date(t, "2025-04-08")), "", data.Casualties, month(2025, 1), month(2025, 3), DefaultOptions()); !errors.As(err, &g) || g.Reason != NotYetPublished {
		t.Errorf("as of 8 April 2025 to March 2025: %v", err)
	}
}

// TestInData: September 2023 is a gap within the data (shown as one);
// March 2026 lies after it and March 2025 after 8 April 2025 (refused).
func TestInData(t *testing.T) {
	ds := embedded()
	if err := InData(ds, "", data.Casualties, month(2023, 9)); err != nil {
		t.Errorf("September 2023: %v", err)
	}
	var g *GapError
	if err := InData(ds, "", data.Casualties, month(2026, 3)); !errors.As(err, &g) || g.Reason != AfterEnd || g.Bound != month(2026, 1) {
		t.Errorf("March 2026: %v", err)
	}
	if err := InData(ds.AsOf(date(t, "2025-04-08")), "", data.Casualties, month(2025, 3)); !errors.As(err, &g) || g.Reason != NotYetPublished {
		t.Errorf("March 2025 as of 8 April 2025: %v", err)
	}
	if err := InData(ds, "UA14", data.Casualties, month(2025, 3)); !errors.As(err, &g) {
		t.Errorf("an area with no figures: %v", err)
	}
}
