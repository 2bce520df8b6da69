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
	"github.com/casualty-tool/casualty/stats"
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
		printDefaults(fs)
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
	code := ""
	if *area != "" {
		if code, err = ds.ResolveArea(*area); err != nil {
			return usagef("--area: %v", err)
		}
	}
	df.warn(stderr, ds, scope{area: code, to: m})
	if err := ctx.Err(); err != nil {
		return err
	}
	cmdLine := madeBy(fs, "out", "quiet")
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
	// Data of areas alone have no national total: the same refusal as
	// every other command gives (stats.Area), never a sum of the areas.
	if code, err = stats.Area(ds, code); err != nil {
		return err
	}
	// A Summary month with no figure is refused saying why, as report does.
	if !m.IsZero() {
		if g := stats.Gap(ds, code, data.Killed, m); g != nil {
			return g
		}
	}
	opt := workbook.Options{Month: m, Area: code, Command: cmdLine, Version: version}
	if err := atomicfile.Write(*out, func(w io.Writer) error { return workbook.Write(w, ds, opt) }); err != nil {
		return err
	}
	fmt.Fprintln(stdout, *out)
	return nil
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
