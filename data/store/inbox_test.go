package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// newInbox returns an inbox on a seeded store (pub1 of 13 March 2025),
// prepared, with a clock the test moves by hand.
func newInbox(t *testing.T) (*Inbox, *time.Time) {
	t.Helper()
	now := time.Date(2025, 4, 9, 12, 0, 0, 0, time.UTC)
	ib := &Inbox{Dir: filepath.Join(t.TempDir(), "inbox"), Store: seeded(t), Settle: 2 * time.Second, LockTimeout: time.Second}
	ib.now = func() time.Time { return now }
	if err := ib.Prepare(); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"done", "failed"} {
		if st, err := os.Stat(filepath.Join(ib.Dir, sub)); err != nil || !st.IsDir() {
			t.Fatalf("Prepare made no %s/ folder: %v", sub, err)
		}
	}
	return ib, &now
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInboxSettling: a file is taken only once it has stayed the same
// for Settle; one that grows waits again from when it changed; one
// deleted is forgotten; hidden and partial files are never noted.
func TestInboxSettling(t *testing.T) {
	ib, now := newInbox(t)
	a, b := filepath.Join(ib.Dir, "b.csv"), filepath.Join(ib.Dir, "a.csv")
	write(t, a, "month,metric,value\n")
	write(t, b, "month,metric,value\n")
	write(t, filepath.Join(ib.Dir, ".hidden.csv"), "x")
	write(t, filepath.Join(ib.Dir, "c.csv.part"), "x")
	ib.Rescan() // both seen at 12:00:00
	if ib.Pending() != 2 {
		t.Fatalf("%d files pending after the scan, want 2 (a.csv, b.csv)", ib.Pending())
	}
	*now = now.Add(time.Second)
	if got := ib.Settled(); len(got) != 0 {
		t.Errorf("settled after 1s of 2s: %v", got)
	}
	// b.csv grows at 12:00:01 (a new size): it waits until 12:00:03.
	write(t, a, "month,metric,value\n2025-03,killed,164\n")
	if got := ib.Settled(); len(got) != 0 {
		t.Errorf("settled after 1s: %v", got)
	}
	*now = now.Add(time.Second) // 12:00:02
	if got, want := ib.Settled(), []string{b}; !reflect.DeepEqual(got, want) {
		t.Errorf("settled at 2s = %v, want %v (the grown file waits)", got, want)
	}
	*now = now.Add(time.Second) // 12:00:03
	if got, want := ib.Settled(), []string{b, a}; !reflect.DeepEqual(got, want) {
		t.Errorf("settled at 3s = %v, want %v in name order", got, want)
	}
	// A rescan keeps the time of files already waiting.
	ib.Rescan()
	if got := ib.Settled(); len(got) != 2 {
		t.Errorf("after a rescan, settled %v; want both still", got)
	}
	os.Remove(a)
	if got, want := ib.Settled(), []string{b}; !reflect.DeepEqual(got, want) || ib.Pending() != 1 {
		t.Errorf("after deleting b.csv, settled %v with %d pending; want %v and 1", got, ib.Pending(), want)
	}
	ib.Note(a) // a Remove event: forgotten
	if ib.Pending() != 1 {
		t.Errorf("%d pending after noting a deleted file, want 1", ib.Pending())
	}
}

func TestIsInboxFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.csv": true, "b.xlsx": true, "2025-04-09-update.pdf": true,
		".a.csv": false, "a.csv~": false, "a.csv.part": false, "a.CRDOWNLOAD": false, "x.tmp": false,
		"done": false, "failed": false,
	} {
		if IsInboxFile(name) != want {
			t.Errorf("IsInboxFile(%q) = %v", name, !want)
		}
	}
	ib := &Inbox{Dir: "/in/box/"}
	for path, want := range map[string]bool{"/in/box/a.csv": true, "/in/box/done/a.csv": false, "/in/a.csv": false, "/in/box/.a.csv": false} {
		if ib.Wants(path) != want {
			t.Errorf("Wants(%q) = %v", path, !want)
		}
	}
}

