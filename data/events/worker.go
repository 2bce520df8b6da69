package events

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// layout is what the header fixed: which fields to read and what they
// mean. Workers share it read-only.
type layout struct {
	name    string
	header  []string
	ncols   int
	want    []bool // want[i]: field i is read
	date    int
	area    int
	killed  int
	injured int // -1 when the file has no injured column
	filters []colFilter
	country int // the country column (ACLED has one), -1 when none
	areas   *data.AreaTable
	codes   []string       // area index -> p-code (first-level units only)
	codeIdx map[string]int // p-code -> area index
	max     int            // errors kept per worker
}

type colFilter struct {
	col    int
	values []string
}

func (f colFilter) match(b []byte) bool {
	b = bytes.TrimSpace(b)
	for _, v := range f.values {
		if string(b) == v {
			return true
		}
	}
	return false
}

// acc is one area's month in a worker's table.
type acc struct{ events, killed, injured int64 }

// rowErr is a bad row, placed by chunk and line within the chunk until the
// chunks before it have been counted.
type rowErr struct {
	seq, line int
	col       int // 1-based byte column, 0 for the whole row
	column    string
	err       error
}

// unknownName tallies a spelling that is not an area.
type unknownName struct {
	count     int64
	seq, line int // first occurrence
	err       error
}

// Bounds on what a worker remembers per spelling, so a file of a million
// distinct names cannot grow memory without limit.
const (
	maxNames   = 4096
	maxUnknown = 1000
)

// seqLines is the number of lines chunk seq spans.
type seqLines struct{ seq, lines int }

// worker parses chunks into its own table; tables are merged at the end.
type worker struct {
	lay *layout
	// The layout's columns, copied for the fast path.
	ncols, dateCol, areaCol, killedCol, injuredCol int

	months    map[int][]acc
	lastM     int
	last      []acc
	names     nameTable  // spelling -> area index, -1 when not an area
	known     knownNames // spelling -> area index, for areas only (fast path)
	dates     dateCache
	unknown   map[string]*unknownName
	countries tally // rows per value of the country column
	unkOther  int64 // unknown rows past maxUnknown spellings
	overflow  bool  // a sum passed the largest int64

	rows, filtered, events, skipped int64
	errs                            []rowErr // the first lay.max, in file order
	nerrs                           int64

	chunkLines []seqLines // lines spanned by each chunk parsed here
	quoted     int64      // records with a quote in the last chunk (in ranges: give up, parallel.go)
	quoteHeavy bool       // most were: parse the next chunk carefully (scan.go)

	fields  [][]byte
	offs    []int
	scratch []byte
}

func newWorker(lay *layout) *worker {
	return &worker{lay: lay, ncols: lay.ncols, dateCol: lay.date, areaCol: lay.area, killedCol: lay.killed, injuredCol: lay.injured,
		months: map[int][]acc{}, lastM: -1,
		unknown: map[string]*unknownName{}, fields: make([][]byte, len(lay.want)), offs: make([]int, len(lay.want))}
}

func (w *worker) fail(seq, line int, rec []byte, off, col int, err error) {
	w.nerrs++
	if len(w.errs) >= w.lay.max {
		return
	}
	e := rowErr{seq: seq, line: line, err: err}
	if col >= 0 {
		e.line, e.col = position(rec, line, off)
		if col < len(w.lay.header) {
			e.column = w.lay.header[col]
		}
	}
	w.errs = append(w.errs, e)
}

// record counts one record that starts line lines into chunk seq.
func (w *worker) record(rec []byte, seq, line int, closed bool) {
	if len(rec) == 0 {
		return // a blank line is no row
	}
	lay := w.lay
	w.rows++
	if !closed {
		w.fail(seq, line, rec, 0, -1, errOpenQuote)
		w.skipped++
		return
	}
	n, scratch, ferr := splitFields(rec, lay.want, w.fields, w.offs, w.scratch)
	w.scratch = scratch
	if ferr != nil {
		w.fail(seq, line, rec, ferr.off, ferr.col, ferr.err)
		w.skipped++
		return
	}
	w.row(rec, n, seq, line)
}

