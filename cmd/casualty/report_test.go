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
)

// TestReportCommand runs `casualty report` as a user would: it writes the
// folder, prints a line a file and then the sentence, refuses to overwrite
// without --force, and replaces with it.
func TestReportCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	args := []string{"report", "--out", dir, "--formats", "md,csv"}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("casualty %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	want := []string{
		filepath.Join(dir, "report.md"),
		filepath.Join(dir, "data.csv"),
		filepath.Join(dir, "metadata.json"),
		"",
		// January 2026: 161 killed + 757 injured = 918; December 2025: 157 + 888 = 1,045; 918/1045 = 0.878.
		"In January 2026, at least 161 civilians were killed and 757 injured (918 casualties), 12% fewer than in December 2025 (at least 1,045).",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("printed:\n%s\nwant:\n%s", out.String(), strings.Join(want, "\n"))
	}
	for _, f := range want[:3] {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "metadata.json"))
	if !bytes.Contains(md, []byte(`"command": "casualty report --formats md,csv"`)) {
		t.Errorf("metadata.json does not record the command:\n%s", md)
	}

	// Again without --force: refused, exit status 1, folder untouched.
	out.Reset()
	err := run(context.Background(), args, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "already exists; use --force") {
		t.Fatalf("second run without --force: %v", err)
	}
	if code := exitCode(err, &bytes.Buffer{}); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if err := run(context.Background(), append(args, "--force"), &out, &errOut); err != nil {
		t.Fatalf("with --force: %v", err)
	}
}

// TestReportCommandMonth checks --month and --area.
func TestReportCommandMonth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	var out, errOut bytes.Buffer
	args := []string{"report", "--month", "2025-03", "--area", "Ukraine", "--out", dir, "--formats", "md"}
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	// March 2025: 164 + 910 = 1,074 against February as revised, 717:
	// 1074/717 = 1.498, "50% more".
	if !strings.Contains(out.String(), "In March 2025, at least 164 civilians were killed and 910 injured (1,074 casualties), 50% more than in February 2025 (at least 717, as revised).") {
		t.Errorf("printed:\n%s", out.String())
	}
}

// TestReportCommandUsage checks that mistakes on the command line are
// usage errors (exit status 2) naming the flag, and write nothing.
func TestReportCommandUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--formats", "html,pdff"}, `--formats: unknown format "pdff" (did you mean pdf?)`},
		{[]string{"--formats", ""}, "--formats: no format given"},
		{[]string{"--month", "2025-13"}, `--month must be YYYY-MM, got "2025-13"`},
		{[]string{"--area", "Atlantis"}, "--area: unknown area"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		dir := filepath.Join(t.TempDir(), "r")
		args := append([]string{"report", "--out", dir}, tc.args...)
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, &out, &errOut)
		var ue *usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("casualty %s: got %v, want a usage error containing %q", strings.Join(args, " "), err, tc.want)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("casualty %s wrote %s", strings.Join(args, " "), dir)
		}
	}
}

