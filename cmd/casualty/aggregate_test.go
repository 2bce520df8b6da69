package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
)

// eventFile is a small ACLED-style export: two events in Donetsk in March
// 2025 (3+1 = 4 killed), one in Kyiv City in April (2 killed), and a
// protest the --where test leaves out.
const eventFile = "event_id_cnty,event_date,event_type,admin1,notes,fatalities\n" +
	"UKR1,2025-03-14,Explosions/Remote violence,Donetsk,\"Shelling, \"\"heavy\"\"\",3\n" +
	"UKR2,15 March 2025,Battles,Donetsk,,1\n" +
	"UKR3,2025-04-02,Explosions/Remote violence,Kyiv City,,2\n" +
	"UKR4,2025-04-03,Protests,Kyiv City,,0\n"

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runArgs(args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestAggregateCommand(t *testing.T) {
	in := writeTemp(t, "ev.csv", eventFile)
	out, _, err := runArgs("aggregate", "--where", "event_type=Explosions/Remote violence", "--where", "event_type=Battles", in)
	if err != nil {
		t.Fatal(err)
	}
	export := in + `, rows where event_type is ""Explosions/Remote violence"" or ""Battles""`
	note := "events in " + export + `"`
	// The export, filter and all, is the figures' publication when
	// --publication does not name one.
	pub := `"` + export + `",`
	// March: Donetsk 2 events, 4 killed; Kyiv City none (a zero: the list
	// records no event there). April: Kyiv City 1 event (the protest is
	// left out), 2 killed; Donetsk none.
	want := "month,area,metric,value,qualifier,low,high,covers,published,publication,source,note,events\n" +
		"2025-03,UA14,killed,4,exact,,,,," + pub + in + ",\"sum of 2 " + note + ",2\n" +
		"2025-03,UA80,killed,0,exact,,,,," + pub + in + ",\"sum of 0 " + note + ",0\n" +
		"2025-04,UA14,killed,0,exact,,,,," + pub + in + ",\"sum of 0 " + note + ",0\n" +
		"2025-04,UA80,killed,2,exact,,,,," + pub + in + ",\"sum of 1 " + strings.Replace(note, "events", "event", 1) + ",1\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestAggregateOutMatchesEvents: the file aggregate writes loads as a tidy
// dataset, and gives the same figures as reading the event file directly
// with --events.
func TestAggregateOutMatchesEvents(t *testing.T) {
	in := writeTemp(t, "ev.csv", eventFile)
	outFile := filepath.Join(t.TempDir(), "monthly.csv")
	stdout, _, err := runArgs("aggregate", "--out", outFile, in)
	if err != nil || stdout != "" {
		t.Fatalf("%v, stdout %q", err, stdout)
	}
	viaFile, _, err := runArgs("data", "--data", outFile)
	if err != nil {
		t.Fatal(err)
	}
	viaEvents, _, err := runArgs("data", "--events", in)
	if err != nil {
		t.Fatal(err)
	}
	if viaFile != viaEvents || !strings.Contains(viaEvents, "2025-03,UA14,killed,4,") {
		t.Errorf("--data of the aggregate:\n%s\n--events:\n%s", viaFile, viaEvents)
	}
}

func TestAggregateBadRows(t *testing.T) {
	in := writeTemp(t, "ev.csv", eventFile+"UKR5,2025-04-31,Battles,Donetsk,,1\nUKR6,2025-04-30,Battles,Kyiv Cty,,1\n")
	outFile := filepath.Join(t.TempDir(), "monthly.csv")
	_, _, err := runArgs("aggregate", "--out", outFile, in)
	var ue *usageError
	if err == nil || errors.As(err, &ue) {
		t.Fatalf("got %v, want an input error (exit 1)", err)
	}
	for _, s := range []string{in + `:6:6: column "event_date": want an event date such as 2025-03-14, got "2025-04-31" (April 2025 has no day 31)`,
		`"Kyiv Cty": 1 rows, first at line 7`} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error lacks %q:\n%v", s, err)
		}
	}
	if _, err := os.Stat(outFile); !os.IsNotExist(err) {
		t.Errorf("%s written despite the error", outFile)
	}
	out, stderr, err := runArgs("aggregate", "--skip-bad", in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "warning: "+in+": 2 bad rows skipped (--skip-bad)") {
		t.Errorf("stderr: %s", stderr)
	}
	export := in + "; 2 bad rows skipped (--skip-bad)"
	if !strings.Contains(out, "2025-03,UA14,killed,4,exact,,,,,"+export+","+in+",sum of 2 events in "+export+",2") {
		t.Errorf("stdout: %s", out)
	}
}

