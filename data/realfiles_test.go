package data

import (
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
