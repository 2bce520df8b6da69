package events

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
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

// FuzzMonthOfMatchesParseDate holds the event date reader to
// data.ParseDate, the project's reader of YYYY-MM-DD dates: every date
// ParseDate reads (in monthOf's years, 1900 to 2199) is read by monthOf
// in the same month, and every ISO-shaped date monthOf reads, ParseDate
// reads too. The month cache gives what monthOf gives, first time and
// cached.
func FuzzMonthOfMatchesParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-14", " 2024-02-29 ", "2025-02-29", "1900-02-29", "2000-02-29", "14 March 2025",
		"2025-03-14T10:00:00Z", "2025-13-01", "0000-01-01", "2199-12-31", "2025-3-14", "+025-03-14", "2025-03-1x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := monthOf([]byte(s))
		var dc dateCache
		for i := range 3 {
			mc, errc := dc.month([]byte(s))
			if mc != m || fmt.Sprint(errc) != fmt.Sprint(err) {
				t.Fatalf("%q: cache (pass %d) gives %d %v, monthOf %d %v", s, i, mc, errc, m, err)
			}
		}
		d, perr := data.ParseDate(s)
		if perr == nil && d.Year() >= 1900 && d.Year() <= 2199 {
			if err != nil || m != data.MonthOf(d.Time).Index() {
				t.Fatalf("%q: ParseDate reads %s, monthOf gives %v %v", s, d, data.MonthFromIndex(m), err)
			}
		}
		if tr := strings.TrimSpace(s); err == nil && len(tr) == 10 && tr[4] == '-' && tr[7] == '-' && perr != nil {
			t.Fatalf("%q: monthOf reads %v, ParseDate refuses it: %v", s, data.MonthFromIndex(m), perr)
		}
	})
}
