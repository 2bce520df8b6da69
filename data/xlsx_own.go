package data

import (
	"archive/zip"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// casualty's own workbook (report/workbook) is read back as the figures it
// holds: an analyst sorts it, edits a figure on Monthly, saves it in
// LibreOffice or Excel, and hands it to casualty validate, report --data or
// ingest. Its first sheet is About, so the first-sheet rule would read
// prose; and a figure's qualifier, days, publication and source are on
// its Figures sheet (one tidy row per figure), while its value is on
// Monthly, where the analyst edits it. So the own-workbook reader takes
// each figure from Figures with its value from the Monthly cell of its
// month (found by Period, whatever the order of the rows), and a number
// typed into a Monthly cell that had no figure becomes a new figure.

// ownSheets are the sheets and the Figures header that mark casualty's own
// workbook.
const (
	ownMonthly     = "Monthly"
	ownFigures     = "Figures"
	ownOnMonthly   = "on_monthly"
	ownPeriodLabel = "Period"
)

// isOwnWorkbook reports whether f is casualty's analyst workbook and the
// sheet asked for (none, or Monthly) is to be read as such.
func isOwnWorkbook(f *excelize.File, want string) bool {
	if want != "" && !strings.EqualFold(want, ownMonthly) {
		return false
	}
	var hasM, hasF bool
	for _, s := range f.GetSheetList() {
		hasM = hasM || s == ownMonthly
		hasF = hasF || s == ownFigures
	}
	if !hasM || !hasF {
		return false
	}
	rows, err := f.Rows(ownFigures)
	if err != nil {
		return false
	}
	defer rows.Close()
	if !rows.Next() {
		return false
	}
	hdr, _ := rows.Columns()
	return len(hdr) == len(TidyHeader)+1 && strings.Join(hdr[:len(TidyHeader)], ",") == strings.Join(TidyHeader, ",") && hdr[len(TidyHeader)] == ownOnMonthly
}

// ownSheetTable reads one sheet of the workbook as a table, with the
// same checks as any sheet (cut-short XML, formulas with no stored value).
func ownSheetTable(f *excelize.File, zr *zip.Reader, parts *xlsxParts, name, sheet string, opt LoadOptions) (*table, []error, error) {
	lim := opt.Limits.orDefault()
	spos := Pos{File: name, Sheet: sheet}
	path, ok := parts.sheets[strings.ToLower(sheet)]
	if !ok {
		return nil, nil, Errorf(spos, "", "sheet %q has no worksheet in the workbook", sheet)
	}
	scan := scanSheet(zr, path, parts.dateStyles(zr), lim)
	scan.nShared = parts.sharedCount(zr, lim)
	if scan.err != nil || !scan.complete {
		return nil, nil, Errorf(spos, "",
			"the sheet is cut short after row %d; the workbook is damaged: open it in Excel or LibreOffice and save it again", scan.lastRow)
	}
	if scan.lastValRow > lim.MaxRows+1 {
		return nil, nil, inputErr(spos, "", limitErr("MaxRows", fmt.Sprintf("more than %d data rows", lim.MaxRows)))
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, Errorf(spos, "", "cannot read the sheet (%v)", err)
	}
	t, w, err := sheetTable(name, sheet, rows, scan, false, opt)
	// Formulas are expected here (casualty wrote them, with their values):
	// their warning is left out.
	var keep []error
	for _, e := range w {
		if !strings.Contains(e.Error(), "casualty does not recompute them") {
			keep = append(keep, e)
		}
	}
	return t, keep, err
}

// loadOwnWorkbook reads casualty's own workbook: the figures of Figures
// with their values from Monthly. With opt.Publication dated (ingest
// --published D), the figures are that publication's, a new vintage of
// every figure; without, each keeps the publication it was written with.
func loadOwnWorkbook(f *excelize.File, zr *zip.Reader, parts *xlsxParts, name string, opt LoadOptions) (*Dataset, error) {
	mt, w1, err := ownSheetTable(f, zr, parts, name, ownMonthly, opt)
	if err != nil {
		return nil, err
	}
	ft, w2, err := ownSheetTable(f, zr, parts, name, ownFigures, opt)
	if err != nil {
		return nil, err
	}
	warnings := append(w1, w2...)
	// Monthly: the row of each Period and the column of each stored
	// metric, found by header (the analyst may move rows, not headers).
	period := -1
	metricCol := map[Metric]int{}
	qualCol := -1
	for i, h := range mt.header {
		switch {
		case h == ownPeriodLabel:
			period = i
		case strings.EqualFold(h, "Qualifier"):
			qualCol = i
		}
		for _, m := range StoredMetrics {
			if strings.EqualFold(h, m.Label()) {
				metricCol[m] = i
			}
		}
	}
	if period < 0 {
		return nil, Errorf(mt.hdrPos, "", "casualty's workbook: want a %q column on Monthly, found %q", ownPeriodLabel, strings.Join(mt.header, ", "))
	}
	monthRow := map[string]tableRow{}
	for _, r := range mt.rows {
		p := strings.TrimSpace(r.cell(period))
		if p == "" {
			continue
		}
		if prev, dup := monthRow[p]; dup {
			return nil, Errorf(mt.pos(r, period), "", "casualty's workbook: Monthly gives %s twice (rows %d and %d); keep one row per month", p, prev.line, r.line)
		}
		monthRow[p] = r
	}
	out := &table{name: name, sheet: ownFigures, header: append([]string(nil), TidyHeader...), hdrPos: ft.hdrPos}
	pos := map[int]map[int]Pos{} // row line → column → the cell a value came from
	out.cellPos = func(r tableRow, col int) Pos {
		if p, ok := pos[r.line][col]; ok {
			return p
		}
		return ft.cellPos(r, col)
	}
	const cValue, cQual, cPublished, cPublication = 3, 4, 8, 9
	used := map[[2]string]bool{}
	area := ""
	for _, r := range ft.rows {
		cells := make([]string, len(TidyHeader))
		copy(cells, r.cells)
		if area == "" {
			area = cells[1]
		}
		if strings.TrimSpace(r.cell(len(TidyHeader))) == "yes" {
			m, err := ParseMetric(cells[2])
			col, ok := metricCol[m]
			mo := strings.TrimSpace(cells[0])
			mr, found := monthRow[mo]
			switch {
			case err != nil || !ok:
				return nil, Errorf(ft.cellPos(r, 2), "", "casualty's workbook: the figure's metric %q has no column on Monthly", cells[2])
			case !found:
				warnings = append(warnings, Errorf(ft.cellPos(r, 0), "", "%s %s: Monthly has no row for %s, so the figure is not read", mo, m.Label(), mo))
				continue
			case strings.TrimSpace(mr.cell(col)) == "":
				warnings = append(warnings, Errorf(mt.pos(mr, col), "", "%s %s is blank on Monthly, so the figure is not read (a blank is no figure, never a zero)", mo, m.Label()))
				continue
			}
			used[[2]string{mo, string(m)}] = true
			cells[cValue] = mr.cell(col)
			pos[r.line] = map[int]Pos{cValue: mt.pos(mr, col)}
		}
		out.rows = append(out.rows, tableRow{line: r.line, cells: cells})
	}
	warnings = append(warnings, ownDerivedChecks(mt, period, metricCol, ft)...)
	// A number typed into a Monthly cell that showed no figure is a new
	// figure, with the row's qualifier when it is one word for all.
	for _, r := range mt.rows {
		mo := strings.TrimSpace(r.cell(period))
		for _, m := range StoredMetrics {
			col, ok := metricCol[m]
			if !ok || mo == "" || used[[2]string{mo, string(m)}] || strings.TrimSpace(r.cell(col)) == "" {
				continue
			}
			q := ""
			if qualCol >= 0 {
				if _, err := ParseQualifier(r.cell(qualCol)); err == nil {
					q = r.cell(qualCol)
				}
			}
			line := 1_000_000 + r.line*100 + col
			cells := make([]string, len(TidyHeader))
			cells[0], cells[1], cells[2], cells[cValue], cells[cQual] = mo, area, string(m), r.cell(col), q
			pos[line] = map[int]Pos{}
			for c := range cells {
				pos[line][c] = mt.pos(r, col)
			}
			out.rows = append(out.rows, tableRow{line: line, cells: cells})
		}
	}
	// The workbook names its area by p-code: without --country, the
	// country is the one the code belongs to (IQ for UNAMI's workbook).
	if opt.Areas == nil && len(area) >= 2 {
		if t, err := Areas(area[:2]); err == nil {
			opt.Areas = t
		}
	}
	if !opt.Publication.Date.IsZero() {
		for i := range out.rows {
			out.rows[i].cells[cPublished], out.rows[i].cells[cPublication] = "", ""
		}
	}
	ds, err := loadTable(out, FormatTidy, opt)
	if err != nil {
		return nil, err
	}
	ds.Format = FormatXLSX
	ds.Warnings = append(warnings, ds.Warnings...)
	if src, ok := ownSource(f); ok {
		ds = ds.WithSource(src)
		ds.Format = FormatXLSX
	}
	return ds, nil
}

// ownSource reads the declared source the workbook's About sheet names
// (its "Source ID" row), so that figures read back keep whose they are.
func ownSource(f *excelize.File) (Source, bool) {
	rows, err := f.GetRows("About")
	if err != nil {
		return Source{}, false
	}
	for _, r := range rows {
		if len(r) >= 2 && strings.TrimSpace(r[0]) == "Source ID" {
			s, err := SourceByID(strings.TrimSpace(r[1]))
			return s, err == nil
		}
	}
	return Source{}, false
}

// figuresHeader is the Monthly header of casualty's large figures
// workbook (report/workbook.WriteFigures): one row per figure.
var figuresHeader = []string{"Month", "Period", "Area code", "Area", "Metric", "Value", "Qualifier",
	"Days covered", "Part-month", "Publication", "Published", "Source", "Note"}

// isFiguresWorkbook reports whether f is casualty's large figures
// workbook (About, then Monthly with one figure a row) and the sheet asked
// for is its Monthly.
func isFiguresWorkbook(f *excelize.File, want string) bool {
	if want != "" && !strings.EqualFold(want, ownMonthly) {
		return false
	}
	if list := f.GetSheetList(); len(list) != 2 || list[0] != "About" || list[1] != ownMonthly {
		return false
	}
	rows, err := f.Rows(ownMonthly)
	if err != nil {
		return false
	}
	defer rows.Close()
	if !rows.Next() {
		return false
	}
	hdr, _ := rows.Columns()
	return strings.Join(hdr, "\x00") == strings.Join(figuresHeader, "\x00")
}

// loadFiguresWorkbook reads the large figures workbook's Monthly sheet as
// the tidy table it is: Period as the month, Area code as the area, the
// days of Part-month ("24-28 Feb 2022") as covers.
func loadFiguresWorkbook(f *excelize.File, zr *zip.Reader, parts *xlsxParts, name string, opt LoadOptions) (*Dataset, error) {
	mt, warnings, err := ownSheetTable(f, zr, parts, name, ownMonthly, opt)
	if err != nil {
		return nil, err
	}
	// tidy column ← Monthly column; low and high (5, 6) have none.
	from := map[int]int{0: 1, 1: 2, 2: 4, 3: 5, 4: 6, 7: 8, 8: 10, 9: 9, 10: 11, 11: 12}
	out := &table{name: name, sheet: ownMonthly, header: append([]string(nil), TidyHeader...), hdrPos: mt.hdrPos}
	out.cellPos = func(r tableRow, col int) Pos {
		if c, ok := from[col]; ok {
			return mt.cellPos(r, c)
		}
		return mt.cellPos(r, 0)
	}
	for _, r := range mt.rows {
		cells := make([]string, len(TidyHeader))
		for to, c := range from {
			cells[to] = r.cell(c)
		}
		cells[7], _, _ = strings.Cut(strings.TrimSpace(cells[7]), " ")
		out.rows = append(out.rows, tableRow{line: r.line, cells: cells})
	}
	if opt.Areas == nil && len(out.rows) > 0 && len(out.rows[0].cells[1]) >= 2 {
		if t, err := Areas(out.rows[0].cells[1][:2]); err == nil {
			opt.Areas = t
		}
	}
	ds, err := loadTable(out, FormatTidy, opt)
	if err != nil {
		return nil, err
	}
	ds.Format = FormatXLSX
	ds.Warnings = append(warnings, ds.Warnings...)
	if src, ok := ownSource(f); ok {
		ds = ds.WithSource(src)
		ds.Format = FormatXLSX
	}
	return ds, nil
}

// ownDerivedChecks warns where a derived column on Monthly (casualties =
// killed + injured) does not equal the sum of its parts on the row: an
// edit not recalculated, or a sum typed over. casualty never reads a
// derived cell (it sums the parts itself), so such a cell would otherwise
// be passed over in silence. Months with a part-month figure are left
// out: their sum is over the days the parts share, not of the cells.
func ownDerivedChecks(mt *table, period int, metricCol map[Metric]int, ft *table) []error {
	partMonth := map[string]bool{}
	for _, r := range ft.rows {
		if strings.TrimSpace(r.cell(7)) != "" { // covers
			partMonth[strings.TrimSpace(r.cell(0))] = true
		}
	}
	var out []error
	for _, d := range []Metric{Casualties, ChildrenCasualties} {
		col := -1
		for i, h := range mt.header {
			if strings.HasPrefix(strings.ToLower(h), strings.ToLower(d.Label())) {
				col = i
			}
		}
		if col < 0 {
			continue
		}
		for _, r := range mt.rows {
			mo := strings.TrimSpace(r.cell(period))
			shown, err := strconv.ParseInt(strings.TrimSpace(r.cell(col)), 10, 64)
			if mo == "" || partMonth[mo] || err != nil {
				continue
			}
			var sum int64
			var terms []string
			ok := true
			for _, p := range d.Parts() {
				c, has := metricCol[p]
				v, err := strconv.ParseInt(strings.TrimSpace(r.cell(c)), 10, 64)
				if !has || err != nil {
					ok = false
					break
				}
				sum += v
				terms = append(terms, strconv.FormatInt(v, 10))
			}
			if ok && sum != shown {
				out = append(out, Errorf(mt.pos(r, col), "",
					"%s %s on Monthly is %d, not %s = %d: the workbook was not recalculated after an edit, or the sum was typed over; casualty reads the parts and sums them itself",
					mo, d.Label(), shown, strings.Join(terms, " + "), sum))
			}
		}
	}
	return out
}
