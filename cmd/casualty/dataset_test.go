package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// runOut runs casualty with args and returns what it printed.
func runOut(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// Issue 16: the UNAMI series is selected with --dataset unami and its
// cumulative total over 2015 is UNAMI's annual total, 7,515 killed and
// 14,855 injured (22,370 casualties).
func TestDatasetUNAMITrend(t *testing.T) {
	for _, c := range []struct{ metric, want string }{
		{"killed", "≥7,515"}, {"injured", "≥14,855"}, {"casualties", "≥22,370"},
	} {
		out, _, err := runOut(t, "trend", "--dataset", "unami", "--from", "2015-01", "--to", "2015-12", "--metric", c.metric, "--format", "csv")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, "2015-12,") {
			t.Fatalf("%s: last row %q, want December 2015", c.metric, last)
		}
		want := strings.TrimPrefix(strings.ReplaceAll(c.want, ",", ""), "≥")
		if !strings.Contains(last, ","+want+",") && !strings.HasSuffix(last, ","+want) {
			t.Errorf("%s: December row %q lacks the cumulative %s", c.metric, last, want)
		}
	}
	out, _, err := runOut(t, "trend", "--dataset", "unami", "--from", "2015-01", "--to", "2015-12", "--metric", "killed")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Iraq") || strings.Contains(out, "Ukraine") || !strings.Contains(out, "≥7,515") {
		t.Errorf("trend on UNAMI's data:\n%s", out)
	}
}

func TestListDatasets(t *testing.T) {
	out, _, err := runOut(t, "data", "--list-datasets")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"hrmmu (default): Ukraine",
		"months:   February 2022 to January 2026, 45 with national figures; no figure for Sep 2023, Oct 2023, Dec 2023",
		"unami: Iraq",
		"months:   January 2015 to December 2015, 12 with national figures",
		"areas:    national and 6 first-level areas",
		"totals:   76 running totals published, the newest to 31 January 2026",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--list-datasets lacks %q:\n%s", want, out)
		}
	}
}

func TestDatasetFlagErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"trend", "--dataset", "unmai"}, `--dataset: unknown dataset "unmai"; did you mean unami?`},
		{[]string{"trend", "--dataset", "unami", "--data", "x.csv"}, "--dataset selects an embedded dataset; it cannot be combined with --store, or with --data files unless --data embedded adds them to it"},
		{[]string{"data", "--source", "hrnmu", "--data", "x.csv"}, `--source: unknown source "hrnmu"; did you mean hrmmu?`},
		{[]string{"data", "--source", "hrmmu"}, "--source declares who published the --data files or the --store's figures; name them with --data or --store"},
		{[]string{"validate", "--country", "Atlantis", "x.csv"}, `--country: no area table for country "Atlantis"; casualty has tables for IQ, SY, UA, YE`},
	} {
		_, _, err := runOut(t, c.args...)
		if err == nil || err.Error() != c.err {
			t.Errorf("casualty %s: %v, want %q", strings.Join(c.args, " "), err, c.err)
		}
	}
}

// Issue 13 item 7 for a user's file: declared as HRMMU's, a figure written
// as exact is written back as at least.
func TestSourceFlag(t *testing.T) {
	f := t.TempDir() + "/feb.csv"
	if err := os.WriteFile(f, []byte("month,killed\n2025-02,129\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"data", "--data", f}, "2025-02,UA,killed,129,exact,"},
		{[]string{"data", "--data", f, "--source", "hrmmu"}, "2025-02,UA,killed,129,at_least,"},
		{[]string{"data", "--data", f, "--source", "acled"}, "2025-02,UA,killed,129,exact,"},
	} {
		out, _, err := runOut(t, c.args...)
		if err != nil || !strings.Contains(out, c.want) {
			t.Errorf("casualty %s: %v\n%s\nwant a row %q", strings.Join(c.args, " "), err, out, c.want)
		}
	}
}
