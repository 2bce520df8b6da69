package data

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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

// xlsxCell is what the sheet's XML says about a cell beyond its value.
type xlsxCell struct {
	typ      string // t attribute: "", "n", "s", "str", "inlineStr", "b", "e", "d"
	formula  string // formula text ("" for a shared formula's followers: see hasF)
	hasF     bool
	hasV     bool
	nonEmpty bool // the value is not blank
	float    bool // a number written with a point or an exponent (11.0, 1E3)
	date     bool // a number with a date format
}

func (c xlsxCell) describe() string {
	if strings.TrimSpace(c.formula) == "" {
		return "a shared formula"
	}
	return "the formula =" + c.formula
}

// xlsxScan is the result of reading one sheet's XML to its end.
type xlsxScan struct {
	dimension  string
	lastRow    int            // r of the last <row> element
	lastValRow int            // last row with a cell value
	maxCol     int            // rightmost column with a cell
	merges     []string       // merged ranges, "B1:C1"
	shared     map[[2]int]int // shared-string cells: their index
	nShared    int            // strings in the shared-strings part
	cells      map[[2]int]xlsxCell
	err        error // the XML ended early or is malformed
	complete   bool  // </worksheet> was reached
}

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

// openZip checks that b is a zip within the limits, and says what it is
// when it is not a workbook.
func openZip(b []byte, name string, lim Limits) (*zip.Reader, error) {
	fail := func(format string, args ...any) error {
		return Errorf(Pos{File: name}, "", format, args...)
	}
	head := b[:min(len(b), 4096)]
	switch {
	case len(b) == 0:
		return nil, fail("the file is empty; want an .xlsx workbook")
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fail("this is an Excel 97-2003 .xls workbook or a password-protected workbook, which casualty does not read; save it as .xlsx without a password, or as CSV (UTF-8)")
	case !bytes.HasPrefix(b, []byte("PK")):
		if utf8.Valid(head[:max(0, len(head)-3)]) && bytes.IndexByte(head, 0) < 0 {
			return nil, fail("this is text (CSV?), not an .xlsx workbook; give it a .csv name or pass --format-in tidy, wide, hxl or cumulative")
		}
		return nil, fail("this is not an .xlsx workbook (an .xlsx file is a zip archive)")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fail("the workbook is damaged or truncated (%v); open it in Excel or LibreOffice and save it again", err)
	}
	if len(zr.File) > lim.MaxXLSXFiles {
		return nil, inputErr(Pos{File: name}, "", limitErr("MaxXLSXFiles", fmt.Sprintf("the workbook has %d zip entries, more than the limit of %d; refused before expanding",
			len(zr.File), lim.MaxXLSXFiles)))
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxXLSXBytes) || total < zf.UncompressedSize64 {
			return nil, inputErr(Pos{File: name}, "", limitErr("MaxXLSXBytes", fmt.Sprintf("the workbook would expand to more than %d bytes (%d bytes compressed); refused before expanding, as a zip bomb would be",
				lim.MaxXLSXBytes, len(b))))
		}
	}
	if zipEntry(zr, "mimetype") != nil && zipEntry(zr, "content.xml") != nil {
		return nil, fail("this is an OpenDocument spreadsheet (.ods), which casualty does not read; save it as .xlsx or CSV (UTF-8)")
	}
	if zipEntry(zr, "[Content_Types].xml") == nil {
		return nil, fail("this zip archive is not an .xlsx workbook (it has no [Content_Types].xml)")
	}
	return zr, nil
}

