package events

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

var update = flag.Bool("update", false, "rewrite golden files")

func aggregateString(t *testing.T, in string, opt Options) (*Result, error) {
	t.Helper()
	return Aggregate(context.Background(), strings.NewReader(in), "ev.csv", opt)
}

// checkSums compares an aggregation with the sums the generator counted
// as it wrote the file: every expected (month, area) is in the cells with
// the same events, killed and injured, and every other cell is zero.
func checkSums(t *testing.T, res *Result, want map[genKey]genSums) {
	t.Helper()
	seen := map[genKey]bool{}
	for _, c := range res.Cells {
		k := genKey{c.Month, c.Area}
		if seen[k] {
			t.Fatalf("cell %v twice", k)
		}
		seen[k] = true
		w := want[k] // zero when the generator wrote no event there
		if c.Events != w.events || c.Killed != w.killed || c.Injured != w.injured {
			t.Errorf("%s %s: got events=%d killed=%d injured=%d, want %d %d %d",
				c.Month, c.Area, c.Events, c.Killed, c.Injured, w.events, w.killed, w.injured)
		}
	}
	var events int64
	for k, w := range want {
		events += w.events
		if !seen[k] && w.events > 0 {
			t.Errorf("%s %s: missing, want %+v", k.month, k.area, w)
		}
	}
	if res.Events != events {
		t.Errorf("Events = %d, want %d", res.Events, events)
	}
}

// TestAggregateMatchesIndependentCount aggregates generated files, with
// chunk boundaries falling everywhere (chunks of 64 bytes cut through
// quoted notes with line breaks), and checks every cell against the sums
// the generator kept while writing.
func TestAggregateMatchesIndependentCount(t *testing.T) {
	files := []genOptions{
		{rows: 3000, seed: 1},
		{rows: 3000, seed: 2, crlf: true, quotes: true, words: true},
		{rows: 3000, seed: 3, plain: true}, // read in parallel ranges
	}
	runs := []struct{ chunk, workers int }{{0, 0}, {64, 3}, {257, 2}, {4096, 1}}
	for _, g := range files {
		file, all, notProtests := genEvents(g)
		// The generated file is valid CSV: encoding/csv reads every row.
		recs, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
		if err != nil || len(recs) != g.rows+1 {
			t.Fatalf("generator: %d records, %v", len(recs), err)
		}
		for _, r := range runs {
			opt := Options{ChunkSize: r.chunk, Workers: r.workers}
			res, err := Aggregate(context.Background(), bytes.NewReader(file), "gen.csv", opt)
			if err != nil {
				t.Fatalf("%+v chunk %d: %v", g, r.chunk, err)
			}
			checkSums(t, res, all)
			if res.Rows != int64(g.rows) || res.Skipped != 0 || !res.HasInjured {
				t.Errorf("rows %d skipped %d injured %v", res.Rows, res.Skipped, res.HasInjured)
			}
			opt.Where = []Filter{{"event_type", []string{"Battles", "Explosions/Remote violence"}}, {"EVENT_TYPE", []string{"Violence against civilians"}}}
			res, err = Aggregate(context.Background(), bytes.NewReader(file), "gen.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			checkSums(t, res, notProtests)
			if res.Filtered+res.Events != int64(g.rows) {
				t.Errorf("filtered %d + events %d != %d rows", res.Filtered, res.Events, g.rows)
			}
		}
	}
}

func TestMonthOf(t *testing.T) {
	cases := []struct {
		in   string
		want data.Month // zero: an error containing err
		err  string
	}{
		{in: "2025-03-14", want: data.NewMonth(2025, 3)},
		{in: "2024-02-29", want: data.NewMonth(2024, 2)}, // leap year
		{in: "2025-03-14T00:00:00Z", want: data.NewMonth(2025, 3)},
		{in: "2025-03-14 13:45", want: data.NewMonth(2025, 3)},
		{in: "14 March 2025", want: data.NewMonth(2025, 3)}, // ACLED's older exports
		{in: "14-March-2025", want: data.NewMonth(2025, 3)},
		{in: "4 Mar 2025", want: data.NewMonth(2025, 3)},
		{in: "1 Sept 2023", want: data.NewMonth(2023, 9)},
		{in: "March 14, 2025", want: data.NewMonth(2025, 3)},
		{in: " 14 march 2025 ", want: data.NewMonth(2025, 3)},
		{in: "2025-02-29", err: "February 2025 has no day 29"},
		{in: "1900-02-29", err: "February 1900 has no day 29"}, // not a leap year
		{in: "2025-13-01", err: "month 13 does not exist"},
		{in: "14/03/2025", err: "day and month order unknown"},
		{in: "03/14/2025", err: "day and month order unknown"},
		{in: "31 February 2025", err: "February 2025 has no day 31"},
		{in: "1850-01-01", err: "between 1900 and 2199"},
		{in: "", err: "empty cell"},
		{in: "soon", err: `got "soon"`},
		{in: "2025-03", err: `got "2025-03"`}, // a month is not an event date
		{in: "2025-03-14x", err: `got "2025-03-14x"`},
	}
	for _, c := range cases {
		var dc dateCache
		for range 2 { // the second time through the cache
			idx, err := dc.month([]byte(c.in))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("%q: got %v, want an error with %q", c.in, err, c.err)
				}
				continue
			}
			if err != nil || data.MonthFromIndex(idx) != c.want {
				t.Errorf("%q: got %v %v, want %v", c.in, data.MonthFromIndex(idx), err, c.want)
			}
		}
	}
	// The cache must not accept a day the month lacks.
	var dc dateCache
	if _, err := dc.month([]byte("2025-02-28")); err != nil {
		t.Fatal(err)
	}
	if _, err := dc.month([]byte("2025-02-29")); err == nil {
		t.Error("2025-02-29 accepted through the cache")
	}
}

