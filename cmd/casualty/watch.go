package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/internal/atomicfile"
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

// runOnce processes the files waiting in the inbox, in name order, and
// returns: an error naming the files that failed (moved to failed/) or
// stayed locked out.
func (c watchConfig) runOnce(ctx context.Context, stdout, stderr io.Writer) error {
	for _, sub := range []string{"done", "failed"} {
		if err := os.MkdirAll(filepath.Join(c.inbox, sub), 0o755); err != nil {
			return fmt.Errorf("watch: %v", err)
		}
	}
	entries, err := os.ReadDir(c.inbox)
	if err != nil {
		return fmt.Errorf("watch: %v", err)
	}
	var failed []string
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !inboxFile(e.Name()) {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		n++
		path := filepath.Join(c.inbox, e.Name())
		if retry := c.process(ctx, path, stdout, stderr); retry {
			failed = append(failed, e.Name()+" (store locked)")
		} else if _, err := os.Stat(filepath.Join(c.inbox, "failed", e.Name()+".error.txt")); err == nil {
			failed = append(failed, e.Name())
		}
	}
	if n == 0 {
		fmt.Fprintf(stderr, "casualty: the inbox %s holds no file to ingest\n", c.inbox)
	}
	if len(failed) > 0 {
		return fmt.Errorf("watch --once: %d of %d file(s) not ingested: %s (see %s)", len(failed), n, strings.Join(failed, ", "), filepath.Join(c.inbox, "failed"))
	}
	return nil
}

// fileState is what was last seen of a file in the inbox.
type fileState struct {
	seen    time.Time // when it last changed
	size    int64
	modTime time.Time
}

func (c watchConfig) watch(ctx context.Context, stdout, stderr io.Writer) error {
	for _, sub := range []string{"done", "failed"} {
		if err := os.MkdirAll(filepath.Join(c.inbox, sub), 0o755); err != nil {
			return fmt.Errorf("watch: %v", err)
		}
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

	pending := map[string]fileState{}
	note := func(path string) {
		st, err := os.Stat(path)
		if err != nil || !st.Mode().IsRegular() {
			delete(pending, path)
			return
		}
		pending[path] = fileState{seen: time.Now(), size: st.Size(), modTime: st.ModTime()}
	}
	// Files already waiting when watch starts are ingested too.
	if entries, err := os.ReadDir(c.inbox); err == nil {
		for _, e := range entries {
			if inboxFile(e.Name()) {
				note(filepath.Join(c.inbox, e.Name()))
			}
		}
	}
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
			if filepath.Dir(ev.Name) != filepath.Clean(c.inbox) || !inboxFile(filepath.Base(ev.Name)) {
				continue
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				note(ev.Name)
				timer.Reset(c.settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return errors.New("watch: the file watcher closed")
			}
			// Events may have been lost (queue overflow): look again.
			fmt.Fprintln(stderr, "casualty: watch:", err, "- rescanning the inbox")
			if entries, err := os.ReadDir(c.inbox); err == nil {
				for _, e := range entries {
					if p := filepath.Join(c.inbox, e.Name()); inboxFile(e.Name()) && pending[p].seen.IsZero() {
						note(p)
					}
				}
			}
			timer.Reset(c.settle)
		case <-timer.C:
			next := c.settled(pending)
			for _, path := range next {
				if ctx.Err() != nil {
					break
				}
				retry := c.process(ctx, path, stdout, stderr)
				delete(pending, path)
				if retry {
					note(path)
				}
			}
			if len(pending) > 0 {
				timer.Reset(c.settle)
			}
		}
	}
}

