package data

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fig is one expected figure: key, value and qualifier.
type fig struct {
	month  string
	area   string
	metric Metric
	value  int64
	q      Qualifier
}

func (f fig) key(t *testing.T) Key {
	t.Helper()
	m, err := ParseMonth(f.month)
	if err != nil {
		t.Fatal(err)
	}
	a := f.area
	if a == "" {
		a = "UA"
	}
	return Key{m, a, f.metric}
}

// checkFigs asserts that ds holds exactly the figures want (latest
// vintage of each key), no more.
func checkFigs(t *testing.T, ds *Dataset, want []fig) {
	t.Helper()
	latest := ds.Latest()
	if len(latest.Obs) != len(want) {
		var got []string
		for _, o := range latest.Obs {
			got = append(got, fmt.Sprintf("%s=%d %s", o.Key(), o.Value, o.Qualifier))
		}
		t.Errorf("got %d figures %v, want %d", len(latest.Obs), got, len(want))
	}
	for _, w := range want {
		k := w.key(t)
		o, ok := latest.Figure(k)
		if !ok {
			t.Errorf("no figure for %s", k)
			continue
		}
		if o.Value != w.value || o.Qualifier != w.q {
			t.Errorf("%s = %d %s, want %d %s", k, o.Value, o.Qualifier, w.value, w.q)
		}
	}
}

