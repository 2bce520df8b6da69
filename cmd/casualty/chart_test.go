package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChartCommand writes each format and checks the file: a PNG that
// decodes to the chart's size at the DPI asked for, an SVG, a PDF.
func TestChartCommand(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args   []string
		file   string
		w, h   int // PNG size in pixels (0: not a PNG)
		prefix string
	}{
		// The monthly chart is 7 × 5 inches: 1344 × 960 at the default
		// 192 dpi, 672 × 480 at 96.
		{[]string{"--kind", "monthly"}, "monthly.png", 1344, 960, "\x89PNG"},
		{[]string{"--kind", "per-day", "--dpi", "96"}, "per-day.png", 672, 432, "\x89PNG"},
		{[]string{"--kind", "change", "--from", "2024-01", "--to", "2025-06"}, "change.svg", 0, 0, "<?xml"},
		{[]string{"--kind", "same-month", "--month", "2025-03"}, "same.PDF", 0, 0, "%PDF-"},
	} {
		out := filepath.Join(dir, tc.file)
		var stdout, stderr bytes.Buffer
		args := append([]string{"chart", "--out", out}, tc.args...)
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("casualty %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		if len(lines) != 2 || lines[0] != out || lines[1] == "" {
			t.Errorf("%s: printed %q, want the file and the title", tc.file, stdout.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte(tc.prefix)) {
			t.Errorf("%s: starts %q, want %q", tc.file, b[:min(8, len(b))], tc.prefix)
		}
		if tc.w > 0 {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s does not decode: %v", tc.file, err)
			}
			if s := img.Bounds().Size(); s.X != tc.w || s.Y != tc.h {
				t.Errorf("%s is %dx%d, want %dx%d", tc.file, s.X, s.Y, tc.w, tc.h)
			}
		}
	}
	// Only the charts are left: no temporary files.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("%d files in the folder, want the 4 charts", len(entries))
	}
}

// TestChartCommandErrors checks that mistakes are usage errors (exit 2)
// or failures (exit 1) with a message naming the problem, and that a
// failure leaves an existing file untouched and no temporary file.
func TestChartCommandErrors(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.png")
	if err := os.WriteFile(keep, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--kind", "monthly", "--out", filepath.Join(dir, "x.gif")}, 2, "cannot tell the format from the extension"},
		{[]string{"--kind", "monthly", "--out", filepath.Join(dir, "x")}, 2, "want a file ending in .png, .svg or .pdf"},
		{[]string{"--kind", "monthly"}, 2, "--out is required"},
		{[]string{"--out", keep}, 2, "--kind is required"},
		{[]string{"--kind", "monthy", "--out", keep}, 2, `did you mean monthly?`},
		{[]string{"--kind", "monthly", "--out", keep, "--from", "2025-05", "--to", "2025-01"}, 2, "--from 2025-05 is after --to 2025-01"},
		{[]string{"--kind", "monthly", "--out", keep, "--from", "2025-13"}, 2, "--from must be YYYY-MM"},
		{[]string{"--kind", "monthly", "--out", keep, "--dpi", "0"}, 2, "--dpi must be between 1 and 1200"},
		{[]string{"--kind", "monthly", "--out", keep, "--area", "Atlantis"}, 2, "--area"},
		// The embedded data is national only.
		{[]string{"--kind", "areas", "--out", keep}, 1, "only the national total"},
		{[]string{"--kind", "monthly", "--out", keep, "--area", "Donetsk"}, 1, "no killed or injured figures for Donetska"},
		// Months outside the data are refused, saying why (issue 13, item 1).
		{[]string{"--kind", "monthly", "--out", keep, "--from", "2030-01", "--to", "2030-03"}, 1, "no figure for January 2030: the data end with January 2026 (casualties in Ukraine)"},
		{[]string{"--kind", "monthly", "--out", keep, "--to", "2026-03"}, 1, "no figure for March 2026: the data end with January 2026 (casualties in Ukraine)"},
		{[]string{"--kind", "per-day", "--out", keep, "--as-of", "2025-04-08", "--month", "2025-03"}, 1,
			"no figure for March 2025 as of 8 April 2025: March 2025 was first published on 9 April 2025 (HRMMU update 2025-04-09), after that date (casualties in Ukraine)"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append([]string{"chart"}, tc.args...), &stdout, &stderr)
		var msg bytes.Buffer
		code := exitCode(err, &msg)
		if code != tc.code || !strings.Contains(msg.String()+stderr.String(), tc.want) {
			t.Errorf("casualty chart %s: exit %d, %q; want exit %d and %q", strings.Join(tc.args, " "), code, msg.String(), tc.code, tc.want)
		}
	}
	if b, _ := os.ReadFile(keep); string(b) != "old" {
		t.Errorf("a failed chart changed the existing file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files left in the folder, want only keep.png", len(entries))
	}
}
