package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// newFlagSet makes a subcommand's flag set: errors are returned, not
// printed and exited on, so run decides the exit status.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("casualty "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args and turns flag errors into usage errors (exit 2).
// --help prints the flags and is not an error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return &usageError{} // the flag package has printed the problem
	}
	return nil
}

// errHelp ends a command that printed its help.
var errHelp = errors.New("help")

// stringList is a repeatable string flag (--data a.csv --data b.csv).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// dataFlags are the flags of every command that reads figures.
type dataFlags struct {
	files    stringList
	events   stringList
	where    stringList // --where COLUMN=VALUE: rows of the --events files to count
	store    string     // --store DIR: read a store of publications (see store.go)
	asOf     string
	formatIn string
	sheet    string
	encoding string
	quiet    bool // --quiet: no warnings about the data
	limits   data.Limits
	maxErrs  int
	dataset  string    // --dataset NAME: an embedded dataset ("" is the default, hrmmu)
	country  string    // --country CODE: the area table for files that do not say
	source   string    // --source NAME: who published the --data files' figures
	notes    io.Writer // where a note about the data read goes (the command's standard error)
}

// embeddedName is the --data value that names the embedded dataset, so
// that --data embedded --data feb2026.csv adds a month to it.
const embeddedName = "embedded"

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.Var(&d.files, "data", "read figures from `FILE` (repeatable; files merge); \"embedded\" names the embedded dataset --dataset names, the default")
	fs.StringVar(&d.dataset, "dataset", "", "use the embedded dataset `NAME`: "+strings.Join(data.EmbeddedNames(), " or ")+" (default "+data.DefaultEmbedded+"; see casualty data --list-datasets)")
	fs.StringVar(&d.source, "source", "", "declare who published the --data files' figures: hrmmu, unami or acled (a mission's figures are then all \"at least\")")
	fs.StringVar(&d.country, "country", "", "read area names and p-codes of --data files as those of country `CODE` (UA, IQ, ...) when the files do not say")
	// data and validate read the files as given, which says what they
	// read; the commands that report on a series say when it is not the
	// embedded one.
	if n := fs.Name(); n != "casualty data" && n != "casualty validate" {
		d.notes = fs.Output()
	}
	fs.Var(&d.events, "events", "read an event-level export (ACLED columns) from `FILE`, summed into monthly figures per area (repeatable; see casualty aggregate)")
	fs.Var(&d.where, "where", "with --events, count only rows whose `COLUMN=VALUE` (repeatable; values of one column are alternatives, different columns must all match); the filter is named in the output")
	fs.StringVar(&d.store, "store", "", "read every publication of the store in `DIR` (see casualty init, ingest)")
	fs.StringVar(&d.asOf, "as-of", "", "see the data as published by `YYYY-MM-DD`")
	fs.StringVar(&d.formatIn, "format-in", "", "force the input format: tidy, wide, hxl, xlsx or cumulative")
	fs.StringVar(&d.sheet, "sheet", "", "workbook `SHEET` to read (default: the first visible one)")
	fs.BoolVar(&d.quiet, "quiet", false, "print no warnings about the data (errors are still printed)")
	fs.StringVar(&d.encoding, "encoding", "", "input text encoding: utf-8 (default), utf-16, windows-1251, windows-1252")
	fs.Int64Var(&d.limits.MaxBytes, "max-bytes", data.DefaultLimits.MaxBytes, "refuse input files larger than `N` bytes")
	fs.IntVar(&d.limits.MaxRows, "max-rows", data.DefaultLimits.MaxRows, "refuse input with more than `N` data rows")
	fs.IntVar(&d.limits.MaxLineBytes, "max-line-bytes", data.DefaultLimits.MaxLineBytes, "refuse text lines longer than `N` bytes")
	fs.Int64Var(&d.limits.MaxXLSXBytes, "max-xlsx-bytes", data.DefaultLimits.MaxXLSXBytes, "refuse workbooks that expand past `N` bytes")
	fs.IntVar(&d.limits.MaxXLSXFiles, "max-xlsx-entries", data.DefaultLimits.MaxXLSXFiles, "refuse workbooks with more than `N` zip entries")
	fs.IntVar(&d.maxErrs, "max-errors", data.DefaultMaxErrors, "list at most `N` input errors, then count the rest")
}

// options checks the flag values and returns the load options.
func (d *dataFlags) options() (data.LoadOptions, error) {
	opt := data.LoadOptions{Sheet: d.sheet, Encoding: d.encoding, Limits: d.limits, MaxErrors: d.maxErrs}
	if d.source != "" {
		if _, err := data.SourceByID(d.source); err != nil {
			return opt, usagef("--source: %v", err)
		}
	}
	if d.country != "" {
		t, err := data.Areas(d.country)
		if err != nil {
			return opt, usagef("--country: %v", err)
		}
		opt.Areas = t
	}
	// A zero or negative limit would silently mean "the default" below;
	// say so instead.
	for _, l := range []struct {
		flag string
		v    int64
	}{
		{"max-bytes", d.limits.MaxBytes}, {"max-rows", int64(d.limits.MaxRows)}, {"max-line-bytes", int64(d.limits.MaxLineBytes)},
		{"max-xlsx-bytes", d.limits.MaxXLSXBytes}, {"max-xlsx-entries", int64(d.limits.MaxXLSXFiles)}, {"max-errors", int64(d.maxErrs)},
	} {
		if l.v <= 0 {
			return opt, usagef("--%s must be a positive whole number, got %d", l.flag, l.v)
		}
	}
	if d.formatIn != "" {
		ok := false
		for _, f := range data.Formats {
			if string(f) == d.formatIn {
				ok = true
			}
		}
		if !ok {
			return opt, usagef("--format-in must be one of tidy, wide, hxl, xlsx, cumulative; got %q", d.formatIn)
		}
		opt.Format = data.Format(d.formatIn)
	}
	return opt, nil
}

