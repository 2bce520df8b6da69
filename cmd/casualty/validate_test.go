package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validateRun runs `casualty ARGS...` as main would and returns what a
// terminal shows: the command, stdout, stderr and the exit status.
func validateRun(t *testing.T, args ...string) (transcript string, stdout string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	code = exitCode(err, &errb)
	return fmt.Sprintf("$ casualty %s\n%s%sexit %d\n", strings.Join(args, " "), out.String(), errb.String(), code), out.String(), code
}

// validateGolden compares got with cmd/casualty/testdata/validate/NAME
// (paths from the repository root, where these tests run; see goldenFile).
func validateGolden(t *testing.T, name, got string) {
	t.Helper()
	goldenFile(t, filepath.Join("cmd", "casualty", "testdata", "validate", name), got)
}

// TestValidateTestdata runs `casualty validate FILE` on every example file
// in testdata/ and checks the documented behaviour: one line per file,
// "FILE: ok, FORMAT: N figures, ...", then one "  warning: " line per
// warning, nothing on stderr, exit status 0. The whole transcript is a
// golden file.
func TestValidateTestdata(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	// The format each example file must be read as.
	formats := map[string]string{
		"tidy.csv": "tidy", "wide.csv": "wide", "wide_semicolon_bom.csv": "wide", "hxl.csv": "hxl",
		"hxl_tidy.csv": "hxl", "cumulative.csv": "cumulative", "monthly.xlsx": "xlsx",
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		n++
		file := filepath.ToSlash(filepath.Join("testdata", e.Name()))
		t.Run(e.Name(), func(t *testing.T) {
			transcript, stdout, code := validateRun(t, "validate", file)
			if code != 0 {
				t.Errorf("exit %d, want 0\n%s", code, transcript)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			want := file + ": ok, " + formats[e.Name()] + ": "
			if formats[e.Name()] == "" {
				t.Errorf("no expected format for %s; add it to the table", file)
			} else if !strings.HasPrefix(lines[0], want) {
				t.Errorf("first line %q, want it to start %q", lines[0], want)
			}
			for _, l := range lines[1:] {
				if !strings.HasPrefix(l, "  warning: ") {
					t.Errorf("line %q is neither the file's line nor a warning", l)
				}
			}
			validateGolden(t, e.Name()+".golden", transcript)
		})
	}
	if n < len(formats) {
		t.Errorf("found %d example files in testdata/, want at least %d", n, len(formats))
	}
}

// TestValidateFailures: a bad file prints "FILE: FAIL" on stdout and its
// errors on stderr; the other files are still checked; the exit status
// is 1. Usage mistakes exit 2.
func TestValidateFailures(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("month,killed,children_killed\n03/04/2025,164,12\n2025-04,12,164\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	transcript, _, code := validateRun(t, "validate", "testdata/tidy.csv", bad, "testdata/wide.csv")
	transcript = strings.ReplaceAll(transcript, dir, "TMP")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	validateGolden(t, "failures.golden", transcript)

	cases := []struct {
		name string
		args []string
		code int
	}{
		{"no file", []string{"validate"}, 2},
		{"bad format-in", []string{"validate", "--format-in", "xls", "testdata/tidy.csv"}, 2},
		{"missing file", []string{"validate", "testdata/no-such-file.csv"}, 1},
		{"unknown sheet", []string{"validate", "--sheet", "2023", "testdata/monthly.xlsx"}, 1},
		{"hidden sheet named", []string{"validate", "--sheet", "scratch", "testdata/monthly.xlsx"}, 1},
		{"forced format", []string{"validate", "--format-in", "tidy", "testdata/wide.csv"}, 1},
		{"zip bomb limit", []string{"validate", "--max-xlsx-bytes", "10000", "testdata/monthly.xlsx"}, 1},
		{"entry limit", []string{"validate", "--max-xlsx-entries", "5", "testdata/monthly.xlsx"}, 1},
		{"error cap", []string{"validate", "--max-errors", "1", bad}, 1},
	}
	var all strings.Builder
	for _, c := range cases {
		transcript, _, code := validateRun(t, c.args...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, code, c.code, transcript)
		}
		all.WriteString(strings.ReplaceAll(transcript, dir, "TMP"))
		all.WriteString("\n")
	}
	validateGolden(t, "usage.golden", all.String())

	// An unknown flag: the flag package's message and the flags (not in a
	// golden file: the list grows with every data flag).
	transcript, _, code = validateRun(t, "validate", "--nope", "testdata/tidy.csv")
	if code != 2 || !strings.Contains(transcript, "flag provided but not defined: -nope\nusage: casualty validate [flags] FILE...") {
		t.Errorf("unknown flag: exit %d, want 2 and the usage\n%s", code, transcript)
	}
}
