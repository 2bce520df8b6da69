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
