package data

import (
	"strings"
	"testing"
)

// Breakdowns by weapon and by control of territory are metrics with a
// parent, checked against their totals like children.
func TestBreakdownMetrics(t *testing.T) {
	cases := []struct {
		in     string
		m      Metric
		parent Metric
		dim    Dimension
	}{
		{"long_range_killed", LongRangeKilled, Killed, ByWeapon},
		{"short-range drones injured", ShortRangeDronesInjured, Injured, ByWeapon},
		{"artillery_killed", ArtilleryKilled, Killed, ByWeapon},
		{"gov_controlled_injured", GovControlledInjured, Injured, ByControl},
		{"occupied killed", OccupiedKilled, Killed, ByControl},
		{"police_killed", PoliceKilled, Killed, ByRole},
		{"children_killed", ChildrenKilled, Killed, ByAgeSex},
		{"girls_killed", GirlsKilled, ChildrenKilled, ByAgeSex},
		{"killed", Killed, "", ""},
		{"events", Events, "", ""},
		{"number of events", Events, "", ""},
	}
	for _, c := range cases {
		m, err := ParseMetric(c.in)
		if err != nil || m != c.m || m.Parent() != c.parent || m.Dimension() != c.dim {
			t.Errorf("%q: %s (parent %q, %q), %v; want %s (parent %q, %q)", c.in, m, m.Parent(), m.Dimension(), err, c.m, c.parent, c.dim)
		}
	}
	if Events.CountsPeople() || !Killed.CountsPeople() || !OccupiedInjured.CountsPeople() {
		t.Error("CountsPeople")
	}
	if got := Breakdowns(Killed, ByControl); len(got) != 2 || got[0] != GovControlledKilled || got[1] != OccupiedKilled {
		t.Errorf("Breakdowns(killed, control) = %v", got)
	}
}

func TestBreakdownsAgainstTotals(t *testing.T) {
	cases := []struct {
		name, csv, err string
	}{
		// HRMMU, November 2024: 65 killed by long-range missiles and
		// loitering munitions, of 150 killed (made-up total for the test
		// shape; the 65 is HRMMU's).
		{"weapon parts within total", "month,killed,long_range_killed,short_range_drones_killed\n2024-11,150,65,50\n", ""},
		{"weapon parts above total", "month,killed,long_range_killed,short_range_drones_killed\n2024-11,100,65,58\n",
			"f.csv:2:16: the breakdown by weapon or cause sums to 123 (long_range_killed 65 + short_range_drones_killed 58), above killed (100 at f.csv:2:9) for 2024-11 UA; a breakdown counts each person once"},
		{"one part above total", "month,injured,occupied_injured\n2024-11,100,120\n",
			"f.csv:2:13: occupied_injured (120) is above injured (100 at f.csv:2:9) for 2024-11 UA"},
		{"control parts above total", "month,injured,gov_controlled_injured,occupied_injured\n2024-11,100,80,30\n",
			"f.csv:2:16: the breakdown by control of territory sums to 110 (gov_controlled_injured 80 + occupied_injured 30), above injured (100 at f.csv:2:9) for 2024-11 UA; a breakdown counts each person once"},
		// Age and sex overlap (men are adults): not summed.
		{"age and sex not summed", "month,killed,adults_killed,men_killed\n2024-11,100,90,60\n", ""},
		// events is no count of people and has no parent.
		{"events beside fatalities", "month,killed,events\n2024-11,12,40\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(c.csv), "f.csv", LoadOptions{})
			if c.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("error\n got: %v\nwant: %s", err, c.err)
			}
		})
	}
}
