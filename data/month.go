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
	// Ukrainian names, as Ukrainian-language tables write them: the
	// nominative ("березень 2025") and the genitive of dates ("березня").
	for i, names := range [][2]string{
		{"січень", "січня"}, {"лютий", "лютого"}, {"березень", "березня"}, {"квітень", "квітня"},
		{"травень", "травня"}, {"червень", "червня"}, {"липень", "липня"}, {"серпень", "серпня"},
		{"вересень", "вересня"}, {"жовтень", "жовтня"}, {"листопад", "листопада"}, {"грудень", "грудня"},
	} {
		n[names[0]] = time.Month(i + 1)
		n[names[1]] = time.Month(i + 1)
	}
	return n
}()

// ParseMonth reads a month written as analysts write them: 2025-03, 2025/03,
// 2025.03, 03/2025, 2025-03-01 (a date; the day must exist; a midnight time
// after it is allowed, as spreadsheets export date cells), March 2025, Mar
// 2025, Mar-2025, 2025 March, or Mar-25 and Mar 25 (Excel's mmm-yy, with
// Excel's rule for the century: 00-29 are 2000-2029, 30-99 are 1930-1999).
// A date written with the day and month in either order is read when its
// numbers settle the order (31/03/2025: 31 cannot be a month); one they do
// not settle, such as 03/04/2025, is refused as ambiguous rather than
// guessed (a table's column may settle it: see monthOrder), and so is a
// number alone (an Excel date serial such as 45717). Years must lie in
// 1900..2199.
func ParseMonth(s string) (Month, error) { return parseMonthIn(s, orderUnknown) }

// dateOrder is the order of day and month in a column's dates written
// D/M/YYYY or M/D/YYYY.
type dateOrder int

const (
	orderUnknown dateOrder = iota
	dayFirst
	monthFirst
)

func (o dateOrder) String() string {
	switch o {
	case dayFirst:
		return "day first (DD/MM/YYYY)"
	case monthFirst:
		return "month first (MM/DD/YYYY)"
	}
	return "unknown"
}

// cellDateOrder returns the order a date written with day and month before
// a four-digit year settles by itself: 31/03/2025 is day first, 03/31/2025
// month first; 03/04/2025 settles nothing, and nor does any other form.
func cellDateOrder(s string) dateOrder {
	o, _ := cellDateForm(s)
	return o
}

// cellDateForm is cellDateOrder, and whether the cell is a date written
// with day and month before a four-digit year at all (settled or not).
func cellDateForm(s string) (dateOrder, bool) {
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, "T "); i >= 0 {
		t = t[:i]
	}
	// D/M/YYYY without splitting (this runs on every cell of a column):
	// one or two digits, a separator, one or two digits, the same
	// separator, four digits.
	sep := strings.IndexAny(t, "-/.")
	if sep < 1 || sep > 2 || !allDigits(t[:sep]) {
		return orderUnknown, false
	}
	rest := t[sep+1:]
	j := strings.IndexByte(rest, t[sep])
	if j < 1 || j > 2 || !allDigits(rest[:j]) || len(rest)-j-1 != 4 || !allDigits(rest[j+1:]) {
		return orderUnknown, false
	}
	a, _ := strconv.Atoi(t[:sep])
	b, _ := strconv.Atoi(rest[:j])
	switch {
	case a > 12 && b >= 1 && b <= 12:
		return dayFirst, true
	case b > 12 && a >= 1 && a <= 12:
		return monthFirst, true
	}
	return orderUnknown, true
}

// parseMonthIn is ParseMonth with the order of day and month that the
// cell's column settles (orderUnknown when none does).
func parseMonthIn(s string, order dateOrder) (Month, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Month{}, fmt.Errorf("want a month such as 2025-03, got an empty cell")
	}
	if t[0] >= '0' && t[0] <= '9' && (!strings.Contains(t, " ") || strings.Contains(t, ":")) {
		return parseNumericMonth(s, t, order)
	}
	// Word forms: "March 2025", "Mar 2025", "Mar-2025", "Mar. 2025",
	// "2025 March".
	f := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '.' || r == '/' })
	if len(f) != 2 {
		return monthError(s, "")
	}
	mm, ok := monthNames[f[0]]
	ys := f[1]
	if !ok {
		mm, ok = monthNames[f[1]]
		ys = f[0]
	}
	if ok && ys == f[1] && len(ys) == 2 && allDigits(ys) {
		// Excel's mmm-yy ("Mar-25"), and its rule for the century.
		y, _ := strconv.Atoi(ys)
		if y < 30 {
			y += 2000
		} else {
			y += 1900
		}
		return checkYear(s, Month{y, mm})
	}
	if !ok || !allDigits(ys) || len(ys) != 4 {
		return monthError(s, "")
	}
	y, _ := strconv.Atoi(ys)
	return checkYear(s, Month{y, mm})
}

