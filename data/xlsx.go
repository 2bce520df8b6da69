package data

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbooks (.xlsx) are read in the tidy, wide, HXL or cumulative shape from
// one sheet: the one LoadOptions.Sheet names (a hidden one with a warning),
// or the first visible one (a warning names the others). The header is the
// first non-blank row that names a known column; title rows above it are
// passed over with a warning. Every later non-blank row is data, and a
// value in a column with no header is an error. --format-in tidy, wide,
// hxl or cumulative names the sheet's shape.
//
// A workbook is a zip of XML files, and a small zip can expand to gigabytes.
// Before anything is expanded, loadXLSX checks the file's size
// (Limits.MaxBytes), then reads the zip's central directory itself and
// refuses a workbook whose entries would expand past Limits.MaxXLSXBytes or
// that has more than Limits.MaxXLSXFiles entries; excelize is opened with
// the same limits. The central directory's sizes are binding: Go's zip
// reader fails an entry that expands past its declared size. A sheet whose
// rows times its widest row would make a grid larger than MaxXLSXBytes is
// refused too (a few cells in column XFD on many rows).
//
// Cells are read as stored, never as formatted: 1074 formatted "1,074" is
// 1074, and a number stored as 164.0 or 1.64E2 is 164. A number formatted
// as a date (Excel's date cells) becomes the date it stands for, so a month
// may be an Excel date. A formula cell gives its cached value with a
// warning naming the cell (casualty does not compute formulas); a formula
// with no cached value is an error (excelize and some other writers store
// none), while a stored empty result (=IF(...,"",...)) is an empty cell.
// TRUE/FALSE cells are refused as counts, and a text cell pointing past the
// workbook's shared strings is an error (excelize reads it as empty).
// Merged cells in the header are refused; a cell merged down one column
// outside the figures (a month written once for several areas) fills each
// row it covers; other merged cells are refused.
//
// excelize reads a sheet whose XML was cut short as fewer rows, without an
// error. So loadXLSX reads the sheet's XML to its end itself and refuses a
// sheet that ends early or holds fewer rows than its <dimension> says.

// loadXLSX reads a figures table from one sheet of a workbook, in phases
// that each refuse what the next could not survive: the file within
// Limits.MaxBytes, its zip checked (openZip) before anything expands it,
// casualty's own workbooks recognised, a sheet picked, the sheet scanned
// and read within its limits (readSheet), its grid made a table
// (sheetTable), and the table read as its shape says (loadTable).
func loadXLSX(r io.Reader, name string, opt LoadOptions) (ds *Dataset, err error) {
	lim := opt.Limits.orDefault()
	b, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, wrapReadErr(name, err)
	}
	if int64(len(b)) > lim.MaxBytes {
		return nil, inputErr(Pos{File: name}, "", tooBig(lim.MaxBytes))
	}
	fail := func(format string, args ...any) error {
		return Errorf(Pos{File: name}, "", format, args...)
	}
	zr, err := openZip(b, name, lim)
	if err != nil {
		return nil, err
	}
	defer func() {
		// excelize is not written for hostile input; a panic inside it is
		// a bad workbook, not a crash.
		if p := recover(); p != nil {
			ds, err = nil, fail("the workbook could not be read (%v); open it in Excel or LibreOffice and save it again", p)
		}
	}()
	parts, err := workbookParts(zr)
	if err != nil {
		return nil, fail("%v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    lim.MaxXLSXBytes,
		UnzipXMLSizeLimit: min(lim.MaxXLSXBytes, 16<<20),
	})
	if err != nil {
		return nil, fail("the workbook could not be read (%v); open it in Excel or LibreOffice and save it again", err)
	}
	defer f.Close()
	switch { // casualty's own workbooks: see xlsx_own.go
	case isOwnWorkbook(f, opt.Sheet):
		return loadOwnWorkbook(f, zr, parts, name, opt)
	case isFiguresWorkbook(f, opt.Sheet):
		return loadFiguresWorkbook(f, zr, parts, name, opt)
	}
	sheet, warnings, err := pickSheet(f, name, opt.Sheet)
	if err != nil {
		return nil, err
	}
	if opt.Sheet == "" {
		if sheet, warnings, err = pickTableSheet(f, name, sheet, warnings); err != nil {
			return nil, err
		}
	}
	rows, scan, date1904, err := readSheet(f, zr, parts, name, sheet, lim)
	if err != nil {
		return nil, err
	}
	t, w, err := sheetTable(name, sheet, rows, scan, date1904, opt)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, w...)
	shape := opt.Format // --format-in tidy, wide, hxl or cumulative: the sheet's shape
	if shape == FormatXLSX {
		shape = FormatAuto
	}
	ds, err = loadTable(t, shape, opt)
	if err != nil {
		return nil, err
	}
	ds.Format = FormatXLSX
	ds.Warnings = append(warnings, ds.Warnings...)
	return ds, nil
}

