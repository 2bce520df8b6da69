package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month. It is comparable and orders by Index, so it can
// key maps and be sorted without a clock or a time zone.
type Month struct {
	Year  int
	Month time.Month
}

// NewMonth returns the month m of year y.
func NewMonth(y int, m time.Month) Month { return Month{Year: y, Month: m} }

// MonthOf returns the month that contains t.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

// Index numbers months consecutively (year*12 + month - 1), so that the
// distance between two months is a subtraction.
func (m Month) Index() int { return m.Year*12 + int(m.Month) - 1 }

// MonthFromIndex is the inverse of Month.Index.
func MonthFromIndex(i int) Month {
	y := i / 12
	r := i % 12
	if r < 0 {
		r += 12
		y--
	}
	return Month{y, time.Month(r + 1)}
}

// Add returns the month n months after m (before it for negative n).
func (m Month) Add(n int) Month { return MonthFromIndex(m.Index() + n) }

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool { return m.Index() < o.Index() }

// IsZero reports whether m is the zero Month (no month).
func (m Month) IsZero() bool { return m.Year == 0 && m.Month == 0 }

// Days is the number of days in the month, leap Februaries included. Per-day
// rates divide by it, because months differ in length by up to 10%.
func (m Month) Days() int {
	return time.Date(m.Year, m.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// First returns the first day of the month, at midnight UTC.
func (m Month) First() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// End returns the last day of the month, at midnight UTC.
func (m Month) End() time.Time { return time.Date(m.Year, m.Month+1, 0, 0, 0, 0, 0, time.UTC) }

// String formats the month as YYYY-MM, the form every output uses for programs.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Label formats the month for people: "March 2025".
func (m Month) Label() string { return fmt.Sprintf("%s %d", m.Month, m.Year) }

// Short formats the month for chart ticks and table headers: "Mar 2025".
func (m Month) Short() string { return fmt.Sprintf("%s %d", m.Month.String()[:3], m.Year) }

// MarshalText makes months read and write as YYYY-MM in JSON.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText parses YYYY-MM (and the other spellings ParseMonth accepts).
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

var monthNames = func() map[string]time.Month {
	n := map[string]time.Month{}
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		n[full] = m
		n[full[:3]] = m
	}
	n["sept"] = time.September
	return n
}()

// ParseMonth reads a month written as analysts write them: 2025-03, 2025/03,
// 2025-03-01 (a date; the day must exist), March 2025, Mar 2025, Mar-2025 or
// 2025 March. Day-first or month-first dates such as 03/04/2025 are refused
// as ambiguous rather than guessed. Years must lie in 1900..2199.
func ParseMonth(s string) (Month, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Month{}, fmt.Errorf("want a month such as 2025-03, got an empty cell")
	}
	fail := func(why string) (Month, error) {
		if why != "" {
			return Month{}, fmt.Errorf("want a month such as 2025-03 or March 2025, got %q (%s)", s, why)
		}
		return Month{}, fmt.Errorf("want a month such as 2025-03 or March 2025, got %q", s)
	}
	// Numeric forms.
	if t[0] >= '0' && t[0] <= '9' {
		sep := strings.IndexAny(t, "-/.")
		if sep < 0 {
			return fail("")
		}
		parts := strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		if len(parts[0]) != 4 {
			if len(parts) == 3 {
				return fail("ambiguous: day and month order unknown; write 2025-03")
			}
			return fail("")
		}
		y, err := strconv.Atoi(parts[0])
		if err != nil {
			return fail("")
		}
		if len(parts) == 2 && len(parts[1]) > 2 {
			// "2025 March" with a dash is unusual; fall through to words.
			if mm, ok := monthNames[strings.ToLower(parts[1])]; ok {
				return checkYear(s, Month{y, mm})
			}
		}
		if len(parts) < 2 || len(parts) > 3 {
			return fail("")
		}
		mo, err := strconv.Atoi(parts[1])
		if err != nil || len(parts[1]) > 2 {
			return fail("")
		}
		if mo < 1 || mo > 12 {
			return fail(fmt.Sprintf("month %d does not exist", mo))
		}
		m := Month{y, time.Month(mo)}
		if len(parts) == 3 {
			p2 := parts[2]
			if i := strings.IndexAny(p2, "T "); i >= 0 { // 2025-03-01T00:00:00
				p2 = p2[:i]
			}
			d, err := strconv.Atoi(p2)
			if err != nil || len(p2) > 2 {
				return fail("")
			}
			if d < 1 || d > m.Days() {
				return fail(fmt.Sprintf("%s has no day %d", m.Label(), d))
			}
		}
		return checkYear(s, m)
	}
	// Word forms: "March 2025", "Mar 2025", "Mar-2025", "Mar. 2025".
	f := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '.' || r == '/' })
	if len(f) != 2 {
		return fail("")
	}
	mm, ok := monthNames[f[0]]
	ys := f[1]
	if !ok {
		mm, ok = monthNames[f[1]]
		ys = f[0]
	}
	if !ok {
		return fail("")
	}
	if len(ys) != 4 {
		return fail("")
	}
	y, err := strconv.Atoi(ys)
	if err != nil {
		return fail("")
	}
	return checkYear(s, Month{y, mm})
}

func checkYear(s string, m Month) (Month, error) {
	if m.Year < 1900 || m.Year > 2199 {
		return Month{}, fmt.Errorf("want a month between 1900 and 2199, got %q", s)
	}
	return m, nil
}

// Date is a calendar day, used for publication dates (vintages).
type Date struct{ time.Time }

// ParseDate reads YYYY-MM-DD and nothing else: publication dates decide
// which vintage is newest, so a guess would reorder history.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("want a date written YYYY-MM-DD, got %q", s)
	}
	return Date{t}, nil
}

// String formats the date as YYYY-MM-DD ("" for no date).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// Label formats the date for people: "9 April 2025".
func (d Date) Label() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2 January 2006")
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}
