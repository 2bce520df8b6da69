package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"2025-03.txt", []string{"compare", "2025-02", "2025-03"}},
		{"2025-03.md", []string{"compare", "2025-02", "2025-03", "--format", "markdown"}},
		{"2025-03.json", []string{"compare", "--format", "json", "2025-02", "2025-03"}},
		{"2025-03.sentence", []string{"compare", "--format", "sentence", "2025-02", "2025-03"}},
		{"2025-03-latest.txt", []string{"compare", "--latest-vintages", "2025-02", "2025-03"}},
		{"ytd.txt", []string{"compare", "2024-01..2024-09", "2025-01..2025-09"}},
		{"part-month.txt", []string{"compare", "2023-05", "2023-06"}},
		{"killed-noise.txt", []string{"compare", "--metric", "killed", "2025-07", "2025-08"}},
		{"level-90.json", []string{"compare", "--level", "0.9", "--format", "json", "2025-01", "2025-02"}},
		// A base of 0 (Donetska, April 2025, synthetic): too few to compare.
		{"zero-base.txt", []string{"compare", "--data", "testdata/trend/areas.csv", "--area", "Donetsk", "--metric", "killed", "2025-04", "2025-05"}},
		{"zero-base.json", []string{"compare", "--data", "testdata/trend/areas.csv", "--area", "Donetsk", "--metric", "killed", "--format", "json", "2025-04", "2025-05"}},
		// 40+9 = 49 (at least) over 59 days against 0+12 = 12 over 61.
		{"area-ranges.txt", []string{"compare", "--data", "testdata/trend/areas.csv", "--area", "UA14", "--metric", "killed", "2025-01..2025-02", "2025-04..2025-05"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _ := runStats(t, c.args...)
			statsGolden(t, "compare", c.name, out)
		})
	}
}

// TestCompareIssueFigures checks the figures of the issue in the JSON:
// 717 → 1,074, +49.8% raw, 25.61 → 34.65 a day (+35.3%), rate ratio
// 1.3529, exact 95% interval 1.2298–1.4892, p ≈ 2.9e-10
// (R: poisson.test(c(1074, 717), c(31, 28))).
func TestCompareIssueFigures(t *testing.T) {
	out, _ := runStats(t, "compare", "--format", "json", "2025-02", "2025-03")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"from", "to", "change_pct", "per_day_change_pct", "rate_ratio", "ci_low", "ci_high",
		"ci_low_overdispersed", "ci_high_overdispersed", "p_value", "significant", "sentence", "warnings"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON has no %q", k)
		}
	}
	from, to := got["from"].(map[string]any), got["to"].(map[string]any)
	for _, side := range []map[string]any{from, to} {
		for _, k := range []string{"month", "days", "count", "qualifier", "per_day"} {
			if _, ok := side[k]; !ok {
				t.Errorf("from/to has no %q", k)
			}
		}
	}
	// Counts are JSON integers: the raw text has "count": 717, not 717.0.
	if !strings.Contains(out, `"count": 717,`) || !strings.Contains(out, `"count": 1074,`) {
		t.Errorf("counts not written as integers:\n%s", out)
	}
	checks := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"from.count", from["count"].(float64), 717, 0},
		{"to.count", to["count"].(float64), 1074, 0},
		{"from.days", from["days"].(float64), 28, 0},
		{"to.days", to["days"].(float64), 31, 0},
		{"from.per_day", from["per_day"].(float64), 25.607143, 1e-6}, // 717/28
		{"to.per_day", to["per_day"].(float64), 34.645161, 1e-6},     // 1074/31
		{"change_pct", got["change_pct"].(float64), 49.790795, 1e-6}, // 357/717
		{"per_day_change_pct", got["per_day_change_pct"].(float64), 35.294912, 1e-6},
		{"rate_ratio", got["rate_ratio"].(float64), 1.352949, 1e-6},
		{"ci_low", got["ci_low"].(float64), 1.229771, 1e-6},
		{"ci_high", got["ci_high"].(float64), 1.489152, 1e-6},
		{"p_value", got["p_value"].(float64), 2.889e-10, 1e-3},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > c.tol*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if got["significant"] != true || to["qualifier"] != "at_least" || from["month"] != "2025-02" {
		t.Errorf("significant %v, to qualifier %v, from month %v", got["significant"], to["qualifier"], from["month"])
	}
	lo, hi := got["ci_low_overdispersed"].(float64), got["ci_high_overdispersed"].(float64)
	if !(lo < 1.229771 && hi > 1.489152) {
		t.Errorf("overdispersed interval %v–%v is not wider than the Poisson one", lo, hi)
	}
	s := got["sentence"].(string)
	if !strings.HasPrefix(s, "In March 2025, at least 164 civilians were killed and 910 injured (1,074 casualties), 50% more than in February 2025 (at least 717, as revised). Per day, recorded casualties rose 35% (34.6 against 25.6 a day; 95% interval +23% to +49%).") {
		t.Errorf("sentence: %s", s)
	}
}