// readSheet is the open-and-limits phase: it scans the sheet's XML
// itself before excelize reads it, because excelize reads a truncated or
// oversized sheet without complaint. A sheet is refused when the scan meets
// a limit, when it is cut short (its XML or its dimension says rows are
// missing), when it has more rows than Limits.MaxRows, or when the grid
// excelize would build for it passes Limits.MaxXLSXBytes; only then are
// its rows read, as raw values for sheetTable to interpret. It also
// returns the scan (shared text, formulas, dates, merges) and whether the
// workbook counts dates from 1904.
func readSheet(f *excelize.File, zr *zip.Reader, parts *xlsxParts, name, sheet string, lim Limits) ([][]string, *xlsxScan, bool, error) {
	sheetPath, ok := parts.sheets[strings.ToLower(sheet)]
	if !ok {
		return nil, nil, false, Errorf(Pos{File: name}, "", "sheet %q has no worksheet in the workbook (a chart sheet?); choose another with --sheet", sheet)
	}
	dateStyles := parts.dateStyles(zr)
	scan := scanSheet(zr, sheetPath, dateStyles, lim)
	scan.nShared = parts.sharedCount(zr, lim)
	spos := Pos{File: name, Sheet: sheet}
	var le *LimitError
	if errors.As(scan.err, &le) {
		return nil, nil, false, inputErr(spos, "", le) // a limit, not damage
	}
	if scan.err != nil || !scan.complete {
		why := "it ends without closing"
		if scan.err != nil {
			why = scan.err.Error()
		}
		return nil, nil, false, Errorf(spos, "",
			"the sheet is cut short after row %d (%s); the workbook is damaged: open it in Excel or LibreOffice and save it again", scan.lastRow, why)
	}
	if last := dimensionLastRow(scan.dimension); last > scan.lastRow && (scan.lastRow > 0 || strings.Contains(scan.dimension, ":")) {
		return nil, nil, false, Errorf(spos, "",
			"the sheet is cut short: its dimension %s ends at row %d but its rows end at %d; the workbook is damaged: open it in Excel or LibreOffice and save it again",
			scan.dimension, last, scan.lastRow)
	}
	if scan.lastValRow > lim.MaxRows+1 {
		return nil, nil, false, inputErr(spos, "", limitErr("MaxRows", fmt.Sprintf("more than %d data rows", lim.MaxRows)))
	}
	// Reading a sheet makes a grid of its rows by its widest row: a few
	// cells far to the right on many rows would make a huge grid from a
	// small file. Budget it like the expanded workbook.
	if grid := int64(scan.lastRow) * int64(scan.maxCol) * 16; grid > lim.MaxXLSXBytes {
		last, _ := excelize.CoordinatesToCellName(max(scan.maxCol, 1), max(scan.lastRow, 1))
		return nil, nil, false, inputErr(spos, "", &LimitError{Limit: "MaxXLSXBytes", What: fmt.Sprintf(
			"the sheet spans A1:%s, a grid of more than %d bytes to read; refused: clear cells far from the table",
			last, lim.MaxXLSXBytes)})
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, false, Errorf(spos, "", "cannot read the sheet (%v)", err)
	}
	if len(rows) < scan.lastValRow {
		return nil, nil, false, Errorf(spos, "",
			"the sheet is cut short: its XML has values down to row %d but only %d rows could be read; the workbook is damaged: open it in Excel or LibreOffice and save it again",
			scan.lastValRow, len(rows))
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	return rows, scan, date1904, nil
}

// sniffWorkbook reports whether r starts as a zip (a workbook) does, and
// returns a reader that still yields every byte.
func sniffWorkbook(r io.Reader) (io.Reader, bool) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	return br, string(head) == "PK"
}

