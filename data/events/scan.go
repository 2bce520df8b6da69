package events

import (
	"encoding/binary"
	"math/bits"
)

// Word-at-a-time scanning: the records of a chunk are cut into fields by
// looking at eight bytes at once for a comma, a newline or a quote. A
// record with a quote leaves this fast path for the careful field splitter
// (splitFields), which knows RFC 4180 quoting.

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

// delims marks the bytes of x that are ',', '\n' or '"'.
func delims(x uint64) uint64 {
	return zeroBytes(x^(','*ones)) | zeroBytes(x^('\n'*ones)) | zeroBytes(x^('"'*ones))
}

// chunk counts the records of c and returns the lines it spans and the
// rows it held.
func (w *worker) chunk(c chunk) (lines int, rows int64) {
	before := w.rows
	b := c.b
	want := w.lay.want
	recStart, fstart, col := 0, 0, 0
	var pad [8]byte
	i := 0
	for i < len(b) {
		var m uint64
		if i+8 <= len(b) {
			m = delims(binary.LittleEndian.Uint64(b[i:]))
		} else {
			pad = [8]byte{}
			copy(pad[:], b[i:])
			m = delims(binary.LittleEndian.Uint64(pad[:]))
		}
		for m != 0 {
			p := i + bits.TrailingZeros64(m)>>3
			m &= m - 1
			switch b[p] {
			case ',':
				if col < len(want) && want[col] {
					w.fields[col] = b[fstart:p]
					w.offs[col] = fstart - recStart
				}
				col++
				fstart = p + 1
			case '\n':
				end := p
				if end > recStart && b[end-1] == '\r' {
					end--
				}
				if fstart > end { // "a,\r\n": the last field is empty
					fstart = end
				}
				if col < len(want) && want[col] {
					w.fields[col] = b[fstart:end]
					w.offs[col] = fstart - recStart
				}
				if rec := b[recStart:end]; len(rec) > 0 {
					w.rows++
					w.row(rec, col+1, c.seq, lines)
				}
				lines++
				recStart, fstart, col = p+1, p+1, 0
			default: // a quote: this record takes the careful path
				rec, rest, n, closed := nextRecord(b[recStart:])
				w.record(rec, c.seq, lines, closed)
				lines += n
				recStart = len(b) - len(rest)
				fstart, col = recStart, 0
				i = recStart
				goto next
			}
		}
		i += 8
	next:
	}
	if recStart < len(b) { // the file's last record, without a newline
		rec, _, n, closed := nextRecord(b[recStart:])
		w.record(rec, c.seq, lines, closed)
		lines += n
	}
	return lines, w.rows - before
}
