package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

// Names of the inbox's folders for the files it has handled.
const (
	InboxDone   = "done"
	InboxFailed = "failed"
)

// Inbox is a folder where people drop files to ingest into a store: a
// service, so that `casualty watch` (and any other program) only has to
// say when to look. Files are taken once they have stopped changing for
// Settle (a copy or a download in progress is never read half written),
// one at a time, in name order. A file that ingests is moved to
// DIR/done/; one that fails goes to DIR/failed/ with FILE.error.txt
// beside it saying why, so the person who dropped it can fix it without
// reading a log. The inbox does no watching of its own: its owner calls
// Note when a file changes, Rescan when events may have been lost, and
// Settled then Process when its settle timer fires. An Inbox is used
// from one goroutine; ingests of several inboxes in one process still
// run one at a time.
type Inbox struct {
	Dir         string        // the folder watched
	Store       *Store        // where files are ingested
	Settle      time.Duration // how long a file must stay unchanged
	LockTimeout time.Duration // how long to wait for another ingest on the store

	// Waiting, if set, is called when the store is locked by another
	// ingest, before waiting up to LockTimeout (to tell the user).
	Waiting func()
	// Load reads one file as the publication pub (taken from the file's
	// name, zero if the name gives none) and returns its figures and the
	// publication they belong to. Nil reads with data.LoadFile. A program
	// sets it to read formats the data package does not, such as an
	// update as published (data/extract).
	Load func(path string, pub data.Publication) (*data.Dataset, data.Publication, error)

	now     func() time.Time // the clock; a test hook
	pending map[string]seenFile
}

// seenFile is what was last seen of a file in the inbox.
type seenFile struct {
	seen    time.Time // when it last changed
	size    int64
	modTime time.Time
}