// load reads the figures the flags name: the files merged, or the embedded
// dataset, seen as of --as-of.
func (d *dataFlags) load() (_ *data.Dataset, err error) {
	opt, err := d.options()
	if err != nil {
		return nil, err
	}
	var ds *data.Dataset
	if d.dataset != "" && (d.store != "" || len(d.files) > 0 && !slices.Contains(d.files, embeddedName)) {
		return nil, usagef("--dataset selects an embedded dataset; it cannot be combined with --store, or with --data files unless --data %s adds them to it", embeddedName)
	}
	embeddedSet := d.dataset
	if embeddedSet == "" {
		embeddedSet = data.DefaultEmbedded
	}
	if d.store != "" {
		if ds, err = d.loadStore(); err != nil {
			return nil, err
		}
	} else if len(d.files) == 0 && (len(d.events) == 0 || d.dataset != "") {
		name := d.dataset
		if name == "" {
			name = data.DefaultEmbedded
		}
		if ds, err = data.Embedded(name); err != nil {
			return nil, usagef("--dataset: %v", err)
		}
	} else {
		var sets []*data.Dataset
		embedded := false
		for _, f := range d.files {
			if f == embeddedName {
				if !embedded {
					e, err := data.Embedded(embeddedSet)
					if err != nil {
						return nil, usagef("--dataset: %v", err)
					}
					sets = append(sets, e)
				}
				embedded = true
				continue
			}
			s, err := data.LoadFile(f, opt)
			if err != nil {
				return nil, err
			}
			sets = append(sets, s)
		}
		defer func() {
			if !embedded && len(d.files) > 0 && d.notes != nil && err == nil && !d.quiet {
				fmt.Fprintf(d.notes, "note: the embedded %s series is not included (--data replaces it); add --data %s to include it\n", data.EmbeddedLabel(embeddedSet), embeddedName)
			}
		}()
		ds, err = data.Merge(sets...)
		if err != nil {
			return nil, err
		}
	}
	if d.source != "" {
		if len(d.files) == 0 && d.store == "" {
			return nil, usagef("--source declares who published the --data files or the --store's figures; name them with --data or --store")
		}
		src, _ := data.SourceByID(d.source) // checked by options
		ds = ds.WithSource(src)
	}
	if ds, err = d.withEvents(ds, opt.Areas); err != nil {
		return nil, err
	}
	if d.asOf != "" {
		date, err := data.ParseDate(d.asOf)
		if err != nil {
			return nil, usagef("--as-of: %v", err)
		}
		ds = ds.AsOf(date)
		if len(ds.Obs) == 0 {
			return nil, fmt.Errorf("--as-of %s: nothing had been published by then", d.asOf)
		}
	}
	return ds, nil
}

// parseMonthFlag reads a --month style flag value.
func parseMonthFlag(flagName, v string) (data.Month, error) {
	if v == "" {
		return data.Month{}, nil
	}
	m, err := data.ParseMonth(v)
	if err != nil {
		return m, usagef("--%s must be YYYY-MM, got %q", flagName, v)
	}
	return m, nil
}

func nearestName(s string, names []string) string { return data.Nearest(s, names) }

// printDefaults lists fs's flags as flag.PrintDefaults does, with the
// limits on input (--max-*) gathered under a heading of their own at the
// end, since every command that reads files has the same ones.
func printDefaults(fs *flag.FlagSet) {
	w := fs.Output()
	if ex, ok := examples[strings.TrimPrefix(fs.Name(), "casualty ")]; ok {
		fmt.Fprintf(w, "\nexample: %s\n\n", ex)
	}
	var limits []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, "max-") {
			limits = append(limits, f)
			return
		}
		printFlag(w, f)
	})
	if len(limits) > 0 {
		fmt.Fprintln(w, "\nlimits on input (each refusal names the flag that raises it):")
		for _, f := range limits {
			printFlag(w, f)
		}
	}
}

// printFlag writes one flag in flag.PrintDefaults's layout.
func printFlag(w io.Writer, f *flag.Flag) {
	name, usage := flag.UnquoteUsage(f)
	line := "  -" + f.Name
	if name != "" {
		line += " " + name
	}
	if len(line) <= 4 { // a one-letter flag with no value name fits on its line
		line += "\t"
	} else {
		line += "\n    \t"
	}
	line += strings.ReplaceAll(usage, "\n", "\n    \t")
	if d := f.DefValue; d != "" && d != "false" && d != "0" {
		if g, ok := f.Value.(flag.Getter); ok {
			if _, isString := g.Get().(string); isString {
				d = strconv.Quote(d)
			}
		}
		line += " (default " + d + ")"
	}
	fmt.Fprintln(w, line)
}

// limitFlags are the flags that raise each of data's limits.
var limitFlags = map[string]string{
	"MaxBytes": "max-bytes", "MaxRows": "max-rows", "MaxLineBytes": "max-line-bytes",
	"MaxXLSXBytes": "max-xlsx-bytes", "MaxXLSXFiles": "max-xlsx-entries", "MaxErrors": "max-errors",
}

// wordLimits words every data.LimitError within err with the flag that
// raises its limit: data names its limits, the command names its flags.
func wordLimits(err error) {
	if err == nil {
		return
	}
	if le, ok := err.(*data.LimitError); ok {
		if f, ok := limitFlags[le.Limit]; ok {
			le.Raise = "raise the limit with --" + f
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		wordLimits(u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			wordLimits(e)
		}
	}
}