func monthError(s, why string) (Month, error) {
	if why != "" {
		return Month{}, fmt.Errorf("want a month such as 2025-03 or March 2025, got %s (%s)", cellText(s), why)
	}
	return Month{}, fmt.Errorf("want a month such as 2025-03 or March 2025, got %s", cellText(s))
}

// parseNumericMonth reads the forms that start with a digit: t is s
// trimmed.
func parseNumericMonth(s, t string, order dateOrder) (Month, error) {
	// A time after a date ("2025-03-01 00:00:00", "2025-03-01T00:00:00Z")
	// is how spreadsheets export date cells; only midnight is a date.
	if i := strings.IndexAny(t, "T "); i >= 0 {
		if !isMidnight(t[i+1:]) {
			return monthError(s, "")
		}
		t = t[:i]
	}
	sep := strings.IndexAny(t, "-/.")
	if sep < 0 {
		if allDigits(t) && len(t) == 5 {
			return monthError(s, "a number: an Excel date serial? format the cell as a date or write 2025-03")
		}
		return monthError(s, "")
	}
	parts := strings.Split(t, t[sep:sep+1])
	for _, p := range parts {
		if !allDigits(p) {
			// "2025-March" with a dash is unusual but unambiguous.
			if len(parts) == 2 && len(parts[0]) == 4 && allDigits(parts[0]) {
				if mm, ok := monthNames[strings.ToLower(parts[1])]; ok {
					y, _ := strconv.Atoi(parts[0])
					return checkYear(s, Month{y, mm})
				}
			}
			return monthError(s, "")
		}
	}
	switch {
	case len(parts) == 2 && len(parts[0]) <= 2 && len(parts[1]) == 4: // 03/2025
		parts[0], parts[1] = parts[1], parts[0]
	case len(parts[0]) != 4:
		if len(parts) != 3 {
			return monthError(s, "")
		}
		if len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
			return monthError(s, "")
		}
		if own := cellDateOrder(t); own != orderUnknown {
			if order != orderUnknown && own != order {
				return monthError(s, fmt.Sprintf("%s, but the column's other dates are %s", own, order))
			}
			order = own
		}
		switch order {
		case dayFirst: // D/M/YYYY
			parts[0], parts[2] = parts[2], parts[0]
		case monthFirst: // M/D/YYYY
			parts[0], parts[1], parts[2] = parts[2], parts[0], parts[1]
		default:
			if a, _ := strconv.Atoi(parts[0]); a > 12 {
				if b, _ := strconv.Atoi(parts[1]); b > 12 {
					return monthError(s, fmt.Sprintf("neither %d nor %d can be a month", a, b))
				}
			}
			return monthError(s, "ambiguous: day and month order unknown; write 2025-03")
		}
	}
	if len(parts) > 3 || len(parts[1]) > 2 {
		return monthError(s, "")
	}
	y, _ := strconv.Atoi(parts[0])
	mo, _ := strconv.Atoi(parts[1])
	if mo < 1 || mo > 12 {
		return monthError(s, fmt.Sprintf("month %d does not exist", mo))
	}
	m := Month{y, time.Month(mo)}
	if len(parts) == 3 {
		if len(parts[2]) > 2 {
			return monthError(s, "")
		}
		d, _ := strconv.Atoi(parts[2])
		if d < 1 || d > m.Days() {
			if m.Year >= 1900 && m.Year <= 2199 {
				return monthError(s, fmt.Sprintf("%s has no day %d", m.Label(), d))
			}
			return monthError(s, "")
		}
	}
	return checkYear(s, m)
}

// allDigits reports whether s is one or more ASCII digits (no sign, unlike
// strconv.Atoi).
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isMidnight reports whether a time written after a date is midnight:
// "00:00", "00:00:00", "00:00:00.000", optionally with a Z.
func isMidnight(s string) bool {
	s = strings.TrimSuffix(strings.TrimSpace(s), "Z")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != '0' && r != ':' && r != '.' {
			return false
		}
	}
	return strings.Contains(s, ":")
}

func checkYear(s string, m Month) (Month, error) {
	if m.Year < 1900 || m.Year > 2199 {
		return Month{}, fmt.Errorf("want a month between 1900 and 2199, got %s", cellText(s))
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
		return Date{}, fmt.Errorf("want a date written YYYY-MM-DD, got %s", cellText(s))
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
