package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/events"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

func init() {
	register(command{name: "aggregate", summary: "sum an event-level export (ACLED) into monthly figures per area", run: runAggregate})
}

// eventFlags are the flags that say how to read an event file.
type eventFlags struct {
	cols    events.Columns
	where   stringList
	skipBad bool
	maxErrs int
	workers int
}

func (e *eventFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&e.cols.Date, "date-col", events.DefaultColumns.Date, "event date column `NAME`")
	fs.StringVar(&e.cols.Area, "area-col", events.DefaultColumns.Area, "admin-1 area column `NAME`")
	fs.StringVar(&e.cols.Killed, "killed-col", events.DefaultColumns.Killed, "people killed column `NAME`")
	fs.StringVar(&e.cols.Injured, "injured-col", "", "people injured column `NAME` (default: injured, if the file has one)")
	fs.Var(&e.where, "where", "count only rows whose `COLUMN=VALUE` (repeatable; values of one column are alternatives, different columns must all match)")
	fs.BoolVar(&e.skipBad, "skip-bad", false, "skip unreadable rows and unknown areas instead of failing; the count goes into the figures' notes")
	fs.IntVar(&e.maxErrs, "max-errors", data.DefaultMaxErrors, "list at most `N` bad rows, then count the rest")
	fs.IntVar(&e.workers, "workers", 0, "parse on `N` goroutines (default: one per CPU)")
}

func (e *eventFlags) options() (events.Options, error) {
	opt := events.Options{Columns: e.cols, SkipBad: e.skipBad, MaxErrors: e.maxErrs, Workers: e.workers}
	for _, w := range e.where {
		f, err := events.ParseFilter(w)
		if err != nil {
			return opt, usagef("--where: %v", err)
		}
		opt.Where = append(opt.Where, f)
	}
	return opt, nil
}

