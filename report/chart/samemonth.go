package chart

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// sameMonthChart draws the feature month against the same month of every
// earlier year with figures, killed and injured in two panels with their
// own scales. Comparing like months sidesteps seasons and month lengths;
// the latest year is coloured, the earlier ones grey.
func sameMonthChart(in Input) (*Chart, error) {
	killed := chartSeries(in, data.Killed)
	injured := chartSeries(in, data.Injured)
	from, to, err := chartRange(in, "killed or injured", killed, injured)
	if err != nil {
		return nil, err
	}
	w := wordsOf(in.Data)
	series, colors := []data.Series{killed, injured}, []color.Color{colKilled, colInjured}
	if chartMetric(in.Data) == data.Killed {
		series, colors = series[:1], colors[:1] // no injured figure at all (event data)
	}
	month, ok := featureMonth(in, from, to, series...)
	if !ok {
		what := "both killed and injured figures"
		if len(series) == 1 {
			what = "a " + strings.ToLower(w.panelLabel(data.Killed)) + " figure"
		}
		return nil, fmt.Errorf("no month of %s has %s between %s and %s", in.Data.AreaName(in.Area), what, from.Label(), to.Label())
	}
	// The same month of each year from the first year in range.
	var months []data.Month
	for m := month; !m.Before(from); m = m.Add(-12) {
		months = append([]data.Month{m}, months...)
	}
	notes := newNotes(in.Data)
	notes.lightShown = true
	var row []*plot.Plot
	var allStacked []data.Month
	var labels []string
	var labelColors []color.Color
	coverage := casualtyCoverages(in)
	for i, s := range series {
		col := colors[i]
		labels = append(labels, w.panelLabel(s.Metric))
		labelColors = append(labelColors, col)
		var bars []yearBar
		top := 0.0
		var stacked []data.Month
		for j, m := range months {
			notes.add(s, m, m)
			pt := s.At(m)
			b := yearBar{Label: strconv.Itoa(m.Year), V: float64(pt.Value), OK: pt.Present, Light: pt.PartMonth, Text: pointText(pt), Color: colEarlier}
			v := countValues(s, m, m)
			if ms := sumParts(coverage, s.Metric, v); len(ms) > 0 {
				b.InSum = v[0].InSum
				stacked = append(stacked, ms...)
			}
			if j == len(months)-1 {
				b.Color = col
			}
			bars = append(bars, b)
			top = max(top, b.V)
		}
		if n := sumPartsNote(coverage, s.Metric, stacked); n != "" {
			notes.extra = append(notes.extra, n)
		}
		allStacked = append(allStacked, stacked...)
		p := newPlot()
		addGrid(p)
		p.Add(yearBars{bars})
		p.X.Min, p.X.Max = 0, float64(len(bars))
		var ticks []plot.Tick
		for j, b := range bars {
			ticks = append(ticks, plot.Tick{Value: float64(j) + 0.5, Label: b.Label})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Tick.Length = 0
		setCountAxis(p, top*1.12, 0)
		row = append(row, p)
	}
	notes.notDrawn(allStacked) // worded by sumPartsNote
	ch := &Chart{Kind: SameMonth, Width: 7 * vg.Inch, Height: 4.5 * vg.Inch}
	ch.Sections = []Section{{
		Panels:      [][]*plot.Plot{row},
		Labels:      [][]string{labels},
		LabelColors: [][]color.Color{labelColors},
	}}
	ch.Title = fmt.Sprintf("%s%s in %s, %d–%d", w.killedInjured(), placeWords(in), month.Month, months[0].Year, month.Year)
	ch.Subtitle = fmt.Sprintf("%s of each year%s, %d coloured; each panel has its own scale.", month.Month, placeWords(in), month.Year)
	if len(series) == 1 {
		ch.Subtitle = fmt.Sprintf("%s of each year%s, %d coloured.", month.Month, placeWords(in), month.Year)
	}
	c, err := stats.Compare(in.Data, in.Area, chartMetric(in.Data), stats.Period{From: month.Add(-12), To: month.Add(-12)}, stats.Period{From: month, To: month}, in.Options)
	if err == nil {
		if t := findingTitle(wordsOf(in.Data), c, placeWords(in)); t != "" {
			ch.Title = t + " from a year earlier"
			if s := changeSubtitle(wordsOf(in.Data), c); s != "" {
				ch.Subtitle += " " + s
			}
		}
	}
	ch.Notes, ch.Missing = notes.sentences(), notes.missing()
	ch.Source = notes.source(in.Data)
	return ch, nil
}

// yearBar is one year's bar of the same-month chart.
type yearBar struct {
	Label string
	V     float64
	OK    bool
	Light bool
	Text  string
	Color color.Color
	// InSum is the lighter lower part of the bar, as in monthValue.
	InSum float64
}

// yearBars draws one labelled bar per year at x = i .. i+1; a year with
// no figure is hatched and says so.
type yearBars struct{ bars []yearBar }

func (y yearBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, b := range y.bars {
		x0, x1 := trX(float64(i)+0.2), trX(float64(i)+0.8)
		if !b.OK {
			gapShadeRect(c, x0, x1)
			sty := textStyle(sizeTick, false, colSecondary)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
			c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: trY(0) + 3}, "no figure")
			continue
		}
		col := b.Color
		if b.Light {
			col = tint(col, 0.55)
		}
		c.FillPolygon(col, c.ClipPolygonXY(rectPts(x0, trY(0), x1, trY(b.V))))
		if b.InSum > 0 && b.InSum < b.V {
			c.FillPolygon(tint(col, 0.55), c.ClipPolygonXY(rectPts(x0, trY(0), x1, trY(b.InSum))))
		}
		sty := textStyle(sizeTick, true, readable(b.Color))
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: trY(b.V) + 2}, b.Text)
	}
}
