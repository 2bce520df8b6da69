package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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
	want := []string{"About", "Summary", "Monthly", "Trends", "Revisions", "Notes", "Figures"}
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
		{[]string{"workbook", "--month", "2031-01", "--out", existing}, false, "no figure for January 2031: the data end with January 2026 (killed in Ukraine)"},
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

// TestWorkbookAndReportOnLargeStore runs workbook and report on a store of
// more than 100 publications: the embedded series (44 publications) and 60
// more, each restating April 2025. The About sheet names the store, never
// a list of its files, so no row outgrows Excel's 409 points.
func TestWorkbookAndReportOnLargeStore(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 60 publications")
	}
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	mustRun(t, "init", "--store", store, "--from-embedded")
	d0 := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 60; i++ {
		in := filepath.Join(dir, fmt.Sprintf("pub%02d.csv", i))
		// April 2025 killed, restated (and revised up by one) by each.
		text := fmt.Sprintf("month,metric,value\n2025-04,killed,%d\n", 209+i)
		if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		mustRun(t, "ingest", "--store", store, "--published", d0.AddDate(0, 0, i).Format("2006-01-02"), "--name", fmt.Sprintf("update %d", i), in)
	}
	out := filepath.Join(dir, "wb.xlsx")
	mustRun(t, "workbook", "--store", store, "--out", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("About")
	var input, command string
	for _, r := range rows {
		if len(r) >= 2 && r[0] == "Input" {
			input = r[1]
		}
		if len(r) >= 2 && r[0] == "Command" {
			command = r[1]
		}
	}
	if !strings.Contains(input, "104 publication files in") {
		t.Errorf("About, Input = %q, want the store's folder and its 104 files", input)
	}
	if want := "casualty workbook --store " + store; command != want {
		t.Errorf("About, Command = %q, want %q", command, want)
	}
	mustRun(t, "report", "--store", store, "--out", filepath.Join(dir, "report"))
}

// TestWorkbookRoundTrip: casualty validate and report --data read the
// workbook casualty wrote (About first, Monthly by name), and an analyst's
// copy with one figure edited on Monthly and a new month typed under it is
// ingested into a store as a new vintage: the edit listed as the one
// revision, the month as new figures.
func TestWorkbookRoundTrip(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "report.xlsx")
	mustRun(t, "workbook", "--out", book)
	out := mustRun(t, "validate", book)
	// hrmmu.csv: 114 current figures (every vintage's latest) for UA.
	if !strings.Contains(out, "ok, xlsx: 114 figures, 2022-02..2026-01") {
		t.Errorf("validate of casualty's own workbook:\n%s", out)
	}
	mustRun(t, "report", "--data", book, "--out", filepath.Join(dir, "again"), "--formats", "md")
	md, err := os.ReadFile(filepath.Join(dir, "again", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "161") { // January 2026 killed: at least 161
		t.Errorf("report from the workbook lacks January 2026's 161 killed")
	}

	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Monthly")
	edited := ""
	for i, r := range rows {
		if len(r) > 1 && r[1] == "2025-03" {
			edited = fmt.Sprintf("D%d", i+1) // Killed
		}
	}
	if err := f.SetCellInt("Monthly", edited, 170); err != nil {
		t.Fatal(err)
	}
	// And a month the analyst received since: February 2026, typed as a
	// new row under the table.
	next := fmt.Sprintf("A%d", len(rows)+1)
	if err := f.SetSheetRow("Monthly", next, &[]any{"Feb 2026", "2026-02", 28, 150, 700, nil, nil, nil, nil, "at least"}); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "edited.xlsx")
	if err := f.SaveAs(copyPath); err != nil {
		t.Fatal(err)
	}
	f.Close()
	store := filepath.Join(dir, "store")
	mustRun(t, "init", "--store", store, "--from-embedded")
	out = mustRun(t, "ingest", "--store", store, "--published", "2026-03-01", "--name", "analyst copy", copyPath)
	for _, want := range []string{"revised figures (1):", "2025-03 UA killed", "at least 164 → at least 170",
		"new months: February 2026", "new figures (2):", "2026-02 UA killed            at least 150", "unchanged: 113 figure(s)"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest of the edited copy does not say %q:\n%s", want, out)
		}
	}
}

// TestWorkbookReadBackRefusals: an analyst's copy of casualty's workbook
// that cannot be read as figures is refused with the sheet and cell, and
// what was wanted and found.
func TestWorkbookReadBackRefusals(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "report.xlsx")
	mustRun(t, "workbook", "--out", book)
	cases := []struct {
		name string
		edit func(f *excelize.File) error
		want string
	}{
		// Row 3 is March 2022 (Feb 2022 is row 2); D is Killed.
		{"text in a figure", func(f *excelize.File) error { return f.SetCellStr("Monthly", "D3", "4289a") },
			`sheet "Monthly" cell D3: column "value": want a whole number, got "4289a"`},
		{"a month twice", func(f *excelize.File) error { return f.SetCellStr("Monthly", "B4", "2022-03") },
			`sheet "Monthly" cell B4: casualty's workbook: Monthly gives 2022-03 twice (rows 3 and 4); keep one row per month`},
		{"no Period column", func(f *excelize.File) error { return f.SetCellStr("Monthly", "B1", "Periode") },
			`casualty's workbook: want a "Period" column on Monthly`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := excelize.OpenFile(book)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := c.edit(f); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "copy.xlsx")
			if err := f.SaveAs(p); err != nil {
				t.Fatal(err)
			}
			out, errOut, err := casualty(t, "validate", p)
			if err == nil || !strings.Contains(out+errOut, c.want) {
				t.Errorf("validate: %v\n%s%s\nwant %q", err, out, errOut, c.want)
			}
		})
	}
}
