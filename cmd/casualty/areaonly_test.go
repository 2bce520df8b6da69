package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestAreaOnlyOneBehaviour (issue 13): a file of oblast rows alone has no
// national figures, and every command that would show them refuses with
// the same message and the --area that works; none adds the areas up,
// and none writes a file.
func TestAreaOnlyOneBehaviour(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "oblasts.csv")
	if err := os.WriteFile(in, []byte("month,area,killed,injured\n2025-03,UA63,31,140\n2025-03,UA14,40,160\n2025-04,UA63,20,90\n2025-04,UA14,44,150\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "the data have no national figures for Ukraine, only figures for 2 areas (Donetska UA14, Kharkivska UA63); areas are not added up into a national total, which would look complete without being so: pick an area with --area (e.g. --area UA14)"
	for _, args := range [][]string{
		{"trend"},
		{"compare", "2025-03", "2025-04"},
		{"chart", "--kind", "monthly", "--out", filepath.Join(dir, "m.png")},
		{"report", "--out", filepath.Join(dir, "r")},
		{"workbook", "--out", filepath.Join(dir, "w.xlsx")},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append(args, "--quiet", "--data", in), &out, &errOut)
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v\nwant %s", args[0], err, want)
		}
		if code := exitCode(err, &bytes.Buffer{}); code != 1 {
			t.Errorf("%s: exit status %d, want 1", args[0], code)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files written: %v", entries)
	}
}

// TestWorkbookGapMonth (issue 13, item 1): a workbook asked for a month
// with no figure is refused with the gap's reason, as report is.
func TestWorkbookGapMonth(t *testing.T) {
	dir := t.TempDir()
	for month, want := range map[string]string{
		"2023-09": "no figure published for September 2023 (killed in Ukraine): a gap, which is never counted as zero",
		"2026-05": "no figure for May 2026: the data end with January 2026 (killed in Ukraine)",
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"workbook", "--quiet", "--month", month, "--out", filepath.Join(dir, "w.xlsx")}, &out, &errOut)
		if err == nil || err.Error() != want {
			t.Errorf("--month %s: %v, want %s", month, err, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}
