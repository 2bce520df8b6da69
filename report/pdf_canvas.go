package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"codeberg.org/go-pdf/fpdf"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas draws a chart (any gonum/plot drawing) as vectors into a
// page of the report's own fpdf document, so that the charts sit among
// the report's text in one file, with the same embedded UTF-8 fonts.
// gonum/plot's vgpdf cannot do this: it makes a document of its own, one
// chart a page, with Windows-1252 text and the clock as creation date.
//
// Coordinates: the canvas writes a point (X, Y) of the chart as the fpdf
// point (X, pageHeight-Y), which fpdf writes to the page as (X, Y): the
// chart's own points, y upwards as in gonum/plot. One transformation,
// set by place, then scales the chart and moves it where the page wants
// it; Translate, Rotate and Scale add theirs on top, as PDF's cm does.
type pdfCanvas struct {
	doc    *pdfDoc
	w, h   vg.Length // the chart's size
	pageH  float64   // the fpdf page height, in points
	alphas []float64 // the opacity in force, a level per Push
}

// place starts drawing a chart of size w×h with its top-left corner at
// (x, y) of the page (fpdf coordinates, y downwards), scaled by scale.
// end must follow.
func (d *pdfDoc) place(w, h vg.Length, x, y, scale float64) *pdfCanvas {
	_, pageH := d.pdf.GetPageSize()
	c := &pdfCanvas{doc: d, w: w, h: h, pageH: pageH, alphas: []float64{1}}
	d.pdf.TransformBegin()
	d.pdf.Transform(fpdf.TransformMatrix{A: scale, D: scale, E: x, F: pageH - y - scale*h.Points()})
	return c
}

// end closes what place began.
func (c *pdfCanvas) end() {
	c.doc.pdf.TransformEnd()
	c.doc.pdf.SetAlpha(1, "Normal")
	c.doc.pdf.SetDashPattern(nil, 0)
}

func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) SetLineWidth(w vg.Length) { c.doc.pdf.SetLineWidth(w.Points()) }

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = d.Points()
	}
	c.doc.pdf.SetDashPattern(ds, offs.Points())
}

func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	r, g, b, a := pdfRGBA(clr)
	p := c.doc.pdf
	p.SetDrawColor(r, g, b)
	p.SetFillColor(r, g, b)
	p.SetTextColor(r, g, b)
	if a != c.alphas[len(c.alphas)-1] {
		p.SetAlpha(a, "Normal")
		c.alphas[len(c.alphas)-1] = a
	}
}

// pdfRGBA is a colour as fpdf takes it: 8-bit red, green and blue, not
// premultiplied, and an opacity.
func pdfRGBA(clr color.Color) (r, g, b int, a float64) {
	nc := color.NRGBAModel.Convert(clr).(color.NRGBA)
	return int(nc.R), int(nc.G), int(nc.B), float64(nc.A) / 255
}

func (c *pdfCanvas) cm(a, b, cc, d, e, f float64) {
	c.doc.pdf.Transform(fpdf.TransformMatrix{A: a, B: b, C: cc, D: d, E: e, F: f})
}

func (c *pdfCanvas) Rotate(rad float64) {
	s, co := math.Sincos(rad)
	c.cm(co, s, -s, co, 0, 0)
}

func (c *pdfCanvas) Translate(pt vg.Point) { c.cm(1, 0, 0, 1, pt.X.Points(), pt.Y.Points()) }

func (c *pdfCanvas) Scale(x, y float64) { c.cm(x, 0, 0, y, 0, 0) }

func (c *pdfCanvas) Push() {
	c.doc.pdf.TransformBegin()
	c.alphas = append(c.alphas, c.alphas[len(c.alphas)-1])
}

func (c *pdfCanvas) Pop() {
	c.doc.pdf.TransformEnd()
	c.alphas = c.alphas[:len(c.alphas)-1]
}

// xy is a chart point in fpdf's coordinates (see pdfCanvas).
func (c *pdfCanvas) xy(p vg.Point) (float64, float64) {
	return p.X.Points(), c.pageH - p.Y.Points()
}

