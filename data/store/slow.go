package store

import (
	"fmt"
	"io"
	"os"
	"time"
)

// slowStep widens the moments of an ingest so that a test can kill the
// process in each of them: set CASUALTY_TEST_SLOW_INGEST to a duration
// ("20ms") and every write of a publication file or of the index is made
// in eight pieces with a pause after each, and the index is written a
// pause after the publication; the start of the commit is marked on
// stderr. Only the crash test sets it.
var slowStep time.Duration

func init() {
	if v := os.Getenv("CASUALTY_TEST_SLOW_INGEST"); v != "" {
		if d, err := time.ParseDuration(v); err == nil && d > 0 {
			slowStep = d
			slowWrite = func(w io.Writer, b []byte) error {
				n := (len(b) + 7) / 8
				for len(b) > 0 {
					k := min(n, len(b))
					if _, err := w.Write(b[:k]); err != nil {
						return err
					}
					b = b[k:]
					time.Sleep(slowStep)
				}
				return nil
			}
		}
	}
}

// mark tells the crash test, on stderr, that an ingest reached a phase
// (nothing unless the test hook is set).
func mark(phase string) {
	if slowStep > 0 {
		fmt.Fprintln(os.Stderr, "casualty-test:", phase)
	}
}

// pause sleeps for slowStep (nothing unless the test hook is set).
func pause() {
	if slowStep > 0 {
		time.Sleep(slowStep)
	}
}