// runAggregate sums an event file into monthly figures and writes them as
// a tidy CSV with the events behind each figure.
func runAggregate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("aggregate", stderr)
	var ef eventFlags
	ef.register(fs)
	out := fs.String("out", "", "write the figures to `FILE` (default: stdout)")
	storeDir := fs.String("store", "", "add the figures to the store in `DIR` as one publication (needs --published)")
	lockTimeout := fs.Duration("lock-timeout", 30*time.Second, "with --store: wait at most `D` for another ingest to finish")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` written on every figure")
	pubName := fs.String("publication", "", "publication `NAME` written on every figure")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty aggregate [flags] EVENTS.csv")
		printDefaults(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("aggregate: name one event file (got %d arguments)", fs.NArg())
	}
	opt, err := ef.options()
	if err != nil {
		return err
	}
	pub := data.Publication{Name: *pubName}
	if *published != "" {
		d, err := data.ParseDate(*published)
		if err != nil {
			return usagef("--published: %v", err)
		}
		pub.Date = d
	}
	if *storeDir != "" && pub.Date.IsZero() {
		return usagef("aggregate: --store needs --published YYYY-MM-DD, the date of the export, so later exports become later vintages")
	}
	path := fs.Arg(0)
	bar := newProgress(path, stderr)
	if bar != nil {
		opt.Progress = bar.update
	}
	res, err := events.AggregateFile(ctx, path, opt)
	bar.finish()
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		wordLimits(w)
		fmt.Fprintln(stderr, "warning:", w)
	}
	if pub.Name == "" && *storeDir == "" {
		// Unnamed, the export is the publication, as with --events: its
		// file and filter name the figures wherever they are cited.
		pub.Name = res.Describe()
	}
	ds, err := res.Dataset(pub, nil)
	if err != nil {
		return err // a publication dated before the events, say
	}
	write := func(w io.Writer) error { return events.WriteCSV(w, res, pub) }
	if *out != "" {
		if err := atomicfile.Write(*out, write); err != nil {
			return err
		}
	}
	if *storeDir != "" {
		return storeEvents(ctx, *storeDir, ds, pub, *lockTimeout, stdout, stderr)
	}
	if *out == "" {
		return write(stdout)
	}
	return nil
}

// storeEvents adds the aggregated figures to a store as one publication,
// under the store's lock, and says what changed.
func storeEvents(ctx context.Context, dir string, ds *data.Dataset, pub data.Publication, timeout time.Duration, stdout, stderr io.Writer) error {
	s, err := store.Open(dir)
	if err != nil {
		return err
	}
	unlock, err := s.Lock(ctx, timeout, func() {
		fmt.Fprintf(stderr, "waiting up to %s for another ingest on %s to finish\n", timeout, dir)
	})
	if err != nil {
		return err
	}
	defer unlock()
	plan, err := s.Ingest(ds, pub, store.Options{})
	if err != nil {
		return err
	}
	if plan.Same {
		fmt.Fprintf(stdout, "%s is in %s already with these %d figures; nothing changed\n", plan.Pub, dir, len(plan.Obs))
		return nil
	}
	fmt.Fprintf(stdout, "%s: %d figures stored in %s: %d new, %d revised, %d unchanged\n",
		plan.Pub, len(plan.Obs), dir, len(plan.Added), len(plan.Revised), plan.Unchanged)
	return nil
}

// progress shows bytes read, rows a second and time left on a terminal.
type progress struct {
	bar   *progressbar.ProgressBar
	start time.Time
	last  time.Time
}

// newProgress returns a progress bar for reading path when stderr is a
// terminal, else nil (every method of a nil progress does nothing).
func newProgress(path string, stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil || st.Size() < 8<<20 {
		return nil // small files finish before a bar is worth drawing
	}
	bar := progressbar.NewOptions64(st.Size(),
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	now := time.Now()
	return &progress{bar: bar, start: now, last: now}
}

func (p *progress) update(pr events.Progress) {
	p.bar.Set64(pr.Bytes)
	if now := time.Now(); now.Sub(p.last) > 200*time.Millisecond {
		p.last = now
		rate := float64(pr.Rows) / now.Sub(p.start).Seconds()
		p.bar.Describe(fmt.Sprintf("%.1fM rows, %.1fM rows/s", float64(pr.Rows)/1e6, rate/1e6))
	}
}

func (p *progress) finish() {
	if p != nil {
		p.bar.Finish()
	}
}

// withEvents adds the figures of the --events files to ds (nil or empty
// when only event files were named). Event files are read with ACLED's
// columns and fail on any bad row: `casualty aggregate` has the flags to
// read other columns or skip bad rows.
// areas is the area table --country named (nil: the default, Ukraine's).
func (d *dataFlags) withEvents(ds *data.Dataset, areas *data.AreaTable) (*data.Dataset, error) {
	if len(d.events) == 0 {
		if len(d.where) > 0 {
			return nil, usagef("--where filters the rows of --events files; no --events file was given")
		}
		return ds, nil
	}
	if d.store != "" {
		// As with --data: a store's figures are publications with dates,
		// and undated event sums beside them would blur which is which.
		return nil, usagef("--store and --events cannot be combined: add the events to the store with `casualty aggregate --store DIR --published YYYY-MM-DD FILE`, or read the file alone")
	}
	opt := events.Options{MaxErrors: d.maxErrs, Areas: areas}
	for _, w := range d.where {
		f, err := events.ParseFilter(w)
		if err != nil {
			return nil, usagef("--where: %v", err)
		}
		opt.Where = append(opt.Where, f)
	}
	var sets []*data.Dataset
	if ds != nil && len(ds.Obs) > 0 {
		// Only files with figures: an empty set would bring its default
		// area table (Ukraine's) ahead of the one --country names.
		sets = append(sets, ds)
	}
	for _, f := range d.events {
		res, err := events.AggregateFile(context.Background(), f, opt)
		if err != nil {
			return nil, err
		}
		// The export is the figures' publication: its name says the
		// file and the filter applied, so every output that cites a
		// publication names them ("acled.csv, rows where event_type is
		// \"Battles\"").
		s, err := res.Dataset(data.Publication{Name: res.Describe()}, areas)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return data.Merge(sets...)
}