const badInput = "event_date,admin1,fatalities,injured\n" +
	"2025-03-14,Donetsk,3,1\n" + // line 2: fine
	"2025-02-30,Donetsk,1,0\n" + // line 3: no such day
	"2025-03-15,Kyiv Cty,2,0\n" + // line 4: unknown area
	"2025-03-16,Kharkiv,x,0\n" + // line 5: not a number
	"2025-03-17,Kharkiv,1\n" + // line 6: a field short
	"2025-03-18,Kharkiv,1,\"2\"x\n" + // line 7: text after a closing quote
	"\n" + // line 8: blank, not a row
	",,,\n" + // line 9: empty cells, not a row
	"2025-03-19,Kyiv Cty,-1,0\n" // line 10: unknown area and a negative count

func TestBadRowsAreLocated(t *testing.T) {
	_, err := aggregateString(t, badInput, Options{})
	var list *data.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an error list", err)
	}
	want := `ev.csv: column "admin1": 2 rows name no admin-1 area of Ukraine (1 different names); the most frequent:
  "Kyiv Cty": 2 rows, first at line 4: unknown area "Kyiv Cty"; did you mean UA80 (Kyiv)?
ev.csv:3:1: column "event_date": want an event date such as 2025-03-14, got "2025-02-30" (February 2025 has no day 30)
ev.csv:5:20: column "fatalities": want a whole number of people, got "x"
ev.csv:6: want 4 fields as in the header, got 3
ev.csv:7:22: column "injured": text after the closing quote of a field; double a quote inside a quoted field ("")
ev.csv:10:21: column "fatalities": want a whole number of people (0 or more), got "-1"`
	if err.Error() != want {
		t.Errorf("got\n%v\nwant\n%v", err, want)
	}
}

func TestSkipBadCountsInNotes(t *testing.T) {
	res, err := aggregateString(t, badInput, Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	// 8 rows (lines 2-7 and 10; 8 and 9 are blank), 1 counted, 6 skipped.
	if res.Rows != 7 || res.Events != 1 || res.Skipped != 6 {
		t.Errorf("rows %d events %d skipped %d, want 7 1 6", res.Rows, res.Events, res.Skipped)
	}
	if len(res.Warnings) != 7 || !strings.Contains(res.Warnings[0].Error(), "6 bad rows skipped") {
		t.Errorf("warnings %q", res.Warnings)
	}
	obs := res.Observations(data.Publication{})
	if len(obs) != 2 || obs[0].Value != 3 || obs[1].Value != 1 {
		t.Fatalf("figures %+v", obs)
	}
	if want := "sum of 1 event in ev.csv; 6 bad rows skipped (--skip-bad)"; obs[0].Note != want {
		t.Errorf("note %q, want %q", obs[0].Note, want)
	}
}

func TestErrorsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("event_date,admin1,fatalities\n")
	for range 50 {
		b.WriteString("2025-03-14,Donetsk,many\n")
	}
	_, err := aggregateString(t, b.String(), Options{MaxErrors: 3, ChunkSize: 64, Workers: 3})
	if err == nil {
		t.Fatal("no error")
	}
	res, err2 := aggregateString(t, b.String()+"2025-03-14,Donetsk,1\n", Options{MaxErrors: 3, SkipBad: true})
	if err2 != nil || res.Skipped != 50 || len(res.Warnings) != 5 || res.Warnings[4].Error() != "ev.csv: ... and 47 more bad rows (raise LoadOptions.MaxErrors)" {
		t.Errorf("--skip-bad: %v, %+v", err2, res)
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		`ev.csv:2:20: column "fatalities": want a whole number of people, got "many"`,
		`ev.csv:3:20: column "fatalities": want a whole number of people, got "many"`,
		`ev.csv:4:20: column "fatalities": want a whole number of people, got "many"`,
		`... and 47 more errors (raise LoadOptions.MaxErrors)`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%v", err)
	}
}

