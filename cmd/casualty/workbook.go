package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
	"github.com/casualty-tool/casualty/report/workbook"
)

func init() {
	register(command{name: "workbook", summary: "write the analyst's Excel workbook: figures, trends, native charts, revisions, notes", run: runWorkbook})
}

// runWorkbook writes the analyst's workbook (workbook.Write), or
// with --figures every figure one row each on a streamed sheet
// (workbook.WriteFigures), to --out through an atomic write: a
// failure leaves no file and an existing file untouched.
func runWorkbook(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("workbook", stderr)
	var df dataFlags
	df.register(fs)
	month := fs.String("month", "", "headline `YYYY-MM` of the Summary sheet (default: the latest month with a killed figure)")
	area := fs.String("area", "", "the area with this p-code or `NAME` (default: the national total)")
	out := fs.String("out", "", "write the workbook to `FILE.xlsx` (required)")
	figures := fs.Bool("figures", false, "write every figure, one row each, on a streamed Monthly sheet (for event-level or area-level data, up to 1,048,575 figures)")
	all := fs.Bool("all-vintages", false, "with --figures: every vintage of every figure, not only the latest")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty workbook [flags] --out FILE.xlsx")
		fmt.Fprintln(stderr, "\nWrites an Excel workbook with About, Summary (with charts), Monthly, Trends (live formulas),")
		fmt.Fprintln(stderr, "Areas, Revisions and Notes sheets, and prints its path.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("workbook: unexpected argument %q (files are given with --data, the output with --out)", fs.Arg(0))
	}
	if *out == "" {
		return usagef("workbook: --out FILE.xlsx is required")
	}
	if ext := strings.ToLower(filepath.Ext(*out)); ext != ".xlsx" {
		return usagef("--out must name an .xlsx file, got %q", *out)
	}
	if *all && !*figures {
		return usagef("--all-vintages goes with --figures")
	}
	m, err := parseMonthFlag("month", *month)
	if err != nil {
		return err
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	for _, w := range ds.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	code := ""
	if *area != "" {
		if code, err = reportArea(ds, *area); err != nil {
			return usagef("--area: %v", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	cmdLine := workbookCommand(ds, df.store, m, *area, *figures, *all)
	if *figures {
		obs := ds.Latest().Obs
		if *all {
			obs = ds.Obs
		}
		if code != "" {
			obs = slices.DeleteFunc(slices.Clone(obs), func(o data.Observation) bool { return o.Area != code })
		}
		bar := newRowProgress(len(obs), stderr)
		err := atomicfile.Write(*out, func(w io.Writer) error {
			return workbook.WriteFigures(w, slices.Values(obs), workbook.FiguresOptions{
				Title: "Civilian casualty figures from " + strings.Join(ds.Files, ", "), Areas: ds.Areas,
				Command: cmdLine, Version: version, Progress: bar.set, Source: ds.Source,
			})
		})
		bar.finish()
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, *out)
		return nil
	}
	opt := workbook.Options{Month: m, Area: code, Command: cmdLine, Version: version}
	if err := atomicfile.Write(*out, func(w io.Writer) error { return workbook.Write(w, ds, opt) }); err != nil {
		if code == "" && !slices.Contains(ds.AreaCodes(), ds.NationalCode()) {
			return fmt.Errorf("%v\nthe data has no national total: pick an area with --area", err)
		}
		return err
	}
	fmt.Fprintln(stdout, *out)
	return nil
}

// workbookCommand is the command line that remakes the workbook, shown on
// its About sheet: the inputs and options, not the output path, so the
// content does not depend on where it was written. A store is named by
// its folder (--store DIR), not by its publication files, so the line does
// not grow with the store.
func workbookCommand(ds *data.Dataset, store string, m data.Month, area string, figures, all bool) string {
	parts := []string{"casualty", "workbook"}
	if store != "" {
		parts = append(parts, "--store", store)
	}
	for _, f := range ds.Files {
		if store == "" && !strings.HasPrefix(f, "embedded:") {
			parts = append(parts, "--data", f)
		}
	}
	if !m.IsZero() {
		parts = append(parts, "--month", m.String())
	}
	if area != "" {
		parts = append(parts, "--area", fmt.Sprintf("%q", area))
	}
	if figures {
		parts = append(parts, "--figures")
	}
	if all {
		parts = append(parts, "--all-vintages")
	}
	return strings.Join(parts, " ")
}

// rowProgress shows rows written on a terminal; a nil *rowProgress does
// nothing, which is what a pipe or a small workbook gets.
type rowProgress struct{ bar *progressbar.ProgressBar }

func newRowProgress(rows int, stderr io.Writer) *rowProgress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || rows < workbook.ProgressEvery {
		return nil
	}
	return &rowProgress{bar: progressbar.NewOptions(rows,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("writing rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *rowProgress) set(rows int) {
	if p != nil {
		p.bar.Set(rows)
	}
}

func (p *rowProgress) finish() {
	if p != nil {
		p.bar.Finish()
	}
}
