package chart

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// cumulativeChart draws killed and injured added up month by month since
// the first month drawn, as steps (a total grows by whole months).
//
// A total missing a month is not a total (stats.Cumulative stops at the
// first gap), so the solid line ends there. After it a dashed line
// continues the sum over the months that have a figure: a lower bound on
// the true total, labelled as such, so the chart still shows the months
// after a gap without pretending the gap was zero.
func cumulativeChart(in Input) (*Chart, error) {
	killed := chartSeries(in, data.Killed)
	injured := chartSeries(in, data.Injured)
	from, to, err := chartRange(in, "killed or injured", killed, injured)
	if err != nil {
		return nil, err
	}
	p := newPlot()
	addGrid(p)
	notes := newNotes(in.Data)
	type total struct {
		label    string
		col      color.Color
		count    int64
		q        data.Qualifier
		complete bool
		start    data.Month
		key      string
	}
	var totals []total
	top := 0.0
	anyGap := false
	series := []data.Series{killed, injured}
	if chartMetric(in.Data) == data.Killed {
		series = series[:1] // no injured figure at all (event data): nothing to add up
	}
	for i, s := range series {
		notes.add(s, from, to)
		col := []color.Color{colKilled, colInjured}[i]
		label := []string{"killed", "injured"}[i]
		// The points drawn: from the first month with a figure in range.
		var pts []data.Point
		for m := from; !to.Before(m); m = m.Add(1) {
			if pt := s.At(m); pt.Present || len(pts) > 0 {
				pts = append(pts, pt)
			}
		}
		if len(pts) == 0 {
			continue
		}
		whole, wholeQ := stats.Cumulative(pts)
		var present []data.Point
		for _, pt := range pts {
			if pt.Present {
				present = append(present, pt)
			}
		}
		known, knownQ := stats.Cumulative(present)
		var solid, dashed []monthValue
		k := 0
		t := total{label: label, col: col, complete: true, start: pts[0].Month, key: wordsOf(in.Data).panelLabel(s.Metric)}
		for j, pt := range pts {
			sv := monthValue{Month: pt.Month, V: whole[j].V, OK: whole[j].Valid}
			solid = append(solid, sv)
			dv := monthValue{Month: pt.Month}
			if pt.Present {
				dv = monthValue{Month: pt.Month, V: known[k].V, OK: !whole[j].Valid}
				t.count, t.q = int64(known[k].V), knownQ[k]
				if whole[j].Valid {
					t.q = wholeQ[j]
				} else {
					t.complete = false
				}
				top = max(top, known[k].V)
				k++
			} else if j > 0 && dashed[j-1].OK || j > 0 && solid[j-1].OK {
				// Carry the last total across the gap, dashed: nothing
				// was added for the month, and the line says so.
				prev := dashed[j-1]
				if solid[j-1].OK {
					prev = solid[j-1]
				}
				dv = monthValue{Month: pt.Month, V: prev.V, OK: true}
			}
			dashed = append(dashed, dv)
		}
		// Join the dashed line to the end of the solid one.
		for j := 1; j < len(solid); j++ {
			if solid[j-1].OK && !solid[j].OK {
				dashed[j-1] = solid[j-1]
			}
		}
		if !t.complete {
			anyGap = true
		}
		p.Add(&monthLine{vals: solid, step: true, style: draw.LineStyle{Color: col, Width: vg.Points(2)}})
		p.Add(&monthLine{vals: dashed, step: true, style: draw.LineStyle{Color: col, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(2.5)}}})
		totals = append(totals, t)
	}
	setMonthAxis(p, from, to)
	setCountAxis(p, top*1.05, 0)
	// Label each line at its end with its total.
	for _, t := range totals {
		sty := textStyle(sizeTick, true, t.col)
		sty.XAlign, sty.YAlign = draw.XRight, draw.YBottom
		p.Add(pointLabel{x: monthX(to) + 1, y: float64(t.count), text: t.q.Words() + chartInt(t.count) + " " + t.label, style: sty, dy: 3})
	}

	ch := &Chart{Kind: Cumulative, Width: 7 * vg.Inch, Height: 4.5 * vg.Inch}
	ch.Sections = []Section{{Panels: [][]*plot.Plot{{p}}}}
	for _, t := range totals {
		ch.Key = append(ch.Key, KeyItem{Label: t.key, Color: t.col, Shape: KeyLine})
	}
	if anyGap {
		ch.Key = append(ch.Key, KeyItem{Label: "Sum of the months with a figure (after a gap)", Color: colSecondary, Shape: KeyLine, Dashes: []vg.Length{vg.Points(4), vg.Points(2.5)}})
		notes.extra = append(notes.extra, "A total stops at the first month with no figure; the dashed line goes on adding the months that have one, so it is lower than the true total.")
	}
	var parts []string
	q := data.Exact
	if anyGap {
		q = data.AtLeast // a sum that misses months is a lower bound
	}
	w := wordsOf(in.Data)
	for i, t := range totals {
		switch {
		case w.events():
			parts = append(parts, chartInt(t.count)+" reported fatalities (all actors)")
		case i == 0 && w.kind == data.KindMission:
			parts = append(parts, chartInt(t.count)+" civilians "+t.label)
		default:
			parts = append(parts, chartInt(t.count)+" "+t.label)
		}
		q = q.Combine(t.q)
	}
	since := from
	if len(totals) > 0 {
		since = totals[0].start
	}
	ch.Title = fmt.Sprintf("%s%s%s, %s–%s", capitalize(q.Words()), joinAnd(parts), placeWords(in), since.Short(), to.Short())
	if anyGap {
		ch.Subtitle = "Added up month by month; months with no figure add nothing, so the totals are lower than the true ones."
	} else {
		ch.Subtitle = "Added up month by month since " + since.Label() + "."
	}
	if first, _ := in.Data.Span(); since == first {
		// Only a chart from the data's first month adds up what the
		// source's running total counts.
		if head := publishedTotal(in, to); head != "" {
			// A running total is headlined with the source's own, never with
			// a sum of months that leaves out gaps and early revisions (HRMMU
			// to January 2026: 15,172 killed; the months add up to 14,133).
			ch.Subtitle = "The lines add up the monthly figures: " + lowerFirst(ch.Title) + ", below the published total since months with no figure add nothing and early months were counted again later."
			ch.Title = head
		}
	}
	ch.Notes, ch.Missing = notes.sentences(), notes.missing()
	ch.Source = notes.source(in.Data)
	return ch, nil
}