// TestAcceptedSpellings loads every spelling of a file, a month and a count
// that analysts' files use, in every text format. The figures are HRMMU's
// for March 2025 (at least 164 killed, 910 injured: update of 9 April 2025)
// unless a case says otherwise.
func TestAcceptedSpellings(t *testing.T) {
	mar := []fig{{"2025-03", "", Killed, 164, Exact}, {"2025-03", "", Injured, 910, Exact}}
	marAtLeast := []fig{{"2025-03", "", Killed, 164, AtLeast}, {"2025-03", "", Injured, 910, AtLeast}}
	cases := []struct {
		name   string
		in     string
		format Format // want
		force  Format
		want   []fig
	}{
		{"tidy", "month,area,metric,value\n2025-03,UA,killed,164\n2025-03,UA,injured,910\n", FormatTidy, "", mar},
		{"wide", "month,killed,injured\n2025-03,164,910\n", FormatWide, "", mar},
		{"BOM", "\uFEFFmonth,killed,injured\n2025-03,164,910\n", FormatWide, "", mar},
		{"CRLF", "month,killed,injured\r\n2025-03,164,910\r\n", FormatWide, "", mar},
		{"BOM CRLF semicolon", "\uFEFFmonth;killed;injured\r\n2025-03;164;910\r\n", FormatWide, "", mar},
		{"tab", "month\tkilled\tinjured\n2025-03\t164\t910\n", FormatWide, "", mar},
		{"blank lines and padding", "\nmonth , killed , injured\n\n 2025-03 , 164 , 910 \n\n", FormatWide, "", mar},
		{"header synonyms", "Period,Deaths,Wounded\n2025-03,164,910\n", FormatWide, "", mar},
		{"header case and spaces", "Month,Children Killed,Killed\n2025-03,12,164\n", FormatWide, "",
			[]fig{{"2025-03", "", Killed, 164, Exact}, {"2025-03", "", ChildrenKilled, 12, Exact}}},
		// Thousands separators: HRMMU's March 2025 casualties, 1,074 (164 + 910).
		{"thousands comma", "month,metric,value\n2025-03,killed,\"1,074\"\n", FormatTidy, "", []fig{{"2025-03", "", Killed, 1074, Exact}}},
		{"thousands space", "month,killed\n2025-03,1 074\n", FormatWide, "", []fig{{"2025-03", "", Killed, 1074, Exact}}},
		{"thousands no-break space", "month,killed\n2025-03,1\u00a0074\n", FormatWide, "", []fig{{"2025-03", "", Killed, 1074, Exact}}},
		{"thousands semicolon file", "month;killed\n2025-03;1,074\n", FormatWide, "", []fig{{"2025-03", "", Killed, 1074, Exact}}},
		{"at least in a cell", "month,killed,injured\n2025-03,at least 164,at least 910\n", FormatWide, "", marAtLeast},
		{"qualifier column", "month,killed,injured,qualifier\n2025-03,164,910,at_least\n", FormatWide, "", marAtLeast},
		{"qualifier words", "month,metric,value,qualifier\n2025-03,killed,164,at least\n2025-03,injured,910,at least\n", FormatTidy, "", marAtLeast},
		{"month 2025-03", "month,killed,injured\n2025-03,164,910\n", FormatWide, "", mar},
		{"month March 2025", "month,killed,injured\nMarch 2025,164,910\n", FormatWide, "", mar},
		{"month Mar 2025", "month,killed,injured\nMar 2025,164,910\n", FormatWide, "", mar},
		{"month 2025-03-01", "month,killed,injured\n2025-03-01,164,910\n", FormatWide, "", mar},
		{"month 2025/03", "month,killed,injured\n2025/03,164,910\n", FormatWide, "", mar},
		{"area p-code", "month,area,killed\n2025-03,UA14,45\n", FormatWide, "", []fig{{"2025-03", "UA14", Killed, 45, Exact}}},
		{"area name", "month,area,killed\n2025-03,Donetska,45\n", FormatWide, "", []fig{{"2025-03", "UA14", Killed, 45, Exact}}},
		{"area ACLED spelling", "month,area,killed\n2025-03,Kyiv City,45\n", FormatWide, "", []fig{{"2025-03", "UA80", Killed, 45, Exact}}},
		{"empty wide cell is a gap", "month,killed,injured\n2025-03,164,\n", FormatWide, "", []fig{{"2025-03", "", Killed, 164, Exact}}},
		{"forced wide", "month,killed,injured\n2025-03,164,910\n", FormatWide, FormatWide, mar},
		// HXL: the hashtag row decides the columns; the header words do not matter.
		{"hxl wide", "Month,Dead,Hurt\n#date,#affected+killed,#affected+injured\n2025-03,164,910\n", FormatHXL, "", mar},
		{"hxl case and attribute order", "When,A,B,C\n#DATE,#Affected +Killed,#affected+INJURED,#affected+Children+killed\n2025-03,164,910,12\n", FormatHXL, "",
			append(mar[:2:2], fig{"2025-03", "", ChildrenKilled, 12, Exact})},
		{"hxl children attribute first", "m,k,ck\n#date,#affected+killed,#affected+children+killed\n2025-03,164,12\n", FormatHXL, "",
			[]fig{{"2025-03", "", Killed, 164, Exact}, {"2025-03", "", ChildrenKilled, 12, Exact}}},
		{"hxl girls as f+children", "m,k,ck,g\n#date,#affected+killed,#affected+killed+children,#affected+killed+children+f\n2025-03,164,12,5\n", FormatHXL, "",
			[]fig{{"2025-03", "", Killed, 164, Exact}, {"2025-03", "", ChildrenKilled, 12, Exact}, {"2025-03", "", GirlsKilled, 5, Exact}}},
		{"hxl area code and name", "Month,Oblast,Pcode,Killed\n#date,#adm1+name,#adm1+code,#affected+killed\n2025-03,Donetsk,UA14,45\n", FormatHXL, "",
			[]fig{{"2025-03", "UA14", Killed, 45, Exact}}},
		{"hxl area name only", "Month,Oblast,Killed\n#date,#adm1+name,#affected+killed\n2025-03,Donetska,45\n", FormatHXL, "",
			[]fig{{"2025-03", "UA14", Killed, 45, Exact}}},
		{"hxl hashtags as the header", "#date,#affected+killed,#affected+injured\n2025-03,164,910\n", FormatHXL, "", mar},
		{"hxl untagged column", "Month,Killed,Comment\n#date,#affected+killed,\n2025-03,164,ok\n", FormatHXL, "", []fig{{"2025-03", "", Killed, 164, Exact}}},
		{"hxl tidy as casualty writes it", strings.Join(TidyHeader, ",") + "\n" + strings.Join(TidyHXL, ",") +
			"\n2025-03,UA,killed,164,at_least,,,,2025-04-09,HRMMU update 2025-04-09,https://ukraine.ohchr.org,\n" +
			"2025-03,UA,injured,910,at_least,,,,2025-04-09,HRMMU update 2025-04-09,https://ukraine.ohchr.org,\n", FormatHXL, "", marAtLeast},
		{"hxl semicolon BOM", "\uFEFFMonth;Killed\r\n#date;#affected+killed\r\n2025-03;164\r\n", FormatHXL, "", []fig{{"2025-03", "", Killed, 164, Exact}}},
		{"hxl forced", "#date,#affected+killed\n2025-03,164\n", FormatHXL, FormatHXL, []fig{{"2025-03", "", Killed, 164, Exact}}},
		// Cumulative: HRMMU totals as of 31 March and 30 April 2024
		// (10,810 and 10,946 killed; 20,556 and 21,154 injured) give April
		// 2024: 10946 - 10810 = 136 killed, 21154 - 20556 = 598 injured.
		{"cumulative", "as_of,killed,injured\n2024-03-31,10810,20556\n2024-04-30,10946,21154\n", FormatCumulative, "",
			[]fig{{"2024-04", "", Killed, 136, Exact}, {"2024-04", "", Injured, 598, Exact}}},
		{"cumulative thousands and at least", "as of;killed\n2024-03-31;at least 10 810\n2024-04-30;at least 10 946\n", FormatCumulative, "",
			[]fig{{"2024-04", "", Killed, 136, AtLeast}}},
		{"cumulative hxl", "Date,Killed\n#date+as_of,#affected+killed\n2024-03-31,10810\n2024-04-30,10946\n", FormatHXL, "",
			[]fig{{"2024-04", "", Killed, 136, Exact}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := Load(strings.NewReader(c.in), "in.csv", LoadOptions{Format: c.force})
			if err != nil {
				t.Fatal(err)
			}
			if ds.Format != c.format {
				t.Errorf("format %q, want %q", ds.Format, c.format)
			}
			checkFigs(t, ds, c.want)
		})
	}
}

