package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/xuri/excelize/v2"
)

// buildEmbedded writes the workbook for the embedded dataset and returns
// the builder (with its formula ledger) and the file's bytes.
func buildEmbedded(t testing.TB, opt Options) (*Workbook, []byte) {
	t.Helper()
	wb, err := New(data.Default(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return wb, buf.Bytes()
}

// reopen reads a written workbook back, as a reader would.
func reopen(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 1 << 30})
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowOf finds the row whose column col holds text on a sheet.
func rowOf(t testing.TB, f *excelize.File, sheet string, col int, text string, also ...string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// Counts show with a trailing pad (their format ends with _)).
	for i, r := range rows {
		if len(r) >= col && strings.TrimSpace(r[col-1]) == text {
			ok := true
			for k := 0; k+1 < len(also); k += 2 {
				c, _ := strconv.Atoi(also[k])
				if len(r) < c || strings.TrimSpace(r[c-1]) != also[k+1] {
					ok = false
				}
			}
			if ok {
				return i + 1
			}
		}
	}
	t.Fatalf("sheet %s: no row with %q in column %d", sheet, text, col)
	return 0
}

func cellNum(t testing.TB, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, want a number", sheet, cell, v)
	}
	return x
}

func numFmtOf(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestWorkbookSheets(t *testing.T) {
	_, b := buildEmbedded(t, Options{Version: "test"})
	f := reopen(t, b)
	// The embedded data is national only (no Areas) and has many vintages.
	want := []string{"About", "Summary", "Monthly", "Trends", "Revisions", "Notes", "Figures"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if got := f.GetSheetName(f.GetActiveSheetIndex()); got != "Summary" {
		t.Errorf("the workbook opens on %s, want Summary", got)
	}
}

func TestWorkbookMonthly(t *testing.T) {
	_, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	hdr, _ := f.GetRows("Monthly")
	wantHdr := []string{"Month", "Period", "Days in month", "Killed", "Injured", "Casualties (killed + injured)",
		"Children killed", "Children injured", "Child casualties (killed + injured)", "Qualifier", "Part-month figures",
		"Publication", "Published", "Source", "Notes"}
	if !slices.Equal(hdr[0], wantHdr) {
		t.Fatalf("Monthly header\n%q\nwant\n%q", hdr[0], wantHdr)
	}
	// 2022-02 .. 2026-01 is 48 months, one row each, gaps included.
	if len(hdr) != 49 {
		t.Errorf("Monthly has %d rows, want 1 header + 48 months", len(hdr))
	}
	r := rowOf(t, f, "Monthly", 2, "2025-03")
	cases := []struct {
		col  string
		want float64
		fmt  string
	}{
		{"C", 31, xlFmtCount},         // March has 31 days
		{"D", 164, xlFmtCountAtLeast}, // hrmmu.csv: 2025-03 killed "at least 164"
		{"E", 910, xlFmtCountAtLeast}, // hrmmu.csv: 2025-03 injured "at least 910"
		{"G", 0, ""},                  // no children figure for 2025-03: blank
		{"A", 0, ""},                  // text label
	}
	for _, c := range cases {
		cell := c.col + strconv.Itoa(r)
		if c.fmt == "" {
			continue
		}
		if got := cellNum(t, f, "Monthly", cell); got != c.want {
			t.Errorf("Monthly!%s = %v, want %v", cell, got, c.want)
		}
		if got := numFmtOf(t, f, "Monthly", cell); got != c.fmt {
			t.Errorf("Monthly!%s format %q, want %q", cell, got, c.fmt)
		}
	}
	if v, _ := f.GetCellValue("Monthly", "A"+strconv.Itoa(r)); v != "Mar 2025" {
		t.Errorf("month label %q, want text \"Mar 2025\" (chart categories are text)", v)
	}
	if v, _ := f.GetCellValue("Monthly", "G"+strconv.Itoa(r)); v != "" {
		t.Errorf("children killed for 2025-03 is %q, want blank: no figure was published", v)
	}
	// Casualties are a live sum: 164 + 910 = 1,074.
	if fm, _ := f.GetCellFormula("Monthly", "F"+strconv.Itoa(r)); fm != "D"+strconv.Itoa(r)+"+E"+strconv.Itoa(r) {
		t.Errorf("casualties formula %q, want D+E", fm)
	}
	if v, err := f.CalcCellValue("Monthly", "F"+strconv.Itoa(r), excelize.Options{RawCellValue: true}); err != nil || v != "1074" {
		t.Errorf("casualties for 2025-03 calculate to %q (%v), want 1074", v, err)
	}
	// A gap is a blank cell, never a zero: September 2023 has no figure.
	g := rowOf(t, f, "Monthly", 2, "2023-09")
	for _, col := range []string{"D", "E", "F"} {
		if v, _ := f.GetCellValue("Monthly", col+strconv.Itoa(g)); v != "" {
			t.Errorf("Monthly!%s%d (2023-09) = %q, want blank", col, g, v)
		}
	}
	// February 2022 covers 24-28 February only (5 days).
	fe := rowOf(t, f, "Monthly", 2, "2022-02")
	if v, _ := f.GetCellValue("Monthly", "K"+strconv.Itoa(fe)); v != "killed 24-28 Feb 2022" {
		t.Errorf("part-month column for 2022-02 = %q", v)
	}
	tables, err := f.GetTables("Monthly")
	if err != nil || len(tables) != 1 || tables[0].Name != "Monthly" || tables[0].Range != "A1:O49" {
		t.Errorf("Monthly tables %+v (%v), want one table Monthly over A1:O49", tables, err)
	}
	panes, _ := f.GetPanes("Monthly")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Monthly panes %+v, want the header frozen", panes)
	}
	pl, _ := f.GetPageLayout("Monthly")
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("Monthly page layout %+v, want landscape, one page wide", pl)
	}
	if w, _ := f.GetColWidth("Monthly", "L"); w < 20 {
		t.Errorf("publication column is %v wide, want it fitted to the names", w)
	}
}

