package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// The catalogue of bad input lives in testdata/bad as committed files, so
// anyone can open one and see what casualty refuses. This generator is
// how they were made: deterministic code rather than hand-edited bytes
// (UTF-16, legacy code pages, zips). Regenerate with
//
//	go test ./cmd/casualty -run TestGenerateBadCatalogue -gen-bad
//
// then refresh the expected messages with -update.
var genBad = flag.Bool("gen-bad", false, "rewrite the generated files of testdata/bad")

// badDir is absolute, because catalogue tests run in a temporary folder.
var badDir, _ = filepath.Abs(filepath.Join("..", "..", "testdata", "bad"))

func TestGenerateBadCatalogue(t *testing.T) {
	if !*genBad {
		t.Skip("run with -gen-bad to rewrite testdata/bad")
	}
	files := badCatalogue(t)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if err := os.MkdirAll(badDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(badDir, n), files[n], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d files to %s", len(names), badDir)
}

// tidyHead is the header most catalogue files share.
const tidyHead = "month,area,metric,value,published,source\n"

// badCatalogue returns every file of the catalogue by name.
func badCatalogue(t *testing.T) map[string][]byte {
	f := map[string][]byte{}
	text := func(name, s string) { f[name] = []byte(s) }
	row := func(month, area, metric, value string) string {
		return month + "," + area + "," + metric + "," + value + ",2025-04-09,HRMMU update\n"
	}

	// Structure.
	text("empty.csv", "")
	text("blank-lines.csv", "\n\n   \r\n\t\n")
	text("header-only.csv", tidyHead)
	text("no-columns.csv", "date_of_report,number_of_people\n2025-03,5\n")
	text("wide-no-month.csv", "area,killed,injured\nUA,164,910\n")
	text("event-level.csv", "event_date,admin1,event_type,fatalities\n2025-03-02,Kharkiv,Shelling/artillery/missile attack,3\n")
	text("title-row.csv", "Civilian casualties in Ukraine, monthly\n\nmonth,killed,injured\n2025-02,129,588\n2025-03,164,910\n")
	text("ragged-short.csv", tidyHead+row("2025-02", "UA", "killed", "129")+"2025-03,UA,killed\n"+row("2025-03", "UA", "injured", "910"))
	text("ragged-long.csv", tidyHead+row("2025-02", "UA", "killed", "129")+"2025-03,UA,injured,1,074,2025-04-09,HRMMU update\n")
	text("unclosed-quote.csv", tidyHead+row("2025-02", "UA", "killed", "129")+"2025-03,UA,killed,\"164,2025-04-09,HRMMU update\n"+row("2025-03", "UA", "injured", "910"))
	text("bare-quote.csv", tidyHead+"2025-03,UA,killed,16\"4,2025-04-09,HRMMU update\n")
	text("nul-bytes.csv", tidyHead+row("2025-03", "UA", "killed", "164")+"\x00\x00\x00\x00")
	text("zip-named.csv", "PK\x03\x04\x14\x00\x00\x00\x08\x00")
	text("xls-named.csv", string(oleHeader()))
	f["old.xls"] = oleHeader()
	f["sheet.ods"] = odsBytes(t)

	// Encodings.
	const cyr = "month,area,metric,value,source\n2025-03,Україна,killed,164,Оновлення ММПЛ ООН\n2025-03,Харківська,killed,12,Оновлення ММПЛ ООН\n"
	f["windows-1251.csv"] = enc8(t, charmap.Windows1251, cyr)
	const lat = "month,area,metric,value,source\n2025-03,Odesa,killed,7,Mise à jour – HRMMU “Protection of civilians”\n2025-03,Zaporizhzhia,killed,9,Mise à jour – HRMMU\n"
	f["windows-1252.csv"] = enc8(t, charmap.Windows1252, lat)
	text("utf8-cyrillic.csv", cyr)
	f["utf16-no-bom.txt"] = utf16Bytes("month\tarea\tmetric\tvalue\r\n2025-03\tUA\tkilled\t164\r\n", false)
	f["ok-utf16-unicode-text.txt"] = utf16Bytes("month\tarea\tmetric\tvalue\tsource\r\n2025-03\tUA\tkilled\t\"1,074\"\tУкраїна: HRMMU\r\n2025-03\tUA\tinjured\t910\tУкраїна: HRMMU\r\n", true)
	f["ok-windows-1251.csv"] = enc8(t, charmap.Windows1251, "month,area,metric,value,source\n2025-03,Україна,killed,164,Оновлення ММПЛ ООН\nквітень 2025,Україна,killed,209,Оновлення ММПЛ ООН\n")
	f["ok-windows-1252.csv"] = enc8(t, charmap.Windows1252, lat)
	f["utf32.txt"] = append([]byte{0xFF, 0xFE, 0, 0}, []byte("m\x00\x00\x00o\x00\x00\x00")...)
	text("ok-mac-cr.csv", "month,killed,injured\r2025-02,129,588\r2025-03,164,910\r")
	text("ok-bom-semicolon.csv", "\uFEFFmonth;area;metric;value;source\r\n2025-03;UA;killed;1 074;\"Mise à jour; HRMMU\"\r\n2025-03;UA;injured;\"2,910\";HRMMU\r\n")

	// Counts.
	text("negative.csv", tidyHead+row("2025-03", "UA", "killed", "-5"))
	text("fractional.csv", tidyHead+row("2025-03", "UA", "killed", "12.5"))
	text("decimal-comma.csv", "month;area;metric;value\n2025-03;UA;killed;12,5\n")
	text("exponent.csv", tidyHead+row("2025-03", "UA", "killed", "1e3"))
	text("huge.csv", tidyHead+row("2025-03", "UA", "killed", "99999999999999999999"))
	text("at-most.csv", tidyHead+row("2025-03", "UA", "killed", "at most 100"))
	text("placeholder.csv", "month,killed,injured\n2025-02,129,588\n2025-03,n/a,910\n2025-04,-,\n")
	text("range-reversed.csv", tidyHead+row("2025-03", "UA", "killed", "120-100"))
	text("misplaced-separator.csv", tidyHead+row("2025-03", "UA", "killed", "\"1,07,4\""))
	text("outside-range.csv", "month,area,metric,value,low,high\n2025-03,UA,killed,164,170,200\n")
	text("bad-qualifier.csv", "month,area,metric,value,qualifier\n2025-03,UA,killed,164,roughly\n")
	text("dots-thousands.csv", "month;killed;injured\n2025-03;164;1.074\n")
	text("footnote.csv", "month,killed,injured\n2025-02,129,588\n2025-03,164*,910\n")
	text("long-cell.csv", tidyHead+row("2025-03", "UA", "killed", strings.Repeat("9", 5000))+row(strings.Repeat("March ", 500)+"2025", "UA", "injured", "910"))
	text("ok-approx.csv", tidyHead+row("2025-03", "UA", "killed", "approx. 100")+row("2025-03", "UA", "injured", "about 1 000"))
	text("ok-range.csv", tidyHead+row("2025-03", "UA", "killed", "100-120")+row("2025-03", "UA", "injured", "at least 910")+row("2025-04", "UA", "killed", "200+"))

	// Months.
	text("month-13.csv", tidyHead+row("2025-13", "UA", "killed", "164"))
	text("february-30.csv", tidyHead+row("2025-02-30", "UA", "killed", "129"))
	text("ambiguous-date.csv", tidyHead+row("03/04/2025", "UA", "killed", "164"))
	text("excel-serial.csv", tidyHead+row("45717", "UA", "killed", "164"))
	text("year-1899.csv", tidyHead+row("1899-12", "UA", "killed", "164"))
	text("empty-month.csv", tidyHead+row("", "UA", "killed", "164"))
	text("month-typo.csv", tidyHead+row("Marhc 2025", "UA", "killed", "164"))
	text("ok-month-spellings.csv", "month,killed,injured\r\n2025-01,\"1,000\",2 000\r\nFebruary 2025,129,588\r\nMar 2025,164,910\r\n2025-04-01,209,1146\r\n05/2025,\"at least 183\",\r\n")

	// Validation across rows.
	text("duplicate-month.csv", tidyHead+row("2025-03", "UA", "killed", "164")+row("2025-03", "UA", "injured", "910")+row("2025-03", "UA", "killed", "170"))
	text("duplicate-month-wide.csv", "month,killed,injured\n2025-02,129,588\nMarch 2025,164,910\n2025-03,170,910\n")
	text("children-above-total.csv", "month,killed,injured,children_killed,children_injured\n2025-03,164,910,170,50\n")
	text("iso-code.csv", tidyHead+row("2025-03", "UA-30", "killed", "12"))
	text("unknown-area.csv", tidyHead+row("2025-03", "Kharkov Oblastt", "killed", "12"))
	text("unknown-metric.csv", tidyHead+row("2025-03", "UA", "kiled", "164"))
	text("derived-metric.csv", tidyHead+row("2025-03", "UA", "casualties", "1074"))
	text("month-after-publication.csv", tidyHead+row("2025-05", "UA", "killed", "164"))
	text("bad-published.csv", "month,area,metric,value,published\n2025-03,UA,killed,164,09/04/2025\n")
	text("bad-covers.csv", "month,area,metric,value,covers\n2022-02,UA,killed,136,24-30\n")
	text("merge-a.csv", tidyHead+row("2025-03", "UA", "killed", "164")+row("2025-03", "UA", "injured", "910"))
	text("merge-b.csv", tidyHead+row("2025-03", "UA", "killed", "170")+row("2025-03", "UA", "injured", "910"))
	text("wide-misspelt-column.csv", "month,killed,injurd\n2025-02,129,588\n2025-03,164,910\n")
	text("duplicate-column.csv", "month,killed,injured,killed\n2025-03,164,910,170\n")
	text("hxl-forced.csv", tidyHead+row("2025-03", "UA", "killed", "164"))

	// Area columns (issue 13 item 2): an oblast column casualty does not
	// read would fold its rows into national figures.
	text("area-column-unread.csv", "Month,Territory,Killed,Injured\n2025-03,Kharkivska,31,140\n2025-03,Donetska,40,187\n")
	text("area-no-header.csv", "month,,killed,injured\n2025-03,UA63,31,140\n2025-03,UA14,40,187\n")
	text("area-code-name-disagree.csv", "month,ADM1_EN,ADM1_PCODE,killed,injured\n2025-03,Kharkivska,UA63,31,140\n2025-03,Zaporizka,UA14,40,187\n")
	text("area-given-twice.csv", "month,Oblast,killed,injured\n2025-03,Kharkiv,31,140\n2025-03,Харківська,30,140\n")
	text("hxl-untagged-area.csv", "Month,Oblast,Killed,Injured\n#date,,#affected+killed,#affected+injured\n2025-03,Kharkivska,31,140\n2025-03,Donetska,40,187\n")
	text("area-admin2-only.csv", "Month,Year,ADM2_EN,ADM2_PCODE,Fatalities\nMarch,2025,Kharkivskyi,UA6312,12\n")
	// OCHA COD-AB's admin-1 columns, as its tables and HDX extracts give
	// them: English, Ukrainian and the p-code side by side.
	text("ok-cod-ab-adm1.csv", "ADM1_EN,ADM1_UA,ADM1_PCODE,month,killed,injured\n"+
		"Donetska,Донецька,UA14,2025-03,40,187\n"+
		"Kharkivska,Харківська,UA63,2025-03,31,140\n"+
		"Zaporizka,Запорізька,UA23,2025-03,19,96\n")
	text("ok-admin1-headers.csv", "Admin 1 P-Code,Province,Month,Killed\nUA12,Dnipropetrovska,2025-03,14\nUA59,Sumy Oblast,2025-03,21\n")

	// Dates that cannot be misread: the column's order of day and month
	// settled by a date whose day is above 12; Excel's mmm-yy.
	text("ok-day-first.csv", "Date;Killed;Injured\r\n01/02/2025;129;588\r\n14/03/2025;164;910\r\n01/04/2025;209;1146\r\n")
	text("ok-excel-mmm-yy.csv", "Month,Killed,Injured\nFeb-25,129,588\nMar-25,164,910\nApr 25,209,1146\n")
	text("mixed-date-order.csv", "date,killed,injured\n31/03/2025,164,910\n04/30/2025,209,1146\n")

	// An analyst's table: a Total row and a source line under it (Excel
	// writes the blank row as commas); the table ends at the Total row.
	text("ok-analyst-total.csv", "Oblast,Month,Killed,Injured\r\nKharkivska,2025-03,31,140\r\nDonetska,2025-03,40,187\r\nZaporizka,2025-03,19,96\r\nTotal,,90,423\r\n,,,\r\n\"Source: HRMMU, update of 9 April 2025; oblast split illustrative\",,,\r\n")
	text("ok-total-mismatch.csv", "Oblast,Month,Killed,Injured\nKharkivska,2025-03,31,140\nDonetska,2025-03,40,187\nTotal,,75,327\n")
	text("figures-below-blank.csv", "Month,Killed,Injured\n2025-02,129,588\n\n2025-03,164,910\n")

	// A wide file with a casualties column beside killed and injured: each
	// row's sum is checked (HRMMU: 129 + 588 = 717, 164 + 910 = 1,074).
	text("ok-casualties-column.csv", "Month,Killed,Injured,Casualties\n2025-02,129,588,717\n2025-03,164,910,\"1,074\"\n")
	text("casualties-disagree.csv", "Month,Killed,Injured,Casualties\n2025-02,129,588,717\n2025-03,164,910,1064\n")

	// Months across the columns (illustrative oblast figures; each Total
	// is its row's sum: 28 + 35 + 31 = 94).
	text("ok-months-across.csv", "Oblast,Indicator,Jan 2025,Feb 2025,Mar 2025,Total\nKharkivska,Killed,28,35,31,94\nKharkivska,Injured,102,131,140,373\nDonetska,Killed,50,44,40,134\nDonetska,Injured,160,171,187,518\n")
	text("months-across-no-metric.csv", "Oblast,Jan 2025,Feb 2025,Mar 2025\nKharkivska,28,35,31\nDonetska,50,44,40\n")
	text("months-across-total.csv", "Oblast,Indicator,Jan 2025,Feb 2025,Mar 2025,Total\nKharkivska,Killed,28,35,31,95\n")

	// Event data aggregated by month, as HDX serves it: ACLED's monthly
	// aggregates (admin-2 rows with their admin-1 p-code; Month and Year)
	// and HDX HAPI's conflict events (one row per admin-2 unit and event
	// type; the month as its first and last days). Illustrative figures.
	text("ok-acled-monthly.csv", "Country,Admin1,Admin2,ISO3,Admin2 Pcode,Admin1 Pcode,Month,Year,Events,Fatalities\n"+
		"Ukraine,Kharkivska,Kharkivskyi,UKR,UA6312,UA63,March,2025,212,41\n"+
		"Ukraine,Kharkivska,Kupianskyi,UKR,UA6308,UA63,March,2025,388,97\n"+
		"Ukraine,Donetska,Pokrovskyi,UKR,UA1412,UA14,March,2025,901,455\n"+
		"Ukraine,Kharkivska,Kharkivskyi,UKR,UA6312,UA63,April,2025,198,36\n")
	const hapiHead = "location_code,location_name,admin1_code,admin1_name,provider_admin1_name,admin2_code,admin2_name,provider_admin2_name,admin_level,event_type,events,fatalities,reference_period_start,reference_period_end\n"
	text("ok-hapi-conflict.csv", hapiHead+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,political_violence,212,41,2025-03-01,2025-03-31\n"+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,civilian_targeting,80,12,2025-03-01,2025-03-31\n"+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,demonstration,3,,2025-03-01,2025-03-31\n"+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6308,Kupianskyi,Kupianskyi,2,political_violence,388,97,2025-03-01,2025-03-31\n"+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6308,Kupianskyi,Kupianskyi,2,civilian_targeting,101,15,2025-03-01,2025-03-31\n")
	// HAPI's table as HDX serves it for download, with its hashtag row.
	text("ok-hapi-hxl.csv", "location_code,admin1_code,admin1_name,admin2_code,admin2_name,event_type,events,fatalities,reference_period_start,reference_period_end\n"+
		"#country+code,#adm1+code,#adm1+name,#adm2+code,#adm2+name,#event+type,#event+num,#affected+killed,#date+start,#date+end\n"+
		"UKR,UA14,Donetska,UA1412,Pokrovskyi,political_violence,901,455,2025-03-01,2025-03-31\n"+
		"UKR,UA14,Donetska,UA1412,Pokrovskyi,civilian_targeting,310,61,2025-03-01,2025-03-31\n"+
		"UKR,UA14,Donetska,UA1414,Kramatorskyi,political_violence,640,122,2025-03-01,2025-03-31\n")
	text("hapi-part-month.csv", hapiHead+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,political_violence,96,18,2025-03-01,2025-03-15\n")
	text("hapi-event-types.csv", hapiHead+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,civilian_targeting,80,12,2025-03-01,2025-03-31\n"+
		"UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,demonstration,3,,2025-03-01,2025-03-31\n")
	text("admin-levels-mixed.csv", "Admin1 Pcode,Admin2 Pcode,Month,Year,Fatalities\nUA63,UA6312,March,2025,41\nUA63,UA6308,March,2025,97\nUA63,,March,2025,138\n")
	text("year-disagrees.csv", "Month,Year,Killed\nMarch 2024,2025,164\n")

	// pandas' DataFrame.to_csv: the index under no header, and counts
	// written as floats because the column has a gap (NaN, written empty).
	text("ok-pandas.csv", ",month,area,killed,injured\n0,2025-02,UA,129.0,588.0\n1,2025-03,UA,164.0,910.0\n2,2025-04,UA,209.0,\n")
	text("pandas-fraction.csv", ",month,area,killed,injured\n0,2025-02,UA,129.5,588.0\n")

	// Limits (the test passes a small limit to each).
	var long strings.Builder
	long.WriteString(tidyHead)
	long.WriteString("2025-03,UA,killed,164,2025-04-09,")
	long.WriteString(strings.Repeat("very long source ", 20))
	long.WriteString("\n")
	text("long-line.csv", long.String())
	var rows, many strings.Builder
	rows.WriteString("month,killed\n")
	for m := 1; m <= 6; m++ {
		fmt.Fprintf(&rows, "2024-%02d,%d\n", m, 100+m)
	}
	text("too-many-rows.csv", rows.String())
	text("too-big.csv", rows.String())
	many.WriteString("month,killed\n")
	for m := 1; m <= 30; m++ {
		fmt.Fprintf(&many, "20%02d-13,%d\n", m, m)
	}
	text("many-errors.csv", many.String())

	// Workbooks: the xlsx loader's cases.
	text("csv-named.xlsx", tidyHead+row("2025-03", "UA", "killed", "164"))
	f["xls-named.xlsx"] = oleHeader()
	f["ods-named.xlsx"] = odsBytes(t)
	good := xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: goodRows}}})
	f["ok-workbook.xlsx"] = good
	f["truncated.xlsx"] = good[:len(good)*2/3]
	f["zipbomb.xlsx"] = zipBomb(t, 600<<20)
	f["zipbomb-small.xlsx"] = zipBomb(t, 4<<20)
	f["zipbomb-lying.xlsx"] = lyingZip(t, good, 64<<20)
	// The "billion laughs": entities that would expand to 10^9 copies.
	var laughs strings.Builder
	laughs.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<!DOCTYPE worksheet [<!ENTITY lol "lol">`)
	for i := 1; i <= 9; i++ {
		prev := "lol"
		if i > 1 {
			prev = fmt.Sprintf("lol%d", i-1)
		}
		fmt.Fprintf(&laughs, `<!ENTITY lol%d "%s">`, i, strings.Repeat("&"+prev+";", 10))
	}
	laughs.WriteString(`]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`)
	f["billion-laughs.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", raw: laughs.String()}}})
	// Cells at the last column (XFD) on many rows: a reader that makes a
	// full grid of the sheet would build 16384 cells a row.
	var far strings.Builder
	far.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	far.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>month</t></is></c><c r="B1" t="inlineStr"><is><t>killed</t></is></c></row>`)
	for r := 2; r <= 20000; r++ {
		fmt.Fprintf(&far, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	far.WriteString(`</sheetData></worksheet>`)
	f["far-cells.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", raw: far.String()}}})
	// A shared-string cell whose index points at no string (the workbook
	// has no shared strings at all): its index must not read as a count.
	f["dangling-shared-string.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", raw: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>month</t></is></c><c r="B1" t="inlineStr"><is><t>killed</t></is></c><c r="C1" t="inlineStr"><is><t>injured</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>2025-03</t></is></c><c r="B2" t="s"><v>7</v></c><c r="C2"><v>910</v></c></row>` +
		`</sheetData></worksheet>`}}})
	// Values a formula left with a rounding remainder: the spreadsheet
	// shows 164 and 910, the file holds neither.
	f["float-remainder.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: [][]xcell{
		{xs("month"), xs("killed"), xs("injured")},
		{xs("2025-03"), xf("B1*0+164.1-0.1", "164.00000000000003"), xn("909.99999999999989")},
	}}}})
	f["cut-short.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: goodRows, dimension: "A1:C13", cutAfter: 3}}})
	f["cut-mid-xml.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: goodRows, cutAfter: 2}}})
	f["ok-formulas.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: [][]xcell{
		{xs("month"), xs("killed"), xs("injured")},
		{xs("2025-02"), xn("129"), xn("588")},
		{xs("2025-03"), xf("B2+35", "164"), xf("C2+322", "910")},
	}}}})
	f["formula-no-value.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: [][]xcell{
		{xs("month"), xs("killed"), xs("injured")},
		{xs("2025-02"), xn("129"), xn("588")},
		{xs("2025-03"), xf("B2+35", ""), xn("910")},
	}}}})
	f["merged-header.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", merges: []string{"B1:C1"}, rows: [][]xcell{
		{xs("month"), xs("civilians killed and injured"), {}},
		{{}, xs("killed"), xs("injured")},
		{xs("2025-03"), xn("164"), xn("910")},
	}}}})
	f["ok-hidden-sheet.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{
		{name: "Old", hidden: true, rows: [][]xcell{{xs("month"), xs("killed")}, {xs("2025-03"), xn("999")}}},
		{name: "Figures", rows: goodRows},
	}})
	f["only-hidden-sheets.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{
		{name: "Figures", hidden: true, rows: goodRows},
	}})
	f["empty-sheet.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures"}}})
	f["bad-cell.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: [][]xcell{
		{xs("month"), xs("killed"), xs("injured")},
		{xs("2025-03"), xs("12a"), xn("910")},
	}}}})
	// A sheet named for what it counts, with a column per month.
	f["ok-months-across.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Killed", rows: [][]xcell{
		{xs("Oblast"), xs("Jan 2025"), xs("Feb 2025"), xs("Mar 2025"), xs("Total")},
		{xs("Kharkivska"), xn("28"), xn("35"), xn("31"), xf("SUM(B2:D2)", "94")},
		{xs("Donetska"), xn("50"), xn("44"), {}, xf("SUM(B3:D3)", "94")},
	}}}})
	// Or a title above the table that says what it counts.
	f["ok-months-across-titled.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Sheet1", merges: []string{"A1:D1"}, rows: [][]xcell{
		{xs("Civilians injured by oblast, first quarter of 2025 (illustrative)"), {}, {}, {}},
		{xs("Oblast"), xs("Jan-25"), xs("Feb-25"), xs("Mar-25")},
		{xs("Kharkivska"), xn("102"), xn("131"), xn("140")},
		{xs("Donetska"), xn("160"), xn("171"), xn("187")},
	}}}})
	// A workbook that opens on a README sheet, as HDX's and analysts' do.
	readme := xlsxSheet{name: "README", rows: [][]xcell{{xs("Civilian casualties in Ukraine, monthly")}, {xs("Source: HRMMU monthly updates")}, {xs("Figures are verified minimums.")}}}
	f["ok-readme-first.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{readme, {name: "Data", rows: goodRows}}})
	f["readme-two-tables.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{readme, {name: "2024", rows: goodRows}, {name: "2025", rows: goodRows}}})
	f["many-entries.xlsx"] = xlsxBytes(t, xlsxSpec{sheets: []xlsxSheet{{name: "Figures", rows: goodRows}}, padEntries: 40})
	return f
}

var goodRows = [][]xcell{
	{xs("month"), xs("killed"), xs("injured")},
	{xs("2025-02"), xn("129"), xn("588")},
	{xs("2025-03"), xn("164"), xn("910")},
}

func enc8(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// utf16Bytes encodes s as UTF-16 little-endian, as Excel's "Unicode text"
// export does (with its byte-order mark when bom is set).
func utf16Bytes(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// oleHeader is the start of an OLE2 compound file, which is what an Excel
// 97-2003 .xls workbook is.
func oleHeader() []byte {
	b := make([]byte, 512)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	return b
}

// fixedTime stamps every zip entry, so the files are byte-identical on
// every run.
var fixedTime = time.Date(2025, 4, 9, 0, 0, 0, 0, time.UTC)

type zipEntry struct {
	name   string
	body   []byte
	stored bool
}

func zipBytes(t *testing.T, entries []zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: fixedTime}
		if e.stored {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsBytes is the skeleton of an OpenDocument spreadsheet.
func odsBytes(t *testing.T) []byte {
	return zipBytes(t, []zipEntry{
		{name: "mimetype", body: []byte("application/vnd.oasis.opendocument.spreadsheet"), stored: true},
		{name: "META-INF/manifest.xml", body: []byte(`<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>`)},
		{name: "content.xml", body: []byte(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Figures"><table:table-row><table:table-cell><text:p>month</text:p></table:table-cell><table:table-cell><text:p>killed</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>2025-03</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="164"><text:p>164</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`)},
	})
}