// zipEntry finds an entry by name, in any case (as Excel does).
func zipEntry(zr *zip.Reader, name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
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

// xlsxParts locates the parts of a workbook: each sheet's XML by sheet
// name (lower case) and the styles.
type xlsxParts struct {
	sheets map[string]string
	styles string
	shared string // the shared-strings part ("" when there is none)
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readZipXML decodes a small XML part (at most 16 MiB).
func readZipXML(zr *zip.Reader, name string, v any) error {
	zf := zipEntry(zr, name)
	if zf == nil {
		return fmt.Errorf("the workbook has no %s part (it is damaged, or not an .xlsx workbook)", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("the workbook's %s cannot be read (%v)", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v); err != nil {
		return fmt.Errorf("the workbook's %s is damaged (%v)", name, err)
	}
	return nil
}

// resolve turns a relationship target into a zip path.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Clean(path.Join(path.Dir(base), target))
}

func workbookParts(zr *zip.Reader) (*xlsxParts, error) {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if readZipXML(zr, "_rels/.rels", &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = resolve("", r.Target)
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := readZipXML(zr, wbPath, &wb); err != nil {
		return nil, err
	}
	var rels xmlRels
	relPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := readZipXML(zr, relPath, &rels); err != nil {
		return nil, err
	}
	p := &xlsxParts{sheets: map[string]string{}}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = resolve(wbPath, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			p.shared = resolve(wbPath, r.Target)
		}
		if strings.HasSuffix(r.Type, "/styles") {
			p.styles = resolve(wbPath, r.Target)
		}
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.RID]; ok {
			p.sheets[strings.ToLower(s.Name)] = t
		}
	}
	return p, nil
}

// sharedCount counts the strings of the shared-strings part, so that a
// cell pointing past them is caught (excelize reads it as empty).
func (p *xlsxParts) sharedCount(zr *zip.Reader, lim Limits) int {
	zf := zipEntry(zr, p.shared)
	if p.shared == "" || zf == nil {
		return 0
	}
	rc, err := zf.Open()
	if err != nil {
		return 0
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, lim.MaxXLSXBytes))
	n := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "si" {
			n++
		}
	}
}

// dateStyles returns the cell styles (indexes into cellXfs) whose number
// format shows a date, so that the numbers under them are read as dates.
func (p *xlsxParts) dateStyles(zr *zip.Reader) map[int]bool {
	out := map[int]bool{}
	if p.styles == "" {
		return out
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if readZipXML(zr, p.styles, &st) != nil {
		return out
	}
	custom := map[int]string{}
	for _, n := range st.NumFmts {
		custom[n.ID] = n.Code
	}
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			out[i] = isDateFormat(code)
		} else {
			out[i] = builtinDateFormat(xf.NumFmtID)
		}
	}
	return out
}

// builtinDateFormat reports whether a built-in number format (ECMA-376
// 18.8.30, with the East Asian date formats) shows a date or time.
func builtinDateFormat(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// isDateFormat reports whether a custom number format shows a date: it has
// d, m or y outside quoted text, escapes and [colour] sections.
func isDateFormat(code string) bool {
	inQ, inB := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQ:
			inQ = c != '"'
		case inB:
			inB = c != ']'
		case c == '"':
			inQ = true
		case c == '[':
			inB = true
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			switch c | 0x20 {
			case 'd', 'm', 'y':
				return true
			}
		}
	}
	return false
}