func TestWorkbookTrendsHandWorked(t *testing.T) {
	_, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	r := rowOf(t, f, "Trends", 1, "Mar 2025", "2", "killed")
	cases := []struct {
		col  int
		want float64
		why  string
	}{
		{tcCount, 164, "hrmmu.csv 2025-03 killed"},
		{tcRate, 164.0 / 31, "164 / 31 days = 5.2903"},
		{tcPct, 164.0/129 - 1, "(164 - 129) / 129 = +27.13% on February 2025 (129 as revised)"},
		{tcRatePct, (164.0/31)/(129.0/28) - 1, "4592 / 3999 - 1 = +14.83% per day"},
		{tcYoY, 164.0/129 - 1, "March 2024 had 129 killed too: +27.13%"},
		{tcRolling, (148.0 + 129 + 164) / 3, "(148 + 129 + 164) / 3 = 147"},
	}
	for _, c := range cases {
		cell := xlRef(c.col, r)
		fm, _ := f.GetCellFormula("Trends", cell)
		if fm == "" {
			t.Errorf("Trends!%s is not a live formula (%s)", cell, c.why)
			continue
		}
		v, err := f.CalcCellValue("Trends", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("Trends!%s %s: %v", cell, fm, err)
		}
		got, _ := strconv.ParseFloat(v, 64)
		if math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Trends!%s = %s = %v, want %v (%s)", cell, fm, got, c.want, c.why)
		}
	}
	// A gap month: no count, no rate (blank, so charts draw a gap), change n/a.
	g := rowOf(t, f, "Trends", 1, "Sep 2023", "2", "killed")
	if v, _ := f.GetCellValue("Trends", xlRef(tcRate, g)); v != "" {
		t.Errorf("rate for the gap month = %q, want blank", v)
	}
	if v, _ := f.GetCellValue("Trends", xlRef(tcPct, g)); v != "n/a: gap" {
		t.Errorf("change for the gap month = %q, want n/a: gap", v)
	}
}

