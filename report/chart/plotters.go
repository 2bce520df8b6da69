package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
)

// This file holds the plotters the charts share. They draw months as the
// spans between month boundaries, and never draw a missing month as a
// zero: a gap is a gap.

// sincos16 holds sin and cos of the 16 angles circlePoly uses, computed
// once so every chart is drawn from the same numbers.
var sincos16 = func() (t [16][2]float64) {
	for i := range t {
		s, c := math.Sincos(2 * math.Pi * float64(i) / 16)
		t[i] = [2]float64{s, c}
	}
	return t
}()

// monthValue is one month's value to draw; OK false for a month with no
// figure.
type monthValue struct {
	Month data.Month
	V     float64
	OK    bool
	// Light draws the bar in a lighter tint (a figure covering part of the
	// month).
	Light bool
	// Text is the value as written on the chart when the bar is cut short.
	Text string
	// InSum, when above zero and below V, is the part of a whole-month
	// figure that a sum over fewer days uses (killed over 1–18 June 2023,
	// when injured covers only those days): drawn as the bar's lighter
	// lower part, so the chart shows what the casualty sum adds.
	InSum float64
}

// monthBars draws one bar per month with a figure, from zero to its value.
type monthBars struct {
	vals  []monthValue
	color color.Color
	// inset is the space left on each side of a bar, as a share of the
	// month's width.
	inset float64
	// colorOf, when set, picks each bar's colour.
	colorOf func(i int) color.Color
	// clip, when above zero, cuts bars taller than it short at the top of
	// the axis, marks the cut and writes their value beside them, so one
	// extreme month does not flatten all the others.
	clip float64
}

func (b *monthBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, v := range b.vals {
		if !v.OK {
			continue
		}
		col := b.color
		if b.colorOf != nil {
			col = b.colorOf(i)
		}
		if v.Light {
			col = tint(col, 0.55)
		}
		x0 := trX(monthX(v.Month) + b.inset)
		x1 := trX(monthX(v.Month) + 1 - b.inset)
		cut := b.clip > 0 && v.V > p.Y.Max
		top := v.V
		if cut {
			top = p.Y.Max
		}
		y0, y1 := trY(0), trY(top)
		if y1 < y0 {
			y0, y1 = y1, y0
		}
		if y1-y0 < 0.3 && v.V != 0 {
			y1 = y0 + 0.3 // a tiny count stays visible, never vanishes
		}
		c.FillPolygon(col, c.ClipPolygonXY(rectPts(x0, y0, x1, y1)))
		if v.InSum > 0 && v.InSum < v.V {
			c.FillPolygon(tint(col, 0.55), c.ClipPolygonXY(rectPts(x0, trY(0), x1, trY(min(v.InSum, top)))))
		}
		if cut {
			// Two white slashes across the bar mark where it is cut.
			w := x1 - x0
			brk := draw.LineStyle{Color: color.White, Width: vg.Points(1.5)}
			for _, yb := range []vg.Length{y1 - 9, y1 - 5} {
				c.StrokeLine2(brk, x0-1, yb-w*0.35, x1+1, yb+w*0.35)
			}
		}
	}
}

// cutLabels writes the value of each bar cut short beside its top, on a
// white ground; it is added after every other plotter so nothing hides
// it.
type cutLabels struct{ bars *monthBars }

func (l cutLabels) Plot(c draw.Canvas, p *plot.Plot) {
	b := l.bars
	if b.clip <= 0 {
		return
	}
	trX, trY := p.Transforms(&c)
	for i, v := range b.vals {
		if !v.OK || v.V <= p.Y.Max {
			continue
		}
		col := b.color
		if b.colorOf != nil {
			col = b.colorOf(i)
		}
		sty := textStyle(sizeTick, true, readable(col))
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
		pt := vg.Point{X: trX(monthX(v.Month)+1-b.inset) + 2, Y: trY(p.Y.Max)}
		w, h := sty.Width(v.Text), sty.Height(v.Text)
		c.FillPolygon(color.White, rectPts(pt.X-1, pt.Y-h-1, pt.X+w+1, pt.Y))
		c.FillText(sty, pt, v.Text)
	}
}

// readable returns col for text on white when it is dark enough to read,
// and the text colour otherwise (sky blue text is too pale).
func readable(col color.Color) color.Color {
	r, g, b, _ := col.RGBA()
	lum := (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
	if lum > 0.45 {
		return colText
	}
	return col
}

func (b *monthBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = rangeOf(b.vals)
	if b.clip > 0 {
		ymax = math.Min(ymax, b.clip)
	}
	return
}

// clipLevel is the height above which bars are cut short: when the
// tallest value is over 2.5 times the next, the axis is scaled to the
// next, so that one extreme month does not flatten all the others. It
// returns 0 (no cut) otherwise.
func clipLevel(vals []monthValue) float64 {
	first, second := 0.0, 0.0
	for _, v := range vals {
		switch {
		case !v.OK:
		case v.V > first:
			first, second = v.V, first
		case v.V > second:
			second = v.V
		}
	}
	if second > 0 && first > 2.5*second {
		top, _ := niceScale(second * 1.1)
		return top
	}
	return 0
}

func rangeOf(vals []monthValue) (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		xmin = math.Min(xmin, monthX(v.Month))
		xmax = math.Max(xmax, monthX(v.Month)+1)
		if v.OK {
			ymin = math.Min(ymin, v.V)
			ymax = math.Max(ymax, v.V)
		}
	}
	return
}