// Prepare makes the inbox's done/ and failed/ folders.
func (ib *Inbox) Prepare() error {
	for _, sub := range []string{InboxDone, InboxFailed} {
		if err := os.MkdirAll(filepath.Join(ib.Dir, sub), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// IsInboxFile reports whether a file name in an inbox is one to ingest:
// not hidden, not a partial download or an editor's temporary file, not
// the done or failed folder.
func IsInboxFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == InboxDone || name == InboxFailed {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tmp", ".part", ".partial", ".crdownload", ".download", ".swp":
		return false
	}
	return true
}

// Wants reports whether path names a file this inbox would ingest: one
// directly in Dir whose name IsInboxFile accepts.
func (ib *Inbox) Wants(path string) bool {
	return filepath.Dir(path) == filepath.Clean(ib.Dir) && IsInboxFile(filepath.Base(path))
}

// Files returns the paths of the regular files waiting in the inbox now,
// in name order, whether settled or not.
func (ib *Inbox) Files() ([]string, error) {
	entries, err := os.ReadDir(ib.Dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && IsInboxFile(e.Name()) {
			out = append(out, filepath.Join(ib.Dir, e.Name()))
		}
	}
	return out, nil
}

func (ib *Inbox) clock() time.Time {
	if ib.now != nil {
		return ib.now()
	}
	return time.Now()
}

// Note records that the file at path changed (was created, written,
// renamed or removed): it waits Settle from now. A path that is no longer
// a regular file is forgotten.
func (ib *Inbox) Note(path string) {
	if ib.pending == nil {
		ib.pending = map[string]seenFile{}
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		delete(ib.pending, path)
		return
	}
	ib.pending[path] = seenFile{seen: ib.clock(), size: st.Size(), modTime: st.ModTime()}
}

// Rescan notes every file in the inbox not already waiting: at start, for
// the files dropped before, and when change events may have been lost.
// Files already waiting keep their time.
func (ib *Inbox) Rescan() {
	entries, err := os.ReadDir(ib.Dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if p := filepath.Join(ib.Dir, e.Name()); IsInboxFile(e.Name()) && ib.pending[p].seen.IsZero() {
			ib.Note(p)
		}
	}
}

// Pending returns how many files wait to settle or to be processed.
func (ib *Inbox) Pending() int { return len(ib.pending) }

// Settled returns, in name order, the waiting files that have not changed
// for Settle: same size and modification time as when last seen. A file
// that changed is noted again and waits longer; one gone is forgotten.
func (ib *Inbox) Settled() []string {
	var out []string
	now := ib.clock()
	for path, f := range ib.pending {
		st, err := os.Stat(path)
		if err != nil {
			delete(ib.pending, path) // moved away or deleted
			continue
		}
		if st.Size() != f.size || !st.ModTime().Equal(f.modTime) {
			ib.pending[path] = seenFile{seen: now, size: st.Size(), modTime: st.ModTime()}
			continue
		}
		if now.Sub(f.seen) >= ib.Settle {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

// Result is what became of one file of the inbox.
type Result struct {
	Name string // the file's name in the inbox
	// Plan is what the ingest changed; nil unless the file was ingested.
	Plan *Plan
	// Err says why the file was not ingested; nil when it was.
	Err error
	// Retry is true when the store stayed locked: the file is left in
	// the inbox and waits again (Err says so).
	Retry bool
	// MoveErr is set when the file could not be moved to done/ or
	// failed/; it is still in the inbox. A failed file that could not be
	// moved gets no .error.txt.
	MoveErr error
	// ErrorFileErr is set when the failed file's .error.txt could not be
	// written.
	ErrorFileErr error
}

// inboxMu keeps the ingests of one process one at a time, even with
// several inboxes on one store; the store's lock does the same across
// processes.
var inboxMu sync.Mutex

// Process ingests the file at path as one publication and files it under
// done/ or failed/ (with its .error.txt); it is forgotten from the
// waiting files, unless the store stayed locked, when it waits again.
// Its publication is read from its rows, else from its name
// (PublicationFromName); a file that gives neither fails, saying how to
// name it. ctx cancels a wait for the store's lock.
func (ib *Inbox) Process(ctx context.Context, path string) Result {
	delete(ib.pending, path)
	r := Result{Name: filepath.Base(path)}
	r.Plan, r.Err = ib.ingest(ctx, path)
	if errors.Is(r.Err, ErrLockTimeout) {
		r.Plan, r.Retry = nil, true
		ib.Note(path)
		return r
	}
	if r.Err != nil {
		r.Plan = nil
		dst, err := moveInto(path, filepath.Join(ib.Dir, InboxFailed))
		if err != nil {
			r.MoveErr = err
			return r
		}
		r.ErrorFileErr = atomicfile.WriteBytes(dst+".error.txt", []byte(ib.errorText(r.Name, r.Err)))
		return r
	}
	_, r.MoveErr = moveInto(path, filepath.Join(ib.Dir, InboxDone))
	return r
}

// errorText is the content of FILE.error.txt for a file that failed.
func (ib *Inbox) errorText(name string, err error) string {
	return fmt.Sprintf("casualty could not ingest %s into the store %s:\n\n%v\n\nFix the file and drop it in the inbox again.\n", name, ib.Store.Dir, err)
}

// ingest reads the file and ingests it under the store's lock.
func (ib *Inbox) ingest(ctx context.Context, path string) (*Plan, error) {
	name := filepath.Base(path)
	pub := PublicationFromName(name)
	load := ib.Load
	if load == nil {
		load = func(path string, pub data.Publication) (*data.Dataset, data.Publication, error) {
			in, err := data.LoadFile(path, data.LoadOptions{Publication: pub})
			return in, pub, err
		}
	}
	in, pub, err := load(path, pub)
	if err != nil {
		return nil, err
	}
	if _, perr := PublicationOf(in, pub); perr != nil && pub.Date.IsZero() {
		return nil, fmt.Errorf("%s: cannot tell which publication this is: name the file YYYY-MM-DD-NAME.csv (2025-04-09-hrmmu-update.csv) or give published and publication columns (%v)", name, perr)
	}
	inboxMu.Lock()
	defer inboxMu.Unlock()
	unlock, err := ib.Store.Lock(ctx, ib.LockTimeout, ib.Waiting)
	if err != nil {
		return nil, err
	}
	defer unlock()
	return ib.Store.Ingest(in, pub, Options{})
}

// pubName reads a publication from a file name: "2025-04-09-hrmmu-update.csv"
// is "hrmmu update" of 9 April 2025.
var pubName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[-_ ]+(.*?))?(?:\.[A-Za-z]+)+$`)

// PublicationFromName reads a publication from a file's name, for files
// whose rows do not say: "2025-04-09-hrmmu-update.csv" is "hrmmu update"
// of 9 April 2025 (dashes and underscores become spaces). A name that
// does not start with a real date gives the zero Publication.
func PublicationFromName(name string) data.Publication {
	m := pubName.FindStringSubmatch(name)
	if m == nil {
		return data.Publication{}
	}
	d, err := data.ParseDate(m[1])
	if err != nil || d.IsZero() { // 0001-01-01 is the zero date: no date
		return data.Publication{}
	}
	return data.Publication{Date: d, Name: strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(m[2]))}
}

// moveInto moves a file into dir, numbering it if the name is taken
// ("a.csv" → "a-2.csv"), and returns its new path.
func moveInto(path, dir string) (string, error) {
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	dst := filepath.Join(dir, base)
	for n := 2; ; n++ {
		_, err := os.Lstat(dst)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil { // not a folder, or not readable: numbering would never end
			return "", fmt.Errorf("cannot move it to %s: %v", dir, err)
		}
		dst = filepath.Join(dir, fmt.Sprintf("%s-%d%s", stem, n, ext))
	}
	if err := os.Rename(path, dst); err != nil {
		return "", fmt.Errorf("cannot move it to %s: %v", dir, err)
	}
	return dst, nil
}
