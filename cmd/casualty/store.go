package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/extract"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/report/table"
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
		printDefaults(fs)
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
	fs.StringVar(&df.formatIn, "format-in", "", "force the input format: tidy, wide, hxl, xlsx, cumulative, or an update's text, html or pdf")
	fs.StringVar(&df.sheet, "sheet", "", "workbook `SHEET` to read (default: the first visible one)")
	fs.StringVar(&df.encoding, "encoding", "", "input text encoding: utf-8 (default), utf-16, windows-1251, windows-1252")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty ingest --store DIR --published YYYY-MM-DD [--name TEXT] FILE")
		fmt.Fprintln(stderr, "\nStores FILE (any format casualty reads) as one publication and prints what it changed:")
		fmt.Fprintln(stderr, "new months, new figures, revised figures (old → new), unchanged figures.")
		fmt.Fprintln(stderr, "An update as published (a .pdf, an .html page, prose in a .txt) is read with casualty")
		fmt.Fprintln(stderr, "extract: its figures are listed with their evidence before what they change.")
		printDefaults(fs)
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
	textFormat := ""
	if _, ok := updateFormat("", df.formatIn); ok {
		textFormat, df.formatIn = df.formatIn, ""
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	opt.Format = data.Format(textFormat + string(opt.Format))
	opt.Publication = pub
	s, err := store.Open(*dir)
	if err != nil {
		return err
	}
	file := fs.Arg(0)
	plan, err := ingestFile(ctx, s, file, pub, opt, store.Options{Replace: *replace, AllowDrop: *allowDrop}, *lockTimeout, *dryRun, stdout, stderr)
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
	table.WritePlan(stdout, plan, file, ds, s.Dir, *dryRun)
	return nil
}

// updateFormat tells whether file is a monitoring mission's update as
// published — a PDF, a web page, or prose in a .txt file — which ingest
// reads with casualty extract, rather than a table. --format-in text, html
// or pdf forces it. A .txt file whose first line reads like a table header
// (Excel's "Unicode text", tab- or comma-separated) stays a table.
func updateFormat(file, formatIn string) (extract.Format, bool) {
	switch formatIn {
	case "text", "html", "pdf":
		return extract.Format(formatIn), true
	case "":
	default:
		return "", false
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".pdf":
		return extract.FormatPDF, true
	case ".html", ".htm":
		return extract.FormatHTML, true
	case ".txt", ".text", ".md":
		if looksLikeTable(file) {
			return "", false
		}
		return extract.FormatText, true
	}
	return "", false
}

// looksLikeTable reads the first line of a .txt file: UTF-16 (Excel's
// "Unicode text"), or a line with tabs, or with commas or semicolons and a
// column named month or date, is a table.
func looksLikeTable(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return true // let the table loader report it
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	line, _, _ := bytes.Cut(bytes.TrimLeft(head, "\xEF\xBB\xBF\r\n "), []byte("\n"))
	low := strings.ToLower(string(line))
	if strings.Count(low, "\t") >= 1 {
		return true
	}
	return (strings.Count(low, ",") >= 2 || strings.Count(low, ";") >= 2) && (strings.Contains(low, "month") || strings.Contains(low, "date") || strings.Contains(low, "as_of"))
}

// loadUpdate reads an update's prose with casualty extract and returns
// its month figures as one publication's dataset. It prints what it found,
// each figure with its role and evidence, the percentages checked and the
// numbers it could not place, so the user sees why each figure is stored.
func loadUpdate(file string, f extract.Format, pub data.Publication, encoding string, out, stderr io.Writer) (*data.Dataset, error) {
	opt := extract.Options{Published: pub.Date, Publication: pub.Name}
	if opt.Publication == "" {
		base := filepath.Base(file)
		opt.Publication = strings.TrimSuffix(base, filepath.Ext(base))
	}
	res, err := extractFile(file, nil, opt, extract.ReadOptions{Format: f, Encoding: encoding})
	if err != nil {
		if errors.Is(err, extract.ErrNoDate) {
			return nil, usagef("ingest: --published YYYY-MM-DD is required: %v", err)
		}
		return nil, err
	}
	obs := res.Observations()
	fmt.Fprintf(out, "%s: read as the update of %s, published %s", file, res.Subject.Label(), res.Published.Date)
	if res.Source != "" {
		fmt.Fprintf(out, " (%s)", res.Source)
	}
	fmt.Fprintf(out, "; %d figures found:\n", len(res.Figures))
	for _, fg := range res.Figures {
		what := fmt.Sprintf("%s %s %s%s", fg.Month, fg.Metric, fg.Qualifier.Words(), data.FormatCount(fg.Value))
		kept := ""
		switch {
		case fg.Role == extract.Cumulative:
			kept = "  (cumulative: not stored as a month)"
		case fg.Rounded:
			kept = "  (a rounded wording of another figure: not stored)"
		case fg.Group != extract.Civilians:
			kept = "  (" + string(fg.Group) + ", a count apart from the month's civilian figure: not stored)"
		case fg.Metric.Derived():
			kept = "  (a total of its parts: not stored)"
		}
		fmt.Fprintf(out, "  %-40s %-20s %s%s\n      %q\n", what, fg.Role, fg.Pos, kept, fg.Sentence)
	}
	for _, c := range res.Checks {
		fmt.Fprintf(out, "  check %s: %s\n", c.Pos, c)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w.Error())
	}
	if len(obs) == 0 {
		return nil, fmt.Errorf("%s: the update gives no figure a store keeps (killed or injured for a month); only totals or cumulative figures were found", file)
	}
	var codes []string
	for _, o := range obs {
		codes = append(codes, o.Area)
	}
	areas, err := data.AreasForFile(codes, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return &data.Dataset{Obs: obs, Files: []string{file}, Areas: areas}, nil
}

// ingestFile loads file and ingests it under the store's lock (or, for a
// dry run, only plans the ingest). An update's prose is read with casualty
// extract (see updateFormat); what it found is printed to out.
func ingestFile(ctx context.Context, s *store.Store, file string, pub data.Publication, opt data.LoadOptions, sopt store.Options, timeout time.Duration, dryRun bool, out, stderr io.Writer) (*store.Plan, error) {
	var in *data.Dataset
	var err error
	if f, ok := updateFormat(file, string(opt.Format)); ok {
		in, err = loadUpdate(file, f, pub, opt.Encoding, out, stderr)
		if err == nil {
			pub = in.Obs[0].Published
		}
	} else {
		in, err = data.LoadFile(file, opt)
	}
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
		printDefaults(fs)
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
	return table.WriteRevisions(stdout, ds, hs, *format)
}
