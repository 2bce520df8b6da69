package workbook

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
	"github.com/xuri/excelize/v2"
)

// csvAllSheets is LibreOffice's CSV filter: comma, double quote, UTF-8,
// from line 1, raw values (not as shown), every sheet to its own file
// (the last token, -1; LibreOffice 7.2 and later).
const csvAllSheets = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

// TestIntegrationWorkbookLibreOffice opens the workbooks in LibreOffice,
// which recalculates every formula on load, exports every sheet to CSV,
// and checks that each formula's value equals the value Go computed
// within 1e-9, and that the files open cleanly (no repair, every sheet
// there). It runs with CASUALTY_INTEGRATION=1 and fails if soffice is
// missing.
func TestIntegrationWorkbookLibreOffice(t *testing.T) {
	if os.Getenv("CASUALTY_INTEGRATION") != "1" {
		t.Skip("set CASUALTY_INTEGRATION=1 to run against LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("soffice (LibreOffice) is not installed: %v", err)
	}
	dir := t.TempDir()
	books := []struct {
		name string
		ds   *data.Dataset
	}{
		{"embedded", data.Default()},
		{"areas", loadTidy(t, tidy)},
	}
	ledgers := map[string][]FormulaCell{}
	sheets := map[string][]string{}
	var files []string
	for _, b := range books {
		wb, err := New(b.ds, Options{Command: "go test", Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, b.name+".xlsx")
		if err := atomicfile.Write(path, func(w io.Writer) error { _, err := wb.WriteTo(w); return err }); err != nil {
			t.Fatal(err)
		}
		ledgers[b.name] = wb.Formulas
		sheets[b.name] = wb.f.GetSheetList()
		wb.Close()
		files = append(files, path)
	}
	// The streamed figures workbook too: every vintage, one row each.
	figs := filepath.Join(dir, "figures.xlsx")
	if err := atomicfile.Write(figs, func(w io.Writer) error {
		return WriteFigures(w, slices.Values(data.Default().Obs), FiguresOptions{Areas: data.Ukraine()})
	}); err != nil {
		t.Fatal(err)
	}
	files = append(files, figs)
	out := filepath.Join(dir, "csv")
	profile := recalcProfile(t, filepath.Join(dir, "profile")) // a fresh profile each run, recalculating on load
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore",
		"--convert-to", csvAllSheets, "--outdir", out}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("soffice: %v\n%s\n%s", err, stdout, stderr.String())
	}
	checkCleanOpen(t, stdout, stderr.Bytes())
	for _, b := range books {
		cells := map[string][][]string{}
		for _, sh := range sheets[b.name] {
			path := filepath.Join(out, b.name+"-"+sh+".csv")
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("%s: LibreOffice did not export sheet %s: %v\n%s", b.name, sh, err, stdout)
			}
			r := csv.NewReader(f)
			r.FieldsPerRecord = -1
			rows, err := r.ReadAll()
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			cells[sh] = rows
		}
		checked := 0
		for _, fc := range ledgers[b.name] {
			col, row, _ := excelize.CellNameToCoordinates(fc.Cell)
			rows := cells[fc.Sheet]
			if row > len(rows) || col > len(rows[row-1]) {
				t.Errorf("%s %s!%s (%s): LibreOffice shows no value", b.name, fc.Sheet, fc.Cell, fc.Formula)
				continue
			}
			text := rows[row-1][col-1]
			got, err := parseLibreNumber(text)
			if err != nil {
				t.Errorf("%s %s!%s = %s: LibreOffice shows %q, want %v", b.name, fc.Sheet, fc.Cell, fc.Formula, text, fc.Want)
				continue
			}
			if math.Abs(got-fc.Want) > 1e-9 {
				t.Errorf("%s %s!%s = %s: LibreOffice computes %v, Go computed %v", b.name, fc.Sheet, fc.Cell, fc.Formula, got, fc.Want)
			}
			checked++
		}
		t.Logf("%s: %d formulas agree with Go in LibreOffice", b.name, checked)
		if checked == 0 {
			t.Errorf("%s: no formula checked", b.name)
		}
	}
	fr, err := os.ReadFile(filepath.Join(out, "figures-Monthly.csv"))
	if err != nil {
		t.Fatalf("LibreOffice did not export the figures workbook: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(fr)).ReadAll()
	if err != nil || len(rows) != len(data.Default().Obs)+1 || rows[1][5] != "342" {
		t.Errorf("the figures workbook reads in LibreOffice as %d rows (%v), first %q; want %d figures + header",
			len(rows), err, rows[min(1, len(rows)-1)], len(data.Default().Obs))
	}
	// The Summary's stored headline (January 2026, at least 161 killed)
	// reads the same in LibreOffice.
	sum, _ := os.ReadFile(filepath.Join(out, "embedded-Summary.csv"))
	if !strings.Contains(string(sum), "\nKilled,161,") {
		t.Errorf("LibreOffice's Summary lacks the headline row Killed,161:\n%s", sum)
	}
}

// checkCleanOpen fails when LibreOffice says it had to repair the file or
// met an error; the javaldx warning of a Java-less install is harmless.
func checkCleanOpen(t *testing.T, stdout, stderr []byte) {
	t.Helper()
	bad := regexp.MustCompile(`(?i)repair|corrupt|error|could not|cannot|failed to load|general input/output`)
	for _, line := range strings.Split(string(stdout)+"\n"+string(stderr), "\n") {
		if strings.Contains(line, "javaldx") || strings.TrimSpace(line) == "" {
			continue
		}
		if bad.MatchString(line) {
			t.Errorf("LibreOffice: %s", line)
		}
	}
}

// parseLibreNumber reads a number as LibreOffice's CSV export writes a
// raw value: 138.354838709677, 1.11022302462515E-16, or 84.9663619113335%
// for a cell formatted as a percentage.
func parseLibreNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(p, 64)
		return v / 100, err
	}
	return strconv.ParseFloat(s, 64)
}
