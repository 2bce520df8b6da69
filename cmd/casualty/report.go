package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/report"
)

func init() {
	register(command{name: "report", summary: "write the monthly report folder: HTML, Markdown, workbook, charts, data", run: runReport})
}

// reportConfig is what `casualty report` makes; other commands (watch)
// build one to make the same report.
type reportConfig struct {
	// Month is the report month; zero means the latest month with a
	// whole-month figure.
	Month data.Month
	// Area is a p-code or name; "" means the national total.
	Area string
	// Out is the folder to write; "" means casualty-report-YYYY-MM.
	Out string
	// Force replaces an existing folder.
	Force bool
	// Formats lists the outputs (html, md, xlsx, png, svg, csv); nil means
	// all of them.
	Formats []string
	// Inputs are the flags that named the inputs (--dataset, --data,
	// --events, --where, ...), for the command line in metadata.json; nil
	// means the data's files, as --data.
	Inputs []string
}

// runReport parses the flags of `casualty report` and makes the report.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", stderr)
	var df dataFlags
	df.register(fs)
	month := fs.String("month", "", "report on `YYYY-MM` (default: the latest month with a whole-month figure)")
	area := fs.String("area", "", "report on the area with this p-code or `NAME` (default: the national total)")
	out := fs.String("out", "", "write the report to `DIR` (default: casualty-report-YYYY-MM)")
	force := fs.Bool("force", false, "replace the folder if it exists")
	formats := fs.String("formats", strings.Join(report.Formats, ","), "`LIST` of outputs, comma-separated: "+strings.Join(report.Formats, ","))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty report [flags]")
		fmt.Fprintln(stderr, "\nWrites a folder with report.html, report.md, report.xlsx, charts/, data.csv and metadata.json,")
		fmt.Fprintln(stderr, "prints a line per file written, then the report's headline sentence.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("report: unexpected argument %q (files are given with --data)", fs.Arg(0))
	}
	cfg := reportConfig{Area: *area, Out: *out, Force: *force, Inputs: df.inputArgs()}
	var err error
	if cfg.Month, err = parseMonthFlag("month", *month); err != nil {
		return err
	}
	for _, f := range strings.Split(*formats, ",") {
		if f = strings.TrimSpace(f); f != "" {
			cfg.Formats = append(cfg.Formats, f)
		}
	}
	if _, err := report.ParseFormats(cfg.Formats); err != nil || len(cfg.Formats) == 0 {
		if err == nil {
			err = fmt.Errorf("no format given")
		}
		return usagef("--formats: %v", err)
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	for _, w := range ds.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return buildReport(ctx, ds, cfg, stdout)
}

// buildReport writes the report folder for ds as cfg says, prints the path
// of every file written, a line each, then the headline sentence.
func buildReport(ctx context.Context, ds *data.Dataset, cfg reportConfig, stdout io.Writer) error {
	area := ""
	if cfg.Area != "" {
		code, err := reportArea(ds, cfg.Area)
		if err != nil {
			return usagef("--area: %v", err)
		}
		area = code
	}
	opt := report.Options{
		Month: cfg.Month, Area: area, Formats: cfg.Formats, Force: cfg.Force,
		Command: reportCommand(ds, cfg), Version: version,
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r, err := report.Build(ds, opt)
	if err != nil {
		return err
	}
	files, err := r.WriteFolder(cfg.Out)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, r.Headline)
	return nil
}

// reportArea reads --area: the national code or the country's name, or an
// area p-code or name the area table knows.
func reportArea(ds *data.Dataset, s string) (string, error) {
	nat := ds.NationalCode()
	if strings.EqualFold(strings.TrimSpace(s), nat) {
		return nat, nil
	}
	if ds.Areas != nil {
		if strings.EqualFold(strings.TrimSpace(s), ds.Areas.Country.Name) {
			return nat, nil
		}
		a, err := ds.Areas.Lookup(s)
		if err != nil {
			return "", err
		}
		return a.Code, nil
	}
	return strings.TrimSpace(s), nil
}

// reportCommand is the command line that remakes the report, for
// metadata.json: the inputs and options, not the output folder, so that
// the folder's content does not depend on where it was written.
func reportCommand(ds *data.Dataset, cfg reportConfig) string {
	parts := []string{"casualty", "report"}
	if cfg.Inputs != nil {
		parts = append(parts, cfg.Inputs...)
	} else {
		for _, f := range ds.Files {
			if !strings.HasPrefix(f, "embedded:") {
				parts = append(parts, "--data", f)
			}
		}
	}
	if !cfg.Month.IsZero() {
		parts = append(parts, "--month", cfg.Month.String())
	}
	if cfg.Area != "" {
		parts = append(parts, "--area", cfg.Area)
	}
	if len(cfg.Formats) > 0 && strings.Join(cfg.Formats, ",") != strings.Join(report.Formats, ",") {
		parts = append(parts, "--formats", strings.Join(cfg.Formats, ","))
	}
	return strings.Join(parts, " ")
}
