package data

import (
	"slices"
	"strings"
	"testing"
)

// realFile is a file shaped as a real tool or person writes it (pandas,
// ACLED, HDX HAPI, an analyst's spreadsheet) and what it must load as, or
// the message it must be refused with.
type realFile struct {
	name  string
	in    string
	want  []fig    // figures, when it loads
	warns []string // warnings, in order, when it loads
	err   string   // the message, when it is refused
}

func checkRealFiles(t *testing.T, cases []realFile) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := Load(strings.NewReader(c.in), "f.csv", LoadOptions{})
			if c.err != "" {
				if err == nil || err.Error() != c.err {
					t.Fatalf("got %v\nwant %s", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkFigs(t, ds, c.want)
			var got []string
			for _, w := range ds.Warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.warns, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.warns, "\n"))
			}
		})
	}
}

// TestPandasCSV: DataFrame.to_csv writes the index first, under no header,
// and a column of counts with a gap as floats (129.0, and an empty cell
// for the NaN). Figures: HRMMU, February and March 2025 (129 and 164
// killed, 588 and 910 injured).
func TestPandasCSV(t *testing.T) {
	checkRealFiles(t, []realFile{
		{name: "index and floats", in: ",month,killed,injured\n0,2025-02,129.0,588.0\n1,2025-03,164.0,\n",
			want: []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-02", "", Injured, 588, Exact}, {"2025-03", "", Killed, 164, Exact}}},
		{name: "index written again", in: "Unnamed: 0,month,killed\n0,2025-02,129.0\n1,2025-03,164.0\n",
			want: []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}}},
		{name: "a fraction stays refused", in: ",month,killed\n0,2025-02,129.5\n",
			err: `f.csv:2:11: column "killed": want a whole number, got "129.5" (a fraction)`},
		// Numbers under no header that are not 0, 1, 2, ... are figures
		// someone forgot to name: listed, not dropped in silence.
		{name: "not an index", in: ",month,killed\n7,2025-02,129\n9,2025-03,164\n",
			want:  []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}},
			warns: []string{"f.csv:1: columns not read: column 1 (no header)"}},
	})
}

// TestDateColumns: a date whose numbers settle the order of day and month
// settles it for its whole column; a column none settles stays refused,
// and so does a date settled the other way. Figures: HRMMU, February to
// April 2025.
func TestDateColumns(t *testing.T) {
	checkRealFiles(t, []realFile{
		{name: "day first, settled by one row", in: "date,killed\n01/02/2025,129\n14/03/2025,164\n01/04/2025,209\n",
			want:  []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}, {"2025-04", "", Killed, 209, Exact}},
			warns: []string{`f.csv:3:1: column "date": dates read day first (DD/MM/YYYY), as "14/03/2025" settles (it cannot be read the other way); 2 other dates of the column follow it`}},
		{name: "month first, settled by one row", in: "date,killed\n02/01/2025,129\n03/31/2025,164\n",
			want:  []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}},
			warns: []string{`f.csv:3:1: column "date": dates read month first (MM/DD/YYYY), as "03/31/2025" settles (it cannot be read the other way); 1 other dates of the column follow it`}},
		{name: "every date settles itself", in: "date,killed\n28/02/2025,129\n31/03/2025,164\n",
			want: []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}}},
		{name: "Excel mmm-yy", in: "Month,Killed\nFeb-25,129\nMar 25,164\n",
			want: []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}}},
		{name: "both orders in one column", in: "date,killed\n31/03/2025,164\n04/30/2025,209\n",
			err: `f.csv:3:1: column "date": want a month such as 2025-03 or March 2025, got "04/30/2025" (month first (MM/DD/YYYY), but the column's other dates are day first (DD/MM/YYYY))`},
		{name: "nothing settles the order", in: "date,killed\n01/02/2025,129\n01/03/2025,164\n",
			err: `f.csv:2:1: column "date": want a month such as 2025-03 or March 2025, got "01/02/2025" (ambiguous: day and month order unknown; write 2025-03)` + "\n" +
				`f.csv:3:1: column "date": want a month such as 2025-03 or March 2025, got "01/03/2025" (ambiguous: day and month order unknown; write 2025-03)`},
	})
}

