package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/report/table"
)

func init() {
	register(command{name: "watch", summary: "ingest each file dropped in an inbox into a store and remake the report", run: runWatch})
}

// watchConfig is what `casualty watch` runs with.
type watchConfig struct {
	store       *store.Store
	inbox, out  string
	settle      time.Duration
	lockTimeout time.Duration
}

// runWatch waits for files to land in the inbox and ingests each: one at a
// time, once it has stopped changing for --settle. A file that ingests is
// moved to inbox/done/ and the report for the latest month is remade in
// --out; a file that fails is moved to inbox/failed/ with FILE.error.txt
// beside it saying why. It stops when ctx is cancelled (SIGINT, SIGTERM),
// between two files, never in the middle of an ingest's commit.
func runWatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("watch", stderr)
	dir := fs.String("store", "", "the store's `DIR` (required)")
	inbox := fs.String("inbox", "", "watch `DIR` for new files (required)")
	out := fs.String("out", "", "remake the report in `DIR` after each ingest (required)")
	settle := fs.Duration("settle", 2*time.Second, "ingest a file once it has not changed for `D`")
	lockTimeout := fs.Duration("lock-timeout", 30*time.Second, "wait at most `D` for another ingest on the store, then retry later")
	once := fs.Bool("once", false, "process the files in the inbox now, then exit (for cron and CI): exit status 1 if any failed")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty watch --store DIR --inbox DIR --out DIR [--once]")
		fmt.Fprintln(stderr, "\nEach file's publication is taken from its rows (published, publication columns) or")
		fmt.Fprintln(stderr, "from its name: 2025-04-09-hrmmu-update.csv is \"hrmmu update\" of 9 April 2025.")
		fmt.Fprintln(stderr, "An update as published (.txt prose, .html, .pdf) is read with casualty extract; its date")
		fmt.Fprintln(stderr, "comes from its name, else from its text.")
		printDefaults(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("watch: unexpected argument %q", fs.Arg(0))
	case *dir == "" || *inbox == "" || *out == "":
		return usagef("watch: --store, --inbox and --out are required")
	case *settle <= 0:
		return usagef("--settle must be positive, got %s", *settle)
	}
	s, err := store.Open(*dir)
	if err != nil {
		return err
	}
	cfg := watchConfig{store: s, inbox: *inbox, out: *out, settle: *settle, lockTimeout: *lockTimeout}
	if *once {
		return cfg.runOnce(ctx, stdout, stderr)
	}
	return cfg.watch(ctx, stdout, stderr)
}

// newInbox returns the store's inbox service for this command: updates as
// published are read with casualty extract, their figures printed on
// stdout, and waiting for the store's lock is said on stderr.
func (c watchConfig) newInbox(stdout, stderr io.Writer) *store.Inbox {
	return &store.Inbox{
		Dir:         c.inbox,
		Store:       c.store,
		Settle:      c.settle,
		LockTimeout: c.lockTimeout,
		Waiting:     waitingMessage(stderr, c.store, c.lockTimeout),
		Load: func(path string, pub data.Publication) (*data.Dataset, data.Publication, error) {
			if f, ok := updateFormat(path, ""); ok {
				in, err := loadUpdate(path, f, pub, "", stdout, stderr)
				if err != nil {
					return nil, pub, err
				}
				return in, in.Obs[0].Published, nil
			}
			in, err := data.LoadFile(path, data.LoadOptions{Publication: pub})
			return in, pub, err
		},
	}
}