func TestHeaderAndColumns(t *testing.T) {
	cases := []struct {
		name, in string
		opt      Options
		err      string // "" for success
		injured  bool
	}{
		{name: "ACLED has no injured column", in: "event_date,admin1,fatalities\n2025-03-14,Donetsk,1\n"},
		{name: "injured found", in: "event_date,admin1,fatalities,injured\n2025-03-14,Donetsk,1,2\n", injured: true},
		{name: "header case and BOM", in: "\xEF\xBB\xBFEvent_Date, ADMIN1 ,Fatalities\n2025-03-14,Donetsk,1\n"},
		{name: "quoted header", in: "\"event_date\",\"admin1\",\"fatalities\"\r\n2025-03-14,Donetsk,1\r\n"},
		{name: "other names", in: "date,oblast,killed,wounded\n2025-03-14,Donetsk,1,2\n",
			opt: Options{Columns: Columns{Date: "date", Area: "oblast", Killed: "killed", Injured: "wounded"}}, injured: true},
		{name: "missing", in: "event_date,admin,fatalities\n", err: `ev.csv:1: no column "admin1" (name another with --area-col); did you mean "admin"?`},
		{name: "named injured missing", in: "event_date,admin1,fatalities\n2025-03-14,Donetsk,1\n",
			opt: Options{Columns: Columns{Injured: "hurt"}}, err: `no column "hurt" (name another with --injured-col)`},
		{name: "where column missing", in: "event_date,admin1,fatalities\n", opt: Options{Where: []Filter{{"type", []string{"x"}}}},
			err: `no column "type" (name another with --where)`},
		{name: "empty", in: "", err: "the file is empty"},
		{name: "header only", in: "event_date,admin1,fatalities\n", err: "ev.csv: no events counted: 0 data rows"},
		{name: "filtered out", in: "event_date,admin1,fatalities,t\n2025-03-14,Donetsk,1,a\n", opt: Options{Where: []Filter{{"t", []string{"b"}}}},
			err: "no events counted: 1 data rows; 1 rows left out by --where"},
		{name: "no final newline", in: "event_date,admin1,fatalities\n2025-03-14,Donetsk,1"},
		{name: "unclosed quote", in: "event_date,admin1,fatalities\n2025-03-14,Donetsk,1\n2025-03-14,\"Donetsk,1\n",
			err: "ev.csv:3: a quoted field is not closed before the end of the file"},
		{name: "UTF-16", in: "\xFF\xFEe\x00", err: "UTF-16"},
		{name: "overflow", in: "event_date,admin1,fatalities\n2025-03-14,UA14,9223372036854775807\n2025-03-15,UA14,1\n", err: "a monthly sum passes 9,223,372,036,854,775,807"},
		{name: "country is no area", in: "event_date,admin1,fatalities\n2025-03-14,Ukraine,1\n", err: "names the whole country (UA)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := aggregateString(t, c.in, c.opt)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("got %v, want an error with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.HasInjured != c.injured || res.Events != 1 || len(res.Cells) != 1 || res.Cells[0].Area != "UA14" || res.Cells[0].Killed != 1 {
				t.Errorf("got %+v", res)
			}
		})
	}
}

