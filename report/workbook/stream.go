package workbook

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/casualty-tool/casualty/data"
	"github.com/xuri/excelize/v2"
)

// FiguresOptions describes a large workbook of figures.
type FiguresOptions struct {
	// Title says what the figures are ("ACLED events by month and oblast").
	Title string
	// Areas names the area codes (nil: codes only).
	Areas *data.AreaTable
	// Command and Version are shown on the About sheet.
	Command, Version string
	// Source is whose figures these are; a declared source's ID is
	// written on About (SourceIDLabel), so casualty reads it back.
	Source data.Source
	// Progress, when set, is called every ProgressEvery rows written and
	// once at the end, so a terminal can show progress.
	Progress func(rows int)
}

// ProgressEvery is how many rows WriteFigures writes between calls
// to FiguresOptions.Progress.
const ProgressEvery = 100_000

// MaxFigureRows is the most figures one sheet holds: Excel's 1,048,576
// rows less the header.
const MaxFigureRows = excelize.TotalRows - 1

// maxFigureRows is MaxFigureRows, lowered by tests.
var maxFigureRows = MaxFigureRows

// xlFigureHeaders are the Monthly columns of the large workbook.
var xlFigureHeaders = []string{"Month", "Period", "Area code", "Area", "Metric", "Value", "Qualifier",
	"Days covered", "Part-month", "Publication", "Published", "Source", "Note"}

var xlFigureWidths = []float64{10, 9, 10, 22, 18, 12, 10, 9, 12, 34, 11, 40, 40}

// WriteFigures writes figures, one row each, to w: an About sheet
// and a Monthly sheet (an Excel Table with a frozen header) written with
// excelize's stream writer: rows go to a temporary file as they come and
// are compressed straight into w at the end, so a million rows of
// event-level or area-level figures take about 80 MB of memory, not a
// million cells' worth. Figures are written in the order given; counts are
// numbers whose format shows ≥ for "at least"; text is neutralised. More
// than MaxFigureRows figures is an error, and nothing is written to w.
//
// The document date is the newest publication date among the figures, so
// the same figures give the same workbook.
func WriteFigures(w io.Writer, figures iter.Seq[data.Observation], opt FiguresOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := xlNewStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "About"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Monthly"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Monthly")
	if err != nil {
		return err
	}
	for i, wdt := range xlFigureWidths {
		if err := sw.SetColWidth(i+1, i+1, wdt); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(xlFigureHeaders))
	for i, h := range xlFigureHeaders {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	cells := make([]excelize.Cell, len(xlFigureHeaders))
	for i := range row {
		row[i] = &cells[i]
	}
	n := 0
	var newest data.Publication
	first, last := data.Month{}, data.Month{}
	names := map[string]string{}
	monthText := map[data.Month][2]any{} // labels made once per month, not once per row
	areaName := func(code string) string {
		if v, ok := names[code]; ok {
			return v
		}
		v := code
		if opt.Areas != nil {
			if a, ok := opt.Areas.Get(code); ok {
				v = a.Name
			}
		}
		names[code] = data.SafeText(v)
		return names[code]
	}
	set := func(i int, v any, style int) {
		if s, ok := v.(string); ok && s == "" {
			v = nil
		}
		cells[i] = excelize.Cell{Value: v, StyleID: style}
	}
	for o := range figures {
		if n == maxFigureRows {
			return fmt.Errorf("figures workbook: more than %d figures do not fit on one sheet", maxFigureRows)
		}
		n++
		if newest.Before(o.Published) {
			newest = o.Published
		}
		if first.IsZero() || o.Month.Before(first) {
			first = o.Month
		}
		if last.Before(o.Month) {
			last = o.Month
		}
		ml, ok := monthText[o.Month]
		if !ok {
			ml = [2]any{o.Month.Short(), o.Month.String()}
			monthText[o.Month] = ml
		}
		set(0, ml[0], 0)
		set(1, ml[1], 0)
		set(2, data.SafeText(o.Area), 0)
		set(3, areaName(o.Area), 0)
		set(4, o.Metric.Label(), 0)
		set(5, o.Value, st.countStyle(o.Qualifier))
		set(6, xlQualifier(o.Qualifier), 0)
		set(7, o.Days(), 0)
		set(8, o.Covers(), 0)
		set(9, data.SafeText(o.Published.Name), 0)
		set(10, o.Published.Date.String(), 0)
		set(11, data.SafeText(o.Source), 0)
		set(12, data.SafeText(o.Note), 0)
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
		if opt.Progress != nil && n%ProgressEvery == 0 {
			opt.Progress(n)
		}
	}
	if n == 0 {
		return errors.New("figures workbook: no figures to write")
	}
	if opt.Progress != nil {
		opt.Progress(n)
	}
	end, _ := excelize.CoordinatesToCellName(len(xlFigureHeaders), n+1)
	stripes := true
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + end, Name: "Figures", StyleName: "TableStyleLight9", ShowRowStripes: &stripes}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := xlSetPrint(f, "Monthly"); err != nil {
		return err
	}
	if err := xlFiguresAbout(f, st, opt, n, first, last, newest); err != nil {
		return err
	}
	stamp := "2000-01-01T00:00:00Z"
	if !newest.Date.IsZero() {
		stamp = newest.Date.Format("2006-01-02") + "T00:00:00Z"
	}
	creator := "casualty"
	if opt.Version != "" {
		creator += " " + opt.Version
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: opt.Title, Creator: creator, LastModifiedBy: creator,
		Created: stamp, Modified: stamp, Category: "casualty figures", Language: "en-GB"}); err != nil {
		return err
	}
	_, err = writeXLSX(f, w)
	return err
}

