package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data/store"
)

// golden compares got with testdata/store/NAME (see goldenFile).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenFile(t, filepath.Join("testdata", "store", name), got)
}

// casualty runs the command in-process and returns its stdout, stderr and
// error.
func casualty(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := casualty(t, args...)
	if err != nil {
		t.Fatalf("casualty %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// Three successive HRMMU-style publications. The second revises February
// 2025 (killed 123 → 129: +6, 6/123 = 4.9% → "+5%"; injured 567 → 588:
// +21, 21/567 = 3.7% → "+4%"); the third revises March (killed 164 → 169:
// +5, 5/164 = 3.0% → "+3%") and gives April.
var storePubs = []struct{ file, date, name, text string }{
	{"2025-03-13.csv", "2025-03-13", "HRMMU update", "month,metric,value\n2025-01,killed,148\n2025-01,injured,761\n2025-02,killed,123\n2025-02,injured,567\n"},
	{"2025-04-09.csv", "2025-04-09", "HRMMU update", "month,metric,value\n2025-02,killed,129\n2025-02,injured,588\n2025-03,killed,164\n2025-03,injured,910\n"},
	{"2025-05-08.xlsx.csv", "2025-05-08", "HRMMU update", "month,killed,injured\n2025-03,169,910\n2025-04,209,1146\n"}, // wide
}

func writeInputs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range storePubs {
		if err := os.WriteFile(filepath.Join(dir, p.file), []byte(p.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestStoreEndToEnd ingests three publications, one revising an earlier
// month, and checks what ingest says, the revisions, the current data and
// the report recomputed from the store.
func TestStoreEndToEnd(t *testing.T) {
	in := writeInputs(t)
	dir := filepath.Join(t.TempDir(), "store")
	golden(t, "init.txt", strings.ReplaceAll(mustRun(t, "init", "--store", dir), dir, "STORE"))
	var log strings.Builder
	for i, p := range storePubs {
		args := []string{"ingest", "--store", dir, "--published", p.date, "--name", p.name, filepath.Join(in, p.file)}
		if i == 1 {
			// A dry run shows what the ingest will do and writes nothing.
			before := storeFiles(t, dir)
			dry := mustRun(t, append([]string{"ingest", "--dry-run"}, args[1:]...)...)
			log.WriteString(strings.NewReplacer(dir, "STORE", in+string(filepath.Separator), "").Replace(dry))
			if storeFiles(t, dir) != before {
				t.Error("a dry run changed the store")
			}
		}
		out := mustRun(t, args...)
		log.WriteString(strings.NewReplacer(dir, "STORE", in+string(filepath.Separator), "").Replace(out))
	}
	// Ingesting the same file twice changes nothing and says so.
	before := storeFiles(t, dir)
	again := mustRun(t, "ingest", "--store", dir, "--published", "2025-04-09", "--name", "HRMMU update", filepath.Join(in, storePubs[1].file))
	log.WriteString(strings.NewReplacer(in+string(filepath.Separator), "").Replace(again))
	if storeFiles(t, dir) != before {
		t.Error("ingesting the same file twice changed the store")
	}
	golden(t, "ingest.txt", log.String())

	golden(t, "revisions.txt", mustRun(t, "revisions", "--store", dir))
	golden(t, "revisions-2025-03.csv", mustRun(t, "revisions", "--store", dir, "--month", "2025-03", "--format", "csv"))
	var hist []struct {
		Month    string
		Metric   string
		Vintages []struct {
			Value     int64
			Change    *int64
			ChangePct *float64 `json:"change_pct"`
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "revisions", "--store", dir, "--format", "json")), &hist); err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 {
		t.Fatalf("%d revised figures, want 3 (Feb killed, Feb injured, Mar killed)", len(hist))
	}
	if v := hist[0].Vintages; hist[0].Month != "2025-02" || hist[0].Metric != "killed" || len(v) != 2 || v[1].Value != 129 ||
		*v[1].Change != 6 || *v[1].ChangePct < 4.878 || *v[1].ChangePct > 4.879 { // 6/123·100 = 4.8780
		t.Errorf("Feb killed history %+v", hist[0])
	}

	// The current view is the latest vintage of each figure.
	cur := mustRun(t, "data", "--store", dir)
	for _, want := range []string{"2025-02,UA,killed,129,", "2025-03,UA,killed,169,", "2025-04,UA,injured,1146,"} {
		if !strings.Contains(cur, want) {
			t.Errorf("casualty data --store lacks %q:\n%s", want, cur)
		}
	}
	// As of the second publication, March was 164.
	if asOf := mustRun(t, "data", "--store", dir, "--as-of", "2025-04-30"); !strings.Contains(asOf, "2025-03,UA,killed,164,") {
		t.Errorf("--as-of 2025-04-30 lacks March as first published:\n%s", asOf)
	}
	// The report recomputed from the store uses the revised March: its
	// headline compares April with March's 169 + 910 = 1,079 casualties
	// (1,074 as first published, 164 + 910).
	out := filepath.Join(t.TempDir(), "report")
	headline := mustRun(t, "report", "--store", dir, "--out", out, "--formats", "md")
	if !strings.Contains(headline, "March 2025 (1,079, as revised)") || strings.Contains(headline, "1,074") {
		t.Errorf("report headline does not use the revised March (1,079):\n%s", headline)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "| March 2025 | killed | 164 | 169 | +5 (+3%)") {
		t.Errorf("report.md lacks the revision of March killed 164 → 169:\n%s", b)
	}
}

// storeFiles lists a store's files with their content.
func storeFiles(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Name() != store.LockFile {
			c, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(c))
		}
		return nil
	})
	return b.String()
}

func TestIngestErrors(t *testing.T) {
	in := writeInputs(t)
	bad := filepath.Join(in, "bad.csv")
	os.WriteFile(bad, []byte("month,metric,value\n2025-03,killed,164\n2025-03,killed,165\n"), 0o644)
	cases := []struct {
		name  string
		args  []string
		usage bool
		want  string
	}{
		{"contradiction", []string{"--published", "2025-04-09", bad}, false, "bad.csv:3:16: 2025-03 UA killed is given twice for published 9 April 2025: 165 here and 164 at"},
		{"no date", []string{filepath.Join(in, storePubs[0].file)}, true, "--published YYYY-MM-DD is required"},
		{"bad date", []string{"--published", "9/4/2025", bad}, true, `--published: want a date written YYYY-MM-DD, got "9/4/2025"`},
		{"changed publication", []string{"--published", "2025-03-13", "--name", "HRMMU update", filepath.Join(in, storePubs[1].file)}, false,
			"HRMMU update (13 March 2025) is in the store already (publications/2025-03-13-hrmmu-update.csv) with different figures"},
		{"drop without replace", []string{"--allow-drop", "--published", "2025-04-09", bad}, true, "--allow-drop only applies with --replace"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "store")
			mustRun(t, "init", "--store", dir)
			mustRun(t, "ingest", "--store", dir, "--published", "2025-03-13", "--name", "HRMMU update", filepath.Join(in, storePubs[0].file))
			before := storeFiles(t, dir)
			_, _, err := casualty(t, append([]string{"ingest", "--store", dir}, c.args...)...)
			var stderr bytes.Buffer
			code := exitCode(err, &stderr)
			if want := map[bool]int{true: 2, false: 1}[c.usage]; code != want || !strings.Contains(stderr.String(), c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), want, c.want)
			}
			if storeFiles(t, dir) != before {
				t.Error("a failed ingest changed the store")
			}
		})
	}
}

