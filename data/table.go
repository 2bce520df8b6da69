package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// table is a grid of text cells with the place each came from. CSV files and
// workbook sheets both become tables, so the tidy, wide and HXL readers are
// written once.
type table struct {
	name   string
	sheet  string // workbook sheet, "" for text files
	header []string
	hdrPos Pos
	rows   []tableRow
	// cellPos returns the place of column col (0-based) of a row.
	cellPos func(r tableRow, col int) Pos
	// cols, when set, maps canonical columns to header indexes in place of
	// the header's words: the HXL reader sets it from the hashtag row.
	cols columns
	// title holds the rows passed over above the header of a sheet (a
	// title such as "Civilians killed by oblast"), one line each.
	title []string
	// end, when set, is where the table stops above the end of the file:
	// a blank row, a total row or a note (see tableEnd).
	end *tableEnd
}

// tableEnd records where a table stops before its file or sheet does, and
// what lies below. Analysts' sheets put a Total row and a "Source: ..."
// line under the figures; a blank row between a table and its notes is
// as common. None of it is a figure of its own: a total row repeats the
// rows above, and a national figure is not the sum of the oblasts given.
type tableEnd struct {
	pos  Pos
	why  string     // "blank line", "blank row", "total row (\"Total\")", "note (\"Source: ...\")"
	rest []tableRow // the rows from the end on that are not blank, not read
}

// totalWords and noteWords start the first cell of a row that ends a
// table: a total of the rows above, or a note about them (folded).
var (
	totalWords = []string{"total", "totals", "grand total", "sum", "all", "всього", "усього", "разом", "загалом", "итого"}
	noteWords  = []string{"source", "sources", "data source", "note", "notes", "nb", "n.b.", "footnote", "as of", "prepared by",
		"compiled by", "джерело", "джерела", "примітка", "примітки", "*", "†"}
)

// endsTable says why a row whose first cell is first ends a table ("" when
// it does not): a total row ("Total", "Total 2025", "Всього") or a note
// ("Source: HRMMU", "Note - ...", "* verified").
func endsTable(first string) string {
	if first == "" || first[0] >= '0' && first[0] <= '9' {
		return "" // a month or a number: the common case, kept cheap
	}
	k := fold(first)
	if k == "" {
		return ""
	}
	word := strings.TrimRight(k, ":.")
	for _, w := range totalWords {
		if word == w || strings.HasPrefix(k, w+" ") || strings.HasPrefix(k, w+":") {
			return fmt.Sprintf("total row (%s)", cellText(strings.TrimSpace(first)))
		}
	}
	for _, w := range noteWords {
		if word == w || strings.HasPrefix(k, w+":") || strings.HasPrefix(k, w+" ") || strings.HasPrefix(k, w+" -") ||
			(len(w) == 1 || w == "†") && strings.HasPrefix(k, w) {
			return fmt.Sprintf("note (%s)", cellText(strings.TrimSpace(first)))
		}
	}
	return ""
}

// checkEnd refuses a table whose rows go on below where it ends (a row
// below holds a month or an area: figures that would be dropped), and
// otherwise warns, naming the row where it ends and what was not read.
func checkEnd(t *table, areas *AreaTable) ([]error, error) {
	e := t.end
	if e == nil {
		return nil, nil
	}
	cols := t.columns()
	for _, r := range e.rest {
		for _, key := range []string{"month", "area"} {
			i, ok := cols[key]
			if !ok {
				continue
			}
			s := strings.TrimSpace(r.cell(i))
			if s == "" || endsTable(r.cell(0)) != "" {
				continue
			}
			if _, err := ParseMonth(s); key == "month" && err != nil {
				continue
			}
			if a, err := areas.Lookup(s); key == "area" && (err != nil || a.National()) {
				continue
			}
			fix := "move the total and notes below the last figure"
			if strings.HasPrefix(e.why, "blank") {
				fix = "remove the " + e.why
			}
			return nil, Errorf(t.pos(r, i), t.header[i],
				"the table ends at the %s on %s, but rows go on below it (this one holds %s); make the table one block: %s",
				e.why, rowName(t, e.pos), cellText(s), fix)
		}
	}
	what := ""
	if n := len(e.rest); n > 0 && !(n == 1 && e.rest[0].line == e.pos.Line) {
		first := e.rest[0]
		if first.line == e.pos.Line && n > 1 {
			first = e.rest[1]
			n--
		}
		text := ""
		for _, c := range first.cells {
			if c = strings.TrimSpace(c); c != "" {
				text = c
				break
			}
		}
		what = fmt.Sprintf("; below it, %d rows not read, the first: %s", n, cellText(text))
		if n == 1 {
			what = fmt.Sprintf("; below it, a row not read: %s", cellText(text))
		}
	}
	out := totalChecks(t, cols)
	msg := fmt.Sprintf("the table ends at this %s%s", e.why, what)
	switch {
	case strings.HasPrefix(e.why, "total"):
		msg = fmt.Sprintf("the table ends at this %s, not read: a total repeats the rows above%s", e.why, what)
	case strings.HasPrefix(e.why, "note"):
		msg = fmt.Sprintf("the table ends at this %s, not read%s", e.why, what)
	}
	return append([]error{inputErr(e.pos, "", errors.New(msg))}, out...), nil
}

