package workbook

import (
	"fmt"
	"strconv"

	"github.com/casualty-tool/casualty/data"
)

// FiguresSheet is the sheet that lists every current figure of the area,
// one row each, in the store's tidy format (data.TidyHeader) with one
// more column, OnMonthlyColumn, that says which figure a Monthly cell
// shows. It is what lets casualty read its own workbook back (the loader
// takes each figure's qualifier, days, publication and source from here,
// and its value from Monthly, where an analyst edits it) and what pandas
// or R read as a tidy table.
const FiguresSheet = "Figures"

// OnMonthlyColumn is the Figures column holding "yes" on the row of the
// figure a Monthly cell shows (a month's whole-month figure when it has
// one); other rows (a part-month figure a sum uses) are values only.
const OnMonthlyColumn = "on_monthly"

// writeFigures lists every current figure of the area. The value of a
// figure Monthly shows is a live lookup of that cell by month, so an edit
// on Monthly shows here after recalculation.
func (wb *Workbook) writeFigures(s *xlSheet) {
	st := wb.st
	lay := wb.monthly
	headers := append(append([]string{}, data.TidyHeader...), OnMonthlyColumn)
	for i, h := range headers {
		s.text(i+1, 1, h, st.header)
	}
	shown := map[data.Key]data.Observation{}
	for _, m := range lay.metrics {
		if m.Derived() {
			continue
		}
		for _, p := range lay.series[m].Points {
			if p.Present && len(p.Sources) == 1 {
				shown[p.Sources[0].Key()] = p.Sources[0]
			}
		}
	}
	r := 2
	for _, o := range wb.cur.Obs {
		if o.Area != wb.area {
			continue
		}
		s.text(1, r, o.Month.String(), st.text)
		s.text(2, r, o.Area, st.text)
		s.text(3, r, string(o.Metric), st.text)
		on, ok := shown[o.Key()]
		if _, in := lay.col[o.Metric]; in && ok && sameFigure(o, []data.Observation{on}) {
			s.formula(4, r, lay.lookup(o.Metric, o.Month), float64(o.Value), st.countStyle(o.Qualifier))
			s.text(13, r, "yes", st.text)
		} else {
			s.int(4, r, o.Value, st.countStyle(o.Qualifier))
		}
		s.text(5, r, o.Qualifier.String(), st.text)
		if o.HasRange {
			s.int(6, r, o.Low, st.count)
			s.int(7, r, o.High, st.count)
		}
		if o.PartMonth() {
			s.text(8, r, strconv.Itoa(o.FromDay)+"-"+strconv.Itoa(o.ToDay), st.text)
		}
		if !o.Published.Date.IsZero() {
			s.text(9, r, o.Published.Date.String(), st.text)
		}
		s.text(10, r, o.Published.Name, st.text)
		s.text(11, r, o.Source, st.text)
		s.text(12, r, o.Note, st.text)
		r++
	}
	if r == 2 {
		s.err = fmt.Errorf("no figures for area %s", wb.area)
		return
	}
	s.table("Figures", 1, 1, len(headers), r-1)
	s.freeze(0, 1)
	s.maxW = 40
	s.finish(nil)
}
