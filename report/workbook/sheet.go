package workbook

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
	"github.com/xuri/excelize/v2"
)

// xlSheet writes cells on one worksheet and remembers the widest content of
// each column, so the widths can be fitted once at the end. The first
// error is kept and every later call is a no-op, which keeps the sheet
// builders readable: they write, then check sheet.err once.
type xlSheet struct {
	wb     *Workbook
	name   string
	widths map[int]float64 // column (1-based) → widest content, in characters
	maxW   float64         // cap on fitted widths
	err    error
}

func (wb *Workbook) newSheet(name string) *xlSheet {
	s := &xlSheet{wb: wb, name: name, widths: map[int]float64{}, maxW: 60}
	if wb.err != nil {
		s.err = wb.err
		return s
	}
	if len(wb.f.GetSheetList()) == 1 && wb.f.GetSheetList()[0] == "Sheet1" && !wb.renamed {
		s.err = wb.f.SetSheetName("Sheet1", name)
		wb.renamed = true
	} else {
		_, s.err = wb.f.NewSheet(name)
	}
	wb.sheets = append(wb.sheets, s)
	return s
}

// ref returns the A1 reference of a cell ("C5").
func xlRef(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// xlAbsRef returns the absolute reference of a cell on a sheet
// ("'Monthly'!$C$5"), as defined names and charts want them.
func xlAbsRef(sheetName string, col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row, true)
	return xlQuote(sheetName) + "!" + name
}

// xlAbsRange returns an absolute column range on a sheet ("Monthly!$C$2:$C$49").
func xlAbsRange(sheetName string, col, row1, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col, row1, true)
	b, _ := excelize.CoordinatesToCellName(col, row2, true)
	return xlQuote(sheetName) + "!" + a + ":" + b
}

// xlQuote quotes a sheet name for a formula when it needs it.
func xlQuote(name string) string {
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return "'" + name + "'"
		}
	}
	return name
}

func (s *xlSheet) fit(col int, chars float64) {
	if chars > s.widths[col] {
		s.widths[col] = chars
	}
}

// text writes text, neutralised so that it can never run as a formula.
func (s *xlSheet) text(col, row int, v string, style int) {
	if s.err != nil {
		return
	}
	v = data.SafeText(v)
	cell := xlRef(col, row)
	if s.err = s.wb.f.SetCellStr(s.name, cell, v); s.err != nil {
		return
	}
	s.style(cell, style)
	s.fit(col, float64(utf8.RuneCountInString(v)))
}

// int writes a whole number (a count).
func (s *xlSheet) int(col, row int, v int64, style int) {
	if s.err != nil {
		return
	}
	cell := xlRef(col, row)
	if s.err = s.wb.f.SetCellInt(s.name, cell, v); s.err != nil {
		return
	}
	s.style(cell, style)
	s.fit(col, float64(len(fmt.Sprint(v)))*1.35+3)
}

// float writes a number with full precision; the style's number format
// rounds it for display.
func (s *xlSheet) float(col, row int, v float64, style int) {
	if s.err != nil {
		return
	}
	cell := xlRef(col, row)
	if s.err = s.wb.f.SetCellFloat(s.name, cell, v, -1, 64); s.err != nil {
		return
	}
	s.style(cell, style)
	s.fit(col, 10)
}

// formula writes a live formula whose result must equal want, the value
// Go computed; the pair is recorded so tests can check every formula
// against a real spreadsheet's result.
func (s *xlSheet) formula(col, row int, f string, want float64, style int) {
	if s.err != nil {
		return
	}
	cell := xlRef(col, row)
	if s.err = s.wb.f.SetCellFormula(s.name, cell, f); s.err != nil {
		return
	}
	s.style(cell, style)
	s.fit(col, 10)
	s.wb.Formulas = append(s.wb.Formulas, FormulaCell{Sheet: s.name, Cell: cell, Formula: f, Want: want})
}

func (s *xlSheet) style(cell string, style int) {
	if s.err == nil && style != 0 {
		s.err = s.wb.f.SetCellStyle(s.name, cell, cell, style)
	}
}

// note attaches a note (a warning or a caveat) to a cell; the Notes sheet
// lists them all with a link to the cell.
func (s *xlSheet) note(col, row int, text string) {
	n := xlNote{Sheet: s.name, Cell: xlRef(col, row), Text: text}
	if !slices.Contains(s.wb.notes, n) {
		s.wb.notes = append(s.wb.notes, n)
	}
}

