package events

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// The fast path. A chunk is scanned in 64-byte blocks: a first pass sets
// one bit in a mask for every comma, newline and double quote of a block
// (SSE2 on amd64, structure_amd64.s; SWAR byte tests elsewhere), and a
// second walks the set bits. Records are never scanned twice, and on a
// regular file the walk sees the same pattern (commas, then a newline) row
// after row, which the processor predicts. A record with a quote leaves
// this path for the careful one (nextRecord, splitFields), which knows RFC
// 4180 quoting; so does every row the fast path cannot count outright (a
// field count unlike the header's, an unusual date, an area spelling not
// seen before, a count that is not plain digits): worker.row then counts
// it or reports it, exactly as if the fast path did not exist.
// FuzzFastPathMatchesCSV holds the result to a plain encoding/csv reading
// of the same bytes.

const (
	ones  = 0x0101010101010101
	lows  = 0x7f7f7f7f7f7f7f7f
	highs = 0x8080808080808080
)

// zeroBytes sets the high bit of every byte of v that is zero, exactly
// (no false positives from borrows).
func zeroBytes(v uint64) uint64 {
	return ^(((v & lows) + lows) | v | lows)
}

// gather packs the high bits of the eight bytes of m (as zeroBytes sets
// them) into the low eight bits, byte 0's first.
func gather(m uint64) uint64 {
	return ((m >> 7) * 0x0102040810204080) >> 56
}

// structureExact is the structure mask of one block in plain Go: bit j is
// set when byte j is a comma, a newline or a double quote.
func structureExact(b *[64]byte) uint64 {
	var m uint64
	for j := 0; j < 8; j++ {
		x := binary.LittleEndian.Uint64(b[8*j:])
		z := zeroBytes(x^(','*ones)) | zeroBytes(x^('\n'*ones)) | zeroBytes(x^('"'*ones))
		m |= gather(z) << (8 * j)
	}
	return m
}

// regionBlocks is how many blocks are masked at a time: a quoted record
// sends the walk to wherever it ends, and the masks are made again from
// there.
const regionBlocks = 16

// maxFastCols bounds the fields whose starts the scan keeps (a power of
// two, so an index is masked rather than checked). A header with more
// columns is read by the careful path alone.
const maxFastCols = 64

// starts holds the offsets of the fields of the record being scanned
// (int32: chunks past 2 GiB take the careful path):
// field k is b[s[k] : s[k+1]-1]. Fields past maxFastCols wrap around and
// overwrite the first slots; that only happens in a record with more
// fields than the header, which is refused without reading its fields.
type starts [maxFastCols]int32

// chunk counts the records of c and returns the lines it spans and the
// rows it held.
func (w *worker) chunk(c chunk) (lines int, rows int64) {
	before := w.rows
	b := c.b
	if w.lay.ncols >= maxFastCols || w.quoteHeavy || len(b) > math.MaxInt32 {
		// A record with a quote is walked up to its first quote, then
		// read again by the careful path: when most records have one, the
		// careful path alone is faster.
		lines, rows = w.carefulChunk(c)
		w.quoteHeavy = w.quoted*2 > rows
		return lines, rows
	}
	w.quoted = 0
	var st starts
	var masks [regionBlocks]uint64
	recStart, col := 0, 0
	pos := 0 // start of the region being walked
regions:
	for pos < len(b) {
		nb := min((len(b)-pos)/64, regionBlocks)
		if nb > 0 {
			structureBlocks(b[pos:], masks[:nb])
		} else {
			// The last bytes, padded to a block.
			var pad [64]byte
			n := copy(pad[:], b[pos:])
			structureBlocks(pad[:], masks[:1])
			masks[0] &= 1<<n - 1
			nb = 1
		}
		skip := pos // bytes before skip are parsed already
	blocks:
		for k := 0; k < nb; k++ {
			base := pos + 64*k
			m := masks[k]
			if d := skip - base; d > 0 {
				m &= ^uint64(0) << d
			}
			for ; m != 0; m &= m - 1 {
				p := base + bits.TrailingZeros64(m)
				switch b[p] {
				case ',':
					col++
					st[col&(maxFastCols-1)] = int32(p + 1)
				case '\n':
					lines++
					end := p
					if end > recStart && b[end-1] == '\r' {
						end--
					}
					if end > recStart { // a blank line is no row
						st[(col+1)&(maxFastCols-1)] = int32(end + 1)
						w.rows++
						if !w.fastRow(b, col+1, &st) {
							w.slowRow(b, recStart, end, col+1, &st, c.seq, lines-1)
						}
					}
					recStart, col = p+1, 0
					st[0] = int32(recStart)
				default: // '"': the record may span lines; read it carefully
					w.quoted++
					rec, rest, n, closed := nextRecord(b[recStart:])
					w.record(rec, c.seq, lines, closed)
					lines += n
					recStart, col = len(b)-len(rest), 0
					st[0] = int32(recStart)
					if recStart >= pos+64*nb {
						pos = recStart
						continue regions
					}
					// Go on in this region, from the block recStart is in.
					skip = recStart
					k = (recStart-pos)/64 - 1
					continue blocks
				}
			}
		}
		pos += 64 * nb
	}
	if recStart < len(b) {
		// The file's last record, without a newline.
		rec, _, n, closed, quoted := nextRecordQ(b[recStart:])
		if quoted {
			w.quoted++
		}
		w.record(rec, c.seq, lines, closed)
		lines += n
	}
	rows = w.rows - before
	w.quoteHeavy = w.quoted*2 > rows
	return lines, rows
}

