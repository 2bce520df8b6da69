package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// notesOn returns the Notes sheet's notes about one cell.
func notesOn(t *testing.T, wb *Workbook, sheet, cell string) []string {
	t.Helper()
	var out []string
	for _, n := range wb.notes {
		if n.Sheet == sheet && n.Cell == cell {
			out = append(out, n.Text)
		}
	}
	return out
}

// TestWorkbookMixedCoverageMonth: in June 2023 HRMMU's killed figure
// covers the whole month (186) and injured only 1-18 June (445). Monthly
// must not add them: Casualties is the sum over the days both cover,
// 112 killed as of 18 June + 445 injured = 557 (stats/coverage.go), a
// value, not a live sum of the cells to its left; the row says which part
// is whole-month and which partial, and the cell's note says how the sum
// was made. The same holds for July (1-30) and August (1-27) 2023.
func TestWorkbookMixedCoverageMonth(t *testing.T) {
	wb, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	cases := []struct {
		period               string
		killed, injured, sum float64
		covers               string
	}{
		{"2023-06", 186, 445, 557, "killed: whole month; injured: partial, 1-18 Jun 2023"},
		{"2023-07", 161, 605, 748, "killed: whole month; injured: partial, 1-30 Jul 2023"},
		{"2023-08", 147, 477, 585, "killed: whole month; injured: partial, 1-27 Aug 2023"},
	}
	for _, c := range cases {
		r := rowOf(t, f, "Monthly", mcPeriod, c.period)
		lay := wb.monthly
		kc, ic, sc := xlRef(lay.col[data.Killed], r), xlRef(lay.col[data.Injured], r), xlRef(lay.col[data.Casualties], r)
		if got := cellNum(t, f, "Monthly", kc); got != c.killed {
			t.Errorf("%s killed %v, want %v", c.period, got, c.killed)
		}
		if got := cellNum(t, f, "Monthly", ic); got != c.injured {
			t.Errorf("%s injured %v, want %v", c.period, got, c.injured)
		}
		if got := cellNum(t, f, "Monthly", sc); got != c.sum || got == c.killed+c.injured {
			t.Errorf("%s casualties %v, want %v over the shared days (not %v)", c.period, got, c.sum, c.killed+c.injured)
		}
		if fm, _ := f.GetCellFormula("Monthly", sc); fm != "" {
			t.Errorf("%s casualties is the live sum %q over different days", c.period, fm)
		}
		if got, _ := f.GetCellValue("Monthly", xlRef(lay.col[lay.metrics[len(lay.metrics)-1]]+2, r)); got != c.covers {
			t.Errorf("%s part-month column %q, want %q", c.period, got, c.covers)
		}
		notes := strings.Join(notesOn(t, wb, "Monthly", sc), " / ")
		if !strings.Contains(notes, "summed over the days they share") {
			t.Errorf("%s casualties note %q lacks how the sum was made", c.period, notes)
		}
	}
}

// TestWorkbookSummaryGap: with November 2023 as the headline month, the
// month before (October 2023) has no figure: the Summary says "no figure"
// (never a zero), gives no change, and its note says why.
func TestWorkbookSummaryGap(t *testing.T) {
	wb, b := buildEmbedded(t, Options{Month: data.NewMonth(2023, 11)})
	f := reopen(t, b)
	r := rowOf(t, f, "Summary", 1, "Killed")
	if v, _ := f.GetCellValue("Summary", xlRef(scPrevCount, r)); v != "no figure" {
		t.Errorf("October 2023 killed shows %q, want no figure", v)
	}
	if v, _ := f.GetCellValue("Summary", xlRef(scPrevRate, r)); v != "" {
		t.Errorf("October 2023 per day shows %q, want blank", v)
	}
	if v, _ := f.GetCellValue("Summary", xlRef(scPct, r)); !strings.HasPrefix(v, "n/a") {
		t.Errorf("change on a gap shows %q, want n/a", v)
	}
	notes := strings.Join(notesOn(t, wb, "Summary", xlRef(scPrevCount, r)), " / ")
	if !strings.Contains(notes, "October 2023") || !strings.Contains(notes, "never counted as zero") {
		t.Errorf("the gap's note %q does not say why October 2023 has no figure", notes)
	}
	// The headline count is still live over Monthly.
	if fm, _ := f.GetCellFormula("Summary", xlRef(scCount, r)); !strings.Contains(fm, `MATCH("2023-11",`) {
		t.Errorf("November 2023 killed is %q, want a lookup of Monthly by month", fm)
	}
}

// TestWorkbookEveryFormulaStored scans every sheet's XML, as a reader that
// does not calculate sees it: no formula cell lacks its stored value, and
// none stores it as text.
func TestWorkbookEveryFormulaStored(t *testing.T) {
	for _, ds := range []*data.Dataset{data.Default(), loadTidy(t, tidy)} {
		wb, err := New(ds, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := wb.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		wb.Close()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		formulas := 0
		cell := regexp.MustCompile(`<c [^>]*>(?:<f>[^<]*</f>)(<v>[^<]*</v>)?</c>`)
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
				continue
			}
			rc, _ := zf.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			for _, m := range cell.FindAllSubmatch(x, -1) {
				formulas++
				if len(m[1]) == 0 || bytes.Contains(m[0], []byte(`t="str"`)) {
					t.Errorf("%s: %s has no numeric stored value", zf.Name, m[0])
				}
			}
		}
		if formulas != len(wb.Formulas) {
			t.Errorf("%d formula cells in the file, %d written", formulas, len(wb.Formulas))
		}
	}
}