// totalChecks compares a total row that ends a table with the sums of the
// columns of figures above it (a column per metric, or per month). The
// total is not read either way, but a total the rows do not add up to
// says a row is missing or extra, or the total holds figures the rows do
// not (unattributed ones): a warning names the column and both numbers.
// Columns with a cell that is not an exact count are not checked.
func totalChecks(t *table, cols columns) []error {
	e := t.end
	if !strings.HasPrefix(e.why, "total") || len(e.rest) == 0 || e.rest[0].line != e.pos.Line || cols.has("value") {
		return nil
	}
	total := e.rest[0]
	var idx []int
	for k, i := range cols {
		if strings.HasPrefix(k, "metric:") {
			idx = append(idx, i)
		}
	}
	if !cols.has("month") {
		for i := range monthColumns(t) {
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	var out []error
	for _, i := range idx {
		tc, err := ParseCount(total.cell(i))
		if err != nil || tc.HasRange || tc.Qualifier == Approx {
			continue
		}
		var sum int64
		ok := true
		for _, r := range t.rows {
			s := strings.TrimSpace(r.cell(i))
			if s == "" {
				continue
			}
			c, err := ParseCount(s)
			if err != nil || c.HasRange || c.Qualifier == Approx {
				ok = false
				break
			}
			sum += c.Value
		}
		if ok && sum != tc.Value {
			out = append(out, Errorf(t.pos(total, i), t.header[i],
				"the total row says %d, but the rows above add up to %d; is a row missing or extra, or does the total hold figures the rows do not?", tc.Value, sum))
		}
	}
	return out
}

// rowName names a table's row in a message: "line 7", or "row 7" on a
// sheet.
func rowName(t *table, p Pos) string {
	if t.sheet != "" {
		return fmt.Sprintf("row %d", p.Line)
	}
	return fmt.Sprintf("line %d", p.Line)
}

// columns maps the table's canonical columns (month, area, metric:killed,
// ...) to their indexes.
func (t *table) columns() columns {
	if t.cols != nil {
		return t.cols
	}
	return headerColumns(t.header)
}

// withUnread checks the columns a tidy, wide or cumulative table has but
// casualty does not read, so that a column of figures is never dropped in
// silence: a second column for what an earlier one gives ("killed"
// twice) and a header one typo away from a metric ("injurd") are errors;
// other headers it does not know, and cells under no header, are listed in
// a warning. HXL tables check theirs themselves.
//
// A column that holds area names or codes under a header casualty does
// not read as an area is an error too: left out, it would fold its rows
// into national figures.
func withUnread(t *table, cols columns, areas *AreaTable) func(*Dataset, error) (*Dataset, error) {
	return func(ds *Dataset, err error) (*Dataset, error) {
		if t.cols != nil {
			return ds, err
		}
		used := map[int]bool{}
		for _, i := range cols {
			used[i] = true
		}
		var unread []string
		var herrs ErrorList
		for i, h := range t.header {
			if used[i] {
				continue
			}
			if isRowIndex(t, i) {
				continue // pandas' index: row numbers, not figures
			}
			if like, seen := areaLikeColumn(t, i, areas); like && !cols.has("area") {
				name := "it"
				if h == "" {
					name = fmt.Sprintf("column %d (no header)", i+1)
				}
				herrs.Add(Errorf(t.hdrPos, h,
					"%s holds area names or codes (%s), but casualty does not read it as the area: its rows would be taken for national figures; head it \"area\" (or ADM1_EN, ADM1_PCODE)",
					name, strings.Join(seen, ", ")))
				continue
			}
			if h == "" {
				for _, r := range t.rows {
					if strings.TrimSpace(r.cell(i)) != "" {
						unread = append(unread, fmt.Sprintf("column %d (no header)", i+1))
						break
					}
				}
				continue
			}
			if canon, ok := canonicalColumn(h); ok {
				j := cols[canon]
				herrs.Add(Errorf(t.hdrPos, h,
					"column %d gives %s again, as column %d (%q) does; keep one of them", i+1, canonName(canon), j+1, t.header[j]))
				continue
			}
			if near := nearMetric(h); near != "" {
				herrs.Add(Errorf(t.hdrPos, h,
					"not a column casualty knows; did you mean %q? Rename it, or remove the column", near))
				continue
			}
			unread = append(unread, strconv.Quote(h))
		}
		if herrs.Len() > 0 {
			return nil, &herrs
		}
		if err != nil {
			return ds, err
		}
		if len(unread) > 0 {
			ds.Warnings = append([]error{Errorf(t.hdrPos, "",
				"columns not read: %s", strings.Join(unread, ", "))}, ds.Warnings...)
		}
		return ds, nil
	}
}

// isRowIndex reports whether column i is the index pandas' to_csv writes
// first: no header (or "Unnamed: 0", when a file read by pandas is written
// again), and the row numbers 0, 1, 2, ... or 1, 2, 3, ... in order.
func isRowIndex(t *table, i int) bool {
	if i != 0 || (t.header[i] != "" && !strings.HasPrefix(strings.ToLower(t.header[i]), "unnamed:")) || len(t.rows) == 0 {
		return false
	}
	first := -1
	for k, r := range t.rows {
		n, err := strconv.Atoi(strings.TrimSpace(r.cell(i)))
		if err != nil || !allDigits(strings.TrimSpace(r.cell(i))) {
			return false
		}
		if k == 0 {
			first = n
			if first > 1 {
				return false
			}
		}
		if n != first+k {
			return false
		}
	}
	return true
}

// canonicalColumn is the column a header names, as headerColumns reads it.
func canonicalColumn(h string) (string, bool) {
	n := normHeader(h)
	switch areaColumnKind(n) {
	case "code", "name":
		return "area", true
	case "sub":
		return "sub_area", true
	}
	if canon, ok := headerSynonyms[n]; ok {
		return canon, true
	}
	if m, err := ParseMetric(n); err == nil && !m.Derived() {
		return "metric:" + string(m), true
	}
	return "", false
}

func canonName(canon string) string {
	if m, ok := strings.CutPrefix(canon, "metric:"); ok {
		return m
	}
	return canon
}

// nearMetric returns the stored metric (or its synonym) a header is one or
// two typos from, at most one edit in four letters, or "".
func nearMetric(h string) string {
	k := normHeader(h)
	best, bestD := "", 1<<30
	var cands []string
	for _, m := range StoredMetrics {
		cands = append(cands, string(m))
		for _, a := range metrics[m].aliases {
			cands = append(cands, strings.ReplaceAll(a, " ", "_"))
		}
	}
	for _, c := range cands {
		if d := editDistance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD == 0 || bestD > 2 || bestD*4 > len(k) {
		return ""
	}
	return best
}

type tableRow struct {
	line  int // 1-based line (CSV) or row (sheet) where the row starts
	cells []string
	cols  []int // 1-based column of each cell in the line (CSV), when known
}

// pos returns the place of cell col of r.
func (t *table) pos(r tableRow, col int) Pos { return t.cellPos(r, col) }

// rowPos returns the place of a whole row: its line, or on a sheet its
// first cell (a sheet position without a cell would not name the row).
func (t *table) rowPos(r tableRow) Pos {
	p := t.cellPos(r, 0)
	p.Col = 0
	return p
}

// cell returns cell col of r, or "" when the row is short.
func (r tableRow) cell(col int) string {
	if col < 0 || col >= len(r.cells) {
		return ""
	}
	return r.cells[col]
}

// sniffDelimiter picks the delimiter of a text table from its first line:
// the most frequent of comma, semicolon and tab outside quotes. European
// Excel exports use ';'.
func sniffDelimiter(first []byte) rune {
	counts := map[rune]int{}
	inQ := false
	for _, b := range first {
		switch {
		case b == '"':
			inQ = !inQ
		case !inQ && (b == ',' || b == ';' || b == '\t'):
			counts[rune(b)]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// readCSVTable reads a delimited text file (UTF-8, with or without BOM, LF
// or CRLF, delimiter sniffed) into a table. Blank lines are skipped; rows
// with a different number of fields from the header are errors.
func readCSVTable(r io.Reader, name string, lim Limits) (*table, error) {
	lim = lim.orDefault()
	br := bufio.NewReaderSize(&lineLimiter{r: r, max: lim.MaxLineBytes, maxB: lim.MaxBytes}, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, wrapReadErr(name, err)
	}
	if err := checkText(head, name); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		head = head[3:]
	}
	first := head
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(first)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	t := &table{name: name}
	t.cellPos = func(r tableRow, col int) Pos {
		p := Pos{File: name, Line: r.line}
		if col < len(r.cols) {
			p.Col = r.cols[col]
		} else if col >= 0 {
			p.Col = 0
		}
		return p
	}
	var errs ErrorList
	prevEnd := 0 // the line where the last record ended
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			var lt *lineTooLongError
			var tb *LimitError
			switch {
			case errors.As(err, &lt):
				return nil, inputErr(Pos{File: name, Line: lt.line}, "", lt.detail())
			case errors.As(err, &tb) && tb.Limit == "MaxBytes":
				return nil, inputErr(Pos{File: name}, "", tb)
			case errors.As(err, &pe):
				msg := pe.Err.Error()
				if errors.Is(pe.Err, csv.ErrQuote) {
					msg = "unclosed or stray quote (\") in a field"
				} else if errors.Is(pe.Err, csv.ErrBareQuote) {
					msg = "a quote (\") inside an unquoted field; quote the whole field and double the inner quote"
				}
				pos := Pos{File: name, Line: pe.Line, Col: pe.Column}
				if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line {
					// Point at the record whose quote was left open, not at
					// the end of the file where the reader gave up.
					pos = Pos{File: name, Line: pe.StartLine}
					msg = fmt.Sprintf("a quote (\") opened in this record is never closed (the reader reached line %d)", pe.Line)
				}
				errs.Add(inputErr(pos, "", errors.New(msg)))
				if errors.Is(pe.Err, csv.ErrQuote) {
					return nil, errs.Err() // an unclosed quote swallows the rest of the file
				}
				continue
			default:
				return nil, wrapReadErr(name, err)
			}
		}
		line, _ := cr.FieldPos(0)
		row := tableRow{line: line, cells: rec, cols: make([]int, len(rec))}
		for i := range rec {
			_, row.cols[i] = cr.FieldPos(i)
		}
		// encoding/csv skips empty lines: a gap between the end of the
		// last record and this one is a blank line.
		gap := prevEnd > 0 && line > prevEnd+1
		blankAt := prevEnd + 1
		lastLine, _ := cr.FieldPos(len(rec) - 1)
		prevEnd = lastLine + strings.Count(rec[len(rec)-1], "\n")
		if blankRow(rec) {
			gap, blankAt = true, line
		}
		if t.header != nil && t.end == nil && len(t.rows) > 0 && gap {
			t.end = &tableEnd{pos: Pos{File: name, Line: blankAt}, why: "blank line"}
		}
		if blankRow(rec) {
			continue
		}
		if t.header == nil {
			t.header = trimAll(rec)
			t.hdrPos = Pos{File: name, Line: line}
			continue
		}
		if len(t.rows) >= lim.MaxRows {
			return nil, inputErr(Pos{File: name, Line: line}, "", limitErr("MaxRows", fmt.Sprintf("more than %d data rows", lim.MaxRows)))
		}
		if t.end == nil && len(t.rows) > 0 && !firstIsNote(t.header) {
			if why := endsTable(rec[0]); why != "" && !datedRow(t.header, rec) {
				t.end = &tableEnd{pos: Pos{File: name, Line: line}, why: why}
			}
		}
		if t.end != nil {
			t.end.rest = append(t.end.rest, row)
			continue
		}
		if len(rec) != len(t.header) {
			errs.Add(Errorf(Pos{File: name, Line: line}, "", "want %d fields as in the header, got %d", len(t.header), len(rec)))
			continue
		}
		t.rows = append(t.rows, row)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if t.header == nil {
		return nil, Errorf(Pos{File: name}, "", "the file is empty; want a header row and rows of figures")
	}
	return t, nil
}

// firstIsNote reports whether a table's first column holds notes or
// sources, whose words must not end the table.
func firstIsNote(header []string) bool {
	if len(header) == 0 {
		return false
	}
	c, _ := canonicalColumn(header[0])
	return c == "note" || c == "source" || c == "publication"
}

// datedRow reports whether a row's month cell (other than its first)
// holds a month: a row "Total,2025-03,164" under "area,month,killed" is
// the national figure of a month, not a total of the rows above.
func datedRow(header, rec []string) bool {
	i, ok := headerColumns(header)["month"]
	if !ok || i == 0 || i >= len(rec) {
		return false
	}
	_, err := ParseMonth(rec[i])
	return err == nil
}

func blankRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func wrapReadErr(name string, err error) error {
	var lt *lineTooLongError
	if errors.As(err, &lt) {
		return inputErr(Pos{File: name, Line: lt.line}, "", lt.detail())
	}
	var tb *LimitError
	if errors.As(err, &tb) && tb.Limit == "MaxBytes" {
		return inputErr(Pos{File: name}, "", tb)
	}
	return Errorf(Pos{File: name}, "", "cannot read: %v", err)
}

// checkText refuses input that is not UTF-8 text, naming what it looks like
// instead: a workbook, UTF-16 or a legacy 8-bit encoding.
func checkText(head []byte, name string) error {
	return textEncodingError(head, name)
}