// TestCompareText: the text output shows the figures a reader checks.
func TestCompareText(t *testing.T) {
	out, _ := runStats(t, "compare", "2025-02", "2025-03")
	for _, want := range []string{"HRMMU update 2025-04-09", "717", "≥1,074", "25.61", "34.65", "+49.8%", "+35.3%",
		"1.2298 to 1.4892", "2.9e-10", "↑ rise in recorded casualties", "[1] March 2025 is provisional"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCompareUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"compare"},
		{"compare", "2025-02"},
		{"compare", "2025-02", "2025-03", "2025-04"},
		{"compare", "2025-02", "March"},
		{"compare", "2025-03..2025-01", "2025-04"},
		{"compare", "--format", "csv", "2025-02", "2025-03"},
		{"compare", "--level", "1", "2025-02", "2025-03"},
		{"compare", "--min-base", "-1", "2025-02", "2025-03"},
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
	// Months outside the data are a failure (exit 1), not a usage error.
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"compare", "--area", "UA05", "2025-02", "2025-03"}, &out, &errOut)
	var ue *usageError
	if err == nil || errors.As(err, &ue) {
		t.Errorf("an area without figures: %v", err)
	}
}

// TestHelpExamples runs the example in each command's --help text, so the
// manual cannot show a command that fails.
func TestHelpExamples(t *testing.T) {
	for _, cmd := range []string{"trend", "compare"} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{cmd, "--help"}, &out, &errOut); err != nil && !errors.Is(err, errHelp) {
			t.Fatalf("%s --help: %v", cmd, err)
		}
		n := 0
		if errOut.Len() != 0 {
			t.Errorf("%s --help wrote to stderr: %q", cmd, errOut.String())
		}
		for _, l := range strings.Split(out.String(), "\n") {
			ex, ok := strings.CutPrefix(l, "example: casualty ")
			if !ok {
				continue
			}
			n++
			out, _ := runStats(t, strings.Fields(ex)...)
			if out == "" {
				t.Errorf("casualty %s printed nothing", ex)
			}
		}
		if n == 0 {
			t.Errorf("%s --help shows no example", cmd)
		}
	}
}

