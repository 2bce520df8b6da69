package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWorkbookCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "book.xlsx")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"workbook", "--month", "2025-03", "--out", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("casualty workbook: %v\n%s", err, stderr.String())
	}
	if got := strings.TrimSpace(stdout.String()); got != out {
		t.Errorf("printed %q, want the path %q", got, out)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer f.Close()
	want := []string{"About", "Summary", "Monthly", "Trends", "Revisions", "Notes"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	// The headline is March 2025: at least 164 killed (hrmmu.csv).
	var killed string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "Killed_Count" {
			killed, _ = f.GetCellValue("Summary", strings.ReplaceAll(strings.TrimPrefix(dn.RefersTo, "Summary!"), "$", ""),
				excelize.Options{RawCellValue: true})
		}
	}
	if killed != "164" {
		t.Errorf("Killed_Count = %q, want 164 (March 2025)", killed)
	}
	rows, _ := f.GetRows("About")
	var cmd string
	for _, r := range rows {
		if len(r) > 1 && r[0] == "Command" {
			cmd = r[1]
		}
	}
	if cmd != "casualty workbook --month 2025-03" {
		t.Errorf("About shows the command %q", cmd)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the workbook (no temporary file left)", len(entries))
	}
}

func TestWorkbookCommandFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "figures.xlsx")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"workbook", "--figures", "--all-vintages", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Monthly")
	// Every vintage of hrmmu.csv: 201 figures and the header.
	if len(rows) != 202 {
		t.Errorf("%d rows, want 201 figures + header", len(rows))
	}
}

func TestWorkbookCommandErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "keep.xlsx")
	if err := os.WriteFile(existing, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"workbook"}, true, "--out FILE.xlsx is required"},
		{[]string{"workbook", "--out", filepath.Join(dir, "x.csv")}, true, "--out must name an .xlsx file"},
		{[]string{"workbook", "--month", "2025-13", "--out", existing}, true, "--month must be YYYY-MM"},
		{[]string{"workbook", "--all-vintages", "--out", existing}, true, "--all-vintages goes with --figures"},
		{[]string{"workbook", "--out", existing, "extra"}, true, "unexpected argument"},
		{[]string{"workbook", "--month", "2031-01", "--out", existing}, false, "no killed figure for 2031-01"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), c.args, &stdout, &stderr)
		if err == nil {
			t.Errorf("%v: no error", c.args)
			continue
		}
		var ue *usageError
		if errors.As(err, &ue) != c.usage {
			t.Errorf("%v: usage error %v, want %v (%v)", c.args, !c.usage, c.usage, err)
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "old" {
		t.Error("a failed run changed the existing file")
	}
}

func TestWorkbookCommandNoNationalTotal(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "areas.csv")
	csv := "month,area,metric,value\n2025-01,UA14,killed,50\n2025-02,UA14,killed,60\n2025-01,UA14,injured,150\n2025-02,UA14,injured,160\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "book.xlsx")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"workbook", "--data", in, "--out", out}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "pick an area with --area") {
		t.Errorf("error %v, want a hint to pick an area", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a workbook was written despite the error")
	}
	// With the area it works.
	if err := run(context.Background(), []string{"workbook", "--data", in, "--area", "UA14", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("--area UA14: %v", err)
	}
}