// xcell is one cell of a hand-made sheet: a string, a number, or a formula
// with its cached value (empty when the file has none).
type xcell struct {
	kind  byte // 's' string, 'n' number, 'f' formula, 0 empty
	text  string
	value string
}

func xs(s string) xcell           { return xcell{kind: 's', text: s} }
func xn(v string) xcell           { return xcell{kind: 'n', value: v} }
func xf(formula, v string) xcell  { return xcell{kind: 'f', text: formula, value: v} }
func colName(i int) string        { return string(rune('A' + i)) }
func cellRef(col, row int) string { return fmt.Sprintf("%s%d", colName(col), row) }
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
func boolAttr(b bool, a string) string {
	if b {
		return a
	}
	return ""
}

type xlsxSheet struct {
	name      string
	hidden    bool
	rows      [][]xcell
	merges    []string
	dimension string // declared used range, "" for none
	cutAfter  int    // cut the sheet XML after this many rows, mid-element (0: whole)
	raw       string // the sheet's XML as given, in place of rows
}

type xlsxSpec struct {
	sheets     []xlsxSheet
	padEntries int // extra zip entries, for the entry-count limit
}

// xlsxBytes writes a minimal workbook by hand rather than with excelize,
// so that it can be broken in ways excelize would never write (a sheet cut
// short, a formula without its cached value) and stays byte-identical.
func xlsxBytes(t *testing.T, spec xlsxSpec) []byte {
	t.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	var types, sheets, rels strings.Builder
	types.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	entries := []zipEntry{}
	for i, s := range spec.sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&sheets, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, xmlEscape(s.name), n, boolAttr(s.hidden, ` state="hidden"`), n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		entries = append(entries, zipEntry{name: fmt.Sprintf("xl/worksheets/sheet%d.xml", n), body: sheetXML(s, ns)})
	}
	types.WriteString(`</Types>`)
	rels.WriteString(`</Relationships>`)
	head := []zipEntry{
		{name: "[Content_Types].xml", body: []byte(types.String())},
		{name: "_rels/.rels", body: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml", body: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<workbook ` + ns + `><sheets>` + sheets.String() + `</sheets></workbook>`)},
		{name: "xl/_rels/workbook.xml.rels", body: []byte(rels.String())},
	}
	entries = append(head, entries...)
	for i := 0; i < spec.padEntries; i++ {
		entries = append(entries, zipEntry{name: fmt.Sprintf("customXml/item%d.xml", i+1), body: []byte(`<?xml version="1.0"?><x/>`)})
	}
	return zipBytes(t, entries)
}