// writeXLSX writes f to w with excelize's own writer.
func writeXLSX(f *excelize.File, w io.Writer) (int64, error) { return f.WriteTo(w) }

// xlFiguresAbout says what the large workbook holds.
func xlFiguresAbout(f *excelize.File, st xlStyles, opt FiguresOptions, n int, first, last data.Month, newest data.Publication) error {
	title := opt.Title
	if title == "" {
		title = "Civilian casualty figures"
	}
	cmd := opt.Command
	if cmd == "" {
		cmd = "casualty"
	}
	rows := [][2]string{
		{"", title},
		{"Figures", fmt.Sprintf("%d figures, one per row of the Monthly sheet, %s to %s", n, first.Label(), last.Label())},
		{"Latest publication", newest.String()},
		{"Value", "A whole number as published; ≥ marks a figure published as \"at least\" (a verified minimum), ≈ one published as approximate. A month with no figure has no row: it is never a zero."},
		{"Part-month", "Days of the month the figure covers when less than the whole month; per-day rates divide by Days covered."},
		{"Command", cmd},
		{"Version", "casualty " + opt.Version},
	}
	if opt.Source.Declared() {
		rows = append(rows[:3:3], append([][2]string{{SourceIDLabel, opt.Source.ID}}, rows[3:]...)...)
	}
	for i, r := range rows {
		a, _ := excelize.CoordinatesToCellName(1, i+1)
		b, _ := excelize.CoordinatesToCellName(2, i+1)
		style := st.label
		if i == 0 {
			a, style = b, st.title
			if err := f.SetCellStr("About", "A1", data.SafeText(r[1])); err != nil {
				return err
			}
			if err := f.SetCellStyle("About", "A1", "A1", style); err != nil {
				return err
			}
			continue
		}
		if err := f.SetCellStr("About", a, r[0]); err != nil {
			return err
		}
		if err := f.SetCellStyle("About", a, a, style); err != nil {
			return err
		}
		if err := f.SetCellStr("About", b, data.SafeText(r[1])); err != nil {
			return err
		}
		if err := f.SetCellStyle("About", b, b, st.wrap); err != nil {
			return err
		}
	}
	if err := f.SetColWidth("About", "A", "A", 20); err != nil {
		return err
	}
	if err := f.SetColWidth("About", "B", "B", 100); err != nil {
		return err
	}
	return xlSetPrint(f, "About")
}
