package workbook

import (
	"fmt"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// writeAreas ranks the areas for the headline month, killed and injured:
// count, share of the national figure, rank, change on the previous month
// and its rank, all as stats.RankAreas computed them.
func (wb *Workbook) writeAreas(s *xlSheet) {
	st := wb.st
	headers := []string{"Metric", "Rank", "Area code", "Area", "Count", "Share of national", "Change on previous month", "Rank of change"}
	s.headers(1, headers)
	r := 2
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		ranks, warns := stats.RankAreas(wb.ds, m, wb.month, wb.opt.Stats)
		for _, w := range warns {
			s.note(1, r, fmt.Sprintf("%s, %s: %v", m.Label(), wb.month.Label(), w))
		}
		for _, a := range ranks {
			s.text(1, r, m.Label(), st.text)
			s.int(2, r, int64(a.Rank), st.count)
			s.text(3, r, a.Area, st.text)
			s.text(4, r, wb.cur.AreaName(a.Area), st.text)
			s.int(5, r, a.Count, st.countStyle(a.Qualifier))
			if a.Share.Valid {
				s.float(6, r, a.Share.V/100, st.share)
			} else {
				s.textNoFit(6, r, naCell(a.Share.Why), st.na)
			}
			if a.Change.Valid {
				s.float(7, r, a.Change.V/100, st.pct)
				s.int(8, r, int64(a.ChangeRank), st.count)
			} else {
				s.textNoFit(7, r, naCell(a.Change.Why), st.na)
			}
			r++
		}
	}
	if r == 2 {
		s.text(1, 2, fmt.Sprintf("no area figures for %s", wb.month.Label()), st.text)
		r++
	}
	s.table("Areas", 1, 1, len(headers), r-1)
	s.freeze(0, 1)
	s.height(1, 45)
	s.finish(nil)
}