// TestTableEnd: an analyst's table ends at its first blank row or at a
// row whose first cell is a total or a note; what lies below is named in a
// warning, and refused when it holds more figures. Figures: HRMMU, March
// 2025, two oblasts (Kharkivska 31 killed, 140 injured; Donetska 40, 187:
// illustrative oblast split).
func TestTableEnd(t *testing.T) {
	const head = "Oblast,Month,Killed,Injured\nKharkivska,2025-03,31,140\nDonetska,2025-03,40,187\n"
	two := []fig{{"2025-03", "UA63", Killed, 31, Exact}, {"2025-03", "UA63", Injured, 140, Exact},
		{"2025-03", "UA14", Killed, 40, Exact}, {"2025-03", "UA14", Injured, 187, Exact}}
	checkRealFiles(t, []realFile{
		{name: "total and source", in: head + "Total,,71,327\n\"Source: HRMMU, update of 9 April 2025\",,,\n", want: two,
			warns: []string{`f.csv:4: the table ends at this total row ("Total"), not read: a total repeats the rows above; below it, a row not read: "Source: HRMMU, update of 9 April 2025"`}},
		// A note of one field under a table of four: not a ragged row.
		{name: "note of one field", in: head + "Source: HRMMU\n", want: two,
			warns: []string{`f.csv:4: the table ends at this note ("Source: HRMMU"), not read`}},
		{name: "blank line then notes", in: head + "\nNote: verified figures; the actual numbers are higher\n", want: two,
			warns: []string{`f.csv:4: the table ends at this blank line; below it, a row not read: "Note: verified figures; the actual numbers are higher"`}},
		{name: "Excel's blank row", in: head + ",,,\nВсього,,71,327\n", want: two,
			warns: []string{`f.csv:4: the table ends at this blank line; below it, a row not read: "Всього"`}},
		{name: "figures below a blank line", in: head + "\nZaporizka,2025-03,19,96\n",
			err: `f.csv:5:11: column "Month": the table ends at the blank line on line 4, but rows go on below it (this one holds "2025-03"); make the table one block: remove the blank line`},
		{name: "figures below a total", in: "Month,Killed\n2025-02,129\nTotal,129\n2025-03,164\n",
			err: `f.csv:4:1: column "Month": the table ends at the total row ("Total") on line 3, but rows go on below it (this one holds "2025-03"); make the table one block: move the total and notes below the last figure`},
		// The total is checked against the rows: 31 + 40 = 71, not 75.
		{name: "total the rows do not add up to", in: head + "Total,,75,327\n", want: two,
			warns: []string{`f.csv:4: the table ends at this total row ("Total"), not read: a total repeats the rows above`,
				`f.csv:4:8: column "Killed": the total row says 75, but the rows above add up to 71; is a row missing or extra, or does the total hold figures the rows do not?`}},
		{name: "months-across total row", in: "Oblast,Indicator,Jan 2025,Feb 2025\nKharkivska,killed,28,35\nDonetska,killed,50,44\nTotal,,78,80\n",
			want: []fig{{"2025-01", "UA63", Killed, 28, Exact}, {"2025-02", "UA63", Killed, 35, Exact}, {"2025-01", "UA14", Killed, 50, Exact}, {"2025-02", "UA14", Killed, 44, Exact}},
			warns: []string{`f.csv:4: the table ends at this total row ("Total"), not read: a total repeats the rows above`,
				`f.csv:4:11: column "Feb 2025": the total row says 80, but the rows above add up to 79; is a row missing or extra, or does the total hold figures the rows do not?`}},
		// A line break inside a quoted note is not a blank line.
		{name: "quoted line breaks", in: "month,killed,note\r\n2025-02,129,\"revised\r\n\r\nlater\"\r\n2025-03,164,\n",
			want: []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-03", "", Killed, 164, Exact}}},
		// A dated row named Total is the national figure of its month.
		{name: "a dated total is a figure", in: "area,month,killed\nUA63,2025-03,31\nTotal,2025-03,164\n",
			want: []fig{{"2025-03", "UA63", Killed, 31, Exact}, {"2025-03", "", Killed, 164, Exact}}},
	})
}

// TestWorkbookREADME: HDX and analysts' workbooks often open on a README
// sheet. The sheet that holds a table is read, with a warning; when
// several do, the load is refused naming them. A sheet's table ends at
// its Total row and "Source" line as a text file's does.
func TestWorkbookREADME(t *testing.T) {
	readme := rawSheet{name: "README", body: xsheet("A1:A3", xrow(1, xs("A1", "Civilian casualties in Ukraine")),
		xrow(2, xs("A2", "Source: HRMMU monthly updates")), xrow(3, xs("A3", "Note: figures are verified minimums")))}
	data := func(name string) rawSheet {
		return rawSheet{name: name, body: xsheet("A1:C6",
			xrow(1, xs("A1", "Month"), xs("B1", "Killed"), xs("C1", "Injured")),
			xrow(2, xs("A2", "2025-02"), xn("B2", "129"), xn("C2", "588")),
			xrow(3, xs("A3", "2025-03"), xn("B3", "164"), xn("C3", "910")),
			xrow(4, xs("A4", "Total"), xn("B4", "293"), xn("C4", "1498")),
			xrow(6, xs("A6", "Source: HRMMU, update of 9 April 2025")))}
	}
	ds, err := loadXLSXBytes(rawXLSX(t, readme, data("Data")), "book.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkFigs(t, ds, []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-02", "", Injured, 588, Exact},
		{"2025-03", "", Killed, 164, Exact}, {"2025-03", "", Injured, 910, Exact}})
	want := []string{
		`book.xlsx: sheet "Data": read this sheet: the first sheet, "README", holds no table of figures (choose another with --sheet)`,
		`book.xlsx: sheet "Data" cell A4: the table ends at this total row ("Total"), not read: a total repeats the rows above; below it, a row not read: "Source: HRMMU, update of 9 April 2025"`,
	}
	var got []string
	for _, w := range ds.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, err = loadXLSXBytes(rawXLSX(t, readme, data("2024"), data("2025")), "book.xlsx", LoadOptions{})
	if want := `book.xlsx: the first sheet, "README", holds no table of figures, and 2 sheets do ("2024", "2025"); name one with --sheet`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	ds, err = loadXLSXBytes(rawXLSX(t, readme, data("2024"), data("2025")), "book.xlsx", LoadOptions{Sheet: "2025"})
	if err != nil || len(ds.Obs) != 4 {
		t.Errorf("--sheet 2025: got %v, %v; want its 4 figures", ds, err)
	}
}

