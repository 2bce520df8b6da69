package data

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A sheet's rows, as excelize reads them, become a table here, in the
// phases sheetTable lists: the scan checked, values made what they mean,
// the header found, merged cells resolved, rows taken.

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