// TestWorkbookFormulasEqualGo recomputes every formula with excelize's
// engine and compares it with the value Go computed (the LibreOffice
// integration test does the same with a real spreadsheet).
func TestWorkbookFormulasEqualGo(t *testing.T) {
	wb, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	if len(wb.Formulas) < 400 {
		t.Fatalf("only %d formulas; Trends alone should have hundreds", len(wb.Formulas))
	}
	for _, fc := range wb.Formulas {
		got, err := f.GetCellFormula(fc.Sheet, fc.Cell)
		if err != nil || got != fc.Formula {
			t.Errorf("%s!%s holds formula %q, want %q", fc.Sheet, fc.Cell, got, fc.Formula)
			continue
		}
		// The value stored with the formula, as a reader that does not
		// calculate sees it, is the value Go computed.
		if raw, _ := f.GetCellValue(fc.Sheet, fc.Cell, excelize.Options{RawCellValue: true}); raw == "" {
			t.Errorf("%s!%s = %s has no stored value", fc.Sheet, fc.Cell, fc.Formula)
		} else if x, err := strconv.ParseFloat(raw, 64); err != nil || x != fc.Want {
			t.Errorf("%s!%s = %s stores %q, Go computed %v", fc.Sheet, fc.Cell, fc.Formula, raw, fc.Want)
		}
		// excelize's engine has no array comparisons: running totals
		// (SUMPRODUCT over the Period column) are recomputed by
		// LibreOffice in the integration test.
		if strings.HasPrefix(fc.Formula, "SUMPRODUCT(") {
			continue
		}
		v, err := f.CalcCellValue(fc.Sheet, fc.Cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Errorf("%s!%s %s: %v", fc.Sheet, fc.Cell, fc.Formula, err)
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.Abs(x-fc.Want) > 1e-9*math.Max(1, math.Abs(fc.Want)) {
			t.Errorf("%s!%s = %s = %q, Go computed %v", fc.Sheet, fc.Cell, fc.Formula, v, fc.Want)
		}
	}
}

func TestWorkbookSummaryValuesAndNames(t *testing.T) {
	_, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == "Workbook" || dn.Scope == "" {
			names[dn.Name] = dn.RefersTo
		}
	}
	cases := []struct {
		name string
		want float64
		why  string
	}{
		{"Killed_Count", 161, "hrmmu.csv 2026-01 killed: at least 161"},
		{"Injured_Count", 757, "hrmmu.csv 2026-01 injured: at least 757"},
		{"Casualties_Count", 918, "161 + 757"},
		{"Killed_PerDay", 161.0 / 31, "161 / 31 = 5.19"},
		{"Killed_Change", 4.0 / 157, "(161 - 157) / 157 = +2.55% on December 2025"},
		{"Killed_PerDayChange", (161.0/31)/(157.0/31) - 1, "both months have 31 days: +2.55%"},
		{"Killed_YoY", 161.0/148 - 1, "(161 - 148) / 148 = +8.78% on January 2025"},
		{"Injured_Change", 757.0/888 - 1, "(757 - 888) / 888 = -14.75%"},
	}
	for _, c := range cases {
		ref, ok := names[c.name]
		if !ok {
			t.Errorf("no defined name %s (names: %v)", c.name, names)
			continue
		}
		sheet, cell, _ := strings.Cut(ref, "!")
		cell = strings.ReplaceAll(cell, "$", "")
		if sheet != "Summary" {
			t.Errorf("%s refers to %s, want a Summary cell", c.name, ref)
		}
		// Summary's figures are live (an edit on Monthly flows here) and
		// stored: a reader that never recalculates sees the headline.
		if fm, _ := f.GetCellFormula(sheet, cell); fm == "" {
			t.Errorf("%s (%s) is not a live formula", c.name, ref)
		}
		if got := cellNum(t, f, sheet, cell); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v (%s)", c.name, got, c.want, c.why)
		}
	}
	if got := numFmtOf(t, f, "Summary", strings.ReplaceAll(strings.TrimPrefix(names["Killed_Count"], "Summary!"), "$", "")); got != xlFmtCountAtLeast {
		t.Errorf("headline killed format %q, want the at-least format %q", got, xlFmtCountAtLeast)
	}
	r := rowOf(t, f, "Summary", 1, "Killed")
	if v, _ := f.GetCellValue("Summary", xlRef(scVerdict, r)); v != "~ no clear change" {
		t.Errorf("killed verdict %q, want ~ no clear change", v)
	}
	rows, _ := f.GetRows("Summary")
	found := false
	for _, row := range rows {
		if len(row) > 0 && strings.HasPrefix(row[0], "In January 2026, at least 161 civilians were killed") {
			found = true
		}
	}
	if !found {
		t.Error("Summary has no sentence about January 2026")
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	// The latest publication in hrmmu.csv is dated 2026-02-13.
	if props.Created != "2026-02-13T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("document dates %q / %q, want the latest publication's 2026-02-13", props.Created, props.Modified)
	}
	if !strings.Contains(props.Title, "Ukraine") {
		t.Errorf("title %q", props.Title)
	}
}

