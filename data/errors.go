package data

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

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

// Errorf builds a located input error whose message is formatted here.
// In this package Errorf and inputErr are the only places an InputError is
// built (TestInputErrorsThroughHelpers keeps it so), so every message of
// every loader carries its place and column in the one shape of
// InputError.Error.
func Errorf(pos Pos, column, format string, args ...any) *InputError {
	return &InputError{Pos: pos, Column: column, Err: fmt.Errorf(format, args...)}
}

// inputErr locates an error made elsewhere, kept as it is so that callers
// can still find it with errors.As: a *LimitError (which a program words
// with its own way to raise the limit), or a parser's error whose message
// is already complete.
func inputErr(pos Pos, column string, err error) *InputError {
	return &InputError{Pos: pos, Column: column, Err: err}
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

// LimitError is a refusal because an input passes one of the Limits (or
// LoadOptions.MaxErrors): a bound on memory and time against a hostile or
// mistaken file, not a fault in the figures. Its message says what was
// refused and which limit refused it; a program says how its users raise
// that limit by setting Raise before printing the error (the casualty
// command names its flag, such as --max-rows), so this package never
// words command-line flags itself.
type LimitError struct {
	Limit string // the field that refused: "MaxRows", "MaxBytes", ..., "MaxErrors"
	What  string // what was refused, without the way out
	Raise string // how to raise the limit, in the program's words
}

func (e *LimitError) Error() string {
	raise := e.Raise
	if raise == "" {
		raise = "raise Limits." + e.Limit
		if e.Limit == "MaxErrors" {
			raise = "raise LoadOptions.MaxErrors"
		}
	}
	return e.What + " (" + raise + ")"
}

// limitErr makes a LimitError for limit with a message.
func limitErr(limit, what string) *LimitError { return &LimitError{Limit: limit, What: what} }

// sortErrors orders errors by place so that messages read top to bottom.
func sortErrors(l *ErrorList) {
	sort.SliceStable(l.Errs, func(i, j int) bool {
		var a, b *InputError
		if !errors.As(l.Errs[i], &a) || !errors.As(l.Errs[j], &b) {
			return false
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Col < b.Pos.Col
	})
}