// TestPositions: every figure remembers its file, line and column (or
// sheet and cell) and the text it was read from.
func TestPositions(t *testing.T) {
	in := "\uFEFFmonth;killed;injured\r\n\r\nMarch 2025;at least 164;910\r\n"
	ds, err := Load(strings.NewReader(in), "f.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := ds.Figure(Key{NewMonth(2025, time.March), "UA", Killed})
	if got := o.Pos.String(); got != "f.csv:3:12" {
		t.Errorf("pos %s, want f.csv:3:12 (line 3, after \"March 2025;\")", got)
	}
	if o.Text != "at least 164" {
		t.Errorf("text %q, want the cell as written", o.Text)
	}
	// In an HXL file the hashtag row is line 2, the data line 3.
	ds, err = Load(strings.NewReader("Month,Killed\n#date,#affected+killed\n2025-03,164\n"), "h.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Obs[0].Pos.String(); got != "h.csv:3:9" {
		t.Errorf("pos %s, want h.csv:3:9", got)
	}
}

// TestHXLRoundTrip reads back what `casualty data --format hxl` writes:
// the embedded dataset, every vintage, figure for figure.
func TestHXLRoundTrip(t *testing.T) {
	orig := Default()
	var buf bytes.Buffer
	if err := WriteTidyCSV(&buf, orig.Obs, true); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf, "hrmmu-hxl.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Format != FormatHXL {
		t.Errorf("format %q, want hxl", back.Format)
	}
	if len(back.Obs) != len(orig.Obs) {
		t.Fatalf("read back %d figures, wrote %d", len(back.Obs), len(orig.Obs))
	}
	for i, o := range orig.Obs {
		b := back.Obs[i]
		o.Pos, b.Pos, o.Text, b.Text = Pos{}, Pos{}, "", ""
		o.ByDeclaration = false // the file carries the qualifier, not why it is "at least"
		if fmt.Sprint(o) != fmt.Sprint(b) {
			t.Errorf("figure %d:\n wrote %+v\n  read %+v", i, o, b)
		}
	}
}