// chartXML returns the chart parts of a written workbook.
func chartXML(t testing.TB, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			out[zf.Name] = string(x)
		}
	}
	return out
}

func TestWorkbookCharts(t *testing.T) {
	_, b := buildEmbedded(t, Options{})
	charts := chartXML(t, b)
	if len(charts) != 3 {
		t.Fatalf("%d charts, want 3 (history, last 24 months, cumulative)", len(charts))
	}
	combo := charts["xl/charts/chart1.xml"]
	for _, want := range []string{
		"<barChart>", "<lineChart>", // columns with a line: a combo chart
		// Text month labels as categories and counts, from Trends,
		// whose rows stay in calendar order when Monthly is sorted:
		// killed rows 2-49, injured rows 50-97.
		"Trends!$A$2:$A$49",
		"Trends!$C$2:$C$49", "Trends!$C$50:$C$97",
		"Trends!$E$2:$E$49", // killed per day
		`<dispBlanksAs val="gap"`,
	} {
		if !strings.Contains(combo, want) {
			t.Errorf("chart1 lacks %s", want)
		}
	}
	if !strings.Contains(charts["xl/charts/chart2.xml"], "Trends!$A$26:$A$49") {
		t.Error("chart2 is not the last 24 months")
	}
	cum := charts["xl/charts/chart3.xml"]
	if !strings.Contains(cum, "<lineChart>") || !strings.Contains(cum, "Trends!$Q$2:$Q$20") || !strings.Contains(cum, "Trends!$A$2:$A$20") || !strings.Contains(cum, "Aug 2023: it ends there (no figure for 2023-09") {
		t.Error("chart3 is not the cumulative line")
	}
}

func TestWorkbookNotes(t *testing.T) {
	_, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	rows, _ := f.GetRows("Notes")
	if len(rows) < 5 {
		t.Fatalf("Notes has %d rows", len(rows))
	}
	var gap bool
	for i, r := range rows[1:] {
		if len(r) < 4 {
			t.Errorf("Notes row %d incomplete: %q", i+2, r)
			continue
		}
		ok, target, _ := f.GetCellHyperLink("Notes", "C"+strconv.Itoa(i+2))
		if !ok || target != xlQuote(r[1])+"!"+r[2] {
			t.Errorf("Notes row %d links to %q, want %s!%s", i+2, target, r[1], r[2])
		}
		if strings.HasPrefix(r[3], "No killed figure for September 2023") {
			gap = true
			if v, _ := f.GetCellValue(r[1], r[2]); v != "" {
				t.Errorf("the gap note points at %s!%s which holds %q", r[1], r[2], v)
			}
		}
	}
	if !gap {
		t.Error("no note about the September 2023 gap")
	}
}

func TestWorkbookDeterministic(t *testing.T) {
	_, a := buildEmbedded(t, Options{Command: "casualty workbook", Version: "1"})
	_, b := buildEmbedded(t, Options{Command: "casualty workbook", Version: "1"})
	if !bytes.Equal(a, b) {
		t.Error("the same data gave two different workbooks")
	}
}

// tidy is a small dataset with areas, a formula-looking source and note,
// and two vintages of one figure.
const tidy = `month,area,metric,value,qualifier,covers,published,publication,source,note
2025-01,UA,killed,100,exact,,2025-02-10,Update 1,src,
2025-01,UA,injured,300,exact,,2025-02-10,Update 1,src,
2025-02,UA,killed,120,at_least,,2025-03-10,Update 2,"=HYPERLINK(""http://x"")",@note
2025-02,UA,injured,330,exact,,2025-03-10,Update 2,src,-revised
2025-01,UA,killed,104,exact,,2025-03-10,Update 2,src,revised
2025-02,UA14,killed,60,exact,,2025-03-10,Update 2,src,
2025-02,UA63,killed,40,exact,,2025-03-10,Update 2,src,
2025-01,UA14,killed,50,exact,,2025-02-10,Update 1,src,
2025-01,UA63,killed,30,exact,,2025-02-10,Update 1,src,
`

