package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/report/table"
	"github.com/casualty-tool/casualty/stats"
)

func init() {
	register(command{name: "trend", summary: "a row per month: count, per day, change with its interval, year on year, rolling means, cumulative", run: runTrend})
}

// statsFlags are the flags shared by trend and compare: what to measure
// and how sure to be.
type statsFlags struct {
	area    string
	metric  string
	level   float64
	minBase int64
}

func (s *statsFlags) register(fs *flag.FlagSet) {
	def := stats.DefaultOptions()
	fs.StringVar(&s.area, "area", "", "area p-code or `NAME` (default: the national total)")
	fs.StringVar(&s.metric, "metric", string(data.Casualties), "`METRIC`: casualties (killed + injured), killed, injured, children_killed, ...")
	fs.Float64Var(&s.level, "level", def.Level, "confidence `LEVEL` of intervals, between 0 and 1")
	fs.Int64Var(&s.minBase, "min-base", def.MinBase, "give no % change on a base below `N`")
}

// resolve checks the flag values against the data: the area code, the
// metric, the options.
func (s *statsFlags) resolve(ds *data.Dataset) (area string, m data.Metric, opt stats.Options, err error) {
	opt = stats.DefaultOptions()
	if !(s.level > 0 && s.level < 1) {
		return "", "", opt, usagef("--level must lie between 0 and 1 (0.95 for 95%%), got %v", s.level)
	}
	if s.minBase < 0 {
		return "", "", opt, usagef("--min-base must be 0 or more, got %d", s.minBase)
	}
	opt.Level, opt.MinBase = s.level, s.minBase
	m, err = data.ParseMetric(s.metric)
	if err != nil {
		return "", "", opt, usagef("--metric: %v", err)
	}
	if area, err = ds.ResolveArea(s.area); err != nil {
		return "", "", opt, usagef("--area: %v", err)
	}
	return area, m, opt, nil
}

// parseInterspersed parses flags that may come after the arguments
// (`casualty compare 2025-02 2025-03 --format json`) and returns the
// arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// runTrend prints a month-by-month table of one area's metric.
func runTrend(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("trend", stderr)
	var df dataFlags
	df.register(fs)
	var sf statsFlags
	sf.register(fs)
	from := fs.String("from", "", "first month `YYYY-MM` (default: the first with a figure)")
	to := fs.String("to", "", "last month `YYYY-MM` (default: the last with a figure)")
	windows := fs.String("windows", "3,12", "rolling-mean windows in months, comma-separated `LIST`")
	format := fs.String("format", "text", "output `FORMAT`: text, csv, json or markdown")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty trend [flags]")
		fmt.Fprintln(stderr, "\nA row per month, from the latest figures: count (≥ at least), days, per day, change on the")
		fmt.Fprintln(stderr, "previous month (raw and per day, with its exact Poisson interval and ↑ ↓ ~ verdict), year on")
		fmt.Fprintln(stderr, "year, rolling means and the cumulative total. CSV and JSON are exact; CSV warnings go to stderr.")
		fmt.Fprintln(stderr, "\nexample: casualty trend --from 2024-10 --to 2025-03")
		printDefaults(fs)
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("trend: unexpected argument %q (months are given with --from and --to)", pos[0])
	}
	switch *format {
	case "text", "csv", "json", "markdown", "md":
	default:
		return usagef("--format must be text, csv, json or markdown, got %q", *format)
	}
	fm, err := parseMonthFlag("from", *from)
	if err != nil {
		return err
	}
	tm, err := parseMonthFlag("to", *to)
	if err != nil {
		return err
	}
	if !fm.IsZero() && !tm.IsZero() && tm.Before(fm) {
		return usagef("--from %s is after --to %s", fm, tm)
	}
	var wins []int
	for _, f := range strings.Split(*windows, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > 120 {
			return usagef("--windows must be whole numbers of months from 1 to 120, got %q", f)
		}
		wins = append(wins, n)
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	area, m, opt, err := sf.resolve(ds)
	if err != nil {
		return err
	}
	opt.Windows = wins
	t, err := stats.ComputeTrend(ds, area, m, fm, tm, opt)
	if err != nil {
		return err
	}
	df.warn(stderr, ds, scope{area: area, metrics: []data.Metric{m}, from: fm, to: tm})
	name := ds.AreaName(area)
	switch *format {
	case "csv":
		// The table's own warnings are footnotes in text and Markdown and a
		// field in JSON; CSV has no place for them, so they go to stderr,
		// one line for each thing said of several months (--quiet: none).
		if !df.quiet {
			for _, line := range groupByMonth(t.Warnings) {
				fmt.Fprintln(stderr, "warning:", line)
			}
		}
		return table.WriteTrendCSV(stdout, t)
	case "json":
		return table.WriteTrendJSON(stdout, t)
	case "markdown", "md":
		return table.Trend(t, name).WriteMarkdown(stdout)
	}
	return table.Trend(t, name).WriteText(stdout)
}
