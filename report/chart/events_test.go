package chart

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// eventData is event sums as data/events makes them: killed only (ACLED
// has no injured column), Format "events", each figure's note naming the
// export and its filter, no source declared.
func eventData() *data.Dataset {
	pub := data.Publication{Name: "ACLED export", Date: data.Date{Time: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}}
	var obs []data.Observation
	for i, m := 0, month(2024, 10); !month(2025, 12).Before(m); i, m = i+1, m.Add(1) {
		for j, a := range []string{"UA14", "UA63", "UA65"} {
			v := int64(20 + (i*7+j*11)%30)
			obs = append(obs, data.Observation{Month: m, Area: a, Metric: data.Killed, Value: v, Published: pub,
				Note: fmt.Sprintf(`sum of %d events in acled.csv, rows where event_type is "Battles"`, v/2)})
		}
	}
	return &data.Dataset{Obs: obs, Areas: data.Ukraine(), Format: "events", Files: []string{"acled.csv"}}
}

// TestEventChartsWording draws every chart an area of event data allows
// and checks that none calls ACLED's fatalities civilians or injured,
// that the source line names the export and its filter, and that the
// charts of killed and injured draw only the panel there is.
func TestEventChartsWording(t *testing.T) {
	ds := eventData()
	for _, k := range []Kind{Monthly, PerDay, Change, Cumulative, Areas, SameMonth} {
		c := mustChart(t, k, Input{Data: ds, Area: "UA14"})
		// The caveat says what event data is ("all actors, not only
		// civilians"); every other word must not call them civilians.
		var notes []string
		caveat := false
		for _, n := range c.Notes {
			if n == data.ACLED.Caveat {
				caveat = true
				continue
			}
			notes = append(notes, n)
		}
		if !caveat {
			t.Errorf("%s: notes lack event data's caveat: %q", k, c.Notes)
		}
		all := strings.Join(append([]string{c.Title, c.Subtitle, c.Source}, notes...), "\n")
		for _, s := range c.Sections {
			for _, row := range s.Labels {
				all += "\n" + strings.Join(row, "\n")
			}
			all += "\n" + s.Heading
		}
		for _, k := range c.Key {
			all += "\n" + k.Label
		}
		low := strings.ToLower(all)
		for _, bad := range []string{"civilian", "injur", "verified minimum", "at least"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s: event data worded with %q:\n%s", k, bad, all)
			}
		}
		if !strings.Contains(low, "fatalities") {
			t.Errorf("%s: no word of fatalities:\n%s", k, all)
		}
		if want := `Source: acled.csv, rows where event_type is "Battles", event data, fatalities summed by month and area.`; c.Source != want {
			t.Errorf("%s: source %q, want %q", k, c.Source, want)
		}
		if k == Monthly && len(c.Sections[0].Panels) != 1 {
			t.Errorf("monthly: %d panels, want 1 (no injured figure)", len(c.Sections[0].Panels))
		}
	}
	// 15 months of Donetska: 20 + (7i mod 30) for i = 0..14 is 20, 27,
	// 34, 41, 48, 25, 32, 39, 46, 23, 30, 37, 44, 21, 28 = 495.
	c := mustChart(t, Cumulative, Input{Data: ds, Area: "UA14"})
	if want := "495 reported fatalities (all actors) in Donetska, Oct 2024–Dec 2025"; c.Title != want {
		t.Errorf("cumulative title %q, want %q", c.Title, want)
	}
}