// capitalize upper-cases the first letter of s, to begin a sentence.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// publishedTotal is the title for the source's own running total to the
// end of month to, for national figures, as published by the date the
// data are seen as of: "HRMMU's own running total to 31 January 2026: at
// least 15,172 civilians killed and at least 41,378 injured". It is ""
// when the source published none.
func publishedTotal(in Input, to data.Month) string {
	ds := in.Data
	if in.Area != "" && in.Area != ds.NationalCode() {
		return ""
	}
	totals := ds.PublishedTotals()
	if _, asOf, ok := ds.Unpublished(); ok {
		totals = totals.PublishedBy(asOf)
	}
	t, atEnd, ok := totals.ToMonthEnd(to, data.Killed)
	if !ok || !atEnd {
		return ""
	}
	var parts []string
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		tm, _, has := totals.ToMonthEnd(to, m)
		if !has || !tm.AsOf.Equal(t.AsOf.Time) {
			continue
		}
		who := m.Label()
		if len(parts) == 0 && sourceOf(ds).Kind == data.KindMission {
			who = "civilians " + who
		}
		parts = append(parts, tm.Qualifier.Words()+chartInt(tm.Figures[m])+" "+who)
	}
	return fmt.Sprintf("%s's own running total to %s: %s", sourceOf(ds).Label(), t.AsOf.Label(), joinAnd(parts))
}

// lowerFirst lower-cases the first letter of s, to continue a sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