// TestInboxProcess: a good file is ingested under the publication of its
// name and moved to done/; a bad one and one with no publication go to
// failed/ with an .error.txt saying why; a name taken in done/ is
// numbered.
func TestInboxProcess(t *testing.T) {
	ib, _ := newInbox(t)
	ctx := context.Background()

	good := filepath.Join(ib.Dir, "2025-04-09-hrmmu-update.csv")
	write(t, good, pub2)
	r := ib.Process(ctx, good)
	if r.Err != nil || r.Retry || r.MoveErr != nil || r.Plan == nil {
		t.Fatalf("good file: %+v", r)
	}
	if r.Name != "2025-04-09-hrmmu-update.csv" || r.Plan.File != "2025-04-09-hrmmu-update.csv" || len(r.Plan.Revised) != 2 {
		t.Errorf("good file: name %q, stored as %q with %d revised; want 2 revised (Feb killed 123 → 129, injured 567 → 588)", r.Name, r.Plan.File, len(r.Plan.Revised))
	}
	if exists(good) || !exists(filepath.Join(ib.Dir, "done", "2025-04-09-hrmmu-update.csv")) {
		t.Error("good file not moved to done/")
	}
	ds, err := ib.Store.Load()
	if err != nil {
		t.Fatal(err)
	}
	pubs := ds.Publications()
	if len(pubs) != 2 || pubs[1].Name != "hrmmu update" || pubs[1].Date.String() != "2025-04-09" {
		t.Errorf("publications %v; want the seed and hrmmu update of 2025-04-09 (from the name)", pubs)
	}

	// The same file again: nothing changes, and it is numbered in done/.
	write(t, good, pub2)
	if r := ib.Process(ctx, good); r.Err != nil || r.Plan == nil || !r.Plan.Same {
		t.Errorf("same file again: %+v; want ingested with nothing changed", r)
	}
	if !exists(filepath.Join(ib.Dir, "done", "2025-04-09-hrmmu-update-2.csv")) {
		t.Error("second copy not numbered -2 in done/")
	}

	bad := filepath.Join(ib.Dir, "2025-05-08-hrmmu-update.csv")
	write(t, bad, "month,metric,value\n2025-04,killed,20a9\n")
	r = ib.Process(ctx, bad)
	if r.Err == nil || r.Retry || r.Plan != nil || r.MoveErr != nil || r.ErrorFileErr != nil {
		t.Fatalf("bad file: %+v", r)
	}
	msg, err := os.ReadFile(filepath.Join(ib.Dir, "failed", "2025-05-08-hrmmu-update.csv.error.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := "casualty could not ingest 2025-05-08-hrmmu-update.csv into the store " + ib.Store.Dir + ":\n\n" +
		bad + `:2:16: column "value": want a whole number, got "20a9"` +
		"\n\nFix the file and drop it in the inbox again.\n"
	if string(msg) != want {
		t.Errorf("error file:\n%s\nwant\n%s", msg, want)
	}
	if exists(bad) || !exists(filepath.Join(ib.Dir, "failed", "2025-05-08-hrmmu-update.csv")) {
		t.Error("bad file not moved to failed/")
	}

	nameless := filepath.Join(ib.Dir, "update.csv")
	write(t, nameless, "month,metric,value\n2025-04,killed,20\n")
	r = ib.Process(ctx, nameless)
	if r.Err == nil || !strings.Contains(r.Err.Error(), "update.csv: cannot tell which publication this is: name the file YYYY-MM-DD-NAME.csv") {
		t.Errorf("file with no publication: %v", r.Err)
	}
	if !exists(filepath.Join(ib.Dir, "failed", "update.csv.error.txt")) {
		t.Error("no .error.txt for the file with no publication")
	}
	if ds, _ := ib.Store.Load(); len(ds.Publications()) != 2 {
		t.Errorf("failed files changed the store: %v", ds.Publications())
	}
	if ib.Pending() != 0 {
		t.Errorf("%d pending after processing, want 0", ib.Pending())
	}
}

// TestInboxLoad: the Load hook reads the file and names its publication;
// the inbox ingests under the publication it returns.
func TestInboxLoad(t *testing.T) {
	ib, _ := newInbox(t)
	var gotPub data.Publication
	ib.Load = func(path string, pub data.Publication) (*data.Dataset, data.Publication, error) {
		gotPub = pub
		p := data.Publication{Date: date(t, "2025-04-09"), Name: "HRMMU update"}
		return load(t, pub2, p), p, nil
	}
	path := filepath.Join(ib.Dir, "2025-04-10-note.txt")
	write(t, path, "prose")
	if r := ib.Process(context.Background(), path); r.Err != nil {
		t.Fatal(r.Err)
	}
	if gotPub.Date.String() != "2025-04-10" || gotPub.Name != "note" {
		t.Errorf("Load was given %v; want the name's note of 2025-04-10", gotPub)
	}
	ds, _ := ib.Store.Load()
	if pubs := ds.Publications(); len(pubs) != 2 || pubs[1].Name != "HRMMU update" || pubs[1].Date.String() != "2025-04-09" {
		t.Errorf("publications %v; want Load's HRMMU update of 2025-04-09", pubs)
	}
}

// TestInboxLocked: while another ingest holds the store, the file stays in
// the inbox, waits again, and nothing is written.
func TestInboxLocked(t *testing.T) {
	ib, _ := newInbox(t)
	ib.LockTimeout = 100 * time.Millisecond
	waited := 0
	ib.Waiting = func() { waited++ }
	other := &Store{Dir: ib.Store.Dir}
	unlock, err := other.Lock(context.Background(), time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	path := filepath.Join(ib.Dir, "2025-04-09-hrmmu-update.csv")
	write(t, path, pub2)
	r := ib.Process(context.Background(), path)
	if !r.Retry || !errors.Is(r.Err, ErrLockTimeout) || r.Plan != nil || waited != 1 {
		t.Errorf("locked store: %+v, waited %d; want a retry after one wait", r, waited)
	}
	if !exists(path) || ib.Pending() != 1 {
		t.Errorf("file left in the inbox %v, pending %d; want it there and waiting", exists(path), ib.Pending())
	}
	for _, sub := range []string{"done", "failed"} {
		if entries, _ := os.ReadDir(filepath.Join(ib.Dir, sub)); len(entries) != 0 {
			t.Errorf("%s/ holds %d files, want none", sub, len(entries))
		}
	}
}

func TestPublicationFromName(t *testing.T) {
	cases := []struct{ name, date, pub string }{
		{"2025-04-09-hrmmu-update.csv", "2025-04-09", "hrmmu update"},
		{"2025-04-09_HRMMU_update.xlsx", "2025-04-09", "HRMMU update"},
		{"2025-04-09 unami report.pdf", "2025-04-09", "unami report"},
		{"2025-04-09-update.csv.gz", "2025-04-09", "update"},
		{"2025-04-09.csv", "2025-04-09", ""},
		{"update.csv", "", ""},
		{"2025-13-09-x.csv", "", ""},
		{"2025-02-30-x.csv", "", ""},
		{"0001-01-01-x.csv", "", ""},  // the zero date is no date
		{"2025-04-09-update", "", ""}, // no extension
	}
	for _, c := range cases {
		p := PublicationFromName(c.name)
		if p.Date.String() != c.date || p.Name != c.pub {
			t.Errorf("%s: got %q %q, want %q %q", c.name, p.Date, p.Name, c.date, c.pub)
		}
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// TestInboxCannotMove: when done/ or failed/ is not a folder, the file
// stays in the inbox and the result says why (a numbering loop on the
// error would never end).
func TestInboxCannotMove(t *testing.T) {
	ib, _ := newInbox(t)
	for _, sub := range []string{"done", "failed"} {
		os.Remove(filepath.Join(ib.Dir, sub))
		write(t, filepath.Join(ib.Dir, sub), "in the way")
	}
	bad := filepath.Join(ib.Dir, "2025-05-08-hrmmu-update.csv")
	write(t, bad, "month,metric,value\n2025-04,killed,20a9\n")
	r := ib.Process(context.Background(), bad)
	if r.Err == nil || r.MoveErr == nil || !strings.Contains(r.MoveErr.Error(), "cannot move it to "+filepath.Join(ib.Dir, "failed")) {
		t.Errorf("bad file with failed/ in the way: %+v", r)
	}
	good := filepath.Join(ib.Dir, "2025-04-09-hrmmu-update.csv")
	write(t, good, pub2)
	r = ib.Process(context.Background(), good)
	if r.Err != nil || r.Plan == nil || r.MoveErr == nil || !strings.Contains(r.MoveErr.Error(), "cannot move it to "+filepath.Join(ib.Dir, "done")) {
		t.Errorf("good file with done/ in the way: %+v", r)
	}
	if !exists(bad) || !exists(good) {
		t.Error("files that could not be moved are gone from the inbox")
	}
}

// FuzzPublicationFromName: any file name gives a dated publication or
// none, never a panic; a date only when the name starts with it, and a
// name free of the separators it turns into spaces.
func FuzzPublicationFromName(f *testing.F) {
	for _, s := range []string{"2025-04-09-hrmmu-update.csv", "2025-04-09.csv", "update.csv", "2025-02-30-x.csv", "2025-04-09-.tar.gz", "2025-04-09__a_-b.xlsx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := PublicationFromName(name)
		if p.Date.IsZero() {
			if p.Name != "" {
				t.Errorf("%q gave a name %q with no date", name, p.Name)
			}
			return
		}
		if !strings.HasPrefix(name, p.Date.String()) {
			t.Errorf("%q gave the date %s", name, p.Date)
		}
		if strings.ContainsAny(p.Name, "-_") || p.Name != strings.TrimSpace(p.Name) {
			t.Errorf("%q gave the name %q", name, p.Name)
		}
	})
}