// pickSheet returns the sheet named, or the first visible one.
func pickSheet(f *excelize.File, name, want string) (string, []error, error) {
	list := f.GetSheetList()
	spos := Pos{File: name}
	if want != "" {
		for _, s := range list {
			if s == want || strings.EqualFold(s, want) {
				var w []error
				if vis, _ := f.GetSheetVisible(s); !vis {
					w = append(w, Errorf(Pos{File: name, Sheet: s}, "", "the sheet is hidden; read because --sheet names it"))
				}
				return s, w, nil
			}
		}
		hint := ""
		if n := Nearest(want, list); n != "" {
			hint = fmt.Sprintf("did you mean %q? ", n)
		}
		return "", nil, Errorf(spos, "", "no sheet %q; %sthe workbook has %s", want, hint, quoteList(list))
	}
	var visible []string
	for _, s := range list {
		if vis, _ := f.GetSheetVisible(s); vis {
			visible = append(visible, s)
		}
	}
	if len(visible) == 0 {
		return "", nil, Errorf(spos, "", "the workbook has no visible sheet; name one with --sheet (it has %s)", quoteList(list))
	}
	var w []error
	if len(visible) > 1 {
		w = append(w, Errorf(Pos{File: name, Sheet: visible[0]}, "",
			"read the first of %d visible sheets (%s); choose another with --sheet", len(visible), quoteList(visible)))
	}
	return visible[0], w, nil
}

// pickTableSheet passes over a first sheet that holds no table (a README,
// notes, a cover page), as workbooks from HDX and analysts often begin:
// when exactly one other visible sheet holds a table, that one is read,
// with a warning; when several do, the load is refused naming them, since
// which is meant cannot be guessed. first is the sheet pickSheet chose.
func pickTableSheet(f *excelize.File, name, first string, warnings []error) (string, []error, error) {
	if sheetHoldsTable(f, first) {
		return first, warnings, nil
	}
	var tables []string
	for _, s := range f.GetSheetList() {
		if vis, _ := f.GetSheetVisible(s); vis && s != first && sheetHoldsTable(f, s) {
			tables = append(tables, s)
		}
	}
	switch len(tables) {
	case 0:
		return first, warnings, nil // its own error says what is missing
	case 1:
		return tables[0], []error{Errorf(Pos{File: name, Sheet: tables[0]}, "",
			"read this sheet: the first sheet, %q, holds no table of figures (choose another with --sheet)", first)}, nil
	}
	return "", nil, Errorf(Pos{File: name}, "",
		"the first sheet, %q, holds no table of figures, and %d sheets do (%s); name one with --sheet", first, len(tables), quoteList(tables))
}

// sheetHoldsTable reports whether one of the first rows of a sheet is a
// header casualty reads: a month, a cut-off date or a metric column, or
// an HXL hashtag row. Only those rows are read.
func sheetHoldsTable(f *excelize.File, sheet string) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for n := 0; n < 20 && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return false
		}
		if allHashtags(cells) {
			return true
		}
		c := headerColumns(trimAll(cells))
		if c.has("month") || c.has("as_of") || len(c.metricCols()) > 0 {
			return true
		}
		if len(monthColumns(&table{header: trimAll(cells)})) >= 2 {
			return true // months across the columns
		}
	}
	return false
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	if len(q) > 10 {
		q = append(q[:10], fmt.Sprintf("... (%d sheets)", len(s)))
	}
	return strings.Join(q, ", ")
}
