package stats

import (
	"strings"
	"testing"
)

// FuzzParsePeriod: any argument gives a period that starts no later than
// it ends, or an error naming what was expected; never a panic. A period
// read back from its own String is the same period.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025-03", "2024-01..2024-09", "2025-03..2025-01", "March 2025", "..", "2025-03..", "..2025-03", "2025-13"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if !strings.Contains(err.Error(), "YYYY-MM") && !strings.Contains(err.Error(), "ends before") {
				t.Errorf("%q: unhelpful error %v", s, err)
			}
			return
		}
		if p.To.Before(p.From) {
			t.Errorf("%q: %v ends before it starts", s, p)
		}
		q, err := ParsePeriod(p.String())
		if err != nil || q != p {
			t.Errorf("%q → %v → %v, %v", s, p, q, err)
		}
	})
}
