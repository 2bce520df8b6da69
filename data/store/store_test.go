package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// figures renders a dataset's figures one per line, without where each
// was read, so that two loads of the same figures compare equal.
func figures(t *testing.T, ds *data.Dataset) string {
	t.Helper()
	var lines []string
	for _, o := range ds.Obs {
		lines = append(lines, strings.Join([]string{o.Month.String(), o.Area, string(o.Metric), covers(o),
			o.Qualifier.String(), itoa(o.Value), itoa(o.Low), itoa(o.High), o.Published.Date.String(), o.Published.Name,
			o.Source, o.Note}, "|"))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

func load(t *testing.T, text string, pub data.Publication) *data.Dataset {
	t.Helper()
	ds, err := data.Load(strings.NewReader(text), "in.csv", data.LoadOptions{Publication: pub})
	if err != nil {
		t.Fatalf("load input: %v", err)
	}
	return ds
}

func date(t *testing.T, s string) data.Date {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInitFromEmbedded: a store seeded with the embedded dataset holds the
// same figures, every vintage, one file per publication, and loads clean.
func TestInitFromEmbedded(t *testing.T) {
	dir := t.TempDir()
	emb := data.Default()
	s, err := Init(dir, emb)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := figures(t, got), figures(t, emb); a != b {
		t.Errorf("store figures differ from the embedded dataset:\n%s\nwant\n%s", a, b)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, PubDir))
	if len(entries) != 44 { // data/hrmmu.csv holds 44 publications
		t.Errorf("%d publication files, want 44", len(entries))
	}
	st, err := s.Check()
	if err != nil || st.Stale || len(st.Problems) > 0 || st.Publications != 44 || st.Figures != 201 {
		t.Errorf("Check = %+v, %v; want 44 publications, 201 figures, no problems", st, err)
	}
	if _, err := os.Stat(filepath.Join(dir, PubDir, "2025-04-09-hrmmu-update-2025-04-09.csv")); err != nil {
		t.Errorf("publication file named from its date and name: %v", err)
	}
	if _, err := Init(dir, nil); err == nil {
		t.Error("Init on an existing store succeeded; want an error")
	}
}

const (
	pub1 = `month,metric,value
2025-01,killed,148
2025-01,injured,761
2025-02,killed,123
2025-02,injured,567
`
	// pub2 revises February (123 → 129: +6, 6/123 = +4.9%) and gives March.
	pub2 = `month,metric,value,qualifier
2025-02,killed,129,
2025-02,injured,588,at least
2025-03,killed,164,
2025-03,injured,910,
`
)

func seeded(t *testing.T) *Store {
	t.Helper()
	s, err := Init(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p1 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-03-13")}
	if _, err := s.Ingest(load(t, pub1, p1), p1, Options{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIngestComparesWithStore(t *testing.T) {
	s := seeded(t)
	p2 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-04-09")}
	plan, err := s.Ingest(load(t, pub2, p2), p2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.File != "2025-04-09-hrmmu-update.csv" {
		t.Errorf("file %q", plan.File)
	}
	if len(plan.NewMonths) != 1 || plan.NewMonths[0].String() != "2025-03" {
		t.Errorf("new months %v, want [2025-03]", plan.NewMonths)
	}
	if len(plan.Added) != 2 || plan.Unchanged != 0 {
		t.Errorf("added %d unchanged %d, want 2 and 0", len(plan.Added), plan.Unchanged)
	}
	// Feb killed 123 → 129; Feb injured 567 → 588 "at least" (value and
	// qualifier both changed).
	var revs []string
	for _, r := range plan.Revised {
		revs = append(revs, string(r.New.Metric)+" "+formatInt(r.Old.Value)+"→"+formatInt(r.New.Value)+" "+r.New.Qualifier.String())
	}
	if got, want := strings.Join(revs, "; "), "killed 123→129 exact; injured 567→588 at_least"; got != want {
		t.Errorf("revisions %q, want %q", got, want)
	}
	// The index written by the ingest is the one rebuilt from the files.
	idx, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile))
	if err := s.writeIndex(); err != nil {
		t.Fatal(err)
	}
	if rebuilt, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile)); string(rebuilt) != string(idx) {
		t.Errorf("index after ingest:\n%s\nrebuilt from the files:\n%s", idx, rebuilt)
	}
	ds, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	feb := data.Key{Month: data.NewMonth(2025, 2), Area: "UA", Metric: data.Killed}
	if o, _ := ds.Figure(feb); o.Value != 129 {
		t.Errorf("current Feb killed %d, want 129 (the revision)", o.Value)
	}
	if o, _ := ds.FirstPublished().Figure(feb); o.Value != 123 {
		t.Errorf("first-published Feb killed %d, want 123 (earlier vintage kept)", o.Value)
	}

	// The same file again changes nothing.
	before := snapshot(t, s.Dir)
	again, err := s.Ingest(load(t, pub2, p2), p2, Options{})
	if err != nil || !again.Same {
		t.Fatalf("second ingest: same=%v err=%v; want same, no error", again != nil && again.Same, err)
	}
	if after := snapshot(t, s.Dir); after != before {
		t.Errorf("second ingest changed the store:\n%s\nwas\n%s", after, before)
	}
}

func TestIngestRefuses(t *testing.T) {
	p1 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-03-13")}
	cases := []struct {
		name string
		text string
		pub  data.Publication
		opt  Options
		want string
	}{
		{"same publication, other figures", strings.Replace(pub1, "148", "150", 1), p1, Options{},
			"in the store already (publications/2025-03-13-hrmmu-update.csv) with different figures (2025-01 UA killed  was 148, file says 150)"},
		{"replacement that drops a figure", strings.Replace(pub1, "2025-02,injured,567\n", "", 1), p1, Options{Replace: true},
			"would drop 1 figure(s) it gave (2025-02 UA injured)"},
		{"the same figure twice", pub1 + "2025-02,killed,130\n", data.Publication{Date: date(t, "2025-04-01")}, Options{},
			"is given twice"},
		{"two publications in one file", "month,metric,value,published\n2025-02,killed,129,2025-04-09\n2025-03,killed,164,\n", data.Publication{Date: date(t, "2025-04-10")}, Options{},
			"this row is of published 9 April 2025"},
		{"no date", "month,metric,value\n2025-03,killed,164\n", data.Publication{}, Options{}, "want a publication date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := seeded(t)
			before := snapshot(t, s.Dir)
			ds, err := data.Load(strings.NewReader(c.text), "in.csv", data.LoadOptions{Publication: c.pub})
			if err == nil {
				_, err = s.Ingest(ds, c.pub, c.opt)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want one containing %q", err, c.want)
			}
			if after := snapshot(t, s.Dir); after != before {
				t.Errorf("a refused ingest changed the store")
			}
		})
	}
}

func TestPartMonthAboveWholeMonth(t *testing.T) {
	text := "month,metric,value,covers\n2025-03,killed,164,\n2025-03,killed,170,1-24\n"
	ds := load(t, text, data.Publication{Date: date(t, "2025-04-09")})
	err := checkContradictions(ds.Obs)
	if err == nil || !strings.Contains(err.Error(), "killed for 1-24 Mar 2025 (170) is above the whole month's figure (164") {
		t.Errorf("error %v", err)
	}
}

func TestReplaceWithAllowDrop(t *testing.T) {
	s := seeded(t)
	p1 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-03-13")}
	text := strings.Replace(strings.Replace(pub1, "2025-02,injured,567\n", "", 1), "148", "150", 1)
	plan, err := s.Ingest(load(t, text, p1), p1, Options{Replace: true, AllowDrop: true})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Replaces || len(plan.Dropped) != 1 || len(plan.Revised) != 1 || plan.Unchanged != 2 {
		t.Errorf("plan %+v", plan)
	}
	ds, _ := s.Load()
	if len(ds.Obs) != 3 || len(ds.Publications()) != 1 {
		t.Errorf("%d figures in %d publications, want 3 in 1", len(ds.Obs), len(ds.Publications()))
	}
}

// snapshot lists the store's files and their content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || filepath.Base(p) == LockFile {
			return err
		}
		c, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		b.WriteString("== " + rel + "\n" + string(c))
		return nil
	})
	return b.String()
}