// runCode runs casualty in-process as main would: its stdout, what it
// printed on stderr (the error included) and its exit status.
func runCode(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

// TestRefusedPeriods: a month with no figure is never compared as a zero
// (issue 13, item 1), periods that share a month are not compared (item
// 6), and data holding only areas' figures give no national figure. Each
// case printed a figure, exit status 0, before: "In September 2023, 0
// casualties were recorded" and "count": 0 in JSON.
func TestRefusedPeriods(t *testing.T) {
	const noNational = "casualty: the data have no national figures for Ukraine, only figures for 2 areas (Donetska UA14, Kharkivska UA63); areas are not added up into a national total, which would look complete without being so: pick an area with --area (e.g. --area UA14)\n"
	cases := []struct {
		args []string
		code int
		want string // stderr, whole
	}{
		// HRMMU published nothing for September 2023.
		{[]string{"compare", "2023-08", "2023-09"}, 1,
			"casualty: no figure published for September 2023 (casualties in Ukraine): a gap, which is never counted as zero\n"},
		{[]string{"compare", "--format", "json", "2023-08", "2023-09"}, 1,
			"casualty: no figure published for September 2023 (casualties in Ukraine): a gap, which is never counted as zero\n"},
		{[]string{"compare", "--metric", "killed", "2023-09", "2023-11"}, 1,
			"casualty: no figure published for September 2023 (killed in Ukraine): a gap, which is never counted as zero\n"},
		// A range holding gaps names them all.
		{[]string{"compare", "2023-08..2023-10", "2024-08..2024-10"}, 1,
			"casualty: no figure published for September 2023 (casualties in Ukraine): a gap, which is never counted as zero; nor for October 2023\n"},
		// March 2025 came out in HRMMU's update of 9 April 2025.
		{[]string{"compare", "--as-of", "2025-04-08", "2025-02", "2025-03"}, 1,
			"casualty: no figure for March 2025 as of 8 April 2025: March 2025 was first published on 9 April 2025 (HRMMU update 2025-04-09), after that date (casualties in Ukraine)\n"},
		{[]string{"compare", "--as-of", "2025-04-08", "--format", "json", "2025-02", "2025-03"}, 1,
			"casualty: no figure for March 2025 as of 8 April 2025: March 2025 was first published on 9 April 2025 (HRMMU update 2025-04-09), after that date (casualties in Ukraine)\n"},
		// The embedded data end with January 2026.
		{[]string{"compare", "--format", "json", "2025-12", "2026-02"}, 1,
			"casualty: no figure for February 2026: the data end with January 2026 (casualties in Ukraine)\n"},
		{[]string{"compare", "--metric", "killed", "2021-12", "2022-03"}, 1,
			"casualty: no figure for December 2021: the data begin with February 2022 (killed in Ukraine)\n"},
		{[]string{"trend", "--to", "2026-03"}, 1,
			"casualty: no figure for March 2026: the data end with January 2026 (casualties in Ukraine)\n"},
		{[]string{"trend", "--as-of", "2025-04-08", "--from", "2025-01", "--to", "2025-03", "--format", "json"}, 1,
			"casualty: no figure for March 2025 as of 8 April 2025: March 2025 was first published on 9 April 2025 (HRMMU update 2025-04-09), after that date (casualties in Ukraine)\n"},
		// Overlapping periods: a usage mistake, refused before reading.
		{[]string{"compare", "2025-03", "2025-03"}, 2,
			"casualty: compare: March 2025 is compared with itself; compare two periods that share no month\n"},
		{[]string{"compare", "2025-01..2025-03", "2025-02..2025-04"}, 2,
			"casualty: compare: January–March 2025 and February–April 2025 overlap (February–March 2025 in both); compare two periods that share no month, since a month counted on both sides is not an independent change\n"},
		{[]string{"compare", "2025-04..2025-06", "2025-01..2025-04"}, 2,
			"casualty: compare: April–June 2025 and January–April 2025 overlap (April 2025 in both); compare two periods that share no month, since a month counted on both sides is not an independent change\n"},
		// Figures for two oblasts only: the same refusal from every command.
		{[]string{"trend", "--data", "testdata/trend/areas.csv"}, 1, noNational},
		{[]string{"trend", "--data", "testdata/trend/areas.csv", "--area", "UA"}, 1, noNational},
		{[]string{"compare", "--data", "testdata/trend/areas.csv", "2025-01", "2025-02"}, 1, noNational},
		{[]string{"chart", "--kind", "monthly", "--out", filepath.Join(t.TempDir(), "c.png"), "--data", "testdata/trend/areas.csv"}, 1, noNational},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := runCode(c.args...)
			// --data warnings may come first; the error is the last line.
			lines := strings.SplitAfter(errOut, "\n")
			last := ""
			if len(lines) >= 2 {
				last = lines[len(lines)-2]
			}
			if code != c.code || last != c.want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and last line:\n%s", code, errOut, c.code, c.want)
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
		})
	}
}
