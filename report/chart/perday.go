package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// rollingMonths is the window of the per-day chart's rolling rate.
const rollingMonths = 3

// perDayChart draws casualties per day, month by month, with the rate
// over the last three months: dividing by the days covered keeps a
// 28-day February from looking like a fall and a part-month figure from
// looking like a collapse.
func perDayChart(in Input) (*Chart, error) {
	m := chartMetric(in.Data)
	w := wordsOf(in.Data)
	s := chartSeries(in, m)
	from, to, err := chartRange(in, w.figureWord(m), s)
	if err != nil {
		return nil, err
	}
	tr, err := trendOver(in, m, s, from, to)
	if err != nil {
		return nil, err
	}
	var bars, rolling []monthValue
	var gaps, mixedMonths []data.Month
	top := 0.0
	for _, r := range tr.Rows {
		mo := r.Point.Month
		mixed := mixedCoverage(r.Point)
		if mixed {
			mixedMonths = append(mixedMonths, mo)
		}
		bars = append(bars, monthValue{Month: mo, V: r.PerDay.V, OK: r.PerDay.Valid && !mixed, Light: r.Point.PartMonth, Text: stats.FormatRate(r.PerDay.V)})
		if !r.Point.Present || mixed {
			gaps = append(gaps, mo)
		}
		// The rolling rate is the count over the window divided by the
		// days it covers (stats.FigureOf), not a mean of monthly rates.
		win := stats.Period{From: mo.Add(1 - rollingMonths), To: mo}
		f := stats.FigureOf(s, win)
		ok := f.Complete() && f.Days > 0 && !win.From.Before(s.Points[0].Month)
		for w := win.From; ok && !win.To.Before(w); w = w.Add(1) {
			ok = !mixedCoverage(s.At(w))
		}
		rolling = append(rolling, monthValue{Month: mo, V: f.PerDay, OK: ok})
		if r.PerDay.Valid && !mixed {
			top = max(top, r.PerDay.V)
		}
	}
	p := newPlot()
	p.Add(gapShade{gaps})
	addGrid(p)
	clip := clipLevel(bars)
	mb := &monthBars{vals: bars, color: colTotal, inset: 0.12, clip: clip}
	p.Add(mb)
	p.Add(&monthLine{vals: rolling, style: draw.LineStyle{Color: colLine, Width: vg.Points(2)}})
	p.Add(cutLabels{mb})
	setMonthAxis(p, from, to)
	if clip > 0 {
		top = clip
	}
	for _, r := range rolling {
		if r.OK {
			top = max(top, r.V) // the line is never cut
		}
	}
	dec := 0
	if top < 5 {
		dec = 1
	}
	setCountAxis(p, top*1.05, dec)

	notes := newNotes(in.Data)
	notes.gapsShown = true
	notes.lightShown = true
	notes.add(s, from, to)
	notes.notDrawn(mixedMonths)
	if n := mixedNote(mixedMonths); n != "" {
		notes.extra = append(notes.extra, n)
	}
	notes.extra = append(notes.extra, fmt.Sprintf("Per day: each month's count divided by the days it covers. The line is the rate over the last %d months (their count over their days), broken where a month has no figure.", rollingMonths))

	ch := &Chart{Kind: PerDay, Width: 7 * vg.Inch, Height: 4.5 * vg.Inch}
	ch.Sections = []Section{{Panels: [][]*plot.Plot{{p}}}}
	ch.Key = []KeyItem{
		{Label: w.killedInjured() + " per day", Color: colTotal, Shape: KeyBar},
		{Label: fmt.Sprintf("Rate over %d months", rollingMonths), Color: colLine, Shape: KeyLine},
	}
	ch.Title = fmt.Sprintf("%s per day%s, %s–%s", w.killedInjured(), placeWords(in), from.Short(), to.Short())
	if c := monthComparison(in, m, from, to, s); c != nil {
		if t := findingTitle(wordsOf(in.Data), c, placeWords(in)); t != "" {
			ch.Subtitle = changeSubtitle(wordsOf(in.Data), c)
			ch.Title = t
		}
	}
	ch.Notes, ch.Missing = notes.sentences(), notes.missing()
	ch.Source = notes.source(in.Data)
	return ch, nil
}