// TestCasualtiesColumn: a wide file's casualties column is checked against
// killed + injured on every row and never stored. HRMMU: February 2025
// 129 + 588 = 717, March 164 + 910 = 1,074.
func TestCasualtiesColumn(t *testing.T) {
	checkRealFiles(t, []realFile{
		{name: "agrees", in: "month,killed,injured,casualties\n2025-02,129,588,717\n2025-03,164,910,\"1,074\"\n",
			want: []fig{{"2025-02", "", Killed, 129, Exact}, {"2025-02", "", Injured, 588, Exact}, {"2025-03", "", Killed, 164, Exact}, {"2025-03", "", Injured, 910, Exact}}},
		{name: "Total is casualties", in: "Month,Killed,Injured,Total\n2025-03,164,910,1074\n",
			want: []fig{{"2025-03", "", Killed, 164, Exact}, {"2025-03", "", Injured, 910, Exact}}},
		{name: "disagrees", in: "month,killed,injured,casualties\n2025-02,129,588,717\n2025-03,164,910,1000\n",
			err: `f.csv:3:17: column "casualties": 1000 is not the sum of its parts: 164 + 910 = 1074 (columns "killed" and "injured"); correct one of them`},
		{name: "a part is a gap", in: "month,killed,injured,casualties\n2025-03,164,,1074\n",
			want:  []fig{{"2025-03", "", Killed, 164, Exact}},
			warns: []string{`f.csv:2:14: column "casualties": "1074" not read: injured is empty, so it cannot be checked, and casualty computes casualties from its parts`}},
		{name: "children", in: "month,killed,injured,children_killed,children_injured,children\n2025-03,164,910,5,30,36\n",
			err: `f.csv:2:22: column "children": 36 is not the sum of its parts: 5 + 30 = 35 (columns "children_killed" and "children_injured"); correct one of them`},
	})
}

