package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The loaders face files from strangers. Each fuzz target feeds arbitrary
// bytes to one loader and checks the promise: a dataset whose every figure
// is sane and placed, or a located error; never a panic, and the same
// answer twice. Seed corpora live in testdata/fuzz/FuzzLoad*/ (written by
// TestFuzzSeeds with -update); run one target with
//
//	go test ./data -run '^$' -fuzz '^FuzzLoadXLSX$' -fuzztime 15s

// fuzzLimits keep each run small.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxRows: 2000, MaxLineBytes: 64 << 10, MaxXLSXBytes: 4 << 20, MaxXLSXFiles: 200}

func fuzzLoad(t *testing.T, in []byte, name string, format Format) {
	opt := LoadOptions{Format: format, Limits: fuzzLimits}
	var ds, ds2 *Dataset
	var err, err2 error
	done := make(chan struct{})
	go func() {
		defer close(done)
		ds, err = Load(bytes.NewReader(in), name, opt)
		ds2, err2 = Load(bytes.NewReader(in), name, opt)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		// Real inputs load in milliseconds; a load this slow is a hang.
		t.Fatalf("loading %d bytes took more than 20 s", len(in))
	}
	if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
		t.Fatalf("two loads differ: %v / %v", err, err2)
	}
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %T is not located: %v", err, err)
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, name) && !strings.HasPrefix(line, "... and ") {
				t.Fatalf("error line does not name the file: %q", line)
			}
		}
		return
	}
	if len(ds.Obs) == 0 {
		t.Fatal("loaded with no figures and no error")
	}
	if fmt.Sprint(ds.Obs) != fmt.Sprint(ds2.Obs) {
		t.Fatal("two loads give different figures")
	}
	for _, o := range ds.Obs {
		switch {
		case o.Value < 0 || o.Value > maxCount:
			t.Fatalf("%s: value %d out of range", o.Pos, o.Value)
		case o.Month.Month < 1 || o.Month.Month > 12 || o.Month.Year < 1900 || o.Month.Year > 2199:
			t.Fatalf("%s: month %v out of range", o.Pos, o.Month)
		case o.Days() < 1 || o.Days() > o.Month.Days():
			t.Fatalf("%s: covers %d days of %s", o.Pos, o.Days(), o.Month)
		case !o.Metric.Known() || o.Metric.Derived():
			t.Fatalf("%s: metric %q stored", o.Pos, o.Metric)
		case o.Area == "":
			t.Fatalf("%s: no area", o.Pos)
		case o.Pos.File != name:
			t.Fatalf("figure placed in %q, want %q", o.Pos.File, name)
		case o.HasRange && (o.Low > o.Value || o.High < o.Value):
			t.Fatalf("%s: value %d outside its range %d-%d", o.Pos, o.Value, o.Low, o.High)
		case o.Derived != (ds.Format == FormatCumulative || strings.HasPrefix(o.Note, "derived: ")):
			t.Fatalf("%s: derived=%v in a %s file", o.Pos, o.Derived, ds.Format)
		}
	}
}

func FuzzLoadTidy(f *testing.F) {
	f.Add([]byte(revisionsCSV))
	f.Add([]byte("month,area,metric,value,qualifier,covers\n2022-02,UA,killed,342,exact,24-28\n"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzLoad(t, in, "f.csv", FormatTidy) })
}

func FuzzLoadWide(f *testing.F) {
	f.Add([]byte("\uFEFFmonth;killed;injured\r\nMarch 2025;at least 164;910\r\n"))
	f.Add([]byte("month,area,killed,children_killed\n2025-03,UA14,\"1,074\",12\n"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzLoad(t, in, "f.csv", FormatWide) })
}

func FuzzLoadHXL(f *testing.F) {
	f.Add([]byte("Month,Killed,Injured\n#date,#affected+killed,#affected+injured+children\n2025-03,164,910\n"))
	f.Add([]byte(strings.Join(TidyHeader, ",") + "\n" + strings.Join(TidyHXL, ",") + "\n2025-03,UA,killed,164,at_least,,,,2025-04-09,u,s,\n"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzLoad(t, in, "f.csv", FormatHXL) })
}

// FuzzLoadAuto lets the loader pick the shape, so that the shapes only
// detection reaches (months across the columns, event aggregates, a table
// that ends above its notes) are fuzzed too.
func FuzzLoadAuto(f *testing.F) {
	f.Add([]byte("Oblast,Indicator,Jan 2025,Feb 2025,Total\nKharkivska,killed,28,35,63\n"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzLoad(t, in, "f.csv", FormatAuto) })
}

func FuzzLoadCumulative(f *testing.F) {
	f.Add([]byte("as_of,killed,injured\n2024-03-31,10810,20556\n2024-04-15,10900,21000\n2024-04-30,10946,21154\n"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzLoad(t, in, "f.csv", FormatCumulative) })
}

func FuzzLoadXLSX(f *testing.F) {
	f.Add(rawXLSX(f, rawSheet{name: "S", body: wideSheet()}))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzLoad(t, in, "f.xlsx", FormatXLSX) })
}

// FuzzLoadXLSXSheet fuzzes what is inside a workbook rather than its zip:
// the worksheet XML of a well-formed workbook, where mutations reach the
// sheet scan, excelize's reader, dates, formulas and merged cells instead
// of failing the zip's checksums. Minimising a slow workbook input can
// take the fuzzer a minute (it shows 0 execs/sec meanwhile); pass
// -fuzzminimizetime 10x for short runs.
func FuzzLoadXLSXSheet(f *testing.F) {
	f.Add([]byte(wideSheet()))
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzLoad(t, rawXLSX(t, rawSheet{name: "S", body: string(body)}), "f.xlsx", FormatXLSX)
	})
}