// TestInterruptedStates builds by hand each state a killed ingest can
// leave, and checks the store loads as before or after, says what is
// amiss, and Repair mends it.
func TestInterruptedStates(t *testing.T) {
	p2 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-04-09")}
	t.Run("temporary file", func(t *testing.T) {
		s := seeded(t)
		before, _ := s.Load()
		os.WriteFile(filepath.Join(s.Dir, PubDir, ".2025-04-09-x.csv.tmp-123"), []byte("month,met"), 0o644)
		got, err := s.Load()
		if err != nil || figures(t, got) != figures(t, before) {
			t.Fatalf("load with a temporary file: %v", err)
		}
		st, _ := s.Repair()
		if len(st.Temps) != 1 {
			t.Errorf("temps %v", st.Temps)
		}
		if st, _ := s.Check(); len(st.Temps) != 0 || st.Stale {
			t.Errorf("after repair: %+v", st)
		}
	})
	t.Run("publication not indexed", func(t *testing.T) {
		s := seeded(t)
		plan, err := s.Prepare(load(t, pub2, p2), p2, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.writePublication(plan.Pub, plan.Obs, plan.File); err != nil { // killed before the index
			t.Fatal(err)
		}
		got, err := s.Load()
		if err != nil || len(got.Publications()) != 2 {
			t.Fatalf("load: %v, %d publications; want the new one included", err, len(got.Publications()))
		}
		if len(got.Warnings) == 0 || !strings.Contains(got.Warnings[0].Error(), "is not in index.csv yet") {
			t.Errorf("warnings %v", got.Warnings)
		}
		if _, err := s.Repair(); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Check(); st.Stale || len(st.Problems) > 0 {
			t.Errorf("after repair: %+v", st)
		}
	})
	t.Run("file gone", func(t *testing.T) {
		s := seeded(t)
		os.Remove(filepath.Join(s.Dir, PubDir, "2025-03-13-hrmmu-update.csv"))
		st, err := s.Check()
		if err != nil || !st.Stale || !strings.Contains(st.Problems[0].Error(), "but the file is gone: those figures are missing") {
			t.Errorf("check: %+v %v", st, err)
		}
	})
	t.Run("index missing", func(t *testing.T) {
		s := seeded(t)
		os.Remove(filepath.Join(s.Dir, IndexFile))
		if _, err := Open(s.Dir); err == nil || !strings.Contains(err.Error(), "init --repair") {
			t.Errorf("open: %v", err)
		}
		r, err := OpenForRepair(s.Dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Repair(); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(s.Dir); err != nil {
			t.Errorf("open after repair: %v", err)
		}
	})
}

func TestHistories(t *testing.T) {
	s := seeded(t)
	p2 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-04-09")}
	if _, err := s.Ingest(load(t, pub2, p2), p2, Options{}); err != nil {
		t.Fatal(err)
	}
	ds, _ := s.Load()
	var got []string
	for _, h := range Histories(ds) {
		line := h.Key.String() + ":"
		for _, v := range h.Vintages {
			line += " " + formatInt(v.Value)
		}
		if h.Revised() {
			line += " revised"
		}
		got = append(got, line)
	}
	want := []string{
		"2025-01 UA killed: 148", "2025-01 UA injured: 761",
		"2025-02 UA killed: 123 129 revised", "2025-02 UA injured: 567 588 revised",
		"2025-03 UA killed: 164", "2025-03 UA injured: 910",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("histories:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLockWaitsAndGivesUp(t *testing.T) {
	s := seeded(t)
	unlock, err := s.Lock(context.Background(), time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := false
	_, err = s.Lock(context.Background(), 100*time.Millisecond, func() { waited = true })
	if !errors.Is(err, ErrLockTimeout) || !waited || !strings.Contains(err.Error(), "gave up after 100ms waiting for") {
		t.Errorf("second lock: waited=%v err=%v", waited, err)
	}
	go func() { time.Sleep(100 * time.Millisecond); unlock() }()
	unlock2, err := s.Lock(context.Background(), 5*time.Second, nil)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	unlock2()
}

func TestSlugAndFileName(t *testing.T) {
	cases := []struct{ name, want string }{
		{"HRMMU update", "2025-04-09-hrmmu-update.csv"},
		{"OHCHR update as of 2025-03-31", "2025-04-09-ohchr-update-as-of-2025-03-31.csv"},
		{"", "2025-04-09.csv"},
		{"  ../../etc/passwd  ", "2025-04-09-etc-passwd.csv"},
		{"Звіт", "2025-04-09.csv"},
	}
	for _, c := range cases {
		if got := fileName(data.Publication{Name: c.name, Date: date(t, "2025-04-09")}, nil); got != c.want {
			t.Errorf("fileName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	taken := map[string]bool{"2025-04-09-a-b.csv": true}
	if got := fileName(data.Publication{Name: "a/b", Date: date(t, "2025-04-09")}, taken); got != "2025-04-09-a-b-2.csv" {
		t.Errorf("clash: %q", got)
	}
}

// TestIngestOlderPublication: a publication older than the store's newest
// is compared with the figures as known before its date, and says the
// newer vintages stay current.
func TestIngestOlderPublication(t *testing.T) {
	s := seeded(t) // 13 March 2025: Feb killed 123
	p3 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-05-08")}
	if _, err := s.Ingest(load(t, "month,metric,value\n2025-02,killed,130\n", p3), p3, Options{}); err != nil {
		t.Fatal(err)
	}
	p2 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-04-09")}
	plan, err := s.Ingest(load(t, "month,metric,value\n2025-02,killed,129\n", p2), p2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	same := data.Publication{Name: "UN briefing", Date: date(t, "2025-04-09")}
	sp, err := s.Ingest(load(t, "month,metric,value\n2025-02,killed,128\n", same), same, Options{})
	if err != nil || len(sp.SameDay) != 1 || sp.SameDay[0] != p2 {
		t.Errorf("same-day publication: %v, same day %v", err, sp.SameDay)
	}
	// Compared with 123 (13 March), not with 130 (8 May, later).
	if len(plan.Revised) != 1 || plan.Revised[0].Old.Value != 123 || len(plan.Newer) != 1 || plan.Newer[0] != p3 {
		t.Errorf("plan: revised %+v, newer %v", plan.Revised, plan.Newer)
	}
	ds, _ := s.Load()
	if o, _ := ds.Figure(data.Key{Month: data.NewMonth(2025, 2), Area: "UA", Metric: data.Killed}); o.Value != 130 {
		t.Errorf("current Feb killed %d, want 130 (8 May stays the latest)", o.Value)
	}
}

// TestDerivedSurvives: a figure computed from cumulative totals keeps its
// Derived mark through the store (its note starts "derived:").
func TestDerivedSurvives(t *testing.T) {
	s := seeded(t)
	p := data.Publication{Name: "totals", Date: date(t, "2025-05-01")}
	in := load(t, "month,metric,value,note\n2025-04,killed,200,derived: cumulative killed 13000 as of 2025-04-30 minus 12800 as of 2025-03-31\n", p)
	in.Obs[0].Derived = true
	if _, err := s.Ingest(in, p, Options{}); err != nil {
		t.Fatal(err)
	}
	ds, _ := s.Load()
	if o, _ := ds.Figure(data.Key{Month: data.NewMonth(2025, 4), Area: "UA", Metric: data.Killed}); !o.Derived || o.Value != 200 {
		t.Errorf("stored figure %+v; want 200, Derived", o)
	}
}

// TestStoreKeepsSource: a store made from the embedded HRMMU data keeps
// HRMMU as its source (source.txt), so a figure ingested later without a
// source's wording is still worded and qualified as HRMMU's: every count
// "at least". A store with no source.txt declares none.
func TestStoreKeepsSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "st")
	s, err := Init(dir, data.Default())
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, SourceFile)); err != nil || string(b) != "hrmmu\n" {
		t.Fatalf("source.txt: %q, %v", b, err)
	}
	ds, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source.ID != "hrmmu" {
		t.Errorf("loaded source %q, want hrmmu", ds.Source.ID)
	}
	for _, o := range ds.Obs {
		if o.Qualifier != data.AtLeast {
			t.Fatalf("%s %s %s: %v, want at least (HRMMU's counts are minimums)", o.Month, o.Area, o.Metric, o.Qualifier)
		}
	}
	if err := os.Remove(filepath.Join(dir, SourceFile)); err != nil {
		t.Fatal(err)
	}
	if ds, err = s.Load(); err != nil || ds.Source.Declared() {
		t.Errorf("without source.txt: source %+v, %v", ds.Source, err)
	}
}

// TestStoreOfAnotherCountry: a store holds any mission's series — its
// files load with the country their p-codes say — and one country's
// only. Figures: UNAMI's release for September 2015 (537 civilians
// killed, 925 injured) and HRMMU's update of 13 March 2025 (pub1).
func TestStoreOfAnotherCountry(t *testing.T) {
	s, err := Init(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := data.Publication{Name: "UNAMI casualty figures for September 2015", Date: date(t, "2015-10-01")}
	iq := "month,area,metric,value\n2015-09,IQ,killed,537\n2015-09,IQ,injured,925\n2015-09,IQG08,killed,99\n"
	if _, err := s.Ingest(load(t, iq, p), p, Options{}); err != nil {
		t.Fatalf("ingest an Iraqi publication: %v", err)
	}
	ds, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if ds.Areas.Country.Code != "IQ" || len(ds.Obs) != 3 {
		t.Fatalf("store reads back as %s with %d figures, want IQ with 3", ds.Areas.Country.Code, len(ds.Obs))
	}
	if a, ok := ds.Areas.Get("IQG08"); !ok || !strings.Contains(a.Name, "Baghdad") {
		t.Errorf("IQG08 reads as %q", a.Name)
	}
	before := snapshot(t, s.Dir)
	p1 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-03-13")}
	_, err = s.Ingest(load(t, pub1, p1), p1, Options{})
	if err == nil || !strings.Contains(err.Error(), "the store holds Iraq's figures (IQ) and this publication gives Ukraine's (UA)") {
		t.Fatalf("ingest of Ukraine's figures into Iraq's store: %v", err)
	}
	if snapshot(t, s.Dir) != before {
		t.Errorf("a refused ingest changed the store")
	}
}