// TestMonthsAcross: a sheet with a column per month. Figures are
// illustrative oblast counts; each Total is the sum of its row's months
// (28 + 35 + 31 = 94; 100 + 120 + 140 = 360).
func TestMonthsAcross(t *testing.T) {
	checkRealFiles(t, []realFile{
		{name: "metric column and total", in: "Oblast,Indicator,Jan 2025,Feb 2025,Mar 2025,Total\nKharkivska,Killed,28,35,31,94\nKharkivska,Injured,100,120,140,360\n",
			want: []fig{{"2025-01", "UA63", Killed, 28, Exact}, {"2025-02", "UA63", Killed, 35, Exact}, {"2025-03", "UA63", Killed, 31, Exact},
				{"2025-01", "UA63", Injured, 100, Exact}, {"2025-02", "UA63", Injured, 120, Exact}, {"2025-03", "UA63", Injured, 140, Exact}}},
		// A column of metric names under no header; a gap stays a gap.
		{name: "metric names under no header", in: "Oblast,,2025-01,2025-02\nUA63,killed,28,\nUA63,injured,100,120\n",
			want: []fig{{"2025-01", "UA63", Killed, 28, Exact}, {"2025-01", "UA63", Injured, 100, Exact}, {"2025-02", "UA63", Injured, 120, Exact}}},
		{name: "nothing says what is counted", in: "Oblast,Jan 2025,Feb 2025\nKharkivska,28,35\n",
			err: `f.csv:1: the months run across the columns ("Jan 2025", ...), but nothing says what the figures count; add a column "metric" (killed, injured, ...)`},
		{name: "total disagrees", in: "Oblast,Indicator,Jan 2025,Feb 2025,Total\nKharkivska,killed,28,35,64\n",
			err: `f.csv:2:25: column "Total": 64 is not the sum of the row's months ("Jan 2025" to "Feb 2025"): 63; correct one of them`},
		{name: "an oblast twice", in: "Oblast,Indicator,Jan 2025,Feb 2025\nKharkiv,killed,28,35\nХарківська,killed,30,35\n",
			err: `f.csv:3:29: 2025-01 UA63 killed is given twice for unknown publication: 30 here (from Oblast "Харківська") and 28 at f.csv:2:16 (from Oblast "Kharkiv")` + "\n" +
				`f.csv:3:32: 2025-02 UA63 killed is given twice for unknown publication: 35 here (from Oblast "Харківська") and 35 at f.csv:2:19 (from Oblast "Kharkiv")`},
	})
	// In a workbook, a sheet named for a metric says what it counts; the
	// header's months are date cells formatted mmm yyyy (45658 and 45689
	// are Excel's serials of 1 January and 1 February 2025).
	body := xsheet("A1:D2", xrow(1, xs("A1", "Oblast"), xstyled("B1", "45658", styleMonth), xstyled("C1", "45689", styleMonth), xs("D1", "Total")),
		xrow(2, xs("A2", "Kharkivska"), xn("B2", "28"), xn("C2", "35"), xn("D2", "63")))
	ds, err := loadXLSXBytes(rawXLSX(t, rawSheet{name: "Killed", body: body}), "book.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkFigs(t, ds, []fig{{"2025-01", "UA63", Killed, 28, Exact}, {"2025-02", "UA63", Killed, 35, Exact}})
	if want := `book.xlsx: sheet "Killed" cell A1: the figures are read as killed, as the sheet's name says`; len(ds.Warnings) == 0 || ds.Warnings[0].Error() != want {
		t.Errorf("warnings %q, want first %q", ds.Warnings, want)
	}

	// Or a title above the table says it; a title that names a sum, two
	// metrics or a breakdown says nothing this reading takes.
	titled := func(title string) []byte {
		return rawXLSX(t, rawSheet{name: "Sheet1", body: xsheet("A1:C3", xrow(1, xs("A1", title)),
			xrow(2, xs("A2", "Oblast"), xs("B2", "Jan 2025"), xs("C2", "Feb 2025")),
			xrow(3, xs("A3", "Kharkivska"), xn("B3", "28"), xn("C3", "35")))})
	}
	ds, err = loadXLSXBytes(titled("Civilians killed by oblast, 2025"), "book.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkFigs(t, ds, []fig{{"2025-01", "UA63", Killed, 28, Exact}, {"2025-02", "UA63", Killed, 35, Exact}})
	for _, title := range []string{"Civilian casualties by oblast", "Killed and injured", "Children and adults killed by oblast"} {
		_, err := loadXLSXBytes(titled(title), "book.xlsx", LoadOptions{})
		want := `book.xlsx: sheet "Sheet1" cell A2: the months run across the columns ("Jan 2025", ...), but nothing says what the figures count; add a column "metric" (killed, injured, ...), or name the sheet for what it counts ("killed"), or title the table ("Civilians killed")`
		if err == nil || err.Error() != want {
			t.Errorf("title %q: got %v, want %s", title, err, want)
		}
	}
}

// acledMonthly is shaped as ACLED's monthly aggregates on HDX: admin-2
// rows with their admin-1 p-code, the month in two columns. Figures are
// illustrative; Kharkivska's March is 41 + 97 = 138.
const acledMonthly = `Country,Admin1,Admin2,ISO3,Admin2 Pcode,Admin1 Pcode,Month,Year,Events,Fatalities
Ukraine,Kharkivska,Kharkivskyi,UKR,UA6312,UA63,March,2025,212,41
Ukraine,Kharkivska,Kupianskyi,UKR,UA6308,UA63,March,2025,388,97
Ukraine,Donetska,Pokrovskyi,UKR,UA1412,UA14,March,2025,901,455
Ukraine,Kharkivska,Kharkivskyi,UKR,UA6312,UA63,April,2025,198,36
`

// hapiConflict is shaped as HDX HAPI's conflict-event table: one row per
// admin-2 unit and event type, the month as its first and last days.
// Political violence in Kharkivska, March: 41 + 97 = 138; the civilian
// targeting rows (12 + 15 = 27) are a part of it, not added.
const hapiConflict = `location_code,location_name,admin1_code,admin1_name,provider_admin1_name,admin2_code,admin2_name,provider_admin2_name,admin_level,event_type,events,fatalities,reference_period_start,reference_period_end
UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,political_violence,212,41,2025-03-01,2025-03-31
UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,civilian_targeting,80,12,2025-03-01,2025-03-31
UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6312,Kharkivskyi,Kharkivskyi,2,demonstration,3,,2025-03-01,2025-03-31
UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6308,Kupianskyi,Kupianskyi,2,political_violence,388,97,2025-03-01,2025-03-31
UKR,Ukraine,UA63,Kharkivska,Kharkiv,UA6308,Kupianskyi,Kupianskyi,2,civilian_targeting,101,15,2025-03-01,2025-03-31
`

const fatalitiesWarning = `column "Fatalities": read as killed: these are reported fatalities of all actors from event data (ACLED), combatants included, not verified civilian counts`

// TestEventAggregates: ACLED's monthly aggregates and HDX HAPI's
// conflict events load as admin-1 monthly figures, marked as event data.
func TestEventAggregates(t *testing.T) {
	checkRealFiles(t, []realFile{
		{name: "ACLED monthly", in: acledMonthly,
			// Events are read too: Kharkivska, March: 212 + 388 = 600.
			want: []fig{{"2025-03", "UA63", Killed, 138, Exact}, {"2025-03", "UA63", Events, 600, Exact},
				{"2025-03", "UA14", Killed, 455, Exact}, {"2025-03", "UA14", Events, 901, Exact},
				{"2025-04", "UA63", Killed, 36, Exact}, {"2025-04", "UA63", Events, 198, Exact}},
			warns: []string{
				`f.csv:1: columns not read: "Country", "ISO3"`,
				`f.csv:1: ` + fatalitiesWarning,
				`f.csv:1: column "Admin2": rows are admin-2 units: 8 figures summed into 6 admin-1 figures`,
			}},
		{name: "HAPI conflict events", in: hapiConflict,
			// Political violence events: 212 + 388 = 600.
			want: []fig{{"2025-03", "UA63", Killed, 138, Exact}, {"2025-03", "UA63", Events, 600, Exact}},
			warns: []string{
				`f.csv:1: columns not read: "location_code", "location_name", "admin_level"`,
				`f.csv:1: ` + strings.Replace(fatalitiesWarning, "Fatalities", "fatalities", 1),
				`f.csv:1: column "event_type": read the rows of event type "political_violence" only; not added to them, since the types overlap: "civilian_targeting" (2 rows, 27 fatalities), "demonstration" (1 row, 0 fatalities)`,
				`f.csv:1: column "admin2_code": rows are admin-2 units: 4 figures summed into 2 admin-1 figures`,
			}},
		{name: "HAPI period of half a month", in: strings.Replace(hapiConflict, "political_violence,212,41,2025-03-01,2025-03-31", "political_violence,212,41,2025-03-01,2025-03-15", 1),
			err: `f.csv:2:107: column "reference_period_end": the period 2025-03-01 to 2025-03-15 is not one whole month; want 2025-03-01 to 2025-03-31`},
		{name: "HAPI types without political violence", in: strings.ReplaceAll(hapiConflict, "political_violence", "battles"),
			err: `f.csv:1: column "event_type": rows of 3 event types ("battles", "civilian_targeting", "demonstration"), and their fatalities may overlap (civilian targeting is a part of political violence): keep the rows of one type`},
		{name: "admin-1 and admin-2 rows mixed", in: "Month,Year,Admin1 Pcode,Admin2 Pcode,Fatalities\nMarch,2025,UA63,UA6312,41\nMarch,2025,UA63,,138\n",
			err: `f.csv:3:18: 2025-03 UA63 killed: a row for the whole unit (at f.csv:3:18, no "Admin2 Pcode") beside rows of its admin-2 units (at f.csv:2:24); summing them would count twice: keep one level`},
		{name: "admin-2 row without its admin-1", in: "Month,Year,Admin1 Pcode,Admin2 Pcode,Fatalities\nMarch,2025,UA63,UA6312,41\nMarch,2025,,UA6308,97\n",
			err: `f.csv:3:20: Admin2 Pcode "UA6308" has no admin-1 unit on its row; give its admin-1 p-code`},
		{name: "the same admin-2 unit twice", in: "Month,Year,Admin1 Pcode,Admin2 Pcode,Fatalities\nMarch,2025,UA63,UA6312,41\nMarch,2025,UA63,UA6312,40\n",
			err: `f.csv:3:24: 2025-03 UA63 killed of Admin2 Pcode "UA6312" is given twice: 40 here and 41 at f.csv:2:24`},
		{name: "month number and year", in: "month,year,killed\n3,2025,164\n",
			want: []fig{{"2025-03", "", Killed, 164, Exact}}},
		{name: "year disagrees", in: "month,year,killed\nMarch 2024,2025,164\n",
			err: `f.csv:2:1: column "month": "March 2024" is in 2024, but the year column says 2025; correct one of them`},
		{name: "tidy rows by event type", in: "month,area,metric,value,event_type\n2025-03,UA63,killed,41,political_violence\n2025-03,UA63,killed,12,civilian_targeting\n",
			want:  []fig{{"2025-03", "UA63", Killed, 41, Exact}},
			warns: []string{`f.csv:1: column "event_type": read the rows of event type "political_violence" only; not added to them, since the types overlap: "civilian_targeting" (1 row)`}},
		{name: "a year column in a cumulative series", in: "as_of,year,killed\n2024-03-31,2024,10\n2024-04-30,2024,20\n",
			want: []fig{{"2024-04", "", Killed, 10, Exact}},
			warns: []string{`f.csv:1: column "year": not read: a cumulative series is read from its as_of dates and totals`,
				`f.csv:2: UA totals as of 2024-03-31 are the baseline: nothing is derived before them (the file does not say since when they count)`}},
		{name: "HAPI with HXL", in: "location_code,admin1_code,admin2_code,event_type,events,fatalities,reference_period_start,reference_period_end\n" +
			"#country+code,#adm1+code,#adm2+code,#event+type,#event+num,#affected+killed,#date+start,#date+end\n" +
			"UKR,UA63,UA6312,political_violence,212,41,2025-03-01,2025-03-31\n" +
			"UKR,UA63,UA6312,civilian_targeting,80,12,2025-03-01,2025-03-31\n" +
			"UKR,UA63,UA6308,political_violence,388,97,2025-03-01,2025-03-31\n",
			want: []fig{{"2025-03", "UA63", Killed, 138, Exact}},
			warns: []string{`f.csv:2:1: columns not read: "location_code" (#country+code), "events" (#event+num)`,
				`f.csv:1: column "fatalities": read as killed: these are reported fatalities of all actors from event data (ACLED), combatants included, not verified civilian counts`,
				`f.csv:1: column "event_type": read the rows of event type "political_violence" only; not added to them, since the types overlap: "civilian_targeting" (1 row, 12 fatalities)`,
				`f.csv:1: column "admin2_code": rows are admin-2 units: 2 figures summed into 1 admin-1 figure`}},
		// HDX's HXL hashtags for the same shape.
		{name: "ACLED monthly with HXL", in: "Admin1 Pcode,Admin2 Pcode,Month,Year,Fatalities\n#adm1+code,#adm2+code,#date+month,#date+year,#affected+killed\nUA63,UA6312,March,2025,41\nUA63,UA6308,March,2025,97\n",
			want:  []fig{{"2025-03", "UA63", Killed, 138, Exact}},
			warns: []string{`f.csv:1: ` + fatalitiesWarning, `f.csv:1: column "Admin2 Pcode": rows are admin-2 units: 2 figures summed into 1 admin-1 figure`}},
	})
}

// TestSubAreaSumNoted: a figure summed from admin-2 rows says so in its
// note, as a derived figure must, so that a re-read CSV keeps it.
func TestSubAreaSumNoted(t *testing.T) {
	ds, err := Load(strings.NewReader(acledMonthly), "f.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := ParseMonth("2025-03")
	o, ok := ds.Latest().Figure(Key{m, "UA63", Killed})
	if want := "derived: sum of 2 admin-2 units (Kharkivskyi, Kupianskyi)"; !ok || !o.Derived || o.Note != want || o.Value != 138 {
		t.Errorf("got %+v, want 138 (41 + 97), derived, noted %q", o, want)
	}
}

// TestEventAggregatesAreEventData: fatalities from an event table load
// marked as event data (ACLED's source), so renderers never call them a
// mission's civilian counts; a mission's own table is not marked.
func TestEventAggregatesAreEventData(t *testing.T) {
	for _, c := range []struct {
		name, in string
		kind     SourceKind
	}{
		{"ACLED monthly", acledMonthly, KindEvents},
		{"HAPI", hapiConflict, KindEvents},
		{"mission table", "month,area,killed\n2025-03,UA63,31\n", KindUnknown},
	} {
		ds, err := Load(strings.NewReader(c.in), "f.csv", LoadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if ds.Source.Kind != c.kind {
			t.Errorf("%s: source kind %v, want %v", c.name, ds.Source.Kind, c.kind)
		}
	}
}

// TestAggregateOutputReadsBack (issue 19): the tidy file casualty
// aggregate writes loads back with nothing unread: its events column
// becomes figures of the events metric, once per month and area, and the
// data are worded as event data. Rows of one month and area that disagree
// on their events are refused.
func TestAggregateOutputReadsBack(t *testing.T) {
	const out = "month,area,metric,value,qualifier,low,high,covers,published,publication,source,note,events\n" +
		"2025-03,UA63,killed,3,exact,,,,,,acled.csv,sum of 1 event in acled.csv,1\n" +
		"2025-03,UA63,injured,7,exact,,,,,,acled.csv,sum of 1 event in acled.csv,1\n" +
		"2025-04,UA63,killed,2,exact,,,,,,acled.csv,sum of 2 events in acled.csv,2\n"
	ds, err := Load(strings.NewReader(out), "agg.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %v", ds.Warnings)
	}
	var events []int64
	for _, o := range ds.Obs {
		if o.Metric == Events {
			events = append(events, o.Value)
		}
	}
	// March: one events figure (1) for its two rows; April: 2.
	if !slices.Equal(events, []int64{1, 2}) {
		t.Errorf("events figures %v, want [1 2]", events)
	}
	if ds.Source.Kind != KindEvents {
		t.Errorf("source kind %v, want event data", ds.Source.Kind)
	}
	// Row 3, column 73: 8 + 5 + 8 + 2 + 6 + 5 + 10 + 28 characters before it.
	bad := strings.Replace(out, "sum of 1 event in acled.csv,1\n2025-04", "sum of 1 event in acled.csv,5\n2025-04", 1)
	_, err = Load(strings.NewReader(bad), "agg.csv", LoadOptions{})
	if want := `agg.csv:3:73: column "events": 5 events, but an earlier row for 2025-03 in UA63 gives 1`; err == nil || err.Error() != want {
		t.Errorf("disagreeing events: %v\nwant %s", err, want)
	}
}