// finish fits the column widths to their content (capped at maxW, but
// never below minWidths) and sets print set-up: landscape, one page wide.
func (s *xlSheet) finish(minWidths map[int]float64) {
	if s.err != nil {
		return
	}
	cols := map[int]bool{}
	for c := range s.widths {
		cols[c] = true
	}
	for c := range minWidths {
		cols[c] = true
	}
	for col := 1; col <= excelize.MaxColumns && len(cols) > 0; col++ {
		if !cols[col] {
			continue
		}
		delete(cols, col)
		w := s.widths[col] + 2
		if w > s.maxW {
			w = s.maxW
		}
		if w < minWidths[col] {
			w = minWidths[col]
		}
		name, _ := excelize.ColumnNumberToName(col)
		if s.err = s.wb.f.SetColWidth(s.name, name, name, w); s.err != nil {
			return
		}
	}
	s.err = xlSetPrint(s.wb.f, s.name)
}

// xlSetPrint sets landscape A4, fitted to one page wide and as many pages
// tall as needed.
func xlSetPrint(f *excelize.File, name string) error {
	landscape := "landscape"
	one, zero := 1, 0
	a4 := 9
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	fit := true
	return f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// freeze keeps the first rows and columns in view while scrolling.
func (s *xlSheet) freeze(cols, rows int) {
	if s.err != nil {
		return
	}
	s.err = s.wb.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: xlRef(cols+1, rows+1), ActivePane: xlActivePane(cols, rows),
	})
}

func xlActivePane(cols, rows int) string {
	switch {
	case cols > 0 && rows > 0:
		return "bottomRight"
	case cols > 0:
		return "topRight"
	}
	return "bottomLeft"
}

// table makes the range an Excel Table (filter buttons, banded rows).
func (s *xlSheet) table(name string, col1, row1, col2, row2 int) {
	if s.err != nil {
		return
	}
	if row2 == row1 {
		row2++ // a table needs a row under its header
	}
	stripes := true
	s.err = s.wb.f.AddTable(s.name, &excelize.Table{
		Range: xlRef(col1, row1) + ":" + xlRef(col2, row2), Name: name,
		StyleName: "TableStyleLight9", ShowRowStripes: &stripes,
	})
}

// name defines a workbook-wide name for a cell, so formulas elsewhere and
// readers can find the headline figures by name.
func (s *xlSheet) define(name string, col, row int, comment string) {
	if s.err != nil {
		return
	}
	s.err = s.wb.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: xlAbsRef(s.name, col, row), Comment: comment})
}

// textNoFit writes text that may be long (a reason, a sentence, a header)
// without widening its column for it.
func (s *xlSheet) textNoFit(col, row int, v string, style int) {
	if s.err != nil {
		return
	}
	cell := xlRef(col, row)
	if s.err = s.wb.f.SetCellStr(s.name, cell, data.SafeText(v)); s.err != nil {
		return
	}
	s.style(cell, style)
}

// merge merges a block of cells (for a paragraph across the table).
func (s *xlSheet) merge(col1, row1, col2, row2 int) {
	if s.err == nil {
		s.err = s.wb.f.MergeCell(s.name, xlRef(col1, row1), xlRef(col2, row2))
	}
}

// height sets a row's height in points.
func (s *xlSheet) height(row int, h float64) {
	if s.err == nil {
		s.err = s.wb.f.SetRowHeight(s.name, row, h)
	}
}

// printArea limits printing to the first cols columns and repeats the
// header row on every page.
func (s *xlSheet) printArea(cols, rows int) {
	if s.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(1, 1, true)
	b, _ := excelize.CoordinatesToCellName(cols, rows, true)
	if s.err = s.wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: xlQuote(s.name) + "!" + a + ":" + b, Scope: s.name}); s.err != nil {
		return
	}
	s.err = s.wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: xlQuote(s.name) + "!$1:$1", Scope: s.name})
}

// headers writes a header row. Headers wrap, so a column is widened only
// to the header's longest word, not to the whole header.
func (s *xlSheet) headers(row int, names []string) {
	for i, h := range names {
		s.textNoFit(i+1, row, h, s.wb.st.header)
		longest := 0
		for _, w := range strings.Fields(h) {
			longest = max(longest, utf8.RuneCountInString(w))
		}
		s.fit(i+1, float64(longest)+1)
	}
}
