package data

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is where a figure was read: a file and line (and column) for text
// files, a file, sheet and cell for workbooks. Every figure keeps its Pos so
// that any output can point back to its source.
type Pos struct {
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.Sheet != "" && p.Cell != "":
		return fmt.Sprintf("%s: sheet %q cell %s", p.File, p.Sheet, p.Cell)
	case p.Sheet != "":
		return fmt.Sprintf("%s: sheet %q", p.File, p.Sheet)
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// InputError is a problem with one place of an input file. Its message
// names the place, the column, what was wanted and what was found:
//
//	file.csv:14:3: column "injured": want a non-negative whole number, got "12a"
type InputError struct {
	Pos    Pos
	Column string // column header as written in the file ("" if none)
	Err    error
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Column != "" {
		fmt.Fprintf(&b, "column %q: ", e.Column)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }

// Errorf builds a located input error; every loader reports through it, so
// no message loses its place.
func Errorf(pos Pos, column, format string, args ...any) *InputError {
	return &InputError{Pos: pos, Column: column, Err: fmt.Errorf(format, args...)}
}

// DefaultMaxErrors is how many errors of one file are listed before the
// rest are only counted.
const DefaultMaxErrors = 20

// ErrorList collects the errors of a load, so users fix every bad row in
// one pass rather than one per run. It lists at most Max and counts the rest.
type ErrorList struct {
	Errs []error
	Max  int // 0 means DefaultMaxErrors
	more int

	moreN    int         // more when moreLine was made
	moreLine *LimitError // the line counting the errors not listed
}

// Add records err (nil is ignored).
func (l *ErrorList) Add(err error) {
	if err == nil {
		return
	}
	var sub *ErrorList
	if errors.As(err, &sub) {
		for _, e := range sub.Errs {
			l.Add(e)
		}
		l.more += sub.more
		return
	}
	max := l.Max
	if max <= 0 {
		max = DefaultMaxErrors
	}
	if len(l.Errs) >= max {
		l.more++
		return
	}
	l.Errs = append(l.Errs, err)
}

// Len is the number of errors recorded, listed or not.
func (l *ErrorList) Len() int { return len(l.Errs) + l.more }

// Err returns the list as an error, or nil when it is empty.
func (l *ErrorList) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return l
}

func (l *ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if m := l.moreErr(); m != nil {
		b.WriteString("\n")
		b.WriteString(m.Error())
	}
	return b.String()
}

// moreErr is the line that counts the errors not listed, a LimitError
// since MaxErrors bounds the list; made once, so a program can word how to
// raise it (see LimitError).
func (l *ErrorList) moreErr() *LimitError {
	if l.more == 0 {
		return nil
	}
	if l.more != l.moreN {
		l.moreN = l.more
		l.moreLine = limitErr("MaxErrors", fmt.Sprintf("... and %d more errors", l.more))
	}
	return l.moreLine
}

// Unwrap exposes the listed errors, and the count of the others, to
// errors.Is and errors.As.
func (l *ErrorList) Unwrap() []error {
	if m := l.moreErr(); m != nil {
		return append(l.Errs[:len(l.Errs):len(l.Errs)], m)
	}
	return l.Errs
}

func sortStrings(s []string) { sort.Strings(s) }
