package data

import (
	"slices"
	"strings"
	"testing"
	"time"
)

const revisionsCSV = `month,area,metric,value,qualifier,published,publication,source
2025-02,UA,killed,123,at_least,2025-03-13,Feb update,s1
2025-02,UA,injured,567,at_least,2025-03-13,Feb update,s1
2025-02,UA,killed,129,exact,2025-04-09,Mar update,s2
2025-02,UA,injured,588,exact,2025-04-09,Mar update,s2
2025-03,UA,killed,164,at_least,2025-04-09,Mar update,s2
2025-03,UA,injured,910,at_least,2025-04-09,Mar update,s2
2025-05,UA,killed,183,at_least,2025-06-11,May update,s3
`

func loadString(t *testing.T, s string) *Dataset {
	t.Helper()
	ds, err := Load(strings.NewReader(s), "test.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestVintages(t *testing.T) {
	ds := loadString(t, revisionsCSV)
	feb := NewMonth(2025, time.February)
	mar := NewMonth(2025, time.March)

	// Latest: February as revised on 9 April 2025; first published: 13 March.
	if s := ds.Latest().Series("UA", Casualties); s.At(feb).Value != 129+588 {
		t.Errorf("latest Feb casualties = %d, want 717 (129 + 588)", s.At(feb).Value)
	}
	if s := ds.FirstPublished().Series("UA", Casualties); s.At(feb).Value != 123+567 {
		t.Errorf("first-published Feb casualties = %d, want 690 (123 + 567)", s.At(feb).Value)
	}
	// A sum of an exact and an at-least figure is at least.
	if p := ds.Latest().Series("UA", Casualties).At(mar); p.Value != 1074 || p.Qualifier != AtLeast {
		t.Errorf("Mar casualties = %d %s, want 1074 at_least (164 + 910)", p.Value, p.Qualifier)
	}
	pub, ok := ds.LatestCommonPublication("UA", Casualties, feb, mar)
	if !ok || pub.Name != "Mar update" {
		t.Errorf("common publication = %v %v, want Mar update", pub, ok)
	}
	// April is a gap between March and May: present in the series as a gap, never zero.
	s := ds.Latest().Series("UA", Killed)
	if len(s.Points) != 4 {
		t.Fatalf("killed series has %d points, want 4 (Feb..May)", len(s.Points))
	}
	if apr := s.At(NewMonth(2025, time.April)); apr.Present || apr.Value != 0 {
		t.Errorf("April = %+v, want a gap", apr)
	}
	if m := s.Missing(); len(m) != 1 || m[0] != NewMonth(2025, time.April) {
		t.Errorf("missing = %v, want [2025-04]", m)
	}
	// Casualties in May are missing because injured is: half a sum is not a total.
	if c := ds.Latest().Series("UA", Casualties); len(c.Points) != 2 {
		t.Errorf("casualties series has %d points, want 2 (Feb, Mar)", len(c.Points))
	}
	// As of 1 April 2025 only the first February vintage existed.
	asOf, _ := ParseDate("2025-04-01")
	if v := ds.AsOf(asOf).Latest().Series("UA", Killed).At(feb).Value; v != 123 {
		t.Errorf("killed Feb as of 2025-04-01 = %d, want 123", v)
	}
}

func TestPartMonthIsNotTheMonth(t *testing.T) {
	ds := loadString(t, `month,area,metric,value,qualifier,covers,published,publication
2025-04,UA,killed,151,at_least,1-24,2025-04-24,statement
2025-04,UA,killed,209,at_least,,2025-05-08,update
2025-06,UA,killed,100,at_least,1-15,2025-06-16,statement
`)
	apr := ds.Latest().Series("UA", Killed).At(NewMonth(2025, time.April))
	if apr.Value != 209 || apr.PartMonth || apr.Days != 30 {
		t.Errorf("April = %d (part %v, %d days), want the whole-month 209 over 30 days", apr.Value, apr.PartMonth, apr.Days)
	}
	jun := ds.Latest().Series("UA", Killed).At(NewMonth(2025, time.June))
	// 100 killed over 1-15 June: 15 days, 100/15 = 6.667 a day.
	if !jun.PartMonth || jun.Days != 15 || jun.PerDay() < 6.666 || jun.PerDay() > 6.667 {
		t.Errorf("June = %+v, want a part-month figure over 15 days", jun)
	}
}

func TestMergeConflict(t *testing.T) {
	a := loadString(t, "month,area,metric,value\n2025-03,UA,killed,164\n")
	b, err := Load(strings.NewReader("month,area,metric,value\n2025-03,UA,killed,165\n"), "other.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Merge(a, b)
	want := `other.csv:2:19: column "value": 2025-03 UA killed (unknown publication) is 165 here but 164 at test.csv:2:19`
	if err == nil || err.Error() != want {
		t.Errorf("Merge error = %v, want %q", err, want)
	}
	// Only the qualifier differs: the message must show it.
	c, _ := Load(strings.NewReader("month,area,metric,value\n2025-03,UA,killed,at least 164\n"), "third.csv", LoadOptions{})
	_, err = Merge(a, c)
	want = `third.csv:2:19: column "value": 2025-03 UA killed (unknown publication) is at least 164 here but 164 at test.csv:2:19`
	if err == nil || err.Error() != want {
		t.Errorf("Merge error = %v, want %q", err, want)
	}
	same, err := Merge(a, a)
	if err != nil || len(same.Obs) != 1 {
		t.Errorf("merging a file with itself: %v, %d figures; want 1", err, len(same.Obs))
	}
}

func TestMonthDays(t *testing.T) {
	cases := []struct {
		m    Month
		days int
	}{
		{NewMonth(2024, time.February), 29}, // leap year
		{NewMonth(2025, time.February), 28},
		{NewMonth(2100, time.February), 28}, // divisible by 100, not 400
		{NewMonth(2000, time.February), 29}, // divisible by 400
		{NewMonth(2025, time.March), 31},
		{NewMonth(2025, time.April), 30},
	}
	for _, c := range cases {
		if got := c.m.Days(); got != c.days {
			t.Errorf("%s has %d days, want %d", c.m, got, c.days)
		}
	}
	if m := NewMonth(2025, time.January).Add(-1); m != NewMonth(2024, time.December) {
		t.Errorf("Jan 2025 - 1 = %s", m)
	}
}

// The latest killed figure for June 2023 covers the whole month, but injured
// is known only for 1-18 June (OHCHR update of 19 June 2023: 112 killed and
// 445 injured for 1-18 June). Casualties must come from figures that cover
// the same days: 112 + 445 = 557 over 18 days, never a whole-month killed
// figure plus part-month injured.
func TestDerivedSumUsesMatchingDays(t *testing.T) {
	ds := Default()
	for _, view := range []*Dataset{ds, ds.Latest()} {
		s := view.Series("UA", Casualties)
		jun := s.At(NewMonth(2023, time.June))
		if !jun.Present || jun.Value != 557 || jun.Days != 18 || !jun.PartMonth {
			t.Errorf("June 2023 casualties = %d over %d days (part %v), want 557 over 18 days", jun.Value, jun.Days, jun.PartMonth)
		}
		// July 2023: killed and injured both known for 1-30 July (143 + 605 = 748).
		jul := s.At(NewMonth(2023, time.July))
		if !jul.Present || jul.Value != 748 || jul.Days != 30 {
			t.Errorf("July 2023 casualties = %d over %d days, want 748 over 30 days", jul.Value, jul.Days)
		}
		// March 2025: whole-month figures, 164 + 910 = 1,074 over 31 days.
		if mar := s.At(NewMonth(2025, time.March)); mar.Value != 1074 || mar.Days != 31 || mar.PartMonth {
			t.Errorf("March 2025 casualties = %d over %d days, want 1074 over 31", mar.Value, mar.Days)
		}
	}
	// Killed alone keeps its whole-month latest figure for June 2023.
	if k := ds.Latest().Series("UA", Killed).At(NewMonth(2023, time.June)); k.PartMonth {
		t.Errorf("June 2023 killed is a part-month figure (%d over %d days); want the whole month", k.Value, k.Days)
	}
}

// TestViewsFollowEdits: Latest, FirstPublished and Series are made from
// the figures as they are when asked, so an edit in place (a revision
// typed into Obs), an added figure or a removed one is always seen. The
// views were kept once, and an in-place edit left Latest stale (374 shown
// for a figure changed to 1,374); issue 17.
func TestViewsFollowEdits(t *testing.T) {
	ds := Default().with(slices.Clone(Default().Obs)) // not the shared one
	i := slices.IndexFunc(ds.Obs, func(o Observation) bool {
		return o.Area == "UA" && o.Metric == Killed && o.Month == Month{Year: 2025, Month: 3}
	})
	if i < 0 {
		t.Fatal("no killed figure for March 2025 in the embedded data")
	}
	_ = ds.Latest() // a view made before the edit
	obs := ds.Obs
	for j := range obs { // every vintage of March 2025 killed: 164 → 1,164
		if obs[j].Key() == obs[i].Key() {
			obs[j].Value += 1000
		}
	}
	s := ds.Latest().Series("UA", Killed)
	if p := s.At(Month{Year: 2025, Month: 3}); !p.Present || p.Value != 1164 {
		t.Errorf("after an edit in place, Latest gives %d for March 2025 killed, want 1,164 (164 + 1,000)", p.Value)
	}
	before := len(ds.Latest().Obs)
	extra := ds.Obs[0]
	extra.Month = Month{Year: 2031, Month: 1}
	ds.Obs = append(ds.Obs, extra)
	if got := len(ds.Latest().Obs); got != before+1 {
		t.Errorf("after adding a figure for a new month, Latest holds %d figures, want %d", got, before+1)
	}
}

// TestSeriesNotShared checks that Series gives each caller its own
// points, and follows the figures when they change.
func TestSeriesNotShared(t *testing.T) {
	ds := Default().Latest()
	a := ds.Series("UA", Killed)
	if len(a.Points) == 0 {
		t.Fatal("no killed series for UA in the embedded data")
	}
	want := a.Points[0].Value
	a.Points[0].Value = -1 // a caller scribbling on its copy
	if b := ds.Series("UA", Killed); b.Points[0].Value != want {
		t.Fatalf("a caller's change to its points reached the next caller: %d, want %d", b.Points[0].Value, want)
	}
	extra := ds.Obs[0]
	for _, o := range ds.Obs {
		if o.Area == "UA" && o.Metric == Killed {
			extra = o
			break
		}
	}
	last := a.Points[len(a.Points)-1].Month
	extra.Month = last.Add(3)
	ds.Obs = append(slices.Clone(ds.Obs), extra)
	if c := ds.Series("UA", Killed); c.Points[len(c.Points)-1].Month != last.Add(3) {
		t.Errorf("after adding a figure for %s the series still ends in %s", last.Add(3), c.Points[len(c.Points)-1].Month)
	}
}