// TestUnclosedQuoteIsBounded: a stray quote early in a big file would make
// the rest of it one record; the splitter stops at MaxRecordBytes and names
// the line where the record starts.
func TestUnclosedQuoteIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("event_date,admin1,fatalities\n2025-03-14,Donetsk,1\n2025-03-14,\"Donetsk,1\n")
	for range 5000 {
		b.WriteString("2025-03-14,Donetsk,1\n")
	}
	_, err := aggregateString(t, b.String(), Options{ChunkSize: 1024, MaxRecordBytes: 4096})
	want := "ev.csv:3: a quoted field opened on this line is not closed within 4096 bytes; is a double quote missing or stray?"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestUnknownNamesRanked(t *testing.T) {
	in := "event_date,admin1,fatalities\n" +
		"2025-03-14,Nowhere,1\n" +
		"2025-03-14,Kyiv Cty,1\n" +
		"2025-03-14,Kyiv Cty,1\n" +
		"2025-03-14,,1\n"
	_, err := aggregateString(t, in, Options{})
	want := `ev.csv: column "admin1": 4 rows name no admin-1 area of Ukraine (3 different names); the most frequent:
  "Kyiv Cty": 2 rows, first at line 3: unknown area "Kyiv Cty"; did you mean UA80 (Kyiv)?
  "": 1 rows, first at line 5: want an area p-code or name, got an empty cell
  "Nowhere": 1 rows, first at line 2: unknown area "Nowhere"; want a p-code such as UA01 or a name such as "Avtonomna Respublika Krym"`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestWriteCSV checks the output against a golden file and reads it back
// with the tidy loader: the events column does not stop it loading, and
// the figures survive the round trip.
func TestWriteCSV(t *testing.T) {
	in := "event_id_cnty,event_date,event_type,admin1,notes,fatalities,injured\n" +
		"UKR1,2025-01-30,Battles,Donetsk,\"Shelling, then \"\"more\"\"\",2,5\n" + // Jan UA14: 2 killed, 5 injured
		"UKR2,1 February 2025,Battles,Kharkiv,,0,1\n" + // Feb UA63
		"UKR3,2025-03-14,Battles,Donetsk,,4,0\n" + // Mar UA14: 4 + 1 = 5 killed, 0 + 2 = 2 injured, 2 events
		"UKR4,14-March-2025,Battles,Donetsk,,1,2\n" +
		"UKR5,2025-03-14,Protests,Donetsk,,7,7\n" // left out by the filter
	res, err := aggregateString(t, in, Options{Where: []Filter{{"event_type", []string{"Battles"}}}})
	if err != nil {
		t.Fatal(err)
	}
	pub := data.Publication{Name: "ACLED export", Date: mustDate(t, "2025-04-01")}
	var b bytes.Buffer
	if err := WriteCSV(&b, res, pub); err != nil {
		t.Fatal(err)
	}
	golden(t, "aggregate.golden.csv", b.Bytes())

	ds, err := data.Load(bytes.NewReader(b.Bytes()), "out.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 3 months x 2 areas x 3 metrics (killed, injured, events), zeros
	// included: UA63 had no event in January or March, UA14 none in
	// February.
	if len(ds.Obs) != 18 {
		t.Fatalf("%d figures read back, want 18", len(ds.Obs))
	}
	got := map[string]int64{}
	for _, o := range ds.Obs {
		got[o.Month.String()+" "+o.Area+" "+string(o.Metric)] = o.Value
	}
	want := map[string]int64{"2025-01 UA14 killed": 2, "2025-01 UA14 injured": 5, "2025-03 UA14 killed": 5, "2025-03 UA14 injured": 2,
		"2025-02 UA63 injured": 1, "2025-02 UA14 killed": 0, "2025-03 UA14 events": 2, "2025-02 UA14 events": 0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
}

func mustDate(t *testing.T, s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// golden compares got with testdata/name, rewriting it with -update; on a
// mismatch it writes name.got beside it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(path+".got", got, 0o644)
		t.Errorf("%s differs from %s.got; diff them, and run go test -update if the change is right", path, path)
	}
}

// TestSeveralCountries: an export of a region names admin-1 areas of
// other countries. The message says so, with the rows of each country,
// instead of listing the foreign areas as unknown; with --where on the
// country the file reads. One country and a misspelt area is still an
// unknown area.
func TestSeveralCountries(t *testing.T) {
	in := "event_date,country,admin1,fatalities\n" +
		"2025-03-01,Ukraine,Donetsk,2\n" +
		"2025-03-01,Russia,Belgorod,0\n" +
		"2025-03-02,Russia,Kursk,1\n" +
		"2025-03-02,Ukraine,Kharkiv,1\n" +
		"2025-03-03,\"Ukraine\",Sumy,0\n" // quoted: the careful path tallies it too
	_, err := aggregateString(t, in, Options{ChunkSize: 64, Workers: 2})
	want := `ev.csv: column "country": the file holds events of 2 countries, and admin-1 areas are read for one country at a time (Ukraine):
  Ukraine: 3 rows
  Russia: 2 rows
keep one country's rows with --where country=Ukraine`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	res, err := aggregateString(t, in, Options{Where: []Filter{{"country", []string{"Ukraine"}}}})
	// Ukraine's rows: 2 + 1 + 0 = 3 killed in 3 events; Russia's 2 rows left out.
	if err != nil || res.Events != 3 || res.Filtered != 2 {
		t.Fatalf("--where country=Ukraine: %v %+v", err, res)
	}
	one := "event_date,country,admin1,fatalities\n2025-03-01,Ukraine,Donetsk,2\n2025-03-01,Ukraine,Donetks,1\n"
	if _, err := aggregateString(t, one, Options{}); err == nil || !strings.Contains(err.Error(), `1 rows name no admin-1 area of Ukraine`) {
		t.Errorf("one country, a misspelt area: %v", err)
	}
}

// TestRangedMatchesTurns: a file without quotes, read at any offset, is
// read in parallel ranges (parallel.go), with the figures, line numbers
// and messages of reading it in turns; a quote anywhere abandons the
// ranges.
func TestRangedMatchesTurns(t *testing.T) {
	file, _, _ := genEvents(genOptions{rows: 2000, seed: 4, plain: true, words: true})
	// Bad rows spread through the file, for line numbers.
	lines := strings.SplitAfter(string(file), "\n")
	for i := 50; i < len(lines); i += 397 {
		lines[i] = strings.Replace(lines[i], ",", ",x", 1) // a bad date: e.g. "x2022-03-01"
	}
	bad := []byte(strings.Join(lines, ""))
	for _, in := range [][]byte{file, bad} {
		hdrEnd := bytes.IndexByte(in, '\n') + 1
		lay, err := newLayout("ev.csv", strings.Split(string(in[:hdrEnd-1]), ","), Options{}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		for _, chunk := range []int{100, 1000, 4096} {
			opt := Options{ChunkSize: chunk, Workers: 3, SkipBad: true}.withDefaults()
			data := bytes.NewReader(in[hdrEnd:])
			workers, nlines, ok, err := ranged(context.Background(), data, data.Size(), lay, opt)
			if err != nil || !ok {
				t.Fatalf("chunk %d: ranged: ok %v, %v", chunk, ok, err)
			}
			got, err := finish(lay, workers, lineStarts(2, nlines), opt)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Aggregate(context.Background(), struct{ io.Reader }{bytes.NewReader(in)}, "ev.csv", Options{Workers: 1, SkipBad: true})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("chunk %d: in ranges\n%+v\nin turns\n%+v", chunk, got, want)
			}
		}
	}
	quoted := append(append([]byte(nil), file...), "2025-03-14,\"Donetsk\",1,0,x,y,1,1\n"...)
	data := bytes.NewReader(quoted)
	lay, _ := newLayout("ev.csv", strings.Split(string(file[:bytes.IndexByte(file, '\n')]), ","), Options{}.withDefaults())
	if _, _, ok, _ := ranged(context.Background(), data, data.Size(), lay, Options{ChunkSize: 1000, Workers: 2}.withDefaults()); ok {
		t.Error("a file with a quote was read in ranges")
	}
}

// TestFileInRanges reads a file from disk (os.File: ReadAt and Seek) in
// ranges on three workers and in turns on one: the same result.
func TestFileInRanges(t *testing.T) {
	file, all, _ := genEvents(genOptions{rows: 5000, seed: 5, plain: true, crlf: true})
	path := filepath.Join(t.TempDir(), "ev.csv")
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	ranges, err := AggregateFile(context.Background(), path, Options{ChunkSize: 999, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, ranges, all)
	turns, err := AggregateFile(context.Background(), path, Options{ChunkSize: 999, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", ranges) != fmt.Sprintf("%+v", turns) {
		t.Errorf("in ranges\n%+v\nin turns\n%+v", ranges, turns)
	}
}
