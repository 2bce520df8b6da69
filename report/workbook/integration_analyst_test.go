package workbook

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

// The analyst's workbook leaves casualty and lives on: it is read by
// programs that do not calculate, sorted, edited, recalculated in
// LibreOffice and handed back. These integration tests do each of those
// with the real programs: LibreOffice headless and Debian's
// python3-openpyxl (data_only=True reads the values stored with the
// formulas). They run with CASUALTY_INTEGRATION=1 and fail when either is
// missing.

// openpyxlScript dumps, sorts or edits a workbook with openpyxl.
//
//	dump FILE            every non-empty cell of every sheet, as stored
//	sort FILE OUT        Monthly's rows by Killed, largest first, blanks
//	                     last, relative references moved with their row
//	edit FILE OUT P V    Monthly's Killed of the row whose Period is P = V
const openpyxlScript = `
import json, sys, openpyxl
from openpyxl.formula.translate import Translator

def col(ws, name):
    for c in ws[1]:
        if c.value == name:
            return c.column
    raise SystemExit("no column " + name)

cmd = sys.argv[1]
if cmd == "dump":
    wb = openpyxl.load_workbook(sys.argv[2], data_only=True)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    v = c.value
                    if not isinstance(v, (int, float, str, bool)):
                        v = str(v)
                    cells[c.coordinate] = v
        out[ws.title] = cells
    json.dump(out, sys.stdout)
elif cmd == "sort":
    wb = openpyxl.load_workbook(sys.argv[2])
    ws = wb["Monthly"]
    k = col(ws, "Killed")
    rows = []
    for r in range(2, ws.max_row + 1):
        rows.append((r, [ws.cell(r, c).value for c in range(1, ws.max_column + 1)]))
    def key(item):
        v = item[1][k - 1]
        return (0, -v) if isinstance(v, (int, float)) else (1, 0)
    order = sorted(rows, key=key)
    for i, (src, vals) in enumerate(order):
        dst = i + 2
        for c, v in enumerate(vals, start=1):
            if isinstance(v, str) and v.startswith("="):
                v = Translator(v, origin=ws.cell(src, c).coordinate).translate_formula(ws.cell(dst, c).coordinate)
            ws.cell(dst, c).value = v
    wb.save(sys.argv[3])
elif cmd == "edit":
    wb = openpyxl.load_workbook(sys.argv[2])
    ws = wb["Monthly"]
    p, k = col(ws, "Period"), col(ws, "Killed")
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, p).value == sys.argv[4]:
            ws.cell(r, k).value = int(sys.argv[5])
            break
    else:
        raise SystemExit("no row for " + sys.argv[4])
    wb.save(sys.argv[3])
`

// analystTools finds LibreOffice and a python3 with openpyxl, failing
// the test when either is missing.
type analystTools struct {
	soffice, python, script, dir string
}

func newAnalystTools(t *testing.T) *analystTools {
	t.Helper()
	if os.Getenv("CASUALTY_INTEGRATION") != "1" {
		t.Skip("set CASUALTY_INTEGRATION=1 to run against LibreOffice and openpyxl")
	}
	a := &analystTools{dir: t.TempDir()}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			a.soffice = p
			break
		}
	}
	if a.soffice == "" {
		t.Fatal("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
	}
	// Debian's python3-openpyxl is in the system python; a python3 first
	// on PATH (pyenv) may lack it.
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			a.python = p
			break
		}
	}
	if a.python == "" {
		t.Fatal("openpyxl is not installed: apt-get install python3-openpyxl")
	}
	a.script = filepath.Join(a.dir, "book.py")
	if err := os.WriteFile(a.script, []byte(openpyxlScript), 0o644); err != nil {
		t.Fatal(err)
	}
	recalcProfile(t, filepath.Join(a.dir, "profile"))
	return a
}

