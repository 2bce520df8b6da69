package workbook

import (
	"fmt"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// writeRevisions lists every vintage of every figure of the area that was
// published more than once, oldest first, with the change on the previous
// vintage as a live formula (checked to equal stats.Revisions). A
// part-month figure is compared only with part-month vintages.
func (wb *Workbook) writeRevisions(s *xlSheet) {
	st := wb.st
	headers := []string{"Month", "Period", "Metric", "Vintage", "Publication", "Published", "Value", "Qualifier",
		"Part-month", "Revision on previous vintage", "Revision, %", "Provisional when revised", "Source"}
	const (
		cMonth = iota + 1
		cPeriod
		cMetric
		cVintage
		cPub
		cDate
		cValue
		cQual
		cPart
		cAbs
		cPct
		cProv
		cSource
	)
	s.headers(1, headers)
	// Group the area's figures by key, in the dataset's order (month,
	// metric, vintage).
	var keys []data.Key
	seen := map[data.Key]int{}
	for _, o := range wb.ds.Obs {
		if o.Area != wb.area {
			continue
		}
		if seen[o.Key()] == 0 {
			keys = append(keys, o.Key())
		}
		seen[o.Key()]++
	}
	// Revisions between one pair of publications serve every figure they
	// both give.
	cache := map[[2]data.Publication][]stats.Revision{}
	r := 2
	for _, k := range keys {
		if seen[k] < 2 {
			continue
		}
		hist := stats.History(wb.ds, k)
		prevRow := map[bool]int{}              // part-month? → row of the previous vintage (seen?)
		prevObs := map[bool]data.Observation{} // and the vintage itself
		for i, o := range hist {
			s.text(cMonth, r, o.Month.Short(), st.text)
			s.text(cPeriod, r, o.Month.String(), st.text)
			s.text(cMetric, r, o.Metric.Label(), st.text)
			s.int(cVintage, r, int64(i+1), st.count)
			s.text(cPub, r, o.Published.Name, st.text)
			s.text(cDate, r, o.Published.Date.String(), st.text)
			s.int(cValue, r, o.Value, st.countStyle(o.Qualifier))
			s.text(cQual, r, xlQualifier(o.Qualifier), st.text)
			s.text(cPart, r, o.Covers(), st.text)
			s.text(cSource, r, o.Source, st.text)
			part := o.PartMonth()
			if _, ok := prevRow[part]; ok {
				// The whole dataset, not only this figure: whether a revision
				// was of a provisional figure depends on the other months.
				pair := [2]data.Publication{prevObs[part].Published, o.Published}
				revs, ok := cache[pair]
				if !ok {
					revs = stats.Revisions(wb.ds, pair[0], pair[1])
					cache[pair] = revs
				}
				var rev *stats.Revision
				for j := range revs {
					if revs[j].Key == k && revs[j].Old.PartMonth() == part {
						rev = &revs[j]
					}
				}
				if rev == nil {
					s.text(cAbs, r, "unchanged", st.small)
				} else {
					// The previous vintage as a number in the formula, not
					// a reference to its row: sorting or filtering the
					// sheet leaves every revision right.
					old := prevObs[part].Value
					s.formula(cAbs, r, fmt.Sprintf("%s-%d", xlRef(cValue, r), old), float64(rev.Abs), st.count)
					wb.valueFormula(s, cPct, r, rev.Pct, 100, fmt.Sprintf("%s/%d-1", xlRef(cValue, r), old), st.pct)
					if rev.Provisional {
						s.text(cProv, r, "yes", st.text)
					}
				}
			}
			prevRow[part], prevObs[part] = r, o
			r++
		}
	}
	if r == 2 {
		s.text(1, 2, "no figure was published more than once", st.text)
		r++
	}
	s.table("Revisions", 1, 1, len(headers), r-1)
	s.freeze(1, 1)
	s.height(1, 45)
	s.maxW = 40
	s.finish(map[int]float64{cMonth: 9})
	s.printArea(cSource-1, r-1) // the sources are long URLs: on screen, not on paper
}
