package main

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestHelpToStdout: every command's help, asked for as `casualty CMD
// --help`, `casualty CMD -h` or `casualty help CMD`, goes to stdout with
// exit status 0 (so `casualty trend --help | grep metric` works), starts
// with its synopsis, shows an example, and gathers the limit flags under
// one heading after the others.
func TestHelpToStdout(t *testing.T) {
	for _, name := range commandNames() {
		for _, args := range [][]string{{name, "--help"}, {name, "-h"}, {"help", name}} {
			var out, errOut bytes.Buffer
			err := run(context.Background(), args, &out, &errOut)
			if code := exitCode(err, &errOut); code != 0 {
				t.Errorf("%q: exit status %d (%v)", args, code, err)
			}
			if errOut.Len() != 0 {
				t.Errorf("%q wrote to stderr: %q", args, errOut.String())
			}
			text := out.String()
			if !strings.HasPrefix(text, "usage: casualty "+name) {
				t.Errorf("%q: help starts %q, want the synopsis", args, strings.SplitN(text, "\n", 2)[0])
			}
			if !strings.Contains(text, "\nexample: casualty "+name) {
				t.Errorf("%q: help shows no example", args)
			}
			if i := strings.Index(text, "-max-"); i >= 0 {
				head := strings.Index(text, "limits on input")
				if head < 0 || head > i {
					t.Errorf("%q: the limit flags are not under their heading", args)
					continue
				}
				if strings.Contains(text[head:], "\n  -data") || strings.Contains(text[head:], "\n  -area") {
					t.Errorf("%q: other flags follow the limits' heading", args)
				}
			}
		}
	}
	// The list of commands, asked for, goes to stdout too; with no
	// command at all it is a usage error on stderr.
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &out, &errOut); err != nil || !strings.Contains(out.String(), "commands:") {
		t.Errorf("help: %v, stdout %q", err, out.String())
	}
	out.Reset()
	if err := run(context.Background(), nil, &out, &errOut); exitCode(err, &bytes.Buffer{}) != 2 || out.Len() != 0 {
		t.Errorf("no command: %v, stdout %q", err, out.String())
	}
}

// TestWarningsScoped: on the embedded data, a comparison of two months
// prints no warning about gaps elsewhere (issue 17: at most one line), a
// trend over the 2023 gaps says so in one line, and --quiet drops it.
func TestWarningsScoped(t *testing.T) {
	cases := []struct {
		args  []string
		lines int
	}{
		{[]string{"compare", "2025-02", "2025-03"}, 0},
		{[]string{"trend", "--from", "2023-06", "--to", "2024-01"}, 1},
		{[]string{"trend", "--from", "2023-06", "--to", "2024-01", "--quiet"}, 0},
		// Killed and injured share their three gaps; the children's
		// series their own: one line in all.
		{[]string{"trend"}, 1},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), c.args, &out, &errOut); err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		n := strings.Count(errOut.String(), "warning:")
		if n != c.lines {
			t.Errorf("%q: %d warning lines, want %d:\n%s", c.args, n, c.lines, errOut.String())
		}
	}
}

// TestStaleData (issue 14): when the newest figure is more than 60 days
// old, a reading command says so in one line, and how to add updates.
func TestStaleData(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	cases := []struct {
		today time.Time
		want  string
	}{
		// January 2026 ends on the 31st; 1 April is 60 days later: not yet.
		{time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), ""},
		// 4 December 2026: 307 days after 31 January (28+31+30+31+30+31+31+30+31+30+4 = 307).
		{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), "warning: the newest figure is for January 2026, 307 days before today;"},
	}
	for _, c := range cases {
		now = func() time.Time { return c.today }
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"compare", "2025-02", "2025-03"}, &out, &errOut); err != nil {
			t.Fatal(err)
		}
		got := errOut.String()
		if c.want == "" && got != "" || c.want != "" && (!strings.HasPrefix(got, c.want) || strings.Count(got, "\n") != 1) {
			t.Errorf("on %s: stderr %q, want %q", c.today.Format("2006-01-02"), got, c.want)
		}
		if strings.Contains(out.String(), "days before today") {
			t.Errorf("the clock reached the output")
		}
	}
}

// TestGroupByMonth: month-by-month warnings are said once for all the
// months they concern; others pass as they are.
func TestGroupByMonth(t *testing.T) {
	ws := []error{
		errors.New("May 2023: provisional"), errors.New("June 2023: covers 18 days"),
		errors.New("July 2023: provisional"), errors.New("a warning of its own"),
		errors.New("August 2023: provisional"), errors.New("September 2023: provisional"),
		errors.New("October 2023: provisional"),
	}
	got := groupByMonth(ws)
	want := []string{
		"provisional (May 2023, July 2023 and 3 more months)",
		"June 2023: covers 18 days",
		"a warning of its own",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
