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
