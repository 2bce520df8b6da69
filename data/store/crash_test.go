package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// crashPub is the publication the crash test ingests: it revises March
// 2022 (4,289 → 4,300), restates January 2026 and gives February 2026.
const crashPub = `month,metric,value
2022-03,killed,4300
2026-01,killed,161
2026-01,injured,757
2026-02,killed,150
2026-02,injured,700
`

// crashChildEnv, in the environment of this test binary, makes it the
// process TestCrashAtAnyMoment kills: "6ms DIR" ingests crashPub into the
// store DIR with slowStep at 6 ms.
const crashChildEnv = "CASUALTY_STORE_CRASH_CHILD"

// TestMain runs the tests, or, started by the crash test with
// crashChildEnv set, an ingest as `casualty ingest` makes it: lock the
// store, ingest crashPub as the 12 March 2026 HRMMU update, unlock.
func TestMain(m *testing.M) {
	if spec := os.Getenv(crashChildEnv); spec != "" {
		if err := crashChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func crashChild(spec string) error {
	step, dir, ok := strings.Cut(spec, " ")
	if !ok {
		return fmt.Errorf("%s: want \"DURATION DIR\", got %q", crashChildEnv, spec)
	}
	d, err := time.ParseDuration(step)
	if err != nil {
		return err
	}
	slowStep = d
	s, err := Open(dir)
	if err != nil {
		return err
	}
	published, err := data.ParseDate("2026-03-12")
	if err != nil {
		return err
	}
	pub := data.Publication{Name: "HRMMU update", Date: published}
	in, err := data.Load(strings.NewReader(crashPub), "update.csv", data.LoadOptions{Publication: pub})
	if err != nil {
		return err
	}
	unlock, err := s.Lock(context.Background(), time.Minute, nil)
	if err != nil {
		return err
	}
	defer unlock()
	_, err = s.Ingest(in, pub, Options{})
	return err
}

// TestCrashAtAnyMoment kills `casualty ingest` (SIGKILL, as a power cut
// or the OOM killer would) at random moments, at least 50 times, and
// checks after each that the store loads and holds exactly the figures it
// held before the ingest or exactly those it holds after a whole one —
// never a mix, never a half-written publication — and that a following
// ingest completes the store. The process killed is this test binary,
// started again as an ingest (see TestMain) with the hook slowStep set,
// which slows each write so that the kills land in every step: reading,
// writing the publication file, between it and the index, writing the
// index.
func TestCrashAtAnyMoment(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it 60 times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	tmp := t.TempDir()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(tmp, "base")
	// A small store (the two-year update, which gives March 2022, and the
	// monthly updates since June 2025) keeps each run short.
	two, _ := data.ParseDate("2024-02-22")
	june, _ := data.ParseDate("2025-06-01")
	seed := data.Default().Filter(func(o data.Observation) bool {
		return o.Published.Date.Equal(two.Time) || !o.Published.Date.Before(june.Time)
	})
	if _, err := Init(base, seed); err != nil {
		t.Fatal(err)
	}
	ingest := func(dir string, slow string) *exec.Cmd {
		c := exec.Command(bin, "-test.run=^$")
		c.Env = append(os.Environ(), crashChildEnv+"="+slow+" "+dir)
		return c
	}
	state := func(dir string) string {
		s, err := Open(dir)
		if err != nil {
			t.Fatalf("open after a crash: %v", err)
		}
		ds, err := s.Load()
		if err != nil {
			t.Fatalf("load after a crash: %v", err)
		}
		return figures(t, ds)
	}
	before := state(base)
	pub := data.Publication{Name: "HRMMU update", Date: date(t, "2026-03-12")}

	// One whole, slowed ingest: the after state, how long it takes to
	// reach its commit and how long the commit takes.
	whole := filepath.Join(tmp, "whole")
	copyDir(t, base, whole)
	start := time.Now()
	c := ingest(whole, "6ms")
	committing := watchCommit(t, c)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	<-committing
	toCommit := time.Since(start)
	if err := c.Wait(); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	commitSpan := time.Since(start) - toCommit
	after := state(whole)
	if after == before {
		t.Fatal("the ingest changed nothing; the test would prove nothing")
	}

	// One kill in four lands anywhere before the commit starts (loading,
	// locking, comparing); the others land within the commit (writing the
	// publication, renaming it, writing the index) or just after it.
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var sawBefore, sawAfter, sawStale, sawTemp int
	const kills = 60
	for i := 0; i < kills; i++ {
		dir := filepath.Join(tmp, "kill", strings.Repeat("0", 3-len(itoa(int64(i))))+itoa(int64(i)))
		copyDir(t, base, dir)
		c := ingest(dir, "6ms")
		committing := watchCommit(t, c)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			time.Sleep(time.Duration(rng.Int63n(int64(toCommit))))
		} else {
			select {
			case <-committing:
			case <-time.After(20 * time.Second):
				t.Fatalf("kill %d: the ingest did not reach its commit", i)
			}
			time.Sleep(time.Duration(rng.Int63n(int64(commitSpan) * 12 / 10)))
		}
		c.Process.Kill()
		c.Wait()

		s, _ := Open(dir)
		st, err := s.Check()
		if err != nil {
			t.Fatalf("kill %d: check: %v", i, err)
		}
		switch got := state(dir); got {
		case before:
			sawBefore++
			for _, p := range st.Problems {
				t.Errorf("kill %d: store as before, but %v", i, p)
			}
		case after:
			sawAfter++
			if st.Stale {
				sawStale++ // killed between the publication and the index
			}
		default:
			t.Fatalf("kill %d: the store is neither as before nor as after:\n%s", i, got)
		}
		if len(st.Temps) > 0 {
			sawTemp++
		}
		// Repair (what the next ingest does first) leaves the store as it
		// found it, index up to date; every fifth time, a whole ingest
		// follows (in this process, to keep the test short) and completes.
		if _, err := s.Repair(); err != nil {
			t.Fatalf("kill %d: repair: %v", i, err)
		}
		if st, _ := s.Check(); st.Stale || len(st.Temps) > 0 || len(st.Problems) > 0 {
			t.Fatalf("kill %d: repair left %+v", i, st)
		}
		if i%5 == 0 {
			if _, err := s.Ingest(load(t, crashPub, pub), pub, Options{}); err != nil {
				t.Fatalf("kill %d: ingest after the crash: %v", i, err)
			}
			if got := state(dir); got != after {
				t.Fatalf("kill %d: after a second ingest the store is not as after", i)
			}
		}
		os.RemoveAll(dir)
	}
	t.Logf("%d kills (commit starts after %v, takes %v): %d left the store as before, %d as after (%d of them with the index behind), %d left a temporary file",
		kills, toCommit, commitSpan, sawBefore, sawAfter, sawStale, sawTemp)
	if sawBefore == 0 || sawAfter == 0 {
		t.Errorf("the kills all landed on one side of the commit (%d before, %d after): the test did not probe the commit", sawBefore, sawAfter)
	}
}

// watchCommit returns a channel closed when the command (not started yet)
// says on stderr that it starts its commit.
func watchCommit(t *testing.T, c *exec.Cmd) <-chan struct{} {
	t.Helper()
	r, err := c.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(r)
		closed := false
		for sc.Scan() {
			if !closed && sc.Text() == "casualty-test: commit" {
				close(ch)
				closed = true
			}
		}
	}()
	return ch
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
