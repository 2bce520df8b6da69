package events

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Word-at-a-time scanning: a record without quotes is cut into fields by
// looking at eight bytes at once for commas. A record with a quote leaves
// this fast path for the careful field splitter (splitFields), which knows
// RFC 4180 quoting.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7f7f7f7f7f7f7f7f
)

// zeroBytes sets the high bit of every byte of v that is zero, exactly
// (no false positives from borrows).
func zeroBytes(v uint64) uint64 {
	return ^(((v & lows) + lows) | v | lows)
}

// chunk counts the records of c and returns the lines it spans and the
// rows it held. Each line is found with bytes.IndexByte (vector
// instructions); a line without a quote is cut at its commas eight bytes
// at a time; a line with one goes to the careful path.
func (w *worker) chunk(c chunk) (lines int, rows int64) {
	before := w.rows
	b := c.b
	want := w.lay.want
	fields, offs := w.fields, w.offs
	recStart := 0
	for recStart < len(b) {
		k := bytes.IndexByte(b[recStart:], '\n')
		if k < 0 || bytes.IndexByte(b[recStart:recStart+k], '"') >= 0 {
			// A quote (the record may span lines), or the file's last
			// record without a newline.
			rec, rest, n, closed := nextRecord(b[recStart:])
			w.record(rec, c.seq, lines, closed)
			lines += n
			recStart = len(b) - len(rest)
			continue
		}
		end := recStart + k
		next := end + 1
		if end > recStart && b[end-1] == '\r' {
			end--
		}
		lines++
		if end == recStart {
			recStart = next
			continue // a blank line is no row
		}
		col, fstart := 0, recStart
		for i := recStart; i < end; i += 8 {
			var x uint64
			if i+8 <= len(b) {
				x = binary.LittleEndian.Uint64(b[i:])
			} else {
				var pad [8]byte
				copy(pad[:], b[i:])
				x = binary.LittleEndian.Uint64(pad[:])
			}
			for m := zeroBytes(x ^ (',' * ones)); m != 0; m &= m - 1 {
				p := i + bits.TrailingZeros64(m)>>3
				if p >= end {
					break
				}
				if col < len(want) && want[col] {
					fields[col] = b[fstart:p]
					offs[col] = fstart - recStart
				}
				col++
				fstart = p + 1
			}
		}
		if col < len(want) && want[col] {
			fields[col] = b[fstart:end]
			offs[col] = fstart - recStart
		}
		w.rows++
		w.row(b[recStart:end], col+1, c.seq, lines-1)
		recStart = next
	}
	return lines, w.rows - before
}
