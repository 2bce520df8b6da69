package stats

import (
	"github.com/casualty-tool/casualty/data"
)

// FigureOf sums a series over a period. The count sums the months present;
// Days sums the days their figures cover (a part-month figure counts only
// its days), so PerDay = Count / Days is a rate over the days actually
// reported. The qualifier is the combination of the months' (a sum of
// lower bounds is a lower bound). Months with no figure are listed in
// Missing and nothing is put in their place.
func FigureOf(s data.Series, p Period) Figure {
	f := Figure{Period: p}
	first := true
	for m := p.From; !p.To.Before(m); m = m.Add(1) {
		pt := s.At(m)
		if !pt.Present {
			f.Missing = append(f.Missing, m)
			continue
		}
		f.Count += pt.Value
		f.Days += pt.Days
		if first {
			f.Qualifier = pt.Qualifier
			f.Published = pt.Published
			first = false
		} else {
			f.Qualifier = f.Qualifier.Combine(pt.Qualifier)
			if f.Published.Before(pt.Published) {
				f.Published = pt.Published
			}
		}
		if pt.PartMonth {
			f.PartMonth = true
		}
		if s.Metric.Derived() {
			if f.Parts == nil {
				for _, pm := range s.Metric.Parts() {
					f.Parts = append(f.Parts, Part{Metric: pm})
				}
			}
			for i, o := range pt.Sources {
				if i < len(f.Parts) {
					// Exact combined with q is q, so starting from
					// Exact gives the first month's qualifier.
					f.Parts[i].Qualifier = f.Parts[i].Qualifier.Combine(o.Qualifier)
					f.Parts[i].Count += o.Value
				}
			}
		}
	}
	if f.Days > 0 {
		f.PerDay = float64(f.Count) / float64(f.Days)
	}
	return f
}

// markRevised sets Revised when a month's figure differs from the figure
// as first published.
func markRevised(f *Figure, first data.Series, cur data.Series) {
	for m := f.From; !f.To.Before(m); m = m.Add(1) {
		a, b := first.At(m), cur.At(m)
		if a.Present && b.Present && (a.Value != b.Value || a.Qualifier != b.Qualifier) {
			f.Revised = true
		}
	}
}

// provisional reports whether the figure for month m (from publication
// pub) is the newest month pub gives for the area and no later
// publication gives m again: a first report the next update may revise.
func provisional(ds *data.Dataset, area string, m data.Month, pub data.Publication) bool {
	if newestMonth(ds, pub, area) != m {
		return false
	}
	for _, o := range ds.Obs {
		if o.Area == area && o.Month == m && pub.Before(o.Published) {
			return false
		}
	}
	return true
}
