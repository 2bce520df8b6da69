package data

import (
	"fmt"
	"io"
)

// Limits bound what a load will read, so a hostile or mistaken file fails
// with a message instead of exhausting memory. Each has a flag to raise it.
type Limits struct {
	MaxBytes     int64 // input file size (--max-bytes)
	MaxRows      int   // data rows (--max-rows)
	MaxLineBytes int   // one line of a text file (--max-line-bytes)
	MaxXLSXBytes int64 // expanded size of a workbook (--max-xlsx-bytes)
	MaxXLSXFiles int   // entries in a workbook's zip (--max-xlsx-entries)
}

// DefaultLimits suit monthly figures: real files are kilobytes, so the
// limits leave three orders of magnitude to spare.
var DefaultLimits = Limits{
	MaxBytes:     256 << 20,
	MaxRows:      2_000_000,
	MaxLineBytes: 1 << 20,
	MaxXLSXBytes: 512 << 20,
	MaxXLSXFiles: 10_000,
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxBytes > 0 {
		d.MaxBytes = l.MaxBytes
	}
	if l.MaxRows > 0 {
		d.MaxRows = l.MaxRows
	}
	if l.MaxLineBytes > 0 {
		d.MaxLineBytes = l.MaxLineBytes
	}
	if l.MaxXLSXBytes > 0 {
		d.MaxXLSXBytes = l.MaxXLSXBytes
	}
	if l.MaxXLSXFiles > 0 {
		d.MaxXLSXFiles = l.MaxXLSXFiles
	}
	return d
}

// lineTooLongError is returned by lineLimiter when one record passes the
// limit.
type lineTooLongError struct {
	line  int // where the record starts
	limit int
	multi bool // the record spans lines: a quote was left open
}

// detail is the message without the place.
func (e *lineTooLongError) detail() *LimitError {
	if e.multi {
		return limitErr("MaxLineBytes", fmt.Sprintf("the record that starts on this line runs past %d bytes inside a quoted field; an unclosed quote (\")?", e.limit))
	}
	return limitErr("MaxLineBytes", fmt.Sprintf("the line is longer than %d bytes; not a table of monthly figures?", e.limit))
}

func (e *lineTooLongError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.detail()) }

// lineLimiter passes bytes through and fails as soon as a record grows past
// max, so a file that is one enormous line is refused in bounded memory. A
// record is a line, or several when a quoted field holds line breaks, so
// an open quote cannot carry a whole file past the limit either.
type lineLimiter struct {
	r        io.Reader
	max      int
	cur      int
	line     int // line breaks seen
	recStart int // line (1-based) where the current record starts
	inQuote  bool
	total    int64
	maxB     int64
}

// tooBig is the refusal of a file larger than limit bytes.
func tooBig(limit int64) *LimitError {
	return limitErr("MaxBytes", fmt.Sprintf("file is larger than %d bytes", limit))
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.recStart == 0 {
		l.recStart = 1
	}
	for _, b := range p[:n] {
		switch b {
		case '"':
			l.inQuote = !l.inQuote // a doubled quote toggles twice
		case '\n':
			l.line++
			if !l.inQuote {
				l.cur = 0
				l.recStart = l.line + 1
				continue
			}
		}
		l.cur++
		if l.cur > l.max {
			return 0, &lineTooLongError{line: l.recStart, limit: l.max, multi: l.recStart <= l.line}
		}
	}
	l.total += int64(n)
	if l.maxB > 0 && l.total > l.maxB {
		return 0, tooBig(l.maxB)
	}
	return n, err
}
