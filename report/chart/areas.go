package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// areasChart draws casualties by area: a heat map of months × areas
// (areas ordered by their total over the months drawn, largest on top)
// over small multiples of the areas with most casualties, which share
// one scale so that their heights compare.
func areasChart(in Input) (*Chart, error) {
	m := chartMetric(in.Data)
	w := wordsOf(in.Data)
	latest := in.current()
	nat := in.Data.NationalCode()
	type areaRow struct {
		code  string
		s     data.Series
		total stats.Figure
	}
	var rows []areaRow
	var all []data.Series
	for _, a := range latest.AreaCodes() {
		if a == nat {
			continue
		}
		s := latest.Series(a, m)
		if len(s.Points) == 0 {
			continue
		}
		rows = append(rows, areaRow{code: a, s: s})
		all = append(all, s)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no %s figures by area: the data gives only the national total (load a file with area codes, such as UA14 for Donetska)", w.figureWord(m))
	}
	from, to, err := chartRange(in, w.figureWord(m), all...)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].total = stats.FigureOf(rows[i].s, stats.Period{From: from, To: to})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].total.Count != rows[j].total.Count {
			return rows[i].total.Count > rows[j].total.Count
		}
		return rows[i].code < rows[j].code
	})

	notes := newNotes(in.Data)
	notes.noun = "areas"
	maxV := 0.0
	var cells []heatCell
	var names []plot.Tick
	for i, r := range rows {
		notes.addNamed(in.Data.AreaName(r.code), r.s, from, to)
		y := float64(len(rows) - 1 - i) // largest on top
		names = append(names, plot.Tick{Value: y + 0.5, Label: in.Data.AreaName(r.code)})
		for mo := from; !to.Before(mo); mo = mo.Add(1) {
			pt := r.s.At(mo)
			cells = append(cells, heatCell{Month: mo, Row: y, V: float64(pt.Value), OK: pt.Present, Part: pt.PartMonth})
			if pt.Present {
				maxV = math.Max(maxV, float64(pt.Value))
			}
		}
	}
	bins := heatBins(maxV)
	heat := newPlot()
	heat.Add(heatMap{cells: cells, bins: bins})
	setMonthAxis(heat, from, to)
	heat.Y.Min, heat.Y.Max = 0, float64(len(rows))
	heat.Y.Tick.Marker = plot.ConstantTicks(names)
	heat.Y.Tick.Label.Font.Size = sizeTick - 0.5

	// Small multiples of the top areas, on one shared scale.
	n := min(in.TopAreas, len(rows))
	cols := min(3, n)
	top := 0.0
	for _, r := range rows[:n] {
		for mo := from; !to.Before(mo); mo = mo.Add(1) {
			top = math.Max(top, float64(r.s.At(mo).Value))
		}
	}
	var grid [][]*plot.Plot
	var labels [][]string
	for i, r := range rows[:n] {
		if i%cols == 0 {
			grid = append(grid, nil)
			labels = append(labels, nil)
		}
		p := newPlot()
		vals := countValues(r.s, from, to)
		var gaps []data.Month
		for _, v := range vals {
			if !v.OK {
				gaps = append(gaps, v.Month)
			}
		}
		p.Add(gapShade{gaps})
		addGrid(p)
		p.Add(&monthBars{vals: vals, color: colInjured, inset: 0.1})
		setMonthAxis(p, from, to)
		p.X.Tick.Marker = monthTicks{every: 12}
		setCountAxis(p, top*1.05, 0)
		grid[len(grid)-1] = append(grid[len(grid)-1], p)
		labels[len(labels)-1] = append(labels[len(labels)-1],
			fmt.Sprintf("%s: %s%s", in.Data.AreaName(r.code), r.total.Qualifier.Words(), chartInt(r.total.Count)))
	}

	h := 3.2 + 0.16*float64(len(rows)) + 2.2*float64(len(grid))
	// A whole number of pixels at the default resolution, as the other
	// charts' sizes are: the PNG canvas is then exactly the chart's size,
	// and one layout serves the PNG and the SVG.
	px := math.Round(h * DefaultDPI)
	ch := &Chart{Kind: Areas, Width: 7 * vg.Inch, Height: vg.Length(px/DefaultDPI) * vg.Inch}
	ch.Sections = []Section{
		{Heading: "Each month, by area", Panels: [][]*plot.Plot{{heat}}, Weight: 0.3 + 0.16*float64(len(rows))},
		{Heading: fmt.Sprintf("The %d areas with most %s, on one scale", n, w.noun(m)), Panels: grid, Labels: labels, Weight: 2 * float64(len(grid))},
	}
	for i, b := range bins {
		ch.Key = append(ch.Key, KeyItem{Label: b.label, Color: heatColor(bins, i), Shape: KeyBar})
	}
	ch.Key = append(ch.Key, KeyItem{Label: "No figure", Color: colGapHatch, Shape: KeyBar})
	notes.gapsShown = true
	notes.partMark = " (a white corner in the heat map)"

	ch.Title = fmt.Sprintf("%s by area, %s–%s", w.killedInjured(), from.Short(), to.Short())
	ch.Subtitle = fmt.Sprintf("Areas ordered by their total over %s–%s; totals in the panel headings.", from.Short(), to.Short())
	month, ok := featureMonth(in, from, to, rows[0].s)
	if ok {
		ranks, _ := stats.RankAreas(in.Data, m, month, in.Options)
		if len(ranks) > 0 && (len(ranks) == 1 || ranks[1].Rank != 1) {
			r := ranks[0]
			verb := "recorded"
			if w.events() {
				verb = "had"
			}
			t := fmt.Sprintf("%s %s the most %s in %s", in.Data.AreaName(r.Area), verb, w.metricWords(m), month.Label())
			if r.Share.Valid {
				t += fmt.Sprintf(", %s of the national total", pctWords(r.Share.V))
			}
			ch.Subtitle = ch.Title + ". " + ch.Subtitle
			ch.Title = t
		}
	}
	ch.Notes, ch.Missing = notes.sentences(), notes.missing()
	ch.Source = notes.source(in.Data)
	return ch, nil
}

