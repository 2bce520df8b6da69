package stats

import (
	"sort"

	"github.com/casualty-tool/casualty/data"
)

// Revisions lists every figure that changed from one publication to a
// later one: each whole-month figure given by both whose value or
// qualifier differs, with old → new, the difference and the % change
// (new - old) / old · 100 (invalid when old is 0). A revision of the
// newest month of the older publication is flagged Provisional: first
// reports of the latest month are routinely revised as verification
// catches up. Sorted by month, area (national first) and metric (display
// order).
func Revisions(ds *data.Dataset, older, newer data.Publication) []Revision {
	type key struct {
		k    data.Key
		part bool
	}
	olds := map[key]data.Observation{}
	for _, o := range ds.Obs {
		if o.Published == older {
			olds[key{o.Key(), o.PartMonth()}] = o
		}
	}
	var out []Revision
	for _, n := range ds.Obs {
		if n.Published != newer {
			continue
		}
		o, ok := olds[key{n.Key(), n.PartMonth()}]
		if !ok {
			continue
		}
		if r, ok := Revise(ds, o, n); ok {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Key, out[j].Key
		if a.Month != b.Month {
			return a.Month.Before(b.Month)
		}
		if a.Area != b.Area {
			// The national total (a two-letter code) first, then p-codes.
			if len(a.Area) != len(b.Area) {
				return len(a.Area) < len(b.Area)
			}
			return a.Area < b.Area
		}
		return metricOrder(a.Metric) < metricOrder(b.Metric)
	})
	return out
}

// Revise is the revision of one figure from an older vintage, old, to a
// newer one, new: the difference new - old and the % change
// (new - old) / old · 100 (invalid when old is 0). It is Provisional when
// old is the newest month its publication gives in ds for its area. ok is
// false when value and qualifier are the same (a restatement, or only the
// range changed): that is not a revision. old and new may come from the
// same publication, as when a corrected release replaces a stored one.
func Revise(ds *data.Dataset, old, new data.Observation) (r Revision, ok bool) {
	if old.Value == new.Value && old.Qualifier == new.Qualifier {
		return Revision{}, false
	}
	r = Revision{Key: new.Key(), Old: old, New: new, Abs: new.Value - old.Value}
	if old.Value > 0 {
		r.Pct = Value{V: float64(r.Abs) / float64(old.Value) * 100, Valid: true}
	} else {
		r.Pct = noValue("no % change on 0")
	}
	r.Provisional = newestMonth(ds, old.Published, old.Area) == old.Month
	return r, true
}

// metricOrder places a metric in display order (data.StoredMetrics).
func metricOrder(m data.Metric) int {
	for i, s := range data.StoredMetrics {
		if s == m {
			return i
		}
	}
	return len(data.StoredMetrics)
}

// History lists every vintage of one figure, oldest publication first.
func History(ds *data.Dataset, k data.Key) []data.Observation {
	var out []data.Observation
	for _, o := range ds.Obs {
		if o.Key() == k {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.Before(out[j].Published) })
	return out
}
