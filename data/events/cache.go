package events

import (
	"encoding/binary"
	"math/bits"
)

// Caches for the two lookups every row makes. Both return exactly what
// the full parse would; they only skip repeating it.

// dateCache remembers the month of the last ISO date's "YYYY-MM-" prefix:
// event files are usually sorted by date, so most rows share it.
type dateCache struct {
	prefix uint64
	mon    int
	days   int
	ok     bool
}

// month is monthOf with the cache.
func (c *dateCache) month(b []byte) (int, error) {
	if len(b) == 10 && c.ok && binary.LittleEndian.Uint64(b) == c.prefix {
		d0, d1 := b[8]-'0', b[9]-'0'
		if d0 <= 9 && d1 <= 9 {
			if d := int(d0)*10 + int(d1); d >= 1 && d <= c.days {
				return c.mon, nil
			}
		}
	}
	m, err := monthOf(b)
	if err == nil && len(b) == 10 && b[4] == '-' && b[7] == '-' {
		c.prefix, c.mon, c.ok = binary.LittleEndian.Uint64(b), m, true
		c.days = monthDays[m%12+1]
		if y := m / 12; m%12 == 1 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			c.days = 29
		}
	}
	return m, err
}

// nameTable maps spellings of area names to area indexes (-1: not an
// area) with open addressing; at most maxNames entries, so it never fills.
type nameTable struct {
	keys []string
	vals []int
	used []bool
	n    int
}

const nameSlots = 2 * maxNames // a power of two

func hashName(b []byte) uint64 {
	var h uint64
	if len(b) >= 8 {
		h = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[len(b)-8:]), 29)
	} else {
		for _, c := range b {
			h = h<<8 | uint64(c)
		}
	}
	h ^= uint64(len(b)) << 56
	h *= 0x9E3779B97F4A7C15
	return h >> (64 - 13) // log2(nameSlots)
}

func (t *nameTable) get(b []byte) (int, bool) {
	if t.keys == nil {
		return 0, false
	}
	for i := hashName(b); ; i = (i + 1) & (nameSlots - 1) {
		if !t.used[i] {
			return 0, false
		}
		if t.keys[i] == string(b) {
			return t.vals[i], true
		}
	}
}

// put records s unless the table is full (then lookups of s keep taking
// the slow path, which is correct, only slower).
func (t *nameTable) put(s string, v int) {
	if t.n >= maxNames {
		return
	}
	if t.keys == nil {
		t.keys, t.vals, t.used = make([]string, nameSlots), make([]int, nameSlots), make([]bool, nameSlots)
	}
	i := hashName([]byte(s))
	for t.used[i] {
		if t.keys[i] == s {
			return
		}
		i = (i + 1) & (nameSlots - 1)
	}
	t.keys[i], t.vals[i], t.used[i] = s, v, true
	t.n++
}

// knownNames maps the spellings of areas already found to their index,
// for the fast path: a spelling of up to 16 bytes is compared as two
// words and its length, without a call. Spellings that are not areas
// never enter it (their rows take the careful path, which tallies them).
type knownNames struct {
	slots [knownSlots]knownName
	n     int
}

type knownName struct {
	lo, hi uint64
	n      int32 // length + 1; 0 marks an empty slot
	idx    int32
	s      string // compared as well when longer than 16 bytes
}

const knownSlots = 512 // a power of two, at most half full

// nameWords returns the first and the last eight bytes of b (zero-padded
// when b is shorter), which with its length tell apart any two spellings
// of up to 16 bytes.
func nameWords(b []byte) (lo, hi uint64) {
	switch n := len(b); {
	case n >= 8:
		return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[n-8:])
	case cap(b) >= 8:
		// The bytes past the end are the buffer's; they are masked off.
		return binary.LittleEndian.Uint64(b[:8]) & (1<<(8*n) - 1), 0
	default:
		var pad [8]byte
		copy(pad[:], b)
		return binary.LittleEndian.Uint64(pad[:]), 0
	}
}

func knownHash(lo, hi uint64, n int) uint64 {
	return ((lo ^ bits.RotateLeft64(hi, 31) ^ uint64(n)) * 0x9E3779B97F4A7C15) >> (64 - 9) // log2(knownSlots)
}

func (t *knownNames) get(b []byte) (int, bool) {
	lo, hi := nameWords(b)
	i := knownHash(lo, hi, len(b))
	if e := &t.slots[i]; e.lo == lo && e.hi == hi && int(e.n) == len(b)+1 && len(b) <= 16 {
		return int(e.idx), true // the usual case, inlined
	}
	return t.probe(b, lo, hi, i)
}

func (t *knownNames) probe(b []byte, lo, hi, i uint64) (int, bool) {
	for ; ; i = (i + 1) & (knownSlots - 1) {
		e := &t.slots[i]
		if e.n == 0 {
			return 0, false
		}
		if e.lo == lo && e.hi == hi && int(e.n) == len(b)+1 && (len(b) <= 16 || e.s == string(b)) {
			return int(e.idx), true
		}
	}
}

// put records the spelling s of area idx, unless the table is half full.
func (t *knownNames) put(s string, idx int) {
	if t.n >= knownSlots/2 {
		return
	}
	if _, ok := t.get([]byte(s)); ok {
		return
	}
	lo, hi := nameWords([]byte(s))
	i := knownHash(lo, hi, len(s))
	for t.slots[i].n != 0 {
		i = (i + 1) & (knownSlots - 1)
	}
	t.slots[i] = knownName{lo: lo, hi: hi, n: int32(len(s) + 1), idx: int32(idx), s: s}
	t.n++
}