// fuzzSeeds are the committed seed corpora: real spellings, good files and
// the shapes of known trouble.
func fuzzSeeds(t testing.TB) map[string][][]byte {
	text := func(files ...string) [][]byte {
		var out [][]byte
		for _, f := range files {
			out = append(out, []byte(f))
		}
		return out
	}
	readTestdata := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	header := xrow(1, xs("A1", "month"), xs("B1", "killed"), xs("C1", "injured"))
	return map[string][][]byte{
		"FuzzLoadTidy": append(text(
			"month,area,metric,value,qualifier,low,high,published\n2025-03,UA14,killed,100-120,,100,120,2025-04-09\n",
			"month,metric,value\n03/04/2025,killed,-1\n2025-03,kiled,1.5\n",
			"month,metric,value\n2025-03,killed,1\n2025-03,killed,2\n",
			"month,metric,value\n\"2025-03,killed,1\n",
		), readTestdata("tidy.csv")),
		"FuzzLoadWide": append(text(
			"month,killed,children_killed\n2025-03,1,2\n",
			"month;killed\n2025-03;164,5\n",
		), readTestdata("wide.csv"), readTestdata("wide_semicolon_bom.csv")),
		"FuzzLoadHXL": append(text(
			"#date,#affected+killed+f,#affected+killed+injured\n2025-03,1,2\n",
			"a,b\n#date,#affected+dead\n2025-03,1\n",
		), readTestdata("hxl.csv")),
		"FuzzLoadAuto": text(
			acledMonthly,
			hapiConflict,
			"Oblast,Indicator,Jan 2025,Feb 2025,Mar 2025,Total\nKharkivska,Killed,28,35,31,94\nKharkivska,Injured,100,120,,220\n",
			",month,ADM1_EN,ADM1_PCODE,killed,injured\n0,2025-03,Kharkivska,UA63,31.0,140.0\n1,2025-03,Donetska,UA14,40.0,\n",
			"Oblast,Month,Killed,Injured\nKharkivska,2025-03,31,140\nTotal,,31,140\n\"Source: HRMMU\",,,\n",
			"Date;Killed;Injured;Casualties\r\n01/02/2025;129;588;717\r\n14/03/2025;164;910;1074\r\n",
			"Month,Year,Admin1 Pcode,Admin2 Pcode,Fatalities\n#date+month,#date+year,#adm1+code,#adm2+code,#affected+killed\nMarch,2025,UA63,UA6312,41\n",
		),
		"FuzzLoadCumulative": append(text(
			"as_of,killed\n2024-03-31,10\n2024-03-31,9\n2024-02-10,12\n",
			"as_of,area,killed,children_killed\n2024-01-31,UA14,10,11\n2024-02-29,UA14,12,3\n",
		), readTestdata("cumulative.csv")),
		"FuzzLoadXLSXSheet": {
			[]byte(xsheet("A1:C3", header, xrow(2, xs("A2", "2025-02"), `<c r="B2"><f>1+1</f><v>2</v></c>`, xn("C2", "5.0")))),
			[]byte(xsheet("A1:C3", header, xrow(2, xstyled("A2", "45717", styleMonth), `<c r="B2" t="b"><v>1</v></c>`, `<c r="C2" t="e"><v>#N/A</v></c>`))),
			[]byte(xsheet("A1:C3", xrow(1, xs("A1", "Title")), header, xrow(3, xs("A3", "2025-02"), xn("B3", "1"), xn("C3", "2"))) +
				`<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:C3"/></mergeCells>`),
			[]byte(xsheet("A1:B4", xrow(1, xs("A1", "Month"), xs("B1", "Killed")), xrow(2, xs("A2", "#date"), xs("B2", "#affected+killed")), xrow(3, xs("A3", "2025-03"), xn("B3", "164")))),
			[]byte(xsheet("A1:B3", xrow(1, xs("A1", "as_of"), xs("B1", "killed")), xrow(2, xstyled("A2", "45382", styleDate), xn("B2", "10810")), xrow(3, xstyled("A3", "45412", styleDate), xn("B3", "10946")))),
		},
		"FuzzLoadXLSX": {
			readTestdata("monthly.xlsx"),
			rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C3", header, xrow(2, xs("A2", "2025-02"), `<c r="B2"><f>1+1</f><v>2</v></c>`, xn("C2", "5")))}),
			rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C9", header)}),
			rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:C3", header, xrow(2, xs("A2", "2025-02"), xn("B2", "1"), xn("C2", "2")), xrow(3, xn("B3", "3"))) +
				`<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>`}),
			ownBook(t), // casualty's own workbook (xlsx_own.go)
		},
	}
}

// TestFuzzSeeds keeps testdata/fuzz/FuzzLoad*/ in step with fuzzSeeds
// (rewrite with -update) in Go's corpus file format.
func TestFuzzSeeds(t *testing.T) {
	for target, seeds := range fuzzSeeds(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		for i, s := range seeds {
			path := filepath.Join(dir, fmt.Sprintf("seed-%02d", i))
			want := "go test fuzz v1\n[]byte(" + strconv.Quote(string(s)) + ")\n"
			if updating() {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%v (write the seeds with go test ./data -run TestFuzzSeeds -update)", err)
				continue
			}
			if string(got) != want {
				t.Errorf("%s is out of date; rewrite with -update", path)
			}
		}
	}
}
