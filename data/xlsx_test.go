package data

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func init() {
	// Another test file of the package may define -update first.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite generated test files (testdata/monthly.xlsx, fuzz seeds)")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// monthlyXLSX builds testdata/monthly.xlsx with excelize, as a spreadsheet
// user would have it: a hidden scratch sheet first, then the figures on
// sheet "2024" with months as Excel date cells formatted "mmm yyyy",
// publication dates as date cells, then a sheet of notes. The figures are
// HRMMU's first-published national figures for March-July 2024, the rows
// of data/hrmmu.csv published 2024-04-09 .. 2024-08-09.
func monthlyXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(f.SetSheetName("Sheet1", "scratch"))
	must(f.SetCellValue("scratch", "A1", "working copy, not for loading"))
	_, err := f.NewSheet("2024")
	must(err)
	_, err = f.NewSheet("Notes")
	must(err)
	must(f.SetCellValue("Notes", "A1", "Source: OHCHR/HRMMU monthly updates on the protection of civilians, 2024; first-published figures"))
	f.SetActiveSheet(1)
	must(f.SetSheetVisible("scratch", false))
	monthFmt := "mmm yyyy"
	monthStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &monthFmt})
	must(err)
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	header := []any{"Month", "Killed", "Injured", "Children killed", "Children injured", "Qualifier", "Published", "Source"}
	must(f.SetSheetRow("2024", "A1", &header))
	type row struct {
		month            time.Month
		k, i             int
		ck, ci           any
		q                string
		published        string
		source           string
		childrenReported bool
	}
	rows := []row{
		{time.March, 126, 478, 11, 46, "exact", "2024-04-09", "https://www.pravda.com.ua/eng/news/2024/04/10/7450649/", true},
		{time.April, 129, 574, nil, nil, "at_least", "2024-05-10", "https://unn.ua/en/news/un-129-civilians-killed-nearly-600-wounded-in-april-as-a-result-of-russian-attacks-in-ukraine", false},
		{time.May, 174, 690, nil, nil, "at_least", "2024-06-07", "https://censor.net/en/news/3493492/number_of_civilian_deaths_due_to_russian_aggression_in_may_reaches_174_un", false},
		{time.June, 146, 672, 8, 57, "at_least", "2024-07-11", "https://ukraine.ohchr.org/en/Protection-of-Civilians-in-Armed-Conflict-June-2024", true},
		{time.July, 219, 1018, nil, nil, "at_least", "2024-08-09", "https://kyivindependent.com/july-was-deadliest-month-for-ukrainian-civilians-since-october-2022-un-says", false},
	}
	for i, r := range rows {
		n := i + 2
		cell := func(col string) string { return fmt.Sprintf("%s%d", col, n) }
		must(f.SetCellValue("2024", cell("A"), time.Date(2024, r.month, 1, 0, 0, 0, 0, time.UTC)))
		must(f.SetCellStyle("2024", cell("A"), cell("A"), monthStyle))
		must(f.SetCellInt("2024", cell("B"), int64(r.k)))
		must(f.SetCellInt("2024", cell("C"), int64(r.i)))
		if r.childrenReported {
			must(f.SetCellValue("2024", cell("D"), r.ck))
			must(f.SetCellValue("2024", cell("E"), r.ci))
		}
		must(f.SetCellStr("2024", cell("F"), r.q))
		p, _ := time.Parse("2006-01-02", r.published)
		must(f.SetCellValue("2024", cell("G"), p))
		must(f.SetCellStyle("2024", cell("G"), cell("G"), dateStyle))
		must(f.SetCellStr("2024", cell("H"), r.source))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// TestTestdataWorkbook keeps testdata/monthly.xlsx equal to what
// monthlyXLSX makes (rewrite it with -update), which also shows the
// workbook is deterministic: two builds are byte-identical.
func TestTestdataWorkbook(t *testing.T) {
	b1, err := monthlyXLSX()
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := monthlyXLSX()
	if !bytes.Equal(b1, b2) {
		t.Fatal("monthlyXLSX is not deterministic: two builds differ")
	}
	const path = "../testdata/monthly.xlsx"
	if updating() {
		if err := os.WriteFile(path, b1, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (make it with go test ./data -run TestTestdataWorkbook -update)", err)
	}
	if !bytes.Equal(got, b1) {
		t.Errorf("%s differs from monthlyXLSX(); rewrite it with -update", path)
	}
}

// A hand-made workbook: the XML of each part is written out, so that tests
// control exactly what the file says (formulas with and without cached
// values, damaged sheets, merged cells, styles).
type rawSheet struct {
	name  string
	state string // "" or "hidden"
	body  string // the worksheet XML, or a whole <worksheet> when it starts with "<?xml"
}

const rawStyles = `<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="mmm\ yyyy"/><numFmt numFmtId="165" formatCode="#,##0"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>`

// Style indexes in rawStyles.
const (
	styleMonth    = 1 // mmm yyyy
	styleDate     = 2 // built-in 14, m/d/yyyy
	styleThousand = 3 // #,##0
)

func rawXLSX(t testing.TB, sheets ...rawSheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		state := ""
		if s.state != "" {
			state = fmt.Sprintf(` state="%s"`, s.state)
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, n, state, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	put("[Content_Types].xml", ct.String())
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	put("xl/styles.xml", rawStyles)
	for i, s := range sheets {
		body := s.body
		if !strings.HasPrefix(body, "<?xml") {
			body = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + body + `</worksheet>`
		}
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Cell writers for rawSheet bodies.
func xs(ref, text string) string { // inline text
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}
func xn(ref, v string) string { return fmt.Sprintf(`<c r="%s"><v>%s</v></c>`, ref, v) }
func xstyled(ref, v string, style int) string {
	return fmt.Sprintf(`<c r="%s" s="%d"><v>%s</v></c>`, ref, style, v)
}
func xrow(r int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">%s</row>`, r, strings.Join(cells, ""))
}
func xsheet(dim string, rows ...string) string {
	return fmt.Sprintf(`<dimension ref="%s"/><sheetData>%s</sheetData>`, dim, strings.Join(rows, ""))
}

// wideSheet is a small wide sheet: March 2025 (Excel serial 45717 is
// 2025-03-01) with HRMMU's figures of 9 April 2025, 164 killed and 910
// injured.
func wideSheet() string {
	return xsheet("A1:C2",
		xrow(1, xs("A1", "month"), xs("B1", "killed"), xs("C1", "injured")),
		xrow(2, xstyled("A2", "45717", styleMonth), xn("B2", "164"), xstyled("C2", "910", styleThousand)))
}

func loadXLSXBytes(b []byte, name string, opt LoadOptions) (*Dataset, error) {
	return Load(bytes.NewReader(b), name, opt)
}

func TestXLSXMonthlyFixture(t *testing.T) {
	b, err := os.ReadFile("../testdata/monthly.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := loadXLSXBytes(b, "monthly.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Format != FormatXLSX {
		t.Errorf("format %q, want xlsx", ds.Format)
	}
	// March-July 2024: 5 killed + 5 injured + 2 children killed + 2
	// children injured = 14 figures.
	if len(ds.Obs) != 14 {
		t.Fatalf("got %d figures, want 14", len(ds.Obs))
	}
	jul, _ := ds.Figure(Key{NewMonth(2024, time.July), "UA", Injured})
	// HRMMU, 9 August 2024: at least 1,018 injured in July 2024.
	if jul.Value != 1018 || jul.Qualifier != AtLeast || jul.Published.Date.String() != "2024-08-09" {
		t.Errorf("July 2024 injured = %d %s %s, want 1018 at_least 2024-08-09", jul.Value, jul.Qualifier, jul.Published.Date)
	}
	if got := jul.Pos.String(); got != `monthly.xlsx: sheet "2024" cell C6` {
		t.Errorf("pos %s, want sheet 2024 cell C6", got)
	}
	want := []string{`monthly.xlsx: sheet "2024": read the first of 2 visible sheets ("2024", "Notes"); choose another with --sheet`}
	for i, w := range want {
		if i >= len(ds.Warnings) || ds.Warnings[i].Error() != w {
			t.Errorf("warnings %q, want first %q", ds.Warnings, w)
		}
	}
}

func TestXLSXSpellings(t *testing.T) {
	mar25 := NewMonth(2025, time.March)
	cases := []struct {
		name  string
		sheet string
		month Month
		want  int64 // killed
		q     Qualifier
	}{
		// An Excel date cell (serial 45717 = 1 March 2025) formatted mmm yyyy.
		{"date cell", wideSheet(), mar25, 164, Exact},
		// A date cell with the built-in format 14 (m/d/yyyy).
		{"builtin date format", xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xstyled("A2", "45717", styleDate), xn("B2", "164"))), mar25, 164, Exact},
		// A month typed as text, in words.
		{"text month", xsheet("A1:B2", xrow(1, xs("A1", "Month"), xs("B1", "Killed")), xrow(2, xs("A2", "March 2025"), xs("B2", "at least 164"))), mar25, 164, AtLeast},
		// An ISO 8601 date cell (t="d").
		{"iso date cell", xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, `<c r="A2" t="d"><v>2025-03-01T00:00:00Z</v></c>`, xn("B2", "164"))), mar25, 164, Exact},
		// Thousands: the number 1074 formatted #,##0 is read raw, 1074.
		{"formatted number", xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-03"), xstyled("B2", "1074", styleThousand))), mar25, 1074, Exact},
		// A title-free sheet whose table starts lower down: blank rows above the header.
		{"header lower down", xsheet("A3:B4", xrow(3, xs("A3", "month"), xs("B3", "killed")), xrow(4, xs("A4", "2025-03"), xn("B4", "164"))), mar25, 164, Exact},
		// A number written 164.0 or 1.64E2 (as some libraries write
		// floats) is the number 164.
		{"float-written number", xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-03"), xn("B2", "164.0"))), mar25, 164, Exact},
		{"exponent-written number", xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-03"), xn("B2", "1.64E2"))), mar25, 164, Exact},
		// A month merged down two rows of areas fills both.
		{"merged month", xsheet("A1:C3", xrow(1, xs("A1", "month"), xs("B1", "area"), xs("C1", "killed")),
			xrow(2, xs("A2", "2025-03"), xs("B2", "UA14"), xn("C2", "30")), xrow(3, xs("B3", "UA63"), xn("C3", "20"))) +
			`<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>`, mar25, 0, Exact},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := rawXLSX(t, rawSheet{name: "Data", body: c.sheet})
			ds, err := loadXLSXBytes(b, "book.xlsx", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if c.name == "merged month" {
				// UA14 Donetska 30 and UA63 Kharkivska 20, both March 2025.
				for _, k := range []Key{{c.month, "UA14", Killed}, {c.month, "UA63", Killed}} {
					if _, ok := ds.Figure(k); !ok {
						t.Errorf("no figure for %s", k)
					}
				}
				return
			}
			o, ok := ds.Figure(Key{c.month, "UA", Killed})
			if !ok || o.Value != c.want || o.Qualifier != c.q {
				t.Errorf("got %v %d %s, want %d %s", ok, o.Value, o.Qualifier, c.want, c.q)
			}
		})
	}
}

func TestXLSXSheets(t *testing.T) {
	hidden := rawSheet{name: "old", state: "hidden", body: xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-02"), xn("B2", "123")))}
	data := rawSheet{name: "2025", body: xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-03"), xn("B2", "164")))}
	b := rawXLSX(t, hidden, data)
	// The hidden sheet is skipped when picking the first sheet.
	ds, err := loadXLSXBytes(b, "book.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o := ds.Obs[0]; o.Month != NewMonth(2025, 3) || o.Pos.Sheet != "2025" {
		t.Errorf("read %s from sheet %q, want 2025-03 from sheet 2025", o.Month, o.Pos.Sheet)
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings %q, want none", ds.Warnings)
	}
	// Named, the hidden sheet is read with a warning; names match in any case.
	ds, err = loadXLSXBytes(b, "book.xlsx", LoadOptions{Sheet: "OLD"})
	if err != nil {
		t.Fatal(err)
	}
	if o := ds.Obs[0]; o.Value != 123 {
		t.Errorf("read %d, want 123 from the hidden sheet", o.Value)
	}
	if want := `book.xlsx: sheet "old": the sheet is hidden; read because --sheet names it`; len(ds.Warnings) == 0 || ds.Warnings[0].Error() != want {
		t.Errorf("warnings %q, want %q", ds.Warnings, want)
	}
}

// TestXLSXForcedShape: --format-in tidy, wide, hxl or cumulative on a
// workbook says the shape of its sheet.
func TestXLSXForcedShape(t *testing.T) {
	b := rawXLSX(t, rawSheet{name: "S", body: wideSheet()})
	ds, err := loadXLSXBytes(b, "book.xlsx", LoadOptions{Format: FormatWide})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Format != FormatXLSX || len(ds.Obs) != 2 {
		t.Errorf("format %q with %d figures, want xlsx with 2", ds.Format, len(ds.Obs))
	}
	_, err = loadXLSXBytes(b, "book.xlsx", LoadOptions{Format: FormatTidy})
	if want := `book.xlsx: sheet "S" cell A1: want a "metric" column in a tidy file, got "month,killed,injured"`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// A CSV named .xlsx with a forced shape is read as the text it is.
	ds, err = loadXLSXBytes([]byte("month,killed\n2025-03,164\n"), "book.xlsx", LoadOptions{Format: FormatWide})
	if err != nil || ds.Format != FormatWide {
		t.Errorf("got %v, %v; want the CSV read as wide", ds, err)
	}
}

func TestXLSXTitleRows(t *testing.T) {
	body := xsheet("A1:B4", xrow(1, xs("A1", "Civilian casualties, March 2025")), xrow(2, xs("A2", "HRMMU, 9 April 2025")),
		xrow(3, xs("A3", "month"), xs("B3", "killed")), xrow(4, xs("A4", "2025-03"), xn("B4", "164"))) +
		`<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`
	ds, err := loadXLSXBytes(rawXLSX(t, rawSheet{name: "S", body: body}), "book.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o := ds.Obs[0]; o.Value != 164 || o.Pos.Cell != "B4" {
		t.Errorf("read %d at %s, want 164 at B4", o.Value, o.Pos.Cell)
	}
	want := `book.xlsx: sheet "S" cell A1: 2 rows above the header (row 3) not read, taken for a title: "Civilian casualties, March 2025"`
	if len(ds.Warnings) == 0 || ds.Warnings[0].Error() != want {
		t.Errorf("warnings %q, want %q", ds.Warnings, want)
	}
	// A text cell "164.0" is whole, as in a CSV that pandas wrote; "164.5"
	// is a fraction, refused.
	body = xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-03"), xs("B2", "164.0")))
	ds, err = loadXLSXBytes(rawXLSX(t, rawSheet{name: "S", body: body}), "book.xlsx", LoadOptions{})
	if err != nil || ds.Obs[0].Value != 164 {
		t.Errorf("got %v, %v; want 164", ds, err)
	}
	body = xsheet("A1:B2", xrow(1, xs("A1", "month"), xs("B1", "killed")), xrow(2, xs("A2", "2025-03"), xs("B2", "164.5")))
	_, err = loadXLSXBytes(rawXLSX(t, rawSheet{name: "S", body: body}), "book.xlsx", LoadOptions{})
	if want := `book.xlsx: sheet "S" cell B2: column "killed": want a whole number, got "164.5" (a fraction)`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestXLSXFormulas(t *testing.T) {
	withCache := xsheet("A1:C3",
		xrow(1, xs("A1", "month"), xs("B1", "killed"), xs("C1", "injured")),
		xrow(2, xs("A2", "2025-03"), `<c r="B2"><f>100+64</f><v>164</v></c>`, `<c r="C2"><f>SUM(D2:E2)</f><v>910</v></c>`),
		// A formula whose stored result is empty text is an empty cell: a gap.
		xrow(3, xs("A3", "2025-04"), `<c r="B3"><f>B2</f><v>164</v></c>`, `<c r="C3" t="str"><f>IF(1,"","")</f><v></v></c>`))
	ds, err := loadXLSXBytes(rawXLSX(t, rawSheet{name: "S", body: withCache}), "book.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o, _ := ds.Figure(Key{NewMonth(2025, 3), "UA", Killed}); o.Value != 164 {
		t.Errorf("killed = %d, want the cached 164", o.Value)
	}
	if _, ok := ds.Figure(Key{NewMonth(2025, 4), "UA", Injured}); ok {
		t.Error("April injured read from an empty formula result; want a gap")
	}
	want := `book.xlsx: sheet "S": 4 formulas (B2 C2 B3 C3): their values as last saved are used; casualty does not recompute them`
	if len(ds.Warnings) == 0 || ds.Warnings[0].Error() != want {
		t.Errorf("warnings %q, want %q", ds.Warnings, want)
	}
}

// TestXLSXErrors gives the exact message for each way a workbook is refused.
func TestXLSXErrors(t *testing.T) {
	header := xrow(1, xs("A1", "month"), xs("B1", "killed"), xs("C1", "injured"))
	good := rawXLSX(t, rawSheet{name: "S", body: wideSheet()})
	cases := []struct {
		name string
		in   []byte
		opt  LoadOptions
		want string
	}{
		{"empty file", nil, LoadOptions{}, "book.xlsx: the file is empty; want an .xlsx workbook"},
		{"csv named xlsx", []byte("month,killed\n2025-03,164\n"), LoadOptions{},
			"book.xlsx: this is text (CSV?), not an .xlsx workbook; give it a .csv name or pass --format-in tidy, wide, hxl or cumulative"},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, LoadOptions{},
			"book.xlsx: this is an Excel 97-2003 .xls workbook or a password-protected workbook, which casualty does not read; save it as .xlsx without a password, or as CSV (UTF-8)"},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0}, LoadOptions{}, "book.xlsx: this is not an .xlsx workbook (an .xlsx file is a zip archive)"},
		{"truncated zip", good[:len(good)/2], LoadOptions{},
			"book.xlsx: the workbook is damaged or truncated (zip: not a valid zip file); open it in Excel or LibreOffice and save it again"},
		{"too big", good, LoadOptions{Limits: Limits{MaxBytes: 100}},
			"book.xlsx: file is larger than 100 bytes (raise Limits.MaxBytes)"},
		{"too many entries", good, LoadOptions{Limits: Limits{MaxXLSXFiles: 3}},
			"book.xlsx: the workbook has 6 zip entries, more than the limit of 3; refused before expanding (raise Limits.MaxXLSXFiles)"},
		{"expands too far", good, LoadOptions{Limits: Limits{MaxXLSXBytes: 1000}},
			fmt.Sprintf("book.xlsx: the workbook would expand to more than 1000 bytes (%d bytes compressed); refused before expanding, as a zip bomb would be (raise Limits.MaxXLSXBytes)", len(good))},
		{"ods", odsBytes(t), LoadOptions{},
			"book.xlsx: this is an OpenDocument spreadsheet (.ods), which casualty does not read; save it as .xlsx or CSV (UTF-8)"},
		{"zip not workbook", zipOf(t, map[string]string{"a.txt": "hello"}), LoadOptions{},
			"book.xlsx: this zip archive is not an .xlsx workbook (it has no [Content_Types].xml)"},
		{"unknown sheet", good, LoadOptions{Sheet: "s2"},
			`book.xlsx: no sheet "s2"; did you mean "S"? the workbook has "S"`},
		{"no visible sheet", rawXLSX(t, rawSheet{name: "S", state: "hidden", body: wideSheet()}), LoadOptions{},
			`book.xlsx: the workbook has no visible sheet; name one with --sheet (it has "S")`},
		{"empty sheet", rawXLSX(t, rawSheet{name: "S", body: `<dimension ref="A1"/><sheetData/>`}), LoadOptions{},
			`book.xlsx: sheet "S": the sheet is empty; want a header row and rows of figures`},
		{"formula without value", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C2", header,
			xrow(2, xs("A2", "2025-03"), `<c r="B2"><f>B3+B4</f></c>`, xn("C2", "910")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell B2: the formula =B3+B4 has no stored value; open the workbook in Excel or LibreOffice and save it again so the value is stored, or type the number`},
		{"cut short", rawXLSX(t, rawSheet{name: "S", body: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>` +
			header + xrow(2, xs("A2", "2025-02"), xn("B2", "129"), xn("C2", "588")) + `<row r="3"><c r="A3" t="inl`}), LoadOptions{},
			`book.xlsx: sheet "S": the sheet is cut short after row 3 (XML syntax error on line 1: unexpected EOF); the workbook is damaged: open it in Excel or LibreOffice and save it again`},
		{"dangling shared string", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C2", header,
			xrow(2, xs("A2", "2025-03"), `<c r="B2" t="s"><v>7</v></c>`, xn("C2", "910")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell B2: the cell points at shared text number 7, but the workbook has 0; the workbook is damaged: open it in Excel or LibreOffice and save it again`},
		{"fewer rows than dimension", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C40", header,
			xrow(2, xs("A2", "2025-02"), xn("B2", "129"), xn("C2", "588")))}), LoadOptions{},
			`book.xlsx: sheet "S": the sheet is cut short: its dimension A1:C40 ends at row 40 but its rows end at 2; the workbook is damaged: open it in Excel or LibreOffice and save it again`},
		{"merged header", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C2", xrow(1, xs("A1", "month"), xs("B1", "casualties")),
			xrow(2, xs("A2", "2025-03"), xn("B2", "164"), xn("C2", "910"))) + `<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>`}), LoadOptions{},
			`book.xlsx: sheet "S" cell B1: the header has merged cells B1:C1; casualty needs one header cell per column: unmerge them (and remove any title rows above the header)`},
		{"merged figures", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C3", header,
			xrow(2, xs("A2", "2025-02"), xn("B2", "129"), xn("C2", "588")), xrow(3, xs("A3", "2025-03"), xn("C3", "910"))) +
			`<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>`}), LoadOptions{},
			`book.xlsx: sheet "S" cell B2: cells B2:B3 are merged; each figure needs a cell of its own: unmerge them and fill in every cell`},
		{"boolean count", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C2", header,
			xrow(2, xs("A2", "2025-03"), `<c r="B2" t="b"><v>1</v></c>`, xn("C2", "910")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell B2: column "killed": want a whole number, got "TRUE"`},
		{"fraction", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C2", header,
			xrow(2, xs("A2", "2025-03"), xn("B2", "164.5"), xn("C2", "910")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell B2: column "killed": want a whole number, got "164.5" (a fraction)`},
		{"value without header", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:D2", header,
			xrow(2, xs("A2", "2025-03"), xn("B2", "164"), xn("C2", "910"), xn("D2", "12")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell D2: holds "12" in a column with no header; give the column a header or clear the cell`},
		{"ambiguous date text", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C2", header,
			xrow(2, xs("A2", "03/04/2025"), xn("B2", "164"), xn("C2", "910")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell A2: column "month": want a month such as 2025-03 or March 2025, got "03/04/2025" (ambiguous: day and month order unknown; write 2025-03)`},
		{"no recognisable columns", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:B2", xrow(1, xs("A1", "when"), xs("B1", "how many")),
			xrow(2, xs("A2", "2025-03"), xn("B2", "164")))}), LoadOptions{},
			`book.xlsx: sheet "S" cell A1: no recognisable columns; want month,area,metric,value (tidy), month,killed,injured (wide) or as_of,killed,injured (cumulative), got "when,how many"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadXLSXBytes(c.in, "book.xlsx", c.opt)
			if err == nil {
				t.Fatalf("loaded; want error %q", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("error\n got: %s\nwant: %s", err, c.want)
			}
		})
	}
}

// TestXLSXZipBomb: a workbook of a few kilobytes whose sheet expands to
// 64 MiB is refused from the central directory alone, before anything is
// expanded.
func TestXLSXZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(zeros)
	}
	zw.Close()
	if buf.Len() > 200<<10 {
		t.Fatalf("the bomb is %d bytes; want a small file", buf.Len())
	}
	_, err := loadXLSXBytes(buf.Bytes(), "bomb.xlsx", LoadOptions{Limits: Limits{MaxXLSXBytes: 32 << 20}})
	want := fmt.Sprintf("bomb.xlsx: the workbook would expand to more than 33554432 bytes (%d bytes compressed); refused before expanding, as a zip bomb would be (raise Limits.MaxXLSXBytes)", buf.Len())
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func zipOf(t testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	zw.Close()
	return buf.Bytes()
}

func odsBytes(t testing.TB) []byte {
	return zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"})
}

func sortedKeys(m map[string]string) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	sortStrings(k)
	return k
}

// TestDateFormats: which number formats make a number a date. Only the
// letters d, m and y outside quoted text, escapes and [sections] count.
func TestDateFormats(t *testing.T) {
	cases := []struct {
		code string
		date bool
	}{
		{"mmm yyyy", true},
		{`mmm\ yyyy`, true},
		{`yyyy\-mm\-dd`, true},
		{"[$-409]mmmm yyyy;@", true},
		{"d/m/yy", true},
		{"[h]:mm:ss", true},
		{"General", false},
		{"0", false},
		{"#,##0", false},
		{"0.00", false},
		{"0.0%", false},
		{"[Red]#,##0", false},
		{`"Month "0`, false},
		{`0\d`, false},
		{"0_m", false},
		{"@", false},
	}
	for _, c := range cases {
		if got := isDateFormat(c.code); got != c.date {
			t.Errorf("isDateFormat(%q) = %v, want %v", c.code, got, c.date)
		}
	}
	// Built-in formats: 14 (m/d/yyyy) and 22 (m/d/yyyy h:mm) are dates, 3 (#,##0) is not.
	for id, want := range map[int]bool{0: false, 3: false, 14: true, 17: true, 22: true, 49: false} {
		if got := builtinDateFormat(id); got != want {
			t.Errorf("builtinDateFormat(%d) = %v, want %v", id, got, want)
		}
	}
}

// TestXLSXStructureErrors: workbooks whose parts are missing or odd.
func TestXLSXStructureErrors(t *testing.T) {
	header := xrow(1, xs("A1", "month"), xs("B1", "killed"))
	many := []string{header}
	for r := 2; r <= 5; r++ {
		many = append(many, xrow(r, xs(fmt.Sprintf("A%d", r), fmt.Sprintf("2025-%02d", r)), xn(fmt.Sprintf("B%d", r), "1")))
	}
	cases := []struct {
		name string
		in   []byte
		opt  LoadOptions
		want string
	}{
		{"no workbook part", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>"}), LoadOptions{},
			"book.xlsx: the workbook has no xl/workbook.xml part (it is damaged, or not an .xlsx workbook)"},
		{"too many rows", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:B5", many...)}), LoadOptions{Limits: Limits{MaxRows: 3}},
			`book.xlsx: sheet "S": more than 3 data rows (raise Limits.MaxRows)`},
		// 64 rows with a cell in column XFD (16,384 columns) make a grid of
		// 64 x 16384 x 16 bytes = 16 MiB, over a 1 MiB limit.
		{"grid too wide", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:XFD64", wideRows(64)...)}), LoadOptions{Limits: Limits{MaxXLSXBytes: 1 << 20}},
			`book.xlsx: sheet "S": the sheet spans A1:XFD64, a grid of more than 1048576 bytes to read; refused: clear cells far from the table (raise Limits.MaxXLSXBytes)`},
		{"shared formula without value", rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:B2", header,
			xrow(2, xs("A2", "2025-03"), `<c r="B2"><f t="shared" si="0"/></c>`))}), LoadOptions{},
			`book.xlsx: sheet "S" cell B2: a shared formula has no stored value; open the workbook in Excel or LibreOffice and save it again so the value is stored, or type the number`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadXLSXBytes(c.in, "book.xlsx", c.opt)
			if err == nil || err.Error() != c.want {
				t.Errorf("error\n got: %v\nwant: %s", err, c.want)
			}
		})
	}
}

// wideRows makes rows 1..n, each with a cell in the last column (XFD).
func wideRows(n int) []string {
	rows := []string{xrow(1, xs("A1", "month"), xs("B1", "killed"), xs("XFD1", "far"))}
	for r := 2; r <= n; r++ {
		rows = append(rows, xrow(r, xs(fmt.Sprintf("A%d", r), "2025-03"), xs(fmt.Sprintf("XFD%d", r), "x")))
	}
	return rows
}