// gapShade shades each month with no figure over the plot's full height,
// so that a missing month reads as "no figure", not as zero.
type gapShade struct{ months []data.Month }

func (g gapShade) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, m := range g.months {
		x0, x1 := trX(monthX(m)), trX(monthX(m)+1)
		if x1 <= c.Min.X || x0 >= c.Max.X {
			continue
		}
		gapShadeRect(c, x0, x1)
	}
}

// gapShadeRect shades and hatches the full height of c between x0 and
// x1. The hatching survives greyscale print and cannot be taken for a
// pale bar.
func gapShadeRect(c draw.Canvas, x0, x1 vg.Length) {
	c.FillPolygon(colGap, c.ClipPolygonXY(rectPts(x0, c.Min.Y, x1, c.Max.Y)))
	hatch := draw.LineStyle{Color: colGapHatch, Width: vg.Points(0.5)}
	step := vg.Length(5)
	// One path of all the hatch lines: an SVG element per line made a
	// hatched gap cost kilobytes (the areas chart has dozens of them).
	var path vg.Path
	for d := -(x1 - x0); d < c.Max.Y-c.Min.Y; d += step {
		pts := []vg.Point{{X: x0, Y: c.Min.Y + d}, {X: x1, Y: c.Min.Y + d + (x1 - x0)}}
		for _, l := range c.ClipLinesXY(pts) {
			if len(l) < 2 || l[0] == l[len(l)-1] {
				continue // clipped to a point: nothing to draw
			}
			path.Move(l[0])
			for _, pt := range l[1:] {
				path.Line(pt)
			}
		}
	}
	if len(path) > 0 {
		c.SetLineStyle(hatch)
		c.Stroke(path)
	}
}

// monthLine draws a line through the middle of each month, broken at
// months with no value: a gap is never bridged or drawn as zero.
type monthLine struct {
	vals  []monthValue
	style draw.LineStyle
	// dots marks each point (useful where a run is a single month, which
	// a line alone would not show).
	dots bool
	// step draws the line flat across each month instead of joining
	// month midpoints (cumulative totals grow by steps).
	step bool
}

func (l *monthLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var runs [][]vg.Point
	var cur []vg.Point
	for _, v := range l.vals {
		if !v.OK {
			if len(cur) > 0 {
				runs = append(runs, cur)
				cur = nil
			}
			continue
		}
		y := trY(v.V)
		if l.step {
			cur = append(cur, vg.Point{X: trX(monthX(v.Month)), Y: y}, vg.Point{X: trX(monthX(v.Month) + 1), Y: y})
		} else {
			cur = append(cur, vg.Point{X: trX(monthX(v.Month) + 0.5), Y: y})
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	for _, r := range runs {
		if len(r) == 1 || l.dots {
			for _, pt := range r {
				if c.Contains(pt) {
					c.FillPolygon(l.style.Color, circlePoly(pt, l.style.Width*1.2))
				}
			}
		}
		if len(r) > 1 {
			c.StrokeLines(l.style, c.ClipLinesXY(r)...)
		}
	}
}

func (l *monthLine) DataRange() (xmin, xmax, ymin, ymax float64) { return rangeOf(l.vals) }

// whisker is one month's estimate with its interval.
type whisker struct {
	Month     data.Month
	V, Lo, Hi float64
	Color     color.Color
}

// whiskers draws each estimate as a dot on a vertical line spanning its
// interval.
type whiskers struct{ ws []whisker }

func (w whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, e := range w.ws {
		x := trX(monthX(e.Month) + 0.5)
		sty := draw.LineStyle{Color: e.Color, Width: vg.Points(1.2)}
		c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x, Y: trY(e.Lo)}, {X: x, Y: trY(e.Hi)}})...)
		pt := vg.Point{X: x, Y: trY(e.V)}
		if c.Contains(pt) {
			c.FillPolygon(e.Color, circlePoly(pt, 2.4))
		}
	}
}

func (w whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, e := range w.ws {
		xmin = math.Min(xmin, monthX(e.Month))
		xmax = math.Max(xmax, monthX(e.Month)+1)
		ymin = math.Min(ymin, e.Lo)
		ymax = math.Max(ymax, e.Hi)
	}
	return
}

// hline draws a horizontal reference line across the plot at y.
type hline struct {
	y     float64
	style draw.LineStyle
}

func (h hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(h.y)
	if y >= c.Min.Y-0.01 && y <= c.Max.Y+0.01 {
		c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
	}
}

// pointLabel writes a value beside a point of the data: the latest
// month's figure, say.
type pointLabel struct {
	x, y  float64
	text  string
	style draw.TextStyle
	dy    vg.Length
}

func (l pointLabel) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.FillText(l.style, vg.Point{X: trX(l.x), Y: trY(l.y) + l.dy}, l.text)
}

// rectPts is the rectangle (x0,y0)-(x1,y1) as a polygon.
func rectPts(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// tint mixes a colour with white: f is the share of white.
func tint(c color.Color, f float64) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8(math.Round(float64(v>>8)*(1-f) + 255*f)) }
	return color.RGBA{mix(r), mix(g), mix(b), 0xFF}
}