// runOnce processes the files waiting in the inbox, in name order, and
// returns: an error naming the files that failed (moved to failed/) or
// stayed locked out.
func (c watchConfig) runOnce(ctx context.Context, stdout, stderr io.Writer) error {
	ib := c.newInbox(stdout, stderr)
	if err := ib.Prepare(); err != nil {
		return fmt.Errorf("watch: %v", err)
	}
	files, err := ib.Files()
	if err != nil {
		return fmt.Errorf("watch: %v", err)
	}
	var failed []string
	n := 0
	for _, path := range files {
		if ctx.Err() != nil {
			break
		}
		n++
		r := c.process(ctx, ib, path, stdout, stderr)
		if r.Retry {
			failed = append(failed, r.Name+" (store locked)")
		} else if r.Err != nil {
			failed = append(failed, r.Name)
		}
	}
	if n == 0 {
		fmt.Fprintf(stderr, "casualty: the inbox %s holds no file to ingest\n", c.inbox)
	}
	if len(failed) > 0 {
		return fmt.Errorf("watch --once: %d of %d file(s) not ingested: %s (see %s)", len(failed), n, strings.Join(failed, ", "), filepath.Join(c.inbox, store.InboxFailed))
	}
	return nil
}

// watch feeds the inbox the file system's change events and processes the
// files that have settled, until ctx is cancelled.
func (c watchConfig) watch(ctx context.Context, stdout, stderr io.Writer) error {
	ib := c.newInbox(stdout, stderr)
	if err := ib.Prepare(); err != nil {
		return fmt.Errorf("watch: %v", err)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %v", err)
	}
	defer w.Close()
	if err := w.Add(c.inbox); err != nil {
		return fmt.Errorf("watch %s: %v", c.inbox, err)
	}
	fmt.Fprintf(stderr, "casualty: watching %s (store %s, report in %s); stop with Ctrl-C\n", c.inbox, c.store.Dir, c.out)

	// Files already waiting when watch starts are ingested too.
	ib.Rescan()
	timer := time.NewTimer(c.settle)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(stderr, "casualty: watch stopped")
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return errors.New("watch: the file watcher closed")
			}
			if !ib.Wants(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				ib.Note(ev.Name)
				timer.Reset(c.settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return errors.New("watch: the file watcher closed")
			}
			// Events may have been lost (queue overflow): look again.
			fmt.Fprintln(stderr, "casualty: watch:", err, "- rescanning the inbox")
			ib.Rescan()
			timer.Reset(c.settle)
		case <-timer.C:
			for _, path := range ib.Settled() {
				if ctx.Err() != nil {
					break
				}
				c.process(ctx, ib, path, stdout, stderr)
			}
			if ib.Pending() > 0 {
				timer.Reset(c.settle)
			}
		}
	}
}

// inboxFile and publicationFromName are the store's, named as the
// command's tests know them.
func inboxFile(name string) bool { return store.IsInboxFile(name) }

func publicationFromName(name string) data.Publication { return store.PublicationFromName(name) }

// process has the inbox ingest one file and file it, says what became of
// it, and remakes the report when the store changed.
func (c watchConfig) process(ctx context.Context, ib *store.Inbox, path string, stdout, stderr io.Writer) store.Result {
	r := ib.Process(ctx, path)
	name := r.Name
	switch {
	case r.Retry:
		fmt.Fprintf(stderr, "casualty: %s: %v; will try again\n", name, r.Err)
		return r
	case r.Err != nil:
		fmt.Fprintf(stderr, "casualty: %s: failed: %v\n", name, r.Err)
		if r.MoveErr != nil {
			fmt.Fprintf(stderr, "casualty: %s: %v\n", name, r.MoveErr)
		}
		if r.ErrorFileErr != nil {
			fmt.Fprintf(stderr, "casualty: %v\n", r.ErrorFileErr)
		}
		return r
	}
	if r.MoveErr != nil {
		fmt.Fprintf(stderr, "casualty: %s: ingested, but %v\n", name, r.MoveErr)
	}
	ds, err := c.store.Load()
	if err != nil {
		fmt.Fprintf(stderr, "casualty: %s: ingested, but the store does not load: %v\n", name, err)
		return r
	}
	table.WritePlan(stdout, r.Plan, name, ds, c.store.Dir, false)
	if r.Plan.Same {
		return r
	}
	if err := buildReport(ctx, ds, reportConfig{Out: c.out, Force: true}, stdout); err != nil {
		fmt.Fprintf(stderr, "casualty: %s: ingested, but the report was not remade: %v\n", name, err)
	}
	return r
}
