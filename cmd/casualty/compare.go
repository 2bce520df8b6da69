package main

import (
	"context"
	"fmt"
	"io"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/report/table"
	"github.com/casualty-tool/casualty/stats"
)

func init() {
	register(command{name: "compare", summary: "compare two months or ranges: counts, per-day rates, intervals, verdict, sentence", run: runCompare})
}

// runCompare compares one area's metric over two months or two ranges of
// months.
func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", stderr)
	var df dataFlags
	df.register(fs)
	var sf statsFlags
	sf.register(fs)
	latest := fs.Bool("latest-vintages", false, "take each month's latest vintage instead of both from the newest publication that has both")
	format := fs.String("format", "text", "output `FORMAT`: text, json, markdown, or sentence (the analyst's paragraph alone)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty compare [flags] FROM TO")
		fmt.Fprintln(stderr, "\nFROM and TO are months (2025-03) or ranges of months (2024-01..2024-09). Both are taken from")
		fmt.Fprintln(stderr, "the newest publication that gives them all (like with like), unless --latest-vintages.")
		fmt.Fprintln(stderr, "\nexample: casualty compare 2025-02 2025-03")
		printDefaults(fs)
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("compare: want FROM and TO (months such as 2025-02 2025-03, or ranges such as 2024-01..2024-09), got %d argument(s)", len(pos))
	}
	switch *format {
	case "text", "json", "markdown", "md", "sentence":
	default:
		return usagef("--format must be text, json, markdown or sentence, got %q", *format)
	}
	var periods [2]stats.Period
	for i, a := range pos {
		p, err := stats.ParsePeriod(a)
		if err != nil {
			return usagef("%s: %v", []string{"FROM", "TO"}[i], err)
		}
		periods[i] = p
	}
	// Two periods that share a month are not two samples: refused before
	// any data are read.
	if err := stats.Overlap(periods[0], periods[1]); err != nil {
		return usagef("compare: %v", err)
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	area, m, opt, err := sf.resolve(ds)
	if err != nil {
		return err
	}
	opt.LatestVintages = *latest
	// The periods are the user's: a month with no figure is refused,
	// saying why, never compared as a zero.
	opt.RefuseGaps = true
	c, err := stats.Compare(ds, area, m, periods[0], periods[1], opt)
	if err != nil {
		return err
	}
	sc := scope{area: area, metrics: []data.Metric{m}, from: periods[0].From, to: periods[1].To}
	if periods[1].From.Before(sc.from) {
		sc.from, sc.to = periods[1].From, periods[0].To
	}
	df.warn(stderr, ds, sc)
	name := ds.AreaName(area)
	switch *format {
	case "json":
		return table.WriteComparisonJSON(stdout, c)
	case "markdown", "md":
		return table.Comparison(c, name).WriteMarkdown(stdout)
	case "sentence":
		_, err := fmt.Fprintln(stdout, c.Sentence)
		return err
	}
	return table.Comparison(c, name).WriteText(stdout)
}