func (c *pdfCanvas) Stroke(p vg.Path) { c.path(p, "D") }

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

func (c *pdfCanvas) path(path vg.Path, style string) {
	p := c.doc.pdf
	if len(path) == 0 {
		return
	}
	for _, comp := range path {
		switch comp.Type {
		case vg.MoveComp:
			p.MoveTo(c.xy(comp.Pos))
		case vg.LineComp:
			p.LineTo(c.xy(comp.Pos))
		case vg.ArcComp:
			c.arc(comp)
		case vg.CurveComp:
			x, y := c.xy(comp.Pos)
			switch len(comp.Control) {
			case 1:
				cx, cy := c.xy(comp.Control[0])
				p.CurveTo(cx, cy, x, y)
			case 2:
				cx, cy := c.xy(comp.Control[0])
				dx, dy := c.xy(comp.Control[1])
				p.CurveBezierCubicTo(cx, cy, dx, dy, x, y)
			default:
				panic("pdf chart: a curve with more than two control points")
			}
		case vg.CloseComp:
			p.ClosePath()
		default:
			panic(fmt.Sprintf("pdf chart: unknown path component %d", comp.Type))
		}
	}
	p.DrawPath(style)
}

// arc draws an arc as cubic Bézier curves of at most a quarter turn
// each, after a line to its start (as vg's arcs begin).
func (c *pdfCanvas) arc(comp vg.PathComp) {
	p := c.doc.pdf
	r := comp.Radius.Points()
	cx, cy := comp.Pos.X.Points(), comp.Pos.Y.Points()
	at := func(a float64) vg.Point {
		return vg.Point{X: vg.Length(cx + r*math.Cos(a)), Y: vg.Length(cy + r*math.Sin(a))}
	}
	start := at(comp.Start)
	p.LineTo(c.xy(start))
	n := int(math.Ceil(math.Abs(comp.Angle) / (math.Pi / 2)))
	if n == 0 {
		return
	}
	step := comp.Angle / float64(n)
	k := 4.0 / 3 * math.Tan(step/4) * r
	a0 := comp.Start
	for range n {
		a1 := a0 + step
		s0, c0 := math.Sincos(a0)
		s1, c1 := math.Sincos(a1)
		p1 := vg.Point{X: vg.Length(cx + r*c0 - k*s0), Y: vg.Length(cy + r*s0 + k*c0)}
		p2 := vg.Point{X: vg.Length(cx + r*c1 + k*s1), Y: vg.Length(cy + r*s1 - k*c1)}
		x1, y1 := c.xy(p1)
		x2, y2 := c.xy(p2)
		x3, y3 := c.xy(at(a1))
		p.CurveBezierCubicTo(x1, y1, x2, y2, x3, y3)
		a0 = a1
	}
}

// FillString writes str with its baseline starting at pt, as text: it
// stays selectable and searchable in the PDF.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 || str == "" {
		return
	}
	style := ""
	if f.Font.Weight >= stdfont.WeightSemiBold {
		style += "B"
	}
	if f.Font.Style == stdfont.StyleItalic {
		style += "I"
	}
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.doc.setFont(style, f.Font.Size.Points())
	c.doc.text(0, c.pageH, str)
}

// DrawImage draws img as a PNG filling rect.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		c.doc.pdf.SetError(fmt.Errorf("pdf chart: encoding an image: %w", err))
		return
	}
	c.doc.images++
	name := fmt.Sprintf("chart-image-%d", c.doc.images)
	opt := fpdf.ImageOptions{ImageType: "png"}
	c.doc.pdf.RegisterImageOptionsReader(name, opt, &b)
	x, y := c.xy(vg.Point{X: rect.Min.X, Y: rect.Max.Y})
	c.doc.pdf.ImageOptions(name, x, y, (rect.Max.X - rect.Min.X).Points(), (rect.Max.Y - rect.Min.Y).Points(), false, opt, 0, "")
}
