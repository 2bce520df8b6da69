package data

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIntegrationLibreOfficeWorkbooks reads workbooks written by a real
// spreadsheet program rather than by excelize or by hand: LibreOffice
// saves testdata/wide.csv and testdata/monthly.xlsx as .xlsx (its own
// styles, shared strings, date cells and dimension), and each must load to
// the same figures as the original. Runs with CASUALTY_INTEGRATION=1 and
// then fails if soffice is missing.
func TestIntegrationLibreOfficeWorkbooks(t *testing.T) {
	if os.Getenv("CASUALTY_INTEGRATION") != "1" {
		t.Skip("set CASUALTY_INTEGRATION=1 to run against LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("CASUALTY_INTEGRATION=1 but soffice (LibreOffice) is not installed")
	}
	dir := t.TempDir()
	for _, src := range []string{"../testdata/wide.csv", "../testdata/monthly.xlsx"} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			want, err := LoadFile(src, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src)))
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			abs, _ := filepath.Abs(src)
			in := filepath.Join(out, "in"+filepath.Ext(src))
			b, _ := os.ReadFile(abs)
			os.WriteFile(in, b, 0o644)
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore"}
			if filepath.Ext(src) == ".csv" {
				// Comma-separated, UTF-8 (76), first line 1, detect special numbers (dates).
				args = append(args, "--infilter=CSV:44,34,76,1,,0,false,false,true")
			}
			args = append(args, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(out, "lo"), in)
			cmd := exec.CommandContext(ctx, soffice, args...)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, msg)
			}
			got, err := LoadFile(filepath.Join(out, "lo", "in.xlsx"), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Obs) != len(want.Obs) {
				t.Fatalf("LibreOffice's workbook gives %d figures, the original %d", len(got.Obs), len(want.Obs))
			}
			for i := range want.Obs {
				w, g := want.Obs[i], got.Obs[i]
				w.Pos, g.Pos, w.Text, g.Text = Pos{}, Pos{}, "", ""
				if fmt.Sprint(w) != fmt.Sprint(g) {
					t.Errorf("figure %d:\n original    %+v\n LibreOffice %+v", i, w, g)
				}
			}
		})
	}
}
