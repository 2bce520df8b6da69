package events

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"
)

// BenchmarkAggregate aggregates a generated ACLED-like file held in memory
// (300,000 rows with quoted notes, about 20 MB), so it measures parsing and
// counting, not the disk. Set CASUALTY_EVENTS_FILE to a file (for example
// gen_data.py's events_5M.csv) to measure that file read from the page
// cache instead, with one worker and with GOMAXPROCS; bench/events.sh
// compares the whole command with its peers. To profile one worker:
//
//	CASUALTY_EVENTS_FILE=/tmp/benchdata/events_5M.csv go test -run - -bench Aggregate/workers=1 -cpuprofile cpu.prof ./data/events
func BenchmarkAggregate(b *testing.B) {
	if path := os.Getenv("CASUALTY_EVENTS_FILE"); path != "" {
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
				b.SetBytes(st.Size())
				for b.Loop() {
					if _, err := AggregateFile(context.Background(), path, Options{Workers: n}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		return
	}
	file, _, _ := genEvents(genOptions{rows: 300_000, seed: 1, quotes: true})
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		res, err := Aggregate(context.Background(), bytes.NewReader(file), "bench.csv", Options{})
		if err != nil || res.Events != 300_000 {
			b.Fatal(res, err)
		}
	}
}
