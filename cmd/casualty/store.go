package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/stats"
)

func init() {
	register(command{name: "init", summary: "create a store of publications (--from-embedded seeds it), or --repair its index", run: runInit})
	register(command{name: "ingest", summary: "add a publication's file to a store and show what it changed", run: runIngest})
	register(command{name: "revisions", summary: "every vintage of each figure, with its change from the one before", run: runRevisions})
}

// loadStore reads the dataset of --store: every vintage of every stored
// publication. Problems with the store's index are warnings (the figures
// come from the publication files).
func (d *dataFlags) loadStore() (*data.Dataset, error) {
	if len(d.files) > 0 {
		return nil, usagef("--store and --data cannot be combined: ingest the file into the store, or read the file alone")
	}
	s, err := store.Open(d.store)
	if err != nil {
		return nil, err
	}
	ds, err := s.Load()
	if err != nil {
		return nil, err
	}
	// Name the files with their path, so that a report's "made with"
	// command line (--data FILE...) remakes the same dataset.
	for i, f := range ds.Files {
		ds.Files[i] = filepath.Join(d.store, store.PubDir, f)
	}
	return ds, nil
}

// runInit creates a store, or rebuilds its index.
func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", stderr)
	dir := fs.String("store", "", "create the store in `DIR` (required)")
	seed := fs.Bool("from-embedded", false, "seed the store with the embedded HRMMU dataset, one file per publication")
	repair := fs.Bool("repair", false, "rebuild the index of an existing store from its publication files")
	lockTimeout := fs.Duration("lock-timeout", 30*time.Second, "with --repair: wait at most `D` for an ingest to finish")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty init --store DIR [--from-embedded]")
		fmt.Fprintln(stderr, "       casualty init --repair --store DIR")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("init: unexpected argument %q", fs.Arg(0))
	case *dir == "":
		return usagef("init: --store DIR is required")
	case *repair && *seed:
		return usagef("init: --repair and --from-embedded cannot be combined")
	}
	if *repair {
		s, err := store.OpenForRepair(*dir)
		if err != nil {
			return err
		}
		unlock, err := s.Lock(ctx, *lockTimeout, waitingMessage(stderr, s, *lockTimeout))
		if err != nil {
			return err
		}
		defer unlock()
		st, err := s.Repair()
		if err != nil {
			return err
		}
		for _, p := range st.Problems {
			fmt.Fprintln(stdout, "repaired:", p)
		}
		for _, t := range st.Temps {
			fmt.Fprintln(stdout, "removed an interrupted write:", t)
		}
		fmt.Fprintf(stdout, "store %s: %d publications, %d figures, index up to date\n", *dir, st.Publications, st.Figures)
		return nil
	}
	var ds *data.Dataset
	if *seed {
		ds = data.Default()
	}
	s, err := store.Init(*dir, ds)
	if err != nil {
		return err
	}
	st, err := s.Check()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created store %s: %d publications, %d figures\n", *dir, st.Publications, st.Figures)
	return nil
}

// waitingMessage tells the user that the store is busy.
func waitingMessage(stderr io.Writer, s *store.Store, timeout time.Duration) func() {
	return func() {
		fmt.Fprintf(stderr, "casualty: store %s is locked by another ingest; waiting up to %s...\n", s.Dir, timeout)
	}
}

