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
		printDefaults(fs)
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
			wordLimits(err)
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
			wordLimits(err)
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
	list := fs.Bool("list-datasets", false, "list the embedded datasets with what they cover, and write nothing else")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: casualty data [flags]")
		fmt.Fprintln(fs.Output(), "\nWrites the figures in tidy form on stdout (the latest of each, or every vintage), to start a file from.")
		printDefaults(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *list {
		return writeDatasetList(stdout)
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
	df.warn(stderr, ds, scope{allAreas: true})
	if *format == "json" {
		return data.WriteJSON(stdout, ds.Obs)
	}
	return data.WriteTidyCSV(stdout, ds.Obs, *format == "hxl")
}

// writeDatasetList prints the embedded datasets, one paragraph each: name,
// source and what it covers, so a user can pick one with --dataset.
func writeDatasetList(w io.Writer) error {
	for i, c := range data.EmbeddedList() {
		if i > 0 {
			fmt.Fprintln(w)
		}
		def := ""
		if c.Set.Name == data.DefaultEmbedded {
			def = " (default)"
		}
		fmt.Fprintf(w, "%s%s: %s\n", c.Set.Name, def, c.Set.Summary)
		src := c.Set.Source
		if strings.HasPrefix(src.Publisher, src.Name) {
			fmt.Fprintf(w, "  source:   %s\n", src.Publisher)
		} else {
			fmt.Fprintf(w, "  source:   %s, published by %s\n", src.Name, src.Publisher)
		}
		fmt.Fprintf(w, "  months:   %s to %s, %d with national figures", c.From.Label(), c.To.Label(), c.Months)
		if len(c.Missing) > 0 {
			names := make([]string, len(c.Missing))
			for j, m := range c.Missing {
				names[j] = m.Short()
			}
			fmt.Fprintf(w, "; no figure for %s", strings.Join(names, ", "))
		}
		fmt.Fprintln(w)
		areas := "national figures only"
		if c.Areas > 0 {
			areas = fmt.Sprintf("national and %d first-level areas", c.Areas)
		}
		fmt.Fprintf(w, "  areas:    %s\n", areas)
		fmt.Fprintf(w, "  figures:  %d, every vintage, from %d publications\n", c.Figures, c.Publications)
		if ts := data.EmbeddedTotals(c.Set.Name); len(ts) > 0 {
			last := ts[len(ts)-1]
			fmt.Fprintf(w, "  totals:   %d running totals published, the newest to %s\n", len(ts), last.AsOf.Label())
		}
		fmt.Fprintf(w, "  counts:   %s\n", c.Set.Source.Counts)
	}
	return nil
}
