package store

import (
	"fmt"
	"io"
	"os"
	"time"
)

// slowStep is a test hook: it widens the moments of an ingest so that a
// test can kill the process in each of them. When it is above zero,
// every write of a publication file or of the index is made in eight
// pieces with a pause of slowStep after each, the index is written a
// pause after the publication, and the start of the commit is marked on
// stderr. Only the crash test sets it, in the process it starts and
// kills (see TestMain in crash_test.go); it is zero in any other program.
var slowStep time.Duration

// slowWrite writes b to w: at once, or in pieces when slowStep is set.
func slowWrite(w io.Writer, b []byte) error {
	if slowStep <= 0 {
		_, err := w.Write(b)
		return err
	}
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