// settled returns, in name order, the pending files that have not changed
// for the settle time: same size and modification time as when last seen.
// A file that changed is noted again and waits longer.
func (c watchConfig) settled(pending map[string]fileState) []string {
	var out []string
	now := time.Now()
	for path, fs := range pending {
		st, err := os.Stat(path)
		if err != nil {
			delete(pending, path) // moved away or deleted
			continue
		}
		if st.Size() != fs.size || !st.ModTime().Equal(fs.modTime) {
			pending[path] = fileState{seen: now, size: st.Size(), modTime: st.ModTime()}
			continue
		}
		if now.Sub(fs.seen) >= c.settle {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

// inboxFile reports whether a file name in the inbox is one to ingest:
// not hidden, not a partial download or an editor's temporary file.
func inboxFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "done" || name == "failed" {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tmp", ".part", ".partial", ".crdownload", ".download", ".swp":
		return false
	}
	return true
}

// pubName reads a publication from a file name: "2025-04-09-hrmmu-update.csv"
// is "hrmmu update" of 9 April 2025.
var pubName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[-_ ]+(.*?))?(?:\.[A-Za-z]+)+$`)

func publicationFromName(name string) data.Publication {
	m := pubName.FindStringSubmatch(name)
	if m == nil {
		return data.Publication{}
	}
	d, err := data.ParseDate(m[1])
	if err != nil {
		return data.Publication{}
	}
	return data.Publication{Date: d, Name: strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(m[2]))}
}

// process ingests one file, moves it to done/ or failed/ and remakes the
// report. It returns true when the file should be tried again later (the
// store stayed locked).
func (c watchConfig) process(ctx context.Context, path string, stdout, stderr io.Writer) (retry bool) {
	name := filepath.Base(path)
	opt := data.LoadOptions{Publication: publicationFromName(name)}
	var in *data.Dataset
	var err error
	if f, ok := updateFormat(path, ""); ok {
		in, err = loadUpdate(path, f, opt.Publication, "", stdout, stderr)
		if err == nil {
			opt.Publication = in.Obs[0].Published
		}
	} else {
		in, err = data.LoadFile(path, opt)
	}
	var plan *store.Plan
	if err == nil {
		pub := opt.Publication
		if _, perr := store.PublicationOf(in, pub); perr != nil && pub.Date.IsZero() {
			err = fmt.Errorf("%s: cannot tell which publication this is: name the file YYYY-MM-DD-NAME.csv (2025-04-09-hrmmu-update.csv) or give published and publication columns (%v)", name, perr)
		} else {
			plan, err = c.ingest(ctx, in, pub, stderr)
		}
	}
	if errors.Is(err, store.ErrLockTimeout) {
		fmt.Fprintf(stderr, "casualty: %s: %v; will try again\n", name, err)
		return true
	}
	if err != nil {
		fmt.Fprintf(stderr, "casualty: %s: failed: %v\n", name, err)
		dst, merr := moveInto(path, filepath.Join(c.inbox, "failed"))
		if merr != nil {
			fmt.Fprintf(stderr, "casualty: %s: %v\n", name, merr)
			return false
		}
		msg := fmt.Sprintf("casualty could not ingest %s into the store %s:\n\n%v\n\nFix the file and drop it in the inbox again.\n", name, c.store.Dir, err)
		if werr := atomicfile.WriteBytes(dst+".error.txt", []byte(msg)); werr != nil {
			fmt.Fprintf(stderr, "casualty: %v\n", werr)
		}
		return false
	}
	if _, err := moveInto(path, filepath.Join(c.inbox, "done")); err != nil {
		fmt.Fprintf(stderr, "casualty: %s: ingested, but %v\n", name, err)
	}
	ds, err := c.store.Load()
	if err != nil {
		fmt.Fprintf(stderr, "casualty: %s: ingested, but the store does not load: %v\n", name, err)
		return false
	}
	table.WritePlan(stdout, plan, name, ds, c.store.Dir, false)
	if plan.Same {
		return false
	}
	if err := buildReport(ctx, ds, reportConfig{Out: c.out, Force: true}, stdout); err != nil {
		fmt.Fprintf(stderr, "casualty: %s: ingested, but the report was not remade: %v\n", name, err)
	}
	return false
}

// watchMu keeps ingests of one process one at a time even if several
// watchers run (tests); the store's lock does the same across processes.
var watchMu sync.Mutex

func (c watchConfig) ingest(ctx context.Context, in *data.Dataset, pub data.Publication, stderr io.Writer) (*store.Plan, error) {
	watchMu.Lock()
	defer watchMu.Unlock()
	unlock, err := c.store.Lock(ctx, c.lockTimeout, waitingMessage(stderr, c.store, c.lockTimeout))
	if err != nil {
		return nil, err
	}
	defer unlock()
	return c.store.Ingest(in, pub, store.Options{})
}

// moveInto moves a file into dir, numbering it if the name is taken
// ("a.csv" → "a-2.csv"), and returns its new path.
func moveInto(path, dir string) (string, error) {
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	dst := filepath.Join(dir, base)
	for n := 2; ; n++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = filepath.Join(dir, fmt.Sprintf("%s-%d%s", stem, n, ext))
	}
	if err := os.Rename(path, dst); err != nil {
		return "", fmt.Errorf("cannot move it to %s: %v", dir, err)
	}
	return dst, nil
}