// carefulChunk is chunk without the fast path, record by record.
func (w *worker) carefulChunk(c chunk) (lines int, rows int64) {
	before := w.rows
	b := c.b
	w.quoted = 0
	for len(b) > 0 {
		rec, rest, n, closed, quoted := nextRecordQ(b)
		if quoted {
			w.quoted++
		}
		w.record(rec, c.seq, lines, closed)
		lines += n
		b = rest
	}
	return lines, w.rows - before
}

// field returns field k of the record whose field starts are st.
func field(b []byte, st *starts, k int) []byte {
	return b[st[k&(maxFastCols-1)] : st[(k+1)&(maxFastCols-1)]-1]
}

// fastRow counts the record whose n fields start at st when it is the
// common case: as many fields as the header, an ISO date in the month of
// the last one, an area spelling seen before, counts of plain digits. It
// returns false, having changed nothing, for any other record.
func (w *worker) fastRow(b []byte, n int, st *starts) bool {
	if n != w.ncols {
		return false
	}
	d := field(b, st, w.dateCol)
	dc := &w.dates
	if len(d) != 10 || !dc.ok || binary.LittleEndian.Uint64(d) != dc.prefix || dc.mon != w.lastM {
		return false
	}
	d0, d1 := d[8]-'0', d[9]-'0'
	ok := d0 <= 9 && d1 <= 9
	if !ok {
		return false
	}
	if day := int(d0)*10 + int(d1); day < 1 || day > dc.days {
		return false
	}
	// The area: knownNames.get, its usual case written out here.
	ab := field(b, st, w.areaCol)
	var lo, hi uint64
	switch n := len(ab); {
	case n >= 8 && n <= 16:
		lo, hi = binary.LittleEndian.Uint64(ab), binary.LittleEndian.Uint64(ab[n-8:])
	case n < 8 && cap(ab) >= 8:
		lo = binary.LittleEndian.Uint64(ab[:8]) & (1<<(8*n) - 1) // past the end: the buffer's bytes, masked off
	default:
		lo = 1 // no slot matches: the call below
	}
	var area int
	if e := &w.known.slots[knownHash(lo, hi, len(ab))]; e.lo == lo && e.hi == hi && int(e.n) == len(ab)+1 && len(ab) <= 16 {
		area = int(e.idx)
	} else if area, ok = w.known.get(ab); !ok {
		return false
	}
	k, ok := digitCount(field(b, st, w.killedCol))
	if !ok {
		return false
	}
	var inj int64
	if w.injuredCol >= 0 {
		if inj, ok = digitCount(field(b, st, w.injuredCol)); !ok {
			return false
		}
	}
	a := &w.last[area]
	if k > math.MaxInt64-a.killed || inj > math.MaxInt64-a.injured {
		return false // worker.row ends the aggregation
	}
	if c := w.lay.country; c >= 0 {
		w.countries.add(field(b, st, c))
	}
	for _, f := range w.lay.filters {
		if !f.match(field(b, st, f.col)) {
			w.filtered++
			return true
		}
	}
	a.events++
	a.killed += k
	a.injured += inj
	w.events++
	return true
}

// digitCount reads a count of 1 to 18 plain digits (no sign, no spaces),
// which cannot overflow.
func digitCount(b []byte) (int64, bool) {
	if len(b) == 1 && b[0]-'0' <= 9 {
		return int64(b[0] - '0'), true // most events: 0 to 9 people
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c-'0' > 9 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// slowRow hands the record b[recStart:end] of n fields to worker.row,
// which counts or reports it in full.
func (w *worker) slowRow(b []byte, recStart, end, n int, st *starts, seq, line int) {
	want := w.lay.want
	if n == w.lay.ncols { // else row reads no field
		for k := range want {
			if want[k] {
				w.fields[k] = field(b, st, k)
				w.offs[k] = int(st[k]) - recStart
			}
		}
	}
	w.row(b[recStart:end], n, seq, line)
}
