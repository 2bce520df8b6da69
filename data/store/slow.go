package store

import (
	"io"
	"os"
	"time"
)

// slowStep widens the moments of an ingest so that a test can kill the
// process in each of them: set CASUALTY_TEST_SLOW_INGEST to a duration
// ("20ms") and every write of a publication file is made in eight pieces
// with a pause between, and the index is written a pause after the
// publication. Only the crash test sets it.
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

// pause sleeps for slowStep (nothing unless the test hook is set).
func pause() {
	if slowStep > 0 {
		time.Sleep(slowStep)
	}
}
