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