func sheetXML(s xlsxSheet, ns string) []byte {
	if s.raw != "" {
		return []byte(s.raw)
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + ns + `>`)
	if s.dimension != "" {
		fmt.Fprintf(&b, `<dimension ref="%s"/>`, s.dimension)
	}
	b.WriteString(`<sheetData>`)
	for r, cells := range s.rows {
		if s.cutAfter > 0 && r == s.cutAfter {
			b.WriteString(`<row r="` + fmt.Sprint(r+1) + `"><c r="A`) // cut mid-element, as a failed copy leaves it
			return []byte(b.String())
		}
		fmt.Fprintf(&b, `<row r="%d">`, r+1)
		for c, x := range cells {
			ref := cellRef(c, r+1)
			switch x.kind {
			case 's':
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, xmlEscape(x.text))
			case 'n':
				fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, x.value)
			case 'f':
				if x.value == "" {
					fmt.Fprintf(&b, `<c r="%s"><f>%s</f></c>`, ref, xmlEscape(x.text))
				} else {
					fmt.Fprintf(&b, `<c r="%s"><f>%s</f><v>%s</v></c>`, ref, xmlEscape(x.text), x.value)
				}
			}
		}
		b.WriteString(`</row>`)
	}
	if s.cutAfter > 0 {
		// More rows declared than written: the sheet ends early but is
		// well-formed XML, the case excelize reads as fewer rows silently.
		b.WriteString(`</sheetData></worksheet>`)
		return []byte(b.String())
	}
	b.WriteString(`</sheetData>`)
	if len(s.merges) > 0 {
		fmt.Fprintf(&b, `<mergeCells count="%d">`, len(s.merges))
		for _, m := range s.merges {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, m)
		}
		b.WriteString(`</mergeCells>`)
	}
	b.WriteString(`</worksheet>`)
	return []byte(b.String())
}

