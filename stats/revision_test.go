package stats

import (
	"math"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

func pub(t *testing.T, ds *data.Dataset, date string) data.Publication {
	t.Helper()
	for _, p := range ds.Publications() {
		if p.Date.String() == date {
			return p
		}
	}
	t.Fatalf("no publication dated %s", date)
	return data.Publication{}
}

func TestRevisionsEmbedded(t *testing.T) {
	ds := embedded()
	older, newer := pub(t, ds, "2025-03-13"), pub(t, ds, "2025-04-09")
	revs := Revisions(ds, older, newer)
	// data/hrmmu.csv: February 2025 killed 123 (at least) → 129, injured
	// 567 (at least) → 588. 129-123 = 6, 6/123 = +4.878%; 588-567 = 21,
	// 21/567 = +3.704%. February was the newest month of the March update:
	// provisional.
	want := []struct {
		m        data.Metric
		old, new int64
		pct      float64
	}{
		{data.Killed, 123, 129, 4.878049},
		{data.Injured, 567, 588, 3.703704},
	}
	var feb []Revision
	for _, r := range revs {
		if r.Key.Month == month(2025, 2) {
			feb = append(feb, r)
		}
	}
	if len(feb) != len(want) {
		t.Fatalf("February 2025 revisions: %+v", feb)
	}
	for i, w := range want {
		r := feb[i]
		if r.Key.Metric != w.m || r.Old.Value != w.old || r.New.Value != w.new || r.Abs != w.new-w.old || !near(r.Pct.V, w.pct, 1e-6) || !r.Provisional {
			t.Errorf("revision %d: %+v, want %v %d → %d (%v%%)", i, r, w.m, w.old, w.new, w.pct)
		}
	}
	h := History(ds, data.Key{Month: month(2025, 2), Area: "UA", Metric: data.Killed})
	if len(h) != 2 || h[0].Value != 123 || h[1].Value != 129 {
		t.Errorf("history: %+v", h)
	}
}

// TestRevise works the revision of single figures by hand.
func TestRevise(t *testing.T) {
	march := data.Publication{Name: "March update", Date: data.Date{Time: time.Date(2025, 3, 13, 0, 0, 0, 0, time.UTC)}}
	corrected := march // a corrected release under the same name
	obs := func(m data.Month, v int64, q data.Qualifier, p data.Publication) data.Observation {
		return data.Observation{Month: m, Area: "UA", Metric: data.Killed, Value: v, Qualifier: q, Published: p}
	}
	jan, feb := month(2025, 1), month(2025, 2)
	ds := &data.Dataset{Obs: []data.Observation{obs(jan, 100, data.Exact, march), obs(feb, 123, data.AtLeast, march)}}
	cases := []struct {
		name        string
		old, new    data.Observation
		ok          bool
		abs         int64
		pct         float64 // when valid
		pctValid    bool
		provisional bool
	}{
		// 129 - 123 = 6; 6/123 = 4.878%. February is the March update's
		// newest month for UA: provisional.
		{"rise", obs(feb, 123, data.AtLeast, march), obs(feb, 129, data.AtLeast, corrected), true, 6, 4.878049, true, true},
		// 90 - 100 = -10; -10/100 = -10%. January is not its newest month.
		{"fall", obs(jan, 100, data.Exact, march), obs(jan, 90, data.Exact, corrected), true, -10, -10, true, false},
		// Same value, "at least" dropped: a revision of 0, 0%.
		{"qualifier", obs(jan, 100, data.AtLeast, march), obs(jan, 100, data.Exact, corrected), true, 0, 0, true, false},
		// From 0: 5 - 0 = 5, no % on a base of 0.
		{"from zero", obs(jan, 0, data.Exact, march), obs(jan, 5, data.Exact, corrected), true, 5, 0, false, false},
		// Restated unchanged: not a revision.
		{"same", obs(jan, 100, data.Exact, march), obs(jan, 100, data.Exact, corrected), false, 0, 0, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := Revise(ds, tc.old, tc.new)
			if ok != tc.ok {
				t.Fatalf("ok %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if r.Abs != tc.abs || r.Pct.Valid != tc.pctValid || (tc.pctValid && math.Abs(r.Pct.V-tc.pct) > 1e-6) || r.Provisional != tc.provisional {
				t.Errorf("got %+d, %v (valid %v), provisional %v; want %+d, %v (valid %v), provisional %v",
					r.Abs, r.Pct.V, r.Pct.Valid, r.Provisional, tc.abs, tc.pct, tc.pctValid, tc.provisional)
			}
		})
	}
}