// recalcProfile makes a fresh LibreOffice profile in dir that
// recalculates every formula on loading an .xlsx: LibreOffice's default
// keeps the values stored with the formulas, which would check nothing.
// It returns the profile's URL for -env:UserInstallation.
func recalcProfile(t *testing.T, dir string) string {
	t.Helper()
	user := filepath.Join(dir, "user")
	if err := os.MkdirAll(user, 0o755); err != nil {
		t.Fatal(err)
	}
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
	if err := os.WriteFile(filepath.Join(user, "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + dir
}

// py runs the openpyxl script.
func (a *analystTools) py(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(a.python, append([]string{a.script}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl %s: %v\n%s", args[0], err, stderr.String())
	}
	return out
}

// dump reads every stored cell value with openpyxl (data_only=True).
func (a *analystTools) dump(t *testing.T, path string) map[string]map[string]any {
	t.Helper()
	var d map[string]map[string]any
	if err := json.Unmarshal(a.py(t, "dump", path), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// recalc opens path in LibreOffice, which recalculates every formula, and
// saves it as .xlsx; it returns the saved file.
func (a *analystTools) recalc(t *testing.T, path string) string {
	t.Helper()
	out := filepath.Join(a.dir, "lo-"+strings.TrimSuffix(filepath.Base(path), ".xlsx"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, a.soffice, "-env:UserInstallation=file://"+filepath.Join(a.dir, "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("soffice: %v\n%s\n%s", err, stdout, stderr.String())
	}
	checkCleanOpen(t, stdout, stderr.Bytes())
	saved := filepath.Join(out, filepath.Base(path))
	if _, err := os.Stat(saved); err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v\n%s", saved, err, stdout)
	}
	return saved
}

// writeBook writes the analyst's workbook of ds to the tools' folder and
// returns its path and formula ledger.
func (a *analystTools) writeBook(t *testing.T, name string, ds *data.Dataset) (string, []FormulaCell) {
	t.Helper()
	wb, err := New(ds, Options{Command: "go test", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	path := filepath.Join(a.dir, name+".xlsx")
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := wb.WriteTo(w); return err }); err != nil {
		t.Fatal(err)
	}
	return path, wb.Formulas
}

// num is a dumped cell as a number.
func num(v any) (float64, bool) {
	x, ok := v.(float64)
	return x, ok
}

// checkNoErrorCells fails on any error value (#NAME?, #REF!, #N/A,
// #VALUE!, #DIV/0!, Err:nnn) in any sheet.
func checkNoErrorCells(t *testing.T, what string, d map[string]map[string]any) {
	t.Helper()
	n := 0
	for sheet, cells := range d {
		for cell, v := range cells {
			s, ok := v.(string)
			if ok && (strings.HasPrefix(s, "#") && strings.HasSuffix(s, "!") || strings.HasPrefix(s, "#N/A") || strings.HasPrefix(s, "#NAME") || strings.HasPrefix(s, "Err:")) {
				if n < 20 {
					t.Errorf("%s: %s!%s is the error %q", what, sheet, cell, s)
				}
				n++
			}
		}
	}
	if n > 20 {
		t.Errorf("%s: %d error cells in all", what, n)
	}
	if len(d) == 0 {
		t.Errorf("%s: no sheets read", what)
	}
}

// checkLedger compares the stored value of each ledger formula on the
// given sheets with want's, within 1e-9, and returns how many it checked.
func checkLedger(t *testing.T, what string, d map[string]map[string]any, ledger []FormulaCell, sheets ...string) int {
	t.Helper()
	n := 0
	for _, fc := range ledger {
		if !slices.Contains(sheets, fc.Sheet) {
			continue
		}
		v, ok := d[fc.Sheet][fc.Cell]
		x, isNum := num(v)
		switch {
		case !ok:
			t.Errorf("%s: %s!%s = %s has no stored value", what, fc.Sheet, fc.Cell, fc.Formula)
		case !isNum:
			t.Errorf("%s: %s!%s = %s holds %v, want %v", what, fc.Sheet, fc.Cell, fc.Formula, v, fc.Want)
		case math.Abs(x-fc.Want) > 1e-9*math.Max(1, math.Abs(fc.Want)):
			t.Errorf("%s: %s!%s = %s is %v, want %v", what, fc.Sheet, fc.Cell, fc.Formula, x, fc.Want)
		default:
			n++
		}
	}
	return n
}

var allSheets = []string{"Summary", "Monthly", "Trends", "Areas", "Revisions", "Notes", "Figures"}

// TestIntegrationCachedValues: a reader that does not calculate (openpyxl
// with data_only=True, as pandas uses it) finds every formula's value, as
// casualty computed it; and no sheet holds an error cell, as written or
// after LibreOffice recalculated and saved it.
func TestIntegrationCachedValues(t *testing.T) {
	a := newAnalystTools(t)
	for _, b := range []struct {
		name string
		ds   *data.Dataset
	}{{"embedded", data.Default()}, {"areas", loadTidy(t, tidy)}} {
		path, ledger := a.writeBook(t, b.name, b.ds)
		d := a.dump(t, path)
		n := checkLedger(t, b.name+" as written", d, ledger, allSheets...)
		if n != len(ledger) {
			t.Errorf("%s: %d of %d formulas have their value stored", b.name, n, len(ledger))
		}
		checkNoErrorCells(t, b.name+" as written", d)
		lo := a.dump(t, a.recalc(t, path))
		checkNoErrorCells(t, b.name+" after LibreOffice", lo)
		if got := checkLedger(t, b.name+" after LibreOffice", lo, ledger, allSheets...); got != len(ledger) {
			t.Errorf("%s: %d of %d formulas agree after LibreOffice recalculated", b.name, got, len(ledger))
		}
	}
}

// TestIntegrationSortMonthly sorts Monthly by Killed, largest first (the
// sort that broke the workbook when Trends pointed at fixed cells),
// recalculates in LibreOffice, and checks that every Trends, Summary and
// Figures value is unchanged to 1e-9 and no cell is an error.
func TestIntegrationSortMonthly(t *testing.T) {
	a := newAnalystTools(t)
	path, ledger := a.writeBook(t, "sortme", data.Default())
	sorted := filepath.Join(a.dir, "sorted.xlsx")
	a.py(t, "sort", path, sorted)
	saved := a.recalc(t, sorted)
	d := a.dump(t, saved)
	checkNoErrorCells(t, "sorted", d)
	// casualty reads the sorted copy, as LibreOffice saved it, as the
	// figures it was made from, with no warning about its sums.
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	back := loadOwn(t, b, data.LoadOptions{})
	if g, w := figureLines(back.Obs, "UA"), figureLines(data.Default().Latest().Obs, "UA"); !slices.Equal(g, w) {
		t.Errorf("the sorted copy reads back as %d figures, %d written, or with other values", len(g), len(w))
	}
	for _, w := range back.Warnings {
		if strings.Contains(w.Error(), "on Monthly") {
			t.Errorf("the sorted copy: %v", w)
		}
	}
	// Monthly's first row is now March 2022 (4,289 killed), not February.
	if got := d["Monthly"]["B2"]; got != "2022-03" {
		t.Errorf("after the sort Monthly!B2 = %v, want 2022-03 (the most killed)", got)
	}
	n := checkLedger(t, "sorted", d, ledger, "Trends", "Summary", "Figures")
	t.Logf("%d Trends, Summary and Figures values unchanged after sorting Monthly", n)
	if n < 900 {
		t.Errorf("only %d values checked", n)
	}
}

// TestIntegrationEditRecalculates edits January 2026 killed on Monthly
// (161 → 170, a revision the analyst received), recalculates in
// LibreOffice, and checks every dependent cell against the workbook Go
// writes for the data as revised: Monthly's casualties, Trends' counts,
// per-day rates, changes, rolling means and running totals, the Summary's
// counts and changes, and Figures.
func TestIntegrationEditRecalculates(t *testing.T) {
	a := newAnalystTools(t)
	path, _ := a.writeBook(t, "editme", data.Default())
	edited := filepath.Join(a.dir, "edited.xlsx")
	a.py(t, "edit", path, edited, "2026-01", "170")
	saved := a.recalc(t, edited)
	d := a.dump(t, saved)
	checkNoErrorCells(t, "edited", d)
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	back := loadOwn(t, b, data.LoadOptions{})
	if p := back.Latest().Series("UA", data.Killed).At(data.NewMonth(2026, 1)); !p.Present || p.Value != 170 {
		t.Errorf("the edited copy reads back January 2026 killed as %+v, want 170", p)
	}
	for _, w := range back.Warnings {
		if strings.Contains(w.Error(), "on Monthly") {
			t.Errorf("the edited copy after LibreOffice: %v", w)
		}
	}

	// The data as the analyst's copy gives them: every current figure
	// restated by one new publication, January 2026 killed revised.
	ds := data.Default()
	pub := data.Publication{Name: "analyst copy", Date: mustDate(t, "2026-03-01")}
	var obs []data.Observation
	for _, o := range ds.Latest().Obs {
		o.Published = pub
		if o.Area == "UA" && o.Metric == data.Killed && o.Month.String() == "2026-01" && !o.PartMonth() {
			o.Value = 170
		}
		obs = append(obs, o)
	}
	revised, err := data.Merge(ds, &data.Dataset{Obs: obs})
	if err != nil {
		t.Fatal(err)
	}
	_, want := a.writeBook(t, "revised", revised)
	n := checkLedger(t, "edited", d, want, "Monthly", "Trends", "Summary", "Figures")
	t.Logf("%d formulas follow the edit", n)
	// The dependents named above, by their values in the revised data.
	for _, c := range []struct {
		sheet string
		want  float64
		why   string
	}{
		{"Monthly", 170 + 757, "January 2026 casualties: 170 + 757"},
		{"Trends", 170.0 / 31, "killed per day: 170 / 31"},
		{"Trends", 170.0/157 - 1, "change on December 2025 (157)"},
		{"Trends", 170.0/148 - 1, "change on January 2025 (148)"},
		{"Summary", 170.0/157 - 1, "headline change on December 2025"},
	} {
		found := false
		for _, v := range d[c.sheet] {
			if x, ok := num(v); ok && math.Abs(x-c.want) < 1e-9 {
				found = true
			}
		}
		if !found {
			t.Errorf("%s holds no %v after the edit (%s)", c.sheet, c.want, c.why)
		}
	}
}

// TestIntegrationLibreOfficeRoundTrip: a workbook LibreOffice has opened
// and saved reads back as the same figures, qualifiers, publications and
// sources.
func TestIntegrationLibreOfficeRoundTrip(t *testing.T) {
	a := newAnalystTools(t)
	path, _ := a.writeBook(t, "roundtrip", data.Default())
	saved := a.recalc(t, path)
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	got := loadOwn(t, b, data.LoadOptions{})
	if got.Source.ID != "hrmmu" {
		t.Errorf("after LibreOffice, the figures read back as from %q, want hrmmu", got.Source.ID)
	}
	want := figureLines(data.Default().Latest().Obs, "UA")
	if g := figureLines(got.Obs, "UA"); !slices.Equal(g, want) {
		t.Errorf("after LibreOffice, read back %d figures, wrote %d", len(g), len(want))
		for i, l := range g {
			if !slices.Contains(want, l) && i < 10 {
				t.Errorf("read back, not written: %s", l)
			}
		}
	}
}

func mustDate(t *testing.T, s string) data.Date {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
