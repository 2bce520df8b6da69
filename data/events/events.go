// Package events turns event-level exports (ACLED's, or an analyst's own
// incident log: one row per event with a date, an admin-1 area and the
// people killed and injured) into monthly figures per area, with the number
// of events behind each figure.
//
// # Streaming and parallel
//
// The file is read in large chunks cut at record boundaries. A boundary is
// a newline preceded by an even number of double quotes since the start of
// the file (RFC 4180: a quoted field may hold commas, doubled quotes and
// newlines, and every quote character opens, closes or doubles inside a
// quoted field), so a note with a line break never splits a record. Each
// of GOMAXPROCS workers parses chunks into a small table of its own keyed
// by (month, area); the tables are merged at the end. A file without
// quotes that can be read at any offset is cut into fixed ranges the
// workers claim and read in parallel (parallel.go); any other is read in
// turns, each worker reading its next chunk into its own buffer under a
// short lock (split.go). No chunk changes hands. Memory is one chunk
// buffer a worker and the monthly tables, whatever the size of the file.
//
// # Honesty
//
// No row is dropped silently. A row that cannot be read (bad date, area or
// count, wrong number of fields) is an error naming its line and column;
// names that are not areas are listed with how often they occur. Either
// fails the aggregation, unless Options.SkipBad is set, in which case they
// are counted and the count travels into every figure's note.
package events

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/casualty-tool/casualty/data"
)

// Columns names the columns an event file is read from. Names are matched
// case-insensitively, ignoring spaces around them.
type Columns struct {
	Date    string // event date: 2025-03-14, 14 March 2025 or 14-March-2025
	Area    string // admin-1 name or p-code
	Killed  string // people killed in the event
	Injured string // people injured; optional when left at its default
}

// DefaultColumns are ACLED's headers. ACLED has no injured column; when the
// file has none either, only killed figures are made.
var DefaultColumns = Columns{Date: "event_date", Area: "admin1", Killed: "fatalities", Injured: "injured"}

// Filter keeps the rows whose Column holds one of Values (exactly, after
// trimming spaces). Several filters on one column are one filter with the
// values of all; filters on different columns must all match.
type Filter struct {
	Column string
	Values []string
}

// ParseFilter reads a --where argument: "column=value".
func ParseFilter(s string) (Filter, error) {
	col, val, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(col) == "" {
		return Filter{}, fmt.Errorf("want a row filter written column=value (event_type=Battles), got %q", s)
	}
	return Filter{Column: strings.TrimSpace(col), Values: []string{strings.TrimSpace(val)}}, nil
}

// Progress is what the aggregation has done so far, reported to
// Options.Progress as chunks finish.
type Progress struct {
	Bytes int64 // bytes of the file parsed
	Rows  int64 // data rows parsed
}

// Options control an aggregation. The zero value reads ACLED's columns with
// one worker per CPU.
type Options struct {
	Columns Columns // zero fields take DefaultColumns
	Where   []Filter
	// SkipBad counts unreadable rows and unknown areas instead of failing;
	// the count goes into the notes of every figure.
	SkipBad   bool
	MaxErrors int              // errors listed before the rest are counted (default data.DefaultMaxErrors)
	Areas     *data.AreaTable  // default data.Ukraine()
	Workers   int              // default GOMAXPROCS
	Progress  func(p Progress) // called as chunks finish, never two calls at once; may be nil
	// ChunkSize is the size of the read buffers (default 1 MiB). Tests set
	// it small to put chunk boundaries everywhere.
	ChunkSize int
	// MaxRecordBytes bounds one record (default 1 MiB, at least ChunkSize):
	// a longer one is most likely an unclosed quote swallowing the file.
	MaxRecordBytes int

	injuredOptional bool // the injured column was not named, so it may be absent
}

func (o Options) withDefaults() Options {
	d := DefaultColumns
	if o.Columns.Date == "" {
		o.Columns.Date = d.Date
	}
	if o.Columns.Area == "" {
		o.Columns.Area = d.Area
	}
	if o.Columns.Killed == "" {
		o.Columns.Killed = d.Killed
	}
	if o.Columns.Injured == "" {
		o.Columns.Injured = d.Injured
		o.injuredOptional = true
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = data.DefaultMaxErrors
	}
	if o.Areas == nil {
		o.Areas = ukraine()
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = 1 << 20
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = 1 << 20
	}
	if o.MaxRecordBytes < o.ChunkSize {
		o.MaxRecordBytes = o.ChunkSize
	}
	return o
}

// ukraine is the embedded area table, read once: lookups only read it.
var ukraine = sync.OnceValue(data.Ukraine)

// Cell is one area's month: the events counted and the people they killed
// and injured.
type Cell struct {
	Month   data.Month
	Area    string // p-code
	Events  int64
	Killed  int64
	Injured int64
}

// Result is an aggregated event file.
type Result struct {
	File string
	// Header names the columns read, as written in the file.
	Header     Columns
	HasInjured bool
	// Cells holds, for every area with at least one event, every month from
	// the first event's month to the last one's, in month then p-code
	// order. A month with no events in an area is a zero: an event list
	// records events, so none recorded means none counted.
	Cells    []Cell
	Rows     int64 // data rows read
	Filtered int64 // rows left out by the filters
	Events   int64 // rows counted into Cells
	Skipped  int64 // bad rows and rows of unknown areas skipped (SkipBad)
	Where    []Filter
	// Warnings list what was skipped, located, when SkipBad is set.
	Warnings []error
}

// Aggregate reads an event file from r; name is used in messages.
func Aggregate(ctx context.Context, r io.Reader, name string, opt Options) (*Result, error) {
	return aggregate(ctx, r, name, opt.withDefaults())
}