func TestAggregateUsage(t *testing.T) {
	in := writeTemp(t, "ev.csv", eventFile)
	storeDir := filepath.Join(t.TempDir(), "store")
	if _, err := store.Init(storeDir, nil); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"aggregate"},
		{"aggregate", in, in},
		{"aggregate", "--where", "event_type", in},
		{"aggregate", "--store", t.TempDir(), in}, // no --published
		{"aggregate", "--published", "14 March 2025", in},
		{"data", "--store", storeDir, "--events", in},
	} {
		_, _, err := runArgs(args...)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: got %v, want a usage error", args, err)
		}
	}
	// The last events are in April 2025: a publication of 31 March cannot
	// report them, one of 1 April can.
	_, _, err := runArgs("aggregate", "--published", "2025-03-31", in)
	if err == nil || !strings.Contains(err.Error(), "the events run to April 2025, so a publication dated 2025-03-31 cannot report them") {
		t.Errorf("got %v", err)
	}
	if _, _, err := runArgs("aggregate", "--published", "2025-04-01", in); err != nil {
		t.Error(err)
	}
}

func TestAggregateStore(t *testing.T) {
	in := writeTemp(t, "ev.csv", eventFile)
	dir := filepath.Join(t.TempDir(), "store")
	if _, err := store.Init(dir, nil); err != nil {
		t.Fatal(err)
	}
	args := []string{"aggregate", "--store", dir, "--published", "2025-05-02", "--publication", "ACLED export", in}
	out, _, err := runArgs(args...)
	if err != nil {
		t.Fatal(err)
	}
	// 2 months x 2 areas x (killed, events) = 8 figures.
	if want := "ACLED export (2 May 2025): 8 figures stored in " + dir + ": 8 new, 0 revised, 0 unchanged\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	out, _, err = runArgs(args...)
	if err != nil || !strings.Contains(out, "nothing changed") {
		t.Errorf("second run: %q %v", out, err)
	}
	s, _ := store.Open(dir)
	ds, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var killed int64
	for _, o := range ds.Obs {
		if o.Metric == data.Killed {
			killed += o.Value
		}
	}
	if len(ds.Obs) != 8 || killed != 6 { // 3 + 1 + 2
		t.Errorf("store holds %d figures, %d killed; want 8, 6", len(ds.Obs), killed)
	}
}

// TestProgressOnlyOnTerminals: a progress bar on a pipe or a file would
// litter logs; only a terminal gets one.
func TestProgressOnlyOnTerminals(t *testing.T) {
	in := writeTemp(t, "ev.csv", eventFile)
	if p := newProgress(in, &bytes.Buffer{}); p != nil {
		t.Error("progress bar on a buffer")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newProgress(in, f); p != nil {
		t.Error("progress bar on a file")
	}
	_, stderr, err := runArgs("aggregate", in)
	if err != nil || stderr != "" {
		t.Errorf("stderr %q, %v", stderr, err)
	}
}

// eventCases are event files `casualty aggregate` must refuse, in the
// catalogue of bad input (testdata/bad/NAME, message in NAME.want): the
// same message from aggregate and from data --events, exit status 1,
// nothing written.
var eventCases = []badCase{
	// An ACLED export of a region: Ukraine's rows and Russia's.
	one("multi-country.csv"),
}

func TestCatalogueEvents(t *testing.T) {
	for _, c := range eventCases {
		t.Run(c.golden(), func(t *testing.T) {
			f := c.files[0]
			dir := inFreshDir(t, c.files[:1])
			var msgs []string
			for _, args := range [][]string{{"aggregate", "--out", "out.csv", f}, {"data", "--events", f}} {
				var out, errb bytes.Buffer
				code := exitCode(run(context.Background(), append(args, c.args...), &out, &errb), &errb)
				if code != 1 || out.Len() != 0 {
					t.Errorf("casualty %s: exit status %d, stdout %q; want 1 and nothing", strings.Join(args, " "), code, out.String())
				}
				msgs = append(msgs, errb.String())
			}
			if got := listDir(t, dir); len(got) != 1 || got[0] != f {
				t.Errorf("the folder holds %q, want only %s", got, f)
			}
			if msgs[0] != msgs[1] {
				t.Errorf("aggregate says\n%s\ndata --events says\n%s", msgs[0], msgs[1])
			}
			badGolden(t, c.golden(), msgs[0])
		})
	}
}