func loadTidy(t testing.TB, s string) *data.Dataset {
	t.Helper()
	ds, err := data.Load(strings.NewReader(s), "test.csv", data.LoadOptions{Format: data.FormatTidy})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestWorkbookSafeTextAndAreas(t *testing.T) {
	ds := loadTidy(t, tidy)
	var buf bytes.Buffer
	if err := Write(&buf, ds, Options{Command: "=evil"}); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, buf.Bytes())
	want := []string{"About", "Summary", "Monthly", "Trends", "Areas", "Revisions", "Notes", "Figures"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	r := rowOf(t, f, "Monthly", 2, "2025-02")
	src, _ := f.GetCellValue("Monthly", "J"+strconv.Itoa(r+0)) // qualifier column after 3 counts
	_ = src
	rows, _ := f.GetRows("Monthly")
	hdr := rows[0]
	col := func(name string) int { return slices.Index(hdr, name) + 1 }
	for _, c := range []struct{ col, want string }{
		{"Source", `'=HYPERLINK("http://x") ; src`},
		{"Notes", "'@note | -revised"},
	} {
		cell := xlRef(col(c.col), r)
		v, _ := f.GetCellValue("Monthly", cell)
		if v != c.want {
			t.Errorf("Monthly %s = %q, want %q (neutralised)", c.col, v, c.want)
		}
		if fm, _ := f.GetCellFormula("Monthly", cell); fm != "" {
			t.Errorf("Monthly %s became a formula %q", c.col, fm)
		}
	}
	// Numbers are never altered: 120 stays a number.
	if got := cellNum(t, f, "Monthly", xlRef(col("Killed"), r)); got != 120 {
		t.Errorf("killed = %v, want 120", got)
	}
	// Areas: Donetska (UA14) 60 of the national 120 = 50%, rank 1;
	// Kharkivska (UA63) 40 of 120.
	ar := rowOf(t, f, "Areas", 3, "UA14")
	if got := cellNum(t, f, "Areas", "F"+strconv.Itoa(ar)); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("UA14 share %v, want 60/120 = 0.5", got)
	}
	if got := cellNum(t, f, "Areas", "B"+strconv.Itoa(ar)); got != 1 {
		t.Errorf("UA14 rank %v, want 1", got)
	}
	// (60 - 50) / 50 = +20% on January.
	if got := cellNum(t, f, "Areas", "G"+strconv.Itoa(ar)); math.Abs(got-0.2) > 1e-12 {
		t.Errorf("UA14 change %v, want +20%%", got)
	}
	// Revisions: January killed went from 100 to 104: +4, +4%.
	rv := rowOf(t, f, "Revisions", 4, "2", "3", "killed")
	for _, c := range []struct {
		col  int
		want float64
	}{{10, 4}, {11, 0.04}} {
		v, err := f.CalcCellValue("Revisions", xlRef(c.col, rv), excelize.Options{RawCellValue: true})
		x, _ := strconv.ParseFloat(v, 64)
		if err != nil || math.Abs(x-c.want) > 1e-12 {
			t.Errorf("Revisions!%s = %q (%v), want %v", xlRef(c.col, rv), v, err, c.want)
		}
	}
	about, _ := f.GetRows("About")
	var cmd string
	for _, r := range about {
		if len(r) > 1 && r[0] == "Command" {
			cmd = r[1]
		}
	}
	if cmd != "'=evil" {
		t.Errorf("About command %q, want it neutralised", cmd)
	}
}

func TestWorkbookErrors(t *testing.T) {
	ds := data.Default()
	cases := []struct {
		opt  Options
		want string
	}{
		{Options{Month: data.NewMonth(2030, 1)}, "no killed figure for 2030-01 in area UA (figures cover 2022-02 to 2026-01)"},
		{Options{Month: data.NewMonth(2023, 9)}, "no killed figure for 2023-09"},
		{Options{Area: "UA99"}, `no killed figures for area "UA99"`},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		err := Write(&buf, ds, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.opt, err, c.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%+v: wrote %d bytes despite the error", c.opt, buf.Len())
		}
	}
}

