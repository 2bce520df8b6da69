package data

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The parsers of cells meet whatever a spreadsheet holds. These fuzz
// targets check that they never panic and that what they accept is
// consistent: a month prints and re-reads as itself, a count stays within
// its bounds and re-reads from its digits, a qualifier from its name.
// Seeds live in testdata/fuzz/FuzzXxx; every crasher found is added there.

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2025-03", "March 2025", "03/04/2025", "2025-02-30", "2025-13", "45717", "2025-03-01T00:00:00Z", "2025 March", "03/2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonth(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "want ") {
				t.Fatalf("ParseMonth(%q): error %q does not say what was wanted", s, err)
			}
			return
		}
		if m.Year < 1900 || m.Year > 2199 || m.Month < 1 || m.Month > 12 {
			t.Fatalf("ParseMonth(%q) = %+v, outside 1900-01..2199-12", s, m)
		}
		for _, again := range []string{m.String(), m.Label(), m.Short()} {
			if m2, err := ParseMonth(again); err != nil || m2 != m {
				t.Fatalf("ParseMonth(%q) = %v, but %q reads as %v, %v", s, m, again, m2, err)
			}
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"164", "1,074", "1 074", "at least 164", "approx. 100", "100-120", "at most 5", "-5", "12.5", "1e3", "99999999999999999999", "n/a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCount(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "want ") {
				t.Fatalf("ParseCount(%q): error %q does not say what was wanted", s, err)
			}
			return
		}
		if c.Value < 0 || c.Value > maxCount {
			t.Fatalf("ParseCount(%q) = %d, outside 0..%d", s, c.Value, int64(maxCount))
		}
		if c.HasRange && (c.Low != c.Value || c.High < c.Low || c.Qualifier != AtLeast) {
			t.Fatalf("ParseCount(%q) = %+v: a range must be a lower bound at its low end", s, c)
		}
		if !c.HasRange && (c.Low != 0 || c.High != 0) {
			t.Fatalf("ParseCount(%q) = %+v: bounds without a range", s, c)
		}
		digits := strconv.FormatInt(c.Value, 10)
		if c2, err := ParseCount(digits); err != nil || c2.Value != c.Value || c2.Qualifier != Exact {
			t.Fatalf("ParseCount(%q) = %d, but %q reads as %+v, %v", s, c.Value, digits, c2, err)
		}
		if c2, err := ParseCount(c.Qualifier.Words() + digits); err != nil || c2.Value != c.Value || c2.Qualifier != c.Qualifier {
			t.Fatalf("ParseCount(%q) = %+v, but %q reads as %+v, %v", s, c, c.Qualifier.Words()+digits, c2, err)
		}
	})
}

func FuzzParseQualifier(f *testing.F) {
	for _, s := range []string{"", "exact", "at_least", "at least", "At-Least", "approx", "approx.", "~", "≥", "roughly"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQualifier(s)
		if err != nil {
			if q != Exact || !strings.HasPrefix(err.Error(), "want a qualifier") {
				t.Fatalf("ParseQualifier(%q) = %v, %v", s, q, err)
			}
			return
		}
		if q != Exact && q != AtLeast && q != Approx {
			t.Fatalf("ParseQualifier(%q) = %d, not a known qualifier", s, q)
		}
		if q2, err := ParseQualifier(q.String()); err != nil || q2 != q {
			t.Fatalf("ParseQualifier(%q) = %v, but its name %q reads as %v, %v", s, q, q.String(), q2, err)
		}
	})
}

// FuzzDecodeInput feeds any bytes to the decoder under each encoding: it
// never panics, and what it passes on is UTF-8 (charmaps and UTF-16 always
// decode to valid text) or, for undeclared input, the bytes unchanged but
// for line ends, which checkText then judges.
func FuzzDecodeInput(f *testing.F) {
	f.Add([]byte("month,killed\n2025-03,164\n"))
	f.Add([]byte("\xFF\xFEm\x00,\x00k\x00\n\x00"))
	f.Add([]byte("\xFE\xFF\x00m\x00,"))
	f.Add([]byte("\xFF\xFE\x00\x00"))
	f.Add([]byte("month,area\r2025-03,\xca\xe8\xbf\xe2\r"))
	f.Add([]byte("\xEF\xBB\xBFmonth;value\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, enc := range Encodings {
			r, err := decodeInput(bytes.NewReader(b), "f.csv", enc)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "f.csv: ") {
					t.Fatalf("%s: error %q does not name the file", enc, err)
				}
				continue
			}
			out, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%s: read: %v", enc, err)
			}
			bom16 := bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
			if enc == "utf-8" && !bom16 {
				// Passed through (CR line ends may become LF): the
				// text check that follows in the loader judges it.
				if len(out) != len(b) {
					t.Fatalf("undeclared text changed length: %d bytes in, %d out", len(b), len(out))
				}
				continue
			}
			if !utf8.Valid(out) {
				t.Fatalf("%s: decoded to invalid UTF-8: %q", enc, out)
			}
		}
	})
}
