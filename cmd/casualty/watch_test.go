package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
)

// syncBuffer is a bytes.Buffer safe to write from the watcher while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls until cond holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("gave up after %s waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// TestWatchInbox drops a good file (written in two parts, slower than a
// copy, to exercise the debounce) and a bad one into the inbox, and checks
// the good one is ingested and moved to done/ with the report remade, the
// bad one is moved to failed/ with its error beside it, the store holds
// only the good publication, and cancelling (SIGINT, SIGTERM) stops watch
// cleanly.
func TestWatchInbox(t *testing.T) {
	root := t.TempDir()
	dir, inbox, out := filepath.Join(root, "store"), filepath.Join(root, "inbox"), filepath.Join(root, "report")
	mustRun(t, "init", "--store", dir)
	mustRun(t, "ingest", "--store", dir, "--published", "2025-03-13", "--name", "HRMMU update", writeInputs(t)+"/"+storePubs[0].file)
	os.MkdirAll(inbox, 0o755)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"watch", "--store", dir, "--inbox", inbox, "--out", out, "--settle", "300ms"}, &stdout, &stderr)
	}()
	waitFor(t, "watch to start", 10*time.Second, func() bool { return strings.Contains(stderr.String(), "watching") })

	// The good file arrives in two writes 150ms apart: read after the
	// first, it would be a half row and fail.
	good := filepath.Join(inbox, "2025-04-09-hrmmu-update.csv")
	text := storePubs[1].text
	f, err := os.Create(good)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text[:len(text)/2])
	f.Sync()
	time.Sleep(150 * time.Millisecond)
	f.WriteString(text[len(text)/2:])
	f.Close()
	bad := filepath.Join(inbox, "2025-05-08-hrmmu-update.csv")
	os.WriteFile(bad, []byte("month,metric,value\n2025-04,killed,20a9\n"), 0o644)

	waitFor(t, "both files handled", 20*time.Second, func() bool {
		return exists(filepath.Join(inbox, "done", filepath.Base(good))) && exists(filepath.Join(inbox, "failed", filepath.Base(bad)+".error.txt"))
	})
	if !exists(filepath.Join(inbox, "failed", filepath.Base(bad))) || exists(good) || exists(bad) {
		t.Error("files not moved out of the inbox")
	}
	msg, _ := os.ReadFile(filepath.Join(inbox, "failed", filepath.Base(bad)+".error.txt"))
	if !strings.Contains(string(msg), `2025-05-08-hrmmu-update.csv:2:16: column "value": want a whole number, got "20a9"`) {
		t.Errorf("error file says:\n%s", msg)
	}
	s, _ := store.Open(dir)
	ds, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if pubs := ds.Publications(); len(pubs) != 2 || pubs[1].Name != "hrmmu update" {
		t.Errorf("publications %v; want the first and the good file's (named from the file name)", pubs)
	}
	if o, _ := ds.Figure(data.Key{Month: data.NewMonth(2025, 2), Area: "UA", Metric: data.Killed}); o.Value != 129 {
		t.Errorf("Feb killed %d after watch, want the revision 129", o.Value)
	}
	// The report for the latest month (March 2025) was made from the store.
	waitFor(t, "the report", 30*time.Second, func() bool { return exists(filepath.Join(out, "data.csv")) })
	if b, _ := os.ReadFile(filepath.Join(out, "data.csv")); !strings.Contains(string(b), "2025-03,UA,killed,164") {
		t.Errorf("report data.csv lacks March:\n%s", b)
	}
	if !strings.Contains(stdout.String(), "revised figures (2):") {
		t.Errorf("watch output:\n%s", stdout.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch returned %v on cancel; want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not stop within 5s of cancel")
	}
}

func TestPublicationFromName(t *testing.T) {
	cases := []struct{ name, date, pub string }{
		{"2025-04-09-hrmmu-update.csv", "2025-04-09", "hrmmu update"},
		{"2025-04-09_HRMMU_update.xlsx", "2025-04-09", "HRMMU update"},
		{"2025-04-09.csv", "2025-04-09", ""},
		{"update.csv", "", ""},
		{"2025-13-09-x.csv", "", ""},
	}
	for _, c := range cases {
		p := publicationFromName(c.name)
		if p.Date.String() != c.date || p.Name != c.pub {
			t.Errorf("%s: got %q %q, want %q %q", c.name, p.Date, p.Name, c.date, c.pub)
		}
	}
}

func TestInboxFile(t *testing.T) {
	for name, want := range map[string]bool{"a.csv": true, ".a.csv": false, "a.csv~": false, "a.csv.part": false, "done": false, "b.xlsx": true} {
		if inboxFile(name) != want {
			t.Errorf("inboxFile(%q) = %v", name, !want)
		}
	}
}

// TestWatchStopsOnSignal runs the real command and stops it with SIGINT
// and with SIGTERM: it must exit 0, promptly, saying it stopped.
func TestWatchStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "casualty")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir, inbox := filepath.Join(root, "store"), filepath.Join(root, "inbox")
	mustRun(t, "init", "--store", dir)
	os.MkdirAll(inbox, 0o755)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			c := exec.Command(bin, "watch", "--store", dir, "--inbox", inbox, "--out", filepath.Join(root, "report"))
			var stderr syncBuffer
			c.Stderr = &stderr
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "watch to start", 10*time.Second, func() bool { return strings.Contains(stderr.String(), "watching") })
			c.Process.Signal(sig)
			exited := make(chan error, 1)
			go func() { exited <- c.Wait() }()
			select {
			case err := <-exited:
				if err != nil || !strings.Contains(stderr.String(), "watch stopped") {
					t.Errorf("exit: %v; stderr %q", err, stderr.String())
				}
			case <-time.After(5 * time.Second):
				c.Process.Kill()
				t.Fatal("watch did not stop within 5s")
			}
		})
	}
}

// FuzzPublicationFromName: any file name gives a dated publication or
// none, never a panic, and a date only when the name starts with one.
func FuzzPublicationFromName(f *testing.F) {
	for _, s := range []string{"2025-04-09-hrmmu-update.csv", "2025-04-09.csv", "update.csv", "2025-02-30-x.csv", "2025-04-09-.tar.gz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := publicationFromName(name)
		if !p.Date.IsZero() && !strings.HasPrefix(name, p.Date.String()) {
			t.Errorf("%q gave the date %s", name, p.Date)
		}
	})
}
