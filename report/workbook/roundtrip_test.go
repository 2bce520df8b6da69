package workbook

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/xuri/excelize/v2"
)

// figureLine is a figure as the round trip must keep it: value, qualifier,
// days, publication, source and note.
func figureLine(o data.Observation) string {
	return fmt.Sprintf("%s %s %s %d %s %d-%d %s %q %q %q", o.Month, o.Area, o.Metric, o.Value, o.Qualifier,
		o.FromDay, o.ToDay, o.Published.Date, o.Published.Name, o.Source, o.Note)
}

func figureLines(obs []data.Observation, area string) []string {
	var out []string
	for _, o := range obs {
		if o.Area == area {
			out = append(out, figureLine(o))
		}
	}
	slices.Sort(out)
	return out
}

// loadOwn reads a workbook casualty wrote, as casualty validate and
// report --data do.
func loadOwn(t testing.TB, b []byte, opt data.LoadOptions) *data.Dataset {
	t.Helper()
	ds, err := data.Load(bytes.NewReader(b), "report.xlsx", opt)
	if err != nil {
		t.Fatalf("casualty cannot read its own workbook: %v", err)
	}
	return ds
}

// TestWorkbookReadsBack: casualty reads its own workbook (About is its
// first sheet) as every current figure it was made from, each with its
// qualifier, days, publication, source and note.
func TestWorkbookReadsBack(t *testing.T) {
	unami, err := data.Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ds   *data.Dataset
		area string
	}{{data.Default(), "UA"}, {unami, "IQ"}} {
		wb, err := New(c.ds, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := wb.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		wb.Close()
		// No --country: the workbook's area code says IQ.
		got := loadOwn(t, buf.Bytes(), data.LoadOptions{})
		want := figureLines(c.ds.Latest().Obs, c.area)
		if g := figureLines(got.Obs, c.area); !slices.Equal(g, want) {
			t.Errorf("%s: read back %d figures, wrote %d", c.area, len(g), len(want))
			for _, l := range g {
				if !slices.Contains(want, l) {
					t.Errorf("read back, not written: %s", l)
				}
			}
			for _, l := range want {
				if !slices.Contains(g, l) {
					t.Errorf("written, not read back: %s", l)
				}
			}
		}
		if got.Source.Name != c.ds.Source.Name {
			t.Errorf("%s: read back as from %q, written from %q", c.area, got.Source.Name, c.ds.Source.Name)
		}
		for _, w := range got.Warnings {
			if strings.Contains(w.Error(), "formula") {
				t.Errorf("warning about formulas in casualty's own workbook: %v", w)
			}
		}
	}
}

// TestWorkbookReadsEditedCopy: an analyst sorts Monthly (newest month
// first, as values: a sort moves cells), types a revision they received
// over March 2025 killed (164 → 170), and clears January 2026 injured; the
// copy is saved by a program that does not recalculate. casualty reads
// Monthly's cells by their Period: killed March 2025 is 170 with its
// qualifier and source kept, January 2026 injured is no figure (not a
// zero, and said in a warning), and every other figure is as written.
func TestWorkbookReadsEditedCopy(t *testing.T) {
	_, b := buildEmbedded(t, Options{})
	f := reopen(t, b)
	rows, err := f.GetRows("Monthly", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	body := rows[1:]
	slices.Reverse(body)
	for i, r := range body {
		vals := make([]any, len(r))
		for j, v := range r {
			if x, err := strconv.ParseInt(v, 10, 64); err == nil && j >= mcDays-1 {
				vals[j] = x
			} else {
				vals[j] = v
			}
			// The row's cells become plain values, as a sort pasted them.
			cell := xlRef(j+1, i+2)
			if err := f.SetCellFormula("Monthly", cell, ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetSheetRow("Monthly", xlRef(1, i+2), &vals); err != nil {
			t.Fatal(err)
		}
	}
	mar := rowOf(t, f, "Monthly", mcPeriod, "2025-03")
	jan := rowOf(t, f, "Monthly", mcPeriod, "2026-01")
	if err := f.SetCellInt("Monthly", xlRef(4, mar), 170); err != nil { // D: Killed
		t.Fatal(err)
	}
	if err := f.SetCellValue("Monthly", xlRef(5, jan), nil); err != nil { // E: Injured
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	got := loadOwn(t, buf.Bytes(), data.LoadOptions{})
	var want []string
	for _, o := range data.Default().Latest().Obs {
		switch {
		case o.Area != "UA":
			continue
		case o.Month.String() == "2025-03" && o.Metric == data.Killed:
			o.Value = 170
		case o.Month.String() == "2026-01" && o.Metric == data.Injured:
			continue
		}
		want = append(want, figureLine(o))
	}
	slices.Sort(want)
	if g := figureLines(got.Obs, "UA"); !slices.Equal(g, want) {
		for _, l := range g {
			if !slices.Contains(want, l) {
				t.Errorf("read back, not expected: %s", l)
			}
		}
		for _, l := range want {
			if !slices.Contains(g, l) {
				t.Errorf("expected, not read back: %s", l)
			}
		}
	}
	warned := false
	for _, w := range got.Warnings {
		warned = warned || strings.Contains(w.Error(), "2026-01 injured is blank on Monthly")
	}
	if !warned {
		t.Errorf("no warning for the cleared cell; warnings: %v", got.Warnings)
	}
}

// TestFiguresWorkbookReadsBack: the large figures workbook (every vintage,
// one row each; About first) reads back as the figures written.
func TestFiguresWorkbookReadsBack(t *testing.T) {
	ds := data.Default()
	var buf bytes.Buffer
	if err := WriteFigures(&buf, slices.Values(ds.Obs), FiguresOptions{Areas: data.Ukraine(), Source: ds.Source}); err != nil {
		t.Fatal(err)
	}
	got := loadOwn(t, buf.Bytes(), data.LoadOptions{})
	if got.Source.ID != "hrmmu" {
		t.Errorf("read back as from %q, want hrmmu", got.Source.ID)
	}
	want := figureLines(ds.Obs, "UA")
	if g := figureLines(got.Obs, "UA"); !slices.Equal(g, want) {
		t.Errorf("read back %d figures, wrote %d", len(g), len(want))
		for _, l := range g {
			if !slices.Contains(want, l) {
				t.Errorf("read back, not written: %s", l)
			}
		}
	}
}
