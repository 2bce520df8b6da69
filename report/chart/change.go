package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// changeChart draws, for each month, the change of the per-day rate on
// the month before (stats.TrendRow.Prev) as a dot on its interval. The
// scale is a ratio scale (log 2), on which +100% and −50% lie equally far
// from no change, labelled in percent. A rise or fall is coloured; a
// change whose interval contains no change ("~") is drawn grey, so noise
// does not read as news.
func changeChart(in Input) (*Chart, error) {
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
	var ws []whisker
	var gaps, mixedMonths, afterGap []data.Month
	lo, hi := 0.0, 0.0 // log2 range, always including no change
	level := in.Options.Level
	for _, r := range tr.Rows {
		mo := r.Point.Month
		if !r.Point.Present {
			gaps = append(gaps, mo)
		}
		if mixedCoverage(r.Point) {
			mixedMonths = append(mixedMonths, mo)
			gaps = append(gaps, mo)
			continue
		}
		if r.Point.Present && mo != from && !s.At(mo.Add(-1)).Present {
			afterGap = append(afterGap, mo)
		}
		c := r.Prev
		if c == nil || !c.CI.Valid || !c.RateRatio.Valid || c.CI.Low <= 0 || mixedCoverage(s.At(mo.Add(-1))) {
			continue
		}
		var col color.Color = colMuted
		switch c.Verdict {
		case stats.Rise:
			col = colRise
		case stats.Fall:
			col = colFall
		}
		w := whisker{Month: mo, V: math.Log2(c.RateRatio.V), Lo: math.Log2(c.CI.Low), Hi: math.Log2(c.CI.High), Color: col}
		ws = append(ws, w)
		lo, hi = math.Min(lo, w.Lo), math.Max(hi, w.Hi)
	}
	p := newPlot()
	p.Add(gapShade{gaps})
	setMonthAxis(p, from, to)
	dataLo, dataHi := lo, hi
	lo, hi = ratioAxisRange(lo, hi)
	p.Y.Min, p.Y.Max = lo, hi
	p.Y.Tick.Marker = ratioTicks{}
	addGrid(p)
	p.Add(hline{y: 0, style: draw.LineStyle{Color: colAxis, Width: vg.Points(0.8)}})
	p.Add(whiskers{ws})
	p.X.LineStyle.Width = 0 // the no-change line is the reference, not the bottom

	notes := newNotes(in.Data)
	notes.gapsShown = true
	notes.add(s, from, to)
	note := fmt.Sprintf("Each dot is the change of the per-day rate on the month before; the line through it is its %s interval (exact Poisson test). The scale is a ratio scale: a doubling (+100%%) and a halving (−50%%) lie equally far from 0.", stats.FormatLevel(level))
	if dataLo < lo || dataHi > hi {
		note += " Intervals reaching beyond the chart are cut at its edge."
	}
	notes.notDrawn(mixedMonths)
	if n := mixedNote(mixedMonths); n != "" {
		notes.extra = append(notes.extra, n)
	}
	if len(afterGap) > 0 {
		// Said, not left as an empty column a reader could take for no change.
		notes.extra = append(notes.extra, fmt.Sprintf("No change is drawn for %s: the month before has no figure.", monthRuns(afterGap)))
	}
	notes.extra = append(notes.extra, note)

	ch := &Chart{Kind: Change, Width: 7 * vg.Inch, Height: 4.5 * vg.Inch}
	ch.Sections = []Section{{Panels: [][]*plot.Plot{{p}}}}
	ch.Key = []KeyItem{
		{Label: "Rise", Color: colRise, Shape: KeyDot},
		{Label: "Fall", Color: colFall, Shape: KeyDot},
		{Label: "No clear change (~): within what chance alone gives", Color: colMuted, Shape: KeyDot},
	}
	ch.Title = fmt.Sprintf("Change in %s per day on the month before%s, %s–%s", w.metricWords(m), placeWords(in), from.Short(), to.Short())
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

// ratioAxisRange widens a log-2 range to whole ticks, at least −50% to
// +100%, and at most a factor of 8 either way: wider intervals are
// clipped, and their dots stay within.
func ratioAxisRange(lo, hi float64) (float64, float64) {
	lo = math.Max(math.Min(lo, -1), -3)
	hi = math.Min(math.Max(hi, 1), 3)
	return math.Floor(lo*2) / 2, math.Ceil(hi*2) / 2
}

// ratioTicks marks a log-2 axis at round ratios, labelled as percent
// changes: −75%, −50%, 0, +100%, +300%.
type ratioTicks struct{}

func (ratioTicks) Ticks(min, max float64) []plot.Tick {
	ratios := []float64{1.0 / 8, 0.25, 0.5, 1, 2, 4, 8}
	if max-min <= 3 {
		ratios = []float64{0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4}
	}
	var ticks []plot.Tick
	for _, r := range ratios {
		v := math.Log2(r)
		if v < min-1e-9 || v > max+1e-9 {
			continue
		}
		label := "0"
		if r != 1 {
			label = signedPct((r - 1) * 100)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// signedPct writes a percentage with its sign and a true minus: "+100%",
// "−50%".
func signedPct(v float64) string {
	s := pctWords(v)
	if v > 0 {
		return "+" + s
	}
	if v < 0 {
		return "−" + s
	}
	return s
}
