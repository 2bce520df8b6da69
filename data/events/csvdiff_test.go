package events

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// plainAggregate is an independent aggregation of an event file, written
// the plain way: encoding/csv reads the records, and each is judged by
// the rules the package documents (the header names the columns, a row of
// blank cells is no row, a row with another field count, a bad date, an
// unknown area or a bad count is skipped). It shares with the package only
// the readers of single cells (monthOf, the area table), so a difference
// is the fast path's: record and field boundaries, quoting, line ends.
// ok is false when encoding/csv refuses the file.
type plainResult struct {
	cells                  map[genKey]genSums
	rows, events, skipped  int64
	noHeader, overflow, ok bool
}

func plainAggregate(in []byte) plainResult {
	res := plainResult{cells: map[genKey]genSums{}, ok: true}
	in = bytes.TrimPrefix(in, []byte("\xEF\xBB\xBF"))
	r := csv.NewReader(bytes.NewReader(in))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		res.ok = err == io.EOF
		res.noHeader = true
		return res
	}
	col := func(name string) int {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	date, area, killed, injured := col("event_date"), col("admin1"), col("fatalities"), col("injured")
	if date < 0 || area < 0 || killed < 0 {
		res.noHeader = true
	}
	areas := data.Ukraine()
	prev := r.InputOffset()
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return res
		}
		if err != nil {
			res.ok = false
			return res
		}
		raw := in[prev:r.InputOffset()]
		prev = r.InputOffset()
		if res.noHeader {
			continue
		}
		// The record as written, without the blank lines encoding/csv
		// skipped before it and its own line end.
		for {
			if r, ok := bytes.CutPrefix(raw, []byte("\n")); ok {
				raw = r
			} else if r, ok := bytes.CutPrefix(raw, []byte("\r\n")); ok {
				raw = r
			} else {
				break
			}
		}
		raw = bytes.TrimSuffix(bytes.TrimSuffix(raw, []byte("\n")), []byte("\r"))
		blankRow := len(bytes.Trim(raw, ", \t\"")) == 0
		res.rows++
		if len(rec) != len(header) {
			if blankRow {
				res.rows--
			} else {
				res.skipped++
			}
			continue
		}
		m, err := monthOf([]byte(rec[date]))
		if err != nil && blankRow {
			res.rows--
			continue
		}
		bad := err != nil
		a, aerr := areas.Lookup(rec[area])
		idx := -1
		if aerr == nil {
			for i, u := range areas.Units {
				if u.Code == a.Code {
					idx = i
				}
			}
		}
		bad = bad || idx < 0
		num := func(s string) int64 {
			s = strings.TrimSpace(s)
			if s == "" || strings.Trim(s, "0123456789") != "" {
				bad = true
				return 0
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				bad = true
			}
			return n
		}
		k := num(rec[killed])
		var inj int64
		if injured >= 0 {
			inj = num(rec[injured])
		}
		if bad {
			res.skipped++
			continue
		}
		key := genKey{data.MonthFromIndex(m), a.Code}
		c := res.cells[key]
		if k > math.MaxInt64-c.killed || inj > math.MaxInt64-c.injured {
			res.overflow = true
		}
		c.events++
		c.killed += k
		c.injured += inj
		res.cells[key] = c
		res.events++
	}
}

// FuzzFastPathMatchesCSV compares the aggregation (fast path, careful
// path, chunk boundaries, workers) with plainAggregate on arbitrary input:
// the same cells, rows, events and skipped rows whenever encoding/csv reads
// the file, and a skipped row or an error whenever it does not.
func FuzzFastPathMatchesCSV(f *testing.F) {
	f.Add([]byte("event_date,admin1,fatalities,injured\n2025-03-14,Donetsk,3,1\n2025-03-15,Donetsk,1,0\n"))
	f.Add([]byte("id,event_date,admin1,notes,fatalities\r\n1,2025-03-14,\"Kyiv City\",\"a, \"\"b\"\"\r\nc\",2\r\n\r\n2,14 March 2025,Kharkiv,,x\r\n"))
	f.Add([]byte("event_date,admin1,fatalities\n2025-03-14,Donetsk,1\n,,\n\n2025-03-14,Donetsk,007\n2025-03-1,Sumy,1\n2025-03-14,Nowhere,1"))
	f.Add([]byte("\xEF\xBB\xBFEvent_Date,ADMIN1,Fatalities,x\n2025-03-14,UA14,1,\"\"\n2025-03-14 ,UA14, 2 ,\"\n\"\n"))
	f.Add([]byte("event_date,admin1,fatalities\n2025-03-14,Donetsk,1\n2025-03-14,Donetsk,\"2\"\n2025-03-14,\"Donetsk\",3\r"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if b := bytes.TrimPrefix(in, []byte("\xEF\xBB\xBF")); bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
			return // UTF-16: refused before any parsing
		}
		want := plainAggregate(in)
		for _, run := range []struct{ chunk, workers int }{{0, 1}, {64, 2}} {
			res, err := Aggregate(context.Background(), bytes.NewReader(in), "f.csv",
				Options{SkipBad: true, ChunkSize: run.chunk, Workers: run.workers})
			if !want.ok {
				if err == nil && res.Skipped == 0 {
					t.Fatalf("chunk %d: encoding/csv refuses the file; the aggregation skipped nothing and did not fail", run.chunk)
				}
				continue
			}
			if want.noHeader || want.overflow || want.events == 0 {
				if err == nil {
					t.Fatalf("chunk %d: want an error (no header %v, overflow %v, %d events), got %d events", run.chunk, want.noHeader, want.overflow, want.events, res.Events)
				}
				continue
			}
			if err != nil {
				if strings.Contains(err.Error(), "blank line") && (bytes.HasPrefix(in, []byte("\n")) || bytes.HasPrefix(in, []byte("\r\n"))) {
					continue // a file must start with its header; encoding/csv skips blank lines
				}
				t.Fatalf("chunk %d: %v; encoding/csv reads %d events", run.chunk, err, want.events)
			}
			if res.Rows != want.rows || res.Events != want.events || res.Skipped != want.skipped {
				t.Fatalf("chunk %d: rows %d events %d skipped %d; encoding/csv: rows %d events %d skipped %d",
					run.chunk, res.Rows, res.Events, res.Skipped, want.rows, want.events, want.skipped)
			}
			got := map[genKey]genSums{}
			for _, c := range res.Cells {
				if c.Events > 0 {
					got[genKey{c.Month, c.Area}] = genSums{c.Events, c.Killed, c.Injured}
				}
			}
			if g, w := sortedCells(got), sortedCells(want.cells); g != w {
				t.Fatalf("chunk %d: cells\n%s\nencoding/csv:\n%s", run.chunk, g, w)
			}
		}
	})
}

func sortedCells(m map[genKey]genSums) string {
	var lines []string
	for k, v := range m {
		lines = append(lines, fmt.Sprintf("%s %s %+v", k.month, k.area, v))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