// zipBomb is a valid-looking workbook whose one sheet expands to size
// bytes of blanks from a few kilobytes: a loader must refuse it from the
// sizes the zip declares, before expanding anything.
func zipBomb(t *testing.T, size int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range []zipEntry{
		{name: "[Content_Types].xml", body: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)},
		{name: "_rels/.rels", body: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml", body: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Figures" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{name: "xl/_rels/workbook.xml.rels", body: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, Modified: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	blank := bytes.Repeat([]byte(" "), 1<<20)
	for n := int64(0); n < size; n += int64(len(blank)) {
		w.Write(blank)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip copies the workbook good but replaces its sheet with one that
// expands to size bytes while the zip declares it a few hundred bytes: a
// loader that trusts the declared sizes must still stop at the real ones.
func lyingZip(t *testing.T, good []byte, size int64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var raw bytes.Buffer
		fw, _ := flate.NewWriter(&raw, flate.BestCompression)
		io.WriteString(fw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		blank := bytes.Repeat([]byte(" "), 1<<20)
		for n := int64(0); n < size; n += int64(len(blank)) {
			fw.Write(blank)
		}
		io.WriteString(fw, `</sheetData></worksheet>`)
		fw.Close()
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: fixedTime,
			CRC32: f.CRC32, CompressedSize64: uint64(raw.Len()), UncompressedSize64: f.UncompressedSize64}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