// runIngest adds one file to the store as one publication.
func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", stderr)
	dir := fs.String("store", "", "the store's `DIR` (required)")
	published := fs.String("published", "", "the publication's date, `YYYY-MM-DD`, for rows that give none")
	name := fs.String("name", "", "the publication's name (\"HRMMU update\"), for rows that give none")
	replace := fs.Bool("replace", false, "replace a publication stored already with different figures (a corrected release)")
	allowDrop := fs.Bool("allow-drop", false, "with --replace: accept that figures the stored version gave are missing")
	lockTimeout := fs.Duration("lock-timeout", 30*time.Second, "wait at most `D` for another ingest on the store to finish")
	dryRun := fs.Bool("dry-run", false, "show what the ingest would change, and write nothing")
	var df dataFlags
	fs.StringVar(&df.formatIn, "format-in", "", "force the input format: tidy, wide, hxl, xlsx or cumulative")
	fs.StringVar(&df.sheet, "sheet", "", "workbook `SHEET` to read (default: the first visible one)")
	fs.StringVar(&df.encoding, "encoding", "", "input text encoding: utf-8 (default), utf-16, windows-1251, windows-1252")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty ingest --store DIR --published YYYY-MM-DD [--name TEXT] FILE")
		fmt.Fprintln(stderr, "\nStores FILE (any format casualty reads) as one publication and prints what it changed:")
		fmt.Fprintln(stderr, "new months, new figures, revised figures (old → new), unchanged figures.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *dir == "":
		return usagef("ingest: --store DIR is required")
	case fs.NArg() != 1:
		return usagef("ingest: name exactly one FILE (got %d); ingest each publication on its own", fs.NArg())
	case *allowDrop && !*replace:
		return usagef("ingest: --allow-drop only applies with --replace (a new publication drops nothing: figures it does not restate keep their earlier vintage)")
	}
	pub := data.Publication{Name: strings.TrimSpace(*name)}
	if *published != "" {
		d, err := data.ParseDate(*published)
		if err != nil {
			return usagef("--published: %v", err)
		}
		pub.Date = d
	}
	df.limits, df.maxErrs = data.DefaultLimits, data.DefaultMaxErrors
	opt, err := df.options()
	if err != nil {
		return err
	}
	opt.Publication = pub
	s, err := store.Open(*dir)
	if err != nil {
		return err
	}
	file := fs.Arg(0)
	plan, err := ingestFile(ctx, s, file, pub, opt, store.Options{Replace: *replace, AllowDrop: *allowDrop}, *lockTimeout, *dryRun, stderr)
	if err != nil {
		return err
	}
	ds, err := s.Load()
	if err != nil {
		return err
	}
	if *dryRun && !plan.Same && !plan.Replaces {
		// The store as it would be, for the changes printed.
		if ds, err = data.Merge(ds, &data.Dataset{Obs: plan.Obs}); err != nil {
			return err
		}
	}
	printPlan(stdout, plan, file, ds, s, *dryRun)
	return nil
}

// ingestFile loads file and ingests it under the store's lock (or, for a
// dry run, only plans the ingest).
func ingestFile(ctx context.Context, s *store.Store, file string, pub data.Publication, opt data.LoadOptions, sopt store.Options, timeout time.Duration, dryRun bool, stderr io.Writer) (*store.Plan, error) {
	in, err := data.LoadFile(file, opt)
	if err != nil {
		return nil, err
	}
	for _, w := range in.Warnings {
		// A publication restates a few months: the months between them
		// that it leaves out are not gaps in the data (the store keeps
		// their earlier vintages), so the loader's gap warnings are not
		// repeated here; any other warning is.
		if !strings.HasSuffix(w.Error(), "(left as a gap, not zero)") {
			fmt.Fprintln(stderr, "warning:", w)
		}
	}
	if pub.Date.IsZero() {
		if _, err := store.PublicationOf(in, pub); err != nil {
			return nil, usagef("ingest: --published YYYY-MM-DD is required: %s gives no publication date (%v)", file, err)
		}
	}
	if dryRun {
		return s.Prepare(in, pub, sopt)
	}
	unlock, err := s.Lock(ctx, timeout, waitingMessage(stderr, s, timeout))
	if err != nil {
		return nil, err
	}
	defer unlock()
	return s.Ingest(in, pub, sopt)
}