// TestBuildReport calls the entry point other commands (watch) use.
func TestBuildReport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	var out bytes.Buffer
	cfg := reportConfig{Month: data.NewMonth(2025, 12), Out: dir, Formats: []string{"csv"}}
	if err := buildReport(context.Background(), data.Default(), cfg, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), filepath.Join(dir, "data.csv")+"\n") || !strings.Contains(out.String(), "In December 2025,") {
		t.Errorf("printed:\n%s", out.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg.Out = filepath.Join(t.TempDir(), "cancelled")
	if err := buildReport(ctx, data.Default(), cfg, &out); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
	if _, err := os.Stat(cfg.Out); !os.IsNotExist(err) {
		t.Error("a cancelled report wrote its folder")
	}
}

// TestReportUNAMI runs `casualty report --dataset unami --month 2015-06`
// end to end: a report about Iraq by UNAMI, with governorate figures and
// an areas chart, and nothing about Ukraine in any file written as text.
func TestReportUNAMI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "iraq")
	out, stderr, err := runArgs("report", "--dataset", "unami", "--month", "2015-06", "--out", dir, "--formats", "html,md,svg,csv")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	// June 2015: 665 killed + 1,032 injured = 1,697 (UNAMI's release).
	if !strings.Contains(out, "In June 2015, at least 665 civilians were killed and 1,032 injured (1,697 casualties)") {
		t.Errorf("headline: %s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "charts", "areas.svg")); err != nil {
		t.Errorf("no areas chart: %v", err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Civilian casualties in Iraq: June 2015", "| 1 | Baghdad (IQG08) | at least 974 |", data.UNAMI.Method,
		"casualty report --dataset unami --formats html,md,svg,csv --month 2015-06"} { // the command as given (flags in name order)
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	for _, f := range []string{"report.md", "report.html", "metadata.json", "data.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, never := range []string{"Ukrain", "HRMMU", "Kyiv", "oblast"} {
			if bytes.Contains(b, []byte(never)) {
				t.Errorf("%s mentions %q", f, never)
			}
		}
	}
}

// TestReportGapMonth: a report for a month with no figure exits 1 with the
// gap's reason and writes nothing.
func TestReportGapMonth(t *testing.T) {
	for _, c := range []struct{ month, want string }{
		{"2023-09", "no figure published for September 2023 (killed in Ukraine): a gap, which is never counted as zero"},
		{"2026-03", "no figure for March 2026: the data end with January 2026 (killed in Ukraine)"},
	} {
		dir := filepath.Join(t.TempDir(), "r")
		_, _, err := runArgs("report", "--month", c.month, "--out", dir, "--formats", "md")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("--month %s: got %v, want %q", c.month, err, c.want)
		}
		if code := exitCode(err, &bytes.Buffer{}); code != 1 {
			t.Errorf("--month %s: exit status %d, want 1", c.month, code)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("--month %s: %s written", c.month, dir)
		}
	}
}

// TestEventsWhere: --where works on every command that takes --events and
// the filter is named in what the report writes; without --events it is
// a usage error.
func TestEventsWhere(t *testing.T) {
	in := writeTemp(t, "acled.csv", eventFile)
	// Explosions only: Donetsk March 3 (UKR1); Kyiv City April 2 (UKR3).
	out, _, err := runArgs("trend", "--events", in, "--where", "event_type=Explosions/Remote violence", "--area", "UA14", "--metric", "killed", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	// The filter names the figures' publication in every row.
	if !strings.Contains(out, "2025-03,UA14,killed,31,3,exact,") || !strings.Contains(out, `, rows where event_type is ""Explosions/Remote violence"""`) {
		t.Errorf("trend with --where: %s", out)
	}
	dir := filepath.Join(t.TempDir(), "r")
	if _, stderr, err := runArgs("report", "--events", in, "--where", "event_type=Explosions/Remote violence", "--area", "Kyiv City",
		"--out", dir, "--formats", "md"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`rows where event\_type is "Explosions/Remote violence"`, "Reported fatalities, all actors (ACLED)",
		"--where 'event_type=Explosions/Remote violence'"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "civilians were killed") || strings.Contains(string(md), "unknown publication") {
		t.Errorf("report.md words event data as a mission's:\n%s", md)
	}
	_, _, err = runArgs("trend", "--where", "event_type=Battles")
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Errorf("--where without --events: got %v, want a usage error", err)
	}
}

// TestEventsCountry: --country names the area table of an --events file,
// so an Iraqi export is read with Iraq's governorates (our own rows:
// Baghdad 4 killed in May 2015, 7 in June).
func TestEventsCountry(t *testing.T) {
	in := writeTemp(t, "iq.csv", "event_id_cnty,event_date,event_type,admin1,fatalities\n"+
		"IRQ1,2015-05-03,Battles,Baghdad,4\nIRQ2,2015-05-09,Explosions/Remote violence,Ninewa,6\n"+
		"IRQ3,2015-06-02,Battles,Baghdad,7\nIRQ4,2015-06-12,Battles,Anbar,3\n")
	out, stderr, err := runArgs("trend", "--events", in, "--country", "IQ", "--area", "Baghdad", "--metric", "killed", "--format", "csv")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"2015-05,IQG08,killed,31,4,exact,", "2015-06,IQG08,killed,30,7,exact,"} {
		if !strings.Contains(out, want) {
			t.Errorf("trend lacks %q:\n%s", want, out)
		}
	}
}
