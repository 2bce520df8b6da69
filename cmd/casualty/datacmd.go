package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

func init() {
	register(command{name: "validate", summary: "load and check files of figures; a line per file", run: runValidate})
	register(command{name: "data", summary: "write the dataset in tidy form (CSV, HXL or JSON) to stdout", run: runData})
}

// runValidate loads each file and prints what it holds, or its errors.
// Every file is checked even after one fails; the exit status is 1 if any
// failed.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate", stderr)
	var df dataFlags
	df.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty validate [flags] FILE...")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := append([]string(df.files), fs.Args()...)
	if len(files) == 0 && df.store == "" && len(df.events) == 0 {
		return usagef("validate: name at least one FILE (or --store DIR, --events FILE)")
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	failed := 0
	// A store and event exports are checked as a whole, the way every
	// other command reads them.
	var wholes []string
	if df.store != "" {
		wholes = append(wholes, "store "+df.store)
	}
	for _, e := range df.events {
		wholes = append(wholes, "events "+e)
	}
	for _, w := range wholes {
		one := dataFlags{limits: df.limits, maxErrs: df.maxErrs, encoding: df.encoding}
		if name, ok := strings.CutPrefix(w, "store "); ok {
			one.store = name
		} else {
			one.events = stringList{strings.TrimPrefix(w, "events ")}
		}
		ds, err := one.load()
		if err != nil {
			failed++
			fmt.Fprintf(stdout, "%s: FAIL\n", w)
			fmt.Fprintln(stderr, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: %s\n", w, ds.Describe())
		for _, warn := range ds.Warnings {
			fmt.Fprintf(stdout, "  warning: %v\n", warn)
		}
	}
	for _, f := range files {
		ds, err := data.LoadFile(f, opt)
		if err != nil {
			failed++
			fmt.Fprintf(stdout, "%s: FAIL\n", f)
			fmt.Fprintln(stderr, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok, %s: %s\n", f, ds.Format, ds.Describe())
		for _, w := range ds.Warnings {
			fmt.Fprintf(stdout, "  warning: %v\n", w)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs failed validation", failed, len(files)+len(wholes))
	}
	return nil
}

// runData writes the dataset in tidy form, so users can start their own
// file from it.
func runData(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data", stderr)
	var df dataFlags
	df.register(fs)
	format := fs.String("format", "csv", "output `format`: csv, hxl or json")
	all := fs.Bool("all-vintages", false, "write every vintage of every figure, not only the latest")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("data: unexpected argument %q (files are given with --data)", fs.Arg(0))
	}
	switch *format {
	case "csv", "hxl", "json":
	default:
		return usagef("--format must be csv, hxl or json, got %q", *format)
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	if !*all {
		ds = ds.Latest()
	}
	for _, w := range ds.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if *format == "json" {
		return data.WriteJSON(stdout, ds.Obs)
	}
	return data.WriteTidyCSV(stdout, ds.Obs, *format == "hxl")
}
