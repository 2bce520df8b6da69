package events

import (
	"bytes"
	"fmt"
	"strings"
)

// monthOf reads an event date and returns its month as data.Month.Index.
// It accepts 2025-03-14 (ACLED's API and most logs; a time after it, as
// spreadsheets export date cells, is ignored), 14 March 2025 (ACLED's
// older exports), 14-March-2025 and 14 Mar 2025. Numeric dates in other
// orders (03/14/2025, 14/03/2025) are refused: day and month could be
// swapped, and a guess would move deaths between months. Spaces around
// the date are ignored.
//
// It is not data.ParseDate: that reads YYYY-MM-DD only, through
// time.Parse, and an event file has millions of dates in several
// spellings. FuzzMonthOfMatchesParseDate holds the two to the same months
// wherever both read a date.
func monthOf(b []byte) (int, error) {
	if t := bytes.TrimSpace(b); len(t) >= 10 && t[4] == '-' && t[7] == '-' {
		y, ok1 := digits(t[0:4])
		m, ok2 := digits(t[5:7])
		d, ok3 := digits(t[8:10])
		if ok1 && ok2 && ok3 && (len(t) == 10 || (len(t) > 11 && (t[10] == 'T' || t[10] == ' ') && t[11] >= '0' && t[11] <= '9')) {
			return checkDate(b, y, m, d)
		}
	}
	return wordDate(b)
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func checkDate(b []byte, y, m, d int) (int, error) {
	if y < 1900 || y > 2199 {
		return 0, fmt.Errorf("want an event date between 1900 and 2199, got %q", b)
	}
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("want an event date such as 2025-03-14, got %q (month %d does not exist)", b, m)
	}
	n := monthDays[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		n = 29
	}
	if d < 1 || d > n {
		return 0, fmt.Errorf("want an event date such as 2025-03-14, got %q (%s %d has no day %d)", b, monthNames[m-1], y, d)
	}
	return y*12 + m - 1, nil
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// monthWord reads an English month name, full or abbreviated (Sept too).
func monthWord(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	for i, n := range monthNames {
		ln := strings.ToLower(n)
		if s == ln || s == ln[:3] {
			return i + 1
		}
	}
	if s == "sept" {
		return 9
	}
	return 0
}

// wordDate reads "14 March 2025", "14-March-2025", "14 Mar 2025" and
// "March 14, 2025".
func wordDate(b []byte) (int, error) {
	s := strings.TrimSpace(string(b))
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '/' })
	if len(f) == 3 {
		day, month, year := f[0], f[1], f[2]
		if monthWord(f[0]) != 0 {
			day, month = f[1], f[0]
		}
		d, okD := digits([]byte(day))
		y, okY := digits([]byte(year))
		if m := monthWord(month); m != 0 && okD && okY && len(day) <= 2 && len(year) == 4 {
			return checkDate(b, y, m, d)
		}
	}
	if s == "" {
		return 0, fmt.Errorf("want an event date such as 2025-03-14, got an empty cell")
	}
	if len(f) == 3 && len(f[0]) <= 2 && len(f[1]) <= 2 && len(f[2]) == 4 {
		return 0, fmt.Errorf("want an event date such as 2025-03-14 or 14 March 2025, got %q (day and month order unknown)", b)
	}
	return 0, fmt.Errorf("want an event date such as 2025-03-14 or 14 March 2025, got %q", b)
}
