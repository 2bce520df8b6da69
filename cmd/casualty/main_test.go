package main

import (
	"os"
	"testing"
	"time"
)

// TestMain fixes the clock at 1 March 2026, a month after the embedded
// data end, so no test's output depends on the day it runs (the clock is
// read only for the warning that the data are out of date).
func TestMain(m *testing.M) {
	now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}
