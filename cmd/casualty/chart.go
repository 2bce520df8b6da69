package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
	"github.com/casualty-tool/casualty/report/chart"
	"github.com/casualty-tool/casualty/stats"
)

func init() {
	register(command{name: "chart", summary: "draw one chart (monthly, per-day, change, cumulative, areas, same-month) as PNG, SVG or PDF", run: runChart})
}

// runChart draws one chart and writes it, atomically, to --out; the
// format comes from the file's extension. It prints the file written and
// the chart's title, which states its finding.
func runChart(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("chart", stderr)
	var df dataFlags
	df.register(fs)
	kinds := make([]string, len(chart.Kinds))
	for i, k := range chart.Kinds {
		kinds[i] = string(k)
	}
	kind := fs.String("kind", "", "the chart to draw: `KIND` is one of "+strings.Join(kinds, ", "))
	out := fs.String("out", "", "write the chart to `FILE`, a .png, .svg or .pdf (the extension picks the format)")
	area := fs.String("area", "", "draw the area with this p-code or `NAME` (default: the national total)")
	from := fs.String("from", "", "first month drawn, `YYYY-MM` (default: the first with figures)")
	to := fs.String("to", "", "last month drawn, `YYYY-MM` (default: the last with figures)")
	month := fs.String("month", "", "the month the title's finding is about, `YYYY-MM` (default: the last month drawn)")
	dpi := fs.Int("dpi", chart.DefaultDPI, "PNG resolution in dots per inch; the default prints at twice screen resolution")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty chart --kind KIND --out FILE.png|FILE.svg|FILE.pdf [flags]")
		fmt.Fprintln(stderr, "\nDraws one chart of the figures and writes it to FILE, replacing it only once the chart is complete.")
		printDefaults(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("chart: unexpected argument %q (files are given with --data)", fs.Arg(0))
	}
	if *kind == "" {
		return usagef("chart: --kind is required (one of %s)", strings.Join(kinds, ", "))
	}
	k, err := chart.ParseKind(*kind)
	if err != nil {
		return usagef("--kind: %v", err)
	}
	if *out == "" {
		return usagef("chart: --out is required: a file ending in .png, .svg or .pdf")
	}
	format, ok := chart.FormatOf(*out)
	if !ok {
		return usagef("--out %q: cannot tell the format from the extension; want a file ending in .png, .svg or .pdf", *out)
	}
	if *dpi < 1 || *dpi > 1200 {
		return usagef("--dpi must be between 1 and 1200, got %d", *dpi)
	}
	in := chart.Input{}
	for _, f := range []struct {
		name, v string
		m       *data.Month
	}{{"from", *from, &in.From}, {"to", *to, &in.To}, {"month", *month, &in.Month}} {
		if *f.m, err = parseMonthFlag(f.name, f.v); err != nil {
			return err
		}
	}
	if !in.From.IsZero() && !in.To.IsZero() && in.To.Before(in.From) {
		return usagef("--from %s is after --to %s", in.From, in.To)
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	df.warn(stderr, ds, scope{area: in.Area, metrics: []data.Metric{data.Casualties}, from: in.From, to: in.To})
	in.Data = ds
	if *area != "" {
		if in.Area, err = ds.ResolveArea(*area); err != nil {
			return usagef("--area: %v", err)
		}
	}
	// The national total of data that hold only areas' figures is refused
	// here as by every other command (stats.Area), never summed. The
	// areas chart draws the areas themselves and needs no national total.
	if k != chart.Areas {
		if in.Area, err = stats.Area(ds, in.Area); err != nil {
			return err
		}
		// A month asked for outside the data is refused, saying why, not
		// drawn as the nearest month there is.
		for _, mo := range []data.Month{in.From, in.To, in.Month} {
			if mo.IsZero() {
				continue
			}
			if err := stats.InData(ds, in.Area, data.Casualties, mo); err != nil {
				return err
			}
		}
	}
	c, err := chart.New(k, in)
	if err != nil {
		return fmt.Errorf("%s chart: %w", k, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Draw fully before opening the file, so a failure leaves nothing.
	w, err := c.WriterTo(format, chart.WriteOptions{DPI: *dpi})
	if err != nil {
		return fmt.Errorf("%s chart: %w", k, err)
	}
	if err := atomicfile.Write(*out, func(f io.Writer) error { _, err := w.WriteTo(f); return err }); err != nil {
		return err
	}
	fmt.Fprintln(stdout, *out)
	fmt.Fprintln(stdout, c.Title)
	return nil
}