// row counts a record of n fields whose wanted fields are in w.fields (at
// w.offs in rec). The record is already counted in w.rows.
func (w *worker) row(rec []byte, n, seq, line int) {
	lay := w.lay
	if n != lay.ncols {
		if blank(rec) {
			w.rows--
			return // a row of empty cells, as spreadsheets export below a table
		}
		w.fail(seq, line, rec, 0, -1, fmt.Errorf("want %d fields as in the header, got %d", lay.ncols, n))
		w.skipped++
		return
	}
	if lay.country >= 0 {
		w.countries.add(w.fields[lay.country])
	}
	for _, f := range lay.filters {
		if !f.match(w.fields[f.col]) {
			w.filtered++
			return
		}
	}
	ok := true
	m, err := w.dates.month(w.fields[lay.date])
	if err != nil {
		if blank(rec) {
			w.rows--
			return
		}
		w.fail(seq, line, rec, w.offs[lay.date], lay.date, err)
		ok = false
	}
	area := w.area(w.fields[lay.area], seq, line)
	if area < 0 {
		ok = false
	}
	k, err := count(w.fields[lay.killed])
	if err != nil {
		w.fail(seq, line, rec, w.offs[lay.killed], lay.killed, err)
		ok = false
	}
	var inj int64
	if lay.injured >= 0 {
		inj, err = count(w.fields[lay.injured])
		if err != nil {
			w.fail(seq, line, rec, w.offs[lay.injured], lay.injured, err)
			ok = false
		}
	}
	if !ok {
		w.skipped++
		return
	}
	if m != w.lastM {
		row, found := w.months[m]
		if !found {
			row = make([]acc, len(lay.codes))
			w.months[m] = row
		}
		w.lastM, w.last = m, row
	}
	a := &w.last[area]
	if k > math.MaxInt64-a.killed || inj > math.MaxInt64-a.injured {
		w.overflow = true // fatal: see errOverflow
		return
	}
	a.events++
	a.killed += k
	a.injured += inj
	w.events++
}

// tally counts rows per value of a column, remembering the last value
// seen so that a file sorted by it (or of one value) costs a comparison a
// row. At most maxUnknown values are kept; the rest count under "...".
type tally struct {
	counts map[string]int64
	last   string
	n      int64 // rows of last not yet in counts
}

func (t *tally) add(b []byte) {
	if t.n > 0 && string(b) == t.last {
		t.n++
		return
	}
	t.flush()
	t.last, t.n = string(b), 1
}

// flush moves the rows of the last value into counts.
func (t *tally) flush() {
	if t.n == 0 {
		return
	}
	if t.counts == nil {
		t.counts = map[string]int64{}
	}
	if _, ok := t.counts[t.last]; !ok && len(t.counts) >= maxUnknown {
		t.last = "..."
	}
	t.counts[t.last] += t.n
	t.n = 0
}

// blank reports whether a record holds only empty cells.
func blank(rec []byte) bool {
	for _, c := range rec {
		if c != ',' && c != ' ' && c != '\t' && c != '"' {
			return false
		}
	}
	return true
}

// area returns the index of the area named b, or -1 after tallying an
// unknown name.
func (w *worker) area(b []byte, seq, line int) int {
	if i, ok := w.names.get(b); ok {
		if i < 0 {
			w.unknownAt(string(b), nil, seq, line)
		}
		return i
	}
	s := string(b)
	idx := -1
	a, err := w.lay.areas.Lookup(s)
	if err == nil {
		var ok bool
		if idx, ok = w.lay.codeIdx[a.Code]; !ok {
			idx = -1
			err = fmt.Errorf("%q names the whole country (%s); an event needs its admin-1 area", s, a.Code)
		}
	}
	w.names.put(s, idx)
	if idx >= 0 {
		w.known.put(s, idx)
	}
	if idx < 0 {
		w.unknownAt(s, err, seq, line)
	}
	return idx
}

func (w *worker) unknownAt(s string, err error, seq, line int) {
	if u, ok := w.unknown[s]; ok {
		u.count++
		return
	}
	if len(w.unknown) >= maxUnknown {
		w.unkOther++
		return
	}
	if err == nil {
		_, err = w.lay.areas.Lookup(s)
	}
	w.unknown[s] = &unknownName{count: 1, seq: seq, line: line, err: err}
}

// count reads a number of people: a whole number, not negative.
func count(b []byte) (int64, error) {
	if len(b) > 0 && len(b) <= 18 {
		var n int64
		for _, c := range b {
			if c < '0' || c > '9' {
				goto slow
			}
			n = n*10 + int64(c-'0')
		}
		return n, nil
	}
slow:
	s := strings.TrimSpace(string(b))
	switch {
	case s == "":
		return 0, errors.New("want a whole number of people, got an empty cell")
	case s[0] == '-':
		return 0, fmt.Errorf("want a whole number of people (0 or more), got %q", b)
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("want a whole number of people, got %q", b)
		}
		if n > (math.MaxInt64-int64(c-'0'))/10 {
			return 0, fmt.Errorf("want a whole number of people, got %q (too large)", b)
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}
