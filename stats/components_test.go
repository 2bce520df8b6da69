package stats

import (
	"strings"
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
		{1, 6, "the totals may cover different areas: Al-Anbar is not said to be included or left out in January 2015's total and included in June 2015's, so part of the change may be a change of coverage"},
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

// TestCompareInclusion checks that a comparison of UNAMI's national
// figures for September 2015 (the release says Anbar is included) and
// October 2015 (no figures for Anbar could be obtained) says, in its
// warnings and its sentence, that the totals cover different areas.
func TestCompareInclusion(t *testing.T) {
	ds, err := data.Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	sep, oct := data.Month{Year: 2015, Month: 9}, data.Month{Year: 2015, Month: 10}
	c, err := Compare(ds, "", data.Killed, Period{sep, sep}, Period{oct, oct}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Inclusion) != 1 || c.Inclusion[0].Area != "IQG01" {
		t.Fatalf("inclusion changes %v, want Anbar's (IQG01)", c.Inclusion)
	}
	want := "is included in September 2015's total and left out in October 2015's, so part of the change may be a change of coverage"
	if !strings.Contains(c.Sentence, want) {
		t.Errorf("sentence lacks %q:\n%s", want, c.Sentence)
	}
	found := false
	for _, w := range c.Warnings {
		found = found || strings.Contains(w.Error(), want)
	}
	if !found {
		t.Errorf("warnings lack %q: %v", want, c.Warnings)
	}
	// June and July 2015 both include Anbar: nothing to say.
	jun, jul := data.Month{Year: 2015, Month: 6}, data.Month{Year: 2015, Month: 7}
	c, err = Compare(ds, "", data.Killed, Period{jun, jun}, Period{jul, jul}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Inclusion) != 0 || strings.Contains(c.Sentence, "different areas") {
		t.Errorf("June and July 2015 both include Anbar, got %v: %s", c.Inclusion, c.Sentence)
	}
}
