package stats

import (
	gotime "time"

	"testing"

	"github.com/casualty-tool/casualty/data"
)

// UNAMI's national totals for 2015: Anbar included in June and September,
// left out in October and November, not stated in January.
func TestComponentChanges(t *testing.T) {
	ds, err := data.Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	s := ds.Latest().Series("IQ", data.Casualties)
	name := ds.AreaName
	cases := []struct {
		a, b int // months of 2015
		want string
	}{
		{6, 10, "the totals cover different areas: Al-Anbar is included in June 2015's total and left out in October 2015's, so part of the change may be a change of coverage"},
		{10, 11, ""}, // both leave Anbar out
		{6, 9, ""},   // both include it
		{1, 6, "the totals cover different areas: Al-Anbar is not said to be included or left out in January 2015's total and included in June 2015's, so part of the change may be a change of coverage"},
		{1, 12, ""}, // neither says
	}
	for _, c := range cases {
		a, b := s.At(data.NewMonth(2015, gotime.Month(c.a))), s.At(data.NewMonth(2015, gotime.Month(c.b)))
		got := ComponentChanges(a, b, name)
		switch {
		case c.want == "" && len(got) != 0:
			t.Errorf("2015-%02d vs 2015-%02d: %v, want no difference", c.a, c.b, got)
		case c.want != "" && (len(got) != 1 || got[0].Error() != c.want || got[0].Area != "IQG01"):
			t.Errorf("2015-%02d vs 2015-%02d: %v, want %q", c.a, c.b, got, c.want)
		}
	}
	// A gap is reported as a gap, not as a change of coverage.
	if got := ComponentChanges(data.Point{}, s.At(data.NewMonth(2015, 6)), nil); len(got) != 0 {
		t.Errorf("gap vs June: %v", got)
	}
}