// scanSheet reads a sheet's XML to its end, recording the dimension, the
// last row, and the formula, TRUE/FALSE and date cells.
func scanSheet(zr *zip.Reader, name string, dateStyles map[int]bool, lim Limits) *xlsxScan {
	s := &xlsxScan{cells: map[[2]int]xlsxCell{}, shared: map[[2]int]int{}}
	zf := zipEntry(zr, name)
	if zf == nil {
		s.err = fmt.Errorf("its part %s is missing", name)
		return s
	}
	rc, err := zf.Open()
	if err != nil {
		s.err = err
		return s
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, lim.MaxXLSXBytes))
	row, col := 0, 0
	var cur xlsxCell
	var curAt [2]int
	inCell, inF, inV, inIs := false, false, false, false
	vtext := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return s
		}
		if err != nil {
			s.err = err
			return s
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "dimension":
				s.dimension = attr(e, "ref")
			case "mergeCell":
				if len(s.merges) >= 100_000 {
					s.err = errors.New("more than 100000 merged ranges")
					return s
				}
				s.merges = append(s.merges, strings.ToUpper(attr(e, "ref")))
			case "row":
				if n, err := strconv.Atoi(attr(e, "r")); err == nil && n > 0 {
					row = n
				} else {
					row++
				}
				col = 0
				s.lastRow = row
			case "c":
				col++
				if c, r, err := excelize.CellNameToCoordinates(attr(e, "r")); err == nil {
					col, row = c, r
				}
				inCell = true
				curAt = [2]int{row, col}
				cur = xlsxCell{typ: attr(e, "t")}
				vtext = ""
				if st, err := strconv.Atoi(attr(e, "s")); err == nil && dateStyles[st] {
					cur.date = true
				}
			case "f":
				if inCell {
					cur.hasF = true
					inF = true
				}
			case "v":
				if inCell {
					inV = true
					cur.hasV = true
				}
			case "is":
				if inCell {
					inIs = true
					cur.hasV = true
				}
			}
		case xml.CharData:
			if inF && len(cur.formula) < 1024 {
				cur.formula += string(e)
			}
			if inV && len(vtext) < 64 {
				vtext += string(e)
			}
			if (inV || inIs) && strings.TrimSpace(string(e)) != "" {
				cur.nonEmpty = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "f":
				inF = false
			case "v":
				inV = false
			case "is":
				inIs = false
			case "c":
				inCell = false
				if curAt[1] > s.maxCol {
					s.maxCol = curAt[1]
				}
				if cur.nonEmpty && curAt[0] > s.lastValRow {
					s.lastValRow = curAt[0]
				}
				cur.float = (cur.typ == "" || cur.typ == "n") && strings.ContainsAny(vtext, ".eE")
				if cur.typ == "s" && cur.hasV {
					i, err := strconv.Atoi(strings.TrimSpace(vtext))
					if err != nil {
						i = -1
					}
					if len(s.shared) >= 4*lim.MaxRows {
						s.err = limitErr("MaxRows", fmt.Sprintf("more than %d text cells", 4*lim.MaxRows))
						return s
					}
					s.shared[curAt] = i
				}
				if cur.hasF || cur.float || cur.typ == "b" || cur.typ == "d" || cur.date && (cur.typ == "" || cur.typ == "n") {
					if len(s.cells) >= 4*lim.MaxRows {
						s.err = limitErr("MaxRows", fmt.Sprintf("more than %d formula or date cells", 4*lim.MaxRows))
						return s
					}
					s.cells[curAt] = cur
				}
			case "worksheet":
				s.complete = true
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// dimensionLastRow is the last row of a <dimension ref="A1:D20">, 0 when
// there is none.
func dimensionLastRow(ref string) int {
	if ref == "" {
		return 0
	}
	parts := strings.Split(ref, ":")
	_, r, err := excelize.CellNameToCoordinates(parts[len(parts)-1])
	if err != nil {
		return 0
	}
	return r
}

// figureColumn reports whether column i holds counts, where a merged cell
// would copy a figure into rows it does not belong to. A column casualty
// does not recognise counts as one: better refuse than guess.
func figureColumn(c columns, i int) bool {
	for k, j := range c {
		if j == i {
			return strings.HasPrefix(k, "metric:") || k == "value" || k == "low" || k == "high"
		}
	}
	return true
}

// sheetTable turns the rows of a sheet into a table with sheet-and-cell
// positions. It works in phases, each a function below: the scan is
// checked against the workbook, the grid's values are made what they mean
// (dates, booleans, cached formula values), the header is found, merged
// cells are resolved, and the rows become the table. A phase that finds
// faults refuses the sheet with all of them, sorted by place, before the
// next begins: the user fixes every fault of one kind in one pass, and no
// phase works on a grid the one before found broken.
func sheetTable(name, sheet string, rows [][]string, scan *xlsxScan, date1904 bool, opt LoadOptions) (*table, []error, error) {
	at := sheetAt{name: name, sheet: sheet}
	if err := checkSharedText(scan, at, opt.MaxErrors); err != nil {
		return nil, nil, err
	}
	formulas, err := cellValues(rows, scan, date1904, at, opt.MaxErrors)
	if err != nil {
		return nil, nil, err
	}
	t, hdr, warnings, err := sheetHeader(rows, at)
	if err != nil {
		return nil, nil, err
	}
	if err := mergeCells(rows, scan.merges, hdr, t.header, at, opt.MaxErrors); err != nil {
		return nil, nil, err
	}
	if err := tableRows(t, rows, hdr, at, opt); err != nil {
		return nil, nil, err
	}
	if w := formulaWarning(formulas, at); w != nil {
		warnings = append(warnings, w)
	}
	return t, warnings, nil
}

// sheetAt names the sheet being read, so that each phase of sheetTable
// positions its messages by sheet and cell in the one way.
type sheetAt struct{ name, sheet string }

// cellName is the A1 name of a cell (1-based column and row).
func (sheetAt) cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// pos is the position of a cell (1-based column and row) of the sheet.
func (a sheetAt) pos(col, row int) Pos {
	return Pos{File: a.name, Sheet: a.sheet, Line: row, Col: col, Cell: a.cellName(col, row)}
}

// refuse returns the errors of a phase sorted by place, or nil.
func refuse(errs *ErrorList) error {
	err := errs.Err()
	if err != nil {
		sortErrors(errs)
	}
	return err
}

// checkSharedText is the scan phase: a text cell must point at a string
// the workbook has. One that does not is damage, and its text cannot be
// guessed, so the sheet is refused before any value is read.
func checkSharedText(scan *xlsxScan, at sheetAt, maxErrors int) error {
	errs := &ErrorList{Max: maxErrors}
	for rc, i := range scan.shared {
		if i < 0 || i >= scan.nShared {
			errs.Add(Errorf(at.pos(rc[1], rc[0]), "",
				"the cell points at shared text number %d, but the workbook has %d; the workbook is damaged: open it in Excel or LibreOffice and save it again",
				i, scan.nShared))
		}
	}
	return refuse(errs)
}

// cellValues is the grid phase: it rewrites the raw values of rows, as
// excelize reads them, to what they mean (dates, booleans, whole numbers,
// the cached values of formulas), so that the table's parsers see the text
// a person sees. A formula with no stored value is refused, since its
// figure is unknown and casualty does not recompute it. It returns the
// cells holding formulas, for the warning that their saved values are used.
func cellValues(rows [][]string, scan *xlsxScan, date1904 bool, at sheetAt, maxErrors int) ([]string, error) {
	errs := &ErrorList{Max: maxErrors}
	var formulas []string
	for rc, c := range scan.cells {
		r, col := rc[0], rc[1]
		if r-1 >= len(rows) || col-1 >= len(rows[r-1]) {
			if c.hasF && !c.hasV {
				errs.Add(Errorf(at.pos(col, r), "", "%s has no stored value; open the workbook in Excel or LibreOffice and save it again so the value is stored, or type the number", c.describe()))
			}
			continue
		}
		v := &rows[r-1][col-1]
		switch {
		case c.hasF && !c.hasV:
			errs.Add(Errorf(at.pos(col, r), "", "%s has no stored value; open the workbook in Excel or LibreOffice and save it again so the value is stored, or type the number", c.describe()))
			continue
		case c.hasF:
			formulas = append(formulas, at.cellName(col, r))
		}
		switch {
		case c.typ == "b":
			if *v == "1" {
				*v = "TRUE"
			} else {
				*v = "FALSE"
			}
		case c.typ == "d":
			if len(*v) >= 10 {
				if d, err := ParseDate((*v)[:10]); err == nil {
					*v = d.String()
				}
			}
		case c.float && !c.date:
			// The cell holds a number: 11.0 and 1.1E1 are the number 11,
			// whatever wrote them. A fraction stays as written, to be
			// refused as a count.
			if x, err := strconv.ParseFloat(*v, 64); err == nil && x == math.Trunc(x) && math.Abs(x) <= maxCount {
				*v = strconv.FormatInt(int64(x), 10)
			}
		case c.date:
			if x, err := strconv.ParseFloat(*v, 64); err == nil {
				if tm, err := excelize.ExcelDateToTime(x, date1904); err == nil && tm.Year() >= 1900 && tm.Year() < 10000 {
					*v = tm.Format("2006-01-02")
				}
			}
		}
	}
	if err := refuse(errs); err != nil {
		return nil, err
	}
	return formulas, nil
}

// sheetHeader starts the table phase: it finds the header row (see
// findHeader) and keeps the rows above it as the table's title, with a
// warning naming the first, since a title row read as data would be a
// wrong figure and one dropped unsaid would hide a row from the user. It
// returns the table with its header and the header's row index.
func sheetHeader(rows [][]string, at sheetAt) (*table, int, []error, error) {
	t := &table{name: at.name, sheet: at.sheet}
	t.cellPos = func(r tableRow, col int) Pos { return at.pos(col+1, r.line) }
	hdr, skipped := findHeader(rows)
	if hdr < 0 {
		return nil, 0, nil, Errorf(Pos{File: at.name, Sheet: at.sheet}, "", "the sheet is empty; want a header row and rows of figures")
	}
	var warnings []error
	if len(skipped) > 0 {
		first := rows[skipped[0]]
		text := ""
		for _, c := range first {
			if strings.TrimSpace(c) != "" {
				text = strings.TrimSpace(c)
				break
			}
		}
		what := "a row"
		if len(skipped) > 1 {
			what = fmt.Sprintf("%d rows", len(skipped))
		}
		warnings = append(warnings, Errorf(at.pos(1, skipped[0]+1), "",
			"%s above the header (row %d) not read, taken for a title: %q", what, hdr+1, text))
	}
	for _, i := range skipped {
		var parts []string
		for _, c := range rows[i] {
			if c = strings.TrimSpace(c); c != "" {
				parts = append(parts, c)
			}
		}
		t.title = append(t.title, strings.Join(parts, " "))
	}
	header := trimAll(rows[hdr])
	for len(header) > 0 && header[len(header)-1] == "" {
		header = header[:len(header)-1]
	}
	t.header = header
	t.hdrPos = at.pos(1, hdr+1)
	return t, hdr, warnings, nil
}

// mergeCells is the grid phase for merged cells, which hold their value
// in the first cell only: refused in the header (a column needs a header
// of its own), filled down in a column of months, areas or notes (where a
// merge means "the same for these rows"), refused over figures (where
// copying a count would invent casualties).
func mergeCells(rows [][]string, merges []string, hdr int, header []string, at sheetAt, maxErrors int) error {
	errs := &ErrorList{Max: maxErrors}
	cols := headerColumns(header)
	for _, ref := range merges {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue // a single cell merged with itself
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil {
			continue
		}
		if c2 < c1 {
			c1, c2 = c2, c1
		}
		if r2 < r1 {
			r1, r2 = r2, r1
		}
		switch {
		case r2 < hdr+1:
			continue // above the table
		case r1 <= hdr+1:
			errs.Add(Errorf(at.pos(c1, r1), "",
				"the header has merged cells %s; casualty needs one header cell per column: unmerge them (and remove any title rows above the header)", ref))
		case c1 == c2 && !figureColumn(cols, c1-1):
			if r1-1 < len(rows) && c1-1 < len(rows[r1-1]) {
				v := rows[r1-1][c1-1]
				for r := r1 + 1; r <= r2 && r-1 < len(rows); r++ {
					for len(rows[r-1]) < c1 {
						rows[r-1] = append(rows[r-1], "")
					}
					rows[r-1][c1-1] = v
				}
			}
		default:
			errs.Add(Errorf(at.pos(c1, r1), "",
				"cells %s are merged; each figure needs a cell of its own: unmerge them and fill in every cell", ref))
		}
	}
	return refuse(errs)
}

// tableRows is the table phase: the rows under the header become t's rows,
// cut to the header's width, until the table ends (a blank row or a note
// under it, kept in t.end for the loader to judge). Counted against
// Limits.MaxRows as they are taken; a value in a column with no header is
// refused, since it cannot be read as anything and must not vanish.
func tableRows(t *table, rows [][]string, hdr int, at sheetAt, opt LoadOptions) error {
	errs := &ErrorList{Max: opt.MaxErrors}
	lim := opt.Limits.orDefault()
	header := t.header
	for i := hdr + 1; i < len(rows); i++ {
		cells := rows[i]
		if blankRow(cells) {
			if t.end == nil && len(t.rows) > 0 {
				t.end = &tableEnd{pos: at.pos(1, i+1), why: "blank row"}
			}
			continue
		}
		if len(t.rows) >= lim.MaxRows {
			return inputErr(at.pos(1, i+1), "", limitErr("MaxRows", fmt.Sprintf("more than %d data rows", lim.MaxRows)))
		}
		if t.end == nil && len(t.rows) > 0 && len(cells) > 0 && !firstIsNote(header) {
			if why := endsTable(cells[0]); why != "" && !datedRow(header, cells) {
				t.end = &tableEnd{pos: at.pos(1, i+1), why: why}
			}
		}
		if t.end != nil {
			t.end.rest = append(t.end.rest, tableRow{line: i + 1, cells: cells})
			continue
		}
		for j := len(header); j < len(cells); j++ {
			if strings.TrimSpace(cells[j]) != "" {
				errs.Add(Errorf(at.pos(j+1, i+1), "",
					"holds %q in a column with no header; give the column a header or clear the cell", cells[j]))
			}
		}
		row := make([]string, len(header))
		copy(row, cells)
		t.rows = append(t.rows, tableRow{line: i + 1, cells: row})
	}
	return refuse(errs)
}

// formulaWarning says which cells held formulas (the first ten, in reading
// order), since their figures are the values last saved, not recomputed:
// a user who changed an input cell without saving must know. Nil with none.
func formulaWarning(formulas []string, at sheetAt) error {
	n := len(formulas)
	if n == 0 {
		return nil
	}
	sort.Slice(formulas, func(i, j int) bool { return cellLess(formulas[i], formulas[j]) })
	list := formulas
	more := ""
	if len(list) > 10 {
		list = list[:10]
		more = fmt.Sprintf(" and %d more", n-10)
	}
	what := "a formula"
	if n > 1 {
		what = fmt.Sprintf("%d formulas", n)
	}
	return Errorf(at.pos(0, 0), "",
		"%s (%s%s): their values as last saved are used; casualty does not recompute them", what, strings.Join(list, " "), more)
}

// findHeader picks the header row: the first non-blank row whose words
// name a column casualty knows (or that carries or precedes an HXL hashtag
// row), among the first ten non-blank rows, so that title lines above a
// table are passed over. It returns the rows passed over. With no such
// row, the first non-blank row is the header and its error says why.
func findHeader(rows [][]string) (int, []int) {
	var seen []int
	for i, r := range rows {
		if blankRow(r) {
			continue
		}
		if len(seen) == 10 {
			break
		}
		if len(headerColumns(trimAll(r))) > 0 || allHashtags(r) {
			return i, seen
		}
		for j := i + 1; j < len(rows); j++ {
			if !blankRow(rows[j]) {
				if allHashtags(rows[j]) {
					return i, seen
				}
				break
			}
		}
		seen = append(seen, i)
	}
	if len(seen) == 0 {
		return -1, nil
	}
	return seen[0], nil
}

// cellLess orders cell names by row, then column.
func cellLess(a, b string) bool {
	ca, ra, _ := excelize.CellNameToCoordinates(a)
	cb, rb, _ := excelize.CellNameToCoordinates(b)
	if ra != rb {
		return ra < rb
	}
	return ca < cb
}