// TestCumulative: which differences become figures, over which days, with
// what note, and what is left out with a warning. Totals are HRMMU's (see
// testdata/cumulative.csv for their sources) or small made-up numbers
// where a case needs a shape the record does not have.
func TestCumulative(t *testing.T) {
	type want struct {
		month, covers string
		metric        Metric
		value         int64
		q             Qualifier
		note          string
	}
	cases := []struct {
		name     string
		in       string
		want     []want
		warnings []string
	}{
		{
			// 31 March, 30 April, 31 May 2024: two whole months.
			// April: 10946 - 10810 = 136; May: 11126 - 10946 = 180.
			name: "month ends",
			in:   "as_of,killed\n2024-03-31,10810\n2024-04-30,10946\n2024-05-31,11126\n",
			want: []want{
				{"2024-04", "", Killed, 136, Exact, "derived: cumulative killed 10946 as of 2024-04-30 (c.csv:3) minus 10810 as of 2024-03-31 (c.csv:2)"},
				{"2024-05", "", Killed, 180, Exact, "derived: cumulative killed 11126 as of 2024-05-31 (c.csv:4) minus 10946 as of 2024-04-30 (c.csv:3)"},
			},
			warnings: []string{"c.csv:2: UA totals as of 2024-03-31 are the baseline: nothing is derived before them (the file does not say since when they count)"},
		},
		{
			// End of January to 15 February 2024 is 1-15 February:
			// 10582 - 10191 = 391 (10,191 is a made-up January total).
			name:     "month to date",
			in:       "as_of,killed\n2024-01-31,10191\n2024-02-15,10582\n",
			want:     []want{{"2024-02", "1-15 Feb 2024", Killed, 391, Exact, "derived: cumulative killed 10582 as of 2024-02-15 (c.csv:3) minus 10191 as of 2024-01-31 (c.csv:2)"}},
			warnings: []string{"c.csv:2: UA totals as of 2024-01-31 are the baseline: nothing is derived before them (the file does not say since when they count)"},
		},
		{
			// Cut-offs on 10, 17 and 24 April: one figure for 11-24
			// April, 130 - 100 = 30; the week between is not a figure of
			// its own.
			name:     "inside one month",
			in:       "as_of,killed\n2025-04-10,100\n2025-04-17,110\n2025-04-24,130\n",
			want:     []want{{"2025-04", "11-24 Apr 2025", Killed, 30, Exact, "derived: cumulative killed 130 as of 2025-04-24 (c.csv:4) minus 100 as of 2025-04-10 (c.csv:2)"}},
			warnings: []string{"c.csv:2: UA totals as of 2025-04-10 are the baseline: nothing is derived before them (the file does not say since when they count)"},
		},
		{
			// 15 February to 31 March 2024 crosses the end of February
			// with no cut-off there: nothing is derived (228 = 10810 -
			// 10582 is not split), then April is whole.
			name: "across a month end",
			in:   "as_of,killed\n2024-02-15,10582\n2024-03-31,10810\n2024-04-30,10946\n",
			want: []want{{"2024-04", "", Killed, 136, Exact, "derived: cumulative killed 10946 as of 2024-04-30 (c.csv:4) minus 10810 as of 2024-03-31 (c.csv:3)"}},
			warnings: []string{
				"c.csv:2: UA totals as of 2024-02-15 are the baseline: nothing is derived before them (the file does not say since when they count)",
				"c.csv:3:12: UA killed rose by 228 from 2024-02-15 (c.csv:2) to 2024-03-31 with no cut-off at a month's end between them; the rise is not split between months (left as a gap)",
			},
		},
		{
			// Rows in any order; blank cells are totals not given; the
			// qualifier is carried (at least if either total is); the
			// later row's publication and source go with the figure.
			name: "order, blanks, qualifiers, publications",
			in: "as_of,killed,children_killed,published,source\n" +
				"2024-06-30,11284,622,2024-07-11,s2\n2024-05-31,at least 11126,,2024-06-07,s1\n2024-04-30,10946,600,2024-05-10,s0\n",
			want: []want{
				{"2024-05", "", Killed, 180, AtLeast, "derived: cumulative killed 11126 as of 2024-05-31 (c.csv:3) minus 10946 as of 2024-04-30 (c.csv:4)"},
				{"2024-06", "", Killed, 158, AtLeast, "derived: cumulative killed 11284 as of 2024-06-30 (c.csv:2) minus 11126 as of 2024-05-31 (c.csv:3)"},
			},
			warnings: []string{
				"c.csv:4: UA totals as of 2024-04-30 are the baseline: nothing is derived before them (the file does not say since when they count)",
				"c.csv:2:18: UA children_killed rose by 22 from 2024-04-30 (c.csv:4) to 2024-06-30 with no cut-off at a month's end between them; the rise is not split between months (left as a gap)",
			},
		},
		{
			// Areas are separate series.
			name: "areas",
			in:   "as_of,area,killed\n2025-01-31,UA14,10\n2025-01-31,UA63,5\n2025-02-28,UA14,25\n2025-02-28,UA63,5\n",
			want: []want{
				{"2025-02", "", Killed, 15, Exact, "derived: cumulative killed 25 as of 2025-02-28 (c.csv:4) minus 10 as of 2025-01-31 (c.csv:2)"},
				{"2025-02", "", Killed, 0, Exact, "derived: cumulative killed 5 as of 2025-02-28 (c.csv:5) minus 5 as of 2025-01-31 (c.csv:3)"},
			},
			warnings: []string{
				"c.csv:2: UA14 totals as of 2025-01-31 are the baseline: nothing is derived before them (the file does not say since when they count)",
				"c.csv:3: UA63 totals as of 2025-01-31 are the baseline: nothing is derived before them (the file does not say since when they count)",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := Load(strings.NewReader(c.in), "c.csv", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if ds.Format != FormatCumulative {
				t.Errorf("format %q", ds.Format)
			}
			if len(ds.Obs) != len(c.want) {
				t.Fatalf("got %d figures, want %d", len(ds.Obs), len(c.want))
			}
			for i, w := range c.want {
				o := ds.Obs[i]
				if o.Month.String() != w.month || o.Covers() != w.covers || o.Metric != w.metric || o.Value != w.value || o.Qualifier != w.q || o.Note != w.note || !o.Derived {
					t.Errorf("figure %d: got %s %q %s %d %s derived=%v %q\nwant %s %q %s %d %s derived %q",
						i, o.Month, o.Covers(), o.Metric, o.Value, o.Qualifier, o.Derived, o.Note, w.month, w.covers, w.metric, w.value, w.q, w.note)
				}
			}
			var got []string
			for _, w := range ds.Warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.warnings, "\n") {
				t.Errorf("warnings\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(c.warnings, "\n      "))
			}
		})
	}
	// The later row's publication dates the figure; sources and notes of
	// both rows travel with it.
	ds, _ := Load(strings.NewReader("as_of,killed,published,source,note\n2024-05-31,11126,2024-06-07,s1,n1\n2024-06-30,11284,2024-07-11,s2,n2\n"), "c.csv", LoadOptions{})
	if o := ds.Obs[0]; o.Published.Date.String() != "2024-07-11" || o.Source != "s2; s1" ||
		o.Note != "derived: cumulative killed 11284 as of 2024-06-30 (c.csv:3) minus 11126 as of 2024-05-31 (c.csv:2); n2; n1" {
		t.Errorf("published %s source %q note %q, want 2024-07-11, \"s2; s1\" and both notes", o.Published.Date, o.Source, o.Note)
	}
}

// TestLoadErrors gives the exact text of every message a bad text file
// earns. Each names the file, line (and column), the column's header, what
// was wanted and what was found.
func TestLoadErrors(t *testing.T) {
	many := "month,killed\n"
	for i := 0; i < 23; i++ {
		many += fmt.Sprintf("2025-%02d,-%d\n", i%12+1, i+1)
	}
	cases := []struct {
		name string
		in   string
		opt  LoadOptions
		want string
	}{
		{"empty file", "", LoadOptions{}, "f.csv: the file is empty; want a header row and rows of figures"},
		{"blank lines only", "\n\n \n", LoadOptions{}, "f.csv: the file is empty; want a header row and rows of figures"},
		{"header alone", "month,killed,injured\n", LoadOptions{}, "f.csv: no figures: the file has a header but no rows of figures"},
		{"no recognisable columns", "when,how many\n2025-03,164\n", LoadOptions{},
			`f.csv:1: no recognisable columns; want month,area,metric,value (tidy), month,killed,injured (wide) or as_of,killed,injured (cumulative), got "when,how many"`},
		{"ambiguous date", "month,killed\n03/04/2025,164\n", LoadOptions{},
			`f.csv:2:1: column "month": want a month such as 2025-03 or March 2025, got "03/04/2025" (ambiguous: day and month order unknown; write 2025-03)`},
		{"duplicate", "month,metric,value\n2025-03,killed,164\n2025-03,injured,910\n2025-03,killed,165\n", LoadOptions{},
			"f.csv:4:16: 2025-03 UA killed is given twice for unknown publication: 165 here and 164 at f.csv:2:16"},
		{"duplicate with publication", "month,killed,published\n2025-03,164,2025-04-09\n2025-03,164,2025-04-09\n", LoadOptions{},
			"f.csv:3:9: 2025-03 UA killed is given twice for published 9 April 2025: 164 here and 164 at f.csv:2:9"},
		{"negative", "month,killed\n2025-03,-164\n", LoadOptions{},
			`f.csv:2:9: column "killed": want a non-negative whole number, got "-164"`},
		{"fractional", "month,killed\n2025-03,164.5\n", LoadOptions{},
			`f.csv:2:9: column "killed": want a whole number, got "164.5" (a fraction)`},
		{"decimal comma", "month;killed\n2025-03;164,5\n", LoadOptions{},
			`f.csv:2:9: column "killed": want a whole number, got "164,5" (a decimal comma? counts are whole)`},
		{"breakdown above total", "month,killed,children_killed\n2025-03,164,200\n", LoadOptions{},
			"f.csv:2:13: children_killed (200) is above killed (164 at f.csv:2:9) for 2025-03 UA"},
		{"month after publication", "month,killed,published\n2025-05,164,2025-04-09\n", LoadOptions{},
			"f.csv:2:9: figure for May 2025 is dated by a publication of 2025-04-09, before the month began"},
		{"unknown area", "month,area,killed\n2025-03,Donetsc,45\n", LoadOptions{},
			`f.csv:2:9: column "area": unknown area "Donetsc"; did you mean UA14 (Donetska)?`},
		{"iso code for p-code", "month,area,killed\n2025-03,UA-30,45\n", LoadOptions{},
			`f.csv:2:9: column "area": "UA-30" is the ISO 3166-2 code of Kyiv; write its p-code UA80`},
		{"unknown metric", "month,metric,value\n2025-03,kiled,164\n", LoadOptions{},
			`f.csv:2:9: column "metric": unknown metric "kiled"; did you mean killed?`},
		{"derived metric", "month,metric,value\n2025-03,casualties,1074\n", LoadOptions{},
			`f.csv:2:9: column "metric": casualties is computed from its parts (killed + injured); give the parts`},
		// A figure column is never dropped for a typo or a repeat.
		{"misspelt metric column", "month,killed,injurd\n2025-03,164,910\n", LoadOptions{},
			`f.csv:1: column "injurd": not a column casualty knows; did you mean "injured"? Rename it, or remove the column`},
		{"duplicate column", "month,killed,Killed\n2025-03,164,170\n", LoadOptions{},
			`f.csv:1: column "Killed": column 3 gives killed again, as column 2 ("killed") does; keep one of them`},
		{"duplicate synonym column", "month,killed,deaths\n2025-03,164,170\n", LoadOptions{},
			`f.csv:1: column "deaths": column 3 gives killed again, as column 2 ("killed") does; keep one of them`},
		{"ragged row", "month,killed\n2025-03,164,12\n", LoadOptions{}, "f.csv:2: want 2 fields as in the header, got 3"},
		{"errors capped", many, LoadOptions{}, cappedWant()},
		{"errors capped lower", many, LoadOptions{MaxErrors: 2},
			"f.csv:2:9: column \"killed\": want a non-negative whole number, got \"-1\"\n" +
				"f.csv:3:9: column \"killed\": want a non-negative whole number, got \"-2\"\n" +
				"... and 21 more errors (raise LoadOptions.MaxErrors)"},
		{"forced hxl without hashtags", "month,killed\n2025-03,164\n", LoadOptions{Format: FormatHXL},
			"f.csv:1: want an HXL hashtag row (#date, #affected+killed, ...) under the header, found none"},
		// HXL.
		{"hxl casualties", "m,c\n#date,#affected+killed+injured\n2025-03,1074\n", LoadOptions{},
			`f.csv:2:7: column "c": #affected+killed+injured counts killed and injured together (casualties), which casualty computes from its parts; tag a column #affected+killed and one #affected+injured`},
		{"hxl sex without age", "m,k,w\n#date,#affected+killed,#affected+killed+f\n2025-03,164,40\n", LoadOptions{},
			`f.csv:2:24: column "w": #affected+killed+f gives a sex without +adults or +children; casualty counts women and girls (men and boys) apart, so add +adults or +children`},
		{"hxl duplicate column", "m,k,k2\n#date,#affected+killed,#affected+dead\n2025-03,164,164\n", LoadOptions{},
			`f.csv:2:24: column "k2": #affected+dead tags a second killed column; "k" (#affected+killed) is one already`},
		{"hxl bad tag", "m,k\n#date,#affected+killed+\n2025-03,164\n", LoadOptions{},
			`f.csv:2:7: column "k": want HXL attributes written +name, got "#affected+killed+"`},
		{"hxl no figures", "m,a\n#date,#adm1+code\n2025-03,UA14\n", LoadOptions{},
			`f.csv:2:1: the HXL hashtags name no figures; want #date with #indicator+type and #affected+num (tidy), #date with #affected+killed and #affected+injured (wide), or #date+as_of with totals (cumulative), got "#date,#adm1+code"`},
		{"hxl name disagrees with code", "Month,Oblast,Pcode,Killed\n#date,#adm1+name,#adm1+code,#affected+killed\n2025-03,Kharkivska,UA14,45\n", LoadOptions{},
			`f.csv:3:9: column "Oblast": "Kharkivska" is UA63 (Kharkivska), but the p-code column "Pcode" says UA14 (Donetska); correct one of them`},
		{"hxl bad hashtag", "m,k\n#date,#1killed\n2025-03,164\n", LoadOptions{},
			`f.csv:2:7: column "k": want an HXL hashtag such as #affected+killed, got "#1killed"`},
		{"hxl neither killed nor injured", "m,k\n#date,#affected+children\n2025-03,164\n", LoadOptions{},
			`f.csv:2:7: column "k": #affected+children says neither +killed nor +injured; tag the column #affected+killed or #affected+injured`},
		{"hxl children and adults", "m,k\n#date,#affected+killed+children+adults\n2025-03,164\n", LoadOptions{},
			`f.csv:2:7: column "k": #affected+killed+children+adults is tagged both +children and +adults; tag each group's column apart`},
		{"hxl f and m", "m,k\n#date,#affected+killed+adults+f+m\n2025-03,164\n", LoadOptions{},
			`f.csv:2:7: column "k": #affected+killed+adults+f+m is tagged both +f and +m; tag each sex's column apart`},
		{"hxl tidy duplicate value", "m,i,v,n\n#date,#indicator+type,#affected+num,#value\n2025-03,killed,164,164\n", LoadOptions{},
			`f.csv:2:37: column "n": #value tags a second value column; "v" (#affected+num) is one already`},
		{"hxl bad value", "Month,Killed\n#date,#affected+killed\n2025-03,lots\n", LoadOptions{},
			`f.csv:3:9: column "Killed": want a whole number, got "lots"`},
		// Cumulative.
		{"cumulative falls", "as_of,killed\n2024-03-31,10810\n2024-04-30,10800\n", LoadOptions{},
			"f.csv:3:12: cumulative killed falls from 10810 as of 2024-03-31 (f.csv:2:12) to 10800 as of 2024-04-30; a total since a start date cannot fall: check both rows (a typo, or a series restarted?)"},
		{"cumulative same date twice", "as_of,killed\n2022-03-04,351\n2022-03-04,331\n", LoadOptions{},
			"f.csv:3: UA 2022-03-04 is given twice, here and at f.csv:2; a cumulative series has one total per cut-off (put other sources in another file)"},
		{"cumulative range", "as_of,killed\n2024-03-31,10800-10900\n", LoadOptions{},
			`f.csv:2:12: column "killed": want one total, got the range "10800-10900"; a range cannot be differenced`},
		{"cumulative date", "as_of,killed\n31/03/2024,10810\n", LoadOptions{},
			`f.csv:2:1: column "as_of": want a date written YYYY-MM-DD, got "31/03/2024"`},
		{"cumulative published before cut-off", "as_of,killed,published\n2024-03-31,10810,2024-03-01\n", LoadOptions{},
			`f.csv:2:18: column "published": want a publication date on or after the cut-off 2024-03-31, got 2024-03-01`},
		{"cumulative children above total", "as_of,killed,children_killed\n2024-03-31,100,120\n", LoadOptions{},
			"f.csv:2:16: children_killed total (120) is above killed total (100 at f.csv:2:12) as of 2024-03-31"},
		{"cumulative header alone", "as_of,killed\n", LoadOptions{},
			"f.csv: no figures: the file has a header but no rows of totals"},
		{"cumulative forced without as_of", "month,killed\n2025-03,164\n", LoadOptions{Format: FormatCumulative},
			`f.csv:1: want an "as_of" column (the cut-off date of each total) in a cumulative file, got "month,killed"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(c.in), "f.csv", c.opt)
			if err == nil {
				t.Fatalf("loaded; want error\n%s", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("error\n got: %s\nwant: %s", err, c.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %T is not an *InputError", err)
			}
		})
	}
}

// cappedWant: 23 bad rows, 20 listed, "3 more" counted.
func cappedWant() string {
	var lines []string
	for i := 0; i < 20; i++ {
		lines = append(lines, fmt.Sprintf("f.csv:%d:9: column \"killed\": want a non-negative whole number, got \"-%d\"", i+2, i+1))
	}
	lines = append(lines, "... and 3 more errors (raise LoadOptions.MaxErrors)")
	return strings.Join(lines, "\n")
}

// TestLoadWarnings: what loads with a warning, and its exact text.
func TestLoadWarnings(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"gap", "month,killed\n2025-01,10\n2025-03,12\n", []string{"UA killed: no figure for 2025-02 (left as a gap, not zero)"}},
		// A column of figures under a name casualty does not know is not
		// dropped in silence.
		{"unknown column", "month,killed,Injured civilians\n2025-03,164,910\n",
			[]string{`f.csv:1: columns not read: "Injured civilians"`}},
		{"cells under no header", "month,,killed\n2025-03,910,164\n",
			[]string{`f.csv:1: columns not read: column 2 (no header)`}},
		{"hxl unread columns", "Month,Killed,Org\n#date,#affected+killed,#org\n2025-03,164,HRMMU\n",
			[]string{`f.csv:2:1: columns not read: "Org" (#org)`}},
		{"hxl unknown attribute", "Month,Killed\n#date,#affected+killed+military\n2025-03,164\n",
			[]string{`f.csv:2:7: column "Killed": HXL attribute +military not understood; read as killed`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := Load(strings.NewReader(c.in), "f.csv", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range ds.Warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("warnings\n got: %q\nwant: %q", got, c.want)
			}
		})
	}
}
