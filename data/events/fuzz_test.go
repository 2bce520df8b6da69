package events

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// FuzzParseEvents feeds arbitrary bytes to the aggregator. It must never
// panic, and the result must not depend on where chunks are cut or how
// many workers parse them: the same file read in 4 KiB chunks on one
// worker and in 7-byte chunks on three gives the same figures, counts and
// errors.
func FuzzParseEvents(f *testing.F) {
	f.Add([]byte("event_date,admin1,fatalities,injured\n2025-03-14,Donetsk,3,1\n"))
	f.Add([]byte("event_date,admin1,fatalities\r\n\"14 March 2025\",\"Kyiv City\",2\r\n"))
	f.Add([]byte("event_date,admin1,notes,fatalities\n2025-03-14,Donetsk,\"a, \"\"b\"\"\nc\",1\n"))
	f.Add([]byte("event_date,admin1,fatalities\n2025-03-14,Donetsk,\"1\n"))
	f.Add([]byte("event_date,admin1,fatalities\n2025-02-30,Nowhere,x\n,,\n\n2025-03-14,Donetsk,1"))
	f.Fuzz(func(t *testing.T, in []byte) {
		run := func(chunk, workers int) string {
			res, err := Aggregate(context.Background(), bytes.NewReader(in), "f.csv",
				Options{SkipBad: true, ChunkSize: chunk, Workers: workers, MaxRecordBytes: 1 << 16})
			if err != nil {
				return "error: " + err.Error()
			}
			if res.Rows != res.Events+res.Filtered+res.Skipped {
				t.Fatalf("rows %d != events %d + filtered %d + skipped %d", res.Rows, res.Events, res.Filtered, res.Skipped)
			}
			var events int64
			for _, c := range res.Cells {
				events += c.Events
				if c.Killed < 0 || c.Injured < 0 || c.Events < 0 {
					t.Fatalf("negative cell %+v", c)
				}
			}
			if events != res.Events {
				t.Fatalf("cells hold %d events, result says %d", events, res.Events)
			}
			return fmt.Sprintf("%+v %d %d %d %d %q", res.Cells, res.Rows, res.Events, res.Filtered, res.Skipped, res.Warnings)
		}
		a, b := run(4096, 1), run(7, 3)
		if a != b {
			t.Fatalf("chunking changed the result:\n4 KiB, 1 worker: %s\n7 B, 3 workers: %s", a, b)
		}
	})
}
