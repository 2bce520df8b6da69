package stats

import (
	"testing"

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