func TestWorkbookOtherMonth(t *testing.T) {
	// March 2025 as headline: the month the stats package documents.
	_, b := buildEmbedded(t, Options{Month: data.NewMonth(2025, 3)})
	f := reopen(t, b)
	r := rowOf(t, f, "Summary", 1, "Casualties (killed + injured)")
	// Both months as published on 9 April 2025: 1,074 against 717 (as
	// revised), (1074 - 717) / 717 = +49.79%.
	if got := cellNum(t, f, "Summary", xlRef(scCount, r)); got != 1074 {
		t.Errorf("casualties %v, want 1074", got)
	}
	if got := cellNum(t, f, "Summary", xlRef(scPrevCount, r)); got != 717 {
		t.Errorf("previous casualties %v, want 717 (as revised)", got)
	}
	if got := cellNum(t, f, "Summary", xlRef(scPct, r)); math.Abs(got-357.0/717) > 1e-12 {
		t.Errorf("change %v, want 357/717", got)
	}
}

func TestFiguresWorkbook(t *testing.T) {
	ds := data.Default()
	var buf bytes.Buffer
	calls := 0
	err := WriteFigures(&buf, slices.Values(ds.Obs), FiguresOptions{Title: "All vintages", Areas: data.Ukraine(),
		Progress: func(int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	f := reopen(t, buf.Bytes())
	rows, err := f.GetRows("Monthly")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ds.Obs)+1 {
		t.Fatalf("%d rows, want %d figures + header", len(rows), len(ds.Obs))
	}
	if !slices.Equal(rows[0], xlFigureHeaders) {
		t.Errorf("header %q", rows[0])
	}
	// The first figure of hrmmu.csv: 2022-02 UA killed 342, 24-28 Feb, shown
	// "≥ 342 " since HRMMU declares every count a minimum (the cell holds
	// 342; the format pads it from the next column).
	if got := rows[1]; got[1] != "2022-02" || got[2] != "UA" || got[3] != "Ukraine" || got[5] != "≥ 342 " || got[8] != "24-28 Feb 2022" {
		t.Errorf("first row %q", got)
	}
	tables, _ := f.GetTables("Monthly")
	if len(tables) != 1 || tables[0].Range != "A1:M"+strconv.Itoa(len(ds.Obs)+1) {
		t.Errorf("tables %+v", tables)
	}
	if calls != 1 {
		t.Errorf("progress called %d times for %d rows, want once at the end", calls, len(ds.Obs))
	}
	if err := WriteFigures(io.Discard, slices.Values([]data.Observation(nil)), FiguresOptions{}); err == nil {
		t.Error("no error for no figures")
	}
	// More figures than a sheet holds: an error, and nothing written.
	defer func(n int) { maxFigureRows = n }(maxFigureRows)
	maxFigureRows = 10
	var out bytes.Buffer
	err = WriteFigures(&out, slices.Values(ds.Obs), FiguresOptions{})
	if err == nil || !strings.Contains(err.Error(), "more than 10 figures do not fit on one sheet") || out.Len() != 0 {
		t.Errorf("201 figures on a 10-row sheet: %v, %d bytes written", err, out.Len())
	}
}

// TestWorkbookEdgeMonths builds the workbook on months next to gaps and
// at the ends of the series, where a comparison has no base.
func TestWorkbookEdgeMonths(t *testing.T) {
	for _, m := range []data.Month{
		data.NewMonth(2022, 2),  // the first month, part-month, nothing before it
		data.NewMonth(2022, 3),  // after a part-month
		data.NewMonth(2023, 11), // after two months with no figure
		data.NewMonth(2024, 1),  // after a gap, a year after January 2023
	} {
		t.Run(m.String(), func(t *testing.T) {
			wb, b := buildEmbedded(t, Options{Month: m})
			f := reopen(t, b)
			r := rowOf(t, f, "Summary", 1, "Killed")
			prev, _ := f.GetCellValue("Summary", xlRef(scPrevCount, r))
			chg, _ := f.GetCellValue("Summary", xlRef(scPct, r))
			before := wb.cur.Series("UA", data.Killed).At(m.Add(-1))
			if !before.Present && (prev != "no figure" || !strings.HasPrefix(chg, "n/a")) {
				t.Errorf("no figure for %s, yet Summary shows %q and change %q", m.Add(-1), prev, chg)
			}
		})
	}
}
