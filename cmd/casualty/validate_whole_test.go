package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validate checks a store and an event export as a whole, with the same
// line as a file, and fails (exit 1) on a bad event row.
func TestValidateStoreAndEvents(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"init", "--store", store, "--from-embedded"}, &out, &errb); err != nil {
		t.Fatalf("init: %v\n%s", err, errb.String())
	}
	ev := filepath.Join(dir, "ev.csv")
	// Two events in March 2025: Donetsk 3 killed 5 injured, Kyiv City 1 killed 2 injured.
	os.WriteFile(ev, []byte("event_id,event_date,admin1,event_type,fatalities,injured\n1,2025-03-14,Donetsk,Shelling,3,5\n2,2025-03-20,Kyiv City,Air strike,1,2\n"), 0o644)
	out.Reset()
	if err := run(context.Background(), []string{"validate", "--store", store, "--events", ev}, &out, &errb); err != nil {
		t.Fatalf("validate: %v\n%s", err, errb.String())
	}
	for _, want := range []string{
		"store " + store + ": ok: 201 figures, 2022-02..2026-01, areas UA,",
		// 2 areas x (killed, injured, events).
		"events " + ev + ": ok: 6 figures, 2025-03..2025-03, areas UA14 UA80, metrics killed injured events,",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("validate printed\n%s\nwant a line with %q", out.String(), want)
		}
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("event_id,event_date,admin1,event_type,fatalities,injured\n1,2025-03-14,Atlantis,Shelling,3,5\n"), 0o644)
	out.Reset()
	errb.Reset()
	err := run(context.Background(), []string{"validate", "--events", bad}, &out, &errb)
	if exitCode(err, &bytes.Buffer{}) != 1 || !strings.Contains(out.String(), "events "+bad+": FAIL") {
		t.Errorf("bad events: err %v, output %q; want exit 1 and a FAIL line", err, out.String())
	}
	if !strings.Contains(errb.String(), "Atlantis") {
		t.Errorf("the error does not name the unknown area: %s", errb.String())
	}
}

// A zero or negative limit is a usage error naming the flag, not a silent
// return to the default.
func TestLimitFlagsMustBePositive(t *testing.T) {
	for _, flag := range []string{"--max-rows", "--max-bytes", "--max-line-bytes", "--max-xlsx-bytes", "--max-xlsx-entries", "--max-errors"} {
		var out, errb bytes.Buffer
		err := run(context.Background(), []string{"data", flag, "0"}, &out, &errb)
		want := flag + " must be a positive whole number, got 0"
		if exitCode(err, &bytes.Buffer{}) != 2 || err == nil || err.Error() != want {
			t.Errorf("data %s 0: %v; want exit 2 and %q", flag, err, want)
		}
	}
}
