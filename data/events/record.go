package events

import (
	"bytes"
	"errors"
)

// nextRecord cuts the first record off b, which starts at a record
// boundary. rec excludes the newline (and a carriage return before it);
// lines is how many newlines the record spans including its own, so the
// next record starts lines lines further down. closed is false when a
// quoted field runs to the end of b.
func nextRecord(b []byte) (rec, rest []byte, lines int, closed bool) {
	rec, rest, lines, closed, _ = nextRecordQ(b)
	return rec, rest, lines, closed
}

// nextRecordQ is nextRecord, also saying whether the record has a quote.
func nextRecordQ(b []byte) (rec, rest []byte, lines int, closed, quoted bool) {
	k := bytes.IndexByte(b, '\n')
	if k < 0 {
		rec, rest = b, nil
	} else {
		rec, rest = b[:k], b[k+1:]
	}
	if bytes.IndexByte(rec, '"') >= 0 {
		rec, rest, lines, closed = quotedRecord(b)
		return rec, rest, lines, closed, true
	}
	return trimCR(rec), rest, 1, true, false
}

// quotedRecord is nextRecord for a record with quotes: the record ends at
// the first newline preceded by an even number of quotes.
func quotedRecord(b []byte) (rec, rest []byte, lines int, closed bool) {
	q, i := 0, 0
	for {
		k := bytes.IndexByte(b[i:], '\n')
		if k < 0 {
			q += bytes.Count(b[i:], quote)
			return trimCR(b), nil, lines + 1, q%2 == 0
		}
		q += bytes.Count(b[i:i+k], quote)
		lines++
		if q%2 == 0 {
			return trimCR(b[:i+k]), b[i+k+1:], lines, true
		}
		i += k + 1
	}
}

var quote = []byte{'"'}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

// fieldError is a problem with the field at byte offset off of a record.
type fieldError struct {
	off int
	col int // 0-based field index
	err error
}

var (
	errBareQuote  = errors.New(`a quote (") inside an unquoted field; quote the whole field and double the inner quote`)
	errAfterQuote = errors.New(`text after the closing quote of a field; double a quote inside a quoted field ("")`)
	errOpenQuote  = errors.New(`a quoted field is not closed before the end of the file`)
)

// splitter of fields: fields[i] receives field i when want[i] is set. It
// returns the number of fields in rec. scratch holds unescaped quoted
// fields and is returned for reuse.
func splitFields(rec []byte, want []bool, fields [][]byte, offs []int, scratch []byte) (n int, _ []byte, ferr *fieldError) {
	if bytes.IndexByte(rec, '"') < 0 {
		// Fast path: no quotes, fields are the text between commas.
		start := 0
		col := 0
		for col < len(want) {
			k := bytes.IndexByte(rec[start:], ',')
			end := len(rec)
			if k >= 0 {
				end = start + k
			}
			if want[col] {
				fields[col] = rec[start:end]
				offs[col] = start
			}
			col++
			if k < 0 {
				return col, scratch, nil
			}
			start = end + 1
		}
		return col + bytes.Count(rec[start:], []byte{','}) + 1, scratch, nil
	}
	scratch = scratch[:0]
	i, col := 0, 0
	for {
		var val []byte
		start := i
		if i < len(rec) && rec[i] == '"' {
			j := i + 1
			esc := false
			for {
				k := bytes.IndexByte(rec[j:], '"')
				if k < 0 {
					return col + 1, scratch, &fieldError{off: start, col: col, err: errOpenQuote}
				}
				if j+k+1 < len(rec) && rec[j+k+1] == '"' {
					esc = true
					j += k + 2
					continue
				}
				val = rec[i+1 : j+k]
				i = j + k + 1
				break
			}
			if i < len(rec) && rec[i] != ',' {
				return col + 1, scratch, &fieldError{off: start, col: col, err: errAfterQuote}
			}
			if esc && col < len(want) && want[col] {
				from := len(scratch)
				for p := 0; p < len(val); p++ {
					scratch = append(scratch, val[p])
					if val[p] == '"' {
						p++ // the second of a doubled quote
					}
				}
				val = scratch[from:len(scratch):len(scratch)]
			}
		} else {
			k := bytes.IndexByte(rec[i:], ',')
			end := len(rec)
			if k >= 0 {
				end = i + k
			}
			val = rec[i:end]
			if bytes.IndexByte(val, '"') >= 0 {
				return col + 1, scratch, &fieldError{off: start, col: col, err: errBareQuote}
			}
			i = end
		}
		if col < len(want) && want[col] {
			fields[col] = val
			offs[col] = start
		}
		col++
		if i >= len(rec) {
			return col, scratch, nil
		}
		i++ // the comma
	}
}

// position turns a byte offset in a record that starts on line into a line
// and a 1-based byte column.
func position(rec []byte, line, off int) (int, int) {
	if off > len(rec) {
		off = len(rec)
	}
	before := rec[:off]
	nl := bytes.Count(before, []byte{'\n'})
	col := off + 1
	if nl > 0 {
		col = off - bytes.LastIndexByte(before, '\n')
	}
	return line + nl, col
}
