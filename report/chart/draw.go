package chart

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Page layout, in points: margins around the chart and the gaps between
// its blocks.
const (
	marginX       = 14
	marginTop     = 12
	marginBottom  = 10
	gapAfterTitle = 3
	gapBlock      = 8
	keySwatch     = 14
	keyGap        = 12
	panelPadX     = 14
	panelPadY     = 8
)

// Draw draws the whole chart on c: title, subtitle and key at the top,
// notes and source at the bottom, the sections of panels between. The key
// sits above the panels, never over the data.
func (ch *Chart) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	area := c.Rectangle
	area.Min.X += marginX
	area.Max.X -= marginX
	area.Max.Y -= marginTop
	area.Min.Y += marginBottom
	width := area.Max.X - area.Min.X

	// Top: title, subtitle, key.
	y := area.Max.Y
	y = drawLines(c, textStyle(sizeTitle, true, colText), area.Min.X, y, wrapText(textStyle(sizeTitle, true, colText), ch.Title, width))
	if ch.Subtitle != "" {
		y -= gapAfterTitle
		y = drawLines(c, textStyle(sizeSubtitle, false, colSecondary), area.Min.X, y, wrapText(textStyle(sizeSubtitle, false, colSecondary), ch.Subtitle, width))
	}
	if len(ch.Key) > 0 {
		y -= gapBlock
		y = drawKey(c, ch.Key, area.Min.X, y, width)
	}
	top := y - gapBlock

	// Bottom: notes, then the source on the last lines.
	capSty := textStyle(sizeCaption, false, colSecondary)
	var capLines []string
	for _, n := range ch.Notes {
		capLines = append(capLines, wrapText(capSty, n, width)...)
	}
	if ch.Source != "" {
		capLines = append(capLines, wrapText(capSty, ch.Source, width)...)
	}
	bottom := area.Min.Y
	if len(capLines) > 0 {
		h := linesHeight(capSty, len(capLines))
		drawLines(c, capSty, area.Min.X, area.Min.Y+h, capLines)
		bottom += h + gapBlock
	}

	// Middle: the sections, sharing the height by weight.
	total := 0.0
	for _, s := range ch.Sections {
		total += sectionWeight(s)
	}
	y = top
	for _, s := range ch.Sections {
		h := (top - bottom) * vg.Length(sectionWeight(s)/total)
		sec := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: area.Min.X, Y: y - h},
			Max: vg.Point{X: area.Max.X, Y: y},
		}}
		drawSection(sec, s)
		y -= h
	}
}

func sectionWeight(s Section) float64 {
	if s.Weight <= 0 {
		return 1
	}
	return s.Weight
}

// drawSection draws a heading, then the panels aligned with plot.Align,
// each under its label.
func drawSection(c draw.Canvas, s Section) {
	if s.Heading != "" {
		sty := textStyle(sizePanel+0.5, true, colText)
		c.Max.Y = drawLines(c, sty, c.Min.X, c.Max.Y, []string{s.Heading}) - gapBlock/2
	}
	rows := len(s.Panels)
	if rows == 0 {
		return
	}
	cols := 0
	for _, r := range s.Panels {
		cols = max(cols, len(r))
	}
	grid := make([][]*plot.Plot, rows)
	for i := range grid {
		grid[i] = make([]*plot.Plot, cols)
		copy(grid[i], s.Panels[i])
	}
	labelSty := textStyle(sizePanel, true, colText)
	labelH := vg.Length(0)
	for _, r := range s.Labels {
		for _, l := range r {
			if l != "" {
				labelH = labelSty.Height("Ag") + 3
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: panelPadX, PadY: panelPadY}
	canvases := plot.Align(grid, tiles, c)
	for i, r := range grid {
		for j, p := range r {
			if p == nil {
				continue
			}
			pc := canvases[i][j]
			pc.Max.Y -= labelH
			p.Draw(pc)
			if l := cell(s.Labels, i, j); l != "" {
				sty := labelSty
				if lc := cellColor(s.LabelColors, i, j); lc != nil {
					sty.Color = lc
				}
				dc := p.DataCanvas(pc)
				drawLines(c, sty, dc.Min.X, pc.Max.Y+labelH, []string{l})
			}
		}
	}
}

func cell(ss [][]string, i, j int) string {
	if i < len(ss) && j < len(ss[i]) {
		return ss[i][j]
	}
	return ""
}

func cellColor(cs [][]color.Color, i, j int) color.Color {
	if i < len(cs) && j < len(cs[i]) {
		return cs[i][j]
	}
	return nil
}

// lineHeight is the distance between baselines: 1.2 times the font size.
func lineHeight(sty text.Style) vg.Length { return sty.Font.Size * 1.2 }

func linesHeight(sty text.Style, n int) vg.Length { return lineHeight(sty) * vg.Length(n) }

// drawLines draws lines of text left-aligned from x, the first line's top
// at y, and returns the y under the last line.
func drawLines(c draw.Canvas, sty text.Style, x, y vg.Length, lines []string) vg.Length {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	for _, l := range lines {
		c.FillText(sty, vg.Point{X: x, Y: y - (lineHeight(sty)-sty.Font.Size)/2}, l)
		y -= lineHeight(sty)
	}
	return y
}

// wrapText breaks s into lines no wider than width, between words.
func wrapText(sty text.Style, s string, width vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, w := range words {
			try := w
			if line != "" {
				try = line + " " + w
			}
			if line != "" && sty.Width(try) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			line = try
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// drawKey draws the key items in a row, wrapping onto more rows when they
// do not fit, and returns the y under the last row.
func drawKey(c draw.Canvas, items []KeyItem, x0, y, width vg.Length) vg.Length {
	sty := textStyle(sizeLegend, false, colText)
	rowH := lineHeight(sty) + 2
	x := x0
	for _, it := range items {
		w := keySwatch + 4 + sty.Width(it.Label)
		if x > x0 && x+w > x0+width {
			x = x0
			y -= rowH
		}
		mid := y - rowH/2
		switch it.Shape {
		case KeyLine:
			c.StrokeLine2(draw.LineStyle{Color: it.Color, Width: vg.Points(2), Dashes: it.Dashes}, x, mid, x+keySwatch, mid)
		case KeyDot:
			c.StrokeLine2(draw.LineStyle{Color: it.Color, Width: vg.Points(1)}, x+keySwatch/2, mid-5, x+keySwatch/2, mid+5)
			c.FillPolygon(it.Color, circlePoly(vg.Point{X: x + keySwatch/2, Y: mid}, 3))
		default:
			sw := rectPts(x, mid-4.5, x+keySwatch, mid+4.5)
			c.FillPolygon(it.Color, sw)
			// A hairline keeps a near-white swatch (zero) visible.
			c.StrokeLines(draw.LineStyle{Color: colGrid, Width: vg.Points(0.5)}, append(sw, sw[0]))
		}
		s := sty
		s.XAlign, s.YAlign = draw.XLeft, draw.YCenter
		c.FillText(s, vg.Point{X: x + keySwatch + 4, Y: mid}, it.Label)
		x += w + keyGap
	}
	return y - rowH
}

// circlePoly approximates a circle by a 16-sided polygon, which every
// format draws alike.
func circlePoly(ctr vg.Point, r vg.Length) []vg.Point {
	pts := make([]vg.Point, 16)
	for i := range pts {
		s, co := sincos16[i][0], sincos16[i][1]
		pts[i] = vg.Point{X: ctr.X + r*vg.Length(co), Y: ctr.Y + r*vg.Length(s)}
	}
	return pts
}