// TestIngestLock: an ingest that finds the store locked says it waits,
// and gives up after --lock-timeout with nothing written; two ingests at
// once both land.
func TestIngestLock(t *testing.T) {
	in := writeInputs(t)
	dir := filepath.Join(t.TempDir(), "store")
	mustRun(t, "init", "--store", dir)
	s, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock(context.Background(), time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"ingest", "--store", dir, "--published", "2025-03-13", "--name", "HRMMU update", "--lock-timeout", "200ms", filepath.Join(in, storePubs[0].file)}
	_, stderr, err := casualty(t, args...)
	if err == nil || !strings.Contains(stderr, "is locked by another ingest; waiting up to 200ms") ||
		!strings.Contains(err.Error(), "gave up after 200ms waiting for") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("locked ingest: err %v, stderr %q", err, stderr)
	}
	unlock()

	// Three ingests at once: none is lost.
	var wg sync.WaitGroup
	errs := make([]error, len(storePubs))
	for i, p := range storePubs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = casualty(t, "ingest", "--store", dir, "--published", p.date, "--name", p.name, filepath.Join(in, p.file))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent ingest %d: %v", i, err)
		}
	}
	st, err := s.Check()
	if err != nil || st.Publications != 3 || st.Stale || st.Figures != 12 { // 4 + 4 + 2 months · 2 metrics
		t.Errorf("after concurrent ingests: %+v %v; want 3 publications, 12 figures, index up to date", st, err)
	}
}

func TestInitRepair(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	mustRun(t, "init", "--store", dir, "--from-embedded")
	os.Remove(filepath.Join(dir, store.IndexFile))
	if _, _, err := casualty(t, "data", "--store", dir); err == nil || !strings.Contains(err.Error(), "init --repair") {
		t.Errorf("data on a store without index: %v", err)
	}
	out := mustRun(t, "init", "--repair", "--store", dir)
	if !strings.Contains(out, "44 publications, 201 figures, index up to date") || !strings.Contains(out, "repaired:") {
		t.Errorf("repair said %q", out)
	}
	// The seeded store gives the same current figures as the embedded data.
	if a, b := mustRun(t, "data", "--store", dir), mustRun(t, "data"); a != b {
		t.Error("casualty data --store (seeded) differs from casualty data (embedded)")
	}
}
