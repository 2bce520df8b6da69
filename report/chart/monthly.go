package chart

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// monthlyChart draws killed and injured per month in two aligned panels,
// each with its own scale from zero: injured run about five times killed,
// and on one scale the killed bars would be too short to read. The panels
// share the month axis, so a month lines up in both.
func monthlyChart(in Input) (*Chart, error) {
	killed := chartSeries(in, data.Killed)
	injured := chartSeries(in, data.Injured)
	from, to, err := chartRange(in, "killed or injured", killed, injured)
	if err != nil {
		return nil, err
	}
	w := wordsOf(in.Data)
	series, colors := []data.Series{killed, injured}, []color.Color{colKilled, colInjured}
	if chartMetric(in.Data) == data.Killed {
		// No injured figure at all (event data): one panel, not an empty one.
		series, colors = series[:1], colors[:1]
	}
	notes := newNotes(in.Data)
	notes.gapsShown = true
	notes.lightShown = true
	ch := &Chart{Kind: Monthly, Width: 7 * vg.Inch, Height: 5 * vg.Inch}
	var panels [][]*plot.Plot
	var stacked []data.Month
	var labels [][]string
	var labelColors [][]color.Color
	coverage := casualtyCoverages(in)
	for i, s := range series {
		notes.add(s, from, to)
		col := colors[i]
		labels = append(labels, []string{w.panelLabel(s.Metric)})
		labelColors = append(labelColors, []color.Color{col})
		vals := countValues(s, from, to)
		ms := sumParts(coverage, s.Metric, vals)
		if n := sumPartsNote(coverage, s.Metric, ms); n != "" {
			notes.extra = append(notes.extra, n)
		}
		stacked = append(stacked, ms...)
		p := monthPanel(s, vals, from, to, col, i == len(series)-1)
		panels = append(panels, []*plot.Plot{p})
	}
	notes.notDrawn(stacked) // worded by sumPartsNote
	ch.Sections = []Section{{Panels: panels, Labels: labels, LabelColors: labelColors}}
	ch.Title = fmt.Sprintf("%s%s each month, %s–%s", w.killedInjured(), placeWords(in), from.Short(), to.Short())
	switch {
	case len(series) == 1:
		ch.Subtitle = fmt.Sprintf("%s%s each month, %s–%s.", w.killedInjured(), placeWords(in), from.Short(), to.Short())
	case w.kind == data.KindMission:
		ch.Subtitle = fmt.Sprintf("Civilians killed (top) and injured (bottom)%s each month, %s–%s, each on its own scale.", placeWords(in), from.Short(), to.Short())
	default:
		ch.Subtitle = fmt.Sprintf("Killed (top) and injured (bottom)%s each month, %s–%s, each on its own scale.", placeWords(in), from.Short(), to.Short())
	}
	if c := monthComparison(in, chartMetric(in.Data), from, to, series...); c != nil {
		if t := findingTitle(wordsOf(in.Data), c, placeWords(in)); t != "" {
			ch.Title = t
			if s := changeSubtitle(wordsOf(in.Data), c); s != "" {
				ch.Subtitle += " " + s
			}
		}
	}
	ch.Notes, ch.Missing = notes.sentences(), notes.missing()
	ch.Source = notes.source(in.Data)
	return ch, nil
}

// monthPanel draws one series' values (countValues) as monthly bars, gaps hatched, on its own
// zero-based scale, labelling the last bar with its count.
func monthPanel(s data.Series, vals []monthValue, from, to data.Month, col color.Color, monthLabels bool) *plot.Plot {
	p := newPlot()
	var gaps []data.Month
	top := 0.0
	for _, v := range vals {
		if !v.OK {
			gaps = append(gaps, v.Month)
		}
		top = max(top, v.V)
	}
	p.Add(gapShade{gaps})
	addGrid(p)
	clip := clipLevel(vals)
	bars := &monthBars{vals: vals, color: col, inset: 0.12, clip: clip}
	p.Add(bars)
	defer p.Add(cutLabels{bars})
	setMonthAxis(p, from, to)
	if clip > 0 {
		top = clip
	}
	setCountAxis(p, top*1.05, 0)
	if !monthLabels {
		p.X.Tick.Marker = plot.ConstantTicks(nil)
	}
	for i := len(vals) - 1; i >= 0; i-- {
		if vals[i].OK && (clip == 0 || vals[i].V <= clip) {
			sty := textStyle(sizeTick, true, col)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
			p.Add(pointLabel{x: monthX(vals[i].Month) + 0.5, y: vals[i].V, text: pointText(s.At(vals[i].Month)), style: sty, dy: 2})
			break
		}
	}
	return p
}

// monthComparison compares the feature month with the month before, for
// the title, through stats.Compare. It returns nil when there is no
// month to compare.
func monthComparison(in Input, m data.Metric, from, to data.Month, ss ...data.Series) *stats.Comparison {
	month, ok := featureMonth(in, from, to, ss...)
	if !ok {
		return nil
	}
	if m.Derived() {
		s := chartSeries(in, m)
		if mixedCoverage(s.At(month)) || mixedCoverage(s.At(month.Add(-1))) {
			return nil // no single per-day rate: no finding to state
		}
	}
	c, err := in.compare(m, month)
	if err != nil {
		return nil
	}
	return c
}
