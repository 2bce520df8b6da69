package table

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// TestTrendJSONGapAndCoverage: on the embedded data, September 2023 has
// no figure (HRMMU published none) and August 2023's casualties sum
// killed and injured over 1-27 August only. The JSON gives the gap no
// count (null, never 0), no dispersion months for the change it cannot
// compute, and the reason; August carries its coverage note.
func TestTrendJSONGapAndCoverage(t *testing.T) {
	tr, err := stats.ComputeTrend(data.Default(), "", data.Casualties, data.NewMonth(2023, 8), data.NewMonth(2023, 10), stats.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTrendJSON(&b, tr); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Rows []map[string]json.RawMessage `json:"rows"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	byMonth := map[string]map[string]json.RawMessage{}
	for _, r := range out.Rows {
		var m string
		json.Unmarshal(r["month"], &m)
		byMonth[m] = r
	}
	sep := byMonth["2023-09"]
	if sep == nil {
		t.Fatalf("no row for 2023-09:\n%s", b.String())
	}
	if c, ok := sep["count"]; !ok || string(c) != "null" {
		t.Errorf(`2023-09 "count" = %s, want null`, c)
	}
	var gap string
	json.Unmarshal(sep["gap"], &gap)
	if want := "no figure published for September 2023 (casualties in Ukraine): a gap, which is never counted as zero"; gap != want {
		t.Errorf("2023-09 gap %q, want %q", gap, want)
	}
	var change map[string]json.RawMessage
	json.Unmarshal(sep["change"], &change)
	if _, ok := change["dispersion_months"]; ok {
		t.Errorf("2023-09's change is not computed but has dispersion_months: %s", sep["change"])
	}
	var cov string
	json.Unmarshal(byMonth["2023-08"]["coverage"], &cov)
	// HRMMU as of 27 August 2023: killed 147 for the month, 108 to 27
	// August; injured 477 to 27 August; 108 + 477 = 585.
	if want := "killed for the whole month (at least 147), injured for 1-27 Aug 2023 only (at least 477); casualties are summed over the days they share, 1-27 Aug 2023: at least 108 killed + at least 477 injured = at least 585"; cov != want {
		t.Errorf("2023-08 coverage %q, want %q", cov, want)
	}
	if _, ok := byMonth["2023-08"]["gap"]; ok {
		t.Error("2023-08 has a figure but a gap reason")
	}
	json.Unmarshal(byMonth["2023-08"]["change"], &change)
	if _, ok := change["dispersion_months"]; !ok {
		t.Errorf("2023-08's change is computed but has no dispersion_months: %s", byMonth["2023-08"]["change"])
	}
}

// TestTablesNameWhatTheyCount: a trend and a comparison of event data are
// titled by what the figures count and keyed by the source's description
// of its counts, never as a mission's verified minimums; a file with no
// declared source is keyed as a lower bound as the file gives it.
func TestTablesNameWhatTheyCount(t *testing.T) {
	const file = "month,area,metric,value\n2025-01,UA14,killed,40\n2025-02,UA14,killed,52\n2025-03,UA14,killed,61\n"
	plain, err := data.Load(strings.NewReader(file), "sums.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ds         *data.Dataset
		title, key string
		never      string
	}{
		{plain.WithSource(data.ACLED), "Reported fatalities, all actors (ACLED) in Donetska", strings.TrimSuffix(data.ACLED.Counts, "."), "verified minimum)"},
		{plain, "Killed in Donetska", "≥ at least (a lower bound, as the file gives it)", "verified minimum"},
		{plain.WithSource(data.HRMMU), "Killed in Donetska", "≥ at least (a verified minimum)", "ACLED"},
	} {
		tr, err := stats.ComputeTrend(c.ds, "UA14", data.Killed, data.NewMonth(2025, 1), data.NewMonth(2025, 3), stats.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := Trend(tr, "Donetska").WriteText(&b); err != nil {
			t.Fatal(err)
		}
		cm, err := stats.Compare(c.ds, "UA14", data.Killed, stats.Period{From: data.NewMonth(2025, 2), To: data.NewMonth(2025, 2)},
			stats.Period{From: data.NewMonth(2025, 3), To: data.NewMonth(2025, 3)}, stats.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := Comparison(cm, "Donetska").WriteText(&b); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(b.String()), " ")
		for _, want := range []string{c.title + " by month", c.title + ": March 2025 against February 2025", c.key} {
			if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s: tables lack %q:\n%s", c.ds.Wording().Label(), want, b.String())
			}
		}
		if strings.Contains(text, c.never) {
			t.Errorf("%s: tables say %q:\n%s", c.ds.Wording().Label(), c.never, b.String())
		}
	}
}

// TestComparisonJSONGap: compared with September 2023, a month with no
// figure, a comparison gives no count for it and no change (null, never
// 0), and lists the month as missing.
func TestComparisonJSONGap(t *testing.T) {
	sep, jan := data.NewMonth(2023, 9), data.NewMonth(2024, 1)
	c, err := stats.Compare(data.Default(), "", data.Killed, stats.Period{From: sep, To: sep}, stats.Period{From: jan, To: jan}, stats.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteComparisonJSON(&b, c); err != nil {
		t.Fatal(err)
	}
	var out struct {
		From   map[string]json.RawMessage `json:"from"`
		To     map[string]json.RawMessage `json:"to"`
		Change json.RawMessage            `json:"change"`
		Months *int                       `json:"dispersion_months"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	missing := strings.Join(strings.Fields(string(out.From["missing"])), "")
	if string(out.From["count"]) != "null" || string(out.Change) != "null" || missing != `["2023-09"]` {
		t.Errorf("from count %s, change %s, missing %s; want null, null, [\"2023-09\"]:\n%s", out.From["count"], out.Change, out.From["missing"], b.String())
	}
	if out.Months != nil {
		t.Errorf("dispersion_months %d on a change not computed", *out.Months)
	}
	// January 2024 has its figure: at least 158 killed (HRMMU update of
	// 7 February 2024, embedded hrmmu.csv).
	if string(out.To["count"]) != "158" {
		t.Errorf("to count null:\n%s", b.String())
	}
}
