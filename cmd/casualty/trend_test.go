package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// statsGolden compares got with testdata/DIR/NAME (see goldenFile).
func statsGolden(t *testing.T, dir, name, got string) {
	t.Helper()
	goldenFile(t, filepath.Join("testdata", dir, name), got)
}

// runStats runs casualty in-process and fails the test on an error.
func runStats(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("casualty %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// TestTrendGolden renders trends of the embedded data in every format. The
// text spans 2023-04..2024-03, with part-month figures (June–August 2023),
// gaps (September, October and December 2023) and provisional months.
func TestTrendGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"gaps.txt", []string{"trend", "--from", "2023-04", "--to", "2024-03"}},
		{"2024-2025.txt", []string{"trend", "--from", "2024-10", "--to", "2025-03"}},
		{"2024-2025.md", []string{"trend", "--from", "2024-10", "--to", "2025-03", "--format", "markdown"}},
		{"2024-2025.csv", []string{"trend", "--from", "2024-10", "--to", "2025-03", "--format", "csv"}},
		{"2024-2025.json", []string{"trend", "--from", "2024-10", "--to", "2025-03", "--format", "json"}},
		{"killed-windows.txt", []string{"trend", "--metric", "killed", "--from", "2025-01", "--to", "2025-06", "--windows", "2,6", "--level", "0.9"}},
		{"all.csv", []string{"trend", "--format", "csv"}},
		// testdata/trend/areas.csv: synthetic oblast figures with small
		// counts, a zero, a gap and "at least" figures.
		{"areas-donetska.txt", []string{"trend", "--data", "testdata/trend/areas.csv", "--area", "Donetsk", "--metric", "killed"}},
		{"areas-kharkivska.csv", []string{"trend", "--data", "testdata/trend/areas.csv", "--area", "UA63", "--metric", "killed", "--format", "csv"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut := runStats(t, c.args...)
			statsGolden(t, "trend", c.name, out)
			if strings.HasSuffix(c.name, ".csv") {
				statsGolden(t, "trend", c.name+".stderr", errOut)
			}
		})
	}
}

// TestTrendCSVExact: counts and days in the CSV are integers, ratios read
// back as the exact float, and a gap is an empty cell, never 0.
func TestTrendCSVExact(t *testing.T) {
	out, errOut := runStats(t, "trend", "--format", "csv", "--from", "2023-08", "--to", "2025-03")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var sawGap bool
	for _, r := range recs[1:] {
		if r[col["count"]] == "" {
			sawGap = true
			if r[col["days"]] != "" || r[col["per_day"]] != "" {
				t.Errorf("%s: gap with days or rate: %v", r[0], r)
			}
			continue
		}
		if _, err := strconv.ParseInt(r[col["count"]], 10, 64); err != nil {
			t.Errorf("%s: count %q is not an integer", r[0], r[col["count"]])
		}
		if _, err := strconv.Atoi(r[col["days"]]); err != nil {
			t.Errorf("%s: days %q", r[0], r[col["days"]])
		}
	}
	if !sawGap {
		t.Error("no gap row in a span with gaps")
	}
	// March 2025: 1074 at least, rate ratio on February exactly
	// (1074/31)/(717/28) = 1.352949115940073.
	last := recs[len(recs)-1]
	if last[col["count"]] != "1074" || last[col["qualifier"]] != "at_least" || last[col["rate_ratio"]] != "1.352949115940073" {
		t.Errorf("March 2025 row: %v", last)
	}
	if !strings.Contains(errOut, "no figure; nothing is interpolated (September 2023, October 2023 and December 2023)") {
		t.Errorf("CSV warnings not on stderr: %q", errOut)
	}
	if strings.Contains(out, "warning") {
		t.Error("warnings in the CSV itself")
	}
}

func TestTrendJSON(t *testing.T) {
	out, _ := runStats(t, "trend", "--format", "json", "--from", "2025-02", "--to", "2025-03")
	var got struct {
		Rows []struct {
			Month  string `json:"month"`
			Count  *int64 `json:"count"`
			Change *struct {
				ChangePct *float64 `json:"change_pct"`
				Verdict   string   `json:"verdict"`
			} `json:"change"`
			Rolling map[string]*float64 `json:"rolling"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 2 {
		t.Fatalf("%d rows", len(got.Rows))
	}
	r := got.Rows[1]
	// (1074-717)/717·100 = 49.7907949790795; (909+717+1074)/3 = 900.
	if r.Month != "2025-03" || *r.Count != 1074 || *r.Change.ChangePct != 49.7907949790795 || r.Change.Verdict != "rise" || *r.Rolling["3"] != 900 {
		t.Errorf("March 2025: %+v", r)
	}
}

func TestTrendUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"trend", "--format", "xml"},
		{"trend", "--from", "2025-13"},
		{"trend", "--from", "2025-03", "--to", "2025-01"},
		{"trend", "--windows", "0"},
		{"trend", "--metric", "deads"},
		{"trend", "--level", "95"},
		{"trend", "--area", "Atlantis"},
		{"trend", "2025-03"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, &out, &errOut)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("casualty %s: %v, want a usage error (exit 2)", strings.Join(args, " "), err)
		}
		if out.Len() != 0 {
			t.Errorf("casualty %s wrote %q", strings.Join(args, " "), out.String())
		}
	}
}

// TestTrendJSONGapRows: a month with no figure (September and October
// 2023) is a row with no count, no rate and no number in its change; the
// month after it (November 2023, 476) has its count but no change. Before,
// the gap rows' change carried a dispersion (18.66).
func TestTrendJSONGapRows(t *testing.T) {
	out, _ := runStats(t, "trend", "--format", "json", "--from", "2023-08", "--to", "2023-11")
	var got struct {
		Rows []struct {
			Month   string          `json:"month"`
			Present bool            `json:"present"`
			Count   *int64          `json:"count"`
			PerDay  *float64        `json:"per_day"`
			Change  *map[string]any `json:"change"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 4 {
		t.Fatalf("%d rows", len(got.Rows))
	}
	for i, r := range got.Rows[1:] {
		gap := i < 2
		if gap && (r.Present || r.Count != nil || r.PerDay != nil) {
			t.Errorf("%s: a gap with a figure: %+v", r.Month, r)
		}
		if !gap && (r.Count == nil || *r.Count != 476) {
			t.Errorf("%s: count %v, want 476", r.Month, r.Count)
		}
		if r.Change == nil {
			t.Fatalf("%s: no change object", r.Month)
		}
		for _, k := range []string{"change_pct", "per_day_change_pct", "rate_ratio", "ci_low", "ci_high", "ci_low_overdispersed", "ci_high_overdispersed", "dispersion", "p_value"} {
			if v := (*r.Change)[k]; v != nil {
				t.Errorf("%s: change %s = %v over a gap", r.Month, k, v)
			}
		}
		if (*r.Change)["verdict"] != "unavailable" {
			t.Errorf("%s: verdict %v", r.Month, (*r.Change)["verdict"])
		}
	}
}