// heatCell is one month of one area in the heat map.
type heatCell struct {
	Month data.Month
	Row   float64
	V     float64
	OK    bool
	// Part: the figure covers part of the month, so its colour may read
	// low; the cell has a white corner.
	Part bool
}

// heatBin is a range of counts drawn in one colour: lo <= count < hi
// (hi 0: no upper end).
type heatBin struct {
	lo, hi float64
	label  string
}

// heatBins splits 0..max into a bin for zero and at most six bins with
// round edges from the 1-2-5 ladder: the five highest ladder steps up to
// max, and 1 below them, so the key reads "1–49, 50–99, 100–199, …"
// rather than arbitrary numbers, and the detail goes where the counts are.
func heatBins(max float64) []heatBin {
	var ladder []float64
	for mag := 1.0; mag <= max; mag *= 10 {
		for _, f := range []float64{1, 2, 5} {
			if e := f * mag; e <= max {
				ladder = append(ladder, e)
			}
		}
	}
	edges := ladder
	if len(ladder) > 6 {
		edges = append([]float64{1}, ladder[len(ladder)-5:]...)
	}
	bins := []heatBin{{lo: 0, hi: 1, label: "0"}}
	for i, e := range edges {
		b := heatBin{lo: e}
		if i+1 < len(edges) {
			b.hi = edges[i+1]
			b.label = chartInt(int64(e)) + "–" + chartInt(int64(edges[i+1])-1)
			if int64(edges[i+1])-1 == int64(e) {
				b.label = chartInt(int64(e))
			}
		} else {
			b.label = chartInt(int64(e)) + "+"
		}
		bins = append(bins, b)
	}
	return bins
}

// heatColor is bin i's colour: zero is near-white, the others spread over
// the sequential scale.
func heatColor(bins []heatBin, i int) color.Color {
	if i == 0 {
		return rgb(0xF7, 0xFB, 0xFF)
	}
	n := len(bins) - 1
	if n <= 1 {
		return heatColors[len(heatColors)-1]
	}
	k := int(math.Round(float64(i-1) * float64(len(heatColors)-1) / float64(n-1)))
	return heatColors[k]
}

func binOf(bins []heatBin, v float64) int {
	for i := len(bins) - 1; i >= 0; i-- {
		if v >= bins[i].lo {
			return i
		}
	}
	return 0
}

// heatMap draws one cell per area and month, coloured by bin; a month
// with no figure is hatched, never coloured as zero.
type heatMap struct {
	cells []heatCell
	bins  []heatBin
}

func (h heatMap) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := 0; i < len(h.cells); {
		e := h.cells[i]
		y0, y1 := trY(e.Row), trY(e.Row+1)
		if !e.OK {
			x0, x1 := trX(monthX(e.Month)), trX(monthX(e.Month)+1)
			cc := c
			cc.Rectangle = vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}
			gapShadeRect(cc, x0, x1)
			i++
			continue
		}
		// A run of months of one row in one colour is one rectangle: the
		// same picture, without seams between cells, and a smaller SVG.
		bin := binOf(h.bins, e.V)
		j := i + 1
		for !e.Part && j < len(h.cells) && h.cells[j].OK && !h.cells[j].Part && h.cells[j].Row == e.Row &&
			h.cells[j].Month == h.cells[j-1].Month.Add(1) && binOf(h.bins, h.cells[j].V) == bin {
			j++
		}
		x0, x1 := trX(monthX(e.Month)), trX(monthX(h.cells[j-1].Month)+1)
		c.FillPolygon(heatColor(h.bins, bin), rectPts(x0, y0, x1, y1))
		if e.Part {
			lo, hi := min(y0, y1), max(y0, y1)
			d := min(x1-x0, hi-lo) / 2
			c.FillPolygon(color.White, []vg.Point{{X: x1 - d, Y: hi}, {X: x1, Y: hi}, {X: x1, Y: hi - d}})
		}
		i = j
	}
	// White rules between areas keep the rows apart.
	for _, e := range h.cells {
		if e.Month == h.cells[0].Month {
			y := trY(e.Row)
			c.StrokeLine2(draw.LineStyle{Color: color.White, Width: vg.Points(1)}, c.Min.X, y, c.Max.X, y)
		}
	}
}