// printPlan says what an ingest changed (or, dry, would change). ds is
// the store after it.
func printPlan(w io.Writer, p *store.Plan, file string, ds *data.Dataset, s *store.Store, dry bool) {
	if p.Same {
		fmt.Fprintf(w, "%s: %s is in the store already with these %d figures; nothing changed\n", file, p.Pub, len(p.Obs))
		return
	}
	verb := "stored"
	if p.Replaces {
		verb = "replaced"
	}
	if dry {
		verb = "dry run: nothing written; would be " + verb
	}
	fmt.Fprintf(w, "%s: %s, %d figures, %s as %s\n", file, p.Pub, len(p.Obs), verb, filepath.Join(s.Dir, store.PubDir, p.File))
	if len(p.NewMonths) > 0 {
		names := make([]string, len(p.NewMonths))
		for i, m := range p.NewMonths {
			names[i] = m.Label()
		}
		fmt.Fprintf(w, "new months: %s\n", strings.Join(names, ", "))
	}
	if len(p.Added) > 0 {
		fmt.Fprintf(w, "new figures (%d):\n", len(p.Added))
		for _, o := range p.Added {
			fmt.Fprintf(w, "  %-28s %s\n", figureName(o), countText(o))
		}
	}
	if len(p.Revised) > 0 {
		what := "revised figures"
		if p.Replaces {
			what = "corrected figures"
		}
		fmt.Fprintf(w, "%s (%d):\n", what, len(p.Revised))
		for _, r := range p.Revised {
			sr := revisionStats(ds, r)
			change := ""
			if sr.Key != (data.Key{}) {
				change = signed(sr.Abs)
				if sr.Abs == 0 {
					change = "qualifier changed"
				} else if sr.Pct.Valid {
					change += " (" + stats.FormatPct(sr.Pct.V) + ")"
				} else if sr.Pct.Why != "" {
					change += " (" + sr.Pct.Why + ")"
				}
			} else if !p.Replaces {
				change = "range or qualifier changed"
			}
			line := fmt.Sprintf("  %-28s %s → %s  %s", figureName(r.New), countText(r.Old), countText(r.New), change)
			if !p.Replaces {
				line += "  (was " + r.Old.Published.String() + ")"
			}
			if sr.Provisional {
				line += "  first report of that month"
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
	if p.Unchanged > 0 {
		fmt.Fprintf(w, "unchanged: %d figure(s)\n", p.Unchanged)
	}
	if len(p.Dropped) > 0 {
		fmt.Fprintf(w, "dropped (--allow-drop) (%d):\n", len(p.Dropped))
		for _, o := range p.Dropped {
			fmt.Fprintf(w, "  %-28s %s\n", figureName(o), countText(o))
		}
	}
	for _, o := range p.SameDay {
		fmt.Fprintf(w, "note: %s is of the same date; where both give a figure, the one whose name sorts last is taken as the later\n", o)
	}
	if len(p.Newer) > 0 {
		fmt.Fprintf(w, "note: the store has %d later publication(s) (newest %s); figures they give stay current\n", len(p.Newer), p.Newer[len(p.Newer)-1])
	}
}

// revisionStats asks package stats for the change between two vintages
// (difference and %); the zero Revision when stats does not count it as a
// revision (only the range changed).
func revisionStats(ds *data.Dataset, r store.Revision) stats.Revision {
	older, newer := r.Old.Published, r.New.Published
	if older == newer {
		// A corrected release replaces the stored one: compare the two
		// versions as if they were two publications.
		newer.Name += " (corrected)"
		n := r.New
		n.Published = newer
		ds = &data.Dataset{Obs: []data.Observation{r.Old, n}, Areas: ds.Areas}
	}
	for _, sr := range stats.Revisions(ds, older, newer) {
		if sr.Key == r.New.Key() && sr.New.PartMonth() == r.New.PartMonth() {
			return sr
		}
	}
	return stats.Revision{}
}

func signed(n int64) string {
	if n > 0 {
		return "+" + stats.FormatCount(n)
	}
	if n < 0 {
		return "-" + stats.FormatCount(-n)
	}
	return "0"
}

// figureName names a figure for people: "2025-03 UA killed" with the days
// covered when it is not the whole month.
func figureName(o data.Observation) string {
	s := o.Month.String() + " " + o.Area + " " + string(o.Metric)
	if c := o.Covers(); c != "" {
		s += " (" + c + ")"
	}
	return s
}

// countText writes a figure with its qualifier and range: "at least 588",
// "100 (100-120)".
func countText(o data.Observation) string {
	s := o.Qualifier.Words() + stats.FormatCount(o.Value)
	if o.HasRange {
		s += " (" + stats.FormatCount(o.Low) + "-" + stats.FormatCount(o.High) + ")"
	}
	return s
}

// runRevisions prints the history of each figure across publications.
func runRevisions(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("revisions", stderr)
	var df dataFlags
	df.register(fs)
	month := fs.String("month", "", "only figures for `YYYY-MM` (then figures with one vintage are listed too)")
	all := fs.Bool("all", false, "list every figure, not only those revised at least once")
	format := fs.String("format", "text", "output `format`: text, csv or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty revisions [--store DIR] [--month YYYY-MM] [--format text|csv|json]")
		fmt.Fprintln(stderr, "\nLists every vintage of each figure, oldest first, with the change from the vintage before.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("revisions: unexpected argument %q", fs.Arg(0))
	}
	m, err := parseMonthFlag("month", *month)
	if err != nil {
		return err
	}
	switch *format {
	case "text", "csv", "json":
	default:
		return usagef("--format must be text, csv or json, got %q", *format)
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	for _, w := range ds.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	var hs []store.History
	for _, h := range store.Histories(ds) {
		if (m.IsZero() || h.Key.Month == m) && (*all || !m.IsZero() || h.Revised()) {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 && !m.IsZero() {
		return fmt.Errorf("revisions: no figure for %s in the data", m)
	}
	rows := revisionRows(ds, hs)
	switch *format {
	case "csv":
		return writeRevisionsCSV(stdout, rows)
	case "json":
		return writeRevisionsJSON(stdout, hs, rows)
	}
	return writeRevisionsText(stdout, hs, rows)
}

// revisionRow is one vintage of a figure and its change from the vintage
// before (computed by stats.Revisions).
type revisionRow struct {
	Hist   int // index into the histories
	Obs    data.Observation
	Change *stats.Revision // nil for the first vintage or an unchanged one
	// Restated is true for every vintage after the first: its change is
	// Change, or none when the value was restated unchanged.
	Restated bool
	// RangeChanged: the published range differs from the vintage before.
	RangeChanged bool
}

func revisionRows(ds *data.Dataset, hs []store.History) []revisionRow {
	type pair struct{ a, b data.Publication }
	cache := map[pair][]stats.Revision{}
	var rows []revisionRow
	for i, h := range hs {
		for j, v := range h.Vintages {
			row := revisionRow{Hist: i, Obs: v}
			if j > 0 {
				row.Restated = true
				prev := h.Vintages[j-1]
				row.RangeChanged = prev.HasRange != v.HasRange || prev.Low != v.Low || prev.High != v.High
				pr := pair{prev.Published, v.Published}
				revs, ok := cache[pr]
				if !ok {
					revs = stats.Revisions(ds, pr.a, pr.b)
					cache[pr] = revs
				}
				for k := range revs {
					if revs[k].Key == v.Key() && revs[k].New.PartMonth() == v.PartMonth() {
						row.Change = &revs[k]
					}
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

func writeRevisionsText(w io.Writer, hs []store.History, rows []revisionRow) error {
	last := -1
	for _, r := range rows {
		if r.Hist != last {
			if last >= 0 {
				fmt.Fprintln(w)
			}
			last = r.Hist
			h := hs[r.Hist]
			fmt.Fprintf(w, "%s\n", figureName(h.Vintages[0]))
		}
		change := ""
		switch {
		case r.Change != nil && r.Change.Abs == 0:
			change = "qualifier changed"
		case r.Change != nil:
			change = signed(r.Change.Abs)
			if r.Change.Pct.Valid {
				change += " (" + stats.FormatPct(r.Change.Pct.V) + ")"
			}
		case r.RangeChanged:
			change = "range changed"
		case r.Restated:
			change = "unchanged"
		}
		fmt.Fprintf(w, "  %-10s  %16s  %-14s  %s\n", r.Obs.Published.Date, countText(r.Obs), change, r.Obs.Published.Name)
	}
	if len(rows) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Each figure's vintages, oldest publication first; the change is from the vintage before,")
		fmt.Fprintln(w, "in people and in % of the earlier figure, (new - old) / old, rounded to a whole percent.")
	}
	return nil
}

var revisionsHeader = []string{"month", "area", "metric", "covers", "published", "publication", "value", "qualifier", "low", "high", "change", "change_pct", "source"}

func writeRevisionsCSV(w io.Writer, rows []revisionRow) error {
	cw := csv.NewWriter(w)
	cw.Write(revisionsHeader)
	for _, r := range rows {
		o := r.Obs
		low, high, change, pct := "", "", "", ""
		if o.HasRange {
			low, high = strconv.FormatInt(o.Low, 10), strconv.FormatInt(o.High, 10)
		}
		if r.Change != nil {
			change = strconv.FormatInt(r.Change.Abs, 10)
			if r.Change.Pct.Valid {
				pct = strconv.FormatFloat(r.Change.Pct.V, 'f', -1, 64)
			}
		} else if r.Restated && o.Value != 0 {
			change, pct = "0", "0" // restated unchanged
		} else if r.Restated {
			change = "0"
		}
		cover := ""
		if o.PartMonth() {
			cover = strconv.Itoa(o.FromDay) + "-" + strconv.Itoa(o.ToDay)
		}
		cw.Write([]string{o.Month.String(), data.SafeText(o.Area), string(o.Metric), cover, o.Published.Date.String(),
			data.SafeText(o.Published.Name), strconv.FormatInt(o.Value, 10), o.Qualifier.String(), low, high, change, pct, data.SafeText(o.Source)})
	}
	cw.Flush()
	return cw.Error()
}

type jsonVintage struct {
	Published   string   `json:"published"`
	Publication string   `json:"publication,omitempty"`
	Value       int64    `json:"value"`
	Qualifier   string   `json:"qualifier"`
	Low         *int64   `json:"low,omitempty"`
	High        *int64   `json:"high,omitempty"`
	Change      *int64   `json:"change,omitempty"`
	ChangePct   *float64 `json:"change_pct,omitempty"`
	Source      string   `json:"source,omitempty"`
}

type jsonHistory struct {
	Month    data.Month    `json:"month"`
	Area     string        `json:"area"`
	Metric   data.Metric   `json:"metric"`
	Covers   string        `json:"covers,omitempty"`
	Vintages []jsonVintage `json:"vintages"`
}

func writeRevisionsJSON(w io.Writer, hs []store.History, rows []revisionRow) error {
	out := make([]jsonHistory, len(hs))
	for i, h := range hs {
		out[i] = jsonHistory{Month: h.Key.Month, Area: h.Key.Area, Metric: h.Key.Metric, Vintages: []jsonVintage{}}
		if h.FromDay != 0 {
			out[i].Covers = strconv.Itoa(h.FromDay) + "-" + strconv.Itoa(h.ToDay)
		}
	}
	for _, r := range rows {
		o := r.Obs
		v := jsonVintage{Published: o.Published.Date.String(), Publication: o.Published.Name, Value: o.Value,
			Qualifier: o.Qualifier.String(), Source: o.Source}
		if o.HasRange {
			lo, hi := o.Low, o.High
			v.Low, v.High = &lo, &hi
		}
		if r.Change != nil {
			abs := r.Change.Abs
			v.Change = &abs
			if r.Change.Pct.Valid {
				pct := r.Change.Pct.V
				v.ChangePct = &pct
			}
		} else if r.Restated {
			var zero int64
			var zeroPct float64
			v.Change = &zero
			if o.Value != 0 {
				v.ChangePct = &zeroPct
			}
		}
		out[r.Hist].Vintages = append(out[r.Hist].Vintages, v)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
